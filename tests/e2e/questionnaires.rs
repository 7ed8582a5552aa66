//! MIDAS and HIT-6 through the wire: reached from /report, answered one question at a time
//! in one message (typed days and buttons), refused politely when an answer cannot be,
//! scored, kept once (a double tap records one result), continued after a restart, offered
//! by the scheduler when due (not once answered), and switched off in the reminder settings.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use fakebot::{Call, TgUser};
use headlog::domain::attack::{Attack, Disability};
use headlog::domain::lang::Lang;
use headlog::domain::localtime::at;
use headlog::domain::questionnaires::{Answers, Instrument};
use headlog::domain::reminders::Purpose;
use headlog::i18n::Arg;
use headlog::store::schedule::Job;

e2e!(
    a_full_midas_typed_and_tapped_stands_beside_the_diary_s_own_counts,
    a_full_hit6_gives_its_band_and_a_double_tap_records_it_once,
    forged_and_stale_questionnaire_buttons_change_nothing,
    a_restart_in_the_middle_keeps_the_questionnaire,
    the_offer_comes_when_due_and_not_once_answered,
    the_offers_can_be_switched_off_in_the_reminder_settings,
    the_history_lists_every_result_newest_first_a_page_at_a_time,
    a_diary_begun_after_the_last_rearm_gets_its_offers_with_the_weekly_summary,
    users_armed_before_questionnaires_get_their_offers_once_at_start,
);

const BERLIN: Tz = chrono_tz::Europe::Berlin;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn local(d: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    at(d, NaiveTime::from_hms_opt(h, m, 0).unwrap(), BERLIN)
}

async fn attack(
    app: &TestApp,
    user: i64,
    start: DateTime<Utc>,
    hours: i64,
    disability: Option<Disability>,
) {
    let mut a = Attack::new(user, start, BERLIN, start);
    a.ended_at = Some(start + Duration::hours(hours));
    a.disability = disability;
    db!(app.store, insert_attack(&a, None)).unwrap();
}

/// /report → "Questionnaires": the overview, edited into the /report question.
async fn overview(app: &TestApp, user: &TgUser, lang: Lang) -> (i64, String) {
    let question = app.say(user, "/report").await;
    let msg = question.message_id.unwrap();
    let (made, answer) = app
        .press_label(user, msg, &app.t(lang, "btn-questionnaires"))
        .await;
    assert_eq!(answer, None);
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(made[0].method, "editmessagetext");
    (msg, made[0].text().unwrap().to_owned())
}

/// Presses `data` on `msg`; the text it was edited to.
async fn tap(app: &TestApp, user: &TgUser, msg: i64, data: &str) -> String {
    let (made, answer) = app.press(user, msg, data).await;
    assert_eq!(answer, None, "{data}: {made:?}");
    let edit = made
        .iter()
        .find(|c| c.method == "editmessagetext")
        .unwrap_or_else(|| panic!("{data}: no edit in {made:?}"));
    assert_eq!(edit.target_message_id(), Some(msg));
    edit.text().unwrap().to_owned()
}

/// Types `text`; the question (or result) sent below, as a new message.
async fn typed(app: &TestApp, user: &TgUser, text: &str) -> Call {
    let calls = app.say_n(user, text, 2).await;
    calls
        .into_iter()
        .find(|c| c.method == "sendmessage")
        .unwrap()
}

fn header(app: &TestApp, lang: Lang, key: &str, n: i64, total: i64) -> String {
    app.tr(lang, key, &[("n", Arg::Num(n)), ("total", Arg::Num(total))])
}

fn stored(taken: &[headlog::domain::questionnaires::Taken]) -> Vec<String> {
    taken.iter().map(|t| t.answers.encode()).collect()
}

/// A diary over the 90 days MIDAS asks about on Tuesday 10 March 2026 (11 Dec 2025 – 10
/// Mar 2026), Europe/Berlin:
/// - 5 Dec 2025, a lost day: before those 90 days, not counted (the diary starts then, so
///   it covers the whole period and the answer says nothing about a late start);
/// - 15 Jan 10:00–14:00, a lost day: a headache day, 1 day lost;
/// - 3 Feb 10:00–14:00, activity reduced: a headache day, 1 day reduced;
/// - 1 Mar 08:00–12:00, no disability recorded: a headache day.
///
/// So the diary's count beside the answers: 3 headache days, 1 day lost, 1 day reduced.
async fn a_full_midas_typed_and_tapped_stands_beside_the_diary_s_own_counts(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 700;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    attack(
        &app,
        id,
        local(day(2025, 12, 5), 10, 0),
        4,
        Some(Disability::LostDay),
    )
    .await;
    attack(
        &app,
        id,
        local(day(2026, 1, 15), 10, 0),
        4,
        Some(Disability::LostDay),
    )
    .await;
    attack(
        &app,
        id,
        local(day(2026, 2, 3), 10, 0),
        4,
        Some(Disability::Reduced),
    )
    .await;
    attack(&app, id, local(day(2026, 3, 1), 8, 0), 4, None).await;

    let (msg, text) = overview(&app, &user, lang).await;
    let expected = match lang {
        Lang::En => {
            "📋 Questionnaires for your doctor\n\n\
            MIDAS: how many days headaches kept you from work, school, housework and leisure over the last 3 months (5 questions).\n\
            Not answered yet.\nDue now.\n\n\
            HIT-6: how much headaches affected your life over the last 4 weeks (6 questions).\n\
            Not answered yet.\nDue now.\n\n\
            Your answers stay in your diary; they are listed in your report for the doctor."
        }
        Lang::Ru => {
            "📋 Опросники для врача\n\n\
            MIDAS: сколько дней за последние 3 месяца головная боль мешала работе, учёбе, домашним делам и отдыху (5 вопросов).\n\
            Ещё не заполнялся.\nПора заполнить.\n\n\
            HIT-6: насколько головная боль влияла на вашу жизнь за последние 4 недели (6 вопросов).\n\
            Ещё не заполнялся.\nПора заполнить.\n\n\
            Ответы хранятся в вашем дневнике и попадают в отчёт для врача."
        }
    };
    assert_eq!(text, expected);

    // Question 1, in the same message, with quick buttons, and no "back" yet.
    let q1 = tap(&app, &user, msg, "Q:s:midas").await;
    let first = format!(
        "{}\n\n{}\n\n{}",
        header(&app, lang, "quest-midas-header", 1, 5),
        app.t(lang, "quest-midas-q1"),
        app.t(lang, "quest-midas-how")
    );
    assert_eq!(q1, first);
    let labels: Vec<String> =
        app.fake.message(id, msg).unwrap().reply_markup.unwrap()["inline_keyboard"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r.as_array().unwrap().clone())
            .map(|b| b["text"].as_str().unwrap().to_owned())
            .collect();
    let mut want: Vec<String> = ["0", "1", "2", "3", "5", "7", "10", "14", "20", "30"]
        .map(str::to_owned)
        .to_vec();
    want.push(app.t(lang, "btn-cancel"));
    assert_eq!(labels, want);

    // Typed answers that cannot be: each explained, the question stays.
    for (input, key) in [
        ("abc", "quest-days-unreadable"),
        ("-3", "quest-days-negative"),
        ("91", "quest-days-too-many"),
        ("4.5", "quest-days-unreadable"),
    ] {
        let reply = app.say(&user, input).await;
        assert_eq!(reply.text(), Some(app.t(lang, key).as_str()), "{input:?}");
    }
    // 3 days typed: question 2 comes below, and the message above keeps no buttons.
    let q2 = typed(&app, &user, " 3 ").await;
    let msg2 = q2.message_id.unwrap();
    assert!(
        q2.text()
            .unwrap()
            .starts_with(&header(&app, lang, "quest-midas-header", 2, 5))
    );
    assert_eq!(app.live_buttons(id, "Q:"), vec![msg2]);
    // 88 more days would make 91 with the 3 missed: refused, typed or tapped.
    let overlap = app.tr(
        lang,
        "quest-days-overlap-work",
        &[("missed", Arg::Num(3)), ("left", Arg::Num(87))],
    );
    assert_eq!(app.say(&user, "88").await.text(), Some(overlap.as_str()));
    let (made, answer) = app.press(&user, msg2, "Q:d:1:90").await;
    assert!(made.is_empty(), "{made:?}");
    assert_eq!(answer.as_deref(), Some(overlap.as_str()));
    // With all 90 days missed, nothing is left, and the refusal says so plainly.
    let none_left = app.tr(
        lang,
        "quest-days-overlap-work",
        &[("missed", Arg::Num(90)), ("left", Arg::Num(0))],
    );
    assert_eq!(
        none_left,
        match lang {
            Lang::En =>
                "You missed work or school on 90 days, and those are not counted again here, so no days are left: please send 0.",
            Lang::Ru =>
                "Работу или учёбу вы пропустили 90 дней, здесь они не считаются ещё раз, поэтому дней не остаётся: напишите 0.",
        }
    );
    // 2 tapped; 10 tapped; back to question 3; 5 tapped instead; 1 typed; 3 tapped.
    let q3 = tap(&app, &user, msg2, "Q:d:1:2").await;
    assert!(q3.contains(&app.t(lang, "quest-midas-q3")));
    let q4 = tap(&app, &user, msg2, "Q:d:2:10").await;
    assert!(q4.contains(&app.t(lang, "quest-midas-q4")));
    let back = tap(&app, &user, msg2, "Q:b:midas:3").await;
    assert!(back.contains(&app.t(lang, "quest-midas-q3")));
    tap(&app, &user, msg2, "Q:d:2:5").await;
    let q5 = typed(&app, &user, "1").await;
    let msg5 = q5.message_id.unwrap();
    assert!(q5.text().unwrap().contains(&app.t(lang, "quest-midas-q5")));
    let result = tap(&app, &user, msg5, "Q:d:4:3").await;

    // 3 + 2 + 5 + 1 + 3 = 14: grade III; the diary's counts beside it.
    let expected = match lang {
        Lang::En => {
            "✅ MIDAS saved: 14, grade III (moderate disability).\n\n\
            Your answers are recalled: days as you remember them over the last 3 months.\n\n\
            Your diary recorded for the same 90 days (11 Dec 2025 – 10 Mar): 3 headache days, 1 day lost, 1 day with activity reduced."
        }
        Lang::Ru => {
            "✅ MIDAS сохранён: 14, степень III (умеренные ограничения).\n\n\
            Ваши ответы — по памяти: дни, какими вы их помните за последние 3 месяца.\n\n\
            В дневнике за те же 90 дней (11 дек 2025 – 10 мар) записано: 3 дня с головной болью, 1 потерянный день, 1 день со сниженной активностью."
        }
    };
    assert_eq!(result, expected);
    let taken = db!(app.store, questionnaires(id, i64::MAX)).unwrap();
    assert_eq!(stored(&taken), ["3,2,5,1,3"]);
    assert_eq!(db!(app.store, dialogue(id)).unwrap(), None);
    // The figures the doctor report will reuse are the same.
    let tx = app.store.begin().await.unwrap();
    let f = headlog::service::questionnaires::recall_figures(
        &tx,
        id,
        Instrument::Midas,
        day(2026, 3, 10),
        day(2026, 3, 10),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((f.headache_days, f.lost_days, f.reduced_days), (3, 1, 1));

    // The overview shows it, and when MIDAS is next due: 90 days on, 8 June.
    let (_, text) = overview(&app, &user, lang).await;
    let last = match lang {
        Lang::En => "Last answered 10 Mar: 14, grade III (moderate disability).\nNext due 8 Jun.",
        Lang::Ru => {
            "Последний раз 10 мар: 14, степень III (умеренные ограничения).\nВ следующий раз: 8 июн."
        }
    };
    assert!(text.contains(last), "{text}");
    app.stop().await;
}

/// HIT-6: Sometimes ×4, Rarely, Sometimes = 10 × 5 + 8 = 58, substantial impact. The last
/// answer tapped twice records one result; the history lists it.
async fn a_full_hit6_gives_its_band_and_a_double_tap_records_it_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 701;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    let (msg, _) = overview(&app, &user, lang).await;
    let q1 = tap(&app, &user, msg, "Q:s:hit6").await;
    assert_eq!(
        q1,
        format!(
            "{}\n\n{}",
            header(&app, lang, "quest-hit6-header", 1, 6),
            app.t(lang, "quest-hit6-q1")
        )
    );
    let (en, ru) = (
        ["Never", "Rarely", "Sometimes", "Very often", "Always"],
        ["Никогда", "Редко", "Иногда", "Очень часто", "Всегда"],
    );
    let answers = match lang {
        Lang::En => en,
        Lang::Ru => ru,
    };
    for (i, label) in answers.iter().enumerate() {
        let key = ["never", "rarely", "sometimes", "very_often", "always"][i];
        assert_eq!(app.button_data(id, msg, label), format!("Q:a:0:{key}"));
    }
    // HIT-6 is answered with its buttons; typing says so.
    let reply = app.say(&user, "sometimes").await;
    assert_eq!(
        reply.text(),
        Some(app.t(lang, "quest-use-buttons").as_str())
    );
    for q in 0..5 {
        let answer = if q == 4 { "rarely" } else { "sometimes" };
        let next = tap(&app, &user, msg, &format!("Q:a:{q}:{answer}")).await;
        assert!(next.contains(&app.t(lang, &format!("quest-hit6-q{}", q + 2))));
    }
    let result = tap(&app, &user, msg, "Q:a:5:sometimes").await;
    let expected = match lang {
        Lang::En => {
            "✅ HIT-6 saved: 58, substantial impact (the scale runs from 36 to 78).\n\n\
            Your answers are recalled: how you remember the last 4 weeks.\n\n\
            Your diary recorded 0 headache days in the same 28 days (11 Feb – 10 Mar)."
        }
        Lang::Ru => {
            "✅ HIT-6 сохранён: 58, существенное влияние (шкала от 36 до 78).\n\n\
            Ваши ответы — по памяти: какими вы помните последние 4 недели.\n\n\
            В дневнике за те же 28 дней (11 фев – 10 мар) 0 дней с головной болью."
        }
    };
    assert_eq!(result, expected);
    // The second tap of a double tap: one result, and a polite word.
    let (made, answer) = app.press(&user, msg, "Q:a:5:sometimes").await;
    assert!(made.is_empty(), "{made:?}");
    assert_eq!(answer, Some(app.t(lang, "quest-already-recorded")));
    let taken = db!(app.store, questionnaires(id, i64::MAX)).unwrap();
    assert_eq!(taken.len(), 1);
    match taken[0].answers {
        Answers::Hit6(h) => assert_eq!(h.score(), 58),
        other => panic!("{other:?}"),
    }
    // The history, newest first.
    let history = tap(&app, &user, msg, "Q:h:0").await;
    let line = match lang {
        Lang::En => {
            "🗂 Questionnaire results, newest first (1)\n10 Mar · HIT-6 58, substantial impact"
        }
        Lang::Ru => {
            "🗂 Результаты опросников, сначала новые (1)\n10 мар · HIT-6 58, существенное влияние"
        }
    };
    assert_eq!(history, line);
    app.stop().await;
}

async fn forged_and_stale_questionnaire_buttons_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 702;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    let stale = Some(app.t(lang, "error-stale-button"));
    let (msg, _) = overview(&app, &user, lang).await;
    // Nothing under way (and nothing due on an empty diary): every answer is stale, and junk
    // is refused before any handler.
    for data in [
        "Q:d:0:5",
        "Q:a:0:never",
        "Q:a:5:never",
        "Q:b:midas:1",
        "Q:x",
        "Q:l:hit6",
        "Q:n:midas",
        "Q:s:phq9",
        "Q:d:0:91",
        "Q:d:0:-1",
        "Q:d:5:1",
        "Q:zz",
        "Q:",
    ] {
        let (made, answer) = app.press(&user, msg, data).await;
        assert!(made.is_empty(), "{data}: {made:?}");
        assert_eq!(answer, stale, "{data}");
    }
    // MIDAS at question 2: another question, another questionnaire, another message or a
    // replay of question 1 change nothing.
    tap(&app, &user, msg, "Q:s:midas").await;
    tap(&app, &user, msg, "Q:d:0:4").await;
    let other = app.say(&user, "/report").await.message_id.unwrap();
    for (on, data) in [
        (msg, "Q:d:0:4"),
        (msg, "Q:d:2:4"),
        (msg, "Q:a:1:never"),
        (msg, "Q:b:hit6:1"),
        (msg, "Q:b:midas:2"),
        (other, "Q:d:1:4"),
        (other, "Q:x"),
    ] {
        let (made, answer) = app.press(&user, on, data).await;
        assert!(made.is_empty(), "{data}: {made:?}");
        assert_eq!(answer, stale, "{data}");
    }
    let state = db!(app.store, dialogue(id)).unwrap().unwrap();
    assert!(state.contains("\"answers\":[4]"), "{state}");
    // Cancel keeps nothing and shows the overview again.
    let text = tap(&app, &user, msg, "Q:x").await;
    assert!(text.starts_with(&app.t(lang, "quest-cancelled")), "{text}");
    assert_eq!(db!(app.store, dialogue(id)).unwrap(), None);
    assert!(
        db!(app.store, questionnaires(id, i64::MAX))
            .unwrap()
            .is_empty()
    );
    app.stop().await;
}

async fn a_restart_in_the_middle_keeps_the_questionnaire(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 703;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    // The diary begins on 1 March, inside the 90 days MIDAS asks about.
    attack(&app, id, local(day(2026, 3, 1), 8, 0), 4, None).await;
    let (msg, _) = overview(&app, &user, lang).await;
    tap(&app, &user, msg, "Q:s:midas").await;
    tap(&app, &user, msg, "Q:d:0:3").await;
    tap(&app, &user, msg, "Q:d:1:2").await;
    let app = app.restart().await;
    // Question 3 still stands; its answer takes the questionnaire on.
    let q4 = tap(&app, &user, msg, "Q:d:2:4").await;
    assert!(q4.starts_with(&header(&app, lang, "quest-midas-header", 4, 5)));
    let q5 = typed(&app, &user, "1").await;
    let result = tap(&app, &user, q5.message_id.unwrap(), "Q:d:4:0").await;
    // 3 + 2 + 4 + 1 + 0 = 10: grade II.
    assert!(
        result.contains(&app.t(lang, "quest-midas-grade-2")),
        "{result}"
    );
    let taken = db!(app.store, questionnaires(id, i64::MAX)).unwrap();
    assert_eq!(stored(&taken), ["3,2,4,1,0"]);
    app.stop().await;
}

/// 7 April 2026, 09:00 in Berlin (summer time): four weeks after the first record.
fn april(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 4, d, 7, 0, 0).unwrap()
}

/// The user's pending offers: (reference, due).
async fn offers(app: &TestApp, id: i64) -> Vec<(i64, i64)> {
    db!(app.store, schedule_of(id))
        .unwrap()
        .into_iter()
        .filter(|j| j.purpose == Purpose::Questionnaire)
        .map(|j| (j.ref_id, j.due_at))
        .collect()
}

/// A first record (the one tap on 10 March), then the zone set as /timezone sets it: both
/// offers are armed for 7 April at the weekly summary's 09:00.
async fn first_record_and_zone(app: &TestApp, user: &TgUser, lang: Lang) {
    app.say(user, &app.t(lang, "btn-headache-now")).await;
    let tx = app.store.begin().await.unwrap();
    headlog::service::settings::set_zone(&tx, user.id, BERLIN, t0())
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn the_offer_comes_when_due_and_not_once_answered(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 704;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    first_record_and_zone(&app, &user, lang).await;
    let due = april(7).timestamp();
    assert_eq!(offers(&app, id).await, [(1, due), (2, due)]);

    // A minute before: nothing. On time: both offers.
    app.step_to(april(7) - Duration::minutes(1));
    app.assert_quiet(id).await;
    let from = app.fake.calls().len();
    app.step_to(april(7));
    let sent = app
        .calls_after(from, 2, |c| {
            c.method == "sendmessage" && c.chat_id() == Some(id)
        })
        .await;
    let find = |key: &str| {
        let text = app.t(lang, key);
        sent.iter()
            .find(|c| c.text() == Some(text.as_str()))
            .unwrap_or_else(|| panic!("no {key} in {sent:?}"))
            .clone()
    };
    let midas = find("quest-offer-midas");
    let hit6 = find("quest-offer-hit6");
    let labels: Vec<String> = hit6.inline_buttons().into_iter().map(|b| b.0).collect();
    let want: Vec<String> = ["quest-btn-start", "quest-btn-later", "quest-btn-not-now"]
        .iter()
        .map(|k| app.t(lang, k))
        .collect();
    assert_eq!(labels, want);
    if lang == Lang::En {
        assert_eq!(
            hit6.text(),
            Some("📋 Your 4-weekly HIT-6 is due — 6 questions, about 2 minutes.")
        );
    }
    // Left alone, each would come again a week later.
    assert_eq!(
        offers(&app, id).await,
        [(1, april(14).timestamp()), (2, april(14).timestamp())]
    );

    // "In a week" on HIT-6, "not now" on MIDAS (the next round: 90 days on, 6 July).
    let hit6_msg = hit6.message_id.unwrap();
    let later = tap(&app, &user, hit6_msg, "Q:l:hit6").await;
    let date = |d: &str| app.tr(lang, "quest-later", &[("date", d.into())]);
    assert_eq!(
        later,
        date(match lang {
            Lang::En => "14 Apr",
            Lang::Ru => "14 апр",
        })
    );
    let not_now = tap(&app, &user, midas.message_id.unwrap(), "Q:n:midas").await;
    let july = match lang {
        Lang::En => "6 Jul",
        Lang::Ru => "6 июл",
    };
    assert_eq!(
        not_now,
        app.tr(lang, "quest-not-now", &[("date", july.into())])
    );
    let july = Utc
        .with_ymd_and_hms(2026, 7, 6, 7, 0, 0)
        .unwrap()
        .timestamp();
    assert_eq!(
        offers(&app, id).await,
        [(2, april(14).timestamp()), (1, july)]
    );

    // HIT-6 answered on 10 April from the overview: its offer moves to 8 May.
    app.clock.set(april(10));
    let (msg, _) = overview(&app, &user, lang).await;
    tap(&app, &user, msg, "Q:s:hit6").await;
    for q in 0..6 {
        tap(&app, &user, msg, &format!("Q:a:{q}:never")).await;
    }
    let may = Utc
        .with_ymd_and_hms(2026, 5, 8, 7, 0, 0)
        .unwrap()
        .timestamp();
    assert!(offers(&app, id).await.contains(&(2, may)));
    // An offer left due meanwhile (as if another replica had armed it) sends nothing and
    // goes to the day the questionnaire is due again.
    db!(
        app.store,
        schedule_set(&Job {
            user_id: id,
            purpose: Purpose::Questionnaire,
            ref_id: 2,
            due_at: april(14).timestamp(),
            round: 0,
        })
    )
    .unwrap();
    app.step_to(april(14));
    for _ in 0..200 {
        if offers(&app, id).await.contains(&(2, may)) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(offers(&app, id).await.contains(&(2, may)));
    app.assert_quiet(id).await;
    app.stop().await;
}

async fn the_offers_can_be_switched_off_in_the_reminder_settings(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 705;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    first_record_and_zone(&app, &user, lang).await;
    assert_eq!(offers(&app, id).await.len(), 2);
    let screen = app.say(&user, "/settings").await;
    let msg = screen.message_id.unwrap();
    let text = tap(&app, &user, msg, "N:s").await;
    let on = app.t(lang, "remind-on");
    let off = app.t(lang, "remind-off");
    let line = |v: &str| app.tr(lang, "quest-remind-line", &[("value", v.into())]);
    assert!(text.ends_with(&line(&on)), "{text}");
    let to_off = app.tr(lang, "quest-remind-btn", &[("value", off.clone().into())]);
    assert_eq!(app.button_data(id, msg, &to_off), "N:sk:0");
    let (made, answer) = app.press_label(&user, msg, &to_off).await;
    assert_eq!(answer, Some(app.t(lang, "done")));
    assert!(made[0].text().unwrap().ends_with(&line(&off)));
    assert!(!db!(app.store, reminder_prefs(id)).unwrap().questionnaire_on);
    assert!(offers(&app, id).await.is_empty());
    // Due day comes: nothing.
    app.step_to(april(7));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.assert_quiet(id).await;
    // Back on: armed for the next 09:00, since 7 April's has passed.
    let to_on = app.tr(lang, "quest-remind-btn", &[("value", on.into())]);
    app.press_label(&user, msg, &to_on).await;
    assert_eq!(
        offers(&app, id).await,
        [(1, april(8).timestamp()), (2, april(8).timestamp())]
    );
    app.stop().await;
}

/// Twelve results over a year: ten on the first page, newest first; two on the next.
async fn the_history_lists_every_result_newest_first_a_page_at_a_time(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 706;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    let midas = headlog::domain::questionnaires::Midas::new([1, 1, 1, 1, 1]).unwrap();
    for k in 0..12i64 {
        // Every 4 weeks back from 3 March.
        let at = local(day(2026, 3, 3), 12, 0) - Duration::weeks(4 * k);
        let answers = Answers::Midas(midas);
        db!(
            app.store,
            insert_questionnaire(id, Some(k), &answers, at, BERLIN)
        )
        .unwrap();
    }
    let (msg, _) = overview(&app, &user, lang).await;
    let first = tap(&app, &user, msg, "Q:h:0").await;
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines.len(), 1 + 10 + 1, "{first}");
    let (newest, page) = match lang {
        Lang::En => (
            "3 Mar · MIDAS 5, grade I (little or no disability)",
            "Page 1 of 2",
        ),
        Lang::Ru => (
            "3 мар · MIDAS 5, степень I (ограничений нет или они минимальны)",
            "Страница 1 из 2",
        ),
    };
    assert_eq!((lines[1], lines[11]), (newest, page));
    assert!(lines[2].starts_with(match lang {
        Lang::En => "3 Feb ·",
        Lang::Ru => "3 фев ·",
    }));
    let older = app.t(lang, "quest-btn-older");
    assert_eq!(app.button_data(id, msg, &older), "Q:h:1");
    let second = tap(&app, &user, msg, "Q:h:1").await;
    let lines: Vec<&str> = second.lines().collect();
    // The two oldest: 12 and 11 periods of 4 weeks back, in 2025.
    assert_eq!(lines.len(), 1 + 2 + 1, "{second}");
    assert!(
        lines[1].contains("2025") && lines[2].contains("2025"),
        "{second}"
    );
    let newer = app.t(lang, "quest-btn-newer");
    assert_eq!(app.button_data(id, msg, &newer), "Q:h:0");
    // A forged page far beyond shows the last one.
    assert_eq!(tap(&app, &user, msg, "Q:h:999").await, second);
    app.stop().await;
}

/// Zone set before anything was recorded: no offers yet. The first record a day later,
/// then Monday's weekly summary arms them for four weeks after that record.
async fn a_diary_begun_after_the_last_rearm_gets_its_offers_with_the_weekly_summary(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 707;
    let user = app.user(id, lang);
    app.onboard(&user, BERLIN).await;
    let tx = app.store.begin().await.unwrap();
    headlog::service::settings::set_zone(&tx, id, BERLIN, t0())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(offers(&app, id).await.is_empty());
    app.clock.set(t0() + Duration::days(1));
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    // Monday 16 March, 09:00 in Berlin: the weekly summary, and the offers armed for
    // Wednesday 8 April (11 March + 28 days) at 09:00.
    let from = app.fake.calls().len();
    app.step_to(Utc.with_ymd_and_hms(2026, 3, 16, 8, 0, 0).unwrap());
    app.sent_after(id, from).await;
    let due = april(8).timestamp();
    assert_eq!(offers(&app, id).await, [(1, due), (2, due)]);
    app.stop().await;
}

/// A database whose reminders were armed before questionnaire offers existed: at start,
/// users with a diary get their offers, once.
async fn users_armed_before_questionnaires_get_their_offers_once_at_start(b: Backend, _lang: Lang) {
    let Some(url) = crate::db::fresh(b).await else {
        return;
    };
    {
        let db = headlog::store::Db::open(&url).await.unwrap();
        let at = t0().timestamp();
        db!(db, touch_user(708, Some("en"), at)).unwrap();
        db!(db, set_user_zone(708, BERLIN, at)).unwrap();
        db!(db, kv_set("reminders.armed", "1")).unwrap();
        let mut a = Attack::new(708, t0(), BERLIN, t0());
        a.ended_at = Some(t0() + Duration::hours(2));
        db!(db, insert_attack(&a, None)).unwrap();
    }
    let app = TestApp::spawn_at(&url).await.unwrap();
    let due = april(7).timestamp();
    for _ in 0..200 {
        let done = db!(app.store, kv_get("questionnaires.armed"))
            .unwrap()
            .is_some();
        if done && offers(&app, 708).await.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(offers(&app, 708).await, [(1, due), (2, due)]);
    // Only the offers: the daily and weekly rows were the earlier arming's business.
    let rows = db!(app.store, schedule_of(708)).unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let again = headlog::service::reminders::arm_existing(&app.store, t0()).await;
    assert_eq!(again.unwrap(), 0, "armed once per database");
    app.stop().await;
}
