//! The diary CSV as the user gets it: an attack, its dose and details recorded through the
//! bot, exported with /export, and the uploaded file checked byte for byte (BOM, header,
//! `a`/`d` ids, the medications grammar, escaped separators, neutralised formulas, and
//! day records that hold nothing left out).

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{Duration, NaiveDate};
use fakebot::{Call, TgUser};
use headlog::domain::export::{COLUMNS, split_items, unescape};
use headlog::domain::lang::Lang;
use headlog::domain::medication::MedClass;
use headlog::i18n::Arg;

e2e!(
    an_attack_with_a_dose_and_details_exports_exactly,
    ids_name_their_kind_and_empty_days_are_left_out,
);

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Presses a labelled button; the one edit it made to that message.
async fn press(app: &TestApp, user: &TgUser, msg: i64, label: &str) -> Call {
    let (made, answer) = app.press_label(user, msg, label).await;
    assert_eq!(answer, None, "pressing {label:?}");
    assert_eq!(made.len(), 1, "pressing {label:?}: {made:?}");
    made[0].clone()
}

/// Types a value the details editor accepts: the editor is edited in place.
async fn typed_ok(app: &TestApp, user: &TgUser, _lang: Lang, text: &str) {
    let call = app.say(user, text).await;
    assert_eq!(call.method, "editmessagetext", "typed {text:?}");
}

/// Sends /export, taps "Diary CSV"; the uploaded file's bytes and the caption.
async fn export(app: &TestApp, user: &TgUser) -> (Vec<u8>, String) {
    let doc = crate::export_menu::diary(app, user).await;
    assert_eq!(doc.method, "senddocument");
    assert_eq!(doc.files.len(), 1);
    let caption = doc.text().unwrap_or_default().to_owned();
    (doc.files[0].bytes.to_vec(), caption)
}

fn header_line() -> String {
    format!("{}\n", COLUMNS.join(","))
}

async fn an_attack_with_a_dose_and_details_exports_exactly(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(90, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await; // t0 is 10:00 there
    // The user's own words: a formula-like comment in English, Cyrillic in Russian; both
    // with separators inside free text.
    let (med_name, usual, note, comment) = match lang {
        Lang::En => (
            "Ibuprofen; forte",
            "400 mg",
            "red wine; late",
            "=HYPERLINK(\"http://x\",\"y\")",
        ),
        Lang::Ru => (
            "Нурофен; форте",
            "200 мг",
            "=вино; поздно",
            "Болит висок, «пульсирует»",
        ),
    };
    let med = db!(
        app.store,
        insert_medication(90, med_name, MedClass::Nsaid, Some(usual), t0().timestamp())
    )
    .unwrap();

    // "Headache now", then the details: a trigger with a typed note and a comment.
    let tap = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let attack = db!(app.store, latest_open_attack(90)).unwrap().unwrap();
    let msg = tap.message_id.unwrap();
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-all")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-comment")).await;
    typed_ok(&app, &user, lang, comment).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-triggers")).await;
    press(&app, &user, msg, &app.t(lang, "trigger-stress")).await;
    let other = app.tr(
        lang,
        "btn-details-trigger-note",
        &[("value", app.t(lang, "details-unknown").into())],
    );
    press(&app, &user, msg, &other).await;
    typed_ok(&app, &user, lang, note).await;
    app.say(&user, "/cancel").await;

    // A dose for the attack, from its record: the usual dose, now.
    let history = app.say(&user, "/history").await.message_id.unwrap();
    app.press_label(&user, history, "1").await;
    let (made, _) = app
        .press(&user, history, &format!("M:t:{}", attack.id))
        .await;
    let flow = made[0].message_id.unwrap();
    app.press(&user, flow, &format!("M:tm:{}", med.id)).await;
    app.press(&user, flow, "M:td").await;
    app.press(&user, flow, "M:tn").await;
    let doses = db!(app.store, intakes_for_attack(90, attack.id)).unwrap();
    assert_eq!(doses.len(), 1);

    let (bytes, caption) = export(&app, &user).await;
    assert_eq!(
        caption,
        app.tr(lang, "export-caption", &[("count", Arg::Num(1))])
    );
    assert!(bytes.starts_with(BOM), "{:?}", &bytes[..8]);
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    let id = attack.id;
    let at = "2026-03-10T10:00:00+01:00";
    let expected_row = match lang {
        Lang::En => format!(
            "attack,a{id},{at},,,Europe/Berlin,,,,,,,,,,,,stress;red wine\\; late,\
             Ibuprofen\\; forte|nsaid|400 mg|{at}|unknown,,,,\
             \"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",{at},{at}\n"
        ),
        Lang::Ru => format!(
            "attack,a{id},{at},,,Europe/Berlin,,,,,,,,,,,,stress;'=вино\\; поздно,\
             Нурофен\\; форте|nsaid|200 мг|{at}|unknown,,,,\
             \"Болит висок, «пульсирует»\",{at},{at}\n"
        ),
    };
    assert_eq!(text, format!("{}{expected_row}", header_line()));

    // A script splits the cells back into the user's own words.
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    let triggers: Vec<String> = split_items(&row[17], ';')
        .iter()
        .map(|t| unescape(t))
        .collect();
    let shown_note = if note.starts_with('=') {
        format!("'{note}")
    } else {
        note.to_owned()
    };
    assert_eq!(triggers, vec!["stress".to_owned(), shown_note]);
    let dose_cells = split_items(&row[18], ';');
    assert_eq!(dose_cells.len(), 1);
    let fields: Vec<String> = split_items(&dose_cells[0], '|')
        .iter()
        .map(|f| unescape(f))
        .collect();
    assert_eq!(fields, vec![med_name, "nsaid", usual, at, "unknown"]);
    app.stop().await;
}

async fn ids_name_their_kind_and_empty_days_are_left_out(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(91, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await; // t0 is 12:00 there
    db!(app.store, set_user_menstruation(91, true, 0)).unwrap();

    // A period mark undone leaves a day record that holds nothing: nothing to export.
    let mark = app.say(&user, &app.t(lang, "btn-period")).await;
    app.press(&user, mark.message_id.unwrap(), "M:pu:20260310")
        .await;
    let day = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let emptied = db!(app.store, day_record(91, day)).unwrap().unwrap();
    assert_eq!(emptied.menstruation, None);
    assert_eq!(
        app.say(&user, "/export").await.text(),
        Some(app.t(lang, "export-empty").as_str())
    );

    // An attack (the first of its table) and the next day's mark (the second day record).
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let attack = db!(app.store, latest_open_attack(91)).unwrap().unwrap();
    app.clock.advance(Duration::hours(24));
    app.say(&user, &app.t(lang, "btn-period")).await;
    let next = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
    let marked = db!(app.store, day_record(91, next)).unwrap().unwrap();
    assert_eq!(
        attack.id, emptied.id,
        "fresh tables: the attack and the emptied day share a number"
    );

    let (bytes, caption) = export(&app, &user).await;
    assert_eq!(
        caption,
        app.tr(lang, "export-caption", &[("count", Arg::Num(2))])
    );
    assert!(bytes.starts_with(BOM));
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    let (noon, next_day, created) = (
        "2026-03-10T12:00:00+03:00",
        "2026-03-11T00:00:00+03:00",
        "2026-03-11T12:00:00+03:00",
    );
    let expected = format!(
        "{}attack,a{},{noon},,,Europe/Moscow,,,,,,,,,,,,,,,,,,{noon},{noon}\n\
         day,d{},{next_day},,,Europe/Moscow,,,,,,,,,,,,,,,,true,,{created},{created}\n",
        header_line(),
        attack.id,
        marked.id,
    );
    assert_eq!(text, expected);
    app.stop().await;
}
