//! The doctor report: pressed under a report, it comes as a PDF and the same HTML. The
//! PDF's pages and text are read back with poppler's pdfinfo and pdftotext (installed by
//! scripts/ensure-tools.sh): the figures of the hand-built February (tests/e2e/report.rs,
//! worked out there), a MIDAS beside the diary's own count of the same 90 days, the user's
//! words wrapped and never cut (and escaped in the HTML). A zone that prints on Letter gets
//! Letter; a double tap sends nothing more; a forged period changes nothing.

use crate::db::Backend;
use crate::harness::{TestApp, e2e};
use crate::report::february;
use chrono::{NaiveDate, NaiveTime};
use fakebot::Call;
use headlog::domain::attack::{Attack, AttackField};
use headlog::domain::lang::Lang;
use headlog::domain::localtime::at;
use headlog::domain::questionnaires::{Answers, Midas};
use headlog::i18n::Arg;
use std::process::Command;

e2e!(
    the_doctor_report_holds_the_period_in_pdf_and_html,
    letter_zones_get_letter_and_a_second_press_sends_nothing,
);

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// Runs a poppler tool on `pdf`; its output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!(
        "headlog-doctor-{}-{}.pdf",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed (scripts/ensure-tools.sh installs it): {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// pdfinfo's fields: pages and page size.
fn info(pdf: &[u8]) -> (usize, String) {
    let path = std::env::temp_dir().join(format!(
        "headlog-doctor-info-{}-{}.pdf",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo is needed (scripts/ensure-tools.sh installs it)");
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8(out.stdout).unwrap();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap_or(0), field("Page size:"))
}

/// The PDF's text in drawing order, whitespace collapsed.
fn text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn documents(made: &[Call]) -> Vec<&Call> {
    made.iter().filter(|c| c.method == "senddocument").collect()
}

fn feb(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, day).unwrap()
}

fn n(v: u32) -> Arg {
    Arg::Num(i64::from(v))
}

async fn the_doctor_report_holds_the_period_in_pdf_and_html(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(310, lang);
    app.onboard(&user, BERLIN).await; // today is Tuesday 10 March 2026 there
    february(&app, 310).await;
    // The user's words on the 3 February attack: markup to escape, and 2,000 characters of
    // words the PDF must wrap, not cut.
    let word = match lang {
        Lang::En => "word",
        Lang::Ru => "слово",
    };
    let words: Vec<String> = (0..400).map(|i| format!("{word}{i}")).collect();
    let comment = format!("<b>&\"x\"</b> {}", words.join(" "));
    let comment: String = comment
        .chars()
        .take(headlog::service::details::MAX_COMMENT)
        .collect();
    let kept: Vec<&str> = comment.split(' ').skip(1).collect();
    let kept = &kept[..kept.len() - 1]; // the last may be cut by the limit
    let first = db!(
        app.store,
        attacks_between(
            310,
            feb(3).and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp(),
            feb(4).and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp()
        )
    )
    .unwrap()
    .remove(0);
    db!(
        app.store,
        set_attack_field(
            310,
            first.id,
            &AttackField::Comment(Some(comment.clone())),
            0
        )
    )
    .unwrap();
    // MIDAS answered on 28 February: 2 + 1 + 0 + 3 + 1 = 7, grade II. Its 3 months (1 Dec
    // – 28 Feb) hold the diary's 3 headache days, none lost or reduced, 5 recorded days.
    let midas = Answers::Midas(Midas::new([2, 1, 0, 3, 1]).unwrap());
    let taken = at(feb(28), NaiveTime::from_hms_opt(20, 0, 0).unwrap(), BERLIN);
    db!(
        app.store,
        insert_questionnaire(310, Some(1), &midas, taken, BERLIN)
    )
    .unwrap();

    let question = app.say(&user, "/report").await;
    let msg = question.message_id.unwrap();
    app.press_label(&user, msg, &app.t(lang, "btn-report-last_month"))
        .await;
    let (made, answer) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-doctor"))
        .await;
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "report-doctor-sent").as_str())
    );
    let docs = documents(&made);
    assert_eq!(docs.len(), 2, "{made:?}");
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
    let names: Vec<Option<&str>> = docs
        .iter()
        .map(|d| d.files[0].file_name.as_deref())
        .collect();
    assert_eq!(
        names,
        vec![
            Some("headlog-report-2026-02-01-2026-02-28.pdf"),
            Some("headlog-report-2026-02-01-2026-02-28.html")
        ]
    );
    assert_eq!(
        docs[0].text(),
        Some(
            app.tr(
                lang,
                "report-doctor-pdf",
                &[("range", range.clone().into())]
            )
            .as_str()
        )
    );
    let pdf = &docs[0].files[0].bytes;
    let html = String::from_utf8(docs[1].files[0].bytes.clone()).unwrap();
    let (pages, size) = info(pdf);
    assert!((3..=6).contains(&pages), "{pages} pages");
    assert!(size.starts_with("595.28 x 841.89"), "A4 in Berlin: {size}");
    let pdf_text = text(pdf);

    // Page one: who, when, and the figures worked out in tests/e2e/report.rs.
    let page_one = pdf_text
        .split(&app.tr(lang, "doctor-footer", &[("range", range.clone().into())]))
        .next()
        .unwrap()
        .to_owned();
    let days = |count: u32| app.tr(lang, "doctor-days", &[("count", n(count))]);
    let figures = [
        app.t(lang, "doctor-title"),
        app.t(lang, "doctor-headache-days"),
        app.tr(lang, "doctor-of-days", &[("count", n(3)), ("total", n(28))]),
        format!("{} {}", app.t(lang, "doctor-no-record-days"), days(21)),
        format!("{} {}", app.t(lang, "doctor-free-days"), days(2)),
        format!("{} {}", app.t(lang, "doctor-acute-days"), days(2)),
        app.tr(
            lang,
            "doctor-intensity-value",
            &[
                (
                    "average",
                    match lang {
                        Lang::En => "5.5",
                        Lang::Ru => "5,5",
                    }
                    .into(),
                ),
                ("peak", n(7)),
                ("rated", n(2)),
            ],
        ),
        app.t(lang, "doctor-overuse-none"),
        app.tr(
            lang,
            "doctor-midas-score",
            &[
                ("score", n(7)),
                ("level", app.t(lang, "doctor-midas-grade-2").into()),
                (
                    "date",
                    app.tr(
                        lang,
                        "report-date",
                        &[
                            ("day", "28".into()),
                            ("month", app.t(lang, "month-2").into()),
                            ("year", "2026".into()),
                        ],
                    )
                    .into(),
                ),
            ],
        ),
    ];
    for f in &figures {
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page_one.contains(&f), "{f:?} on page one: {page_one}");
    }
    // The MIDAS row with the diary's own count of the same 90 days.
    let recall = app.tr(
        lang,
        "doctor-diary-recall",
        &[
            ("headache", n(3)),
            ("lost", n(0)),
            ("reduced", n(0)),
            ("recorded", n(5)),
            ("days", n(90)),
        ],
    );
    assert!(pdf_text.contains(&recall), "{recall:?} in {pdf_text}");
    assert!(html.contains(&recall), "{recall:?} in the HTML");
    // The comment: every word, in order, though wrapped over many lines (and pages).
    let tokens: Vec<&str> = pdf_text.split(' ').collect();
    let mut at_token = 0;
    for w in kept {
        let found = tokens[at_token..].iter().position(|t| t == w);
        let Some(i) = found else {
            panic!("{w:?} missing from the PDF after token {at_token}");
        };
        at_token += i + 1;
    }
    assert!(
        pdf_text.contains("<b>&\"x\"</b>"),
        "the user's text as written"
    );

    // The HTML says the same, escaped, printable, unindexed, self-contained.
    assert!(html.contains(&format!("lang=\"{}\"", lang.code())));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(html.contains("@page{size:A4"));
    assert!(html.contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
    assert!(!html.contains("<b>&\"x\"</b>"));
    assert!(html.contains("thead{display:table-header-group}"));
    assert!(html.contains("src=\"data:image/png;base64,"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no request leaves the page"
    );
    for f in &figures[1..3] {
        assert!(html.contains(f.as_str()), "{f:?} in the HTML");
    }
    app.stop().await;
}

async fn letter_zones_get_letter_and_a_second_press_sends_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(311, lang);
    let zone = chrono_tz::America::New_York;
    app.onboard(&user, zone).await;
    let start = app.clock_now() - chrono::Duration::hours(3);
    let mut a = Attack::new(311, start, zone, start);
    a.ended_at = Some(start + chrono::Duration::hours(2));
    a.intensity = Some(6);
    db!(app.store, insert_attack(&a, None)).unwrap();

    let question = app.say(&user, "/report").await;
    let msg = question.message_id.unwrap();
    app.press_label(&user, msg, &app.t(lang, "btn-report-this_week"))
        .await;
    let data = app.button_data(311, msg, &app.t(lang, "btn-report-doctor"));
    let (made, _) = app.press(&user, msg, &data).await;
    let docs = documents(&made);
    assert_eq!(docs.len(), 2);
    let (pages, size) = info(&docs[0].files[0].bytes);
    assert!(pages >= 1);
    assert!(size.starts_with("612 x 792"), "Letter in New York: {size}");
    assert!(String::from_utf8_lossy(&docs[1].files[0].bytes).contains("@page{size:letter"));

    // The same press again: nothing more is sent.
    let (made, answer) = app.press(&user, msg, &data).await;
    assert!(documents(&made).is_empty(), "{made:?}");
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "report-doctor-already-sent").as_str())
    );

    // Forged periods: after today, reversed, unreadable, impossible. Nothing is sent.
    for forged in [
        "P:r:20260101:20991231",
        "P:r:20260301:20260201",
        "P:r:2026:1",
        "P:r:20260230:20260301",
        "P:r:19000101:20260301",
    ] {
        let (made, answer) = app.press(&user, msg, forged).await;
        assert!(documents(&made).is_empty(), "{forged}: {made:?}");
        assert_eq!(
            answer.as_deref(),
            Some(app.t(lang, "error-stale-button").as_str()),
            "{forged}"
        );
    }
    app.stop().await;
}

e2e!(a_doctor_link_opens_the_report_until_revoked_or_expired);

/// The token in a link message.
fn token_in(text: &str) -> String {
    let at = text.find("/doctor/").expect("a link in the message") + "/doctor/".len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn open(app: &TestApp, token: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let r = reqwest::get(format!("http://{}/doctor/{token}", app.http))
        .await
        .unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.text().await.unwrap())
}

async fn a_doctor_link_opens_the_report_until_revoked_or_expired(b: Backend, lang: Lang) {
    // Without a public URL there are no links, and the bot says so.
    let Some(plain) = TestApp::spawn(b).await else {
        return;
    };
    let user = plain.user(320, lang);
    plain.onboard(&user, BERLIN).await;
    february(&plain, 320).await;
    let question = plain.say(&user, "/report").await;
    let msg = question.message_id.unwrap();
    plain
        .press_label(&user, msg, &plain.t(lang, "btn-report-last_month"))
        .await;
    let (made, answer) = plain
        .press_label(&user, msg, &plain.t(lang, "btn-report-link"))
        .await;
    assert!(made.is_empty(), "{made:?}");
    assert_eq!(
        answer.as_deref(),
        Some(plain.t(lang, "report-link-unavailable").as_str())
    );
    plain.stop().await;

    let Some(app) = TestApp::spawn_with(
        b,
        &[("HEADLOG_PUBLIC_URL", "https://headlog.example.test/diary")],
    )
    .await
    else {
        return;
    };
    let user = app.user(321, lang);
    app.onboard(&user, BERLIN).await; // today is 10 March 2026 there
    february(&app, 321).await;
    let question = app.say(&user, "/report").await;
    let msg = question.message_id.unwrap();
    app.press_label(&user, msg, &app.t(lang, "btn-report-last_month"))
        .await;
    let (made, answer) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-link"))
        .await;
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "report-link-sent").as_str())
    );
    let sent: Vec<&Call> = made.iter().filter(|c| c.method == "sendmessage").collect();
    assert_eq!(sent.len(), 1, "{made:?}");
    let text = sent[0].text().unwrap();
    assert!(
        text.contains("https://headlog.example.test/diary/doctor/"),
        "{text}"
    );
    let until = app.tr(
        lang,
        "report-date",
        &[
            ("day", "24".into()),
            ("month", app.t(lang, "month-3").into()),
            ("year", "2026".into()),
        ],
    );
    assert!(text.contains(&until), "valid for 14 days: {text}");
    let token = token_in(text);
    assert_eq!(token.len(), 43, "256 bits, base64url: {token}");

    // The same press again makes no second link.
    let (made, answer) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-link"))
        .await;
    assert!(made.is_empty());
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "report-link-already-sent").as_str())
    );
    let now = app.clock_now().timestamp();
    assert_eq!(db!(app.store, doctor_links(321, now)).unwrap().len(), 1);

    // The doctor opens it: the period's report, unindexed, uncached, self-contained.
    let (status, headers, html) = open(&app, &token).await;
    assert_eq!(status, 200);
    assert_eq!(headers["x-robots-tag"], "noindex, nofollow");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'")
    );
    assert!(html.contains(&app.t(lang, "doctor-title")));
    assert!(html.contains(&app.tr(lang, "doctor-of-days", &[("count", n(3)), ("total", n(28))])));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));

    // Guessed, malformed or altered tokens open nothing, and say nothing of whose.
    let mut altered = token.clone();
    let last = altered.pop().unwrap();
    altered.push(if last == 'A' { 'B' } else { 'A' });
    for bad in [
        altered.as_str(),
        "short",
        "../../etc/passwd",
        &"A".repeat(43),
    ] {
        let (status, _, body) = open(&app, bad).await;
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("Feb") && !body.contains("фев"), "{body}");
    }

    // /settings lists it; revoking it there closes it at once.
    let settings = app.say(&user, "/settings").await;
    let (made, _) = app
        .press_label(
            &user,
            settings.message_id.unwrap(),
            &app.t(lang, "btn-report-links"),
        )
        .await;
    let list = made
        .iter()
        .find(|c| c.method == "sendmessage")
        .expect("the list");
    assert!(
        list.text()
            .unwrap()
            .starts_with(&app.t(lang, "report-links-title"))
    );
    let revoke_label = app.tr(lang, "btn-report-link-revoke-n", &[("n", Arg::Num(1))]);
    let (_, answer) = app
        .press_label(&user, list.message_id.unwrap(), &revoke_label)
        .await;
    assert_eq!(answer, None);
    let (status, _, _) = open(&app, &token).await;
    assert_eq!(status, 404, "revoked");
    // Pressing revoke again, or another user's link id, changes nothing.
    let data = format!("P:x:{}", i64::MAX);
    let (_, answer) = app.press(&user, msg, &data).await;
    assert_eq!(
        answer.as_deref(),
        Some(app.t(lang, "report-link-not-live").as_str())
    );

    // A new link expires after 14 days.
    let question = app.say(&user, "/report").await;
    let msg = question.message_id.unwrap();
    app.press_label(&user, msg, &app.t(lang, "btn-report-last_month"))
        .await;
    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-link"))
        .await;
    let token = token_in(
        made.iter()
            .find(|c| c.method == "sendmessage")
            .unwrap()
            .text()
            .unwrap(),
    );
    assert_eq!(open(&app, &token).await.0, 200);
    app.step_to(app.clock_now() + chrono::Duration::days(14) + chrono::Duration::seconds(1));
    assert_eq!(open(&app, &token).await.0, 404, "expired");
    app.stop().await;

    // A deployment that sets 3 days: the link says so and closes after them.
    let Some(app) = TestApp::spawn_with(
        b,
        &[
            ("HEADLOG_PUBLIC_URL", "https://headlog.example.test/"),
            ("HEADLOG_DOCTOR_LINK_DAYS", "3"),
        ],
    )
    .await
    else {
        return;
    };
    let user = app.user(322, lang);
    app.onboard(&user, BERLIN).await;
    february(&app, 322).await;
    let question = app.say(&user, "/report").await;
    let msg = question.message_id.unwrap();
    app.press_label(&user, msg, &app.t(lang, "btn-report-last_month"))
        .await;
    let (made, _) = app
        .press_label(&user, msg, &app.t(lang, "btn-report-link"))
        .await;
    let text = made
        .iter()
        .find(|c| c.method == "sendmessage")
        .unwrap()
        .text()
        .unwrap();
    let until = app.tr(
        lang,
        "report-date",
        &[
            ("day", "13".into()),
            ("month", app.t(lang, "month-3").into()),
            ("year", "2026".into()),
        ],
    );
    assert!(text.contains(&until), "3 days from 10 March: {text}");
    let token = token_in(text);
    app.step_to(app.clock_now() + chrono::Duration::days(2));
    assert_eq!(open(&app, &token).await.0, 200);
    app.step_to(app.clock_now() + chrono::Duration::days(1) + chrono::Duration::seconds(1));
    assert_eq!(open(&app, &token).await.0, 404, "expired after 3 days");
    app.stop().await;
}
