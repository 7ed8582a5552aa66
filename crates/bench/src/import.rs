//! Imports (issue 12): a diary of 100,000 records (50,000 attacks with a dose each; 2,000
//! records with `--quick`) exported by headlog as its archive (JSON) and diary CSV, then
//! imported into a fresh account on a real SQLite store: the preview (read and counted,
//! nothing written) and the import itself (every record written in one transaction,
//! commit included). Goal: < 2 s each. The peak resident memory before and after says
//! whether reading stayed flat.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use headlog::domain::attack::{Attack, Location, Trigger};
use headlog::domain::medication::{MedClass, NewIntake};
use headlog::import::Source;
use headlog::store::Db;

use crate::child::TempDir;
use crate::figures::line;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// The process's peak resident memory (VmHWM), in MiB.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Writes `attacks` attacks with a dose each for user 1.
async fn source_diary(db: &Db, attacks: usize) -> Result<(), String> {
    let zone = chrono_tz::Europe::Berlin;
    let first = Utc
        .with_ymd_and_hms(2015, 1, 1, 6, 0, 0)
        .single()
        .unwrap_or_default();
    let tx = db.begin().await.map_err(err)?;
    tx.touch_user(1, Some("en"), 0).await.map_err(err)?;
    tx.set_user_zone(1, zone, 0).await.map_err(err)?;
    tx.touch_user(2, Some("en"), 0).await.map_err(err)?;
    tx.set_user_zone(2, zone, 0).await.map_err(err)?;
    let med = tx
        .insert_medication(1, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), 0)
        .await
        .map_err(err)?;
    for i in 0..attacks {
        let start = first + Duration::minutes(97 * i as i64);
        let mut a = Attack::new(1, start, zone, start);
        a.ended_at = Some(start + Duration::minutes(60 + (i % 300) as i64));
        a.intensity = Some((i % 11) as u8);
        a.locations = vec![Location::Temples];
        a.triggers = vec![Trigger::Stress];
        a.comment = (i % 3 == 0).then(|| format!("note {i}, with \"quotes\""));
        let a = tx.insert_attack(&a, None).await.map_err(err)?;
        let dose = NewIntake {
            medication_id: med.id,
            attack_id: Some(a.id),
            taken_at: start + Duration::minutes(20),
            zone,
            dose: Some("400 mg".into()),
        };
        tx.insert_intake(1, &dose, None, start.timestamp())
            .await
            .map_err(err)?;
    }
    tx.commit().await.map_err(err)
}

async fn one(db: &Db, source: Source, bytes: Vec<u8>, into: i64, what: &str) -> Result<(), String> {
    let now = Utc::now();
    let bytes = Arc::new(bytes);
    let tx = db.begin().await.map_err(err)?;
    let user = tx.user(into).await.map_err(err)?.ok_or("no user")?;
    let before = peak_mib();
    let t = Instant::now();
    let preview = headlog::service::import::walk(
        &tx,
        &user,
        source,
        bytes.clone(),
        now.date_naive(),
        now,
        None,
    )
    .await
    .map_err(err)?
    .map_err(|r| format!("{what}: refused: {r:?}"))?;
    let previewed = t.elapsed();
    tx.commit().await.map_err(err)?;
    let tx = db.begin().await.map_err(err)?;
    let t = Instant::now();
    let batch = tx
        .insert_import_batch(into, source.key(), "bench", None, "", "{}", now.timestamp())
        .await
        .map_err(err)?;
    let done = headlog::service::import::walk(
        &tx,
        &user,
        source,
        bytes.clone(),
        now.date_naive(),
        now,
        Some(batch),
    )
    .await
    .map_err(err)?
    .map_err(|r| format!("{what}: refused: {r:?}"))?;
    tx.commit().await.map_err(err)?;
    let applied = t.elapsed();
    let n = preview.new_records();
    line(
        &format!("{what}: preview ({n} records)"),
        previewed,
        Some(2000.0),
    );
    line(
        &format!("{what}: import ({} written)", done.new_records()),
        applied,
        Some(2000.0),
    );
    println!(
        "  {what}: file {:.1} MiB, peak memory {before:.0} → {:.0} MiB",
        bytes.len() as f64 / 1_048_576.0,
        peak_mib()
    );
    Ok(())
}

/// The import phase.
pub async fn run(quick: bool) -> Result<(), String> {
    let attacks = if quick { 1_000 } else { 50_000 };
    println!(
        "\nimports ({} records: attacks with a dose each, SQLite, in this process)",
        attacks * 2
    );
    let temp = TempDir::create()?;
    let url = format!("sqlite://{}/import.db", temp.path().display());
    let db = Db::open(&url).await.map_err(|e| format!("{e:#}"))?;
    source_diary(&db, attacks).await?;
    let tx = db.begin().await.map_err(err)?;
    let user = tx.user(1).await.map_err(err)?.ok_or("no user")?;
    let archive = headlog::service::archive::export(&tx, &user, Utc::now())
        .await
        .map_err(err)?;
    let csv = headlog::service::diary::export(&tx, 1)
        .await
        .map_err(err)?
        .ok_or("an empty diary")?
        .0;
    tx.commit().await.map_err(err)?;
    one(&db, Source::Archive, archive, 2, "archive JSON").await?;
    // A second fresh account for the CSV.
    let tx = db.begin().await.map_err(err)?;
    tx.touch_user(3, Some("en"), 0).await.map_err(err)?;
    tx.set_user_zone(3, chrono_tz::Europe::Berlin, 0)
        .await
        .map_err(err)?;
    tx.commit().await.map_err(err)?;
    one(&db, Source::DiaryCsv, csv, 3, "diary CSV").await
}
