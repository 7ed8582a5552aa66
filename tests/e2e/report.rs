//! /report: a period chosen by a button or typed, the figures of a hand-built diary (worked
//! out by hand from MODEL.md in the comments), the pictures below, a double tap, bad dates,
//! forged buttons and an empty diary.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use fakebot::{Call, Fault, TgUser};
use headlog::domain::attack::{Attack, Character, Nausea, Side};
use headlog::domain::day::DayField;
use headlog::domain::lang::Lang;
use headlog::domain::localtime::at;
use headlog::domain::medication::{MedClass, NewIntake};
use headlog::i18n::Arg;

e2e!(
    last_month_is_counted_as_model_md_defines_it,
    typed_dates_report_their_period_and_bad_ones_are_explained,
    an_empty_period_says_so_without_pictures,
    overuse_is_stated_as_a_fact_only_when_it_applies,
    forged_report_buttons_change_nothing,
    a_picture_telegram_refuses_once_is_sent_again_once_in_order,
);

const BERLIN: Tz = chrono_tz::Europe::Berlin;

fn feb(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, day).unwrap()
}

fn local(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    at(day, NaiveTime::from_hms_opt(h, m, 0).unwrap(), BERLIN)
}

fn n(v: u32) -> Arg {
    Arg::Num(i64::from(v))
}

async fn attack(
    app: &TestApp,
    user: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    f: impl FnOnce(&mut Attack),
) -> Attack {
    let mut a = Attack::new(user, start, BERLIN, start);
    a.ended_at = Some(end);
    f(&mut a);
    db!(app.store, insert_attack(&a, None)).unwrap()
}

async fn dose(app: &TestApp, user: i64, med: i64, attack: Option<i64>, taken_at: DateTime<Utc>) {
    let n = NewIntake {
        medication_id: med,
        attack_id: attack,
        taken_at,
        zone: BERLIN,
        dose: None,
    };
    db!(
        app.store,
        insert_intake(user, &n, None, taken_at.timestamp())
    )
    .unwrap();
}

/// Opens /report and presses `label`: the edited question (the report) and the calls made
/// before the press was answered (the pictures among them), and the answer.
async fn choose(app: &TestApp, user: &TgUser, label: &str) -> (i64, Vec<Call>, Option<String>) {
    let question = app.say(user, "/report").await;
    let msg = question.message_id.unwrap();
    let (made, answer) = app.press_label(user, msg, label).await;
    (msg, made, answer)
}

fn photos(made: &[Call]) -> Vec<&Call> {
    made.iter().filter(|c| c.method == "sendphoto").collect()
}

/// February 2026 (28 days), Europe/Berlin:
/// - 3 Feb 10:00–14:00, intensity 7, left side, pulsating, marked nausea: a headache day,
///   migraine-like (one-sided + pulsating + intensity ≥ 4; nausea); ibuprofen with it.
/// - 10 Feb 23:20 → 11 Feb 00:40, intensity 4: 40 minutes on each day, two headache days,
///   neither migraine-like (only intensity ≥ 4 of the four features, no nausea).
/// - 15 Feb: an attack deleted, never counted.
/// - 20 Feb 12:00 sumatriptan without an attack: a triptan day and migraine-like, not a
///   headache day, and not a recorded day.
/// - 5 and 6 Feb "no headache": headache-free days, noted on 12 Feb (late entries).
///
/// So: 3 headache days of 28, 2 migraine-like (3 and 20 Feb), 2 headache-free, 2 attacks,
/// intensity (7 + 4) / 2 = 5.5 on average, 7 at most; NSAID 1 day, triptan 1 day; recorded
/// days 3, 5, 6, 10, 11 Feb, counted from the first record (3 Feb): 26 − 5 = 21 days with
/// no record. Reliability: the attacks were logged as they started (timely), the two
/// headache-free days 7 and 6 days later (neither timely, both late): 3 of 5 days, 60 %,
/// 2 late entries.
pub(crate) async fn february(app: &TestApp, user: i64) {
    let now = local(feb(1), 9, 0).timestamp();
    let ibu = db!(
        app.store,
        insert_medication(user, "Ibuprofen", MedClass::Nsaid, None, now)
    )
    .unwrap();
    let suma = db!(
        app.store,
        insert_medication(user, "Sumatriptan", MedClass::Triptan, None, now)
    )
    .unwrap();
    let first = attack(app, user, local(feb(3), 10, 0), local(feb(3), 14, 0), |a| {
        a.intensity = Some(7);
        a.side = Some(Side::Left);
        a.character = Some(Character::Pulsating);
        a.nausea = Some(Nausea::Marked);
    })
    .await;
    dose(app, user, ibu.id, Some(first.id), local(feb(3), 10, 30)).await;
    attack(
        app,
        user,
        local(feb(10), 23, 20),
        local(feb(11), 0, 40),
        |a| a.intensity = Some(4),
    )
    .await;
    let gone = attack(
        app,
        user,
        local(feb(15), 8, 0),
        local(feb(15), 12, 0),
        |a| a.intensity = Some(9),
    )
    .await;
    db!(app.store, set_attack_deleted(user, gone.id, Some(now), now)).unwrap();
    dose(app, user, suma.id, None, local(feb(20), 12, 0)).await;
    // Noted on 12 February: 7 and 6 days later, so both are late entries.
    let noted = local(feb(12), 21, 0).timestamp();
    for d in [5, 6] {
        db!(
            app.store,
            set_day_field(
                user,
                feb(d),
                BERLIN,
                &DayField::HeadacheFree(Some(true)),
                noted
            )
        )
        .unwrap();
    }
}

async fn last_month_is_counted_as_model_md_defines_it(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(300, lang);
    app.onboard(&user, BERLIN).await; // today is Tuesday 10 March 2026 there
    february(&app, 300).await;

    let question = app.say(&user, "/report").await;
    assert_eq!(question.text(), Some(app.t(lang, "report-choose").as_str()));
    let labels: Vec<String> = question
        .inline_buttons()
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    let expected: Vec<String> = [
        "btn-report-this_week",
        "btn-report-last_week",
        "btn-report-this_month",
        "btn-report-last_month",
        "btn-report-last_3_months",
        "btn-report-all",
        "btn-report-dates",
        "btn-questionnaires",
    ]
    .iter()
    .map(|k| app.t(lang, k))
    .collect();
    assert_eq!(labels, expected);
    let msg = question.message_id.unwrap();
    let (made, answer) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-last_month"))
        .await;
    assert_eq!(answer, None);

    // The question became the report, in place.
    assert_eq!(made[0].method, "editmessagetext");
    assert_eq!(made[0].target_message_id(), Some(msg));
    let text = made[0].text().unwrap();
    let range = app.tr(
        lang,
        "report-range-month",
        &[
            ("from", "1".into()),
            ("to", "28".into()),
            ("month", app.t(lang, "month-2").into()),
            ("year", "2026".into()),
        ],
    );
    let mut lines = vec![
        app.tr(
            lang,
            "report-title",
            &[("range", range.into()), ("days", n(28))],
        ),
        String::new(),
        app.tr(
            lang,
            "report-headache-days",
            &[("count", n(3)), ("total", n(28))],
        ),
        app.tr(lang, "report-migraine-days", &[("count", n(2))]),
        app.tr(lang, "report-free-days", &[("count", n(2))]),
        app.tr(lang, "report-no-record-days", &[("count", n(21))]),
        app.tr(lang, "report-attacks", &[("count", n(2))]),
        app.tr(
            lang,
            "report-intensity",
            &[
                (
                    "average",
                    if lang == Lang::Ru { "5,5" } else { "5.5" }.into(),
                ),
                ("peak", n(7)),
            ],
        ),
        app.t(lang, "report-meds"),
    ];
    for (class, days) in [("nsaid", 1), ("triptan", 1)] {
        lines.push(app.tr(
            lang,
            "report-meds-line",
            &[
                ("class", app.t(lang, &format!("medclass-{class}")).into()),
                ("count", n(days)),
            ],
        ));
    }
    lines.push(String::new());
    lines.push(app.tr(
        lang,
        "report-reliability",
        &[
            ("timely", n(3)),
            ("recorded", n(5)),
            ("percent", n(60)),
            ("late", n(2)),
        ],
    ));
    assert_eq!(text, lines.join("\n"));
    assert_eq!(
        made[0]
            .inline_buttons()
            .into_iter()
            .map(|(l, _)| l)
            .collect::<Vec<_>>(),
        vec![
            app.t(lang, "btn-report-doctor"),
            app.t(lang, "btn-report-link"),
            app.t(lang, "btn-report-again")
        ]
    );

    // The pictures below it.
    let pics = photos(&made);
    assert_eq!(pics.len(), 3, "{made:?}");
    for p in &pics {
        assert_eq!(p.files.len(), 1);
        assert!(p.files[0].bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    // A double tap on the same question sends nothing more.
    let (again, answer) = app.press(&user, msg, "P:s:last_month").await;
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(answer, Some(app.t(lang, "report-already-sent")));

    // "Another period" asks again below and takes its button off the report.
    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-again"))
        .await;
    assert_eq!(made.len(), 2, "{made:?}");
    assert_eq!(made[0].method, "editmessagereplymarkup");
    assert_eq!(made[1].text(), Some(app.t(lang, "report-choose").as_str()));
}

async fn typed_dates_report_their_period_and_bad_ones_are_explained(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(301, lang);
    app.onboard(&user, BERLIN).await;
    february(&app, 301).await;

    let (msg, made, _) = choose(&app, &user, &app.t(lang, "btn-report-dates")).await;
    assert_eq!(
        made[0].text(),
        Some(app.t(lang, "report-ask-dates").as_str())
    );
    for (typed, key) in [
        ("31.02.2026", "report-dates-impossible"),
        ("25.61", "report-dates-unreadable"),
        ("soon", "report-dates-unreadable"),
        ("1.1 2.1 3.1", "report-dates-too-many"),
        ("1.4.2026", "report-dates-future"),
    ] {
        assert_eq!(
            app.say(&user, typed).await.text(),
            Some(app.t(lang, key).as_str()),
            "{typed}"
        );
    }
    // "Back" returns to the choice; the dates are then no longer awaited.
    let (made, _) = app.press_label(&user, msg, &app.t(lang, "btn-back")).await;
    assert_eq!(made[0].text(), Some(app.t(lang, "report-choose").as_str()));
    assert_eq!(
        app.say(&user, "3.2.2026").await.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );

    // In either order; the second attack's two days and the first's one.
    app.press_label(&user, msg, &app.t(lang, "btn-report-dates"))
        .await;
    let from = app.fake.calls().len();
    app.fake.send_text(&user, "11.02.2026 – 3.2.2026");
    let calls = app.calls_after(from, 5, |c| c.chat_id() == Some(301)).await;
    assert_eq!(calls[0].method, "editmessagereplymarkup", "{calls:?}");
    let text = calls[1].text().unwrap();
    let range = app.tr(
        lang,
        "report-range-month",
        &[
            ("from", "3".into()),
            ("to", "11".into()),
            ("month", app.t(lang, "month-2").into()),
            ("year", "2026".into()),
        ],
    );
    assert!(
        text.starts_with(&app.tr(
            lang,
            "report-title",
            &[("range", range.into()), ("days", n(9))]
        )),
        "{text}"
    );
    assert!(
        text.contains(&app.tr(
            lang,
            "report-headache-days",
            &[("count", n(3)), ("total", n(9))]
        )),
        "{text}"
    );
    assert!(
        text.contains(&app.tr(lang, "report-free-days", &[("count", n(2))])),
        "{text}"
    );
    assert!(!text.contains(&app.t(lang, "medclass-triptan")), "{text}");
    // Ibuprofen on 3 Feb: the medication picture too.
    assert_eq!(photos(&calls).len(), 3, "{calls:?}");
}

async fn an_empty_period_says_so_without_pictures(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(302, lang);
    app.onboard(&user, BERLIN).await;
    let (_, made, _) = choose(&app, &user, &app.t(lang, "btn-report-all")).await;
    assert_eq!(made.len(), 1, "{made:?}");
    let text = made[0].text().unwrap();
    assert!(text.ends_with(&app.t(lang, "report-nothing")), "{text}");
}

/// Sumatriptan on 10 days of February (2, 4, …, 20): a single class at its threshold.
async fn overuse_is_stated_as_a_fact_only_when_it_applies(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(303, lang);
    app.onboard(&user, BERLIN).await;
    let now = local(feb(1), 9, 0).timestamp();
    let suma = db!(
        app.store,
        insert_medication(303, "Sumatriptan", MedClass::Triptan, None, now)
    )
    .unwrap();
    for d in (2..=20).step_by(2) {
        dose(&app, 303, suma.id, None, local(feb(d), 12, 0)).await;
    }
    let (_, made, _) = choose(&app, &user, &app.t(lang, "btn-report-last_month")).await;
    let text = made[0].text().unwrap();
    let month = app.tr(
        lang,
        "report-month",
        &[
            ("month", app.t(lang, "month-2").into()),
            ("year", "2026".into()),
        ],
    );
    let rule = app.tr(
        lang,
        "report-overuse-single",
        &[
            ("class", app.t(lang, "medclass-triptan").into()),
            ("count", n(10)),
        ],
    );
    let fact = app.tr(
        lang,
        "report-overuse",
        &[("month", month.into()), ("rules", rule.into())],
    );
    assert!(text.contains(&fact), "{text}");
    assert!(
        text.ends_with(&app.t(lang, "report-overuse-doctor")),
        "{text}"
    );

    // Nine days: no information at all.
    let user = app.user(304, lang);
    app.onboard(&user, BERLIN).await;
    let suma = db!(
        app.store,
        insert_medication(304, "Sumatriptan", MedClass::Triptan, None, now)
    )
    .unwrap();
    for d in (2..=18).step_by(2) {
        dose(&app, 304, suma.id, None, local(feb(d), 12, 0)).await;
    }
    let (_, made, _) = choose(&app, &user, &app.t(lang, "btn-report-last_month")).await;
    let text = made[0].text().unwrap();
    assert!(
        !text.contains(&app.t(lang, "report-overuse-doctor")),
        "{text}"
    );
}

async fn forged_report_buttons_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(305, lang);
    app.onboard(&user, BERLIN).await;
    let msg = app.say(&user, "/report").await.message_id.unwrap();
    for data in ["P:s:nope", "P:x", "P:s:", "P:dd", "P:s:all:1"] {
        let (made, answer) = app.press(&user, msg, data).await;
        assert!(made.is_empty(), "{data}: {made:?}");
        assert_eq!(answer, Some(app.t(lang, "error-stale-button")), "{data}");
    }
}

/// Telegram answers the first picture with a 500: it is sent again (after the outbox's
/// back-off), the others wait behind it, and each arrives once, in order.
async fn a_picture_telegram_refuses_once_is_sent_again_once_in_order(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(306, lang);
    app.onboard(&user, BERLIN).await;
    february(&app, 306).await;
    app.fake.fail("sendPhoto", Fault::ServerError, 1);
    let (_, made, answer) = choose(&app, &user, &app.t(lang, "btn-report-last_month")).await;
    assert_eq!(answer, None);
    let tries = photos(&made);
    assert_eq!(tries.len(), 4, "{made:?}");
    assert!(tries[0].fault);
    assert_eq!(
        tries[0].files[0].bytes, tries[1].files[0].bytes,
        "the same picture again"
    );
    let captions: Vec<String> = tries[1..]
        .iter()
        .map(|c| {
            assert!(!c.fault);
            c.param("caption")
                .and_then(|v| v.as_str())
                .unwrap()
                .to_owned()
        })
        .collect();
    let expected: Vec<String> = headlog::bot::report::PICTURES
        .iter()
        .map(|p| app.t(lang, &format!("report-picture-{p}")))
        .collect();
    assert_eq!(captions, expected);
}
