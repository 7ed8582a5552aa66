//! Habits: a user with 50 habits and 5 years of marks, timed in this process on a real
//! SQLite store (median of runs, each in its own transaction, queries included).
//!
//! - today's checklist (`service::habits::checklist`: the habits and today's marks);
//! - a habit's card (`service::habits::card`: five years of its marks read, streaks,
//!   strength score, this month, the last four weeks);
//! - the habits export (`service::habits::export`: every mark read, Habits.csv,
//!   Checkmarks.csv and Scores.csv written), and the same from marks already loaded;
//! - the one tap "done" (`service::habits::set_mark` on a habit with a goal, so its streak
//!   is computed, and the commit), beside the diary's per-action figures above.
//!
//! Goals: < 5 ms each.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use headlog::domain::habits::{Direction, Frequency, Habit, Kind, Mark};
use headlog::service::habits as service;
use headlog::store::Db;

use crate::child::TempDir;
use crate::figures::{line, median};

const HABITS: usize = 50;
const YEARS_DAYS: u64 = 5 * 365;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The 50 habits: yes/no daily, 3 a week, 10 a month, numeric at least and at most.
fn habit(user: i64, i: usize, start: NaiveDate) -> Habit {
    let (kind, freq) = match i % 5 {
        0 => (Kind::YesNo, Frequency::DAILY),
        1 => (Kind::YesNo, Frequency::weekly(3)),
        2 => (Kind::YesNo, Frequency::monthly(10)),
        3 => (
            Kind::Numeric {
                target: 8.0,
                direction: Direction::AtLeast,
            },
            Frequency::DAILY,
        ),
        _ => (
            Kind::Numeric {
                target: 2.0,
                direction: Direction::AtMost,
            },
            Frequency::DAILY,
        ),
    };
    Habit {
        id: 0,
        user_id: user,
        name: format!("Habit {i}"),
        description: None,
        kind,
        unit: matches!(kind, Kind::Numeric { .. }).then(|| "units".to_owned()),
        freq,
        goal_days: Some(21),
        factor: None,
        routine: i.is_multiple_of(10).then(|| "Morning".to_owned()),
        position: 0,
        start_day: start,
        archived_at: None,
        goal_met_at: None,
        created_at: Utc
            .with_ymd_and_hms(2021, 1, 1, 8, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

/// A day's mark for habit `i` on day `d` (deterministic, about three days in four marked).
fn mark_for(i: usize, d: u64, kind: Kind) -> Option<Mark> {
    let x = (d * 31 + i as u64 * 17) % 100;
    match kind {
        _ if x < 25 => None,
        _ if x < 28 => Some(Mark::Skipped),
        Kind::YesNo => Some(Mark::Done),
        Kind::Numeric { .. } => Some(Mark::Value((x % 11) as f64)),
    }
}

/// Runs the habits figures.
pub async fn run(runs: usize) -> Result<(), String> {
    let temp = TempDir::create()?;
    let url = format!("sqlite://{}/habits.db", temp.path().display());
    let db = Db::open(&url).await.map_err(|e| format!("{e:#}"))?;
    let user_id = 4242;
    let now = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let today = now.date_naive();
    let start = today - Days::new(YEARS_DAYS - 1);
    let tx = db.begin().await.map_err(err)?;
    let user = tx
        .touch_user(user_id, Some("en"), now.timestamp())
        .await
        .map_err(err)?;
    let mut ids = Vec::new();
    let mut marks = 0usize;
    for i in 0..HABITS {
        let h = tx
            .insert_habit(&habit(user_id, i, start), None)
            .await
            .map_err(err)?
            .ok_or("habit not inserted")?;
        for d in 0..YEARS_DAYS - 1 {
            if let Some(m) = mark_for(i, d, h.kind) {
                tx.set_habit_mark(h.id, start + Days::new(d), Some(m), now.timestamp())
                    .await
                    .map_err(err)?;
                marks += 1;
            }
        }
        ids.push(h.id);
    }
    tx.commit().await.map_err(err)?;
    println!("\n  habits: {HABITS} habits, 5 years, {marks} marks");

    let (mut checklist, mut card, mut export) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    for r in 0..runs {
        let tx = db.begin().await.map_err(err)?;
        let t = Instant::now();
        let lines = service::checklist(&tx, user_id, today).await.map_err(err)?;
        checklist.push(t.elapsed());
        std::hint::black_box(lines);
        let t = Instant::now();
        let c = service::card(&tx, user_id, ids[r % ids.len()], today)
            .await
            .map_err(err)?;
        card.push(t.elapsed());
        std::hint::black_box(c);
        let t = Instant::now();
        let e = service::export(&tx, user_id, today).await.map_err(err)?;
        export.push(t.elapsed());
        size = e
            .map(|e| e.habits.len() + e.checkmarks.len() + e.scores.len())
            .unwrap_or(0);
        drop(tx);
    }
    let mid = |mut v: Vec<Duration>| -> Duration {
        v.sort();
        v[v.len() / 2]
    };
    line(
        "today's checklist (store included)",
        mid(checklist),
        Some(5.0),
    );
    line("a habit's card (store included)", mid(card), Some(5.0));
    line("habits export (store included)", mid(export), Some(5.0));

    // The export from marks already loaded: what the CSVs cost without the store.
    let tx = db.begin().await.map_err(err)?;
    let habits = tx.all_habits(user_id).await.map_err(err)?;
    let mut loaded: HashMap<i64, HashMap<NaiveDate, Mark>> = HashMap::new();
    for (h, e) in tx.all_habit_entries(user_id).await.map_err(err)? {
        if let Some(m) = e.mark {
            loaded.entry(h).or_default().insert(e.day, m);
        }
    }
    drop(tx);
    let (built, _) = median(runs, || service::build_export(&habits, &loaded, today));
    line("  of which the CSVs (marks loaded)", built, None);
    println!(
        "  {:<34} {:>10}",
        "  export size",
        format!("{} KB", size / 1024)
    );

    // The one tap "done" on today's list: the mark, its goal's streak, the commit.
    let mut taps = Vec::new();
    for r in 0..runs {
        let id = ids[(r * 5) % ids.len()];
        let set = if r % 2 == 0 { Some(Mark::Done) } else { None };
        let t = Instant::now();
        let tx = db.begin().await.map_err(err)?;
        let out = service::set_mark(&tx, &user, id, today, set, now)
            .await
            .map_err(err)?;
        tx.commit().await.map_err(err)?;
        taps.push(t.elapsed());
        std::hint::black_box(out.is_ok());
    }
    line("one tap \"done\" (with commit)", mid(taps), Some(5.0));
    Ok(())
}
