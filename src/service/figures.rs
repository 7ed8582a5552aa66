//! The figures of a period of the user's local dates (weekly summary, reports): loads the
//! records the period needs and counts them with [`crate::domain::figures`].

use crate::domain::export::Diary;
use crate::domain::figures::{
    self, Figures, MenstrualPattern, Period, PreventiveEffect, Reliability,
};
use crate::store::{StoreError, Tx};
use chrono::{Days, NaiveDate};

/// The figures of `first..=last` (local dates); `today` is the user's local date, after
/// which no day counts as "no record".
pub async fn for_period(
    tx: &Tx,
    user_id: i64,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> Result<Figures, StoreError> {
    let first_record = tx.first_record_day(user_id).await?;
    for_period_since(tx, user_id, first_record, Period::new(first, last), today).await
}

/// [`for_period`] for a caller that has read the user's first record day already.
pub async fn for_period_since(
    tx: &Tx,
    user_id: i64,
    first_record: Option<NaiveDate>,
    period: Period,
    today: NaiveDate,
) -> Result<Figures, StoreError> {
    let diary = records(tx, user_id, period).await?;
    Ok(figures::figures(&diary, first_record, period, today))
}

/// The figures of each calendar month `first..=last` touches (the first and last month
/// cut to it), for reports over a longer period.
pub async fn by_month(
    tx: &Tx,
    user_id: i64,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<Figures>, StoreError> {
    let period = Period::new(first, last);
    let diary = records(tx, user_id, period).await?;
    let first_record = tx.first_record_day(user_id).await?;
    Ok(figures::months(&diary, first_record, period, today))
}

/// The menstrual pattern as of `as_of` (the user's local date), by the recorded features:
/// reads the menstruation start days, then the records of the cycles it counts only.
/// `None` for a user who has recorded no start by then.
pub async fn menstrual(
    tx: &Tx,
    user_id: i64,
    as_of: NaiveDate,
) -> Result<Option<MenstrualPattern>, StoreError> {
    let starts = tx.menstruation_starts(user_id, as_of).await?;
    if starts.is_empty() {
        return Ok(None);
    }
    let diary = match figures::menstrual_span(&starts, as_of) {
        Some(span) => records(tx, user_id, span).await?,
        None => Diary::default(),
    };
    Ok(Some(figures::menstrual_pattern(&starts, &diary, as_of)))
}

/// The diary's reliability over `period` up to `today` (the user's local date).
pub async fn reliability(
    tx: &Tx,
    user_id: i64,
    period: Period,
    today: NaiveDate,
) -> Result<Reliability, StoreError> {
    let counted = period.clip(Period::new(period.first, today));
    let diary = records(tx, user_id, counted).await?;
    Ok(figures::reliability(&diary, period, today))
}

/// Before and after each preventive medication as of `today` (the user's local date):
/// reads each one's first dose, then the records from 84 days before the earliest of them
/// to today once, for every block of every medication.
pub async fn preventives(
    tx: &Tx,
    user_id: i64,
    today: NaiveDate,
) -> Result<Vec<PreventiveEffect>, StoreError> {
    let starts = tx.preventive_starts(user_id).await?;
    let Some(span) = figures::preventive_span(&starts, today) else {
        return Ok(Vec::new());
    };
    let diary = records(tx, user_id, span).await?;
    Ok(figures::preventive_effects(&starts, &diary, today))
}

/// The records that can fall on a day of `period`: attacks overlapping it (one that
/// started earlier may cover its first day), doses around it and its day records. Each
/// record's day is read in its own zone, and every zone's local day lies within a day of
/// the same UTC date (offsets run from −12 to +14 hours), so a day more on each side holds
/// them all; the domain keeps only what falls inside.
pub(crate) async fn records(tx: &Tx, user_id: i64, period: Period) -> Result<Diary, StoreError> {
    if period.is_empty() {
        return Ok(Diary::default());
    }
    let utc_midnight = |d: Option<NaiveDate>| d.and_then(|d| d.and_hms_opt(0, 0, 0));
    let (Some(from), Some(to)) = (
        utc_midnight(period.first.checked_sub_days(Days::new(1))),
        utc_midnight(period.last.checked_add_days(Days::new(2))),
    ) else {
        return Ok(Diary::default());
    };
    let (from, to) = (from.and_utc().timestamp(), to.and_utc().timestamp());
    Ok(Diary {
        attacks: tx.attacks_between(user_id, from, to).await?,
        days: tx.day_records(user_id, period.first, period.last).await?,
        intakes: tx.live_intakes_between(user_id, from, to).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attack::{Attack, Aura};
    use crate::domain::day::DayField;
    use crate::domain::figures::{MenstrualVerdict, PreventiveStart};
    use crate::domain::localtime::at;
    use crate::domain::medication::{MedClass, MedField, NewIntake};
    use crate::store::Db;
    use chrono::{DateTime, NaiveTime, Utc};
    use chrono_tz::Tz;
    use sqlx::Connection;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn berlin() -> Tz {
        "Europe/Berlin".parse().unwrap()
    }

    fn local(day: NaiveDate, h: u32) -> DateTime<Utc> {
        at(day, NaiveTime::from_hms_opt(h, 0, 0).unwrap(), berlin())
    }

    fn unique() -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        format!("{}_{nanos}", std::process::id())
    }

    async fn attack(tx: &Tx, user: i64, start: DateTime<Utc>, end: DateTime<Utc>) -> Attack {
        let mut a = Attack::new(user, start, berlin(), start);
        a.ended_at = Some(end);
        a.intensity = Some(5);
        tx.insert_attack(&a, None).await.unwrap()
    }

    async fn dose(tx: &Tx, med: i64, attack: Option<i64>, taken_at: DateTime<Utc>) -> i64 {
        dose_of(tx, 1, med, attack, taken_at).await
    }

    /// A dose of `user`'s medication `med` at `taken_at`, recorded then; its id.
    async fn dose_of(
        tx: &Tx,
        user: i64,
        med: i64,
        attack: Option<i64>,
        taken_at: DateTime<Utc>,
    ) -> i64 {
        let n = NewIntake {
            medication_id: med,
            attack_id: attack,
            taken_at,
            zone: berlin(),
            dose: None,
        };
        let i = tx.insert_intake(user, &n, None, taken_at.timestamp());
        i.await.unwrap().id
    }

    /// The week of Mon 2 – Sun 8 March 2026 on a Friday, read from a real store.
    async fn a_week_is_read_from_the_store(db: Db) {
        let tx = db.begin().await.unwrap();
        let now = local(date(3, 6), 20).timestamp();
        for user in [1, 2] {
            tx.touch_user(user, None, now).await.unwrap();
        }
        let triptan = tx
            .insert_medication(1, "Sumatriptan", MedClass::Triptan, None, now)
            .await
            .unwrap();
        let nsaid = tx
            .insert_medication(1, "Ibuprofen", MedClass::Nsaid, None, now)
            .await
            .unwrap();
        // Sunday 23:00 → Monday 02:00: covers Monday, started before the week.
        attack(&tx, 1, local(date(3, 1), 23), local(date(3, 2), 2)).await;
        let wed = attack(&tx, 1, local(date(3, 4), 10), local(date(3, 4), 14)).await;
        dose(&tx, triptan.id, Some(wed.id), local(date(3, 4), 11)).await;
        let gone = attack(&tx, 1, local(date(3, 5), 9), local(date(3, 5), 12)).await;
        dose(&tx, nsaid.id, Some(gone.id), local(date(3, 5), 10)).await;
        tx.set_attack_deleted(1, gone.id, Some(now), now)
            .await
            .unwrap();
        dose(&tx, nsaid.id, None, local(date(3, 6), 8)).await;
        let free = DayField::HeadacheFree(Some(true));
        tx.set_day_field(1, date(3, 3), berlin(), &free, now)
            .await
            .unwrap();
        let note = DayField::Comment(Some("first".into()));
        tx.set_day_field(1, date(2, 23), berlin(), &note, now)
            .await
            .unwrap();
        // Another user's attack and one after the week are not read.
        attack(&tx, 2, local(date(3, 3), 9), local(date(3, 3), 10)).await;
        attack(&tx, 1, local(date(3, 10), 9), local(date(3, 10), 10)).await;

        assert_eq!(tx.first_record_day(1).await.unwrap(), Some(date(2, 23)));
        assert_eq!(tx.first_record_day(3).await.unwrap(), None);
        let f = for_period(&tx, 1, date(3, 2), date(3, 8), date(3, 6))
            .await
            .unwrap();
        assert_eq!(f.days.len(), 7);
        assert_eq!(
            (f.headache_days, f.attacks, f.migraine_like_days),
            (2, 1, 1)
        );
        assert_eq!((f.headache_free_days, f.recorded_days), (1, 3));
        assert_eq!(
            f.no_record_days, 2,
            "Thursday (deleted) and Friday (a dose only)"
        );
        assert_eq!(f.acute_days.get(MedClass::Triptan), 1);
        assert_eq!(
            f.acute_days.get(MedClass::Nsaid),
            1,
            "the deleted attack's dose is out"
        );
        assert_eq!(f.intensity.map(|i| (i.rated, i.peak)), Some((1, 5)));
        let months = by_month(&tx, 1, date(2, 23), date(3, 8), date(3, 6))
            .await
            .unwrap();
        let headache: Vec<u32> = months.iter().map(|m| m.headache_days).collect();
        assert_eq!(headache, vec![0, 3], "1, 2 and 4 March");
        assert_eq!(months[1].attacks, 2, "the Sunday attack starts in March");
    }

    /// A Berlin attack of `user` from 10:00 to 11:00 on `day`, logged at `created`.
    async fn logged(tx: &Tx, user: i64, day: NaiveDate, created: DateTime<Utc>) -> Attack {
        let mut a = Attack::new(user, local(day, 10), berlin(), created);
        a.ended_at = Some(local(day, 11));
        tx.insert_attack(&a, None).await.unwrap()
    }

    /// An attack with a visual aura on `day`, logged at its start: a migraine-like,
    /// recorded day.
    async fn aura(tx: &Tx, user: i64, day: NaiveDate) {
        let mut a = Attack::new(user, local(day, 10), berlin(), local(day, 10));
        a.ended_at = Some(local(day, 11));
        a.aura = vec![Aura::Visual];
        tx.insert_attack(&a, None).await.unwrap();
    }

    /// "No headache today" for `user` on `day`, said at `said`.
    async fn free(tx: &Tx, user: i64, day: NaiveDate, said: DateTime<Utc>) {
        let field = DayField::HeadacheFree(Some(true));
        tx.set_day_field(user, day, berlin(), &field, said.timestamp())
            .await
            .unwrap();
    }

    async fn mark(tx: &Tx, user: i64, day: NaiveDate, on: bool) -> i64 {
        let field = DayField::Menstruation(on.then_some(true));
        let r = tx.set_day_field(user, day, berlin(), &field, local(day, 8).timestamp());
        r.await.unwrap().id
    }

    /// The menstrual pattern, the reliability and the preventives, each for its own user,
    /// read from a real store; the expected values are those the domain's tests work out.
    async fn the_pattern_reliability_and_preventives_are_read_from_the_store(db: Db) {
        let tx = db.begin().await.unwrap();
        let now = local(date(1, 1), 9).timestamp();
        for user in [11, 12, 13] {
            tx.touch_user(user, None, now).await.unwrap();
        }

        // User 11: starts on 5 Jan, 2 Feb, 2 Mar and 30 Mar; 20 Jan marked and the record
        // deleted, 15 Feb marked and unmarked; another user's start on 19 Jan.
        for day in [date(1, 5), date(2, 2), date(3, 2), date(3, 30)] {
            mark(&tx, 11, day, true).await;
        }
        let gone = mark(&tx, 11, date(1, 20), true).await;
        tx.set_day_record_deleted(11, gone, Some(now), now)
            .await
            .unwrap();
        mark(&tx, 11, date(2, 15), true).await;
        mark(&tx, 11, date(2, 15), false).await;
        mark(&tx, 12, date(1, 19), true).await;
        assert_eq!(
            tx.menstruation_starts(11, date(3, 30)).await.unwrap(),
            vec![date(1, 5), date(2, 2), date(3, 2), date(3, 30)]
        );
        assert_eq!(
            tx.menstruation_starts(11, date(3, 29)).await.unwrap().len(),
            3
        );
        // Triptans on 6 Jan (day 2 of cycle 1) and 28 Feb (day −2 of cycle 3); one on 20
        // Jan (outside) belongs to a deleted attack and goes with it: windows [1, 0, 1],
        // nothing outside → pure.
        let triptan = tx
            .insert_medication(11, "Sumatriptan", MedClass::Triptan, None, now)
            .await
            .unwrap()
            .id;
        dose_of(&tx, 11, triptan, None, local(date(1, 6), 12)).await;
        dose_of(&tx, 11, triptan, None, local(date(2, 28), 12)).await;
        let deleted = logged(&tx, 11, date(1, 20), local(date(1, 20), 10)).await;
        dose_of(&tx, 11, triptan, Some(deleted.id), local(date(1, 20), 10)).await;
        tx.set_attack_deleted(11, deleted.id, Some(now), now)
            .await
            .unwrap();
        let p = menstrual(&tx, 11, date(3, 30)).await.unwrap().unwrap();
        let counts: Vec<(NaiveDate, u32, u32)> = p
            .cycles
            .iter()
            .map(|c| (c.start, c.window_days, c.outside_days))
            .collect();
        assert_eq!(
            counts,
            vec![(date(1, 5), 1, 0), (date(2, 2), 0, 0), (date(3, 2), 1, 0)]
        );
        assert_eq!(p.verdict, MenstrualVerdict::Pure);
        let p = menstrual(&tx, 11, date(3, 29)).await.unwrap().unwrap();
        assert_eq!(p.verdict, MenstrualVerdict::NeedMore { cycles: 1 });
        assert_eq!(
            menstrual(&tx, 12, date(3, 30))
                .await
                .unwrap()
                .unwrap()
                .cycles_needed(),
            3
        );
        // No start recorded: no pattern to speak of (the report leaves the line out).
        assert_eq!(menstrual(&tx, 13, date(3, 30)).await.unwrap(), None);

        // User 12, March: 10 Mar logged at once (timely); 11 Mar "no headache" said on 12
        // Mar (timely); 12 Mar logged on 18 Mar (not timely, and late: 6 > 5 days); 14 Mar
        // logged and deleted (not counted).
        logged(&tx, 12, date(3, 10), local(date(3, 10), 10)).await;
        free(&tx, 12, date(3, 11), local(date(3, 12), 20)).await;
        logged(&tx, 12, date(3, 12), local(date(3, 18), 9)).await;
        let gone = logged(&tx, 12, date(3, 14), local(date(3, 25), 9)).await;
        tx.set_attack_deleted(12, gone.id, Some(now), now)
            .await
            .unwrap();
        let march = Period::month(2026, 3).unwrap();
        let r = reliability(&tx, 12, march, date(3, 31)).await.unwrap();
        assert_eq!((r.recorded_days, r.timely_days, r.late_records), (3, 2, 1));
        let r = reliability(&tx, 12, march, date(3, 11)).await.unwrap();
        assert_eq!((r.recorded_days, r.timely_days), (2, 2), "to 11 March");

        // User 13: Propranolol from 1 April (a dose on 20 March was deleted), renamed
        // since; Topiramate never taken; a triptan is no preventive. Blocks before:
        // 7 Jan–3 Feb nothing; 4 Feb–3 Mar the triptan of 28 Feb, no recorded day;
        // 4–31 Mar aura on 4–7 Mar and "no headache" on 8–23 Mar: 20 recorded days,
        // complete, 4 migraine-like → mean 4. Since: 1–28 Apr aura on 1–2 Apr and "no
        // headache" on 3–20 Apr: 20 recorded, 2 ≤ 4 × 0.5 → a 50 % response, full on
        // 28 April (not yet on the 27th).
        let propranolol = tx
            .insert_medication(13, "Propranolol", MedClass::Preventive, None, now)
            .await
            .unwrap()
            .id;
        tx.insert_medication(13, "Topiramate", MedClass::Preventive, None, now)
            .await
            .unwrap();
        let triptan = tx
            .insert_medication(13, "Sumatriptan", MedClass::Triptan, None, now)
            .await
            .unwrap()
            .id;
        let early = dose_of(&tx, 13, propranolol, None, local(date(3, 20), 8)).await;
        tx.set_intake_deleted(13, early, Some(now), now)
            .await
            .unwrap();
        dose_of(&tx, 13, propranolol, None, local(date(4, 1), 8)).await;
        dose_of(&tx, 13, propranolol, None, local(date(4, 2), 8)).await;
        dose_of(&tx, 13, triptan, None, local(date(2, 28), 12)).await;
        dose_of(&tx, 13, triptan, None, local(date(1, 1), 12)).await;
        let renamed = MedField::Name("Propranolol retard".into());
        tx.set_medication_field(13, propranolol, &renamed, now)
            .await
            .unwrap();
        for day in date(3, 4).iter_days().take(20) {
            if day <= date(3, 7) {
                aura(&tx, 13, day).await;
            } else {
                free(&tx, 13, day, local(day, 21)).await;
            }
        }
        for day in date(4, 1).iter_days().take(20) {
            if day <= date(4, 2) {
                aura(&tx, 13, day).await;
            } else {
                free(&tx, 13, day, local(day, 21)).await;
            }
        }
        let starts = tx.preventive_starts(13).await.unwrap();
        assert_eq!(
            starts,
            vec![PreventiveStart {
                medication_id: propranolol,
                name: "Propranolol retard".into(),
                first_day: date(4, 1),
            }]
        );
        let effects = preventives(&tx, 13, date(4, 28)).await.unwrap();
        assert_eq!(effects.len(), 1);
        let e = &effects[0];
        let before: Vec<(u32, u32)> = e
            .before
            .iter()
            .map(|b| (b.migraine_like_days, b.recorded_days))
            .collect();
        assert_eq!(before, vec![(0, 0), (1, 0), (4, 20)]);
        assert_eq!(e.mean_before, Some(4.0));
        let after: Vec<(u32, u32, Option<bool>)> = e
            .after
            .iter()
            .map(|a| {
                (
                    a.block.migraine_like_days,
                    a.block.recorded_days,
                    a.response,
                )
            })
            .collect();
        assert_eq!(after, vec![(2, 20, Some(true))]);
        assert!(
            preventives(&tx, 13, date(4, 27)).await.unwrap()[0]
                .after
                .is_empty()
        );
        assert!(preventives(&tx, 12, date(4, 28)).await.unwrap().is_empty());
    }

    /// Runs `test` on a fresh SQLite file.
    async fn on_sqlite<F: Future<Output = ()>>(test: impl FnOnce(Db) -> F) {
        let dir = std::env::temp_dir().join("headlog-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("figures{}.db", unique()));
        let db = Db::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        test(db).await;
        let _ = std::fs::remove_file(path);
    }

    /// Runs `test` on a fresh database of the PostgreSQL server the end-to-end tests use,
    /// when it is reachable.
    async fn on_postgres<F: Future<Output = ()> + Send + 'static>(test: impl FnOnce(Db) -> F) {
        let admin = std::env::var("HEADLOG_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await else {
            eprintln!("SKIPPED: PostgreSQL at {admin} is unreachable");
            return;
        };
        // Named like the end-to-end tests' databases, which drop those of gone processes.
        let name = format!("headlog_t_{}", unique());
        let sql = |s: String| sqlx::query(sqlx::AssertSqlSafe(s));
        sql(format!("create database {name}"))
            .execute(&mut conn)
            .await
            .unwrap();
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let db = Db::open(&format!("{base}/{name}")).await.unwrap();
        // Run apart, so the database is dropped when an assertion fails too.
        let outcome = tokio::spawn(test(db)).await;
        let _ = sql(format!("drop database if exists {name} with (force)"))
            .execute(&mut conn)
            .await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    }

    #[tokio::test]
    async fn a_week_is_read_from_sqlite() {
        on_sqlite(a_week_is_read_from_the_store).await;
    }

    #[tokio::test]
    async fn a_week_is_read_from_postgres() {
        on_postgres(a_week_is_read_from_the_store).await;
    }

    #[tokio::test]
    async fn the_pattern_reliability_and_preventives_are_read_from_sqlite() {
        on_sqlite(the_pattern_reliability_and_preventives_are_read_from_the_store).await;
    }

    #[tokio::test]
    async fn the_pattern_reliability_and_preventives_are_read_from_postgres() {
        on_postgres(the_pattern_reliability_and_preventives_are_read_from_the_store).await;
    }
}
