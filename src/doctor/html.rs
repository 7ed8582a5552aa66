//! The doctor report as one HTML page: the same [`Doc`] as the PDF, printable on its paper
//! (`@page`), table headers repeating on every printed page, rows kept whole, pictures
//! embedded (no request leaves the page), marked noindex. All text is escaped.

use super::doc::{Block, Doc};
use super::layout::{LETTER, Paper};
use base64::Engine;
use std::fmt::Write;

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;font-size:10pt;color:#141414;\
line-height:1.32;max-width:182mm;margin:12px auto;padding:0 10px}\
h1{font-size:17pt;margin:0 0 4px}h2{font-size:12.5pt;margin:16px 0 4px;break-after:avoid}\
p{margin:0 0 5px}.sub{color:#5f5f5f;margin:0 0 3px}.note{color:#5f5f5f;font-size:7.8pt}\
table{border-collapse:collapse;width:100%;margin:2px 0 10px;font-size:7.8pt}\
thead{display:table-header-group}tr{break-inside:avoid}\
th{background:#e4e4e4;text-align:left;padding:3px;vertical-align:bottom}\
td{padding:3px;vertical-align:top;border-bottom:0.4pt solid #c8c8c8;white-space:pre-wrap;\
overflow-wrap:anywhere}.n{text-align:right}\
table.facts{font-size:9.5pt}table.facts td{border:none}table.facts tr:nth-child(odd){background:#f4f4f4}\
table.facts td.v{font-weight:bold;width:44%}\
figure{margin:6px 0 10px;break-inside:avoid;text-align:center}figure img{width:80%;height:auto}\
figcaption{color:#5f5f5f;font-size:7.8pt;text-align:left}footer{color:#5f5f5f;font-size:7.5pt;margin-top:18px}";

/// The HTML page of `doc`, printed on `paper`.
pub fn html(doc: &Doc, paper: Paper) -> String {
    let size = if paper == LETTER { "letter" } else { "A4" };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex, nofollow\"><title>{}</title>\
         <style>@page{{size:{size};margin:16mm 17mm 18mm}}{STYLE}</style></head><body>\n",
        doc.lang,
        escape(&doc.title)
    );
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "<h1>{}</h1>", escape(t));
            }
            Block::Subtitle(t) => {
                let _ = writeln!(out, "<p class=\"sub\">{}</p>", escape(t));
            }
            Block::Heading(t) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(t));
            }
            Block::Para(t) => {
                let _ = writeln!(out, "<p>{}</p>", escape(t));
            }
            Block::Note(t) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(t));
            }
            Block::Facts(facts) => {
                out.push_str("<table class=\"facts\"><tbody>\n");
                for (label, value) in facts {
                    let _ = writeln!(
                        out,
                        "<tr><td>{}</td><td class=\"v\">{}</td></tr>",
                        escape(label),
                        escape(value)
                    );
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Table(t) => {
                out.push_str("<table><thead><tr>");
                let class = |numeric: bool| if numeric { " class=\"n\"" } else { "" };
                for c in &t.columns {
                    let _ = write!(out, "<th{}>{}</th>", class(c.numeric), escape(&c.title));
                }
                out.push_str("</tr></thead><tbody>\n");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for (cell, c) in row.iter().zip(&t.columns) {
                        let _ = write!(out, "<td{}>{}</td>", class(c.numeric), escape(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Figure(f) => {
                let data = base64::engine::general_purpose::STANDARD.encode(&f.png);
                let _ = writeln!(
                    out,
                    "<figure><img alt=\"{}\" width=\"{}\" height=\"{}\" \
                     src=\"data:image/png;base64,{data}\"><figcaption>{}</figcaption></figure>",
                    escape(&f.caption),
                    f.width,
                    f.height,
                    escape(&f.caption)
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "<footer>{}</footer></body></html>",
        escape(&doc.footer)
    );
    out
}
