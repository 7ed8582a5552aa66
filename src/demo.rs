//! `headlog demo --out DIR`: a realistic fictional 90-day diary written into a temporary
//! SQLite store through the same store calls the bot makes, then everything headlog
//! produces from it written into `DIR`: the report's text and pictures in every language
//! and the diary CSV. A newcomer sees what headlog makes without Telegram.
//!
//! The diary is generated from a fixed seed, so the same files come out every time: about
//! six attacks a month (migraine-like ones with their features, tension-type-like ones
//! without), doses of an NSAID and a triptan, headache-free evenings, a few days left
//! without a record and a few entries made late, menstruation starts every 27–29 days with
//! attacks around them, and a preventive started on day 62.

use crate::domain::attack::{Attack, Character, Disability, Location, Nausea, Side, Trigger};
use crate::domain::day::DayField;
use crate::domain::figures::Period;
use crate::domain::lang::Lang;
use crate::domain::localtime::at;
use crate::domain::medication::{Effect, MedClass, NewIntake};
use crate::i18n::I18n;
use crate::store::{Db, Tx};
use anyhow::Context;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// The demo user's id.
pub const USER: i64 = 1;
/// The demo user's zone.
/// The fictional user's zone.
pub const ZONE: Tz = chrono_tz::Europe::Berlin;
/// Days in the diary.
pub const DAYS: u64 = 90;

/// The last day of the fictional diary (its "today" is the day after).
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()
}

/// The diary's period: 90 days up to [`last_day`].
pub fn period() -> Period {
    let last = last_day();
    Period::new(last - Days::new(DAYS - 1), last)
}

/// A small deterministic generator (SplitMix64): the demo needs repeatable variety, not
/// cryptographic randomness, and no dependency for it.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `p` percent.
    fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

fn local(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    at(
        day,
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default(),
        ZONE,
    )
}

/// Writes a fictional diary over `p` into `tx` for user [`USER`] (the demo's is
/// [`period`]; the benchmark makes years of it); returns how many attacks it holds. The
/// preventive starts 28 days before the end.
pub async fn fill(tx: &Tx, p: Period) -> anyhow::Result<usize> {
    let created = local(p.first, 8, 0).timestamp();
    tx.touch_user(USER, Some("en"), created).await?;
    tx.set_user_zone(USER, ZONE, created).await?;
    tx.set_user_menstruation(USER, true, created).await?;
    let ibu = tx
        .insert_medication(USER, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), created)
        .await?;
    let suma = tx
        .insert_medication(
            USER,
            "Sumatriptan",
            MedClass::Triptan,
            Some("50 mg"),
            created,
        )
        .await?;
    let prev = tx
        .insert_medication(
            USER,
            "Propranolol",
            MedClass::Preventive,
            Some("40 mg"),
            created,
        )
        .await?;

    let mut dice = Dice(0x0068_6561_646c_6f67);
    let mut menstruation = Vec::new();
    let mut start = p.first + Days::new(4);
    while start <= p.last {
        menstruation.push(start);
        start = start + Days::new(27 + dice.below(3));
    }
    let preventive_from = (p.last - Days::new(28)).max(p.first);
    let mut attacks = 0;
    for day in p.days() {
        let near_period = menstruation
            .iter()
            .any(|m| day >= *m - Days::new(2) && day <= *m + Days::new(3));
        let after_preventive = day >= preventive_from;
        // Fewer attacks once the preventive works; more around menstruation.
        let odds = match (near_period, after_preventive) {
            (true, false) => 45,
            (true, true) => 35,
            (false, false) => 20,
            (false, true) => 14,
        };
        // The day the entry was made: mostly that evening, sometimes the next morning,
        // now and then a week later (a late entry).
        let lateness = match dice.below(20) {
            0 => 7 * 24,
            1..=3 => 12,
            _ => 0,
        };
        if dice.chance(odds) {
            let migraine = near_period || dice.chance(35);
            let begin = local(day, 7 + dice.below(12) as u32, dice.below(4) as u32 * 15);
            let hours = if migraine {
                5 + dice.below(20)
            } else {
                2 + dice.below(4)
            };
            let end = begin + chrono::Duration::hours(hours as i64);
            let made = begin + chrono::Duration::hours(lateness);
            let mut a = Attack::new(USER, begin, ZONE, made);
            a.ended_at = Some(end);
            if migraine {
                a.intensity = Some(6 + dice.below(4) as u8);
                a.side = Some(if dice.chance(50) {
                    Side::Left
                } else {
                    Side::Right
                });
                a.character = Some(Character::Pulsating);
                a.worse_with_activity = Some(true);
                a.nausea = Some(if dice.chance(60) {
                    Nausea::Marked
                } else {
                    Nausea::Slight
                });
                a.light_sensitivity = Some(true);
                a.sound_sensitivity = Some(dice.chance(70));
                a.locations = vec![Location::Temples, Location::BehindEyes];
                a.disability = Some(if dice.chance(35) {
                    Disability::LostDay
                } else {
                    Disability::Reduced
                });
            } else {
                a.intensity = Some(2 + dice.below(3) as u8);
                a.side = Some(Side::Both);
                a.character = Some(Character::Pressing);
                a.nausea = Some(Nausea::No);
                a.locations = vec![Location::Forehead];
                a.disability = Some(Disability::No);
            }
            a.triggers = match dice.below(6) {
                0 => vec![Trigger::Stress],
                1 => vec![Trigger::PoorSleep],
                2 => vec![Trigger::Weather],
                3 => vec![Trigger::Stress, Trigger::ScreenTime],
                4 => vec![Trigger::SkippedMeal],
                _ => Vec::new(),
            };
            if near_period {
                a.triggers.push(Trigger::Menstruation);
            }
            let a = tx.insert_attack(&a, None).await?;
            attacks += 1;
            let med = if migraine { &suma } else { &ibu };
            if migraine || dice.chance(60) {
                let taken = begin + chrono::Duration::minutes(30 + dice.below(60) as i64);
                let dose = NewIntake {
                    medication_id: med.id,
                    attack_id: Some(a.id),
                    taken_at: taken,
                    zone: ZONE,
                    dose: med.default_dose.clone(),
                };
                let intake = tx
                    .insert_intake(USER, &dose, None, made.timestamp())
                    .await?;
                let effect = match dice.below(4) {
                    0 => Effect::No,
                    1 => Effect::Partial,
                    _ => Effect::Full,
                };
                tx.set_intake_effect(USER, intake.id, Some(effect), made.timestamp())
                    .await?;
            }
        } else if dice.chance(88) {
            // The evening check-in: no headache today.
            let made = local(day, 21, 0) + chrono::Duration::hours(lateness);
            tx.set_day_field(
                USER,
                day,
                ZONE,
                &DayField::HeadacheFree(Some(true)),
                made.timestamp(),
            )
            .await?;
        }
        if menstruation.contains(&day) {
            let made = local(day, 9, 0).timestamp();
            tx.set_day_field(USER, day, ZONE, &DayField::Menstruation(Some(true)), made)
                .await?;
        }
        if after_preventive {
            let taken = local(day, 8, 0);
            let dose = NewIntake {
                medication_id: prev.id,
                attack_id: None,
                taken_at: taken,
                zone: ZONE,
                dose: prev.default_dose.clone(),
            };
            tx.insert_intake(USER, &dose, None, taken.timestamp())
                .await?;
        }
    }
    // The questionnaires as a patient answers them: HIT-6 every 4 weeks, MIDAS at the end.
    use crate::domain::questionnaires::{Answers, Hit6, Hit6Answer::*, Midas};
    let hit6 = [
        (
            p.last - Days::new(56),
            [
                Sometimes, VeryOften, Sometimes, Rarely, Sometimes, VeryOften,
            ],
        ),
        (
            p.last - Days::new(28),
            [Sometimes, Sometimes, Sometimes, Rarely, Rarely, Sometimes],
        ),
        (
            p.last,
            [Rarely, Sometimes, Sometimes, Rarely, Rarely, Sometimes],
        ),
    ];
    for (n, (day, answers)) in hit6.into_iter().enumerate() {
        let answers = Answers::Hit6(Hit6 { answers });
        let origin = Some(-(n as i64) - 1);
        tx.insert_questionnaire(USER, origin, &answers, local(day, 20, 30), ZONE)
            .await?;
    }
    let midas = Answers::Midas(Midas::new([2, 4, 3, 5, 2]).map_err(|e| anyhow::anyhow!("{e:?}"))?);
    tx.insert_questionnaire(USER, Some(-10), &midas, local(p.last, 20, 40), ZONE)
        .await?;
    Ok(attacks)
}

/// Writes the demo into `out` (created when missing); returns the files written.
pub async fn write(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let dir = std::env::temp_dir().join(format!("headlog-{}-demo", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db_path = dir.join("demo.db");
    let result = write_from(&db_path, out).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn write_from(db_path: &Path, out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let db = Db::open(&format!("sqlite://{}", db_path.display())).await?;
    let tx = db.begin().await?;
    fill(&tx, period()).await?;
    tx.commit().await?;

    let i18n = I18n::new()?;
    let today = last_day() + Days::new(1);
    let tx = db.begin().await?;
    let report = crate::service::report::load(&tx, USER, period(), today).await?;
    let made_at = local(today, 9, 0);
    let doctor = crate::doctor::load(&tx, USER, period(), today, made_at, ZONE).await?;
    let csv = crate::service::diary::export(&tx, USER).await?;
    tx.commit().await?;

    let mut written = Vec::new();
    let mut put = |name: String, bytes: &[u8]| -> anyhow::Result<()> {
        let path = out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
        Ok(())
    };
    for lang in Lang::ALL {
        let shown = crate::bot::report::render(&i18n, lang, &report);
        put(format!("{}-report.txt", lang.code()), shown.text.as_bytes())?;
        for picture in shown.pictures {
            put(
                format!("{}-{}.png", lang.code(), picture.name),
                &picture.png,
            )?;
        }
        let made = crate::doctor::make(&i18n, lang, &doctor, crate::doctor::paper_for(ZONE))?;
        put(format!("{}-doctor-report.pdf", lang.code()), &made.pdf)?;
        put(
            format!("{}-doctor-report.html", lang.code()),
            made.html.as_bytes(),
        )?;
    }
    if let Some((bytes, _)) = csv {
        put("headlog-demo.csv".to_owned(), &bytes)?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_writes_every_file_and_its_figures_are_those_of_the_diary() {
        let out = std::env::temp_dir().join(format!("headlog-demo-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let files = write(&out).await.unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for lang in ["en", "ru"] {
            assert!(names.contains(&format!("{lang}-report.txt")), "{names:?}");
            for picture in crate::bot::report::PICTURES {
                let name = format!("{lang}-{picture}.png");
                assert!(names.contains(&name), "{names:?}");
                let png = std::fs::read(out.join(&name)).unwrap();
                let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
                assert_eq!(pixmap.width(), crate::pictures::WIDTH, "{name}");
            }
        }
        assert!(names.contains(&"headlog-demo.csv".to_owned()));
        for lang in ["en", "ru"] {
            let pdf = std::fs::read(out.join(format!("{lang}-doctor-report.pdf"))).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{lang}");
            let html = std::fs::read_to_string(out.join(format!("{lang}-doctor-report.html")));
            let html = html.unwrap();
            assert!(html.starts_with("<!DOCTYPE html>"), "{lang}");
            // The questionnaires the demo answered are in it.
            assert!(html.contains("MIDAS") && html.contains("HIT-6"), "{lang}");
        }

        // The text is the report of the same records, read back from the store.
        let en = std::fs::read_to_string(out.join("en-report.txt")).unwrap();
        assert!(
            en.starts_with("📊 Report, 1 Sep – 29 Nov 2026 (90 days)"),
            "{en}"
        );
        for part in [
            "migraine-like by the recorded features",
            "recorded days (",
            "🩸 ",
            "💊 Propranolol, since 1 Nov 2026:",
        ] {
            assert!(en.contains(part), "{part:?} in {en}");
        }
        let ru = std::fs::read_to_string(out.join("ru-report.txt")).unwrap();
        assert!(
            ru.starts_with("📊 Отчёт, 1 сен – 29 ноя 2026 (90 дней)"),
            "{ru}"
        );
        let csv = std::fs::read_to_string(out.join("headlog-demo.csv")).unwrap();
        let attacks = csv.lines().filter(|l| l.starts_with("attack,")).count();
        assert!((20..=60).contains(&attacks), "{attacks} attacks");
        let _ = std::fs::remove_dir_all(&out);
    }
}
