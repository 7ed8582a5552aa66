//! Figures and pictures: the report of a fictional diary (the one `headlog demo` writes)
//! over 90 days and over 10 years, timed in this process on a real SQLite store.
//!
//! - figures: the domain module of figures over records already loaded (the period's
//!   figures, each month's, reliability, the menstrual pattern and the preventive blocks).
//!   Goal: < 5 ms for 10 years.
//! - load: the same read from the store (`service::report::load`), queries included.
//! - each picture (calendar, intensity, medication), SVG to PNG. Goal: < 50 ms each.
//! - the doctor report: its figures read from the store, then the PDF and the HTML made
//!   (pictures drawn, text laid out, fonts subset). Goals: < 300 ms for 90 days, < 2 s
//!   for 10 years.
//!
//! Each figure is the median of several runs (CPU time of this thread would read the
//! same: everything here runs on one thread, without waiting).

use std::time::{Duration, Instant};

use chrono::Days;
use headlog::domain::figures::{self, Period};
use headlog::domain::lang::Lang;
use headlog::i18n::I18n;
use headlog::store::Db;

use crate::child::TempDir;

/// The median time of `runs` calls of `f`.
pub(crate) fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(std::hint::black_box(f()));
        times.push(t.elapsed());
    }
    times.sort();
    (times[times.len() / 2], last.expect("runs > 0"))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub(crate) fn line(what: &str, took: Duration, goal_ms: Option<f64>) {
    let verdict = match goal_ms {
        Some(g) if took.as_secs_f64() * 1000.0 < g => format!("  (goal < {g} ms: met)"),
        Some(g) => format!("  (goal < {g} ms: NOT met)"),
        None => String::new(),
    };
    println!("  {what:<34} {:>10}{verdict}", ms(took));
}

/// Times one diary of `days` days.
async fn one(days: u64, runs: usize, i18n: &I18n) -> Result<(), String> {
    let temp = TempDir::create()?;
    let url = format!("sqlite://{}/figures.db", temp.path().display());
    let db = Db::open(&url).await.map_err(|e| format!("{e:#}"))?;
    let last = headlog::demo::last_day();
    let period = Period::new(last - Days::new(days - 1), last);
    let today = last + Days::new(1);
    let user = headlog::demo::USER;
    let tx = db.begin().await.map_err(|e| e.to_string())?;
    let attacks = headlog::demo::fill(&tx, period)
        .await
        .map_err(|e| format!("{e:#}"))?;
    tx.commit().await.map_err(|e| e.to_string())?;

    let tx = db.begin().await.map_err(|e| e.to_string())?;
    let diary = tx.diary(user).await.map_err(|e| e.to_string())?;
    let first = figures::first_record(&diary);
    println!(
        "\n  {days} days: {attacks} attacks, {} doses, {} day records",
        diary.intakes.len(),
        diary.days.len()
    );
    let (period_t, _) = median(runs, || {
        (
            figures::figures(&diary, first, period, today),
            figures::months(&diary, first, period, today),
        )
    });
    let (reliability_t, _) = median(runs, || figures::reliability(&diary, period, today));
    let (menstrual_t, _) = median(runs, || {
        let starts = figures::menstruation_starts(&diary);
        figures::menstrual_pattern(&starts, &diary, last)
    });
    let (preventive_t, _) = median(runs, || {
        let prev = figures::preventive_starts(&diary);
        figures::preventive_effects(&prev, &diary, last)
    });
    line("  period and months", period_t, None);
    line("  reliability", reliability_t, None);
    line("  menstrual pattern", menstrual_t, None);
    line("  before/after preventive", preventive_t, None);
    line(
        "figures (domain, all of the above)",
        period_t + reliability_t + menstrual_t + preventive_t,
        Some(5.0),
    );

    let mut loads = Vec::new();
    let mut report = None;
    for _ in 0..runs {
        let t = Instant::now();
        report = Some(
            headlog::service::report::load(&tx, user, period, today)
                .await
                .map_err(|e| e.to_string())?,
        );
        loads.push(t.elapsed());
    }
    loads.sort();
    line("load + figures (store)", loads[runs / 2], None);
    tx.commit().await.map_err(|e| e.to_string())?;
    let report = report.expect("runs > 0");

    let f = &report.figures;
    for lang in Lang::ALL {
        let code = lang.code();
        let (took, _) = median(runs, || {
            headlog::pictures::calendar(&f.days, f.period, today, i18n, lang)
        });
        line(&format!("calendar picture ({code})"), took, Some(50.0));
        let (took, _) = median(runs, || {
            headlog::pictures::intensity(&f.days, f.period, today, i18n, lang)
        });
        line(&format!("intensity picture ({code})"), took, Some(50.0));
        let (took, _) = median(runs, || {
            headlog::pictures::medication(&report.months, i18n, lang)
        });
        line(&format!("medication picture ({code})"), took, Some(50.0));
        let (took, _) = median(runs, || {
            headlog::bot::report::text::report_text(i18n, lang, &report)
        });
        line(&format!("report text ({code})"), took, None);
    }

    let tx = db.begin().await.map_err(|e| e.to_string())?;
    let made_at = chrono::Utc::now();
    let zone = headlog::demo::ZONE;
    let t = Instant::now();
    let bundle = headlog::doctor::load(&tx, user, period, today, made_at, zone)
        .await
        .map_err(|e| e.to_string())?;
    let load_t = t.elapsed();
    tx.commit().await.map_err(|e| e.to_string())?;
    let goal = if days <= 90 { 300.0 } else { 2000.0 };
    let doctor_runs = runs.min(5);
    for lang in Lang::ALL {
        let code = lang.code();
        let (took, made) = median(doctor_runs, || {
            headlog::doctor::make(i18n, lang, &bundle, headlog::doctor::A4)
        });
        let made = made.map_err(|e| e.to_string())?;
        line(&format!("doctor report PDF+HTML ({code})"), took, None);
        line("  + its figures from the store", took + load_t, Some(goal));
        println!(
            "    {} pages, PDF {} KB, HTML {} KB",
            made.pages,
            made.pdf.len() / 1024,
            made.html.len() / 1024
        );
    }
    Ok(())
}

/// The figures part: 90 days and 10 years.
pub async fn run(options: &crate::args::Options) -> Result<(), String> {
    println!("\nfigures and pictures (median of runs, in this process, SQLite)");
    if cfg!(debug_assertions) {
        println!("  (a debug build: figures are far slower than release)");
    }
    let i18n = I18n::new().map_err(|e| format!("{e:#}"))?;
    let runs = if options.quick { 5 } else { 21 };
    one(90, runs, &i18n).await?;
    one(3650, runs, &i18n).await?;
    crate::habits::run(runs).await
}
