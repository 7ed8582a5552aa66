//! The store contract: the same assertions on SQLite and PostgreSQL.

use crate::db::{self, Backend};
use chrono::{DateTime, Duration, TimeZone, Utc};
use headlog::domain::attack::{Attack, AttackField, Location, Nausea, Side, Trigger};
use headlog::domain::day::DayField;
use headlog::domain::lang::Lang;
use headlog::domain::medication::{Effect, MedClass, MedField, NewIntake};
use headlog::store::outbox::{Lane, NewOut, OutStatus};
use headlog::store::{Db, InboxOutcome, InboxRow};

async fn open(backend: Backend) -> Option<Db> {
    let url = db::fresh(backend).await?;
    Some(Db::open(&url).await.expect("open store"))
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
    readiness_needs_our_migrations,
    the_outbox_claims_sends_retries_and_keeps_order,
    one_field_changes_at_a_time_and_only_for_the_owner,
    attacks_between_overlap_a_window,
    the_trash_lists_and_the_purge_removes_old_deletions,
    the_purge_keeps_a_removed_medication_while_a_dose_of_it_is_kept,
    a_deleted_day_record_stays_in_the_trash_beside_a_new_one,
    day_records_are_created_on_first_write,
    medications_and_intakes_round_trip,
    every_medication_class_round_trips_and_an_unknown_one_is_corrupt,
    user_settings_round_trip,
    questionnaires_are_kept_once_per_update_and_listed_by_date,
);

async fn users_are_created_once_and_keep_their_settings(b: Backend) {
    let Some(s) = open(b).await else { return };
    let u = db!(s, touch_user(1, Some("ru-RU"), 100)).unwrap();
    assert_eq!((u.lang(), u.zone), (Lang::Ru, None));
    db!(s, set_user_zone(1, chrono_tz::Europe::Moscow, 101)).unwrap();
    db!(s, set_user_lang(1, Some(Lang::En), 102)).unwrap();
    let u = db!(s, touch_user(1, Some("ru"), 103)).unwrap();
    assert_eq!(u.lang(), Lang::En, "a chosen language wins over Telegram's");
    assert_eq!(u.tg_lang.as_deref(), Some("ru"));
    assert_eq!(u.zone, Some(chrono_tz::Europe::Moscow));
    db!(s, set_user_blocked(1, Some(104), 104)).unwrap();
    assert_eq!(db!(s, user(1)).unwrap().unwrap().blocked_at, Some(104));
    assert!(db!(s, user(2)).unwrap().is_none());
}

async fn an_attack_round_trips_every_field(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
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
    let stored = db!(s, insert_attack(&a, None)).unwrap();
    assert!(stored.id > 0);
    let back = db!(s, attack(1, stored.id)).unwrap().unwrap();
    assert_eq!(back, Attack { id: stored.id, ..a });
    assert_eq!(back.worse_with_activity, None, "unknown stays unknown");
}

async fn inserting_with_the_same_origin_returns_the_first_attack(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    let a = Attack::new(1, t0(), chrono_tz::UTC, t0());
    let first = db!(s, insert_attack(&a, Some(77))).unwrap();
    let again = db!(
        s,
        insert_attack(
            &Attack {
                started_at: t0() + Duration::minutes(5),
                ..a.clone()
            },
            Some(77),
        )
    )
    .unwrap();
    assert_eq!(first, again);
    assert_eq!(db!(s, count_attacks(1)).unwrap(), 1);
    assert_eq!(db!(s, attack_by_origin(1, 77)).unwrap(), Some(first));
    assert_eq!(db!(s, attack_by_origin(2, 77)).unwrap(), None);
}

async fn ending_is_conditional_and_owner_checked(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    db!(s, touch_user(2, None, 0)).unwrap();
    let a = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    let end = t0().timestamp() + 600;
    assert_eq!(
        db!(s, end_attack(2, a.id, end, end)).unwrap(),
        None,
        "another user's attack"
    );
    assert!(db!(s, attack(2, a.id)).unwrap().is_none());
    assert_eq!(
        db!(s, latest_open_attack(1)).unwrap().map(|x| x.id),
        Some(a.id)
    );
    let ended = db!(s, end_attack(1, a.id, end, end)).unwrap().unwrap();
    assert_eq!(ended.ended_at.unwrap().timestamp(), end);
    assert_eq!(
        db!(s, end_attack(1, a.id, end + 60, end + 60)).unwrap(),
        None,
        "already ended"
    );
    assert!(db!(s, latest_open_attack(1)).unwrap().is_none());
    assert!(
        db!(s, set_attack_deleted(2, a.id, Some(end), end))
            .unwrap()
            .is_none()
    );
}

async fn history_lists_non_deleted_newest_first(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    let mut ids = Vec::new();
    for i in 0..12 {
        let at = t0() + Duration::hours(i);
        ids.push(
            db!(
                s,
                insert_attack(&Attack::new(1, at, chrono_tz::UTC, at), None)
            )
            .unwrap()
            .id,
        );
    }
    db!(s, set_attack_deleted(1, ids[11], Some(1), 1)).unwrap();
    assert_eq!(db!(s, count_attacks(1)).unwrap(), 11);
    let page: Vec<i64> = db!(s, list_attacks(1, 10, 0))
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(page.first(), Some(&ids[10]));
    assert_eq!(page.len(), 10);
    let rest: Vec<i64> = db!(s, list_attacks(1, 10, 10))
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(rest, vec![ids[0]]);
    assert_eq!(
        db!(s, diary(1)).unwrap().attacks.len(),
        11,
        "the export leaves deleted out"
    );
    db!(s, set_attack_deleted(1, ids[11], None, 2)).unwrap();
    assert_eq!(db!(s, count_attacks(1)).unwrap(), 12);
}

async fn the_inbox_deduplicates_and_resumes(b: Backend) {
    let Some(s) = open(b).await else { return };
    let row = |id: i64| InboxRow {
        update_id: id,
        chat_id: Some(5),
        payload: format!("{{\"n\":{id}}}"),
    };
    assert_eq!(
        db!(s, inbox_insert(&[row(1), row(2)], 10)).unwrap(),
        vec![1, 2]
    );
    assert_eq!(
        db!(s, inbox_insert(&[row(2), row(3)], 11)).unwrap(),
        vec![3],
        "2 was a repeat"
    );
    db!(s, inbox_finish(1, InboxOutcome::Done, 12)).unwrap();
    db!(s, inbox_attempt(2)).unwrap();
    let pending = db!(s, inbox_pending(10)).unwrap();
    assert_eq!(
        pending.iter().map(|r| r.update_id).collect::<Vec<_>>(),
        vec![2, 3]
    );
    assert_eq!(pending[0].attempts, 1);
    assert_eq!(pending[0].payload, "{\"n\":2}");
    assert_eq!(
        db!(s, inbox_insert(&[row(1)], 13)).unwrap(),
        Vec::<i64>::new(),
        "done rows still deduplicate"
    );
    assert_eq!(db!(s, inbox_purge(13)).unwrap(), 1);
    assert_eq!(
        db!(s, inbox_pending(10)).unwrap().len(),
        2,
        "purging keeps pending rows"
    );
}

async fn erasing_a_user_removes_everything_of_theirs_only(b: Backend) {
    let Some(s) = open(b).await else { return };
    for user in [1, 2] {
        db!(s, touch_user(user, None, 0)).unwrap();
        db!(
            s,
            insert_attack(&Attack::new(user, t0(), chrono_tz::UTC, t0()), Some(user))
        )
        .unwrap();
        db!(s, set_dialogue(user, Some("{\"state\":\"await_zone\"}"), 0)).unwrap();
        let row = InboxRow {
            update_id: user,
            chat_id: Some(user),
            payload: "{}".into(),
        };
        db!(s, inbox_insert(&[row], 0)).unwrap();
        let reply = NewOut {
            chat_id: user,
            lane: Lane::Reply,
            kind: "sendMessage".into(),
            body: "{\"text\":\"diary text\"}".into(),
            file: None,
            target: None,
            dedup_key: None,
            due_at: 0,
        };
        db!(s, outbox_insert(&reply, 0, None)).unwrap();
    }
    db!(s, erase_user(1)).unwrap();
    assert_eq!(
        db!(s, outbox_counts()).unwrap(),
        vec![("reply".to_owned(), "pending".to_owned(), 1)],
        "the erased user's messages are gone, the other's stay"
    );
    assert!(db!(s, user(1)).unwrap().is_none());
    assert_eq!(db!(s, count_attacks(1)).unwrap(), 0);
    assert!(db!(s, dialogue(1)).unwrap().is_none());
    let pending: Vec<i64> = db!(s, inbox_pending(10))
        .unwrap()
        .iter()
        .map(|r| r.update_id)
        .collect();
    assert_eq!(pending, vec![2]);
    assert_eq!(db!(s, count_attacks(2)).unwrap(), 1);
    assert!(db!(s, dialogue(2)).unwrap().is_some());
}

async fn opening_twice_migrates_once(b: Backend) {
    let Some(url) = db::fresh(b).await else {
        return;
    };
    let first = Db::open(&url).await.unwrap();
    db!(first, touch_user(9, None, 0)).unwrap();
    let second = Db::open(&url).await.unwrap();
    assert!(db!(second, user(9)).unwrap().is_some());
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
    db!(s, touch_user(1, None, 0)).unwrap();
    let a = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    // Two edits from two old messages: both stay.
    db!(
        s,
        set_attack_field(1, a.id, &AttackField::Intensity(Some(6)), 10)
    )
    .unwrap();
    let after = db!(
        s,
        set_attack_field(1, a.id, &AttackField::Locations(vec![Location::Neck]), 11)
    )
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
            db!(s, set_attack_field(1, a.id, &field, 12))
                .unwrap()
                .is_some(),
            "{field:?}"
        );
    }
    let back = db!(s, attack(1, a.id)).unwrap().unwrap();
    assert_eq!(back.started_at, t0() - Duration::hours(1));
    assert_eq!(back.aura_min, Some(20));
    assert_eq!(back.intensity, Some(6));
    assert!(
        db!(
            s,
            set_attack_field(2, a.id, &AttackField::Intensity(Some(1)), 13)
        )
        .unwrap()
        .is_none()
    );
    db!(s, set_attack_deleted(1, a.id, Some(14), 14)).unwrap();
    assert!(
        db!(
            s,
            set_attack_field(1, a.id, &AttackField::Intensity(Some(1)), 15)
        )
        .unwrap()
        .is_none()
    );
}

async fn attacks_between_overlap_a_window(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
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
    let across = db!(s, insert_attack(&mk(day - 3600, Some(day + 600)), None)).unwrap();
    let inside = db!(s, insert_attack(&mk(day + 7200, None), None)).unwrap();
    db!(s, insert_attack(&mk(day - 7200, Some(day - 3600)), None)).unwrap();
    db!(s, insert_attack(&mk(day + 86_400, None), None)).unwrap();
    let found: Vec<i64> = db!(s, attacks_between(1, day, day + 86_400))
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(found, vec![across.id, inside.id]);
}

async fn the_trash_lists_and_the_purge_removes_old_deletions(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    let old = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    let recent = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    let kept = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    db!(s, set_attack_deleted(1, old.id, Some(100), 100)).unwrap();
    db!(s, set_attack_deleted(1, recent.id, Some(200), 200)).unwrap();
    let trash: Vec<i64> = db!(s, deleted_attacks(1, 150))
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(trash, vec![recent.id]);
    assert!(db!(s, purge_deleted(150)).unwrap() >= 1);
    assert!(db!(s, attack(1, old.id)).unwrap().is_none());
    assert!(db!(s, attack(1, recent.id)).unwrap().is_some());
    assert!(db!(s, attack(1, kept.id)).unwrap().is_some());
}

async fn the_purge_keeps_a_removed_medication_while_a_dose_of_it_is_kept(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    let removed = t0().timestamp();
    let mut meds = Vec::new();
    for name in ["Ibuprofen", "Aspirin", "Naproxen", "Ketoprofen"] {
        let m = db!(s, insert_medication(1, name, MedClass::Nsaid, None, 1)).unwrap();
        meds.push(m.id);
    }
    let [kept, unused, dose_deleted, attack_deleted] = meds[..] else {
        unreachable!()
    };
    let attack = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    let dose = |medication_id, attack_id| NewIntake {
        medication_id,
        attack_id,
        taken_at: t0(),
        zone: chrono_tz::UTC,
        dose: Some("400 mg".into()),
    };
    let live = db!(s, insert_intake(1, &dose(kept, None), None, 2)).unwrap();
    let gone = db!(s, insert_intake(1, &dose(dose_deleted, None), None, 2)).unwrap();
    let of_attack = db!(
        s,
        insert_intake(1, &dose(attack_deleted, Some(attack.id)), None, 2)
    )
    .unwrap();
    db!(s, set_intake_deleted(1, gone.id, Some(removed), removed)).unwrap();
    db!(s, set_attack_deleted(1, attack.id, Some(removed), removed)).unwrap();
    for id in [kept, unused, dose_deleted, attack_deleted] {
        assert!(db!(s, delete_medication(1, id, removed)).unwrap());
    }
    let removed_ids = |list: Vec<(DateTime<Utc>, headlog::domain::medication::Medication)>| {
        list.into_iter().map(|(_, m)| m.id).collect::<Vec<_>>()
    };
    assert_eq!(
        removed_ids(db!(s, removed_medications(1, 0)).unwrap()),
        vec![attack_deleted, dose_deleted, unused, kept]
    );

    // 31 days later the hourly purge runs.
    let now = t0() + Duration::days(31);
    let before = (now - headlog::service::diary::TRASH_KEEP).timestamp();
    assert_eq!(
        db!(s, purge_deleted(before)).unwrap(),
        // Two doses, one attack, three medications.
        6
    );
    let dose = db!(s, intake(1, live.id))
        .unwrap()
        .expect("a kept dose stays");
    assert_eq!(
        (dose.name.as_str(), dose.medication_id),
        ("Ibuprofen", kept)
    );
    assert_eq!(db!(s, diary(1)).unwrap().intakes, vec![dose.clone()]);
    assert!(db!(s, intake(1, gone.id)).unwrap().is_none());
    assert!(db!(s, intake(1, of_attack.id)).unwrap().is_none());
    assert_eq!(
        removed_ids(db!(s, removed_medications(1, 0)).unwrap()),
        vec![kept],
        "only the medication a kept dose refers to stays"
    );
    // Nothing more goes on the next run, and the kept dose keeps its name.
    assert_eq!(db!(s, purge_deleted(before + 3600)).unwrap(), 0);
    assert_eq!(db!(s, intake(1, live.id)).unwrap(), Some(dose));
}

async fn a_deleted_day_record_stays_in_the_trash_beside_a_new_one(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    db!(s, touch_user(2, None, 0)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let note = |text: &str| DayField::Comment(Some(text.into()));
    let old = db!(s, set_day_field(1, day, chrono_tz::UTC, &note("old"), 10)).unwrap();
    assert!(
        db!(s, set_day_record_deleted(2, old.id, Some(11), 11))
            .unwrap()
            .is_none(),
        "another user's"
    );
    db!(s, set_day_record_deleted(1, old.id, Some(11), 11)).unwrap();
    assert!(db!(s, day_record(1, day)).unwrap().is_none());
    let new = db!(s, set_day_field(1, day, chrono_tz::UTC, &note("new"), 12)).unwrap();
    assert_ne!(new.id, old.id, "a new record, the deleted one untouched");
    let trash = db!(s, deleted_day_records(1, 0)).unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(
        (trash[0].1.id, trash[0].1.comment.as_deref()),
        (old.id, Some("old"))
    );
    assert_eq!(trash[0].0.timestamp(), 11);
    assert!(db!(s, deleted_day_records(1, 12)).unwrap().is_empty());
    // Two live records of one day cannot be.
    assert!(db!(s, set_day_record_deleted(1, old.id, None, 13)).is_err());
    db!(s, set_day_record_deleted(1, new.id, Some(14), 14)).unwrap();
    db!(s, set_day_record_deleted(1, old.id, None, 15)).unwrap();
    let back = db!(s, day_record(1, day)).unwrap().unwrap();
    assert_eq!((back.id, back.comment.as_deref()), (old.id, Some("old")));
}

async fn day_records_are_created_on_first_write(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    assert!(db!(s, day_record(1, day)).unwrap().is_none());
    let r = db!(
        s,
        set_day_field(
            1,
            day,
            chrono_tz::Europe::Moscow,
            &DayField::HeadacheFree(Some(true)),
            5,
        )
    )
    .unwrap();
    assert_eq!(
        (r.day, r.zone, r.headache_free),
        (day, chrono_tz::Europe::Moscow, Some(true))
    );
    let r2 = db!(
        s,
        set_day_field(
            1,
            day,
            chrono_tz::UTC,
            &DayField::Menstruation(Some(true)),
            6,
        )
    )
    .unwrap();
    assert_eq!(
        (r2.id, r2.headache_free, r2.menstruation),
        (r.id, Some(true), Some(true))
    );
    assert_eq!(r2.zone, chrono_tz::Europe::Moscow, "the first zone stays");
    db!(
        s,
        set_day_field(
            1,
            day,
            chrono_tz::UTC,
            &DayField::Questionnaire(Some("{\"a\":1}".into())),
            7,
        )
    )
    .unwrap();
    let next = day.succ_opt().unwrap();
    db!(
        s,
        set_day_field(
            1,
            next,
            chrono_tz::UTC,
            &DayField::Comment(Some("ok".into())),
            8,
        )
    )
    .unwrap();
    let all = db!(s, day_records(1, day, next)).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].questionnaire.as_deref(), Some("{\"a\":1}"));
    assert_eq!(db!(s, diary(1)).unwrap().days.len(), 2);
}

async fn medications_and_intakes_round_trip(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    db!(s, touch_user(2, None, 0)).unwrap();
    let ibu = db!(
        s,
        insert_medication(1, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), 1)
    )
    .unwrap();
    let suma = db!(
        s,
        insert_medication(1, "sumatriptan", MedClass::Triptan, None, 1)
    )
    .unwrap();
    assert_eq!(
        db!(s, medications(1))
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>(),
        vec![ibu.id, suma.id]
    );
    assert!(
        db!(s, medication(2, ibu.id)).unwrap().is_none(),
        "another user's"
    );
    let renamed = db!(
        s,
        set_medication_field(1, ibu.id, &MedField::DefaultDose(Some("200 mg".into())), 2)
    )
    .unwrap()
    .unwrap();
    assert_eq!(renamed.default_dose.as_deref(), Some("200 mg"));
    let a = db!(
        s,
        insert_attack(&Attack::new(1, t0(), chrono_tz::UTC, t0()), None)
    )
    .unwrap();
    let dose = NewIntake {
        medication_id: ibu.id,
        attack_id: Some(a.id),
        taken_at: t0(),
        zone: chrono_tz::UTC,
        dose: Some("400 mg".into()),
    };
    let first = db!(s, insert_intake(1, &dose, Some(9), 3)).unwrap();
    let again = db!(s, insert_intake(1, &dose, Some(9), 4)).unwrap();
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
        db!(s, insert_intake(2, &foreign, None, 5)).is_err(),
        "another user's medication"
    );
    let effect = db!(s, set_intake_effect(1, first.id, Some(Effect::Full), 6))
        .unwrap()
        .unwrap();
    assert_eq!(effect.effect, Some(Effect::Full));
    assert!(
        db!(s, set_intake_effect(2, first.id, Some(Effect::No), 6))
            .unwrap()
            .is_none()
    );
    assert_eq!(db!(s, intakes_for_attack(1, a.id)).unwrap().len(), 1);
    assert_eq!(
        db!(
            s,
            intakes_between(1, t0().timestamp(), t0().timestamp() + 1)
        )
        .unwrap()
        .len(),
        1
    );
    assert!(db!(s, delete_medication(1, ibu.id, 7)).unwrap());
    assert_eq!(db!(s, medications(1)).unwrap().len(), 1);
    assert_eq!(
        db!(s, intake(1, first.id)).unwrap().unwrap().name,
        "Ibuprofen",
        "past doses keep their name"
    );
    db!(s, set_intake_deleted(1, first.id, Some(8), 8)).unwrap();
    assert!(db!(s, intakes_for_attack(1, a.id)).unwrap().is_empty());
    assert!(db!(s, diary(1)).unwrap().intakes.is_empty());
}

async fn user_settings_round_trip(b: Backend) {
    let Some(s) = open(b).await else { return };
    let u = db!(s, touch_user(1, None, 0)).unwrap();
    assert_eq!((u.checkin_time, u.track_menstruation), (None, false));
    let nine = chrono::NaiveTime::from_hms_opt(21, 30, 0).unwrap();
    db!(s, set_user_checkin_time(1, Some(nine), 1)).unwrap();
    db!(s, set_user_menstruation(1, true, 1)).unwrap();
    let u = db!(s, user(1)).unwrap().unwrap();
    assert_eq!((u.checkin_time, u.track_menstruation), (Some(nine), true));
}

async fn readiness_needs_our_migrations(b: Backend) {
    let Some(s) = open(b).await else { return };
    s.ready().await.expect("a migrated database is ready");
    db!(s, kv_set("probe", "1")).unwrap();
    let tx = s.begin().await.unwrap();
    // The newest migration is missing (as if an older build had migrated it).
    headlog::store::exec::query(
        "delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)",
    )
    .execute(&tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let e = s
        .ready()
        .await
        .expect_err("a database without our migrations is not ready");
    assert!(e.is_unavailable(), "{e}");
}

async fn the_outbox_claims_sends_retries_and_keeps_order(b: Backend) {
    let Some(s) = open(b).await else { return };
    let msg = |text: &str| NewOut {
        chat_id: 7,
        lane: Lane::Reply,
        kind: "sendMessage".into(),
        body: format!("{{\"text\":\"{text}\"}}"),
        file: None,
        target: None,
        dedup_key: None,
        due_at: 100,
    };
    // Written claimed by their writer: nobody else takes them until the claim lapses.
    let a = db!(s, outbox_insert(&msg("a"), 100, Some(130)))
        .unwrap()
        .unwrap();
    let b2 = db!(s, outbox_insert(&msg("b"), 100, Some(130)))
        .unwrap()
        .unwrap();
    assert!(db!(s, outbox_chat_busy(7)).unwrap());
    assert_eq!(
        db!(s, outbox_due_chats(100, 10)).unwrap(),
        Vec::<i64>::new()
    );
    assert_eq!(db!(s, outbox_due_chats(131, 10)).unwrap(), vec![7]);
    // The first failed and waits for another try: the chat's rows wait behind it.
    db!(s, outbox_retry(a, 140, "500")).unwrap();
    db!(s, outbox_release_chat(7)).unwrap();
    assert!(db!(s, outbox_claim_chat(7, 135, 165)).unwrap().is_empty());
    let rows = db!(s, outbox_claim_chat(7, 140, 170)).unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a, b2]);
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(rows[1].body, "{\"text\":\"b\"}");
    db!(s, outbox_sent(a, Some(55), 141)).unwrap();
    db!(s, outbox_give_up(b2, OutStatus::Failed, "403", 141)).unwrap();
    assert_eq!(db!(s, outbox_message_id(a)).unwrap(), Some(55));
    assert!(!db!(s, outbox_chat_busy(7)).unwrap());
    assert_eq!(
        db!(s, outbox_counts()).unwrap(),
        vec![
            ("reply".to_owned(), "failed".to_owned(), 1),
            ("reply".to_owned(), "sent".to_owned(), 1)
        ]
    );
    // A scheduled message is kept once per key, whoever writes it.
    let keyed = NewOut {
        lane: Lane::Scheduled,
        dedup_key: Some("7:checkin:2026-03-10T21:00".into()),
        ..msg("remind")
    };
    assert!(db!(s, outbox_insert(&keyed, 100, None)).unwrap().is_some());
    assert_eq!(db!(s, outbox_insert(&keyed, 100, None)).unwrap(), None);
    // Finished rows are purged after their time; sent ones carry no text meanwhile.
    assert_eq!(db!(s, outbox_purge(142)).unwrap(), 2);
}

async fn every_medication_class_round_trips_and_an_unknown_one_is_corrupt(b: Backend) {
    let Some(s) = open(b).await else { return };
    db!(s, touch_user(1, None, 0)).unwrap();
    for (i, class) in MedClass::ALL.iter().enumerate() {
        db!(
            s,
            insert_medication(1, &format!("m{i:02}"), *class, None, 1)
        )
        .unwrap();
    }
    let classes: Vec<MedClass> = db!(s, medications(1))
        .unwrap()
        .iter()
        .map(|m| m.class)
        .collect();
    assert_eq!(classes, MedClass::ALL);
    assert!(classes.contains(&MedClass::Gepant) && classes.contains(&MedClass::Ditan));
    // A class this build does not know is not quietly "other".
    let tx = s.begin().await.unwrap();
    headlog::store::exec::query("update medication set class = 'mystery' where name = 'm00'")
        .execute(&tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let e = db!(s, medications(1)).unwrap_err();
    assert!(e.to_string().contains("medication class"), "{e}");
}

async fn questionnaires_are_kept_once_per_update_and_listed_by_date(b: Backend) {
    use headlog::domain::questionnaires::{Answers, Hit6, Hit6Answer, Instrument, Midas};
    let Some(s) = open(b).await else { return };
    for user in [1, 2] {
        db!(s, touch_user(user, None, 0)).unwrap();
    }
    let zone = chrono_tz::Europe::Berlin;
    let midas = Answers::Midas(Midas::new([3, 2, 10, 0, 4]).unwrap());
    let hit6 = Answers::Hit6(Hit6 {
        answers: [Hit6Answer::Sometimes; 6],
    });
    let later = t0() + Duration::days(3);
    let kept = db!(s, insert_questionnaire(1, Some(7), &hit6, later, zone))
        .unwrap()
        .expect("kept");
    assert_eq!(
        (kept.answers, kept.taken_at, kept.zone),
        (hit6, later, zone)
    );
    assert!(
        db!(s, insert_questionnaire(1, Some(7), &midas, t0(), zone))
            .unwrap()
            .is_none(),
        "the same update records nothing twice"
    );
    db!(s, insert_questionnaire(1, Some(8), &midas, t0(), zone)).unwrap();
    db!(s, insert_questionnaire(2, Some(9), &midas, t0(), zone)).unwrap();
    let all = db!(s, questionnaires(1, i64::MAX)).unwrap();
    let got: Vec<(Answers, i64)> = all
        .iter()
        .map(|t| (t.answers, t.taken_at.timestamp()))
        .collect();
    assert_eq!(
        got,
        vec![(midas, t0().timestamp()), (hit6, later.timestamp())]
    );
    assert_eq!(
        db!(s, questionnaires(1, later.timestamp())).unwrap().len(),
        1
    );
    let last = db!(s, last_questionnaire(1, Instrument::Hit6))
        .unwrap()
        .unwrap();
    assert_eq!(last.id, kept.id);
    assert!(
        db!(s, last_questionnaire(1, Instrument::Midas))
            .unwrap()
            .is_some()
    );
    db!(s, erase_user(1)).unwrap();
    assert!(db!(s, questionnaires(1, i64::MAX)).unwrap().is_empty());
    assert_eq!(db!(s, questionnaires(2, i64::MAX)).unwrap().len(), 1);
}
