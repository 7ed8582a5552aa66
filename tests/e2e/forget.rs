//! /forget: a confirmation tied to one request, then everything of the user is gone.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use headlog::domain::lang::Lang;

e2e!(forget_erases_everything_only_after_its_own_confirmation);

async fn forget_erases_everything_only_after_its_own_confirmation(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(40, lang);
    let bystander = app.user(41, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    app.say(&bystander, &app.t(lang, "btn-headache-now")).await;

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
