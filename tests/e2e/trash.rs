//! /trash: deleted records of the last 30 days, restorable; older ones are not.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use chrono::Duration;
use headlog::domain::attack::Attack;
use headlog::domain::lang::Lang;
use headlog::i18n::Arg;

e2e!(the_trash_lists_recent_deletions_and_restores_them);

async fn the_trash_lists_recent_deletions_and_restores_them(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(60, lang);
    app.onboard(&user, chrono_tz::UTC).await;
    assert_eq!(
        app.say(&user, "/trash").await.text(),
        Some(app.t(lang, "trash-empty").as_str())
    );

    let start = t0() - Duration::hours(5);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let mut a = Attack::new(60, start, chrono_tz::UTC, start);
        a.ended_at = Some(start + Duration::hours(2));
        ids.push(db!(app.store, insert_attack(&a, None)).unwrap().id);
    }
    let now = t0().timestamp();
    db!(
        app.store,
        set_attack_deleted(60, ids[0], Some(now - 31 * 86_400), now)
    )
    .unwrap();
    db!(
        app.store,
        set_attack_deleted(60, ids[1], Some(now - 3600), now)
    )
    .unwrap();

    let list = app.say(&user, "/trash").await;
    let header = app.tr(lang, "trash-header", &[("count", Arg::Num(1))]);
    let today = |t: &str| app.tr(lang, "time-today", &[("time", t.into())]);
    let line = app.tr(
        lang,
        "trash-line",
        &[
            ("start", today("04:00").into()),
            (
                "duration",
                app.tr(
                    lang,
                    "duration-hours",
                    &[("h", 2i64.into()), ("m", 0i64.into())],
                )
                .into(),
            ),
            ("deleted", today("08:00").into()),
        ],
    );
    assert_eq!(list.text(), Some(format!("{header}\n1. {line}").as_str()));
    let restore = (
        app.tr(lang, "trash-restore", &[("n", Arg::Num(1))]),
        format!("T:r:{}:0", ids[1]),
    );
    assert_eq!(list.inline_buttons(), vec![restore.clone()]);

    // An expired deletion, another user's record and garbage restore nothing.
    let msg = list.message_id.unwrap();
    for (data, key) in [
        (format!("T:r:{}:0", ids[0]), "attack-gone"),
        (format!("T:r:{}:0", ids[2]), "attack-gone"),
        ("T:zz".to_owned(), "error-stale-button"),
    ] {
        let (made, answer) = app.press(&user, msg, &data).await;
        assert_eq!(answer, Some(app.t(lang, key)), "{data}");
        assert!(made.is_empty());
    }
    let intruder = app.user(61, lang);
    let (_, answer) = app.press(&intruder, msg, &restore.1).await;
    assert_eq!(answer, Some(app.t(lang, "attack-gone")));
    assert_eq!(db!(app.store, count_attacks(60)).unwrap(), 1);

    let (made, answer) = app.press(&user, msg, &restore.1).await;
    assert_eq!(
        answer,
        Some(app.tr(lang, "record-restored", &[("start", today("04:00").into())]))
    );
    assert_eq!(made[0].text(), Some(app.t(lang, "trash-empty").as_str()));
    assert_eq!(db!(app.store, count_attacks(60)).unwrap(), 2);
    // A double tap finds it restored already: nothing changes.
    let (_, answer) = app.press(&user, msg, &restore.1).await;
    assert_eq!(answer, Some(app.t(lang, "attack-gone")));
    assert_eq!(db!(app.store, count_attacks(60)).unwrap(), 2);
    app.stop().await;
}
