//! Lays a [`Doc`] out on pages: text wrapped at word boundaries (a word longer than its
//! column is broken, never cut), tables whose header repeats on every page they span (a
//! row taller than what is left of a page continues on the next), headings kept with what
//! follows, pictures scaled to the text width, and a footer with "page N of M". Text is
//! measured with rustybuzz, the shaper krilla draws with, from the same font files; the
//! result is a list of drawing operations per page that [`super::pdf`] paints.

use super::doc::{Block, Column, Doc, Figure, Table};
use std::cell::RefCell;
use std::collections::HashMap;

/// A sheet of paper, in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// ISO A4, 210 × 297 mm.
pub const A4: Paper = Paper {
    width: 595.28,
    height: 841.89,
};
/// US Letter, 8.5 × 11 in.
pub const LETTER: Paper = Paper {
    width: 612.0,
    height: 792.0,
};

const MARGIN_X: f32 = 48.0;
const MARGIN_TOP: f32 = 46.0;
const MARGIN_BOTTOM: f32 = 56.0;
const FOOTER_SIZE: f32 = 7.5;
const CELL_PAD: f32 = 3.0;
/// A picture's widest, as a share of the text width (two fit on a page).
const FIGURE_WIDTH: f32 = 0.8;
/// A picture's tallest, as a share of the page's text height.
const FIGURE_HEIGHT: f32 = 0.6;
/// How far below a line's top its baseline sits, per point of font size.
const ASCENT: f32 = 0.88;

/// A text style.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Style {
    size: f32,
    line: f32,
    bold: bool,
    grey: bool,
}

const TITLE: Style = Style {
    size: 17.0,
    line: 22.0,
    bold: true,
    grey: false,
};
const SUBTITLE: Style = Style {
    size: 9.5,
    line: 13.0,
    bold: false,
    grey: true,
};
const HEADING: Style = Style {
    size: 12.5,
    line: 16.0,
    bold: true,
    grey: false,
};
const BODY: Style = Style {
    size: 9.5,
    line: 12.5,
    bold: false,
    grey: false,
};
const NOTE: Style = Style {
    size: 7.8,
    line: 10.0,
    bold: false,
    grey: true,
};
const CELL: Style = Style {
    size: 7.6,
    line: 9.4,
    bold: false,
    grey: false,
};

/// One drawing operation, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A line of text starting at its baseline's left end.
    Text {
        /// Left end.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size.
        size: f32,
        /// Bold face.
        bold: bool,
        /// Grey rather than black.
        grey: bool,
        /// The text (one line).
        text: String,
    },
    /// A filled rectangle, grey level `shade` (0 black – 255 white).
    Fill {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Grey level.
        shade: u8,
    },
    /// A picture of the document (its index among the document's figures).
    Image {
        /// Which figure, in document order.
        figure: usize,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What to draw, in order.
    pub ops: Vec<Op>,
}

/// Text widths from the font files, cached per word.
pub struct Metrics {
    faces: [rustybuzz::Face<'static>; 2],
    per_em: [f32; 2],
    cache: RefCell<HashMap<(bool, String), f32>>,
}

impl Metrics {
    /// Metrics of the regular and bold fonts' files.
    pub fn new(regular: &'static [u8], bold: &'static [u8]) -> Option<Metrics> {
        let faces = [
            rustybuzz::Face::from_slice(regular, 0)?,
            rustybuzz::Face::from_slice(bold, 0)?,
        ];
        let per_em = [
            f32::from(faces[0].units_per_em() as u16),
            f32::from(faces[1].units_per_em() as u16),
        ];
        Some(Metrics {
            faces,
            per_em,
            cache: RefCell::new(HashMap::new()),
        })
    }

    /// The width of one word (no spaces) at size 1.
    fn word(&self, word: &str, bold: bool) -> f32 {
        let key = (bold, word.to_owned());
        if let Some(w) = self.cache.borrow().get(&key) {
            return *w;
        }
        let face = &self.faces[usize::from(bold)];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(word);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        let w = units as f32 / self.per_em[usize::from(bold)];
        self.cache.borrow_mut().insert(key, w);
        w
    }

    /// The width of a line of text at `size`.
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let space = self.word(" ", bold);
        let mut total = 0.0;
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                total += space;
            }
            if !word.is_empty() {
                total += self.word(word, bold);
            }
        }
        total * size
    }

    /// `text` broken into lines no wider than `width` at `size`: at spaces, at line
    /// breaks in the text, at soft hyphens (shown as "-" where a line breaks, dropped
    /// elsewhere), and inside a word only when the word alone is wider.
    pub fn wrap(&self, text: &str, width: f32, bold: bool, size: f32) -> Vec<String> {
        let space = self.word(" ", bold) * size;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = Line::default();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                // A hyphen inside a word is a place to break too (keeping the hyphen).
                let mut rest = word.replace('-', "-\u{ad}");
                if rest.ends_with(SHY) {
                    rest.pop();
                }
                loop {
                    let clean = rest.replace(SHY, "");
                    let avail = if line.text.is_empty() {
                        width
                    } else {
                        width - line.width - space
                    };
                    let w = self.width(&clean, bold, size);
                    if w <= avail {
                        line.push(&clean, w, space);
                        break;
                    }
                    // The longest part up to a soft hyphen that fits, with its hyphen.
                    let parts: Vec<&str> = rest.split(SHY).collect();
                    let fitting = (1..parts.len())
                        .map(|k| {
                            let mut head = parts[..k].concat();
                            if !head.ends_with('-') {
                                head.push('-');
                            }
                            (k, head)
                        })
                        .take_while(|(_, p)| self.width(p, bold, size) <= avail)
                        .last();
                    if let Some((k, prefix)) = fitting {
                        let pw = self.width(&prefix, bold, size);
                        line.push(&prefix, pw, space);
                        lines.push(std::mem::take(&mut line).text);
                        rest = parts[k..].join(&SHY.to_string());
                        continue;
                    }
                    if !line.text.is_empty() {
                        lines.push(std::mem::take(&mut line).text);
                        continue;
                    }
                    // Alone on a line and still too wide: as many characters as fit.
                    let mut piece = String::new();
                    for c in clean.chars() {
                        piece.push(c);
                        if piece.chars().count() > 1 && self.width(&piece, bold, size) > width {
                            piece.pop();
                            lines.push(std::mem::take(&mut piece));
                            piece.push(c);
                        }
                    }
                    let pw = self.width(&piece, bold, size);
                    line.push(&piece, pw, space);
                    break;
                }
            }
            lines.push(line.text);
        }
        lines
    }
}

/// The soft hyphen: where a long word may break, with a hyphen.
const SHY: char = '\u{ad}';

/// A line being filled.
#[derive(Default)]
struct Line {
    text: String,
    width: f32,
}

impl Line {
    fn push(&mut self, word: &str, w: f32, space: f32) {
        if !self.text.is_empty() {
            self.text.push(' ');
            self.width += space;
        }
        self.text.push_str(word);
        self.width += w;
    }
}

/// Pages being filled.
struct Flow<'a> {
    m: &'a Metrics,
    paper: Paper,
    pages: Vec<Page>,
    y: f32,
    figures: usize,
}

impl Flow<'_> {
    fn left(&self) -> f32 {
        MARGIN_X
    }

    fn content_width(&self) -> f32 {
        self.paper.width - 2.0 * MARGIN_X
    }

    fn bottom(&self) -> f32 {
        self.paper.height - MARGIN_BOTTOM
    }

    fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `h` points fit on this one (a fresh page takes anything).
    fn need(&mut self, h: f32) {
        if self.room() < h && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, style: Style, text: String) {
        let y = top + style.size * ASCENT;
        self.page().ops.push(Op::Text {
            x,
            y,
            size: style.size,
            bold: style.bold,
            grey: style.grey,
            text,
        });
    }

    /// Wrapped text across the content width, breaking pages between lines.
    fn lines(&mut self, style: Style, text: &str, after: f32) {
        let lines = self
            .m
            .wrap(text, self.content_width(), style.bold, style.size);
        for line in lines {
            self.need(style.line);
            let (x, y) = (self.left(), self.y);
            self.text(x, y, style, line);
            self.y += style.line;
        }
        self.y += after;
    }

    fn facts(&mut self, facts: &[(String, String)]) {
        let label_w = self.content_width() * 0.56;
        let value_w = self.content_width() - label_w - 6.0;
        let value = Style { bold: true, ..BODY };
        for (i, (label, v)) in facts.iter().enumerate() {
            let ls = self.m.wrap(label, label_w, false, BODY.size);
            let vs = self.m.wrap(v, value_w, true, BODY.size);
            let h = ls.len().max(vs.len()) as f32 * BODY.line + 3.0;
            self.need(h);
            let top = self.y;
            if i % 2 == 0 {
                let (x, w) = (self.left() - 2.0, self.content_width() + 4.0);
                self.page().ops.push(Op::Fill {
                    x,
                    y: top,
                    w,
                    h,
                    shade: 244,
                });
            }
            let x = self.left();
            for (k, line) in ls.into_iter().enumerate() {
                self.text(x, top + 1.5 + k as f32 * BODY.line, BODY, line);
            }
            let vx = self.left() + label_w + 6.0;
            for (k, line) in vs.into_iter().enumerate() {
                self.text(vx, top + 1.5 + k as f32 * BODY.line, value, line);
            }
            self.y = top + h;
        }
        self.y += 6.0;
    }

    fn widths(&self, columns: &[Column]) -> Vec<f32> {
        let total: f32 = columns.iter().map(|c| c.weight.max(0.1)).sum();
        columns
            .iter()
            .map(|c| self.content_width() * c.weight.max(0.1) / total)
            .collect()
    }

    /// One row's lines from `from` (per cell) on, as many as `max_lines`, at `top`.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        cells: &[Vec<String>],
        columns: &[Column],
        widths: &[f32],
        style: Style,
        from: usize,
        count: usize,
        shade: Option<u8>,
    ) {
        let top = self.y;
        let h = count as f32 * style.line + 2.0 * CELL_PAD;
        if let Some(shade) = shade {
            let (x, w) = (self.left(), self.content_width());
            self.page().ops.push(Op::Fill {
                x,
                y: top,
                w,
                h,
                shade,
            });
        }
        let mut x = self.left();
        for ((lines, column), w) in cells.iter().zip(columns).zip(widths) {
            for (k, line) in lines.iter().skip(from).take(count).enumerate() {
                let lx = if column.numeric {
                    x + w - CELL_PAD - self.m.width(line, style.bold, style.size)
                } else {
                    x + CELL_PAD
                };
                self.text(
                    lx,
                    top + CELL_PAD + k as f32 * style.line,
                    style,
                    line.clone(),
                );
            }
            x += w;
        }
        self.y = top + h;
        // A hairline under the row.
        let (lx, w, ly) = (self.left(), self.content_width(), self.y - 0.4);
        self.page().ops.push(Op::Fill {
            x: lx,
            y: ly,
            w,
            h: 0.4,
            shade: 200,
        });
    }

    fn table(&mut self, t: &Table) {
        let widths = self.widths(&t.columns);
        let head_style = Style { bold: true, ..CELL };
        let m = self.m;
        let wrap = |cells: &[String], style: Style| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| m.wrap(c, (w - 2.0 * CELL_PAD).max(4.0), style.bold, style.size))
                .collect()
        };
        let titles: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        let head = wrap(&titles, head_style);
        let head_lines = head.iter().map(Vec::len).max().unwrap_or(1);
        let head_h = head_lines as f32 * head_style.line + 2.0 * CELL_PAD;
        let line_h = CELL.line;
        // The header with at least one line of the first row.
        self.need(head_h + line_h + 2.0 * CELL_PAD);
        self.row(
            &head,
            &t.columns,
            &widths,
            head_style,
            0,
            head_lines,
            Some(228),
        );
        for cells in &t.rows {
            let lines = wrap(cells, CELL);
            let total = lines.iter().map(Vec::len).max().unwrap_or(1);
            let mut done = 0;
            while done < total {
                let left = total - done;
                let fits = ((self.room() - 2.0 * CELL_PAD) / line_h).floor().max(0.0) as usize;
                let whole_page = ((self.bottom() - MARGIN_TOP - head_h - 2.0 * CELL_PAD) / line_h)
                    .floor()
                    .max(1.0) as usize;
                // A row that fits a fresh page is never split; a longer one fills pages.
                let count = if fits >= left {
                    left
                } else if left <= whole_page || fits == 0 {
                    self.new_page();
                    self.row(
                        &head,
                        &t.columns,
                        &widths,
                        head_style,
                        0,
                        head_lines,
                        Some(228),
                    );
                    continue;
                } else {
                    fits
                };
                self.row(&lines, &t.columns, &widths, CELL, done, count, None);
                done += count;
            }
        }
        self.y += 8.0;
    }

    /// A figure's size on the page: at most [`FIGURE_WIDTH`] of the text width and
    /// [`FIGURE_HEIGHT`] of the page's.
    fn figure_size(&self, f: &Figure) -> (f32, f32) {
        let max_h = (self.bottom() - MARGIN_TOP) * FIGURE_HEIGHT;
        let mut w = self.content_width() * FIGURE_WIDTH;
        let mut h = w * f.height as f32 / f.width.max(1) as f32;
        if h > max_h {
            w *= max_h / h;
            h = max_h;
        }
        (w, h)
    }

    /// The least of `block` that must follow a heading on its page.
    fn start_of(&self, block: &Block) -> f32 {
        match block {
            Block::Figure(f) => {
                let lines = self
                    .m
                    .wrap(&f.caption, self.content_width(), false, NOTE.size);
                self.figure_size(f).1 + lines.len() as f32 * NOTE.line + 4.0
            }
            Block::Table(_) => 2.0 * (3.0 * CELL.line + 2.0 * CELL_PAD),
            _ => 3.0 * BODY.line,
        }
    }

    fn figure(&mut self, f: &Figure) {
        let (w, h) = self.figure_size(f);
        let caption = self
            .m
            .wrap(&f.caption, self.content_width(), NOTE.bold, NOTE.size);
        self.need(h + caption.len() as f32 * NOTE.line + 4.0);
        let x = self.left() + (self.content_width() - w) / 2.0;
        let (figure, y) = (self.figures, self.y);
        self.page().ops.push(Op::Image { figure, x, y, w, h });
        self.figures += 1;
        self.y += h + 3.0;
        for line in caption {
            let (x, y) = (self.left(), self.y);
            self.text(x, y, NOTE, line);
            self.y += NOTE.line;
        }
        self.y += 8.0;
    }

    fn footer(&mut self, doc: &Doc) {
        let total = self.pages.len();
        let y = self.paper.height - MARGIN_BOTTOM + 22.0;
        let right = self.paper.width - MARGIN_X;
        let style = Style {
            size: FOOTER_SIZE,
            line: FOOTER_SIZE,
            bold: false,
            grey: true,
        };
        for n in 0..total {
            let page_of = doc
                .page_of
                .replace("{n}", &(n + 1).to_string())
                .replace("{total}", &total.to_string());
            let w = self.m.width(&page_of, false, FOOTER_SIZE);
            let footer_w = self.content_width() - w - 12.0;
            let footer = self
                .m
                .wrap(&doc.footer, footer_w, false, FOOTER_SIZE)
                .into_iter()
                .next()
                .unwrap_or_default();
            let ops = &mut self.pages[n].ops;
            ops.push(Op::Fill {
                x: MARGIN_X,
                y: y - 6.0,
                w: right - MARGIN_X,
                h: 0.5,
                shade: 170,
            });
            for (x, text) in [(MARGIN_X, footer), (right - w, page_of)] {
                ops.push(Op::Text {
                    x,
                    y: y + FOOTER_SIZE * ASCENT,
                    size: style.size,
                    bold: false,
                    grey: true,
                    text,
                });
            }
        }
    }
}

/// The pages of `doc` on `paper`.
pub fn layout(doc: &Doc, paper: Paper, m: &Metrics) -> Vec<Page> {
    let mut flow = Flow {
        m,
        paper,
        pages: vec![Page::default()],
        y: MARGIN_TOP,
        figures: 0,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Title(t) => flow.lines(TITLE, t, 2.0),
            Block::Subtitle(t) => flow.lines(SUBTITLE, t, 4.0),
            Block::Heading(t) => {
                if flow.y > MARGIN_TOP {
                    flow.y += 8.0;
                }
                // Kept with the start of what follows.
                let next = doc.blocks.get(i + 1).map_or(0.0, |b| flow.start_of(b));
                flow.need(HEADING.line + 3.0 + next);
                flow.lines(HEADING, t, 3.0);
            }
            Block::Para(t) => flow.lines(BODY, t, 4.0),
            Block::Note(t) => flow.lines(NOTE, t, 5.0),
            Block::Facts(f) => flow.facts(f),
            Block::Table(t) => flow.table(t),
            Block::Figure(f) => flow.figure(f),
        }
    }
    flow.footer(doc);
    flow.pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::doc::{Column, Table};
    use crate::pictures::{BOLD_FONT, REGULAR_FONT};

    fn metrics() -> Metrics {
        Metrics::new(REGULAR_FONT, BOLD_FONT).unwrap()
    }

    fn doc(blocks: Vec<Block>) -> Doc {
        Doc {
            lang: "en",
            title: "t".into(),
            footer: "footer".into(),
            page_of: "page {n} of {total}".into(),
            blocks,
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wrapping_keeps_every_character_and_every_line_fits() {
        let m = metrics();
        let text = "Голова болела с утра, к вечеру стало хуже; ибупрофен 400 мg помог частично. \
                    Supercalifragilisticexpialidocious-and-then-some-without-any-spaces-at-all \
                    ещё\nновая строка";
        for width in [40.0, 90.0, 200.0] {
            let lines = m.wrap(text, width, false, 9.5);
            for l in &lines {
                assert!(m.width(l, false, 9.5) <= width + 0.01, "{l:?} at {width}");
            }
            let joined: String = lines
                .concat()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(joined, original, "at {width}");
        }
        assert_eq!(m.wrap("a\nb", 100.0, false, 9.5), vec!["a", "b"]);
    }

    #[test]
    fn soft_hyphens_break_with_a_hyphen_and_vanish_elsewhere() {
        let m = metrics();
        let word = "Избыточ\u{ad}ное при\u{ad}менение";
        let wide = m.wrap(word, 400.0, true, 7.6);
        assert_eq!(wide, vec!["Избыточное применение"]);
        let narrow = m.wrap(word, m.width("Избыточ-", true, 7.6) + 1.0, true, 7.6);
        assert_eq!(narrow, vec!["Избыточ-", "ное при-", "менение"]);
        // A word's own hyphen is a break too, without a second one.
        let lines = m.wrap(
            "Migraine-like days",
            m.width("Migraine-", true, 7.6) + 1.0,
            true,
            7.6,
        );
        assert_eq!(lines, vec!["Migraine-", "like days"]);
        assert_eq!(m.wrap("-3 a-b", 400.0, false, 9.0), vec!["-3 a-b"]);
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page_and_loses_no_row() {
        let m = metrics();
        let table = Table {
            columns: vec![
                Column::text("Day".into(), 1.0),
                Column::number("Value".into(), 1.0),
            ],
            rows: (0..300)
                .map(|i| vec![format!("row {i}"), i.to_string()])
                .collect(),
        };
        let pages = layout(&doc(vec![Block::Table(table)]), A4, &m);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let mut rows = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert_eq!(&t[..2], ["Day", "Value"], "page {}", n + 1);
            rows.extend(
                t.iter()
                    .filter(|s| s.starts_with("row "))
                    .map(|s| s.to_string()),
            );
            let footer = format!("page {} of {}", n + 1, pages.len());
            assert!(t.contains(&footer.as_str()), "{t:?}");
        }
        let expected: Vec<String> = (0..300).map(|i| format!("row {i}")).collect();
        assert_eq!(rows, expected);
    }

    #[test]
    fn a_row_taller_than_a_page_continues_on_the_next_with_the_header() {
        let m = metrics();
        let comment: String = (0..1000).map(|i| format!("w{i} ")).collect();
        let table = Table {
            columns: vec![
                Column::text("When".into(), 1.0),
                Column::text("Comment".into(), 1.0),
            ],
            rows: vec![vec!["1 Mar".into(), comment.clone()]],
        };
        let pages = layout(&doc(vec![Block::Table(table)]), LETTER, &m);
        assert!(pages.len() >= 2);
        let mut words = Vec::new();
        for page in &pages {
            let t = texts(page);
            assert_eq!(&t[..2], ["When", "Comment"]);
            words.extend(
                t.iter()
                    .filter(|s| s.starts_with('w'))
                    .flat_map(|s| s.split(' '))
                    .map(str::to_owned),
            );
        }
        let expected: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        assert_eq!(words, expected);
        for page in &pages {
            for op in &page.ops {
                if let Op::Text { y, .. } = op {
                    assert!(*y < LETTER.height - 20.0 && *y > 20.0, "{y}");
                }
            }
        }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        let m = metrics();
        let mut blocks: Vec<Block> = (0..50).map(|i| Block::Para(format!("line {i}"))).collect();
        blocks.push(Block::Heading("Calendar".into()));
        blocks.push(Block::Figure(Figure {
            name: "calendar",
            png: Vec::new(),
            width: 1080,
            height: 1080,
            caption: "caption".into(),
        }));
        let pages = layout(&doc(blocks), A4, &m);
        let at = pages
            .iter()
            .position(|p| texts(p).contains(&"Calendar"))
            .unwrap();
        assert!(
            pages[at].ops.iter().any(|o| matches!(o, Op::Image { .. })),
            "the heading's page holds its picture"
        );
    }
}
