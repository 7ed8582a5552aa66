//! The figures of a period of the user's local dates (weekly summary, reports): loads the
//! records the period needs and counts them with [`crate::domain::figures`].

use crate::domain::export::Diary;
use crate::domain::figures::{self, Figures, Period};
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

/// The records that can fall on a day of `period`: attacks overlapping it (one that
/// started earlier may cover its first day), doses around it and its day records. Each
/// record's day is read in its own zone, and every zone's local day lies within a day of
/// the same UTC date (offsets run from −12 to +14 hours), so a day more on each side holds
/// them all; the domain keeps only what falls inside.
async fn records(tx: &Tx, user_id: i64, period: Period) -> Result<Diary, StoreError> {
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
    use crate::domain::attack::Attack;
    use crate::domain::day::DayField;
    use crate::domain::localtime::at;
    use crate::domain::medication::{MedClass, NewIntake};
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

    async fn dose(tx: &Tx, med: i64, attack: Option<i64>, taken_at: DateTime<Utc>) {
        let n = NewIntake {
            medication_id: med,
            attack_id: attack,
            taken_at,
            zone: berlin(),
            dose: None,
        };
        tx.insert_intake(1, &n, None, taken_at.timestamp())
            .await
            .unwrap();
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

    #[tokio::test]
    async fn a_week_is_read_from_sqlite() {
        let dir = std::env::temp_dir().join("headlog-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("figures{}.db", unique()));
        let db = Db::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        a_week_is_read_from_the_store(db).await;
        let _ = std::fs::remove_file(path);
    }

    /// On the PostgreSQL server the end-to-end tests use, when it is reachable.
    #[tokio::test]
    async fn a_week_is_read_from_postgres() {
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
        let outcome = tokio::spawn(a_week_is_read_from_the_store(db)).await;
        let _ = sql(format!("drop database if exists {name} with (force)"))
            .execute(&mut conn)
            .await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}
