//! The store contract: the same assertions on SQLite and PostgreSQL.

use crate::db::{self, Backend};
use chrono::{DateTime, Duration, TimeZone, Utc};
use headlog::domain::attack::{Attack, AttackField, Location, Nausea, Side, Trigger};
use headlog::domain::day::DayField;
use headlog::domain::lang::Lang;
use headlog::domain::medication::{Effect, MedClass, MedField, NewIntake};
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
    one_field_changes_at_a_time_and_only_for_the_owner,
    attacks_between_overlap_a_window,
    the_trash_lists_and_the_purge_removes_old_deletions,
    day_records_are_created_on_first_write,
    medications_and_intakes_round_trip,
    user_settings_round_trip,
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

async fn one_field_changes_at_a_time_and_only_for_the_owner(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let a = s
        .insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
        .await
        .unwrap();
    // Two edits from two old messages: both stay.
    s.set_attack_field(1, a.id, &AttackField::Intensity(Some(6)), 10)
        .await
        .unwrap();
    let after = s
        .set_attack_field(1, a.id, &AttackField::Locations(vec![Location::Neck]), 11)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (after.intensity, after.locations.clone()),
        (Some(6), vec![Location::Neck])
    );
    assert_eq!(after.updated_at.timestamp(), 11);
    for field in [
        AttackField::StartedAt(t0() - Duration::hours(1)),
        AttackField::EndedAt(Some(t0() + Duration::hours(1))),
        AttackField::Side(Some(Side::Both)),
        AttackField::Nausea(Some(Nausea::Marked)),
        AttackField::WorseWithActivity(Some(true)),
        AttackField::AuraMin(Some(20)),
        AttackField::Triggers(vec![Trigger::Alcohol]),
        AttackField::TriggerNote(Some("x".into())),
        AttackField::Comment(None),
    ] {
        assert!(
            s.set_attack_field(1, a.id, &field, 12)
                .await
                .unwrap()
                .is_some(),
            "{field:?}"
        );
    }
    let back = s.attack(1, a.id).await.unwrap().unwrap();
    assert_eq!(back.started_at, t0() - Duration::hours(1));
    assert_eq!(back.aura_min, Some(20));
    assert_eq!(back.intensity, Some(6));
    assert!(
        s.set_attack_field(2, a.id, &AttackField::Intensity(Some(1)), 13)
            .await
            .unwrap()
            .is_none()
    );
    s.set_attack_deleted(1, a.id, Some(14), 14).await.unwrap();
    assert!(
        s.set_attack_field(1, a.id, &AttackField::Intensity(Some(1)), 15)
            .await
            .unwrap()
            .is_none()
    );
}

async fn attacks_between_overlap_a_window(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let day = t0().timestamp();
    let mk = |start: i64, end: Option<i64>| {
        let mut a = Attack::new(
            1,
            DateTime::from_timestamp(start, 0).unwrap(),
            chrono_tz::UTC,
            t0(),
        );
        a.ended_at = end.map(|e| DateTime::from_timestamp(e, 0).unwrap());
        a
    };
    let across = s
        .insert_attack(&mk(day - 3600, Some(day + 600)), None)
        .await
        .unwrap();
    let inside = s.insert_attack(&mk(day + 7200, None), None).await.unwrap();
    s.insert_attack(&mk(day - 7200, Some(day - 3600)), None)
        .await
        .unwrap();
    s.insert_attack(&mk(day + 86_400, None), None)
        .await
        .unwrap();
    let found: Vec<i64> = s
        .attacks_between(1, day, day + 86_400)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(found, vec![across.id, inside.id]);
}

async fn the_trash_lists_and_the_purge_removes_old_deletions(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let old = s
        .insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
        .await
        .unwrap();
    let recent = s
        .insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
        .await
        .unwrap();
    let kept = s
        .insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
        .await
        .unwrap();
    s.set_attack_deleted(1, old.id, Some(100), 100)
        .await
        .unwrap();
    s.set_attack_deleted(1, recent.id, Some(200), 200)
        .await
        .unwrap();
    let trash: Vec<i64> = s
        .deleted_attacks(1, 150)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(trash, vec![recent.id]);
    assert!(s.purge_deleted(150).await.unwrap() >= 1);
    assert!(s.attack(1, old.id).await.unwrap().is_none());
    assert!(s.attack(1, recent.id).await.unwrap().is_some());
    assert!(s.attack(1, kept.id).await.unwrap().is_some());
}

async fn day_records_are_created_on_first_write(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    assert!(s.day_record(1, day).await.unwrap().is_none());
    let r = s
        .set_day_field(
            1,
            day,
            chrono_tz::Europe::Moscow,
            &DayField::HeadacheFree(Some(true)),
            5,
        )
        .await
        .unwrap();
    assert_eq!(
        (r.day, r.zone, r.headache_free),
        (day, chrono_tz::Europe::Moscow, Some(true))
    );
    let r2 = s
        .set_day_field(
            1,
            day,
            chrono_tz::UTC,
            &DayField::Menstruation(Some(true)),
            6,
        )
        .await
        .unwrap();
    assert_eq!(
        (r2.id, r2.headache_free, r2.menstruation),
        (r.id, Some(true), Some(true))
    );
    assert_eq!(r2.zone, chrono_tz::Europe::Moscow, "the first zone stays");
    s.set_day_field(
        1,
        day,
        chrono_tz::UTC,
        &DayField::Questionnaire(Some("{\"a\":1}".into())),
        7,
    )
    .await
    .unwrap();
    let next = day.succ_opt().unwrap();
    s.set_day_field(
        1,
        next,
        chrono_tz::UTC,
        &DayField::Comment(Some("ok".into())),
        8,
    )
    .await
    .unwrap();
    let all = s.day_records(1, day, next).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].questionnaire.as_deref(), Some("{\"a\":1}"));
    assert_eq!(s.diary(1).await.unwrap().days.len(), 2);
}

async fn medications_and_intakes_round_trip(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.touch_user(1, None, 0).await.unwrap();
    s.touch_user(2, None, 0).await.unwrap();
    let ibu = s
        .insert_medication(1, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), 1)
        .await
        .unwrap();
    let suma = s
        .insert_medication(1, "sumatriptan", MedClass::Triptan, None, 1)
        .await
        .unwrap();
    assert_eq!(
        s.medications(1)
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>(),
        vec![ibu.id, suma.id]
    );
    assert!(
        s.medication(2, ibu.id).await.unwrap().is_none(),
        "another user's"
    );
    let renamed = s
        .set_medication_field(1, ibu.id, &MedField::DefaultDose(Some("200 mg".into())), 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(renamed.default_dose.as_deref(), Some("200 mg"));
    let a = s
        .insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
        .await
        .unwrap();
    let dose = NewIntake {
        medication_id: ibu.id,
        attack_id: Some(a.id),
        taken_at: t0(),
        zone: chrono_tz::UTC,
        dose: Some("400 mg".into()),
    };
    let first = s.insert_intake(1, &dose, Some(9), 3).await.unwrap();
    let again = s.insert_intake(1, &dose, Some(9), 4).await.unwrap();
    assert_eq!(first, again, "the same origin records once");
    assert_eq!(
        (first.name.as_str(), first.class, first.attack_id),
        ("Ibuprofen", MedClass::Nsaid, Some(a.id))
    );
    let foreign = NewIntake {
        medication_id: ibu.id,
        ..dose.clone()
    };
    assert!(
        s.insert_intake(2, &foreign, None, 5).await.is_err(),
        "another user's medication"
    );
    let effect = s
        .set_intake_effect(1, first.id, Some(Effect::Full), 6)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(effect.effect, Some(Effect::Full));
    assert!(
        s.set_intake_effect(2, first.id, Some(Effect::No), 6)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(s.intakes_for_attack(1, a.id).await.unwrap().len(), 1);
    assert_eq!(
        s.intakes_between(1, t0().timestamp(), t0().timestamp() + 1)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(s.delete_medication(1, ibu.id, 7).await.unwrap());
    assert_eq!(s.medications(1).await.unwrap().len(), 1);
    assert_eq!(
        s.intake(1, first.id).await.unwrap().unwrap().name,
        "Ibuprofen",
        "past doses keep their name"
    );
    s.set_intake_deleted(1, first.id, Some(8), 8).await.unwrap();
    assert!(s.intakes_for_attack(1, a.id).await.unwrap().is_empty());
    assert!(s.diary(1).await.unwrap().intakes.is_empty());
}

async fn user_settings_round_trip(b: Backend) {
    let Some(s) = open(b).await else { return };
    let u = s.touch_user(1, None, 0).await.unwrap();
    assert_eq!((u.checkin_time, u.track_menstruation), (None, false));
    let nine = chrono::NaiveTime::from_hms_opt(21, 30, 0).unwrap();
    s.set_user_checkin_time(1, Some(nine), 1).await.unwrap();
    s.set_user_menstruation(1, true, 1).await.unwrap();
    let u = s.user(1).await.unwrap().unwrap();
    assert_eq!((u.checkin_time, u.track_menstruation), (Some(nine), true));
}
