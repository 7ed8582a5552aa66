//! /export as a menu: one message whose buttons each send one export (the diary CSV, the
//! habits' CSVs only for users with habits, the full archive, the FHIR bundle); a double
//! tap sends nothing more; a forged button is stale; an empty diary says so. Other
//! modules get their export through [`diary`] and [`choose`].

use crate::db::Backend;
use crate::fhir_check;
use crate::harness::{TestApp, e2e, t0};
use chrono::Duration;
use fakebot::{Call, TgUser};
use headlog::domain::attack::{Attack, Location, Nausea, Side};
use headlog::domain::day::DayField;
use headlog::domain::habits::{Frequency, Kind};
use headlog::domain::lang::Lang;
use headlog::domain::medication::{MedClass, NewIntake};
use headlog::domain::questionnaires::{Answers, Hit6, Hit6Answer, Midas};
use headlog::i18n::Arg;
use serde_json::Value;

e2e!(
    the_menu_sends_each_export_once_per_double_tap,
    the_habits_button_shows_only_with_habits,
    a_forged_export_button_is_stale_and_an_empty_diary_says_so,
    the_fhir_bundle_holds_the_diary_in_the_shapes_it_claims,
);

/// The callback data of each choice (the README documents `X:`).
pub const DIARY: &str = "X:d";
pub const HABITS: &str = "X:h";
pub const ARCHIVE: &str = "X:a";
pub const FHIR: &str = "X:f";

/// Sends /export and presses `data` on the menu: the calls it made and the answer.
pub async fn choose(app: &TestApp, user: &TgUser, data: &str) -> (Vec<Call>, Option<String>) {
    let menu = app.say(user, "/export").await;
    assert_eq!(menu.method, "sendmessage", "{menu:?}");
    app.press(user, menu.message_id.unwrap(), data).await
}

/// Sends /export, taps "Diary CSV"; the document sent.
pub async fn diary(app: &TestApp, user: &TgUser) -> Call {
    let (made, answer) = choose(app, user, DIARY).await;
    assert_eq!(answer, None);
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(made[0].method, "senddocument");
    made[0].clone()
}

fn labels(menu: &Call) -> Vec<String> {
    menu.inline_buttons().into_iter().map(|(l, _)| l).collect()
}

async fn the_menu_sends_each_export_once_per_double_tap(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1201, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;

    let menu = app.say(&user, &app.t(lang, "btn-export")).await;
    assert_eq!(menu.text(), Some(app.t(lang, "export-choose").as_str()));
    let t = |k: &str| app.t(lang, k);
    assert_eq!(
        labels(&menu),
        [
            t("btn-export-diary"),
            t("btn-export-archive"),
            t("btn-export-fhir")
        ]
    );
    let msg = menu.message_id.unwrap();
    let one = |data: &'static str| {
        let app = &app;
        let user = &user;
        async move {
            let (made, answer) = app.press(user, msg, data).await;
            assert_eq!(answer, None, "{data}");
            assert_eq!(made.len(), 1, "{data}: {made:?}");
            assert_eq!(made[0].method, "senddocument");
            made[0].clone()
        }
    };
    let csv = one(DIARY).await;
    assert_eq!(
        csv.files[0].file_name.as_deref(),
        Some("headlog-2026-03-10.csv")
    );
    assert_eq!(
        csv.text(),
        Some(
            app.tr(lang, "export-caption", &[("count", Arg::Num(1))])
                .as_str()
        )
    );
    let archive = one(ARCHIVE).await;
    assert_eq!(
        archive.files[0].file_name.as_deref(),
        Some("headlog-archive-2026-03-10.json")
    );
    let json: Value = serde_json::from_slice(&archive.files[0].bytes).unwrap();
    assert_eq!(json["format"], "headlog-archive");
    let fhir = one(FHIR).await;
    assert_eq!(
        fhir.files[0].file_name.as_deref(),
        Some("headlog-fhir-2026-03-10.json")
    );
    let bundle: Value = serde_json::from_slice(&fhir.files[0].bytes).unwrap();
    assert_eq!(fhir_check::check(&bundle), Vec::<String>::new());
    let count = bundle["entry"].as_array().unwrap().len();
    assert_eq!(count, 2, "the patient and the attack");
    assert_eq!(
        fhir.text(),
        Some(
            app.tr(lang, "export-fhir-caption", &[("count", Arg::Num(2))])
                .as_str()
        )
    );

    // A second tap of each, within the minute: answered, nothing sent again.
    app.clock.advance(Duration::seconds(20));
    for data in [DIARY, ARCHIVE, FHIR] {
        let (made, answer) = app.press(&user, msg, data).await;
        assert_eq!(answer, Some(t("export-already-sent")), "{data}");
        assert!(made.is_empty(), "{data}: {made:?}");
    }
    // Minutes later the same button sends a fresh copy.
    app.clock.advance(Duration::minutes(3));
    let again = one(DIARY).await;
    assert_eq!(again.files[0].bytes, csv.files[0].bytes);
    // /archive still sends the archive at once.
    let direct = app.say(&user, "/archive").await;
    assert_eq!(direct.method, "senddocument");
    app.stop().await;
}

async fn the_habits_button_shows_only_with_habits(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1202, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    crate::habits::add(&app, user.id, "Walk", Kind::YesNo, Frequency::DAILY).await;
    // Habits but no diary: the menu, with the habits' button.
    let menu = app.say(&user, "/export").await;
    let t = |k: &str| app.t(lang, k);
    assert_eq!(
        labels(&menu),
        [
            t("btn-export-diary"),
            t("btn-export-habits"),
            t("btn-export-archive"),
            t("btn-export-fhir")
        ]
    );
    let msg = menu.message_id.unwrap();
    let (made, answer) = app.press(&user, msg, HABITS).await;
    assert_eq!(answer, None);
    let names: Vec<_> = made
        .iter()
        .map(|c| c.files[0].file_name.clone().unwrap_or_default())
        .collect();
    assert_eq!(names, ["Habits.csv", "Checkmarks.csv", "Scores.csv"]);
    // The diary's button on an empty diary: told so, nothing sent.
    let (made, answer) = app.press(&user, msg, DIARY).await;
    assert_eq!(answer, Some(t("export-empty")));
    assert!(made.is_empty());
    app.stop().await;
}

async fn a_forged_export_button_is_stale_and_an_empty_diary_says_so(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1203, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    let empty = app.say(&user, "/export").await;
    assert_eq!(empty.text(), Some(app.t(lang, "export-empty").as_str()));
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let menu = app.say(&user, "/export").await;
    let msg = menu.message_id.unwrap();
    for forged in ["X:", "X:z", "X:d:1", "X:dd", "X:\u{0}"] {
        let (made, answer) = app.press(&user, msg, forged).await;
        assert_eq!(
            answer,
            Some(app.t(lang, "error-stale-button")),
            "{forged:?}"
        );
        assert!(made.is_empty(), "{forged:?}");
    }
    // A habits button pressed without habits (an old menu): nothing to send.
    let (made, answer) = app.press(&user, msg, HABITS).await;
    assert_eq!(answer, Some(app.t(lang, "export-empty")));
    assert!(made.is_empty());
    app.stop().await;
}

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

async fn the_fhir_bundle_holds_the_diary_in_the_shapes_it_claims(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(1204, lang);
    app.onboard(&user, BERLIN).await;
    let start = t0() - Duration::hours(5);
    let mut a = Attack::new(user.id, start, BERLIN, start);
    a.ended_at = Some(start + Duration::hours(3));
    a.intensity = Some(7);
    a.locations = vec![Location::Temples];
    a.side = Some(Side::Left);
    a.nausea = Some(Nausea::Slight);
    a.vomiting = Some(false);
    a.comment = Some("after the meeting".into());
    let a = db!(app.store, insert_attack(&a, None)).unwrap();
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
    db!(app.store, insert_intake(user.id, &dose, None, 0)).unwrap();
    let yesterday = t0().date_naive() - Duration::days(1);
    db!(
        app.store,
        set_day_field(
            user.id,
            yesterday,
            BERLIN,
            &DayField::HeadacheFree(Some(true)),
            0
        )
    )
    .unwrap();
    let midas = Answers::Midas(Midas::new([1, 0, 2, 0, 3]).unwrap());
    let hit6 = Answers::Hit6(Hit6 {
        answers: [Hit6Answer::Sometimes; 6],
    });
    for answers in [midas, hit6] {
        db!(
            app.store,
            insert_questionnaire(user.id, None, &answers, t0(), BERLIN)
        )
        .unwrap();
    }

    let (made, _) = choose(&app, &user, FHIR).await;
    let bundle: Value = serde_json::from_slice(&made[0].files[0].bytes).unwrap();
    assert_eq!(fhir_check::check(&bundle), Vec::<String>::new());
    let obs = fhir_check::resources(&bundle, "Observation");
    let profile = |o: &Value| {
        o["meta"]["profile"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let attack = obs
        .iter()
        .find(|o| {
            profile(o).ends_with("/SymptomObservation")
                && o["valueCodeableConcept"]["text"] == "Headache"
        })
        .expect("the attack's observation");
    assert_eq!(attack["code"]["coding"][0]["code"], "75325-1");
    assert_eq!(
        attack["valueCodeableConcept"]["coding"][1]["code"],
        "25064002"
    );
    assert_eq!(
        attack["effectivePeriod"]["start"],
        "2026-03-10T05:00:00+01:00"
    );
    assert_eq!(
        attack["effectivePeriod"]["end"],
        "2026-03-10T08:00:00+01:00"
    );
    assert_eq!(attack["bodySite"]["coding"][0]["code"], "69536005");
    let severity = &attack["component"][0];
    assert_eq!(severity["code"]["coding"][0]["code"], "64750-3");
    assert_eq!(
        severity["valueCodeableConcept"]["coding"][0]["code"],
        "24484000"
    );
    // Nausea present and vomiting absent, each tied to the attack and the attack to them.
    let tied = attack["extension"].as_array().unwrap();
    assert_eq!(tied.len(), 2);
    let nausea = obs
        .iter()
        .find(|o| o["valueCodeableConcept"]["coding"][0]["code"] == "422587007")
        .unwrap();
    assert!(profile(nausea).ends_with("/SymptomObservation"));
    let url = |o: &Value| format!("urn:uuid:{}", o["id"].as_str().unwrap());
    assert_eq!(
        nausea["extension"][0]["valueReference"]["reference"],
        url(attack).as_str()
    );
    let absent: Vec<_> = obs
        .iter()
        .filter(|o| profile(o).ends_with("/SymptomAbsentObservation"))
        .collect();
    assert_eq!(absent.len(), 2, "vomiting, and yesterday without headache");
    let free = absent
        .iter()
        .find(|o| o["valueCodeableConcept"]["text"] == "Headache")
        .unwrap();
    assert_eq!(free["code"]["coding"][0]["code"], "111551-8");
    assert_eq!(
        free["effectivePeriod"]["start"],
        "2026-03-09T00:00:00+01:00"
    );
    let statements = fhir_check::resources(&bundle, "MedicationStatement");
    assert_eq!(statements.len(), 1);
    assert_eq!(
        statements[0]["medicationCodeableConcept"]["text"],
        "Sumatriptan"
    );
    assert_eq!(statements[0]["dosage"][0]["text"], "50 mg");
    assert_eq!(
        statements[0]["effectiveDateTime"],
        "2026-03-10T05:30:00+01:00"
    );
    assert_eq!(
        statements[0]["reasonReference"][0]["reference"],
        url(attack).as_str()
    );
    let responses = fhir_check::resources(&bundle, "QuestionnaireResponse");
    let totals: Vec<_> = responses
        .iter()
        .map(|r| r["item"].as_array().unwrap().last().unwrap()["answer"][0]["valueInteger"].clone())
        .collect();
    assert_eq!(totals, [6, 60]);
    let patient = fhir_check::resources(&bundle, "Patient");
    assert_eq!(patient.len(), 1);
    assert_eq!(
        patient[0].as_object().unwrap().len(),
        2,
        "type and id, no name"
    );
    // Ids are new each export.
    app.clock.advance(Duration::minutes(3));
    let (again, _) = choose(&app, &user, FHIR).await;
    let second: Value = serde_json::from_slice(&again[0].files[0].bytes).unwrap();
    assert_ne!(second["entry"][0]["fullUrl"], bundle["entry"][0]["fullUrl"]);
    app.stop().await;
}
