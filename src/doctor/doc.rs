//! The doctor report as a document before it is laid out: headings, paragraphs, key
//! figures, tables and pictures, in order. The PDF ([`super::pdf`]) and the HTML
//! ([`super::html`]) are two renderings of the same [`Doc`], so they say the same.

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its header.
    pub title: String,
    /// Its share of the table's width, relative to the other columns'.
    pub weight: f32,
    /// Right-aligned (numbers).
    pub numeric: bool,
}

impl Column {
    /// A text column.
    pub fn text(title: String, weight: f32) -> Column {
        Column {
            title,
            weight,
            numeric: false,
        }
    }

    /// A number column.
    pub fn number(title: String, weight: f32) -> Column {
        Column {
            title,
            weight,
            numeric: true,
        }
    }
}

/// A table whose header repeats on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one cell per column (user text included: wrapped, never cut).
    pub rows: Vec<Vec<String>>,
}

/// A picture, as PNG.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// A name for the HTML's alt text and the file (`calendar`).
    pub name: &'static str,
    /// The PNG.
    pub png: Vec<u8>,
    /// Its size in pixels.
    pub width: u32,
    /// Its size in pixels.
    pub height: u32,
    /// The caption under it.
    pub caption: String,
}

/// One part of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The title, once, first.
    Title(String),
    /// A line under the title (who, when).
    Subtitle(String),
    /// A section heading; never left alone at the foot of a page.
    Heading(String),
    /// A paragraph.
    Para(String),
    /// A small note (how a figure is defined).
    Note(String),
    /// Key figures: a label and its value per line.
    Facts(Vec<(String, String)>),
    /// A table.
    Table(Table),
    /// A picture.
    Figure(Figure),
}

/// The document.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// Its language (`en`, `ru`), for the PDF metadata and the HTML `lang`.
    pub lang: &'static str,
    /// The title, for the PDF metadata and the HTML `<title>`.
    pub title: String,
    /// The line in every page's footer (before "page N of M").
    pub footer: String,
    /// "Page {n} of {total}" with `{n}` and `{total}` to fill in.
    pub page_of: String,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}
