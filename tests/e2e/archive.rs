//! /archive: the whole diary as one JSON document under a schema version (README "Archive
//! format"): settings, medications, attacks with every field, doses, day records,
//! questionnaire results and habits with their marks and reminders, and nothing of anyone
//! else.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{Duration, NaiveTime};
use headlog::domain::attack::{Attack, Disability, Location};
use headlog::domain::day::DayField;
use headlog::domain::habits::{Frequency, Kind, Mark};
use headlog::domain::lang::Lang;
use headlog::domain::medication::{MedClass, NewIntake};
use headlog::i18n::Arg;
use serde_json::{Value, json};

e2e!(the_archive_holds_every_record_and_setting_and_no_one_else_s);

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

async fn the_archive_holds_every_record_and_setting_and_no_one_else_s(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(950, lang);
    let other = app.user(951, lang);
    app.onboard(&user, BERLIN).await;
    app.onboard(&other, BERLIN).await;
    let start = t0() - Duration::hours(5);
    let mut a = Attack::new(user.id, start, BERLIN, start);
    a.ended_at = Some(start + Duration::hours(3));
    a.intensity = Some(7);
    a.locations = vec![Location::Temples, Location::Neck];
    a.disability = Some(Disability::Reduced);
    a.comment = Some("after \"the meeting\", 🤕".into());
    let a = db!(app.store, insert_attack(&a, None)).unwrap();
    let mut theirs = Attack::new(other.id, start, BERLIN, start);
    theirs.comment = Some("not yours".into());
    db!(app.store, insert_attack(&theirs, None)).unwrap();
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
    let walk = crate::habits::add(&app, user.id, "Walk", Kind::YesNo, Frequency::weekly(3)).await;
    db!(
        app.store,
        set_habit_mark(walk.id, yesterday, Some(Mark::Done), 0)
    )
    .unwrap();
    db!(
        app.store,
        set_habit_note(walk.id, yesterday, Some("park"), 0)
    )
    .unwrap();
    let seven = NaiveTime::from_hms_opt(7, 15, 0).unwrap();
    db!(
        app.store,
        insert_habit_reminder(user.id, walk.id, seven, 0b0001100)
    )
    .unwrap();
    crate::habits::add(&app, other.id, "Theirs", Kind::YesNo, Frequency::DAILY).await;

    let doc = app.say(&user, "/archive").await;
    assert_eq!(doc.method, "senddocument");
    assert_eq!(
        doc.files[0].file_name.as_deref(),
        Some("headlog-archive-2026-03-10.json")
    );
    assert_eq!(
        doc.text(),
        Some(
            app.tr(lang, "archive-caption", &[("version", Arg::Num(1))])
                .as_str()
        )
    );
    let v: Value = serde_json::from_slice(&doc.files[0].bytes).expect("the archive is JSON");
    assert_eq!(v["format"], "headlog-archive");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["exported_at"], "2026-03-10T10:00:00+01:00");
    assert_eq!(v["settings"]["time_zone"], "Europe/Berlin");
    assert_eq!(v["settings"]["habit_day_start"], "00:00");
    assert_eq!(v["settings"]["reminders"]["weekly_time"], "09:00");
    assert_eq!(
        v["medications"],
        json!([{"id": med.id, "name": "Sumatriptan", "class": "triptan", "usual_dose": "50 mg"}])
    );
    let attacks = v["attacks"].as_array().unwrap();
    assert_eq!(attacks.len(), 1, "only the user's own");
    let got = &attacks[0];
    assert_eq!(got["started_at"], "2026-03-10T05:00:00+01:00");
    assert_eq!(got["ended_at"], "2026-03-10T08:00:00+01:00");
    assert_eq!(got["intensity"], 7);
    assert_eq!(got["locations"], json!(["temples", "neck"]));
    assert_eq!(got["disability"], "reduced");
    assert_eq!(got["comment"], "after \"the meeting\", 🤕");
    assert_eq!(got["aura"], json!([]));
    assert_eq!(got["nausea"], Value::Null);
    let doses = v["doses"].as_array().unwrap();
    assert_eq!(doses.len(), 1);
    assert_eq!(doses[0]["attack_id"], a.id);
    assert_eq!(doses[0]["taken_at"], "2026-03-10T05:30:00+01:00");
    assert_eq!(doses[0]["class"], "triptan");
    assert_eq!(v["days"][0]["day"], "2026-03-09");
    assert_eq!(v["days"][0]["headache_free"], true);
    let habits = v["habits"].as_array().unwrap();
    assert_eq!(habits.len(), 1, "only the user's own");
    assert_eq!(habits[0]["name"], "Walk");
    assert_eq!(
        (
            habits[0]["numerator"].clone(),
            habits[0]["denominator"].clone()
        ),
        (json!(3), json!(7))
    );
    assert_eq!(
        habits[0]["marks"],
        json!([{"day": "2026-03-09", "status": "done", "value": null, "note": "park"}])
    );
    assert_eq!(
        habits[0]["reminders"],
        json!([{"time": "07:15", "weekdays": ["wed", "thu"]}])
    );
    assert_eq!(v["questionnaires"], json!([]));
    let text = String::from_utf8(doc.files[0].bytes.to_vec()).unwrap();
    assert!(!text.contains("not yours") && !text.contains("Theirs"));
}
