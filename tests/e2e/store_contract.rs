//! The store contract: the same assertions on SQLite and PostgreSQL.

use crate::db::{self, Backend};
use chrono::{Duration, TimeZone, Utc};
use headlog::domain::attack::{Attack, Location, Nausea, Side, Trigger};
use headlog::domain::lang::Lang;
use headlog::store::{self, InboxOutcome, InboxRow, Store};
use std::sync::Arc;

async fn open(backend: Backend) -> Option<Arc<dyn Store>> {
    let url = db::fresh(backend).await?;
    Some(store::open(&url).await.expect("open store"))
}

fn t0() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
}

macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() { super::$name(crate::db::Backend::Sqlite).await }
            #[tokio::test]
            async fn postgres() { super::$name(crate::db::Backend::Postgres).await }
        }
    )*};
}

on_both_stores!(
    users_are_created_once_and_keep_their_settings,
    an_attack_round_trips_every_field,
    inserting_with_the_same_origin_returns_the_first_attack,
    ending_is_conditional_and_owner_checked,
    history_lists_non_deleted_newest_first,
    the_inbox_deduplicates_and_resumes,
    erasing_a_user_removes_everything_of_theirs_only,
    opening_twice_migrates_once,
);

async fn users_are_created_once_and_keep_their_settings(b: Backend) {
    let Some(s) = open(b).await else { return };
    let u = s.touch_user(1, Some("ru-RU"), 100).await.unwrap();
    assert_eq!((u.lang(), u.zone), (Lang::Ru, None));
    s.set_user_zone(1, chrono_tz::Europe::Moscow, 101)
        .await
        .unwrap();
    s.set_user_lang(1, Some(Lang::En), 102).await.unwrap();
    let u = s.touch_user(1, Some("ru"), 103).await.unwrap();
    assert_eq!(u.lang(), Lang::En, "a chosen language wins over Telegram's");
    assert_eq!(u.tg_lang.as_deref(), Some("ru"));
    assert_eq!(u.zone, Some(chrono_tz::Europe::Moscow));
    s.set_user_blocked(1, Some(104), 104).await.unwrap();
    assert_eq!(s.user(1).await.unwrap().unwrap().blocked_at, Some(104));
    assert!(s.user(2).await.unwrap().is_none());
}

async fn an_attack_round_trips_every_field(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let mut a = Attack::new(1, t0(), chrono_tz::Europe::Berlin, t0());
    a.ended_at = Some(t0() + Duration::minutes(90));
    a.intensity = Some(7);
    a.locations = vec![Location::Temples, Location::Neck];
    a.side = Some(Side::Left);
    a.nausea = Some(Nausea::Slight);
    a.vomiting = Some(false);
    a.light_sensitivity = Some(true);
    a.triggers = vec![Trigger::Stress, Trigger::Weather];
    a.trigger_note = Some("'; drop table attack; --".into());
    a.comment = Some("боль 🤕 \"quoted\"".into());
    let stored = s.insert_attack(&a, None).await.unwrap();
    assert!(stored.id > 0);
    let back = s.attack(1, stored.id).await.unwrap().unwrap();
    assert_eq!(back, Attack { id: stored.id, ..a });
    assert_eq!(back.worse_with_activity, None, "unknown stays unknown");
}

async fn inserting_with_the_same_origin_returns_the_first_attack(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let a = Attack::new(1, t0(), chrono_tz::UTC, t0());
    let first = s.insert_attack(&a, Some(77)).await.unwrap();
    let again = s
        .insert_attack(
            &Attack {
                started_at: t0() + Duration::minutes(5),
                ..a.clone()
            },
            Some(77),
        )
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(s.count_attacks(1).await.unwrap(), 1);
    assert_eq!(s.attack_by_origin(1, 77).await.unwrap(), Some(first));
    assert_eq!(s.attack_by_origin(2, 77).await.unwrap(), None);
}

async fn ending_is_conditional_and_owner_checked(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    s.touch_user(2, None, 0).await.unwrap();
    let a = s
        .insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
        .await
        .unwrap();
    let end = t0().timestamp() + 600;
    assert_eq!(
        s.end_attack(2, a.id, end, end).await.unwrap(),
        None,
        "another user's attack"
    );
    assert!(s.attack(2, a.id).await.unwrap().is_none());
    assert_eq!(
        s.latest_open_attack(1).await.unwrap().map(|x| x.id),
        Some(a.id)
    );
    let ended = s.end_attack(1, a.id, end, end).await.unwrap().unwrap();
    assert_eq!(ended.ended_at.unwrap().timestamp(), end);
    assert_eq!(
        s.end_attack(1, a.id, end + 60, end + 60).await.unwrap(),
        None,
        "already ended"
    );
    assert!(s.latest_open_attack(1).await.unwrap().is_none());
    assert!(
        s.set_attack_deleted(2, a.id, Some(end), end)
            .await
            .unwrap()
            .is_none()
    );
}

async fn history_lists_non_deleted_newest_first(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..12 {
        let at = t0() + Duration::hours(i);
        ids.push(
            s.insert_attack(&Attack::new(1, at, chrono_tz::UTC, at), None)
                .await
                .unwrap()
                .id,
        );
    }
    s.set_attack_deleted(1, ids[11], Some(1), 1).await.unwrap();
    assert_eq!(s.count_attacks(1).await.unwrap(), 11);
    let page: Vec<i64> = s
        .list_attacks(1, 10, 0)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(page.first(), Some(&ids[10]));
    assert_eq!(page.len(), 10);
    let rest: Vec<i64> = s
        .list_attacks(1, 10, 10)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(rest, vec![ids[0]]);
    assert_eq!(
        s.diary(1).await.unwrap().attacks.len(),
        11,
        "the export leaves deleted out"
    );
    s.set_attack_deleted(1, ids[11], None, 2).await.unwrap();
    assert_eq!(s.count_attacks(1).await.unwrap(), 12);
}

async fn the_inbox_deduplicates_and_resumes(b: Backend) {
    let Some(s) = open(b).await else { return };
    let row = |id: i64| InboxRow {
        update_id: id,
        chat_id: Some(5),
        payload: format!("{{\"n\":{id}}}"),
        attempts: 0,
    };
    assert_eq!(
        s.inbox_insert(&[row(1), row(2)], 10).await.unwrap(),
        vec![1, 2]
    );
    assert_eq!(
        s.inbox_insert(&[row(2), row(3)], 11).await.unwrap(),
        vec![3],
        "2 was a repeat"
    );
    s.inbox_finish(1, InboxOutcome::Done, 12).await.unwrap();
    s.inbox_attempt(2).await.unwrap();
    let pending = s.inbox_pending(10).await.unwrap();
    assert_eq!(
        pending.iter().map(|r| r.update_id).collect::<Vec<_>>(),
        vec![2, 3]
    );
    assert_eq!(pending[0].attempts, 1);
    assert_eq!(pending[0].payload, "{\"n\":2}");
    assert_eq!(
        s.inbox_insert(&[row(1)], 13).await.unwrap(),
        Vec::<i64>::new(),
        "done rows still deduplicate"
    );
    assert_eq!(s.inbox_purge(13).await.unwrap(), 1);
    assert_eq!(
        s.inbox_pending(10).await.unwrap().len(),
        2,
        "purging keeps pending rows"
    );
}

async fn erasing_a_user_removes_everything_of_theirs_only(b: Backend) {
    let Some(s) = open(b).await else { return };
    for user in [1, 2] {
        s.touch_user(user, None, 0).await.unwrap();
        s.insert_attack(&Attack::new(user, t0(), chrono_tz::UTC, t0()), Some(user))
            .await
            .unwrap();
        s.set_dialogue(user, Some("{\"state\":\"await_zone\"}"), 0)
            .await
            .unwrap();
        let row = InboxRow {
            update_id: user,
            chat_id: Some(user),
            payload: "{}".into(),
            attempts: 0,
        };
        s.inbox_insert(&[row], 0).await.unwrap();
    }
    s.erase_user(1).await.unwrap();
    assert!(s.user(1).await.unwrap().is_none());
    assert_eq!(s.count_attacks(1).await.unwrap(), 0);
    assert!(s.dialogue(1).await.unwrap().is_none());
    let pending: Vec<i64> = s
        .inbox_pending(10)
        .await
        .unwrap()
        .iter()
        .map(|r| r.update_id)
        .collect();
    assert_eq!(pending, vec![2]);
    assert_eq!(s.count_attacks(2).await.unwrap(), 1);
    assert!(s.dialogue(2).await.unwrap().is_some());
}

async fn opening_twice_migrates_once(b: Backend) {
    let Some(url) = db::fresh(b).await else {
        return;
    };
    let first = store::open(&url).await.unwrap();
    first.touch_user(9, None, 0).await.unwrap();
    let second = store::open(&url).await.unwrap();
    assert!(second.user(9).await.unwrap().is_some());
    assert_eq!(
        second.backend(),
        if b == Backend::Sqlite {
            "sqlite"
        } else {
            "postgres"
        }
    );
}
