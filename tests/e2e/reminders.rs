//! Reminders through the wire, with the test clock stepped (never slept through): the
//! diary reminder at the user's local time, across a daylight-saving change, answered in
//! one tap; the dose and open-attack follow-ups; quiet hours, pause and a reminder due
//! while headlog was down too long; and Telegram's faults on the scheduled lane (429,
//! 500, 403 and the user coming back).

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use fakebot::{Fault, TgUser};
use headlog::domain::lang::Lang;
use headlog::domain::medication::{Effect, MedClass};
use headlog::domain::reminders::{Prefs, Purpose, day_ref};
use std::sync::atomic::Ordering;

e2e!(
    the_diary_reminder_comes_at_local_time_and_one_tap_answers_it,
    the_morning_reminder_keeps_nine_o_clock_across_the_spring_change,
    a_dose_and_an_open_attack_are_followed_up,
    quiet_hours_hold_a_reminder_a_pause_skips_them_and_a_late_one_expires,
    the_scheduled_lane_waits_out_429_retries_500_and_403_stops_the_reminders,
    the_weekly_summary_comes_on_monday_morning_with_last_week_s_figures,
    users_from_before_reminders_are_armed_once_at_start,
    an_unanswered_reminder_repeats_hourly_at_most_three_times,
    an_unfinished_check_in_is_nudged_once,
    many_weekly_pictures_are_drawn_in_short_batches_and_each_sent_once,
);

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap()
}

/// Sets the diary reminder by typing its time in /settings.
async fn set_time(app: &TestApp, user: &TgUser, time: &str) {
    let screen = app.say(user, "/settings").await;
    app.press(user, screen.message_id.unwrap(), "M:st").await;
    app.say(user, time).await;
    let stored = db!(app.store, user(user.id)).unwrap().unwrap();
    assert_eq!(
        stored
            .checkin_time
            .map(|t| t.format("%H:%M").to_string())
            .as_deref(),
        Some(time)
    );
}

fn data(call: &fakebot::Call, label: &str) -> String {
    call.inline_buttons()
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no button {label:?} in {:?}", call.inline_buttons()))
        .1
}

async fn the_diary_reminder_comes_at_local_time_and_one_tap_answers_it(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 300;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    set_time(&app, &user, "21:45").await;

    // 21:44 in Berlin (UTC+1): nothing; 21:45: the reminder.
    app.step_to(utc(10, 20, 44));
    app.assert_quiet(id).await;
    let from = app.fake.calls().len();
    app.step_to(utc(10, 20, 45));
    let reminder = app.sent_after(id, from).await;
    let (text, labels) = match lang {
        Lang::En => (
            "🌙 How was your day (today, Tue 10 Mar)? Did you have a headache?",
            ["🙂 No headache", "📝 Log one", "⏰ In an hour"],
        ),
        Lang::Ru => (
            "🌙 Как прошёл день (сегодня, вт 10 мар)? Болела голова?",
            ["🙂 Не болела", "📝 Записать", "⏰ Через час"],
        ),
    };
    assert_eq!(reminder.text(), Some(text));
    let got: Vec<String> = reminder.inline_buttons().into_iter().map(|b| b.0).collect();
    assert_eq!(got, labels, "after 21:00 there is no 'tonight'");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    assert_eq!(data(&reminder, labels[0]), format!("N:df:{}", day_ref(day)));

    // One tap: the day is headache-free, the message says so in place; a replay changes nothing.
    let msg = reminder.message_id.unwrap();
    let (made, _) = app.press(&user, msg, &data(&reminder, labels[0])).await;
    let saved = match lang {
        Lang::En => "🙂 Saved: no headache (today, Tue 10 Mar).",
        Lang::Ru => "🙂 Записано: голова не болела (сегодня, вт 10 мар).",
    };
    assert_eq!(made.last().and_then(|c| c.text()), Some(saved));
    assert!(made.iter().all(|c| c.method == "editmessagetext"));
    let record = db!(app.store, day_record(id, day)).unwrap().unwrap();
    assert_eq!(record.headache_free, Some(true));

    // The next evening it comes again; "in an hour" puts it off.
    let from = app.fake.calls().len();
    app.step_to(utc(11, 20, 45));
    let second = app.sent_after(id, from).await;
    let later = data(&second, labels[2]);
    let (made, _) = app.press(&user, second.message_id.unwrap(), &later).await;
    let again = app.tr(lang, "remind-snoozed", &[("time", "22:45".into())]);
    assert_eq!(made.last().and_then(|c| c.text()), Some(again.as_str()));
    let from = app.fake.calls().len();
    app.step_to(utc(11, 21, 45));
    let snoozed = app.sent_after(id, from).await;
    assert_eq!(
        snoozed.inline_buttons()[0].1,
        format!("N:df:{}", day_ref(day.succ_opt().unwrap()))
    );

    // A day with an attack gets none (a one tap on the 12th at 10:00).
    app.clock.set(utc(12, 9, 0));
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let answered = app.scheduler.stats.answered.load(Ordering::Relaxed);
    app.step_to(utc(12, 20, 45));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.assert_quiet(id).await;
    assert!(app.scheduler.stats.answered.load(Ordering::Relaxed) > answered);
    let rows = db!(app.store, schedule_of(id)).unwrap();
    let diary = rows.iter().find(|j| j.purpose == Purpose::Diary).unwrap();
    assert_eq!(diary.due_at, utc(13, 20, 45).timestamp(), "{rows:?}");
    app.stop().await;
}

async fn the_morning_reminder_keeps_nine_o_clock_across_the_spring_change(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 301;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    set_time(&app, &user, "09:00").await;
    // /settings → reminders → ask in the morning.
    let screen = app.say(&user, "/settings").await;
    let msg = screen.message_id.unwrap();
    let (made, _) = app.press(&user, msg, "N:s").await;
    let shown = made.last().unwrap();
    // The screen says what is set now; each button names the value it sets.
    let (header, dose_button) = match lang {
        Lang::En => (
            "🔔 Reminders\nDiary reminder: every day at 09:00",
            "💊 Dose question → 3 h later",
        ),
        Lang::Ru => (
            "🔔 Напоминания\nНапоминание о дневнике: каждый день в 09:00",
            "💊 Вопрос о лекарстве → через 3 ч",
        ),
    };
    assert!(
        shown.text().unwrap().starts_with(header),
        "{:?}",
        shown.text()
    );
    assert_eq!(data(shown, dose_button), "N:sd:180");
    let morning = data(shown, &app.t(lang, "remind-btn-morning"));
    assert_eq!(morning, "N:sm:1");
    app.press(&user, msg, &morning).await;

    // 09:00 CET is 08:00 UTC until Sunday 29 March, then 09:00 CEST is 07:00 UTC.
    for (d, h) in [(27, 8), (28, 8), (29, 7), (30, 7)] {
        app.step_to(utc(d, h, 0) - Duration::minutes(1));
        app.assert_quiet(id).await;
        let from = app.fake.calls().len();
        app.step_to(utc(d, h, 0));
        let reminder = app.sent_after(id, from).await;
        let text = reminder.text().unwrap();
        assert!(text.starts_with("☀️"), "{text}");
        let asked = chrono::NaiveDate::from_ymd_opt(2026, 3, d - 1).unwrap();
        assert_eq!(
            reminder.inline_buttons()[0].1,
            format!("N:df:{}", day_ref(asked))
        );
    }
    app.stop().await;
}

async fn a_dose_and_an_open_attack_are_followed_up(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 302;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let ibu = db!(
        app.store,
        insert_medication(id, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), 0)
    )
    .unwrap();
    app.say(&user, &app.t(lang, "btn-headache-now")).await; // 10:00 in Berlin
    let attack = db!(app.store, latest_open_attack(id)).unwrap().unwrap();
    let ask = app.say(&user, "/took").await;
    let flow = ask.message_id.unwrap();
    app.press(&user, flow, &format!("M:tm:{}", ibu.id)).await;
    app.press(&user, flow, "M:td").await;
    app.press(&user, flow, "M:tn").await;
    let dose = db!(app.store, intakes_for_attack(id, attack.id))
        .unwrap()
        .remove(0);

    // Two hours later: how did it work?
    app.step_to(t0() + Duration::minutes(119));
    app.assert_quiet(id).await;
    let from = app.fake.calls().len();
    app.step_to(t0() + Duration::hours(2));
    let question = app.sent_after(id, from).await;
    let time = app.tr(lang, "time-today", &[("time", "10:00".into())]);
    let expected = app.tr(
        lang,
        "remind-dose",
        &[("what", "Ibuprofen 400 mg".into()), ("time", time.into())],
    );
    assert_eq!(question.text(), Some(expected.as_str()));
    let partly = data(&question, &app.t(lang, "took-btn-effect-partial"));
    assert_eq!(partly, format!("N:f:{}:partial", dose.id));
    let (made, _) = app
        .press(&user, question.message_id.unwrap(), &partly)
        .await;
    let noted = app.tr(
        lang,
        "took-effect-saved-partial",
        &[("what", "Ibuprofen 400 mg".into())],
    );
    assert_eq!(made.last().and_then(|c| c.text()), Some(noted.as_str()));
    let stored = db!(app.store, intake(id, dose.id)).unwrap().unwrap();
    assert_eq!(stored.effect, Some(Effect::Partial));
    // A replay of the press changes nothing and says so.
    let (_, answer) = app
        .press(&user, question.message_id.unwrap(), &partly)
        .await;
    assert_eq!(answer, Some(app.t(lang, "took-effect-already")));

    // Four hours after the one tap: still going?
    let from = app.fake.calls().len();
    app.step_to(t0() + Duration::hours(4));
    let going = app.sent_after(id, from).await;
    assert!(
        going.text().unwrap().starts_with("🤕"),
        "{:?}",
        going.text()
    );
    let still = data(&going, &app.t(lang, "remind-btn-going"));
    let (made, _) = app.press(&user, going.message_id.unwrap(), &still).await;
    let text = made.last().and_then(|c| c.text()).unwrap().to_owned();
    assert!(text.contains("10:00"), "{text}");
    let ended = data(made.last().unwrap(), &app.t(lang, "btn-ended-now"));
    app.press(&user, going.message_id.unwrap(), &ended).await;
    let a = db!(app.store, attack(id, attack.id)).unwrap().unwrap();
    assert!(a.ended_at.is_some());
    // Nothing else is pending for these two.
    let rows = db!(app.store, schedule_of(id)).unwrap();
    assert!(
        rows.iter().all(|j| matches!(j.purpose, Purpose::Weekly)),
        "{rows:?}"
    );
    app.stop().await;
}

async fn quiet_hours_hold_a_reminder_a_pause_skips_them_and_a_late_one_expires(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 303;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    set_time(&app, &user, "21:00").await;
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let quiet = Prefs {
        quiet: Some((hm(20, 30), hm(7, 0))),
        ..Prefs::default()
    };
    db!(app.store, set_reminder_prefs(id, &quiet, 0)).unwrap();

    // 21:00 is inside 20:30–07:00: it waits until 07:00, and asks about the evening before.
    app.step_to(utc(10, 20, 0));
    // Held once the scheduler has looked (a busy machine may take a while to get there).
    let deadline = std::time::Instant::now() + crate::harness::PATIENCE;
    while app.scheduler.stats.held.load(Ordering::Relaxed) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the reminder was never held"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.assert_quiet(id).await;
    let from = app.fake.calls().len();
    app.step_to(utc(11, 6, 0));
    let held = app.sent_after(id, from).await;
    let tenth = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    assert_eq!(
        held.inline_buttons()[0].1,
        format!("N:df:{}", day_ref(tenth))
    );

    // Paused for two days through the reminder screen: the 11th's and 12th's are skipped.
    db!(app.store, set_reminder_prefs(id, &Prefs::default(), 0)).unwrap();
    let screen = app.say(&user, "/settings").await;
    let msg = screen.message_id.unwrap();
    app.press(&user, msg, "N:s").await;
    app.press(&user, msg, "N:sp:3").await; // from 11 Mar 07:00 local, to the 14th 07:00
    let skipped = app.scheduler.stats.skipped.load(Ordering::Relaxed);
    for d in [11, 12, 13] {
        app.step_to(utc(d, 20, 0));
        app.assert_quiet(id).await;
    }
    assert!(app.scheduler.stats.skipped.load(Ordering::Relaxed) >= skipped + 3);
    let from = app.fake.calls().len();
    app.step_to(utc(14, 20, 0));
    app.sent_after(id, from).await;

    // Down for three hours past the 15th's reminder: it is recorded as expired, not sent.
    app.clock.set(utc(15, 23, 0));
    app.step_to(utc(15, 23, 0));
    app.assert_quiet(id).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.scheduler.stats.expired.load(Ordering::Relaxed), 1);
    let counts = db!(app.store, outbox_counts()).unwrap();
    assert!(
        counts.contains(&("scheduled".into(), "expired".into(), 1)),
        "{counts:?}"
    );
    app.stop().await;
}

async fn the_scheduled_lane_waits_out_429_retries_500_and_403_stops_the_reminders(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 304;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    set_time(&app, &user, "21:00").await;

    // 429 with retry_after 1, then a 500: the reminder still arrives, once.
    app.fake
        .fail("sendMessage", Fault::TooManyRequests { retry_after: 1 }, 1);
    app.fake.fail("sendMessage", Fault::ServerError, 1);
    let started = std::time::Instant::now();
    let from = app.fake.calls().len();
    app.step_to(utc(10, 20, 0));
    app.sent_after(id, from).await;
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let delivered = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.method == "sendmessage" && c.error_code.is_none())
        .count();
    assert_eq!(delivered, 1);
    assert!(app.outbox.stats.limited.load(Ordering::Relaxed) >= 1);

    // 403: the user blocked the bot. Marked, and their reminders stop.
    app.fake.fail("sendMessage", Fault::Forbidden, 1);
    let from = app.fake.calls().len();
    app.step_to(utc(11, 20, 0));
    app.calls_after(from, 1, |c| c.error_code == Some(403))
        .await;
    let mut blocked = false;
    for _ in 0..100 {
        let u = db!(app.store, user(id)).unwrap().unwrap();
        if u.blocked_at.is_some() {
            blocked = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(blocked, "the user is marked as having blocked the bot");
    assert!(db!(app.store, schedule_of(id)).unwrap().is_empty());

    // They unblock (my_chat_member): the reminders are armed again.
    let member = serde_json::json!({
        "my_chat_member": {
            "chat": {"id": id, "type": "private", "first_name": "U"},
            "from": {"id": id, "is_bot": false, "first_name": "U", "language_code": lang.code()},
            "date": utc(11, 21, 0).timestamp(),
            "old_chat_member": {"user": {"id": 1, "is_bot": true, "first_name": "headlog"}, "status": "kicked", "until_date": 0},
            "new_chat_member": {"user": {"id": 1, "is_bot": true, "first_name": "headlog"}, "status": "member"}
        }
    });
    app.fake.push_update(member);
    let mut armed = Vec::new();
    for _ in 0..200 {
        armed = db!(app.store, schedule_of(id)).unwrap();
        if !armed.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        armed.iter().any(|j| j.purpose == Purpose::Diary),
        "{armed:?}"
    );
    app.stop().await;
}

async fn the_weekly_summary_comes_on_monday_morning_with_last_week_s_figures(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 305;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    // The zone set as /timezone sets it: the weekly summary is armed for Monday 16 March,
    // 09:00 local.
    let tx = app.store.begin().await.unwrap();
    headlog::service::settings::set_zone(&tx, id, chrono_tz::Europe::Berlin, t0())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let rows = db!(app.store, schedule_of(id)).unwrap();
    let weekly = rows.iter().find(|j| j.purpose == Purpose::Weekly).unwrap();
    assert_eq!(weekly.due_at, utc(16, 8, 0).timestamp());
    // Two attacks that week (Tue 10 and Thu 12 March), one headache-free day (Wed 11).
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let a = db!(app.store, latest_open_attack(id)).unwrap().unwrap();
    db!(
        app.store,
        end_attack(id, a.id, (t0() + Duration::hours(3)).timestamp(), 0)
    )
    .unwrap();
    app.clock.set(utc(12, 9, 0));
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    let free = db!(
        app.store,
        set_day_field(
            id,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(),
            chrono_tz::Europe::Berlin,
            &headlog::domain::day::DayField::HeadacheFree(Some(true)),
            0
        )
    );
    free.unwrap();
    let from = app.fake.calls().len();
    app.step_to(utc(16, 8, 0));
    let summary = app.sent_after(id, from).await;
    let text = summary.text().unwrap().to_owned();
    match lang {
        Lang::En => {
            assert!(text.contains("9–15 Mar"), "{text}");
            assert!(text.contains("Headache on 2 days of 7"), "{text}");
            assert!(text.contains("1 headache-free day"), "{text}");
        }
        Lang::Ru => {
            assert!(text.contains("9–15 мар"), "{text}");
            assert!(text.contains("2 дня из 7"), "{text}");
        }
    }
    // The week's picture follows it.
    let calls = app.calls_after(from, 2, |c| c.chat_id() == Some(id)).await;
    assert_eq!(calls[1].method, "sendphoto", "{calls:?}");
    assert_eq!(
        calls[1].param("caption").and_then(|c| c.as_str()),
        Some(app.t(lang, "figures-week-picture").as_str())
    );
    assert!(calls[1].files[0].bytes.starts_with(b"\x89PNG"));
    // And the next one is armed for the Monday after.
    let rows = db!(app.store, schedule_of(id)).unwrap();
    let weekly = rows.iter().find(|j| j.purpose == Purpose::Weekly).unwrap();
    assert_eq!(weekly.due_at, utc(23, 8, 0).timestamp());
    app.stop().await;
}

/// Users who had a zone or a check-in time before reminders existed are armed once, at
/// the first start after the upgrade.
async fn users_from_before_reminders_are_armed_once_at_start(b: Backend, _lang: Lang) {
    let Some(url) = crate::db::fresh(b).await else {
        return;
    };
    {
        let db = headlog::store::Db::open(&url).await.unwrap();
        let at = t0().timestamp();
        db!(db, touch_user(306, Some("en"), at)).unwrap();
        db!(db, set_user_zone(306, chrono_tz::Europe::Berlin, at)).unwrap();
        db!(
            db,
            set_user_checkin_time(306, NaiveTime::from_hms_opt(21, 0, 0), at)
        )
        .unwrap();
        db!(db, touch_user(307, Some("ru"), at)).unwrap(); // never onboarded: nothing to arm
        assert!(db!(db, schedule_of(306)).unwrap().is_empty());
    }
    let app = TestApp::spawn_at(&url).await.unwrap();
    let mut rows = Vec::new();
    for _ in 0..200 {
        rows = db!(app.store, schedule_of(306)).unwrap();
        let done = db!(app.store, kv_get("reminders.armed")).unwrap().is_some();
        if rows.len() == 2 && done {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let purposes: Vec<Purpose> = rows.iter().map(|j| j.purpose).collect();
    assert_eq!(purposes, [Purpose::Diary, Purpose::Weekly]);
    assert_eq!(rows[0].due_at, utc(10, 20, 0).timestamp());
    assert!(db!(app.store, schedule_of(307)).unwrap().is_empty());
    let again = headlog::service::reminders::arm_existing(&app.store, t0()).await;
    assert_eq!(again.unwrap(), 0, "armed once per database");
    app.stop().await;
}

/// "Repeat until answered": an unanswered diary reminder comes again an hour later, at most
/// three times that day; the next day starts afresh, and an answer stops the repeats.
async fn an_unanswered_reminder_repeats_hourly_at_most_three_times(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 308;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    set_time(&app, &user, "19:00").await;
    let screen = app.say(&user, "/settings").await;
    let msg = screen.message_id.unwrap();
    app.press(&user, msg, "N:s").await;
    app.press(&user, msg, "N:sr:1").await;
    assert!(db!(app.store, reminder_prefs(id)).unwrap().diary_repeat);

    // 19:00, 20:00 and 21:00 Berlin; not 22:00.
    for h in [18, 19, 20] {
        let from = app.fake.calls().len();
        app.step_to(utc(10, h, 0));
        let r = app.sent_after(id, from).await;
        assert!(r.text().unwrap().starts_with("🌙"), "{:?}", r.text());
    }
    app.step_to(utc(10, 21, 0));
    app.assert_quiet(id).await;
    // The next day: the first one, answered; no repeat after it.
    let from = app.fake.calls().len();
    app.step_to(utc(11, 18, 0));
    let r = app.sent_after(id, from).await;
    let free = r.inline_buttons()[0].1.clone();
    app.press(&user, r.message_id.unwrap(), &free).await;
    app.step_to(utc(11, 19, 0));
    app.assert_quiet(id).await;
    let rows = db!(app.store, schedule_of(id)).unwrap();
    let diary = rows.iter().find(|j| j.purpose == Purpose::Diary).unwrap();
    assert_eq!((diary.due_at, diary.round), (utc(12, 18, 0).timestamp(), 0));
    app.stop().await;
}

/// A check-in left unfinished is nudged once, two hours after it began; "continue" resumes
/// it where it stopped. A finished one gets no nudge.
async fn an_unfinished_check_in_is_nudged_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let id = 309;
    let user = app.user(id, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    app.say(&user, "/checkin").await;
    let rows = db!(app.store, schedule_of(id)).unwrap();
    let nudge = rows.iter().find(|j| j.purpose == Purpose::Nudge).unwrap();
    assert_eq!(nudge.due_at, (t0() + Duration::hours(2)).timestamp());
    let from = app.fake.calls().len();
    app.step_to(t0() + Duration::hours(2));
    let sent = app.sent_after(id, from).await;
    assert_eq!(sent.text(), Some(app.t(lang, "remind-nudge").as_str()));
    let resume = data(&sent, &app.t(lang, "remind-btn-resume"));
    let (made, _) = app.press(&user, sent.message_id.unwrap(), &resume).await;
    let resumed = app.t(lang, "checkin-resumed");
    assert!(
        made.iter()
            .any(|c| c.text().is_some_and(|t| t.contains(&resumed))),
        "{:?}",
        made.iter().map(|c| c.text()).collect::<Vec<_>>()
    );
    // Once only: nothing more later.
    assert!(
        db!(app.store, schedule_of(id))
            .unwrap()
            .iter()
            .all(|j| j.purpose != Purpose::Nudge)
    );
    app.step_to(t0() + Duration::hours(5));
    app.assert_quiet(id).await;
    app.stop().await;
}

/// 30 weekly summaries due at once, each with its picture: the scheduler commits every
/// 200 ms of drawing and takes the rest in the next batch (other writers are not held up
/// for seconds), and every user gets exactly one summary and one picture.
async fn many_weekly_pictures_are_drawn_in_short_batches_and_each_sent_once(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let users: Vec<i64> = (400..430).collect();
    for &id in &users {
        db!(
            app.store,
            touch_user(id, Some(lang.code()), t0().timestamp())
        )
        .unwrap();
        let tx = app.store.begin().await.unwrap();
        headlog::service::settings::set_zone(&tx, id, chrono_tz::Europe::Berlin, t0())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let start = utc(11, 9, 0);
        let mut a =
            headlog::domain::attack::Attack::new(id, start, chrono_tz::Europe::Berlin, start);
        a.ended_at = Some(start + Duration::hours(3));
        a.intensity = Some(6);
        db!(app.store, insert_attack(&a, None)).unwrap();
    }
    let from = app.fake.calls().len();
    app.step_to(utc(16, 8, 0));
    let calls = crate::harness::wait_calls(
        &app.fake,
        from,
        2 * users.len(),
        std::time::Duration::from_secs(40),
        |c| c.chat_id().is_some_and(|id| (400..430).contains(&id)) && !c.fault,
    )
    .await;
    for &id in &users {
        let methods: Vec<&str> = calls
            .iter()
            .filter(|c| c.chat_id() == Some(id))
            .map(|c| c.method.as_str())
            .collect();
        assert_eq!(methods, vec!["sendmessage", "sendphoto"], "user {id}");
    }
    assert_eq!(
        app.scheduler.stats.queued.load(Ordering::Relaxed),
        users.len() as u64
    );
    // Nothing more comes.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let more = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.chat_id().is_some_and(|id| (400..430).contains(&id)) && !c.fault)
        .count();
    assert_eq!(more, 2 * users.len());
    app.stop().await;
}
