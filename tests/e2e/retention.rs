//! Retention (`HEADLOG_RETENTION_DAYS`): the daily job, run at start, erases records
//! older than the age (attacks, their doses, day records, questionnaires, leftovers in
//! the inbox, outbox and dialogues) and keeps the recent ones, on both stores; an age
//! below 180 days stops start-up with one sentence.

use crate::db::{self, Backend};
use crate::harness::{TestApp, on_both_stores, t0};
use crate::process::{headlog, until};
use headlog::domain::medication::MedClass;
use headlog::store::Db;
use headlog::store::exec::query;
use std::process::Stdio;

on_both_stores!(records_older_than_the_retention_age_are_erased_and_recent_ones_kept);

const USER: i64 = 931;

/// Rows of `table` for the test user (or all, for tables without a user).
async fn count(store: &Db, table: &str) -> i64 {
    let sql = match table {
        "inbox" | "outbox" => format!("select count(*) from {table} where chat_id = $1"),
        "habit_mark" => "select count(*) from habit_mark m join habit h on h.id = m.habit_id \
                         where h.user_id = $1"
            .to_owned(),
        _ => format!("select count(*) from {table} where user_id = $1"),
    };
    let tx = store.begin().await.unwrap();
    let n = query(sql)
        .bind(USER)
        .fetch_scalar::<i64>(&tx)
        .await
        .unwrap()
        .unwrap_or(0);
    tx.commit().await.unwrap();
    n
}

/// One attack with a dose, a day record, a habit mark, a questionnaire, an inbox row, an outbox row
/// and a dialogue `age_days` before t0; `n` tells the rows apart.
async fn seed(store: &Db, med: i64, habit: i64, age_days: i64, n: i64) {
    let at = (t0() - chrono::Duration::days(age_days)).timestamp();
    let day = (t0() - chrono::Duration::days(age_days))
        .format("%Y-%m-%d")
        .to_string();
    let tx = store.begin().await.unwrap();
    let attack = query(
        "insert into attack (user_id, started_at, ended_at, zone, created_at, updated_at) \
         values ($1, $2, $2, 'UTC', $2, $2) returning id",
    )
    .bind(USER)
    .bind(at)
    .fetch_scalar::<i64>(&tx)
    .await
    .unwrap()
    .unwrap();
    query(
        "insert into intake (user_id, medication_id, attack_id, taken_at, zone, created_at, updated_at) \
         values ($1, $2, $3, $4, 'UTC', $4, $4)",
    )
    .bind(USER)
    .bind(med)
    .bind(attack)
    .bind(at)
    .execute(&tx)
    .await
    .unwrap();
    query(
        "insert into day_record (user_id, day, zone, headache_free, created_at, updated_at) \
         values ($1, $2, 'UTC', $3, $4, $4)",
    )
    .bind(USER)
    .bind(day.as_str())
    .bind(true)
    .bind(at)
    .execute(&tx)
    .await
    .unwrap();
    query("insert into habit_mark (habit_id, day, status, updated_at) values ($1, $2, 'done', $3)")
        .bind(habit)
        .bind(day.as_str())
        .bind(at)
        .execute(&tx)
        .await
        .unwrap();
    query(
        "insert into questionnaire (user_id, instrument, answers, score, taken_at, zone) \
         values ($1, 'hit6', '', 50, $2, 'UTC')",
    )
    .bind(USER)
    .bind(at)
    .execute(&tx)
    .await
    .unwrap();
    query(
        "insert into inbox (update_id, chat_id, payload, status, received_at) \
         values ($1, $2, null, 'failed', $3)",
    )
    .bind(9_000_000 + n)
    .bind(USER)
    .bind(at)
    .execute(&tx)
    .await
    .unwrap();
    query(
        "insert into outbox (chat_id, lane, kind, due_at, created_at, next_at, status) \
         values ($1, 'reply', 'text', $2, $2, $2, 'failed')",
    )
    .bind(USER)
    .bind(at)
    .execute(&tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn records_older_than_the_retention_age_are_erased_and_recent_ones_kept(b: Backend) {
    let Some(url) = db::fresh(b).await else {
        return;
    };
    let store = Db::open(&url).await.unwrap();
    let ts = t0().timestamp();
    db!(store, touch_user(USER, Some("en"), ts)).unwrap();
    let med = db!(
        store,
        insert_medication(USER, "Ibuprofen", MedClass::Nsaid, None, ts)
    )
    .unwrap();
    let tx = store.begin().await.unwrap();
    let habit = query(
        "insert into habit (user_id, name, kind, numerator, denominator, position, start_day, \
         created_at) values ($1, 'Walk', 'yes_no', 1, 1, 1, '2025-01-01', $2) returning id",
    )
    .bind(USER)
    .bind(ts)
    .fetch_scalar::<i64>(&tx)
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    seed(&store, med.id, habit, 400, 1).await; // older than a year: erased
    seed(&store, med.id, habit, 366, 2).await; // just older: erased
    seed(&store, med.id, habit, 300, 3).await; // kept
    seed(&store, med.id, habit, 10, 4).await; // kept
    db!(store, set_dialogue(USER, Some("{}"), ts - 400 * 86_400)).unwrap();
    let tables = [
        "attack",
        "intake",
        "day_record",
        "questionnaire",
        "habit_mark",
        "inbox",
        "outbox",
    ];
    for table in tables {
        assert_eq!(count(&store, table).await, 4, "{table} seeded");
    }

    let app = TestApp::spawn_at_with(&url, &[("HEADLOG_RETENTION_DAYS", "365")])
        .await
        .unwrap();
    until("the retention job ran", async || {
        count(&store, "attack").await == 2
    })
    .await;
    for table in tables {
        assert_eq!(
            count(&store, table).await,
            2,
            "{table}: the two recent ones stay"
        );
    }
    assert_eq!(
        count(&store, "dialogue").await,
        0,
        "a forgotten dialogue goes"
    );
    assert_eq!(
        db!(store, medications(USER)).unwrap().len(),
        1,
        "the medication list is not a record: it stays"
    );
    assert_eq!(
        db!(store, all_habits(USER)).unwrap().len(),
        1,
        "a habit is not a record either: its old marks go, it stays"
    );
    assert!(
        db!(store, user(USER)).unwrap().is_some(),
        "so does the user"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_retention_below_180_days_stops_start_up_with_one_sentence() {
    let out = headlog()
        .arg("run")
        .env("HEADLOG_BOT_TOKEN", "1:a")
        .env("HEADLOG_RETENTION_DAYS", "179")
        .stderr(Stdio::piped())
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "headlog: HEADLOG_RETENTION_DAYS is not valid: 179 days is too short: records are kept at least 180 days (unset it to keep everything)\n"
    );
}
