//! History pages, opening a record, delete with restore, and the CSV export.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::Duration;
use headlog::domain::attack::Attack;
use headlog::domain::export::COLUMNS;
use headlog::domain::lang::Lang;
use headlog::i18n::Arg;

e2e!(
    history_pages_through_everything_newest_first,
    a_record_opens_with_delete_and_restore,
    export_sends_the_diary_csv,
    a_single_record_is_named_alone_and_intensity_is_shown,
);

/// Twelve closed attacks, one every 6 hours before t0 (the newest ended an hour ago).
async fn twelve(app: &TestApp, user: i64) -> Vec<Attack> {
    let mut out = Vec::new();
    for i in (1..=12).rev() {
        let start = t0() - Duration::hours(6 * i);
        let mut a = Attack::new(user, start, chrono_tz::Europe::Berlin, start);
        a.ended_at = Some(start + Duration::hours(5));
        a.comment = Some(format!("note {i}, \"quoted\"; 🤕"));
        out.push(db!(app.store, insert_attack(&a, None)).unwrap());
    }
    out
}

async fn history_pages_through_everything_newest_first(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(30, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let empty = app.say(&user, &app.t(lang, "btn-history")).await;
    assert_eq!(empty.text(), Some(app.t(lang, "history-empty").as_str()));

    let attacks = twelve(&app, 30).await;
    let first = app.say(&user, "/history").await;
    let text = first.text().unwrap();
    let header = app.tr(
        lang,
        "history-header",
        &[
            ("from", 1i64.into()),
            ("to", 10i64.into()),
            ("total", 12i64.into()),
        ],
    );
    assert!(text.starts_with(&header), "{text}");
    let newest = &attacks[11];
    let line = app.tr(
        lang,
        "history-line",
        &[
            (
                "range",
                format!(
                    "{} – 09:00",
                    app.tr(lang, "time-today", &[("time", "04:00".into())])
                )
                .into(),
            ),
            (
                "duration",
                app.tr(
                    lang,
                    "duration-hours",
                    &[("h", 5i64.into()), ("m", 0i64.into())],
                )
                .into(),
            ),
        ],
    );
    assert_eq!(text.lines().nth(1), Some(format!("1. {line}").as_str()));
    assert_eq!(text.lines().count(), 11);
    let buttons = first.inline_buttons();
    assert_eq!(buttons[0], ("1".to_owned(), format!("o:{}:0", newest.id)));
    assert_eq!(
        buttons.last().unwrap(),
        &(app.t(lang, "btn-older"), "h:1".to_owned())
    );

    let msg = first.message_id.unwrap();
    let (made, _) = app.press_label(&user, msg, &app.t(lang, "btn-older")).await;
    let page2 = made[0].text().unwrap();
    let header = app.tr(
        lang,
        "history-header",
        &[
            ("from", 11i64.into()),
            ("to", 12i64.into()),
            ("total", 12i64.into()),
        ],
    );
    assert!(page2.starts_with(&header), "{page2}");
    assert_eq!(page2.lines().count(), 3);
    assert!(page2.lines().nth(1).unwrap().starts_with("11. "), "{page2}");
    assert_eq!(
        made[0].inline_buttons()[0].0,
        "11",
        "numbers go on across pages"
    );
    assert_eq!(
        made[0].inline_buttons().last().unwrap(),
        &(app.t(lang, "btn-newer"), "h:0".to_owned())
    );
    // A forged page number far past the end shows the last page.
    let (made, _) = app.press(&user, msg, "h:999").await;
    assert!(made[0].text().unwrap().starts_with(&header));
    app.stop().await;
}

async fn a_record_opens_with_delete_and_restore(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(31, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let attacks = twelve(&app, 31).await;
    let list = app.say(&user, "/history").await;
    let msg = list.message_id.unwrap();
    let (made, _) = app.press_label(&user, msg, "1").await;
    let record = made[0].text().unwrap().to_owned();
    let newest = &attacks[11];
    let today = |t: &str| app.tr(lang, "time-today", &[("time", t.into())]);
    let expected = [
        app.t(lang, "record-title"),
        app.tr(lang, "record-started", &[("start", today("04:00").into())]),
        app.tr(lang, "record-ended", &[("end", today("09:00").into())]),
        app.tr(
            lang,
            "record-duration",
            &[(
                "duration",
                app.tr(
                    lang,
                    "duration-hours",
                    &[("h", 5i64.into()), ("m", 0i64.into())],
                )
                .into(),
            )],
        ),
        app.tr(
            lang,
            "details-line",
            &[
                ("label", app.t(lang, "details-field-comment").into()),
                ("value", "note 1, \"quoted\"; 🤕".into()),
            ],
        ),
    ]
    .join("\n");
    assert_eq!(record, expected);
    assert_eq!(
        made[0].inline_buttons(),
        vec![
            (app.t(lang, "took-btn"), format!("M:t:{}", newest.id)),
            (
                app.t(lang, "btn-details-edit"),
                format!("D:o:{}:h0", newest.id)
            ),
            (app.t(lang, "btn-delete"), format!("d:{}:0", newest.id)),
            (app.t(lang, "btn-back"), "h:0".into())
        ]
    );

    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-delete"))
        .await;
    assert_eq!(
        made[0].text(),
        Some(
            app.tr(lang, "record-deleted", &[("start", today("04:00").into())])
                .as_str()
        )
    );
    assert_eq!(db!(app.store, count_attacks(31)).unwrap(), 11);
    let (_, answer) = app
        .press_label(&user, msg, &app.t(lang, "btn-restore"))
        .await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "record-restored", &[("start", today("04:00").into())]))
    );
    assert_eq!(app.fake.message(31, msg).unwrap().text, Some(expected));
    assert_eq!(db!(app.store, count_attacks(31)).unwrap(), 12);
    let (made, _) = app.press_label(&user, msg, &app.t(lang, "btn-back")).await;
    assert!(made[0].text().unwrap().starts_with(&app.tr(
        lang,
        "history-header",
        &[
            ("from", 1i64.into()),
            ("to", 10i64.into()),
            ("total", 12i64.into())
        ]
    )));
    app.stop().await;
}

async fn export_sends_the_diary_csv(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(32, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    assert_eq!(
        app.say(&user, "/export").await.text(),
        Some(app.t(lang, "export-empty").as_str())
    );
    let attacks = twelve(&app, 32).await;
    db!(app.store, set_attack_deleted(32, attacks[0].id, Some(1), 1)).unwrap();
    let menu = app.say(&user, &app.t(lang, "btn-export")).await;
    let (made, _) = app
        .press(&user, menu.message_id.unwrap(), crate::export_menu::DIARY)
        .await;
    let doc = made[0].clone();
    assert_eq!(doc.method, "senddocument");
    assert_eq!(
        doc.text(),
        Some(
            app.tr(lang, "export-caption", &[("count", Arg::Num(11))])
                .as_str()
        )
    );
    assert_eq!(doc.files.len(), 1);
    assert_eq!(
        doc.files[0].file_name.as_deref(),
        Some("headlog-2026-03-10.csv")
    );
    let mut reader = csv::Reader::from_reader(doc.files[0].bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 11, "the deleted record is left out");
    assert_eq!(&rows[0][1], format!("a{}", attacks[1].id).as_str());
    assert_eq!(&rows[10][2], "2026-03-10T04:00:00+01:00");
    assert_eq!(&rows[10][4], "300");
    assert_eq!(&rows[10][22], "note 1, \"quoted\"; 🤕");
    app.stop().await;
}

async fn a_single_record_is_named_alone_and_intensity_is_shown(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(33, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let start = t0() - Duration::hours(3);
    let mut a = Attack::new(33, start, chrono_tz::Europe::Berlin, start);
    a.intensity = Some(7);
    db!(app.store, insert_attack(&a, None)).unwrap();
    let list = app.say(&user, "/history").await;
    let text = list.text().unwrap();
    let header = app.tr(
        lang,
        "history-header-one",
        &[
            ("from", 1i64.into()),
            ("to", 1i64.into()),
            ("total", 1i64.into()),
        ],
    );
    assert_eq!(text.lines().next(), Some(header.as_str()));
    assert!(!text.contains("1–1"), "{text}");
    assert!(text.lines().nth(1).unwrap().ends_with("· 7/10"), "{text}");
    app.stop().await;
}
