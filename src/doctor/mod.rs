//! The doctor report (PRODUCT.md §3): one document a neurologist reads in two minutes, as
//! a PDF and as the same HTML, for a chosen period. [`load`] reads the figures once
//! ([`crate::service::report`]) with each questionnaire's recall-period counts;
//! [`content`] turns them into a [`doc::Doc`]; [`pdf`] lays it out and paints it with
//! krilla, [`html`] writes it as one printable page.

pub mod content;
pub mod doc;
pub mod html;
pub mod layout;
pub mod pdf;

use crate::domain::figures::{Figures, Period};
use crate::domain::lang::Lang;
use crate::i18n::I18n;
use crate::service::questionnaires::recall_figures;
use crate::service::report::{self, Report};
use crate::store::{StoreError, Tx};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

pub use layout::{A4, LETTER, Paper};

/// Everything the doctor report shows.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The period's figures and records.
    pub report: Report,
    /// Each questionnaire's recall period counted by the diary, by result id.
    pub recall: HashMap<i64, Figures>,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// The user's zone, in which every day and time is written.
    pub zone: Tz,
}

/// The doctor report's figures of `period` for `user_id`.
pub async fn load(
    tx: &Tx,
    user_id: i64,
    period: Period,
    today: NaiveDate,
    made_at: DateTime<Utc>,
    zone: Tz,
) -> Result<Bundle, StoreError> {
    let report = report::load(tx, user_id, period, today).await?;
    let mut recall = HashMap::new();
    for t in &report.questionnaires {
        let (instrument, day) = (t.answers.instrument(), t.day());
        let figures = recall_figures(tx, user_id, instrument, day, today).await?;
        recall.insert(t.id, figures);
    }
    Ok(Bundle {
        report,
        recall,
        made_at,
        zone,
    })
}

/// The paper people print on where `zone` is: US Letter in the Americas' Letter countries
/// (the United States, Canada, Mexico and their neighbours, the Philippines), A4 elsewhere.
pub fn paper_for(zone: Tz) -> Paper {
    let name = zone.name();
    let letter = name.starts_with("America/") && !is_a4_america(name)
        || name.starts_with("US/")
        || name.starts_with("Canada/")
        || name == "Asia/Manila"
        || name == "Pacific/Honolulu";
    if letter { LETTER } else { A4 }
}

/// American zones of countries that print on A4 (South America but Colombia, Venezuela
/// and Chile, which use Letter).
fn is_a4_america(name: &str) -> bool {
    const A4: [&str; 12] = [
        "America/Argentina",
        "America/Buenos_Aires",
        "America/Sao_Paulo",
        "America/Montevideo",
        "America/Asuncion",
        "America/La_Paz",
        "America/Lima",
        "America/Guayaquil",
        "America/Cayenne",
        "America/Paramaribo",
        "America/Guyana",
        "America/Noronha",
    ];
    A4.iter().any(|p| name.starts_with(p))
        || ["Manaus", "Belem", "Fortaleza", "Recife", "Bahia", "Cuiaba"]
            .iter()
            .any(|c| name.ends_with(c))
}

/// A finished doctor report.
pub struct Made {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its pages.
    pub pages: usize,
    /// The same as one HTML page.
    pub html: String,
    /// The file name without extension (`headlog-report-2026-09-01-2026-11-29`).
    pub name: String,
}

/// The doctor report of `bundle` in `lang` on `paper`, as PDF and HTML.
pub fn make(i18n: &I18n, lang: Lang, bundle: &Bundle, paper: Paper) -> Result<Made, pdf::PdfError> {
    let doc = content::document(i18n, lang, bundle);
    let (pdf, pages) = pdf::pdf(&doc, paper)?;
    let p = bundle.report.figures.period;
    Ok(Made {
        pdf,
        pages,
        html: html::html(&doc, paper),
        name: format!("headlog-report-{}-{}", p.first, p.last),
    })
}
