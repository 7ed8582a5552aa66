//! Habits through the wire, in both languages on both stores: the creation flow, today's
//! checklist (one tap done, again undone, a double tap counted once), numbers by + / − and
//! typed, bad input refused politely, forged and future marks, routines at once, the goal
//! congratulated once, the sick day after a hard attack, the card and the correction
//! calendar, editing, reordering, archiving and deleting, reminders on chosen weekdays
//! (none for a habit done that day), the custom start of day, and the Loop-shaped export.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use fakebot::{Call, TgUser};
use headlog::domain::habits::{Direction, Frequency, Habit, Kind, Mark};
use headlog::domain::lang::Lang;
use headlog::domain::localtime::at;
use headlog::domain::reminders::{Purpose, day_ref};
use headlog::i18n::Arg;

e2e!(
    reminders_come_on_chosen_weekdays_at_local_time_and_not_once_done,
    a_custom_start_of_day_moves_today_for_habits_only,
    the_export_carries_loop_shaped_habits_checkmarks_and_scores,
    long_lists_go_five_to_a_page,
    a_habit_is_created_in_the_guided_flow_and_ticked_on_today_s_list,
    a_numeric_habit_takes_plus_minus_and_typed_numbers_and_refuses_bad_ones,
    forged_future_and_stale_marks_change_nothing,
    a_routine_is_marked_at_once_and_a_goal_is_congratulated_once,
    a_hard_attack_offers_the_sick_day_and_skips_keep_the_streak,
    the_card_shows_streaks_strength_and_the_last_weeks_and_a_past_day_is_corrected,
    habits_are_edited_reordered_archived_and_deleted_with_a_question_first,
);

const BERLIN: Tz = chrono_tz::Europe::Berlin;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn local(d: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    at(d, NaiveTime::from_hms_opt(h, m, 0).unwrap(), BERLIN)
}

/// Tuesday 10 March 2026, the test's today in Berlin.
fn today() -> NaiveDate {
    day(2026, 3, 10)
}

/// A habit put straight into the store (flows other than creation start from one).
pub(crate) async fn add(
    app: &TestApp,
    user: i64,
    name: &str,
    kind: Kind,
    freq: Frequency,
) -> Habit {
    let h = Habit {
        id: 0,
        user_id: user,
        name: name.to_owned(),
        description: None,
        kind,
        unit: matches!(kind, Kind::Numeric { .. }).then(|| "glasses".to_owned()),
        freq,
        goal_days: None,
        factor: None,
        routine: None,
        position: 0,
        start_day: today() - Duration::days(30),
        archived_at: None,
        goal_met_at: None,
        created_at: t0() - Duration::days(30),
    };
    db!(app.store, insert_habit(&h, None)).unwrap().unwrap()
}

async fn update(app: &TestApp, h: &Habit) -> Habit {
    db!(app.store, update_habit(h)).unwrap().unwrap()
}

async fn mark(app: &TestApp, habit: i64, d: NaiveDate, m: Option<Mark>) {
    db!(app.store, set_habit_mark(habit, d, m, t0().timestamp())).unwrap();
}

async fn entry(app: &TestApp, habit: i64, d: NaiveDate) -> Option<headlog::domain::habits::Entry> {
    db!(app.store, habit_entries(habit, d, d))
        .unwrap()
        .into_iter()
        .next()
}

/// Presses `data` on `msg`: the text it was edited to (if it was) and the press's answer.
async fn tap(
    app: &TestApp,
    user: &TgUser,
    msg: i64,
    data: &str,
) -> (Option<String>, Option<String>) {
    let (made, answer) = app.press(user, msg, data).await;
    let edit = made
        .iter()
        .find(|c| c.method == "editmessagetext" && c.target_message_id() == Some(msg))
        .and_then(|c| c.text().map(str::to_owned));
    (edit, answer)
}

/// Presses the button labelled `label` on `msg`; the edited text, which must come.
async fn tap_label(app: &TestApp, user: &TgUser, msg: i64, label: &str) -> String {
    let data = app.button_data(user.id, msg, label);
    let (edit, answer) = tap(app, user, msg, &data).await;
    assert_eq!(answer, None, "pressing {label:?}");
    edit.unwrap_or_else(|| panic!("pressing {label:?} edited nothing"))
}

/// Types `text`; the first message sent back.
async fn typed(app: &TestApp, user: &TgUser, text: &str) -> Call {
    let from = app.fake.calls().len();
    app.fake.send_text(user, text);
    let chat = user.id;
    app.calls_after(from, 1, |c| {
        c.method == "sendmessage" && c.chat_id() == Some(chat)
    })
    .await
    .remove(0)
}

fn buttons(app: &TestApp, chat: i64, msg: i64) -> Vec<(String, String)> {
    let m = app.fake.message(chat, msg).expect("message exists");
    m.reply_markup
        .as_ref()
        .and_then(|k| k.get("inline_keyboard"))
        .and_then(|k| k.as_array())
        .cloned()
        .unwrap_or_default()
        .iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .filter_map(|b| {
            Some((
                b.get("text")?.as_str()?.to_owned(),
                b.get("callback_data")?.as_str()?.to_owned(),
            ))
        })
        .collect()
}

fn text_of(app: &TestApp, chat: i64, msg: i64) -> String {
    app.fake
        .message(chat, msg)
        .expect("message exists")
        .text
        .unwrap_or_default()
}

async fn a_habit_is_created_in_the_guided_flow_and_ticked_on_today_s_list(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(900, lang);
    app.onboard(&user, BERLIN).await;
    // The menu button opens today's (empty) list.
    let list = app.say(&user, &app.t(lang, "btn-habits")).await;
    let msg = list.message_id.unwrap();
    assert!(
        list.text()
            .unwrap()
            .contains(&app.t(lang, "habits-none-yet"))
    );
    let asked = tap_label(&app, &user, msg, &app.t(lang, "habits-btn-new")).await;
    assert!(asked.contains(&app.tr(lang, "habits-ask-name", &[("max", Arg::Num(60))])));
    // A name too long for a button is refused with its length; the question stays.
    let long = "w".repeat(61);
    let refused = typed(&app, &user, &long).await;
    assert_eq!(
        refused.text().unwrap(),
        app.tr(
            lang,
            "habits-error-too-long",
            &[("max", Arg::Num(60)), ("length", Arg::Num(61))]
        )
    );
    // 5,000 characters: more than Telegram carries, refused before any flow sees it.
    let huge = typed(&app, &user, &"я".repeat(5000)).await;
    assert_eq!(
        huge.text().unwrap(),
        app.tr(
            lang,
            "error-too-long",
            &[("length", Arg::Num(5000)), ("max", Arg::Num(4096))]
        )
    );
    let name = match lang {
        Lang::En => "Drink water",
        Lang::Ru => "Пить воду",
    };
    let q = typed(&app, &user, name).await;
    let q_msg = q.message_id.unwrap();
    assert!(
        q.text()
            .unwrap()
            .contains(&app.t(lang, "habits-ask-description"))
    );
    // The question before was retired: no live buttons left behind.
    assert!(buttons(&app, user.id, msg).is_empty());
    for (label, next) in [
        ("habits-btn-no-description", "habits-ask-kind"),
        ("habits-kind-yes-no", "habits-ask-frequency"),
    ] {
        let t = tap_label(&app, &user, q_msg, &app.t(lang, label)).await;
        assert!(t.contains(&app.t(lang, next)), "{label}: {t}");
    }
    let t = tap_label(&app, &user, q_msg, &app.t(lang, "habits-freq-daily")).await;
    assert!(t.contains(&app.t(lang, "habits-ask-goal")));
    let t = tap_label(
        &app,
        &user,
        q_msg,
        &app.tr(lang, "habits-btn-goal", &[("days", Arg::Num(21))]),
    )
    .await;
    assert!(t.contains(&app.t(lang, "habits-ask-factor")));
    let t = tap_label(&app, &user, q_msg, &app.t(lang, "habits-factor-water")).await;
    assert!(t.contains(&app.tr(lang, "habits-ask-routine", &[("max", Arg::Num(30))])));
    let t = tap_label(&app, &user, q_msg, &app.t(lang, "habits-btn-no-routine")).await;
    assert!(t.contains(&app.t(lang, "habits-ask-reminder")));
    // A reminder at 25:61 is no time of day.
    let bad = typed(&app, &user, "25:61").await;
    assert_eq!(
        bad.text().unwrap(),
        app.tr(lang, "habits-error-time", &[("input", "25:61".into())])
    );
    let done = typed(&app, &user, "08:30").await;
    let text = done.text().unwrap();
    assert!(
        text.starts_with(&app.tr(lang, "habits-created", &[("name", name.into())])),
        "{text}"
    );
    assert!(text.contains(&app.tr(lang, "habits-created-reminder", &[("time", "08:30".into())])));
    let habits = db!(app.store, habits(user.id, false)).unwrap();
    assert_eq!(habits.len(), 1);
    let h = &habits[0];
    assert_eq!(
        (
            h.name.as_str(),
            h.kind,
            h.freq,
            h.goal_days,
            h.factor,
            h.start_day
        ),
        (
            name,
            Kind::YesNo,
            Frequency::DAILY,
            Some(21),
            Some(headlog::domain::habits::Factor::Water),
            today()
        )
    );
    let jobs = db!(app.store, schedule_of(user.id)).unwrap();
    let job = jobs
        .iter()
        .find(|j| j.purpose == Purpose::Habit)
        .expect("armed");
    assert_eq!(
        job.due_at,
        local(day(2026, 3, 11), 8, 30).timestamp(),
        "tomorrow 08:30 Berlin"
    );

    // Today's list: one tap marks it done.
    let list = app.say(&user, "/habits").await;
    let msg = list.message_id.unwrap();
    let open = format!("▫️ {name}");
    assert!(list.text().unwrap().contains(&open), "{:?}", list.text());
    let tick = app.button_data(user.id, msg, &open);
    let (edit, answer) = tap(&app, &user, msg, &tick).await;
    assert_eq!(answer, None);
    let edit = edit.unwrap();
    assert!(edit.contains(&format!("✅ {name}")), "{edit}");
    assert!(edit.contains(&app.tr(
        lang,
        "habits-today-count",
        &[("done", Arg::Num(1)), ("total", Arg::Num(1))]
    )));
    assert_eq!(
        entry(&app, h.id, today()).await.unwrap().mark,
        Some(Mark::Done)
    );
    // A double tap (the same old button again) leaves it done, once.
    tap(&app, &user, msg, &tick).await;
    assert_eq!(
        entry(&app, h.id, today()).await.unwrap().mark,
        Some(Mark::Done)
    );
    let all = db!(app.store, all_habit_entries(user.id)).unwrap();
    assert_eq!(all.len(), 1);
    // Tapped again (its new button): undone, no entry left.
    let untick = app.button_data(user.id, msg, &format!("✅ {name}"));
    let (edit, _) = tap(&app, &user, msg, &untick).await;
    assert!(edit.unwrap().contains(&open));
    assert_eq!(entry(&app, h.id, today()).await, None);
}

async fn a_numeric_habit_takes_plus_minus_and_typed_numbers_and_refuses_bad_ones(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(901, lang);
    app.onboard(&user, BERLIN).await;
    let list = app.say(&user, "/habits").await;
    let msg = list.message_id.unwrap();
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-new")).await;
    let q = typed(&app, &user, "Water").await.message_id.unwrap();
    tap_label(&app, &user, q, &app.t(lang, "habits-btn-no-description")).await;
    let t = tap_label(&app, &user, q, &app.t(lang, "habits-kind-at-least")).await;
    assert!(t.contains(&app.t(lang, "habits-ask-unit")));
    let unit = typed(&app, &user, "glasses").await;
    assert!(
        unit.text()
            .unwrap()
            .contains(&app.t(lang, "habits-ask-target"))
    );
    // A target of -3 or "abc" is refused, each with its reason.
    let minus = typed(&app, &user, "-3").await;
    assert_eq!(
        minus.text().unwrap(),
        app.tr(lang, "habits-error-range", &[("max", "1000000".into())])
    );
    let abc = typed(&app, &user, "abc").await;
    assert_eq!(
        abc.text().unwrap(),
        app.tr(lang, "habits-error-number", &[("input", "abc".into())])
    );
    let freq = typed(&app, &user, "8").await;
    assert!(
        freq.text()
            .unwrap()
            .contains(&app.t(lang, "habits-ask-frequency"))
    );
    // A frequency typed as times/days; 9/7 is refused.
    let bad = typed(&app, &user, "9/7").await;
    assert_eq!(bad.text().unwrap(), app.t(lang, "habits-error-frequency"));
    let goal = typed(&app, &user, "5/7").await.message_id.unwrap();
    tap_label(&app, &user, goal, &app.t(lang, "habits-btn-no-goal")).await;
    tap_label(&app, &user, goal, &app.t(lang, "habits-btn-no-factor")).await;
    tap_label(&app, &user, goal, &app.t(lang, "habits-btn-no-routine")).await;
    let made = tap_label(&app, &user, goal, &app.t(lang, "habits-btn-no-reminder")).await;
    assert!(
        made.contains(&app.tr(lang, "habits-freq-week", &[("count", Arg::Num(5))])),
        "{made}"
    );
    assert!(made.contains(&app.tr(
        lang,
        "habits-target-at-least",
        &[("amount", "8".into()), ("unit", "glasses".into())]
    )));
    let h = db!(app.store, habits(user.id, false)).unwrap().remove(0);
    assert_eq!(
        (h.kind, h.freq, h.goal_days),
        (
            Kind::Numeric {
                target: 8.0,
                direction: Direction::AtLeast
            },
            Frequency::weekly(5),
            None
        )
    );
    // The list's button opens the day: + sets 1, a replayed + still 1, typed 3,5 sets 3.5.
    let list = app.say(&user, "/habits").await.message_id.unwrap();
    let progress = app.tr(
        lang,
        "habits-progress",
        &[
            ("value", "0".into()),
            ("target", "8".into()),
            ("unit", "glasses".into()),
        ],
    );
    let t = tap_label(&app, &user, list, &format!("▫️ Water · {progress}")).await;
    assert!(t.contains(&app.t(lang, "habits-status-none")), "{t}");
    let plus = app.button_data(user.id, list, "+1");
    tap(&app, &user, list, &plus).await;
    tap(&app, &user, list, &plus).await;
    assert_eq!(
        entry(&app, h.id, today()).await.unwrap().mark,
        Some(Mark::Value(1.0))
    );
    let reply = typed(&app, &user, "3,5").await;
    assert!(reply.text().unwrap().starts_with(&app.tr(
        lang,
        "habits-value-saved",
        &[("value", "3.5".into())]
    )));
    assert_eq!(
        entry(&app, h.id, today()).await.unwrap().mark,
        Some(Mark::Value(3.5))
    );
    let refused = typed(&app, &user, "-2").await;
    assert_eq!(
        refused.text().unwrap(),
        app.tr(lang, "habits-error-range", &[("max", "1000000".into())])
    );
    let reply = typed(&app, &user, "8").await;
    assert!(
        reply.text().unwrap().contains(
            &app.tr(
                lang,
                "habits-status-value-done",
                &[(
                    "progress",
                    app.tr(
                        lang,
                        "habits-progress",
                        &[
                            ("value", "8".into()),
                            ("target", "8".into()),
                            ("unit", "glasses".into())
                        ]
                    )
                    .into()
                )]
            )
        )
    );
}

async fn forged_future_and_stale_marks_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(902, lang);
    let other = app.user(903, lang);
    app.onboard(&user, BERLIN).await;
    app.onboard(&other, BERLIN).await;
    let theirs = add(&app, other.id, "Theirs", Kind::YesNo, Frequency::DAILY).await;
    let mine = add(&app, user.id, "Mine", Kind::YesNo, Frequency::DAILY).await;
    let msg = app.say(&user, "/habits").await.message_id.unwrap();
    let d = |x: NaiveDate| day_ref(x);
    let cases = [
        (
            format!("H:s:{}:{}:d:t0", theirs.id, d(today())),
            "habits-gone",
        ),
        (format!("H:c:{}", theirs.id), "habits-gone"),
        (format!("H:Y:{}", theirs.id), "habits-gone"),
        (
            format!("H:s:{}:{}:d:t0", mine.id, d(today() + Duration::days(1))),
            "habits-error-future",
        ),
        (
            format!("H:s:{}:{}:d:t0", mine.id, d(today() - Duration::days(20))),
            "habits-error-too-old",
        ),
        (
            format!("H:s:{}:{}:v5000:t0", mine.id, d(today())),
            "error-stale-button",
        ),
        (
            format!("H:s:{}:{}:q:t0", mine.id, d(today())),
            "error-stale-button",
        ),
        ("H:w:1:200".to_owned(), "error-stale-button"),
        (format!("H:V:{}:f:f9-7", mine.id), "error-stale-button"),
    ];
    for (data, key) in cases {
        let (edit, answer) = tap(&app, &user, msg, &data).await;
        assert_eq!(answer.as_deref(), Some(app.t(lang, key).as_str()), "{data}");
        assert_eq!(edit, None, "{data}");
    }
    assert!(
        db!(app.store, all_habit_entries(user.id))
            .unwrap()
            .is_empty()
    );
    assert!(
        db!(app.store, all_habit_entries(other.id))
            .unwrap()
            .is_empty()
    );
    assert!(
        db!(app.store, habit(other.id, theirs.id))
            .unwrap()
            .is_some()
    );
    // A creation-flow button pressed on a message that is not the question is stale.
    let (_, answer) = tap(&app, &user, msg, "H:W:k0").await;
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "error-stale-button").as_str())
    );
}

async fn a_routine_is_marked_at_once_and_a_goal_is_congratulated_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(904, lang);
    app.onboard(&user, BERLIN).await;
    let mut a = add(&app, user.id, "Stretch", Kind::YesNo, Frequency::DAILY).await;
    a.routine = Some("Morning".into());
    a.goal_days = Some(3);
    a.start_day = today() - Duration::days(2);
    let a = update(&app, &a).await;
    let mut w = add(
        &app,
        user.id,
        "Water",
        Kind::Numeric {
            target: 2.0,
            direction: Direction::AtLeast,
        },
        Frequency::DAILY,
    )
    .await;
    w.routine = Some("Morning".into());
    update(&app, &w).await;
    let mut c = add(&app, user.id, "Vitamins", Kind::YesNo, Frequency::DAILY).await;
    c.routine = Some("Morning".into());
    let c = update(&app, &c).await;
    for back in [1, 2] {
        mark(&app, a.id, today() - Duration::days(back), Some(Mark::Done)).await;
    }
    let msg = app.say(&user, "/habits").await.message_id.unwrap();
    let label = app.tr(lang, "habits-btn-routine", &[("routine", "Morning".into())]);
    let data = app.button_data(user.id, msg, &label);
    let from = app.fake.calls().len();
    let (edit, answer) = tap(&app, &user, msg, &data).await;
    // The yes/no habits of the routine are done; the numeric one waits for its number.
    assert_eq!(
        answer.as_deref(),
        Some(
            app.tr(
                lang,
                "habits-routine-done",
                &[("routine", "Morning".into()), ("count", Arg::Num(2))]
            )
            .as_str()
        )
    );
    let edit = edit.unwrap();
    assert!(
        edit.contains("✅ Stretch") && edit.contains("✅ Vitamins") && edit.contains("▫️ Water"),
        "{edit}"
    );
    assert_eq!(
        entry(&app, c.id, today()).await.unwrap().mark,
        Some(Mark::Done)
    );
    assert_eq!(entry(&app, w.id, today()).await, None);
    // Three days in a row: the goal is reached, congratulated once.
    let congrats = app.sent_after(user.id, from).await;
    assert_eq!(
        congrats.text().unwrap(),
        app.tr(
            lang,
            "habits-goal-reached",
            &[("name", "Stretch".into()), ("days", Arg::Num(3))]
        )
    );
    assert!(
        !edit.contains(&label),
        "the routine is done: its button is gone"
    );
    tap(&app, &user, msg, &data).await;
    let from = app.fake.calls().len();
    let untick = app.button_data(user.id, msg, "✅ Stretch");
    tap(&app, &user, msg, &untick).await;
    let tick = app.button_data(user.id, msg, "▫️ Stretch");
    tap(&app, &user, msg, &tick).await;
    let again: Vec<_> = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.method == "sendmessage")
        .collect();
    assert!(again.is_empty(), "congratulated once: {again:?}");
    // "Keep going" keeps it; the answer edits the congratulation.
    let kept = tap_label(
        &app,
        &user,
        congrats.message_id.unwrap(),
        &app.t(lang, "habits-btn-goal-keep"),
    )
    .await;
    assert_eq!(
        kept,
        app.tr(lang, "habits-goal-kept", &[("name", "Stretch".into())])
    );
    assert!(
        db!(app.store, habit(user.id, a.id))
            .unwrap()
            .unwrap()
            .archived_at
            .is_none()
    );
}

async fn a_hard_attack_offers_the_sick_day_and_skips_keep_the_streak(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(905, lang);
    app.onboard(&user, BERLIN).await;
    let walk = add(&app, user.id, "Walk", Kind::YesNo, Frequency::DAILY).await;
    let read = add(&app, user.id, "Read", Kind::YesNo, Frequency::DAILY).await;
    for back in 1..=5 {
        mark(
            &app,
            walk.id,
            today() - Duration::days(back),
            Some(Mark::Done),
        )
        .await;
    }
    mark(&app, read.id, today(), Some(Mark::Done)).await;
    // The one tap, then intensity 8 in the details editor.
    let card = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let card_msg = card.message_id.unwrap();
    let attack = db!(app.store, latest_open_attack(user.id))
        .unwrap()
        .unwrap();
    app.press_label(&user, card_msg, &app.t(lang, "btn-details-add"))
        .await;
    let from = app.fake.calls().len();
    let eight = app.button_data(user.id, card_msg, "8");
    assert_eq!(eight, format!("D:s:{}:g:i:8", attack.id));
    app.press(&user, card_msg, &eight).await;
    let offer = app.sent_after(user.id, from).await;
    assert_eq!(offer.text().unwrap(), app.t(lang, "habits-sick-offer"));
    let offer_msg = offer.message_id.unwrap();
    let t = tap_label(&app, &user, offer_msg, &app.t(lang, "habits-btn-sick-skip")).await;
    assert!(
        t.starts_with(&app.tr(lang, "habits-sick-done", &[("count", Arg::Num(1))])),
        "{t}"
    );
    // Walk is skipped (Read was done and stays done); pressed again, nothing more is skipped.
    assert_eq!(
        entry(&app, walk.id, today()).await.unwrap().mark,
        Some(Mark::Skipped)
    );
    assert_eq!(
        entry(&app, read.id, today()).await.unwrap().mark,
        Some(Mark::Done)
    );
    let data = format!("H:S:{}", day_ref(today()));
    let (t, _) = tap(&app, &user, offer_msg, &data).await;
    assert_eq!(t.unwrap(), app.t(lang, "habits-sick-nothing"));
    // The streak lives on through the skip: five days.
    let tx = app.store.begin().await.unwrap();
    let c = headlog::service::habits::card(&tx, user.id, walk.id, today())
        .await
        .unwrap()
        .unwrap();
    drop(tx);
    assert_eq!(c.current, 5);
    // A second hard attack the same day offers nothing more.
    let from = app.fake.calls().len();
    let (made, _) = app
        .press(&user, card_msg, &format!("D:s:{}:g:i:9", attack.id))
        .await;
    // An offer would be queued with the edit, before the press is answered.
    assert!(made.iter().all(|c| c.method != "sendmessage"), "{made:?}");
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let more: Vec<_> = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| {
            c.method == "sendmessage" && c.text() == Some(app.t(lang, "habits-sick-offer").as_str())
        })
        .collect();
    assert!(more.is_empty(), "{more:?}");
}

async fn the_card_shows_streaks_strength_and_the_last_weeks_and_a_past_day_is_corrected(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(906, lang);
    app.onboard(&user, BERLIN).await;
    let h = add(&app, user.id, "Walk", Kind::YesNo, Frequency::DAILY).await;
    // Done on the 30 days before today except the 8th day back: a streak of 7, best 22.
    for back in 1..=30 {
        if back != 8 {
            mark(&app, h.id, today() - Duration::days(back), Some(Mark::Done)).await;
        }
    }
    let msg = app.say(&user, "/habits").await.message_id.unwrap();
    tap(&app, &user, msg, &format!("H:c:{}", h.id)).await;
    let card = text_of(&app, user.id, msg);
    assert!(
        card.contains(&app.tr(
            lang,
            "habits-card-streak",
            &[("current", Arg::Num(7)), ("best", Arg::Num(22))]
        )),
        "{card}"
    );
    // March so far: days 1–9 done except the 2nd, today open: 8 of 10.
    assert!(
        card.contains(&app.tr(
            lang,
            "habits-card-month",
            &[
                ("done", Arg::Num(8)),
                ("days", Arg::Num(10)),
                ("percent", Arg::Num(80))
            ]
        )),
        "{card}"
    );
    assert!(card.contains(&app.t(lang, "habits-card-legend")));
    // This week's row: Mon done, Tue (today) open, the rest of the week not yet there.
    assert!(card.contains("✅ ▫️ ➖ ➖ ➖ ➖ ➖"), "{card}");
    // The calendar corrects the missed day: the streak joins up.
    let t = tap_label(&app, &user, msg, &app.t(lang, "habits-btn-calendar")).await;
    assert!(t.starts_with(&app.tr(
        lang,
        "habits-calendar-title",
        &[("name", "Walk".into()), ("days", Arg::Num(14))]
    )));
    let missed = today() - Duration::days(8);
    let label = format!("▫️{}", missed.format("%-d"));
    let t = tap_label(&app, &user, msg, &label).await;
    assert!(t.contains(&app.t(lang, "habits-status-none")));
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-done")).await;
    assert_eq!(
        entry(&app, h.id, missed).await.unwrap().mark,
        Some(Mark::Done)
    );
    // A note on that day.
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-note")).await;
    let saved = typed(&app, &user, "rain, walked indoors").await;
    assert!(
        saved
            .text()
            .unwrap()
            .starts_with(&app.t(lang, "habits-note-saved"))
    );
    assert!(saved.text().unwrap().contains("📝 rain, walked indoors"));
    assert_eq!(
        entry(&app, h.id, missed).await.unwrap().note.as_deref(),
        Some("rain, walked indoors")
    );
    let card_now = saved.message_id.unwrap();
    tap_label(&app, &user, card_now, &app.t(lang, "habits-btn-card")).await;
    let card = text_of(&app, user.id, card_now);
    assert!(
        card.contains(&app.tr(
            lang,
            "habits-card-streak",
            &[("current", Arg::Num(30)), ("best", Arg::Num(30))]
        )),
        "{card}"
    );
}

async fn habits_are_edited_reordered_archived_and_deleted_with_a_question_first(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(907, lang);
    app.onboard(&user, BERLIN).await;
    let a = add(&app, user.id, "Alpha", Kind::YesNo, Frequency::DAILY).await;
    let b2 = add(&app, user.id, "Beta", Kind::YesNo, Frequency::DAILY).await;
    let msg = app.say(&user, "/habits").await.message_id.unwrap();
    tap(&app, &user, msg, &format!("H:e:{}", b2.id)).await;
    // Rename by typing.
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-edit-name")).await;
    let menu = typed(&app, &user, "Beta blocker-free").await;
    assert!(
        menu.text()
            .unwrap()
            .starts_with(&app.t(lang, "habits-saved"))
    );
    let menu = menu.message_id.unwrap();
    // Up: Beta comes first.
    let (_, answer) = tap(
        &app,
        &user,
        menu,
        &app.button_data(user.id, menu, &app.t(lang, "habits-btn-up")),
    )
    .await;
    assert_eq!(
        answer.as_deref(),
        Some(
            app.tr(
                lang,
                "habits-moved",
                &[("place", Arg::Num(1)), ("count", Arg::Num(2))]
            )
            .as_str()
        )
    );
    let names: Vec<String> = db!(app.store, habits(user.id, false))
        .unwrap()
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names, ["Beta blocker-free", "Alpha"]);
    // The frequency by a button, the goal by a button.
    tap_label(&app, &user, menu, &app.t(lang, "habits-btn-edit-frequency")).await;
    tap_label(
        &app,
        &user,
        menu,
        &app.tr(lang, "habits-freq-week", &[("count", Arg::Num(3))]),
    )
    .await;
    tap_label(&app, &user, menu, &app.t(lang, "habits-btn-edit-goal")).await;
    tap_label(&app, &user, menu, &app.t(lang, "habits-btn-no-goal")).await;
    let h = db!(app.store, habit(user.id, b2.id)).unwrap().unwrap();
    assert_eq!((h.freq, h.goal_days), (Frequency::weekly(3), None));
    // Archive: off today's list, in the archived one; back again.
    let t = tap_label(&app, &user, menu, &app.t(lang, "habits-btn-archive")).await;
    assert!(t.starts_with(&app.tr(lang, "habits-archived", &[("name", h.name.clone().into())])));
    let list = app.say(&user, "/habits").await;
    assert!(!list.text().unwrap().contains("Beta"));
    assert_eq!(db!(app.store, habits(user.id, true)).unwrap().len(), 1);
    tap_label(&app, &user, menu, &app.t(lang, "habits-btn-unarchive")).await;
    assert!(db!(app.store, habits(user.id, true)).unwrap().is_empty());
    // Delete asks first; "Delete for good" deletes with the marks; a second press is harmless.
    mark(&app, a.id, today(), Some(Mark::Done)).await;
    tap(&app, &user, menu, &format!("H:e:{}", a.id)).await;
    let ask = tap_label(&app, &user, menu, &app.t(lang, "habits-btn-delete")).await;
    assert_eq!(
        ask,
        app.tr(lang, "habits-delete-ask", &[("name", "Alpha".into())])
    );
    let yes = app.button_data(user.id, menu, &app.t(lang, "habits-btn-delete-yes"));
    let (_, answer) = tap(&app, &user, menu, &yes).await;
    assert_eq!(
        answer.as_deref(),
        Some(
            app.tr(lang, "habits-deleted", &[("name", "Alpha".into())])
                .as_str()
        )
    );
    let (_, again) = tap(&app, &user, menu, &yes).await;
    assert_eq!(again.as_deref(), Some(app.t(lang, "habits-gone").as_str()));
    assert!(db!(app.store, habit(user.id, a.id)).unwrap().is_none());
    assert!(
        db!(app.store, habit_entries(a.id, today(), today()))
            .unwrap()
            .is_empty()
    );
    // Yes/no turned numeric asks for its target once; later edits go back to the menu.
    tap(&app, &user, menu, &format!("H:e:{}", b2.id)).await;
    tap_label(&app, &user, menu, &app.t(lang, "habits-btn-edit-kind")).await;
    let t = tap_label(&app, &user, menu, &app.t(lang, "habits-kind-at-least")).await;
    assert!(t.contains(&app.t(lang, "habits-ask-target")), "{t}");
    let saved = typed(&app, &user, "8").await;
    assert!(
        saved
            .text()
            .unwrap()
            .starts_with(&app.t(lang, "habits-saved"))
    );
    let m = saved.message_id.unwrap();
    tap_label(&app, &user, m, &app.t(lang, "habits-btn-edit-goal")).await;
    let goal = app.tr(lang, "habits-btn-goal", &[("days", Arg::Num(21))]);
    let t = tap_label(&app, &user, m, &goal).await;
    assert!(t.starts_with(&app.t(lang, "habits-saved")), "{t}");
    let h = db!(app.store, habit(user.id, b2.id)).unwrap().unwrap();
    assert_eq!(
        (h.kind, h.goal_days),
        (
            Kind::Numeric {
                target: 8.0,
                direction: Direction::AtLeast
            },
            Some(21)
        )
    );
}

async fn reminders_come_on_chosen_weekdays_at_local_time_and_not_once_done(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(908, lang);
    app.onboard(&user, BERLIN).await;
    let h = add(&app, user.id, "Stretch", Kind::YesNo, Frequency::DAILY).await;
    let msg = app.say(&user, "/habits").await.message_id.unwrap();
    tap(&app, &user, msg, &format!("H:r:{}", h.id)).await;
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-reminder-add")).await;
    let bad = typed(&app, &user, "24:00").await;
    assert_eq!(
        bad.text().unwrap(),
        app.tr(
            lang,
            "habits-error-time-range",
            &[("input", "24:00".into())]
        )
    );
    let list = typed(&app, &user, "07:15").await;
    let list_msg = list.message_id.unwrap();
    assert!(
        list.text()
            .unwrap()
            .contains(&format!("⏰ 07:15 · {}", app.t(lang, "habits-days-every"))),
        "{:?}",
        list.text()
    );
    // Only Wednesdays and Thursdays: untick the other five (each button carries its mask).
    for d in [1, 2, 5, 6, 7] {
        let label = format!("✓{}", app.t(lang, &format!("weekday-{d}")));
        tap_label(&app, &user, list_msg, &label).await;
    }
    let shown = text_of(&app, user.id, list_msg);
    let days = format!("{} {}", app.t(lang, "weekday-3"), app.t(lang, "weekday-4"));
    assert!(shown.contains(&format!("⏰ 07:15 · {days}")), "{shown}");
    let r = db!(app.store, habit_reminders(h.id)).unwrap().remove(0);
    assert_eq!(r.weekdays, 0b0001100);
    // Wednesday 11 March, 07:15 Berlin: the reminder comes.
    let from = app.fake.calls().len();
    app.step_to(local(day(2026, 3, 11), 7, 15));
    let sent = app.sent_after(user.id, from).await;
    assert!(sent.text().unwrap().starts_with(&app.tr(
        lang,
        "habits-reminder-text",
        &[("name", "Stretch".into())]
    )));
    let done = tap_label(
        &app,
        &user,
        sent.message_id.unwrap(),
        &app.t(lang, "habits-btn-done"),
    )
    .await;
    assert_eq!(
        done,
        app.tr(lang, "habits-reminder-done", &[("name", "Stretch".into())])
    );
    assert_eq!(
        entry(&app, h.id, day(2026, 3, 11)).await.unwrap().mark,
        Some(Mark::Done)
    );
    // Next: Thursday 07:15; done beforehand, nothing is sent, and it moves to next Wednesday.
    let job = db!(app.store, schedule_of(user.id))
        .unwrap()
        .into_iter()
        .find(|j| j.purpose == Purpose::Habit)
        .unwrap();
    assert_eq!(job.due_at, local(day(2026, 3, 12), 7, 15).timestamp());
    mark(&app, h.id, day(2026, 3, 12), Some(Mark::Done)).await;
    let from = app.fake.calls().len();
    app.step_to(local(day(2026, 3, 12), 7, 16));
    let moved = due_at(&app, user.id, local(day(2026, 3, 18), 7, 15)).await;
    assert_eq!(moved, local(day(2026, 3, 18), 7, 15).timestamp());
    let sent: Vec<_> = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.method == "sendmessage")
        .collect();
    assert!(sent.is_empty(), "{sent:?}");
    // Across the change to summer time (29 March): 07:15 stays 07:15 local.
    app.step_to(local(day(2026, 3, 26), 8, 0));
    let next = due_at(&app, user.id, local(day(2026, 4, 1), 7, 15)).await;
    assert_eq!(next, local(day(2026, 4, 1), 7, 15).timestamp());
    let summer = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 4, 1, 5, 15, 0).unwrap();
    assert_eq!(next, summer.timestamp(), "07:15 CEST is 05:15 UTC");
}

/// The habit reminder's due instant once the scheduler moved it to `expected` (or, after a
/// while, wherever it is).
async fn due_at(app: &TestApp, user: i64, expected: DateTime<Utc>) -> i64 {
    let job = async || {
        db!(app.store, schedule_of(user))
            .unwrap()
            .into_iter()
            .find(|j| j.purpose == Purpose::Habit)
            .expect("a habit reminder on the schedule")
            .due_at
    };
    for _ in 0..100 {
        if job().await == expected.timestamp() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    job().await
}

async fn a_custom_start_of_day_moves_today_for_habits_only(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(909, lang);
    app.onboard(&user, BERLIN).await;
    let h = add(&app, user.id, "Читать", Kind::YesNo, Frequency::DAILY).await;
    let msg = app.say(&user, "/habits").await.message_id.unwrap();
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-manage")).await;
    tap_label(
        &app,
        &user,
        msg,
        &app.tr(lang, "habits-btn-day-start", &[("time", "00:00".into())]),
    )
    .await;
    let t = tap_label(&app, &user, msg, "04:00").await;
    assert!(
        t.contains(&app.tr(lang, "habits-day-start-ask", &[("time", "04:00".into())])),
        "{t}"
    );
    // 02:30 on Wednesday night is still Tuesday for habits.
    app.step_to(local(day(2026, 3, 11), 2, 30));
    let list = app.say(&user, "/habits").await;
    let text = list.text().unwrap();
    assert!(
        text.contains(&app.tr(lang, "habits-day-starts", &[("time", "04:00".into())])),
        "{text}"
    );
    let tick = app.button_data(user.id, list.message_id.unwrap(), "▫️ Читать");
    assert!(tick.contains(&format!(":{}:", day_ref(today()))), "{tick}");
    tap(&app, &user, list.message_id.unwrap(), &tick).await;
    assert_eq!(
        entry(&app, h.id, today()).await.unwrap().mark,
        Some(Mark::Done)
    );
    // The diary keeps calendar days: a headache now is on Wednesday.
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let a = db!(app.store, latest_open_attack(user.id))
        .unwrap()
        .unwrap();
    assert_eq!(
        a.started_at.with_timezone(&BERLIN).date_naive(),
        day(2026, 3, 11)
    );
}

async fn the_export_carries_loop_shaped_habits_checkmarks_and_scores(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(910, lang);
    app.onboard(&user, BERLIN).await;
    let mut walk = add(&app, user.id, "Walk", Kind::YesNo, Frequency::weekly(3)).await;
    walk.start_day = day(2026, 3, 2);
    walk.factor = Some(headlog::domain::habits::Factor::Exercise);
    let walk = update(&app, &walk).await;
    let mut water = add(
        &app,
        user.id,
        "Water",
        Kind::Numeric {
            target: 8.0,
            direction: Direction::AtLeast,
        },
        Frequency::DAILY,
    )
    .await;
    water.start_day = today() - Duration::days(2);
    let water = update(&app, &water).await;
    // Walk, 3 a week: Mon 2, Wed 4, Fri 6 March done (that week complete), Mon 9 skipped.
    for d in [2, 4, 6] {
        mark(&app, walk.id, day(2026, 3, d), Some(Mark::Done)).await;
    }
    mark(&app, walk.id, day(2026, 3, 9), Some(Mark::Skipped)).await;
    mark(&app, water.id, day(2026, 3, 9), Some(Mark::Value(8.5))).await;
    mark(&app, water.id, day(2026, 3, 8), Some(Mark::Value(3.0))).await;
    let (calls, answer) = crate::export_menu::choose(&app, &user, crate::export_menu::HABITS).await;
    assert_eq!(answer, None);
    let docs: Vec<(String, String)> = calls
        .iter()
        .map(|c| {
            assert_eq!(c.method, "senddocument");
            (
                c.files[0].file_name.clone().unwrap_or_default(),
                String::from_utf8(c.files[0].bytes.to_vec()).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        docs.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(),
        ["Habits.csv", "Checkmarks.csv", "Scores.csv"]
    );
    let captions: Vec<&str> = calls.iter().map(|c| c.text().unwrap_or_default()).collect();
    let expected: Vec<String> = [
        "export-habits-caption",
        "export-checkmarks-caption",
        "export-scores-caption",
    ]
    .iter()
    .map(|k| app.t(lang, k))
    .collect();
    assert_eq!(captions, expected);
    assert_eq!(
        docs[0].1,
        "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?,Factor,Routine,Goal Days\n\
         001,Walk,YES_NO,,,3,7,,,,,false,exercise,,\n\
         002,Water,NUMERICAL,,,1,1,,glasses,AT_LEAST,8,false,,,\n"
    );
    // Newest first; Walk's Tue 3 and Thu 5 are done by the completed week (1); Water's
    // numbers in thousandths, as Loop writes them; before a habit began: no entry.
    assert_eq!(
        docs[1].1,
        "Date,Walk,Water\n\
         2026-03-10,-1,-1\n\
         2026-03-09,3,8500\n\
         2026-03-08,1,3000\n\
         2026-03-07,1,-1\n\
         2026-03-06,2,-1\n\
         2026-03-05,1,-1\n\
         2026-03-04,2,-1\n\
         2026-03-03,1,-1\n\
         2026-03-02,2,-1\n"
    );
    let scores: Vec<&str> = docs[2].1.lines().collect();
    assert_eq!(scores[0], "Date,Walk,Water");
    assert_eq!(scores.len(), 10);
    // Water: 3 of 8 on the 8th, then 8.5 on the 9th, then nothing on the 10th.
    let m = 0.5f64.powf(1.0 / 13.0);
    let w8 = 3.0 / 8.0 * (1.0 - m);
    let w9 = w8 * m + (1.0 - m);
    let w10 = w9 * m;
    assert_eq!(
        scores[1],
        format!(
            "2026-03-10,{},{w10:.4}",
            scores[1].split(',').nth(1).unwrap()
        )
    );
    assert_eq!(scores[3].split(',').nth(2).unwrap(), format!("{w8:.4}"));
    assert_eq!(scores[2].split(',').nth(2).unwrap(), format!("{w9:.4}"));
    // A skipped day freezes Walk's score: the 9th equals the 8th.
    assert_eq!(scores[2].split(',').nth(1), scores[3].split(',').nth(1));
}

async fn long_lists_go_five_to_a_page(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(911, lang);
    app.onboard(&user, BERLIN).await;
    for i in 1..=7 {
        add(
            &app,
            user.id,
            &format!("Habit {i}"),
            Kind::YesNo,
            Frequency::DAILY,
        )
        .await;
    }
    let list = app.say(&user, "/habits").await;
    let msg = list.message_id.unwrap();
    let text = list.text().unwrap();
    assert!(
        text.contains("Habit 5") && !text.contains("Habit 6"),
        "{text}"
    );
    let t = tap_label(&app, &user, msg, &app.t(lang, "habits-btn-next")).await;
    assert!(
        t.contains("Habit 6") && t.contains("Habit 7") && !t.contains("Habit 1\n"),
        "{t}"
    );
    assert!(t.contains(&app.tr(
        lang,
        "habits-today-count",
        &[("done", Arg::Num(0)), ("total", Arg::Num(7))]
    )));
    // Ticking on page 2 stays on page 2.
    let t = tap_label(&app, &user, msg, "▫️ Habit 7").await;
    assert!(t.contains("✅ Habit 7") && t.contains("Habit 6"), "{t}");
    // The manage list pages too.
    tap_label(&app, &user, msg, &app.t(lang, "habits-btn-manage")).await;
    let labels: Vec<String> = buttons(&app, user.id, msg)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert!(
        labels.contains(&"Habit 5".to_owned()) && !labels.contains(&"Habit 6".to_owned()),
        "{labels:?}"
    );
}
