//! The drawing layer: an SVG string built by hand, its text escaped, measured with the
//! bundled fonts and rasterised by resvg into a PNG. No system font is ever looked up.

use super::{Picture, PictureError};
use resvg::tiny_skia::{Color, PathSegment, Pixmap, Point, Transform};
use resvg::usvg::{self, fontdb};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

/// DejaVu Sans, regular (licence in `assets/fonts/LICENSE`).
pub(crate) const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub(crate) const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The family both fonts belong to; every text element uses it.
pub(super) const FAMILY: &str = "DejaVu Sans";

/// The two bundled fonts, loaded once.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_source(fontdb::Source::Binary(Arc::new(REGULAR)));
            db.load_font_source(fontdb::Source::Binary(Arc::new(BOLD)));
            // Generic families resolve to the bundled font too.
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    }
}

/// `text` with the five characters XML gives a meaning escaped, ready for an SVG text
/// node or attribute value. Every piece of text put into a picture goes through here.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How a text line is aligned on its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text style: size in pixels, weight, colour.
#[derive(Debug, Clone, Copy)]
pub(super) struct Font {
    pub size: f32,
    pub bold: bool,
    pub color: &'static str,
}

impl Font {
    pub const fn regular(size: f32, color: &'static str) -> Font {
        Font {
            size,
            bold: false,
            color,
        }
    }

    pub const fn bold(size: f32, color: &'static str) -> Font {
        Font {
            size,
            bold: true,
            color,
        }
    }

    /// The same font in another colour.
    pub const fn in_color(self, color: &'static str) -> Font {
        Font { color, ..self }
    }

    /// The distance between two baselines.
    pub fn line_height(&self) -> f32 {
        (self.size * 1.3).round()
    }
}

/// An SVG document being written; its height is fixed when it is finished.
pub(super) struct Svg {
    width: u32,
    body: String,
}

impl Svg {
    pub fn new(width: u32) -> Svg {
        Svg {
            width,
            body: String::with_capacity(64 * 1024),
        }
    }

    pub fn width(&self) -> f32 {
        self.width as f32
    }

    /// A rectangle filled with `fill`.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}"/>"#
        );
    }

    /// A rectangle with rounded corners and extra attributes (stroke and the like).
    pub fn rect_with(&mut self, x: f32, y: f32, w: f32, h: f32, rx: f32, attrs: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" rx="{rx:.2}" {attrs}/>"#
        );
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: &str, width: f32) {
        self.line_with(from, to, color, width, "");
    }

    /// A straight line with extra attributes (a dash pattern).
    pub fn line_with(
        &mut self,
        (x1, y1): (f32, f32),
        (x2, y2): (f32, f32),
        color: &str,
        width: f32,
        attrs: &str,
    ) {
        let _ = write!(
            self.body,
            r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{color}" stroke-width="{width:.2}" {attrs}/>"#
        );
    }

    /// A filled circle with an outline.
    pub fn circle(&mut self, (cx, cy): (f32, f32), r: f32, fill: &str, stroke: &str, sw: f32) {
        let _ = write!(
            self.body,
            r#"<circle cx="{cx:.2}" cy="{cy:.2}" r="{r:.2}" fill="{fill}" stroke="{stroke}" stroke-width="{sw:.2}"/>"#
        );
    }

    /// A filled polygon through `points`.
    pub fn polygon(&mut self, points: &[(f32, f32)], fill: &str, stroke: &str, sw: f32) {
        self.body.push_str(r#"<polygon points=""#);
        for (x, y) in points {
            let _ = write!(self.body, "{x:.2},{y:.2} ");
        }
        let _ = write!(
            self.body,
            r#"" fill="{fill}" stroke="{stroke}" stroke-width="{sw:.2}"/>"#
        );
    }

    /// One line of text with its baseline at `y`, escaped.
    pub fn text(&mut self, x: f32, y: f32, font: Font, anchor: Anchor, text: &str) {
        let weight = if font.bold { "bold" } else { "normal" };
        let _ = write!(
            self.body,
            r#"<text x="{x:.2}" y="{y:.2}" font-size="{:.1}" font-weight="{weight}" fill="{}" text-anchor="{}">{}</text>"#,
            font.size,
            font.color,
            anchor.attr(),
            escape(text)
        );
    }

    /// Lines of text, the first baseline at `y`; returns the baseline after the last one.
    pub fn lines(&mut self, x: f32, y: f32, font: Font, anchor: Anchor, lines: &[String]) -> f32 {
        let mut at = y;
        for line in lines {
            self.text(x, at, font, anchor, line);
            at += font.line_height();
        }
        at
    }

    /// A path of `data` with `attrs` (its fill, stroke and the like); nothing when empty.
    pub fn path(&mut self, data: &PathData, attrs: &str) {
        if !data.0.is_empty() {
            let _ = write!(self.body, r#"<path d="{}" {attrs}/>"#, data.0);
        }
    }

    /// The finished document, `height` pixels high (rendered on white).
    pub fn finish(self, height: u32) -> String {
        let mut out = String::with_capacity(self.body.len() + 512);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" viewBox="0 0 {w} {height}" font-family="{FAMILY}">"#,
            w = self.width,
        );
        out.push_str(&self.body);
        out.push_str("</svg>");
        out
    }

    /// Finishes the document and rasterises it.
    pub fn render(self, height: u32) -> Result<Picture, PictureError> {
        let width = self.width;
        render(&self.finish(height), width, height)
    }
}

/// Path data gathered from many shapes, to draw them as one element: one element of many
/// shapes parses and fills much faster than many elements of one shape each.
#[derive(Debug, Default)]
pub(super) struct PathData(String);

impl PathData {
    /// A number to a tenth, without a trailing `.0` (formatting floats is slow, and the
    /// calendar writes thousands of them).
    fn num(&mut self, v: f32) {
        let tenths = (v * 10.0).round() as i64;
        if tenths < 0 {
            self.0.push('-');
        }
        let t = tenths.unsigned_abs();
        let _ = write!(self.0, "{}", t / 10);
        if !t.is_multiple_of(10) {
            self.0.push('.');
            self.0.push(char::from(b'0' + (t % 10) as u8));
        }
    }

    /// A command and its numbers.
    fn command(&mut self, command: char, numbers: &[f32]) {
        self.0.push(command);
        for (i, n) in numbers.iter().enumerate() {
            if i > 0 {
                self.0.push(' ');
            }
            self.num(*n);
        }
    }

    fn point(&mut self, command: char, p: Point) {
        self.command(command, &[p.x, p.y]);
    }

    /// A circular arc of radius `r` to (x, y), clockwise.
    fn arc(&mut self, r: f32, large: bool, x: f32, y: f32) {
        let large = if large { 1.0 } else { 0.0 };
        self.command('A', &[r, r, 0.0, large, 1.0, x, y]);
    }

    /// A rectangle with corners rounded by `r`.
    pub fn rounded_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) {
        let r = r.min(w / 2.0).min(h / 2.0);
        let (right, bottom) = (x + w, y + h);
        self.command('M', &[x + r, y]);
        self.command('H', &[right - r]);
        self.arc(r, false, right, y + r);
        self.command('V', &[bottom - r]);
        self.arc(r, false, right - r, bottom);
        self.command('H', &[x + r]);
        self.arc(r, false, x, bottom - r);
        self.command('V', &[y + r]);
        self.arc(r, false, x + r, y);
        self.0.push('Z');
    }

    /// Diagonal stripes (rising to the right) over the rectangle, cut to it. The stripes of
    /// all rectangles line up, so that neighbours read as one hatched area.
    pub fn stripes(&mut self, x: f32, y: f32, w: f32, h: f32) {
        const PERIOD: f32 = 14.0;
        const STRIPE: f32 = 5.0;
        let square = [
            Point::from_xy(x, y),
            Point::from_xy(x + w, y),
            Point::from_xy(x + w, y + h),
            Point::from_xy(x, y + h),
        ];
        // Along x + y = c: from the first stripe touching the rectangle to the last.
        let mut c = ((x + y - STRIPE) / PERIOD).ceil() * PERIOD;
        while c <= x + w + y + h {
            let band = clip(&square, |p| p.x + p.y - c);
            let band = clip(&band, |p| c + STRIPE - (p.x + p.y));
            if let Some((first, rest)) = band.split_first() {
                self.point('M', *first);
                for p in rest {
                    self.point('L', *p);
                }
                self.0.push('Z');
            }
            c += PERIOD;
        }
    }

    /// A circle.
    pub fn circle(&mut self, (cx, cy): (f32, f32), r: f32) {
        self.command('M', &[cx - r, cy]);
        self.arc(r, true, cx + r, cy);
        self.arc(r, true, cx - r, cy);
        self.0.push('Z');
    }

    /// `text` as glyph outlines with its baseline at `y` (no kerning: for numbers and
    /// short labels, drawn many times over; other text goes through [`Svg::text`]).
    pub fn glyphs(&mut self, x: f32, y: f32, font: Font, anchor: Anchor, text: &str) {
        let width = text_width(text, font);
        let mut at = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let mut buf = [0; 4];
        for c in text.chars() {
            // The glyph is written relative to its origin: only the origin is formatted.
            self.command('M', &[at, y]);
            self.0.push_str(&glyph(c, font));
            at += text_width(c.encode_utf8(&mut buf), font);
        }
    }
}

/// The outline of `c` in `font` as relative path data from its origin on the baseline,
/// made once per character and size. Coordinates are rounded to hundredths in the glyph's
/// own frame before they are made relative, so that rounding never adds up.
fn glyph(c: char, font: Font) -> Arc<str> {
    type Glyphs = Mutex<HashMap<(char, bool, u32), Arc<str>>>;
    static GLYPHS: OnceLock<Glyphs> = OnceLock::new();
    let key = (c, font.bold, font.size.to_bits());
    let cache = GLYPHS.get_or_init(Mutex::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache
        .entry(key)
        .or_insert_with(|| relative(&outline(c, font.bold).segments, font.size).into())
        .clone()
}

/// `segments` (in ems) at `size` as relative path data from (0, 0).
fn relative(segments: &[PathSegment], size: f32) -> String {
    let at = |p: Point| {
        (
            (p.x * size * 100.0).round() as i64,
            (p.y * size * 100.0).round() as i64,
        )
    };
    let mut out = String::new();
    let (mut current, mut start) = ((0, 0), (0, 0));
    let push = |out: &mut String, current: (i64, i64), p: (i64, i64)| {
        for v in [p.0 - current.0, p.1 - current.1] {
            if !out.ends_with(|c: char| c.is_ascii_alphabetic()) && v >= 0 {
                out.push(' ');
            }
            let _ = if v % 100 == 0 {
                write!(out, "{}", v / 100)
            } else {
                write!(out, "{}", v as f64 / 100.0)
            };
        }
    };
    for seg in segments {
        match *seg {
            PathSegment::MoveTo(p) => {
                out.push('m');
                push(&mut out, current, at(p));
                (current, start) = (at(p), at(p));
            }
            PathSegment::LineTo(p) => {
                out.push('l');
                push(&mut out, current, at(p));
                current = at(p);
            }
            PathSegment::QuadTo(p1, p) => {
                out.push('q');
                push(&mut out, current, at(p1));
                push(&mut out, current, at(p));
                current = at(p);
            }
            PathSegment::CubicTo(p1, p2, p) => {
                out.push('c');
                push(&mut out, current, at(p1));
                push(&mut out, current, at(p2));
                push(&mut out, current, at(p));
                current = at(p);
            }
            PathSegment::Close => {
                out.push('z');
                current = start;
            }
        }
    }
    out
}

/// The part of the convex `polygon` where `inside` is not negative (`inside` linear).
fn clip(polygon: &[Point], inside: impl Fn(Point) -> f32) -> Vec<Point> {
    let mut out = Vec::with_capacity(polygon.len() + 2);
    for (i, &a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        let (da, db) = (inside(a), inside(b));
        if da >= 0.0 {
            out.push(a);
        }
        if (da >= 0.0) != (db >= 0.0) {
            let t = da / (da - db);
            out.push(Point::from_xy(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t));
        }
    }
    out
}

/// One character's outline in ems, its origin on the baseline at the left.
struct Outline {
    segments: Vec<PathSegment>,
}

/// The outline of `c`, taken once from the font through usvg's own text layout.
fn outline(c: char, bold: bool) -> Arc<Outline> {
    type Outlines = Mutex<HashMap<(char, bool), Arc<Outline>>>;
    static OUTLINES: OnceLock<Outlines> = OnceLock::new();
    let cache = OUTLINES.get_or_init(Mutex::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    cache
        .entry((c, bold))
        .or_insert_with(|| {
            Arc::new(Outline {
                segments: lay_out(c, bold),
            })
        })
        .clone()
}

fn lay_out(c: char, bold: bool) -> Vec<PathSegment> {
    let weight = if bold { "bold" } else { "normal" };
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="0" y="0" font-size="{MEASURE_SIZE}" font-weight="{weight}">{}</text></svg>"#,
        escape(&c.to_string())
    );
    let mut segments = Vec::new();
    if let Ok(tree) = usvg::Tree::from_str(&svg, &options()) {
        collect(tree.root(), &mut segments);
    }
    segments
}

/// The path segments under `group`, in ems.
fn collect(group: &usvg::Group, out: &mut Vec<PathSegment>) {
    let em = |t: Transform, mut p: Point| {
        t.map_point(&mut p);
        Point::from_xy(p.x / MEASURE_SIZE, p.y / MEASURE_SIZE)
    };
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect(g, out),
            usvg::Node::Text(t) => collect(t.flattened(), out),
            usvg::Node::Path(path) => {
                let t = path.abs_transform();
                out.extend(path.data().segments().map(|seg| match seg {
                    PathSegment::MoveTo(p) => PathSegment::MoveTo(em(t, p)),
                    PathSegment::LineTo(p) => PathSegment::LineTo(em(t, p)),
                    PathSegment::QuadTo(p1, p) => PathSegment::QuadTo(em(t, p1), em(t, p)),
                    PathSegment::CubicTo(p1, p2, p) => {
                        PathSegment::CubicTo(em(t, p1), em(t, p2), em(t, p))
                    }
                    PathSegment::Close => PathSegment::Close,
                }));
            }
            usvg::Node::Image(_) => {}
        }
    }
}

/// Rasterises an SVG document of `width` × `height` pixels into a PNG.
pub(super) fn render(svg: &str, width: u32, height: u32) -> Result<Picture, PictureError> {
    let tree = usvg::Tree::from_str(svg, &options())?;
    let mut pixmap = Pixmap::new(width, height).ok_or(PictureError::Size { width, height })?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    let png = encode(&pixmap).map_err(|e| PictureError::Png(e.to_string()))?;
    Ok(Picture { png, width, height })
}

/// The pixmap as an RGB PNG, compressed fast: the pictures are opaque, and their flat
/// colours compress well even so.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    // Drawn on opaque white, every pixel is opaque: premultiplied is plain RGB.
    let mut rgb = Vec::with_capacity(pixmap.pixels().len() * 3);
    for p in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&p[..3]);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}

/// The characters whose advance widths are measured: ASCII, Cyrillic and the punctuation
/// the labels use. Any other character is taken as [`OTHER_ADVANCE`] wide.
fn measured() -> impl Iterator<Item = char> {
    (' '..='~')
        .chain('А'..='я')
        .chain("ЁёІіЇїЄє–—…«»“”‘’≥≤·×−°№•".chars())
}

/// An average advance, in ems, for characters not measured.
const OTHER_ADVANCE: f32 = 0.65;
/// The size measurements are taken at.
const MEASURE_SIZE: f32 = 100.0;

/// Advance widths in ems, regular and bold.
struct Advances {
    regular: HashMap<char, f32>,
    bold: HashMap<char, f32>,
}

/// Measures each character once with the real fonts: the ink width of `HcH` less that of
/// `HH` is the advance of `c` (kerning against `H` aside, which DejaVu hardly has).
fn advances() -> &'static Advances {
    static ADVANCES: OnceLock<Advances> = OnceLock::new();
    ADVANCES.get_or_init(|| {
        let chars: Vec<char> = measured().collect();
        let mut svg = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#);
        for weight in ["normal", "bold"] {
            let _ = write!(
                svg,
                r#"<text id="{weight}" x="0" y="100" font-size="{MEASURE_SIZE}" font-weight="{weight}">HH</text>"#
            );
            for (i, c) in chars.iter().enumerate() {
                let text = escape(&c.to_string()).into_owned();
                let _ = write!(
                    svg,
                    r#"<text id="{weight}_{i}" x="0" y="100" font-size="{MEASURE_SIZE}" font-weight="{weight}" xml:space="preserve">H{text}H</text>"#
                );
            }
        }
        svg.push_str("</svg>");
        let tree = usvg::Tree::from_str(&svg, &options()).ok();
        let width = |id: &str| -> Option<f32> {
            match tree.as_ref()?.node_by_id(id)? {
                usvg::Node::Text(t) => Some(t.bounding_box().width()),
                usvg::Node::Group(g) => Some(g.bounding_box().width()),
                _ => None,
            }
        };
        let table = |weight: &str| -> HashMap<char, f32> {
            let base = width(weight);
            chars
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let w = width(&format!("{weight}_{i}"))? - base?;
                    (w > 0.0).then_some((*c, w / MEASURE_SIZE))
                })
                .collect()
        };
        Advances {
            regular: table("normal"),
            bold: table("bold"),
        }
    })
}

/// The width of one line of `text` in `font`, in pixels.
pub(super) fn text_width(text: &str, font: Font) -> f32 {
    let table = if font.bold {
        &advances().bold
    } else {
        &advances().regular
    };
    let ems: f32 = text
        .chars()
        .map(|c| table.get(&c).copied().unwrap_or(OTHER_ADVANCE))
        .sum();
    ems * font.size
}

/// `text` broken at spaces into lines at most `max` pixels wide (a word wider than that
/// stands on its own line).
pub(super) fn wrap(text: &str, font: Font, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
            continue;
        }
        let candidate = format!("{line} {word}");
        if text_width(&candidate, font) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_the_five_xml_characters_and_nothing_else() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert!(matches!(
            escape("Мигрень 5/10"),
            Cow::Borrowed("Мигрень 5/10")
        ));
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn text_with_markup_characters_renders_as_text() {
        let mut svg = Svg::new(400);
        svg.text(
            10.0,
            50.0,
            Font::regular(26.0, "black"),
            Anchor::Start,
            r#"<&>"' </svg>"#,
        );
        let doc = svg.finish(100);
        assert!(doc.contains("&lt;&amp;&gt;&quot;&apos; &lt;/svg&gt;"));
        let picture = render(&doc, 400, 100).expect("the escaped text parses");
        let pixmap = Pixmap::decode_png(&picture.png).unwrap();
        // Some ink was drawn: the text is there.
        assert!(pixmap.pixels().iter().any(|p| p.red() < 128));
    }

    #[test]
    fn the_bundled_fonts_measure_latin_and_cyrillic() {
        // Every character was measured (none falls back to the average).
        let n = measured().count();
        assert_eq!((advances().regular.len(), advances().bold.len()), (n, n));
        let font = Font::regular(100.0, "black");
        let h = text_width("H", font);
        assert!((60.0..90.0).contains(&h), "H is {h}");
        assert!(text_width("Ж", font) > text_width("i", font));
        assert!(text_width(" ", font) > 20.0);
        assert!(text_width("HH", Font::bold(100.0, "black")) > text_width("HH", font));
    }

    #[test]
    fn outlines_come_from_the_bundled_fonts_for_latin_cyrillic_and_digits() {
        for (c, bold) in [('7', false), ('Ж', true), ('W', false)] {
            let segments = &outline(c, bold).segments;
            assert!(segments.len() > 4, "{c}: {segments:?}");
            // An em-sized glyph: above the baseline, about one em across.
            let ys = segments.iter().filter_map(|s| match s {
                PathSegment::MoveTo(p) | PathSegment::LineTo(p) => Some(p.y),
                _ => None,
            });
            assert!(
                ys.fold(0.0f32, f32::min) < -0.5,
                "{c} rises above the baseline"
            );
        }
        assert!(outline(' ', false).segments.is_empty());
        let mut data = PathData::default();
        data.glyphs(
            100.0,
            50.0,
            Font::regular(26.0, "black"),
            Anchor::Middle,
            "17",
        );
        assert!(
            data.0.starts_with('M') && data.0.ends_with('z'),
            "{}",
            data.0
        );
        assert_eq!(data.0.matches('M').count(), 2, "one origin a glyph");
    }

    #[test]
    fn a_stripe_is_cut_to_its_rectangle() {
        let square = [
            Point::from_xy(0.0, 0.0),
            Point::from_xy(10.0, 0.0),
            Point::from_xy(10.0, 10.0),
            Point::from_xy(0.0, 10.0),
        ];
        // x + y ≥ 15: the triangle at the far corner.
        let corner = clip(&square, |p| p.x + p.y - 15.0);
        assert_eq!(corner.len(), 3);
        assert!(corner.iter().all(|p| p.x + p.y >= 15.0 - 1e-4));
        assert!(clip(&square, |p| p.x + p.y - 25.0).is_empty());
        let mut data = PathData::default();
        data.stripes(0.0, 0.0, 40.0, 40.0);
        let numbers: Vec<f32> = data
            .0
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(numbers.len() > 20);
        assert!(
            numbers.iter().all(|n| (0.0..=40.0).contains(n)),
            "{numbers:?}"
        );
    }

    #[test]
    fn wrapping_keeps_each_line_within_the_width() {
        let font = Font::regular(26.0, "black");
        let text = "Мигренеподобный по записанным признакам день с головной болью";
        let lines = wrap(text, font, 300.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, font) <= 300.0));
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("", font, 100.0), vec![String::new()]);
    }
}
