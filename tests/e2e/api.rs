//! The HTTP API: a token made in the bot (/token) or a Mini App's signed initData opens
//! it; missing, wrong, revoked and stale credentials get 401 with a stable key. A sweep
//! over every route of the OpenAPI document with one user's token and another user's ids
//! finds nothing of the other's. Malformed and oversized requests get their error keys;
//! an Idempotency-Key records one attack however often it is sent.

use crate::harness::{TestApp, e2e};
use crate::report::february;
use fakebot::{Call, TgUser};
use headlog::domain::attack::AttackField;
use headlog::domain::lang::Lang;
use serde_json::Value;

e2e!(
    api_requests_need_a_live_token_or_fresh_init_data,
    every_route_finds_nothing_of_another_user,
    malformed_and_oversized_requests_get_their_error_keys,
);

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: Option<String>,
) -> (u16, String) {
    let client = reqwest::Client::new();
    let url = format!("http://{}{path}", app.http);
    let mut r = match method {
        "post" => client.post(url),
        _ => client.get(url),
    };
    if let Some(a) = auth {
        r = r.header("authorization", a);
    }
    if let Some(b) = body {
        r = r.header("content-type", "application/json").body(b);
    }
    let resp = r.send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

fn key(body: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    v["error"]["key"].as_str().unwrap_or("").to_owned()
}

/// Makes a token through /token; its value.
async fn token(app: &TestApp, user: &TgUser, lang: Lang) -> String {
    let screen = app.say(user, "/token").await;
    let (made, _) = app
        .press_label(
            user,
            screen.message_id.unwrap(),
            &app.t(lang, "btn-token-new"),
        )
        .await;
    let shown: Vec<&Call> = made.iter().filter(|c| c.method == "sendmessage").collect();
    let text = shown[0].text().unwrap();
    let at = text.find("hl_").expect("a token in the message");
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

fn init_data(user: i64, token: &str, auth_date: i64) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::Sha256;
    let user_json = format!("{{\"id\":{user},\"first_name\":\"A\"}}");
    let mut fields = vec![("auth_date", auth_date.to_string()), ("user", user_json)];
    fields.sort();
    let check = fields
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut key = <Hmac<Sha256> as KeyInit>::new_from_slice(b"WebAppData").unwrap();
    key.update(token.as_bytes());
    let secret = key.finalize().into_bytes();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).unwrap();
    mac.update(check.as_bytes());
    let hash: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in &fields {
        out.append_pair(k, v);
    }
    out.append_pair("hash", &hash);
    out.finish()
}

async fn api_requests_need_a_live_token_or_fresh_init_data(b: crate::db::Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(330, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let t = token(&app, &user, lang).await;
    assert_eq!(t.len(), 46, "hl_ and 256 bits: {t}");
    let bearer = format!("Bearer {t}");
    let (status, body) = call(&app, "get", "/api/v1/me", Some(&bearer), None).await;
    assert_eq!(status, 200, "{body}");
    let me: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (me["id"].as_i64(), me["zone"].as_str()),
        (Some(330), Some("Europe/Berlin"))
    );

    let wrong = format!("Bearer hl_{}", "A".repeat(43));
    for auth in [
        None,
        Some("Bearer nope"),
        Some(wrong.as_str()),
        Some("Basic abc"),
        Some(t.as_str()),
    ] {
        let (status, body) = call(&app, "get", "/api/v1/me", auth, None).await;
        assert_eq!(
            (status, key(&body).as_str()),
            (401, "unauthorized"),
            "{auth:?}"
        );
    }

    // A Mini App's initData, signed with the bot's token, fresh.
    let now = app.clock_now().timestamp();
    let tma = format!("tma {}", init_data(330, app.fake.token(), now - 60));
    let (status, body) = call(&app, "get", "/api/v1/me", Some(&tma), None).await;
    assert_eq!(status, 200, "{body}");
    let stale = format!("tma {}", init_data(330, app.fake.token(), now - 2 * 86_400));
    let (status, body) = call(&app, "get", "/api/v1/me", Some(&stale), None).await;
    assert_eq!((status, key(&body).as_str()), (401, "init_data_expired"));
    let forged = format!("tma {}", init_data(330, "654321:another-bot", now));
    let (status, body) = call(&app, "get", "/api/v1/me", Some(&forged), None).await;
    assert_eq!((status, key(&body).as_str()), (401, "unauthorized"));
    // Signed for someone who never started the bot: nothing to show.
    let stranger = format!("tma {}", init_data(999_999, app.fake.token(), now));
    let (status, _) = call(&app, "get", "/api/v1/me", Some(&stranger), None).await;
    assert_eq!(status, 401);

    // Revoked in the bot: it stops at once.
    let screen = app.say(&user, "/token").await;
    let revoke = app.tr(
        lang,
        "btn-token-revoke",
        &[("n", headlog::i18n::Arg::Num(1))],
    );
    let (_, answer) = app
        .press_label(&user, screen.message_id.unwrap(), &revoke)
        .await;
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "token-revoked").as_str())
    );
    let (status, body) = call(&app, "get", "/api/v1/me", Some(&bearer), None).await;
    assert_eq!((status, key(&body).as_str()), (401, "unauthorized"));
    app.stop().await;
}

async fn every_route_finds_nothing_of_another_user(b: crate::db::Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    // B keeps a diary with words only B wrote; A has a token.
    let (a, b_user) = (app.user(340, lang), app.user(341, lang));
    for u in [&a, &b_user] {
        app.onboard(u, chrono_tz::Europe::Berlin).await;
    }
    february(&app, 341).await;
    let b_attacks = db!(app.store, list_attacks(341, 10, 0)).unwrap();
    let b_id = b_attacks[0].id;
    db!(
        app.store,
        set_attack_field(
            341,
            b_id,
            &AttackField::Comment(Some("secret-of-B".into())),
            0
        )
    )
    .unwrap();
    let t = format!("Bearer {}", token(&app, &a, lang).await);

    let (status, doc) = call(&app, "get", "/api/v1/openapi.json", None, None).await;
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 9, "{paths:?}");
    let mut tried = 0;
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            let concrete = path.replace("{id}", &b_id.to_string())
                + if path.contains("{id}") {
                    ""
                } else {
                    "?from=2026-01-01&to=2026-03-10"
                };
            let body = (method == "post").then(|| "{\"intensity\":3}".to_owned());
            // Without credentials, with a wrong token or with a made-up one: 401, nothing.
            let wrong = format!("Bearer hl_{}", "Z".repeat(43));
            for auth in [None, Some("Bearer nope"), Some(wrong.as_str())] {
                let (status, text) = call(&app, method, &concrete, auth, body.clone()).await;
                assert_eq!(
                    (status, key(&text).as_str()),
                    (401, "unauthorized"),
                    "{method} {concrete} {auth:?}"
                );
            }
            let (status, text) = call(&app, method, &concrete, Some(&t), body).await;
            tried += 1;
            for marker in ["secret-of-B", "Ibuprofen", "Sumatriptan", "\"id\":341"] {
                assert!(
                    !text.contains(marker),
                    "{method} {concrete}: {marker} in {text}"
                );
            }
            if path.contains("{id}") {
                assert_eq!(
                    (status, key(&text).as_str()),
                    (404, "not_found"),
                    "{method} {concrete}"
                );
            } else {
                assert!(
                    status == 200 || status == 201,
                    "{method} {concrete}: {status} {text}"
                );
            }
        }
    }
    assert_eq!(tried, 10, "every route of the document was tried");
    // B's own token sees B's records (the sweep could find them if they leaked).
    let tb = format!("Bearer {}", token(&app, &b_user, lang).await);
    let (_, text) = call(
        &app,
        "get",
        &format!("/api/v1/attacks/{b_id}"),
        Some(&tb),
        None,
    )
    .await;
    assert!(text.contains("secret-of-B"), "{text}");
    let (_, text) = call(
        &app,
        "get",
        "/api/v1/figures?from=2026-02-01&to=2026-02-28",
        Some(&tb),
        None,
    )
    .await;
    let f: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(f["headache_days"], 3, "the February of report.rs: {text}");
    app.stop().await;
}

async fn malformed_and_oversized_requests_get_their_error_keys(b: crate::db::Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(350, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let t = format!("Bearer {}", token(&app, &user, lang).await);
    let future = (app.clock_now() + chrono::Duration::hours(2)).to_rfc3339();
    for (body, status, expected) in [
        ("{not json".to_owned(), 400, "bad_request"),
        ("{\"mood\":3}".to_owned(), 400, "bad_request"),
        ("{\"intensity\":11}".to_owned(), 422, "invalid_attack"),
        ("{\"intensity\":-3}".to_owned(), 422, "invalid_attack"),
        ("{\"intensity\":\"abc\"}".to_owned(), 400, "bad_request"),
        (
            "{\"started_at\":\"yesterday\"}".to_owned(),
            422,
            "invalid_attack",
        ),
        (
            format!("{{\"started_at\":\"{future}\"}}"),
            422,
            "invalid_attack",
        ),
        (
            format!("{{\"pad\":\"{}\"}}", "x".repeat(20_000)),
            413,
            "payload_too_large",
        ),
    ] {
        let (got, text) = call(
            &app,
            "post",
            "/api/v1/attacks",
            Some(&t),
            Some(body.clone()),
        )
        .await;
        assert_eq!(
            (got, key(&text).as_str()),
            (status, expected),
            "{}",
            &body[..body.len().min(40)]
        );
    }
    assert_eq!(
        db!(app.store, count_attacks(350)).unwrap(),
        0,
        "nothing refused was recorded"
    );
    for query in [
        "from=2026-13-01",
        "from=2026-03-01&to=2026-02-01",
        "from=1990-01-01&to=2026-03-01",
        "to=x",
    ] {
        let (got, text) = call(
            &app,
            "get",
            &format!("/api/v1/attacks?{query}"),
            Some(&t),
            None,
        )
        .await;
        assert_eq!(
            (got, key(&text).as_str()),
            (400, "invalid_period"),
            "{query}"
        );
    }
    let (got, text) = call(&app, "get", "/api/v1/nowhere", Some(&t), None).await;
    assert_eq!((got, key(&text).as_str()), (404, "not_found"));
    let (got, text) = call(&app, "get", "/api/v1/attacks/abc", Some(&t), None).await;
    assert_eq!((got, key(&text).as_str()), (404, "not_found"));

    // The same Idempotency-Key twice: one attack.
    let client = reqwest::Client::new();
    let mut ids = Vec::new();
    for expected in [201, 200] {
        let r = client
            .post(format!("http://{}/api/v1/attacks", app.http))
            .header("authorization", &t)
            .header("idempotency-key", "tap-1")
            .header("content-type", "application/json")
            .body("{\"intensity\":6}")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), expected);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["intensity"], 6);
        ids.push(v["id"].as_i64().unwrap());
    }
    assert_eq!(ids[0], ids[1]);
    assert_eq!(db!(app.store, count_attacks(350)).unwrap(), 1);
    app.stop().await;
}
