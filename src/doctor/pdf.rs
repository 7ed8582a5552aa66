//! Paints laid-out pages with krilla: the DejaVu fonts embedded and subset (only the
//! glyphs used), text written as text (it extracts and searches), the pictures as PNG.

use super::doc::{Block, Doc};
use super::layout::{Metrics, Op, Page, Paper, layout};
use crate::pictures::{BOLD_FONT, REGULAR_FONT};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use std::sync::OnceLock;

/// Why a PDF could not be written (each a bug rather than bad data).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bundled fonts did not load.
    #[error("the bundled fonts do not load")]
    Fonts,
    /// A picture is not a PNG krilla reads.
    #[error("a picture does not load: {0}")]
    Image(String),
    /// The page size is impossible.
    #[error("no page can be {0:?}")]
    Paper(Paper),
    /// krilla refused the document.
    #[error("the PDF does not serialise: {0:?}")]
    Write(krilla::error::KrillaError),
}

struct Fonts {
    regular: Font,
    bold: Font,
}

fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Font::new(REGULAR_FONT.into(), 0)?,
                bold: Font::new(BOLD_FONT.into(), 0)?,
            })
        })
        .as_ref()
}

/// Text widths for the layout, from the fonts the PDF embeds.
pub fn metrics() -> Option<Metrics> {
    Metrics::new(REGULAR_FONT, BOLD_FONT)
}

fn fill(shade: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(shade, shade, shade).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The PDF of `doc` on `paper`, with the number of pages.
pub fn pdf(doc: &Doc, paper: Paper) -> Result<(Vec<u8>, usize), PdfError> {
    let fonts = fonts().ok_or(PdfError::Fonts)?;
    let m = metrics().ok_or(PdfError::Fonts)?;
    let pages: Vec<Page> = layout(doc, paper, &m);
    let mut images = Vec::new();
    for block in &doc.blocks {
        if let Block::Figure(f) = block {
            images.push(Image::from_png(f.png.clone().into(), true).map_err(PdfError::Image)?);
        }
    }
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.to_owned())
            .creator("headlog".to_owned()),
    );
    let settings =
        PageSettings::from_wh(paper.width, paper.height).ok_or(PdfError::Paper(paper))?;
    for page in &pages {
        let mut p = document.start_page_with(settings.clone());
        let mut surface = p.surface();
        for op in &page.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    grey,
                    text,
                } => {
                    surface.set_fill(Some(fill(if *grey { 95 } else { 20 })));
                    let font = if *bold { &fonts.bold } else { &fonts.regular };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Fill { x, y, w, h, shade } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(fill(*shade)));
                        surface.draw_path(&path);
                    }
                }
                Op::Image { figure, x, y, w, h } => {
                    let (Some(image), Some(size)) = (images.get(*figure), Size::from_wh(*w, *h))
                    else {
                        continue;
                    };
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(image.clone(), size);
                    surface.pop();
                }
            }
        }
        surface.finish();
        p.finish();
    }
    let bytes = document.finish().map_err(PdfError::Write)?;
    Ok((bytes, pages.len()))
}
