//! Exports: one user with 100,000 diary records (`--quick`: 2,000), 40 % attacks with every
//! detail, 40 % doses (three in four for an attack), 20 % day records, written into a real
//! SQLite store, then the diary CSV (`service::diary::export`), the full archive
//! (`service::archive::export`) and the FHIR bundle (`service::fhir::export`) timed in this
//! process, store reads included, with the size made and how far the process's peak
//! memory rose (VmHWM, Linux).
//!
//! Goal (issue 12): CSV and JSON export of 100,000 records < 0.5 s in flat memory.

use std::time::Instant;

use chrono::{Days, Duration, NaiveDate, TimeZone, Utc};
use headlog::domain::attack::{Attack, Character, Location, Nausea, Side, Trigger};
use headlog::domain::day::DayField;
use headlog::domain::medication::{MedClass, NewIntake};
use headlog::store::Db;

use crate::child::TempDir;
use crate::figures::line;

const USER: i64 = 4242;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The process's peak resident memory so far, in KB (0 where /proc is not there).
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Writes `records` records for [`USER`].
async fn fill(db: &Db, records: usize) -> Result<(), String> {
    let zone = headlog::demo::ZONE;
    let tx = db.begin().await.map_err(err)?;
    tx.touch_user(USER, Some("en"), 0).await.map_err(err)?;
    let med = tx
        .insert_medication(USER, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), 0)
        .await
        .map_err(err)?;
    let attacks = records * 2 / 5;
    let doses = records * 2 / 5;
    let days = records - attacks - doses;
    let first = Utc.with_ymd_and_hms(1990, 1, 1, 8, 0, 0).unwrap();
    let mut ids = Vec::with_capacity(attacks);
    for i in 0..attacks {
        // One every 12 h: 100,000 records span about 55 years.
        let start = first + Duration::hours(12 * i as i64);
        let mut a = Attack::new(USER, start, zone, start);
        a.ended_at = Some(start + Duration::minutes(90 + (i % 7) as i64 * 30));
        a.intensity = Some((i % 11) as u8);
        a.locations = vec![Location::Temples, Location::BehindEyes];
        a.side = Some(Side::Left);
        a.character = Some(Character::Pulsating);
        a.worse_with_activity = Some(i % 2 == 0);
        a.nausea = Some(Nausea::Slight);
        a.vomiting = Some(false);
        a.light_sensitivity = Some(true);
        a.sound_sensitivity = Some(i % 3 == 0);
        a.triggers = vec![Trigger::Stress, Trigger::PoorSleep];
        a.comment = Some(format!("attack number {i}, \"quoted\", with a comma"));
        ids.push(tx.insert_attack(&a, None).await.map_err(err)?.id);
    }
    for i in 0..doses {
        let for_attack = (i % 4 != 3)
            .then(|| ids.get(i % ids.len().max(1)).copied())
            .flatten();
        let dose = NewIntake {
            medication_id: med.id,
            attack_id: for_attack,
            taken_at: first + Duration::hours(12 * i as i64) + Duration::minutes(20),
            zone,
            dose: Some("400 mg".into()),
        };
        tx.insert_intake(USER, &dose, None, 0).await.map_err(err)?;
    }
    let day0 = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    for i in 0..days {
        let day = day0 + Days::new(i as u64 * 2 + 1);
        tx.set_day_field(USER, day, zone, &DayField::HeadacheFree(Some(true)), 0)
            .await
            .map_err(err)?;
    }
    tx.commit().await.map_err(err)
}

/// The export phase.
pub async fn run(options: &crate::args::Options) -> Result<(), String> {
    let records = if options.quick { 2_000 } else { 100_000 };
    println!("\nexports of {records} records (in this process, SQLite, store reads included)");
    if cfg!(debug_assertions) {
        println!("  (a debug build: figures are far slower than release)");
    }
    let temp = TempDir::create()?;
    let url = format!("sqlite://{}/export.db", temp.path().display());
    let db = Db::open(&url).await.map_err(|e| format!("{e:#}"))?;
    let t = Instant::now();
    fill(&db, records).await?;
    println!("  written in {:.1} s", t.elapsed().as_secs_f64());
    let tx = db.begin().await.map_err(err)?;
    let user = tx
        .user(USER)
        .await
        .map_err(err)?
        .ok_or("the bench user is missing")?;
    let now = Utc::now();
    let goal = Some(500.0);

    let before = peak_kb();
    let t = Instant::now();
    let diary = tx.diary(USER).await.map_err(err)?;
    line("  the diary read from the store", t.elapsed(), None);
    drop(diary);
    let t = Instant::now();
    let csv = headlog::service::diary::export(&tx, USER)
        .await
        .map_err(err)?
        .map(|(bytes, _)| bytes.len())
        .unwrap_or(0);
    line("diary CSV", t.elapsed(), goal);
    let csv_peak = peak_kb();

    let t = Instant::now();
    let json = headlog::service::archive::export(&tx, &user, now)
        .await
        .map_err(err)?
        .len();
    line("archive JSON", t.elapsed(), goal);
    let json_peak = peak_kb();

    let t = Instant::now();
    let fhir = headlog::service::fhir::export(&tx, &user, now)
        .await
        .map_err(err)?;
    line("FHIR bundle JSON", t.elapsed(), None);
    let fhir_peak = peak_kb();
    tx.commit().await.map_err(err)?;
    println!(
        "  sizes: CSV {} KB, archive {} KB, FHIR {} KB ({} resources)",
        csv / 1024,
        json / 1024,
        fhir.json.len() / 1024,
        fhir.resources
    );
    println!(
        "  peak memory rose by: CSV {} MB, then archive {} MB, then FHIR {} MB (from {} MB)",
        csv_peak.saturating_sub(before) / 1024,
        json_peak.saturating_sub(csv_peak) / 1024,
        fhir_peak.saturating_sub(json_peak) / 1024,
        before / 1024
    );
    Ok(())
}
