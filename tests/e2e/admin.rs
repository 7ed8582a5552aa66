//! The admin page and broadcasts over real HTTP against the running bot: the one-time
//! link, sessions, CSRF and cross-site refusals, the security headers, block / unblock /
//! erase with what the bot then does, the action log, and a broadcast to 10,000 users
//! drained through the scheduled lane at its configured rate.

use crate::db::Backend;
use crate::harness::{TestApp, on_both_stores};
use fakebot::TgUser;
use headlog::domain::lang::Lang;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::time::{Duration, Instant};

on_both_stores!(
    the_admin_page_takes_a_one_time_link_and_refuses_everything_else,
    block_unblock_and_erase_act_on_the_bot_and_are_logged,
    a_broadcast_reaches_ten_thousand_users_once_at_the_configured_rate,
);

pub const ADMIN: i64 = 900;
pub const PUBLIC: &str = "https://admin.example/";

/// Settings the admin tests run with.
pub fn settings(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut s = vec![
        ("HEADLOG_ADMIN_IDS", "900, 905"),
        ("HEADLOG_PUBLIC_URL", PUBLIC),
    ];
    s.extend_from_slice(extra);
    s
}

/// A client that follows no redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The admin sends /admin; the token of the link the bot answers with.
pub async fn link_token(app: &TestApp, admin: &TgUser) -> String {
    let reply = app.say(admin, "/admin").await;
    assert_eq!(
        reply.param("link_preview_options"),
        Some(&serde_json::json!({"is_disabled": true})),
        "a one-time link is never previewed (a preview's fetch would use it up)"
    );
    let text = reply.text().unwrap().to_owned();
    let at = text
        .find("https://admin.example/admin/login/")
        .expect("the link");
    let token: String = text[at + "https://admin.example/admin/login/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_eq!(token.len(), 43, "{text}");
    token
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// The stable key of a refusal page.
    pub fn error_key(&self) -> Option<String> {
        self.headers
            .get("x-admin-error")
            .map(|v| v.to_str().unwrap().to_owned())
    }

    /// The CSRF token in the page's forms.
    pub fn csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").expect("a form");
        let rest = &self.body[at + "name=\"csrf\" value=\"".len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    }
}

async fn page(r: reqwest::Response) -> Page {
    Page {
        status: r.status(),
        headers: r.headers().clone(),
        body: r.text().await.unwrap(),
    }
}

pub async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> Page {
    let mut r = client().get(format!("http://{}{path}", app.http));
    if let Some(c) = cookie {
        r = r.header("cookie", format!("hl_admin={c}"));
    }
    page(r.send().await.unwrap()).await
}

/// A POST as the admin page's own form sends it (same origin), plus `extra` headers.
pub async fn post(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
    extra: &[(&str, &str)],
) -> Page {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut r = client()
        .post(format!("http://{}{path}", app.http))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", format!("http://{}", app.http))
        .header("sec-fetch-site", "same-origin")
        .body(body);
    if let Some(c) = cookie {
        r = r.header("cookie", format!("hl_admin={c}"));
    }
    for (k, v) in extra {
        r = r.header(*k, *v);
    }
    page(r.send().await.unwrap()).await
}

/// Signs in by link; the session cookie's value.
pub async fn sign_in(app: &TestApp, admin: &TgUser) -> String {
    let token = link_token(app, admin).await;
    let p = get(app, &format!("/admin/login/{token}"), None).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let cookie = p.headers["set-cookie"].to_str().unwrap().to_owned();
    let value = cookie
        .strip_prefix("hl_admin=")
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    assert_eq!(value.len(), 43);
    value
}

fn assert_secure_headers(p: &Page) {
    let h = |name: &str| {
        p.headers
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    let csp = h("content-security-policy");
    for part in [
        "default-src 'none'",
        "style-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert_eq!(h("x-frame-options"), "DENY");
    assert_eq!(h("x-content-type-options"), "nosniff");
    assert_eq!(h("referrer-policy"), "no-referrer");
    assert_eq!(h("cache-control"), "no-store");
}

async fn the_admin_page_takes_a_one_time_link_and_refuses_everything_else(b: Backend) {
    let Some(app) = TestApp::spawn_with(b, &settings(&[])).await else {
        return;
    };
    let admin = app.user(ADMIN, Lang::En);

    // Not an admin: /admin is an unknown command, in either language.
    for lang in Lang::ALL {
        let stranger = app.user(950 + lang as i64, lang);
        let reply = app.say(&stranger, "/admin").await;
        assert_eq!(
            reply.text(),
            Some(app.t(lang, "error-unknown-command").as_str())
        );
    }
    // An admin speaking Russian gets the Russian text.
    let ru_admin = app.user(905, Lang::Ru);
    let reply = app.say(&ru_admin, "/admin").await;
    assert!(
        reply.text().unwrap().starts_with("Ваша ссылка для входа"),
        "{:?}",
        reply.text()
    );

    // No session: refused, nothing shown, headers on the refusal too.
    let p = get(&app, "/admin", None).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert_eq!(p.error_key().as_deref(), Some("no_session"));
    assert!(!p.body.contains("id=\"users\""));
    assert_secure_headers(&p);
    for path in ["/admin/broadcasts/1", "/admin/users/950/block"] {
        let p = get(&app, path, None).await;
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "{path}");
    }

    // The link works once.
    let token = link_token(&app, &admin).await;
    let first = get(&app, &format!("/admin/login/{token}"), None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_secure_headers(&first);
    let set = first.headers["set-cookie"].to_str().unwrap().to_owned();
    for part in [
        "hl_admin=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/admin",
        "Secure",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(
        first.body.contains("url=/admin"),
        "moves on to the dashboard"
    );
    let cookie = set
        .strip_prefix("hl_admin=")
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    let again = get(&app, &format!("/admin/login/{token}"), None).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.error_key().as_deref(), Some("login_invalid"));
    assert!(!again.headers.contains_key("set-cookie"));
    for bad in ["nonsense", &"A".repeat(43)] {
        let p = get(&app, &format!("/admin/login/{bad}"), None).await;
        assert_eq!(p.error_key().as_deref(), Some("login_invalid"));
    }

    // The session opens the dashboard: figures, no names or diary content.
    let dash = get(&app, "/admin", Some(&cookie)).await;
    assert_eq!(dash.status, StatusCode::OK, "{}", dash.body);
    assert_secure_headers(&dash);
    assert!(dash.body.contains("id=\"figures\""));
    assert!(dash.body.contains("data-user=\"950\""));
    assert!(!dash.body.contains("first_name"));
    let css = get(&app, "/admin/style.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_secure_headers(&css);

    // A forged session is refused.
    let forged = get(&app, "/admin", Some(&"B".repeat(43))).await;
    assert_eq!(forged.error_key().as_deref(), Some("no_session"));
    let forged = get(&app, "/admin", Some(&cookie[..42])).await;
    assert_eq!(forged.error_key().as_deref(), Some("no_session"));

    // An expired link is refused.
    let late = link_token(&app, &admin).await;
    app.step_to(app.clock_now() + chrono::Duration::minutes(11));
    let p = get(&app, &format!("/admin/login/{late}"), None).await;
    assert_eq!(p.error_key().as_deref(), Some("login_invalid"));

    // CSRF: a POST without the token, or with another, is refused; so is a cross-site one
    // even with the right token.
    let csrf = get(&app, "/admin", Some(&cookie)).await.csrf();
    let path = "/admin/users/950/block";
    let p = post(&app, path, Some(&cookie), &[], &[]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(p.error_key().as_deref(), Some("csrf"));
    let p = post(&app, path, Some(&cookie), &[("csrf", &"x".repeat(43))], &[]).await;
    assert_eq!(p.error_key().as_deref(), Some("csrf"));
    let p = post(
        &app,
        path,
        Some(&cookie),
        &[("csrf", &csrf)],
        &[("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(p.error_key().as_deref(), Some("cross_site"));
    let p = post(
        &app,
        path,
        Some(&cookie),
        &[("csrf", &csrf)],
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(p.error_key().as_deref(), Some("cross_site"));
    let p = post(&app, path, None, &[("csrf", &csrf)], &[]).await;
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(!db!(app.store, user_suspended(950)).unwrap());
    // The same request from the page itself goes through.
    let p = post(&app, path, Some(&cookie), &[("csrf", &csrf)], &[]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert!(db!(app.store, user_suspended(950)).unwrap());

    // The session ends after 8 idle hours.
    app.step_to(app.clock_now() + chrono::Duration::hours(8) + chrono::Duration::seconds(1));
    let p = get(&app, "/admin", Some(&cookie)).await;
    assert_eq!(p.error_key().as_deref(), Some("no_session"));
    app.stop().await;
}

async fn block_unblock_and_erase_act_on_the_bot_and_are_logged(b: Backend) {
    let Some(app) = TestApp::spawn_with(b, &settings(&[])).await else {
        return;
    };
    let admin = app.user(ADMIN, Lang::En);
    let lang = Lang::Ru;
    let user = app.user(960, lang);
    app.onboard(&user, chrono_tz::Europe::Moscow).await;
    app.say(&user, &app.t(lang, "btn-headache-now")).await;
    assert_eq!(db!(app.store, count_attacks(960)).unwrap(), 1);
    let cookie = sign_in(&app, &admin).await;

    // A confirmation page first; then the form does it.
    let confirm = get(&app, "/admin/users/960/block", Some(&cookie)).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("action=\"/admin/users/960/block\""));
    let p = post(
        &app,
        "/admin/users/960/block",
        Some(&cookie),
        &[("csrf", &confirm.csrf())],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);

    // Suspended: every update gets the notice and nothing else happens.
    let suspended = app.t(lang, "admin-suspended");
    let r = app.say(&user, &app.t(lang, "btn-headache-now")).await;
    assert_eq!(r.text(), Some(suspended.as_str()));
    let r = app.say(&user, "/history").await;
    assert_eq!(r.text(), Some(suspended.as_str()));
    let (_, answer) = app.press(&user, 1, "x").await;
    assert_eq!(answer.as_deref(), Some(suspended.as_str()));
    assert_eq!(db!(app.store, count_attacks(960)).unwrap(), 1);
    let dash = get(&app, "/admin", Some(&cookie)).await;
    assert!(dash.body.contains("data-figure=\"suspended\">1<"));

    // Unblocked: the bot works again.
    let csrf = dash.csrf();
    let p = post(
        &app,
        "/admin/users/960/unblock",
        Some(&cookie),
        &[("csrf", &csrf)],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    let r = app.say(&user, "/help").await;
    assert_ne!(r.text(), Some(suspended.as_str()));
    assert_eq!(r.text(), Some(app.t(lang, "help").as_str()));

    // Erased: as /forget, everything goes.
    let p = post(
        &app,
        "/admin/users/960/erase",
        Some(&cookie),
        &[("csrf", &csrf)],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(db!(app.store, count_attacks(960)).unwrap(), 0);
    assert_eq!(db!(app.store, user(960)).unwrap(), None);
    let p = post(
        &app,
        "/admin/users/960/block",
        Some(&cookie),
        &[("csrf", &csrf)],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::NOT_FOUND, "no such user any more");

    // The log: who, what, when, never content.
    let log = db!(app.store, admin_actions(50)).unwrap();
    let got: Vec<(i64, &str, Option<i64>)> = log
        .iter()
        .rev()
        .map(|a| (a.admin_id, a.action.as_str(), a.target_user))
        .collect();
    assert_eq!(
        got,
        vec![
            (ADMIN, "login_link", None),
            (ADMIN, "block", Some(960)),
            (ADMIN, "unblock", Some(960)),
            (ADMIN, "erase", Some(960)),
        ]
    );
    let dash = get(&app, "/admin", Some(&cookie)).await;
    assert!(dash.body.contains("id=\"actions\""));
    assert!(
        dash.body.contains("<td>erase</td><td>960</td>"),
        "{}",
        dash.body
    );
    app.stop().await;
}

/// Users the broadcast test makes: ids from `FIRST`.
const USERS: i64 = 10_000;
const FIRST: i64 = 1_000_000;

/// Makes `USERS` users directly in the store, in a few statements.
async fn many_users(app: &TestApp) {
    use headlog::store::exec::{placeholders, query};
    let tx = app.store.begin().await.unwrap();
    let ids: Vec<i64> = (FIRST..FIRST + USERS).collect();
    for chunk in ids.chunks(500) {
        let mut q = query(format!(
            "insert into app_user (id, tg_lang, created_at, updated_at) values {}",
            placeholders(chunk.len(), 4)
        ));
        for id in chunk {
            let lang = if id % 2 == 0 { "en" } else { "ru" };
            q = q
                .bind(*id)
                .bind(lang)
                .bind(1_773_133_200i64)
                .bind(1_773_133_200i64);
        }
        q.execute(&tx).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn a_broadcast_reaches_ten_thousand_users_once_at_the_configured_rate(b: Backend) {
    let rate = 1000;
    let Some(app) =
        TestApp::spawn_with(b, &settings(&[("HEADLOG_SCHEDULED_PER_SECOND", "1000")])).await
    else {
        return;
    };
    let admin = app.user(ADMIN, Lang::En);
    let cookie = sign_in(&app, &admin).await;
    let made = Instant::now();
    many_users(&app).await;
    eprintln!("{USERS} users made in {:?}", made.elapsed());
    // 1 in 50 has blocked the bot (Telegram answers 403); one is known to have blocked it
    // already (not sent to, counted blocked); one is suspended by an admin (skipped).
    let blocked: Vec<i64> = (FIRST..FIRST + USERS).filter(|id| id % 50 == 7).collect();
    for id in &blocked {
        app.fake.block_chat(*id);
    }
    let known_blocked = FIRST + 1;
    let suspended = FIRST + 2;
    db!(app.store, set_user_blocked(known_blocked, Some(1), 1)).unwrap();
    db!(app.store, set_user_suspended(suspended, true, ADMIN, 1)).unwrap();

    let csrf = get(&app, "/admin", Some(&cookie)).await.csrf();
    let text = "headlog will be down for maintenance on Sunday 10:00-10:15 UTC.";
    let p = post(
        &app,
        "/admin/broadcasts",
        Some(&cookie),
        &[("csrf", &csrf), ("text", text), ("lang", ""), ("at", "")],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let to = p.headers["location"].to_str().unwrap().to_owned();
    let id: i64 = to.rsplit('/').next().unwrap().parse().unwrap();
    // A draft sends nothing.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        db!(app.store, broadcast(id)).unwrap().unwrap().recipients,
        0
    );
    let draft = get(&app, &to, Some(&cookie)).await;
    assert!(draft.body.contains("id=\"send-now\""));

    app.fake.reset_rate_stats();
    let from = app.fake.calls().len();
    let started = Instant::now();
    let p = post(
        &app,
        &format!("{to}/send"),
        Some(&cookie),
        &[("csrf", &csrf), ("when", "now")],
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);

    // Everyone but the suspended and the known-blocked user, the admin included.
    let recipients = USERS + 1 - 2;
    let deadline = Instant::now() + Duration::from_secs(90);
    let done = loop {
        let x = db!(app.store, broadcast(id)).unwrap().unwrap();
        if x.status == "queued" && x.pending == 0 && x.sent + x.failed + x.blocked >= recipients {
            break x;
        }
        assert!(Instant::now() < deadline, "not drained in time: {x:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let elapsed = started.elapsed();
    let stats = app.fake.rate_stats();
    let mean = stats.mean_rate().unwrap();
    eprintln!(
        "broadcast ({}) to {recipients} users: {elapsed:?}, {:.0}/s mean, at most {} in one second",
        app.store.backend(),
        mean,
        stats.max_in_window
    );
    assert_eq!(done.recipients, recipients);
    assert_eq!(done.skipped, 1);
    assert_eq!(done.blocked, blocked.len() as i64 + 1);
    assert_eq!(done.sent, recipients - blocked.len() as i64);
    assert_eq!(done.failed, 0);
    // At about the configured rate: never more than it in any second, and not far below.
    assert!(
        stats.max_in_window <= rate + rate / 10,
        "{}",
        stats.max_in_window
    );
    assert!(mean > f64::from(rate) * 0.4, "{mean:.0}/s");
    assert!(
        elapsed >= Duration::from_secs_f64(recipients as f64 / f64::from(rate) * 0.8),
        "{elapsed:?}"
    );

    // Nothing twice: each chat got the text at most once (blocked ones: one refused try).
    let calls: Vec<_> = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.method == "sendmessage" && c.text() == Some(text))
        .collect();
    let mut per_chat = std::collections::HashMap::<i64, u32>::new();
    for c in &calls {
        *per_chat.entry(c.chat_id().unwrap()).or_default() += 1;
    }
    assert_eq!(per_chat.len() as i64, recipients);
    assert!(per_chat.values().all(|n| *n == 1));
    assert!(!per_chat.contains_key(&suspended) && !per_chat.contains_key(&known_blocked));
    let refused = calls.iter().filter(|c| c.error_code == Some(403)).count();
    assert_eq!(refused, blocked.len());

    // The page shows the counters.
    let page = get(&app, &to, Some(&cookie)).await;
    assert!(
        page.body
            .contains(&format!("data-counter=\"sent\">{}<", done.sent))
    );
    assert!(
        page.body
            .contains(&format!("data-counter=\"blocked\">{}<", done.blocked))
    );

    // Enqueued again from the start (as a replica that crashed mid-way would): the dedup
    // keys keep every row from being queued a second time.
    {
        use headlog::store::exec::query;
        let tx = app.store.begin().await.unwrap();
        query("update broadcast set status = 'sending', cursor = 0 where id = $1")
            .bind(id)
            .execute(&tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let x = db!(app.store, broadcast(id)).unwrap().unwrap();
        if x.status == "queued" {
            break;
        }
        assert!(Instant::now() < deadline, "{x:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let again = app
        .fake
        .calls()
        .into_iter()
        .skip(from)
        .filter(|c| c.method == "sendmessage" && c.text() == Some(text))
        .count();
    assert_eq!(again, calls.len(), "nothing sent twice");

    // The hourly purge folds the outcomes into the broadcast before it deletes the rows.
    let tx = app.store.begin().await.unwrap();
    tx.broadcast_fold_finished(i64::MAX / 2).await.unwrap();
    tx.outbox_purge(i64::MAX / 2).await.unwrap();
    tx.commit().await.unwrap();
    let kept = db!(app.store, broadcast(id)).unwrap().unwrap();
    assert_eq!(
        (kept.recipients, kept.sent, kept.failed, kept.pending),
        (done.recipients, done.sent, 0, 0)
    );
    assert!(kept.blocked >= done.blocked);

    app.stop().await;
}
