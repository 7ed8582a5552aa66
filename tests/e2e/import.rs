//! /import: a file sent to the bot is recognised, previewed and imported in one unit of
//! work, can be undone once, and importing it again adds nothing. Sample files are built
//! here to the formats they claim, with their sources beside them:
//! - headlog's archive and diary CSV: made by headlog itself (README "Archive format",
//!   "Diary CSV");
//! - Migraine Buddy: no published specification; the columns assumed are those listed in
//!   `src/import/migraine_buddy.rs` (and the README's "Imports");
//! - Loop Habit Tracker: iSoron/uhabits `HabitsCSVExporter` / `HabitList.writeCSV` (the
//!   Habits.csv columns of Loop 2) and `Entry` (Checkmarks.csv values: 2 done, 1 done by
//!   period, 0 not done, -1 no entry, 3 skipped; numeric values in thousandths).

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use fakebot::{Call, TgUser};
use headlog::domain::attack::{Attack, Disability, Location, Nausea, Side, Trigger};
use headlog::domain::day::DayField;
use headlog::domain::habits::{Frequency, Kind, Mark};
use headlog::domain::lang::Lang;
use headlog::domain::medication::{Effect, MedClass, NewIntake};
use headlog::domain::questionnaires::{Answers, Instrument};
use headlog::i18n::Arg;
use serde_json::{Value, json};
use std::io::Write;

e2e!(
    an_archive_round_trips_into_a_fresh_account_and_a_second_import_adds_nothing,
    a_diary_csv_imports_once_however_often_it_is_sent,
    a_migraine_buddy_csv_maps_what_maps_and_keeps_the_rest,
    a_loop_export_brings_habits_and_marks,
    bad_files_are_refused_with_the_row_or_field_and_nothing_is_written,
    import_buttons_act_once_and_only_for_their_owner,
);

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// The user sends a file; returns the bot's first reply.
async fn send_file(app: &TestApp, user: &TgUser, lang: Lang, name: &str, bytes: Vec<u8>) -> Call {
    let file_id = format!("upload-{}-{name}-{}", user.id, bytes.len());
    let size = bytes.len();
    app.fake.register_file(&file_id, name, bytes);
    app.push_raw(
        user.id,
        lang,
        json!({"document": {
            "file_id": file_id, "file_unique_id": format!("u-{file_id}"),
            "file_size": size, "file_name": name
        }}),
    )
    .await
}

/// Presses the preview's first button (Import); returns the edit and the answer.
async fn confirm(app: &TestApp, user: &TgUser, preview: &Call) -> (Vec<Call>, Option<String>) {
    let buttons = preview.inline_buttons();
    assert_eq!(buttons.len(), 2, "{:?}", preview.text());
    assert!(buttons[0].1.starts_with("I:c:"), "{buttons:?}");
    app.press(user, preview.message_id.unwrap(), &buttons[0].1)
        .await
}

async fn attacks_of(app: &TestApp, user: i64) -> Vec<Attack> {
    db!(
        app.store,
        attacks_between(user, 0, (t0() + Duration::days(1)).timestamp())
    )
    .unwrap()
}

/// An archive with ids replaced by what they stand for and the export time left out.
fn normalised(bytes: &[u8]) -> Value {
    let mut v: Value = serde_json::from_slice(bytes).unwrap();
    v.as_object_mut().unwrap().remove("exported_at");
    let starts: std::collections::HashMap<String, Value> = v["attacks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].to_string(), a["started_at"].clone()))
        .collect();
    for list in [
        "attacks",
        "medications",
        "days",
        "questionnaires",
        "habits",
        "doses",
    ] {
        for item in v[list].as_array_mut().unwrap() {
            let o = item.as_object_mut().unwrap();
            o.remove("id");
            o.remove("medication_id");
            if let Some(a) = o.get("attack_id").cloned() {
                o.insert(
                    "attack_id".into(),
                    starts.get(&a.to_string()).cloned().unwrap_or(Value::Null),
                );
            }
        }
    }
    v
}

async fn an_archive_round_trips_into_a_fresh_account_and_a_second_import_adds_nothing(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1200, lang);
    let fresh = app.user(1201, lang);
    app.onboard(&user, BERLIN).await;
    app.onboard(&fresh, BERLIN).await;
    let start = t0() - Duration::days(40);
    let mut a = Attack::new(user.id, start, BERLIN, start + Duration::hours(1));
    a.ended_at = Some(start + Duration::hours(5));
    a.intensity = Some(8);
    a.locations = vec![Location::Temples, Location::BehindEyes];
    a.side = Some(Side::Left);
    a.nausea = Some(Nausea::Marked);
    a.triggers = vec![Trigger::Stress, Trigger::Weather];
    a.trigger_note = Some("long flight".into());
    a.disability = Some(Disability::LostDay);
    a.comment = Some("=not a formula; \"quoted\" 🤕".into());
    let a = db!(app.store, insert_attack(&a, None)).unwrap();
    let mut open_end = Attack::new(
        user.id,
        start + Duration::days(3),
        BERLIN,
        start + Duration::days(3),
    );
    open_end.end_unknown = true;
    db!(app.store, insert_attack(&open_end, None)).unwrap();
    let med = db!(
        app.store,
        insert_medication(user.id, "Sumatriptan", MedClass::Triptan, Some("50 mg"), 0)
    )
    .unwrap();
    let dose = NewIntake {
        medication_id: med.id,
        attack_id: Some(a.id),
        taken_at: start + Duration::minutes(30),
        zone: BERLIN,
        dose: Some("50 mg".into()),
    };
    let dose = db!(app.store, insert_intake(user.id, &dose, None, 0)).unwrap();
    db!(
        app.store,
        set_intake_effect(user.id, dose.id, Some(Effect::Partial), 0)
    )
    .unwrap();
    let day = t0().date_naive() - Duration::days(2);
    db!(
        app.store,
        set_day_field(user.id, day, BERLIN, &DayField::HeadacheFree(Some(true)), 0)
    )
    .unwrap();
    let answers = Answers::decode(Instrument::Midas, "1,2,3,4,5").unwrap();
    db!(
        app.store,
        insert_questionnaire(user.id, None, &answers, start, BERLIN)
    )
    .unwrap();
    let walk = crate::habits::add(&app, user.id, "Walk", Kind::YesNo, Frequency::weekly(3)).await;
    db!(app.store, set_habit_mark(walk.id, day, Some(Mark::Done), 0)).unwrap();
    db!(app.store, set_habit_note(walk.id, day, Some("park"), 0)).unwrap();
    let seven = NaiveTime::from_hms_opt(7, 15, 0).unwrap();
    db!(
        app.store,
        insert_habit_reminder(user.id, walk.id, seven, 0b0001100)
    )
    .unwrap();

    let doc = app.say(&user, "/archive").await;
    let archive = doc.files[0].bytes.to_vec();

    let preview = send_file(&app, &fresh, lang, "headlog-archive.json", archive.clone()).await;
    let text = preview.text().unwrap();
    assert!(
        text.contains(&app.tr(
            lang,
            "import-preview-title",
            &[("source", Arg::Str(app.t(lang, "import-source-archive")))]
        )),
        "{text}"
    );
    for (key, new) in [
        ("import-count-attacks", 2),
        ("import-count-doses", 1),
        ("import-count-days", 1),
        ("import-count-questionnaires", 1),
        ("import-count-habits", 1),
        ("import-count-marks", 1),
    ] {
        let line = app.tr(lang, key, &[("new", Arg::Num(new)), ("known", Arg::Num(0))]);
        assert!(text.contains(&line), "{key}: {text}");
    }
    assert!(text.contains(&app.t(lang, "import-settings")), "{text}");
    assert!(
        attacks_of(&app, fresh.id).await.is_empty(),
        "a preview writes nothing"
    );
    let (made, answer) = confirm(&app, &fresh, &preview).await;
    assert_eq!(answer, None);
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].method, "editmessagetext");
    // 2 attacks, 1 dose, 1 day, 1 medication, 1 questionnaire, 1 habit, 1 mark.
    assert_eq!(
        made[0].text(),
        Some(
            app.tr(lang, "import-applied", &[("count", Arg::Num(8))])
                .as_str()
        )
    );
    let again = app.say(&fresh, "/archive").await;
    assert_eq!(
        normalised(&again.files[0].bytes),
        normalised(&archive),
        "the round trip reproduces the export"
    );
    let imported = attacks_of(&app, fresh.id).await;
    assert_eq!(
        imported[0].created_at,
        start + Duration::hours(1),
        "the source's creation time"
    );

    // The same file again: everything is known.
    let second = send_file(&app, &fresh, lang, "headlog-archive.json", archive.clone()).await;
    let text = second.text().unwrap();
    assert!(text.contains(&app.t(lang, "import-nothing-new")), "{text}");
    assert!(second.inline_buttons().is_empty());
    assert_eq!(attacks_of(&app, fresh.id).await.len(), 2);

    // Undo once: the account is as fresh as before.
    let (made, _) = app
        .press(
            &fresh,
            made[0].target_message_id().unwrap(),
            &made[0].inline_buttons()[0].1,
        )
        .await;
    assert_eq!(
        made[0].text(),
        Some(
            app.tr(lang, "import-undone", &[("count", Arg::Num(8))])
                .as_str()
        )
    );
    assert!(attacks_of(&app, fresh.id).await.is_empty());
    assert!(db!(app.store, all_habits(fresh.id)).unwrap().is_empty());
    assert!(db!(app.store, medications(fresh.id)).unwrap().is_empty());
    // The original is untouched.
    assert_eq!(attacks_of(&app, user.id).await.len(), 2);
    app.stop().await;
}

async fn diary_csv(app: &TestApp, user: i64) -> Vec<u8> {
    let tx = app.store.begin().await.unwrap();
    let csv = headlog::service::diary::export(&tx, user).await.unwrap();
    tx.commit().await.unwrap();
    csv.unwrap().0
}

/// CSV rows without the id column (ids are the store's own).
fn rows_without_ids(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| {
            let mut r: Vec<String> = r.unwrap().iter().map(str::to_owned).collect();
            r[1].clear();
            r
        })
        .collect()
}

async fn a_diary_csv_imports_once_however_often_it_is_sent(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1210, lang);
    let fresh = app.user(1211, lang);
    app.onboard(&user, BERLIN).await;
    app.onboard(&fresh, chrono_tz::Asia::Tokyo).await;
    let start = t0() - Duration::days(10);
    let mut a = Attack::new(user.id, start, BERLIN, start);
    a.ended_at = Some(start + Duration::minutes(90));
    a.intensity = Some(5);
    a.aura = vec![headlog::domain::attack::Aura::Visual];
    a.aura_min = Some(20);
    a.trigger_note = Some("red; wine | cheese".into());
    a.comment = Some("-2 degrees outside".into());
    let a = db!(app.store, insert_attack(&a, None)).unwrap();
    let med = db!(
        app.store,
        insert_medication(user.id, "Ibuprofen; 400", MedClass::Nsaid, None, 0)
    )
    .unwrap();
    for (attack, at) in [
        (Some(a.id), start + Duration::minutes(10)),
        (None, start + Duration::days(2)),
    ] {
        let dose = NewIntake {
            medication_id: med.id,
            attack_id: attack,
            taken_at: at,
            zone: BERLIN,
            dose: Some("400 mg".into()),
        };
        db!(app.store, insert_intake(user.id, &dose, None, 0)).unwrap();
    }
    let day = t0().date_naive() - Duration::days(3);
    db!(
        app.store,
        set_day_field(
            user.id,
            day,
            BERLIN,
            &DayField::Comment(Some("slept well".into())),
            0
        )
    )
    .unwrap();
    let csv = diary_csv(&app, user.id).await;

    let preview = send_file(&app, &fresh, lang, "headlog-2026-03-10.csv", csv.clone()).await;
    let text = preview.text().unwrap();
    assert!(
        text.contains(&app.t(lang, "import-source-diary_csv")),
        "{text}"
    );
    let (made, _) = confirm(&app, &fresh, &preview).await;
    // 1 attack, 2 doses, 1 day record, 1 medication.
    assert_eq!(
        made[0].text(),
        Some(
            app.tr(lang, "import-applied", &[("count", Arg::Num(5))])
                .as_str()
        )
    );
    assert_eq!(
        rows_without_ids(&diary_csv(&app, fresh.id).await),
        rows_without_ids(&csv),
        "times keep the zone the file states, free text its escapes"
    );
    // Again, and into the account it came from: nothing new either way.
    for who in [&fresh, &user] {
        let again = send_file(&app, who, lang, "headlog.csv", csv.clone()).await;
        assert!(
            again
                .text()
                .unwrap()
                .contains(&app.t(lang, "import-nothing-new"))
        );
    }
    assert_eq!(attacks_of(&app, fresh.id).await.len(), 1);
    assert_eq!(attacks_of(&app, user.id).await.len(), 1);
    app.stop().await;
}

/// A Migraine Buddy CSV as its US export writes it: slashed dates month first and
/// 12-hour times, lists separated by commas, columns headlog has no field for.
fn migraine_buddy() -> String {
    [
        "Start Time,End Time,Pain Level,Pain Position,Triggers,Symptoms,Medication,Medication Effect,Notes,Weather,Attack Type",
        "03/14/2024 2:30 PM,03/14/2024 9:00 PM,7,\"Left temple, Right eye\",\"Stress, Lack of sleep, Chocolate\",\"Nausea, Sensitivity to light\",Ibuprofen,Helpful,Dark room helped,Rainy,Migraine",
        "",
        "03/05/2024 8:15 AM,,4,Forehead,,,,,,Sunny,Tension",
    ]
    .join("\r\n")
}

async fn a_migraine_buddy_csv_maps_what_maps_and_keeps_the_rest(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1220, lang);
    app.onboard(&user, BERLIN).await;
    let preview = send_file(
        &app,
        &user,
        lang,
        "MigraineBuddy.csv",
        migraine_buddy().into_bytes(),
    )
    .await;
    let text = preview.text().unwrap();
    assert!(
        text.contains(&app.t(lang, "import-source-migraine_buddy")),
        "{text}"
    );
    assert!(
        text.contains(&app.tr(
            lang,
            "import-kept",
            &[("columns", Arg::Str("Weather, Attack Type".into()))]
        )),
        "{text}"
    );
    confirm(&app, &user, &preview).await;
    let attacks = attacks_of(&app, user.id).await;
    assert_eq!(attacks.len(), 2);
    let (early, late) = (&attacks[0], &attacks[1]);
    // 8:15 in Berlin (UTC+1 in early March).
    assert_eq!(
        early.started_at,
        Utc.with_ymd_and_hms(2024, 3, 5, 7, 15, 0).unwrap()
    );
    assert!(early.end_unknown && early.ended_at.is_none());
    assert_eq!(early.locations, vec![Location::Forehead]);
    assert_eq!(
        early.comment.as_deref(),
        Some("Weather: Sunny\nAttack Type: Tension")
    );
    assert_eq!(
        late.started_at,
        Utc.with_ymd_and_hms(2024, 3, 14, 13, 30, 0).unwrap()
    );
    assert_eq!(
        late.ended_at,
        Some(Utc.with_ymd_and_hms(2024, 3, 14, 20, 0, 0).unwrap())
    );
    assert_eq!(late.intensity, Some(7));
    assert_eq!(late.side, Some(Side::Both));
    assert_eq!(
        late.locations,
        vec![Location::Temples, Location::BehindEyes]
    );
    assert_eq!(late.triggers, vec![Trigger::Stress, Trigger::PoorSleep]);
    assert_eq!(late.trigger_note.as_deref(), Some("Chocolate"));
    assert_eq!(late.nausea, Some(Nausea::Slight));
    assert_eq!(late.light_sensitivity, Some(true));
    assert_eq!(
        late.created_at, late.started_at,
        "no creation time: its start"
    );
    assert_eq!(
        late.comment.as_deref(),
        Some("Dark room helped\nWeather: Rainy\nAttack Type: Migraine")
    );
    let doses = db!(app.store, intakes_for_attack(user.id, late.id)).unwrap();
    assert_eq!(doses.len(), 1);
    assert_eq!(doses[0].name, "Ibuprofen");
    assert_eq!(doses[0].effect, Some(Effect::Full));

    // The same diary from a Russian Windows machine: Windows-1251, day-first dates.
    let ru = [
        "Start Time,End Time,Pain Level,Notes",
        "20.04.2024 10:00,20.04.2024 12:00,6,Болела голова после работы",
    ]
    .join("\n");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&ru);
    let preview = send_file(&app, &user, lang, "mb.csv", cp1251.into_owned()).await;
    confirm(&app, &user, &preview).await;
    let attacks = attacks_of(&app, user.id).await;
    assert_eq!(attacks.len(), 3);
    assert_eq!(
        attacks[2].comment.as_deref(),
        Some("Болела голова после работы")
    );
    assert_eq!(
        attacks[2].started_at,
        Utc.with_ymd_and_hms(2024, 4, 20, 8, 0, 0).unwrap()
    );
    app.stop().await;
}

fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const LOOP_HABITS: &str = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\n\
001,Meditate,YES_NO,Did you meditate today?,,3,7,#FF8F00,,,,false\n\
002,Water,NUMERICAL,How many glasses?,,1,1,#039BE5,glasses,AT_LEAST,8,false\n";
const LOOP_CHECKMARKS: &str = "Date,Meditate,Water\n\
2024-03-03,2,8000\n\
2024-03-02,1,-1\n\
2024-03-01,3,5500\n";

async fn marks(
    app: &TestApp,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(String, Option<Mark>)> {
    db!(app.store, habit_entries(id, from, to))
        .unwrap()
        .into_iter()
        .map(|e| (e.day.to_string(), e.mark))
        .collect()
}

async fn a_loop_export_brings_habits_and_marks(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1230, lang);
    app.onboard(&user, BERLIN).await;
    let zip = zip_of(&[
        ("Habits.csv", LOOP_HABITS),
        ("Checkmarks.csv", LOOP_CHECKMARKS),
        ("Scores.csv", "Date,Meditate,Water\n2024-03-03,0.1,0.2\n"),
        (
            "001 Meditate/Checkmarks.csv",
            "Date,Meditate\n2024-03-03,2\n",
        ),
    ]);
    let preview = send_file(
        &app,
        &user,
        lang,
        "Loop Habits CSV 2024-03-04.zip",
        zip.clone(),
    )
    .await;
    let text = preview.text().unwrap();
    assert!(text.contains(&app.t(lang, "import-source-loop")), "{text}");
    assert!(
        text.contains(&app.tr(lang, "import-skipped-auto_mark", &[("count", Arg::Num(1))])),
        "{text}"
    );
    confirm(&app, &user, &preview).await;
    let habits = db!(app.store, all_habits(user.id)).unwrap();
    assert_eq!(habits.len(), 2);
    let (meditate, water) = (&habits[0], &habits[1]);
    assert_eq!(meditate.name, "Meditate");
    assert_eq!(meditate.freq, Frequency::weekly(3));
    assert_eq!(
        meditate.description.as_deref(),
        Some("Did you meditate today?")
    );
    assert_eq!(
        meditate.start_day,
        NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
    );
    assert!(matches!(water.kind, Kind::Numeric { target, .. } if target == 8.0));
    assert_eq!(water.unit.as_deref(), Some("glasses"));
    let from = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
    assert_eq!(
        marks(&app, meditate.id, from, to).await,
        vec![
            ("2024-03-01".to_owned(), Some(Mark::Skipped)),
            ("2024-03-03".to_owned(), Some(Mark::Done)),
        ]
    );
    assert_eq!(
        marks(&app, water.id, from, to).await,
        vec![
            ("2024-03-01".to_owned(), Some(Mark::Value(5.5))),
            ("2024-03-03".to_owned(), Some(Mark::Value(8.0))),
        ]
    );
    // The ZIP again: nothing new.
    let again = send_file(&app, &user, lang, "Loop.zip", zip).await;
    assert!(
        again
            .text()
            .unwrap()
            .contains(&app.t(lang, "import-nothing-new"))
    );
    // A later Checkmarks.csv alone: marks for the habits it names, the unknown one left out.
    let later = "Date,Meditate,Water,Read\n2024-03-05,2,3000,2\n2024-03-03,2,8000,2\n";
    let preview = send_file(
        &app,
        &user,
        lang,
        "Checkmarks.csv",
        later.as_bytes().to_vec(),
    )
    .await;
    let text = preview.text().unwrap();
    assert!(
        text.contains(&app.tr(
            lang,
            "import-skipped-unknown_habit",
            &[("count", Arg::Num(2))]
        )),
        "{text}"
    );
    assert!(
        text.contains(&app.tr(
            lang,
            "import-count-marks",
            &[("new", Arg::Num(2)), ("known", Arg::Num(2))]
        )),
        "{text}"
    );
    confirm(&app, &user, &preview).await;
    assert_eq!(marks(&app, water.id, from, to).await.len(), 3);
    app.stop().await;
}

async fn bad_files_are_refused_with_the_row_or_field_and_nothing_is_written(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1240, lang);
    app.onboard(&user, BERLIN).await;
    let refused = |key: &str, args: &[(&str, Arg)]| app.tr(lang, key, args);
    // Not a file headlog knows.
    let reply = send_file(
        &app,
        &user,
        lang,
        "photo.png",
        b"\x89PNG\r\n\x1a\nrest".to_vec(),
    )
    .await;
    assert_eq!(
        reply.text(),
        Some(refused("import-refused-unknown", &[]).as_str())
    );
    // Larger than Telegram lets a bot download: refused before any download.
    let reply = app
        .push_raw(
            user.id,
            lang,
            json!({"document": {"file_id": "huge", "file_unique_id": "huge", "file_size": 25_000_000, "file_name": "big.csv"}}),
        )
        .await;
    assert_eq!(
        reply.text(),
        Some(refused("import-refused-too_big", &[("max", Arg::Num(20))]).as_str())
    );
    // A broken row (a field too many) names its row.
    let mut broken = migraine_buddy();
    broken.push_str("\r\n03/20/2024 1:00 PM,,3,Neck,,,,,,Windy,Tension,extra\r\n");
    let reply = send_file(&app, &user, lang, "mb.csv", broken.into_bytes()).await;
    assert_eq!(
        reply.text(),
        Some(refused("import-refused-bad_row", &[("row", Arg::Num(5))]).as_str())
    );
    // A value that does not read names its row and column.
    let bad = "Start Time,End Time,Pain Level\n03/05/2024 8:15 AM,,4\n03/06/2024 9:00 AM,,lots\n";
    let reply = send_file(&app, &user, lang, "mb.csv", bad.as_bytes().to_vec()).await;
    assert_eq!(
        reply.text(),
        Some(
            refused(
                "import-refused-bad_value",
                &[
                    ("row", Arg::Num(3)),
                    ("field", Arg::Str("Pain Level".into()))
                ]
            )
            .as_str()
        )
    );
    // An archive from a newer schema.
    let newer = json!({"format": "headlog-archive", "schema_version": 99, "attacks": [
        {"id": 1, "started_at": "2026-01-01T10:00:00+01:00", "zone": "Europe/Berlin"}
    ]});
    let reply = send_file(&app, &user, lang, "a.json", newer.to_string().into_bytes()).await;
    assert_eq!(
        reply.text(),
        Some(
            refused(
                "import-refused-newer_schema",
                &[("version", Arg::Str("99".into())), ("known", Arg::Num(1))]
            )
            .as_str()
        )
    );
    // An archive with a value of the wrong kind names the field.
    let wrong = json!({"format": "headlog-archive", "schema_version": 1, "attacks": [
        {"id": 1, "started_at": "2026-01-01T10:00:00+01:00", "zone": "Europe/Berlin", "side": "up"}
    ]});
    let reply = send_file(&app, &user, lang, "a.json", wrong.to_string().into_bytes()).await;
    assert_eq!(
        reply.text(),
        Some(
            refused(
                "import-refused-bad_field",
                &[("field", Arg::Str("attacks[0].side".into()))]
            )
            .as_str()
        )
    );
    // A truncated archive.
    let good = json!({"format": "headlog-archive", "schema_version": 1, "attacks": []}).to_string();
    let reply = send_file(
        &app,
        &user,
        lang,
        "a.json",
        good.as_bytes()[..good.len() - 5].to_vec(),
    )
    .await;
    assert_eq!(
        reply.text(),
        Some(
            refused(
                "import-refused-bad_json",
                &[("row", Arg::Num(1)), ("field", Arg::Str("none".into()))]
            )
            .as_str()
        )
    );
    // A header and nothing else.
    let reply = send_file(
        &app,
        &user,
        lang,
        "mb.csv",
        b"Start Time,End Time,Pain Level\n".to_vec(),
    )
    .await;
    assert_eq!(
        reply.text(),
        Some(refused("import-refused-empty", &[]).as_str())
    );
    // A damaged ZIP.
    let reply = send_file(
        &app,
        &user,
        lang,
        "loop.zip",
        b"PK\x03\x04 not really".to_vec(),
    )
    .await;
    assert_eq!(
        reply.text(),
        Some(refused("import-refused-bad_zip", &[]).as_str())
    );
    assert!(
        attacks_of(&app, user.id).await.is_empty(),
        "nothing half-imported"
    );
    // A sticker is still no input the bot reads.
    let sticker = json!({"sticker": {
        "file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
        "is_animated": false, "is_video": false
    }});
    let reply = app.push_raw(user.id, lang, sticker).await;
    assert_eq!(
        reply.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );
    app.stop().await;
}

async fn import_buttons_act_once_and_only_for_their_owner(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1250, lang);
    let intruder = app.user(1251, lang);
    app.onboard(&user, BERLIN).await;
    app.onboard(&intruder, BERLIN).await;
    let intro = app.say(&user, "/import").await;
    assert_eq!(intro.text(), Some(app.t(lang, "import-intro").as_str()));
    let file = migraine_buddy().into_bytes();
    let preview = send_file(&app, &user, lang, "mb.csv", file.clone()).await;
    let buttons = preview.inline_buttons();
    let message = preview.message_id.unwrap();
    let stale = app.t(lang, "error-stale-button");
    // Forged or someone else's: stale, nothing done.
    for data in ["I:c:999999", "I:q:1", &buttons[0].1] {
        let (made, answer) = app.press(&intruder, message, data).await;
        assert_eq!(answer.as_deref(), Some(stale.as_str()), "{data}");
        assert!(made.is_empty());
    }
    // Cancel, then Import on the cancelled preview.
    let (made, _) = app.press(&user, message, &buttons[1].1).await;
    assert_eq!(
        made[0].text(),
        Some(app.t(lang, "import-cancelled").as_str())
    );
    let (_, answer) = app.press(&user, message, &buttons[0].1).await;
    assert_eq!(answer, Some(app.t(lang, "import-cancelled")));
    assert!(attacks_of(&app, user.id).await.is_empty());
    // A new preview imported with a double tap: once.
    let preview = send_file(&app, &user, lang, "mb.csv", file).await;
    let (made, _) = confirm(&app, &user, &preview).await;
    let (_, answer) = confirm(&app, &user, &preview).await;
    assert_eq!(answer, Some(app.t(lang, "import-already-applied")));
    assert_eq!(attacks_of(&app, user.id).await.len(), 2);
    // Undo once.
    let undo = made[0].inline_buttons()[0].1.clone();
    let (_, answer) = app.press(&user, message, "I:u:999999").await;
    assert_eq!(answer.as_deref(), Some(stale.as_str()));
    app.press(&user, preview.message_id.unwrap(), &undo).await;
    let (_, answer) = app.press(&user, preview.message_id.unwrap(), &undo).await;
    assert_eq!(answer, Some(app.t(lang, "import-already-undone")));
    assert!(attacks_of(&app, user.id).await.is_empty());
    app.stop().await;
}
