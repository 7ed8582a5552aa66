//! /forget: a confirmation tied to one request, then everything of the user is gone.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use headlog::domain::lang::Lang;

e2e!(
    forget_erases_everything_only_after_its_own_confirmation,
    after_forget_the_menu_is_the_default_one,
);

async fn forget_erases_everything_only_after_its_own_confirmation(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(40, lang);
    let bystander = app.user(41, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    app.say(&bystander, &app.t(lang, "btn-headache-now")).await;
    // Habits too: a mark, a reminder on the schedule; the bystander keeps theirs.
    use headlog::domain::habits::{Frequency, Kind, Mark};
    let habit = crate::habits::add(&app, 40, "Walk", Kind::YesNo, Frequency::DAILY).await;
    let kept = crate::habits::add(&app, 41, "Read", Kind::YesNo, Frequency::DAILY).await;
    let day = crate::harness::t0().date_naive();
    db!(
        app.store,
        set_habit_mark(habit.id, day, Some(Mark::Done), 0)
    )
    .unwrap();
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap();
    db!(app.store, insert_habit_reminder(40, habit.id, noon, 127)).unwrap();

    let first = app.say(&user, "/forget").await;
    assert_eq!(first.text(), Some(app.t(lang, "forget-confirm").as_str()));
    let buttons = first.inline_buttons();
    assert_eq!(buttons[0].0, app.t(lang, "btn-forget-yes"));
    assert_eq!(buttons[1], (app.t(lang, "btn-forget-no"), "k".into()));
    let (made, _) = app.press(&user, first.message_id.unwrap(), "k").await;
    assert_eq!(made[0].text(), Some(app.t(lang, "forget-kept").as_str()));
    assert_eq!(db!(app.store, count_attacks(40)).unwrap(), 1);

    // The first confirmation's button no longer confirms anything, nor does a forged one.
    let (_, answer) = app
        .press(&user, first.message_id.unwrap(), &buttons[0].1)
        .await;
    assert_eq!(answer, Some(app.t(lang, "forget-expired")));
    let second = app.say(&user, "/forget").await;
    let (_, answer) = app
        .press(&user, second.message_id.unwrap(), "f:123456789")
        .await;
    assert_eq!(answer, Some(app.t(lang, "forget-expired")));
    assert_eq!(db!(app.store, count_attacks(40)).unwrap(), 1);

    let third = app.say(&user, "/forget").await;
    let yes = third.inline_buttons()[0].1.clone();
    let (made, answer) = app.press(&user, third.message_id.unwrap(), &yes).await;
    assert_eq!(answer, None);
    assert_eq!(made[0].text(), Some(app.t(lang, "forget-done").as_str()));
    assert_eq!(db!(app.store, count_attacks(40)).unwrap(), 0);
    assert!(db!(app.store, all_habits(40)).unwrap().is_empty());
    assert!(
        db!(app.store, habit_entries(habit.id, day, day))
            .unwrap()
            .is_empty()
    );
    assert!(db!(app.store, user_habit_reminders(40)).unwrap().is_empty());
    assert_eq!(db!(app.store, all_habits(41)).unwrap(), vec![kept]);
    assert!(db!(app.store, dialogue(40)).unwrap().is_none());
    assert!(
        db!(app.store, inbox_pending(100))
            .unwrap()
            .iter()
            .all(|r| r.chat_id != Some(40))
    );
    assert_eq!(
        db!(app.store, count_attacks(41)).unwrap(),
        1,
        "others keep theirs"
    );
    // A double tap on the confirmation finds nothing to confirm.
    let (_, answer) = app.press(&user, third.message_id.unwrap(), &yes).await;
    assert_eq!(answer, Some(app.t(lang, "forget-expired")));
    assert_eq!(
        db!(app.store, user(40)).unwrap().unwrap().zone,
        None,
        "settings were erased too"
    );
    app.stop().await;
}

/// Period tracking put "🩸 Period started" on the menu; once everything is erased, the
/// setting is gone and so is the button: the bot sends the default menu.
async fn after_forget_the_menu_is_the_default_one(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(42, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    let settings = app.say(&user, "/settings").await;
    let on = app.t(lang, "settings-btn-period-on");
    let (made, _) = app
        .press_label(&user, settings.message_id.unwrap(), &on)
        .await;
    let period = app.t(lang, "btn-period");
    assert!(made[1].reply_keyboard().contains(&period), "{made:?}");

    let ask = app.say(&user, "/forget").await;
    let yes = ask.inline_buttons()[0].1.clone();
    let (made, answer) = app.press(&user, ask.message_id.unwrap(), &yes).await;
    assert_eq!(answer, None);
    assert_eq!(made.len(), 2, "{made:?}");
    assert_eq!(made[0].text(), Some(app.t(lang, "forget-done").as_str()));
    assert_eq!(made[1].text(), Some(app.t(lang, "menu-shown").as_str()));
    let expected: Vec<String> = crate::harness::main_menu(lang);
    assert_eq!(made[1].reply_keyboard(), expected);
    assert!(
        !db!(app.store, user(42))
            .unwrap()
            .is_some_and(|u| u.track_menstruation)
    );
    // The period button, if tapped from an old keyboard, says tracking is off.
    let tap = app.say(&user, &period).await;
    assert_eq!(tap.text(), Some(app.t(lang, "period-mark-off").as_str()));
    assert_eq!(tap.reply_keyboard(), expected);
    app.stop().await;
}
