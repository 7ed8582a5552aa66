//! The details editor: the guided walk from "Add details", the overview from history, each
//! kind of field (a choice, a toggle set, a typed time, a typed text), validation, /cancel,
//! forged and foreign buttons, two old editor messages, the export, and a restart of the
//! real binary while the editor waits for a comment.

use crate::db::{self, Backend};
use crate::harness::{TestApp, e2e, t0};
use crate::process::{start, until};
use chrono::Duration;
use fakebot::{Call, FakeBot, TgUser};
use headlog::domain::attack::{Attack, Aura, Character, Location, Nausea, Side, Trigger};
use headlog::domain::export::COLUMNS;
use headlog::domain::lang::Lang;
use headlog::i18n::{Arg, I18n};
use headlog::store::Db;

e2e!(
    add_details_walks_the_fields_and_saves_each_answer_at_once,
    a_past_record_opens_in_the_editor_from_history,
    typed_start_and_end_are_read_in_the_attacks_zone_and_checked,
    comment_trigger_note_and_aura_minutes_are_typed_and_checked,
    cancel_leaves_the_editor_and_keeps_what_was_saved,
    forged_and_foreign_buttons_change_nothing,
    two_old_editor_messages_both_keep_their_edits,
    a_double_tap_on_a_choice_sets_it_once,
    the_export_carries_every_detail,
    no_aura_is_recorded_and_differs_from_unknown,
);

async fn no_aura_is_recorded_and_differs_from_unknown(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(68, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let msg = reply.message_id.unwrap();
    let noon = today(&app, lang, "12:00");
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-all")).await;
    let unknown = press(&app, &user, msg, &app.t(lang, "btn-details-aura")).await;
    assert_eq!(
        unknown.text(),
        Some(screen(&app, lang, &noon, None, "aura", None).as_str()),
        "unknown until answered"
    );
    let none = press(&app, &user, msg, &app.t(lang, "aura-none")).await;
    let shown = app.t(lang, "aura-none");
    assert_eq!(
        none.text(),
        Some(screen(&app, lang, &noon, None, "aura", Some(&shown)).as_str())
    );
    assert_eq!(
        db!(app.store, attack(68, a.id)).unwrap().unwrap().aura,
        vec![Aura::None]
    );
    // A kind chosen after "none" replaces it, and the other way round.
    let visual = press(&app, &user, msg, &app.t(lang, "aura-visual")).await;
    let ticked = format!("✓ {}", app.t(lang, "aura-visual"));
    assert!(visual.inline_buttons().iter().any(|(l, _)| *l == ticked));
    assert!(
        !visual
            .inline_buttons()
            .iter()
            .any(|(l, _)| *l == format!("✓ {shown}"))
    );
    assert_eq!(
        db!(app.store, attack(68, a.id)).unwrap().unwrap().aura,
        vec![Aura::Visual]
    );
    press(&app, &user, msg, &app.t(lang, "aura-none")).await;
    assert_eq!(
        db!(app.store, attack(68, a.id)).unwrap().unwrap().aura,
        vec![Aura::None]
    );

    // The export says "none", where an unknown aura is an empty cell.
    let doc = crate::export_menu::diary(&app, &user).await;
    let mut reader = csv::Reader::from_reader(doc.files[0].bytes.as_slice());
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    let aura = COLUMNS.iter().position(|c| *c == "aura").unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][aura], "none");
    app.stop().await;
}

/// UTC+3: t0 is 12:00 local.
const ZONE: chrono_tz::Tz = chrono_tz::Europe::Moscow;

/// The fields the overview lists, in order.
const SUMMARY: [&str; 13] = [
    "intensity",
    "location",
    "side",
    "character",
    "activity",
    "nausea",
    "vomiting",
    "light",
    "sound",
    "aura",
    "triggers",
    "disability",
    "comment",
];

/// The overview's field buttons: key name and payload code.
const OVERVIEW: [(&str, &str); 15] = [
    ("start", "st"),
    ("end", "en"),
    ("intensity", "i"),
    ("location", "l"),
    ("side", "sd"),
    ("character", "c"),
    ("activity", "w"),
    ("nausea", "n"),
    ("vomiting", "v"),
    ("light", "li"),
    ("sound", "so"),
    ("aura", "a"),
    ("triggers", "t"),
    ("disability", "d"),
    ("comment", "cm"),
];

/// Taps "Headache now": the reply and the attack it recorded.
async fn tap(app: &TestApp, user: &TgUser) -> (Call, Attack) {
    let reply = app
        .say(user, &app.t(user_lang(user), "btn-headache-now"))
        .await;
    let a = db!(app.store, latest_open_attack(user.id))
        .unwrap()
        .unwrap();
    (reply, a)
}

fn user_lang(user: &TgUser) -> Lang {
    Lang::from_code(user.language_code.as_deref().unwrap_or("en"))
}

fn today(app: &TestApp, lang: Lang, time: &str) -> String {
    app.tr(lang, "time-today", &[("time", time.into())])
}

fn hours(app: &TestApp, lang: Lang, h: i64, m: i64) -> String {
    app.tr(lang, "duration-hours", &[("h", h.into()), ("m", m.into())])
}

/// "Label: value" (or "—").
fn line(app: &TestApp, lang: Lang, name: &str, value: Option<&str>) -> String {
    let label = app.t(lang, &format!("details-field-{name}"));
    let value = value.map_or_else(|| app.t(lang, "details-unknown"), str::to_owned);
    app.tr(
        lang,
        "details-line",
        &[("label", label.into()), ("value", value.into())],
    )
}

/// Started, ended (or ongoing), duration.
fn head(app: &TestApp, lang: Lang, start: &str, end: Option<&str>, took: String) -> Vec<String> {
    vec![
        app.tr(lang, "record-started", &[("start", start.into())]),
        match end {
            Some(e) => app.tr(lang, "record-ended", &[("end", e.into())]),
            None => app.t(lang, "record-ongoing"),
        },
        app.tr(lang, "record-duration", &[("duration", took.into())]),
    ]
}

/// The overview: the head, then every field, "—" unless given.
fn overview(app: &TestApp, lang: Lang, head: Vec<String>, given: &[(&str, String)]) -> String {
    let mut lines = vec![app.t(lang, "details-title")];
    lines.extend(head);
    for name in SUMMARY {
        let value = given
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str());
        lines.push(line(app, lang, name, value));
    }
    lines.push(String::new());
    lines.push(app.t(lang, "details-hint"));
    lines.join("\n")
}

/// A field's screen: head (with the walk's step), current value, question.
fn screen(
    app: &TestApp,
    lang: Lang,
    start: &str,
    step: Option<i64>,
    name: &str,
    value: Option<&str>,
) -> String {
    let mut lines = vec![app.tr(lang, "details-head", &[("start", start.into())])];
    if let Some(n) = step {
        let args = [("n", Arg::Num(n)), ("total", Arg::Num(13))];
        lines.push(app.tr(lang, "details-step", &args));
    }
    lines.push(String::new());
    lines.push(line(app, lang, name, value));
    let max = if name == "comment" { 2000 } else { 200 };
    let ask = format!("details-ask-{name}");
    lines.push(app.tr(lang, &ask, &[("max", Arg::Num(max))]));
    lines.join("\n")
}

/// A call's buttons without the medication rows (another feature's).
fn ours(call: &Call) -> Vec<(String, String)> {
    let mut b = call.inline_buttons();
    b.retain(|(_, data)| !data.starts_with("M:"));
    b
}

fn overview_buttons(app: &TestApp, lang: Lang, id: i64, origin: &str) -> Vec<(String, String)> {
    let mut b: Vec<(String, String)> = OVERVIEW
        .iter()
        .map(|(name, code)| {
            let label = app.t(lang, &format!("btn-details-{name}"));
            (label, format!("D:f:{id}:{origin}:{code}"))
        })
        .collect();
    b.push((
        app.t(lang, "btn-details-done"),
        format!("D:d:{id}:{origin}"),
    ));
    b
}

fn chosen(app: &TestApp, lang: Lang, key: &str) -> String {
    app.tr(
        lang,
        "details-chosen",
        &[("label", app.t(lang, key).into())],
    )
}

/// Presses a labelled button; the one edit it made to that message.
async fn press(app: &TestApp, user: &TgUser, msg: i64, label: &str) -> Call {
    let (made, answer) = app.press_label(user, msg, label).await;
    assert_eq!(answer, None, "pressing {label:?}");
    assert_eq!(made.len(), 1, "pressing {label:?}: {made:?}");
    assert_eq!(made[0].method, "editmessagetext");
    assert_eq!(made[0].target_message_id(), Some(msg));
    made[0].clone()
}

/// Types a value the editor accepts: the editor is edited in place, and nothing else is
/// sent (no "saved" message per value: one message per step).
async fn typed_ok(app: &TestApp, user: &TgUser, msg: i64, text: &str) -> Call {
    let call = app.say(user, text).await;
    assert_eq!(call.method, "editmessagetext", "typed {text:?}");
    assert_eq!(call.target_message_id(), Some(msg));
    app.assert_quiet(user.id).await;
    call
}

async fn add_details_walks_the_fields_and_saves_each_answer_at_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(60, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let (msg, id) = (reply.message_id.unwrap(), a.id);
    let tap_buttons = vec![
        (app.t(lang, "btn-ended-now"), format!("e:{id}")),
        (app.t(lang, "btn-ended-at"), format!("t:{id}")),
        (app.t(lang, "took-btn"), format!("M:t:{id}")),
        (app.t(lang, "btn-details-add"), format!("D:a:{id}")),
        (app.t(lang, "btn-undo"), format!("u:{id}")),
    ];
    assert_eq!(reply.inline_buttons(), tap_buttons);
    let noon = today(&app, lang, "12:00");

    let intensity = press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    assert_eq!(
        intensity.text(),
        Some(screen(&app, lang, &noon, Some(1), "intensity", None).as_str())
    );
    let mut expected: Vec<(String, String)> = (0..=10)
        .map(|i| (i.to_string(), format!("D:s:{id}:g:i:{i}")))
        .collect();
    expected.extend([
        (app.t(lang, "btn-details-skip"), format!("D:k:{id}:g:i")),
        (app.t(lang, "btn-details-all"), format!("D:o:{id}:t")),
        (app.t(lang, "btn-details-done"), format!("D:d:{id}:g")),
    ]);
    assert_eq!(intensity.inline_buttons(), expected);

    // A choice is saved at once and the walk moves on.
    let location = press(&app, &user, msg, "7").await;
    assert_eq!(
        location.text(),
        Some(screen(&app, lang, &noon, Some(2), "location", None).as_str())
    );
    assert_eq!(
        db!(app.store, attack(60, id)).unwrap().unwrap().intensity,
        Some(7)
    );
    // Toggles stay on the screen and save the whole set each time.
    press(&app, &user, msg, &app.t(lang, "loc-temples")).await;
    let both = press(&app, &user, msg, &app.t(lang, "loc-eyes")).await;
    let places = format!(
        "{}, {}",
        app.t(lang, "loc-temples"),
        app.t(lang, "loc-eyes")
    );
    assert_eq!(
        both.text(),
        Some(screen(&app, lang, &noon, Some(2), "location", Some(&places)).as_str())
    );
    let labels: Vec<String> = both.inline_buttons().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels[0..6],
        [
            app.t(lang, "loc-forehead"),
            chosen(&app, lang, "loc-temples"),
            chosen(&app, lang, "loc-eyes"),
            app.t(lang, "loc-occiput"),
            app.t(lang, "loc-neck"),
            app.t(lang, "loc-whole"),
        ]
    );
    assert_eq!(
        db!(app.store, attack(60, id)).unwrap().unwrap().locations,
        vec![Location::Temples, Location::BehindEyes]
    );
    let side = press(&app, &user, msg, &app.t(lang, "btn-details-next")).await;
    assert_eq!(
        side.text(),
        Some(screen(&app, lang, &noon, Some(3), "side", None).as_str())
    );
    let character = press(&app, &user, msg, &app.t(lang, "btn-details-skip")).await;
    assert_eq!(
        character.text(),
        Some(screen(&app, lang, &noon, Some(4), "character", None).as_str())
    );
    let activity = press(&app, &user, msg, &app.t(lang, "char-pulsating")).await;
    assert_eq!(
        activity.text(),
        Some(screen(&app, lang, &noon, Some(5), "activity", None).as_str())
    );
    // Done: the attack's message comes back with its buttons.
    let done = press(&app, &user, msg, &app.t(lang, "btn-details-done")).await;
    assert_eq!(done.text(), reply.text());
    assert_eq!(done.inline_buttons(), tap_buttons);
    let a = db!(app.store, attack(60, id)).unwrap().unwrap();
    assert_eq!((a.side, a.character), (None, Some(Character::Pulsating)));

    // "Add details" again continues at the first field still unknown.
    let again = press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    assert_eq!(
        again.text(),
        Some(screen(&app, lang, &noon, Some(3), "side", None).as_str())
    );
    let all = press(&app, &user, msg, &app.t(lang, "btn-details-all")).await;
    let took = app.tr(lang, "duration-minutes", &[("m", 0i64.into())]);
    let severe = app.tr(
        lang,
        "details-intensity-value",
        &[
            ("value", 7i64.into()),
            ("band", app.t(lang, "band-severe").into()),
        ],
    );
    let given = [
        ("intensity", severe),
        ("location", places),
        ("character", app.t(lang, "char-pulsating")),
    ];
    assert_eq!(
        all.text(),
        Some(overview(&app, lang, head(&app, lang, &noon, None, took), &given).as_str())
    );
    assert_eq!(ours(&all), overview_buttons(&app, lang, id, "t"));
    app.stop().await;
}

async fn a_past_record_opens_in_the_editor_from_history(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(61, lang);
    app.onboard(&user, ZONE).await;
    let start = t0() - Duration::hours(5);
    let mut a = Attack::new(61, start, ZONE, start);
    a.ended_at = Some(t0() - Duration::hours(3));
    a.intensity = Some(4);
    a.side = Some(Side::Left);
    a.comment = Some("ok".into());
    let id = db!(app.store, insert_attack(&a, None)).unwrap().id;
    let list = app.say(&user, "/history").await;
    let msg = list.message_id.unwrap();
    let record = press(&app, &user, msg, "1").await;
    let (seven, nine) = (today(&app, lang, "07:00"), today(&app, lang, "09:00"));
    let moderate = app.tr(
        lang,
        "details-intensity-value",
        &[
            ("value", 4i64.into()),
            ("band", app.t(lang, "band-moderate").into()),
        ],
    );
    let record_text = |extra: &[String]| {
        let mut lines = vec![app.t(lang, "record-title")];
        lines.extend(head(
            &app,
            lang,
            &seven,
            Some(&nine),
            hours(&app, lang, 2, 0),
        ));
        lines.extend(extra.iter().cloned());
        lines.join("\n")
    };
    let side_line = line(&app, lang, "side", Some(&app.t(lang, "side-left")));
    let comment_line = line(&app, lang, "comment", Some("ok"));
    let intensity_line = line(&app, lang, "intensity", Some(&moderate));
    let filled = [intensity_line.clone(), side_line, comment_line.clone()];
    assert_eq!(record.text(), Some(record_text(&filled).as_str()));
    assert_eq!(
        ours(&record),
        vec![
            (app.t(lang, "btn-details-edit"), format!("D:o:{id}:h0")),
            (app.t(lang, "btn-delete"), format!("d:{id}:0")),
            (app.t(lang, "btn-back"), "h:0".into()),
        ]
    );

    let edit = press(&app, &user, msg, &app.t(lang, "btn-details-edit")).await;
    let mut given = vec![
        ("intensity", moderate.clone()),
        ("side", app.t(lang, "side-left")),
        ("comment", "ok".to_owned()),
    ];
    let full_head = || head(&app, lang, &seven, Some(&nine), hours(&app, lang, 2, 0));
    assert_eq!(
        edit.text(),
        Some(overview(&app, lang, full_head(), &given).as_str())
    );
    assert_eq!(ours(&edit), overview_buttons(&app, lang, id, "h0"));

    let nausea = press(&app, &user, msg, &app.t(lang, "btn-details-nausea")).await;
    assert_eq!(
        nausea.text(),
        Some(screen(&app, lang, &seven, None, "nausea", None).as_str())
    );
    assert_eq!(
        nausea.inline_buttons(),
        vec![
            (app.t(lang, "nausea-none"), format!("D:s:{id}:h0:n:0")),
            (app.t(lang, "nausea-slight"), format!("D:s:{id}:h0:n:1")),
            (app.t(lang, "nausea-marked"), format!("D:s:{id}:h0:n:2")),
            (app.t(lang, "btn-back"), format!("D:o:{id}:h0")),
        ]
    );
    let back = press(&app, &user, msg, &app.t(lang, "nausea-slight")).await;
    given.insert(2, ("nausea", app.t(lang, "nausea-slight")));
    assert_eq!(
        back.text(),
        Some(overview(&app, lang, full_head(), &given).as_str())
    );
    // A known value can be cleared back to unknown.
    let side = press(&app, &user, msg, &app.t(lang, "btn-details-side")).await;
    assert_eq!(
        side.inline_buttons(),
        vec![
            (chosen(&app, lang, "side-left"), format!("D:s:{id}:h0:sd:0")),
            (app.t(lang, "side-right"), format!("D:s:{id}:h0:sd:1")),
            (app.t(lang, "side-both"), format!("D:s:{id}:h0:sd:2")),
            (
                app.t(lang, "btn-details-clear"),
                format!("D:s:{id}:h0:sd:x")
            ),
            (app.t(lang, "btn-back"), format!("D:o:{id}:h0")),
        ]
    );
    press(&app, &user, msg, &app.t(lang, "btn-details-clear")).await;
    let a = db!(app.store, attack(61, id)).unwrap().unwrap();
    assert_eq!((a.side, a.nausea), (None, Some(Nausea::Slight)));
    // Done goes back to the record, which shows what changed.
    let done = press(&app, &user, msg, &app.t(lang, "btn-details-done")).await;
    let nausea_line = line(&app, lang, "nausea", Some(&app.t(lang, "nausea-slight")));
    assert_eq!(
        done.text(),
        Some(record_text(&[intensity_line, nausea_line, comment_line]).as_str())
    );
    app.stop().await;
}

async fn typed_start_and_end_are_read_in_the_attacks_zone_and_checked(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(62, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let (msg, id) = (reply.message_id.unwrap(), a.id);
    app.clock.advance(Duration::hours(3)); // 15:00 local
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-all")).await;
    let noon = today(&app, lang, "12:00");
    let start = press(&app, &user, msg, &app.t(lang, "btn-details-start")).await;
    assert_eq!(
        start.text(),
        Some(screen(&app, lang, &noon, None, "start", Some(&noon)).as_str())
    );
    assert_eq!(
        start.inline_buttons(),
        vec![(app.t(lang, "btn-back"), format!("D:o:{id}:t"))]
    );
    let refused = |typed: &'static str, expected: String| (typed, expected);
    for (typed, expected) in [
        refused("today 16:00", app.t(lang, "details-error-start-future")),
        refused("31.02 10:00", app.t(lang, "time-error-invalid-date")),
        refused("25:00", app.t(lang, "time-error-invalid-time")),
    ] {
        let answer = app.say(&user, typed).await;
        assert_eq!(answer.text(), Some(expected.as_str()), "typed {typed:?}");
    }
    assert_eq!(
        db!(app.store, attack(62, id)).unwrap().unwrap().started_at,
        t0()
    );

    let saved = typed_ok(&app, &user, msg, "11:00").await;
    let eleven = today(&app, lang, "11:00");
    let open_head = head(&app, lang, &eleven, None, hours(&app, lang, 4, 0));
    assert_eq!(
        saved.text(),
        Some(overview(&app, lang, open_head, &[]).as_str())
    );
    let a = db!(app.store, attack(62, id)).unwrap().unwrap();
    assert_eq!(a.started_at, t0() - Duration::hours(1));

    let end = press(&app, &user, msg, &app.t(lang, "btn-details-end")).await;
    let ongoing = app.t(lang, "details-ongoing");
    assert_eq!(
        end.text(),
        Some(screen(&app, lang, &eleven, None, "end", Some(&ongoing)).as_str())
    );
    assert_eq!(
        end.inline_buttons(),
        vec![
            (app.t(lang, "btn-ended-now"), format!("D:s:{id}:t:en:n")),
            (app.t(lang, "btn-back"), format!("D:o:{id}:t")),
        ]
    );
    let before = app.tr(
        lang,
        "attack-end-before-start",
        &[("start", eleven.clone().into())],
    );
    for (typed, expected) in [
        refused("10:00", before),
        refused("today 16:00", app.t(lang, "attack-end-in-future")),
        refused("whenever", app.t(lang, "time-error-unrecognised")),
    ] {
        let answer = app.say(&user, typed).await;
        assert_eq!(answer.text(), Some(expected.as_str()), "typed {typed:?}");
    }
    assert!(db!(app.store, attack(62, id)).unwrap().unwrap().is_open());
    let ago = if lang == Lang::Ru {
        "30 минут назад"
    } else {
        "30 min ago"
    };
    let saved = typed_ok(&app, &user, msg, ago).await;
    let half_past = today(&app, lang, "14:30");
    let closed = head(
        &app,
        lang,
        &eleven,
        Some(&half_past),
        hours(&app, lang, 3, 30),
    );
    assert_eq!(
        saved.text(),
        Some(overview(&app, lang, closed, &[]).as_str())
    );
    let a = db!(app.store, attack(62, id)).unwrap().unwrap();
    assert_eq!(a.ended_at, Some(t0() + Duration::minutes(150)));

    // A start after the end is refused; the start stays.
    press(&app, &user, msg, &app.t(lang, "btn-details-start")).await;
    let after = app.say(&user, "14:45").await;
    let expected = app.tr(
        lang,
        "details-error-start-after-end",
        &[("end", half_past.into())],
    );
    assert_eq!(after.text(), Some(expected.as_str()));
    let a = db!(app.store, attack(62, id)).unwrap().unwrap();
    assert_eq!(a.started_at, t0() - Duration::hours(1));
    app.stop().await;
}

async fn comment_trigger_note_and_aura_minutes_are_typed_and_checked(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(63, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let (msg, id) = (reply.message_id.unwrap(), a.id);
    let noon = today(&app, lang, "12:00");
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-all")).await;
    let comment = press(&app, &user, msg, &app.t(lang, "btn-details-comment")).await;
    assert_eq!(
        comment.text(),
        Some(screen(&app, lang, &noon, None, "comment", None).as_str())
    );
    let too_long = |length: i64, max: i64| {
        app.tr(
            lang,
            "details-error-too-long",
            &[("length", length.into()), ("max", max.into())],
        )
    };
    for (typed, expected) in [
        ("   ".to_owned(), app.t(lang, "details-error-empty")),
        ("я".repeat(2001), too_long(2001, 2000)),
    ] {
        let answer = app.say(&user, &typed).await;
        assert_eq!(answer.text(), Some(expected.as_str()));
    }
    assert_eq!(
        db!(app.store, attack(63, id)).unwrap().unwrap().comment,
        None
    );
    let odd = "Robert'); DROP TABLE attack;-- «да» \"no\" 🤕\nline two";
    let saved = typed_ok(&app, &user, msg, odd).await;
    let open_head = || {
        head(
            &app,
            lang,
            &noon,
            None,
            app.tr(lang, "duration-minutes", &[("m", 0i64.into())]),
        )
    };
    assert_eq!(
        saved.text(),
        Some(overview(&app, lang, open_head(), &[("comment", odd.to_owned())]).as_str())
    );
    assert_eq!(
        db!(app.store, attack(63, id))
            .unwrap()
            .unwrap()
            .comment
            .as_deref(),
        Some(odd)
    );

    // Aura: kinds are toggles, minutes are typed from the aura's screen.
    press(&app, &user, msg, &app.t(lang, "btn-details-aura")).await;
    press(&app, &user, msg, &app.t(lang, "aura-visual")).await;
    let unknown = app.t(lang, "details-unknown");
    let minutes_button = app.tr(
        lang,
        "btn-details-aura-min",
        &[("value", unknown.clone().into())],
    );
    let ask = press(&app, &user, msg, &minutes_button).await;
    assert_eq!(
        ask.text(),
        Some(screen(&app, lang, &noon, None, "aura-min", None).as_str())
    );
    assert_eq!(
        ask.inline_buttons(),
        vec![(app.t(lang, "btn-back"), format!("D:f:{id}:t:a"))]
    );
    for typed in ["twenty", "1441", "-5", "2.5"] {
        let answer = app.say(&user, typed).await;
        assert_eq!(
            answer.text(),
            Some(app.t(lang, "details-error-aura-min").as_str())
        );
    }
    assert_eq!(
        db!(app.store, attack(63, id)).unwrap().unwrap().aura_min,
        None
    );
    let aura = typed_ok(&app, &user, msg, "20").await;
    let twenty = app.tr(lang, "details-minutes", &[("count", 20i64.into())]);
    let aura_value = app.tr(
        lang,
        "details-aura-value",
        &[
            ("kinds", app.t(lang, "aura-visual").into()),
            ("minutes", twenty.clone().into()),
        ],
    );
    assert_eq!(
        aura.text(),
        Some(screen(&app, lang, &noon, None, "aura", Some(&aura_value)).as_str())
    );
    let min_label = app.tr(lang, "btn-details-aura-min", &[("value", twenty.into())]);
    assert!(aura.inline_buttons().iter().any(|(l, _)| *l == min_label));

    // Triggers: presets are toggles, the free text is typed.
    press(&app, &user, msg, &app.t(lang, "btn-back")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-triggers")).await;
    press(&app, &user, msg, &app.t(lang, "trigger-stress")).await;
    press(&app, &user, msg, &app.t(lang, "trigger-poor_sleep")).await;
    let other = app.tr(
        lang,
        "btn-details-trigger-note",
        &[("value", unknown.into())],
    );
    press(&app, &user, msg, &other).await;
    let answer = app.say(&user, &"x".repeat(201)).await;
    assert_eq!(answer.text(), Some(too_long(201, 200).as_str()));
    let triggers = typed_ok(&app, &user, msg, "red wine 🍷").await;
    let quoted = app.tr(lang, "details-quoted", &[("text", "red wine 🍷".into())]);
    let value = format!(
        "{}, {}, {quoted}",
        app.t(lang, "trigger-stress"),
        app.t(lang, "trigger-poor_sleep")
    );
    assert_eq!(
        triggers.text(),
        Some(screen(&app, lang, &noon, None, "triggers", Some(&value)).as_str())
    );
    let a = db!(app.store, attack(63, id)).unwrap().unwrap();
    assert_eq!((a.aura, a.aura_min), (vec![Aura::Visual], Some(20)));
    assert_eq!(a.triggers, vec![Trigger::Stress, Trigger::PoorSleep]);
    assert_eq!(a.trigger_note.as_deref(), Some("red wine 🍷"));
    // Typed text is no longer awaited once saved.
    let after = app.say(&user, "more").await;
    assert_eq!(
        after.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );
    app.stop().await;
}

async fn cancel_leaves_the_editor_and_keeps_what_was_saved(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(64, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let (msg, id) = (reply.message_id.unwrap(), a.id);
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, "5").await;
    press(&app, &user, msg, &app.t(lang, "btn-details-all")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-comment")).await;
    let cancelled = app.say(&user, "/cancel").await;
    assert_eq!(cancelled.text(), Some(app.t(lang, "cancelled").as_str()));
    let after = app.say(&user, "a comment too late").await;
    assert_eq!(
        after.text(),
        Some(app.t(lang, "error-unknown-input").as_str())
    );
    let a = db!(app.store, attack(64, id)).unwrap().unwrap();
    assert_eq!((a.intensity, a.comment), (Some(5), None));
    // The editor's buttons still work afterwards.
    let back = press(&app, &user, msg, &app.t(lang, "btn-back")).await;
    assert!(
        back.text()
            .unwrap()
            .starts_with(&app.t(lang, "details-title"))
    );
    app.stop().await;
}

async fn forged_and_foreign_buttons_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(65, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let (msg, id) = (reply.message_id.unwrap(), a.id);
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, "3").await;
    let before = db!(app.store, attack(65, id)).unwrap().unwrap();
    let stale = app.t(lang, "error-stale-button");
    let bad_intensity = app.t(lang, "details-error-intensity");
    let gone = app.t(lang, "attack-gone");
    for (data, expected) in [
        (format!("D:s:{id}:t:i:11"), &bad_intensity),
        (format!("D:s:{id}:t:i:abc"), &bad_intensity),
        (format!("D:s:{id}:t:i:-1"), &bad_intensity),
        (format!("D:s:{id}:t:sd:9"), &stale),
        (format!("D:s:{id}:t:st:x"), &stale),
        (format!("D:s:{id}:t:w:maybe"), &stale),
        (format!("D:x:{id}:t:l:+99"), &stale),
        (format!("D:x:{id}:t:sd:+0"), &stale),
        (format!("D:x:{id}:t:l:0"), &stale),
        (format!("D:s:{id}:q:i:5"), &stale),
        (format!("D:f:{id}:t:zz"), &stale),
        ("D:zz".to_owned(), &stale),
        (format!("D:s:{id}:t:i:5' or 1=1"), &stale),
        (format!("D:s:{}:t:i:5", id + 1000), &gone),
    ] {
        let (made, answer) = app.press(&user, msg, &data).await;
        assert_eq!(answer.as_ref(), Some(expected), "{data}");
        assert!(made.is_empty(), "{data}: {made:?}");
    }
    // Another user pressing buttons with this attack's id.
    let other = app.user(66, lang);
    app.onboard(&other, ZONE).await;
    for data in [
        format!("D:s:{id}:t:i:9"),
        format!("D:a:{id}"),
        format!("D:x:{id}:t:l:+0"),
        format!("D:d:{id}:t"),
    ] {
        let (made, answer) = app.press(&other, msg, &data).await;
        assert_eq!(answer.as_ref(), Some(&gone), "{data}");
        assert!(made.is_empty(), "{data}: {made:?}");
    }
    assert_eq!(db!(app.store, attack(65, id)).unwrap().unwrap(), before);
    // A deleted attack can't be edited from an old editor.
    let (_, undo) = app.press(&user, msg, &format!("u:{id}")).await;
    assert_eq!(undo, None);
    let (_, answer) = app.press(&user, msg, &format!("D:s:{id}:g:i:9")).await;
    assert_eq!(answer, Some(gone));
    let a = db!(app.store, attack(65, id)).unwrap().unwrap();
    assert_eq!(a.intensity, Some(3));
    app.stop().await;
}

async fn two_old_editor_messages_both_keep_their_edits(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(67, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let (first, id) = (reply.message_id.unwrap(), a.id);
    press(&app, &user, first, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, first, &app.t(lang, "btn-details-all")).await;
    let list = app.say(&user, "/history").await;
    let second = list.message_id.unwrap();
    press(&app, &user, second, "1").await;
    press(&app, &user, second, &app.t(lang, "btn-details-edit")).await;

    // Both editors open the places; each toggles from what it shows.
    let location = app.t(lang, "btn-details-location");
    press(&app, &user, first, &location).await;
    press(&app, &user, second, &location).await;
    press(&app, &user, first, &app.t(lang, "loc-temples")).await;
    // The second screen was drawn before Temples; its toggle reads the attack afresh.
    let fresh = press(&app, &user, second, &app.t(lang, "loc-neck")).await;
    let labels: Vec<String> = fresh.inline_buttons().into_iter().map(|(l, _)| l).collect();
    assert!(
        labels.contains(&chosen(&app, lang, "loc-temples")),
        "{labels:?}"
    );
    press(&app, &user, first, &app.t(lang, "loc-forehead")).await;
    let a = db!(app.store, attack(67, id)).unwrap().unwrap();
    assert_eq!(
        a.locations,
        vec![Location::Forehead, Location::Temples, Location::Neck]
    );

    // One field from each message: both kept.
    press(&app, &user, first, &app.t(lang, "btn-back")).await;
    press(&app, &user, second, &app.t(lang, "btn-back")).await;
    press(&app, &user, first, &app.t(lang, "btn-details-intensity")).await;
    press(&app, &user, second, &app.t(lang, "btn-details-nausea")).await;
    press(&app, &user, first, "8").await;
    let shown = press(&app, &user, second, &app.t(lang, "nausea-marked")).await;
    let a = db!(app.store, attack(67, id)).unwrap().unwrap();
    assert_eq!((a.intensity, a.nausea), (Some(8), Some(Nausea::Marked)));
    let eight = app.tr(
        lang,
        "details-intensity-value",
        &[
            ("value", 8i64.into()),
            ("band", app.t(lang, "band-severe").into()),
        ],
    );
    assert!(
        shown
            .text()
            .unwrap()
            .contains(&line(&app, lang, "intensity", Some(&eight)))
    );
    app.stop().await;
}

async fn the_export_carries_every_detail(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(68, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let (reply, a) = tap(&app, &user).await;
    let (msg, id) = (reply.message_id.unwrap(), a.id);
    app.clock.advance(Duration::minutes(90));
    let ended = press(&app, &user, msg, &app.t(lang, "btn-ended-now")).await;
    assert_eq!(
        ended.inline_buttons(),
        vec![
            (app.t(lang, "took-btn"), format!("M:t:{id}")),
            (app.t(lang, "btn-details-add"), format!("D:a:{id}"))
        ]
    );
    let t = |key: &str| app.t(lang, key);
    press(&app, &user, msg, &t("btn-details-add")).await;
    for label in [
        "7".to_owned(),
        t("loc-temples"),
        t("loc-eyes"),
        t("btn-details-next"),
        t("side-left"),
        t("char-pulsating"),
        t("details-yes"),
        t("nausea-slight"),
        t("details-no"),
        t("details-yes"),
        t("details-yes"),
        t("aura-visual"),
    ] {
        press(&app, &user, msg, &label).await;
    }
    let unknown = t("details-unknown");
    let minutes = app.tr(
        lang,
        "btn-details-aura-min",
        &[("value", unknown.clone().into())],
    );
    press(&app, &user, msg, &minutes).await;
    typed_ok(&app, &user, msg, "20 min").await;
    press(&app, &user, msg, &t("btn-details-next")).await;
    press(&app, &user, msg, &t("trigger-stress")).await;
    let other = app.tr(
        lang,
        "btn-details-trigger-note",
        &[("value", unknown.into())],
    );
    press(&app, &user, msg, &other).await;
    let note = "red wine, \"dry\"; late";
    typed_ok(&app, &user, msg, note).await;
    press(&app, &user, msg, &t("btn-details-next")).await;
    let comment = press(&app, &user, msg, &t("disability-reduced")).await;
    let ten = today(&app, lang, "10:00");
    assert_eq!(
        comment.text(),
        Some(screen(&app, lang, &ten, Some(13), "comment", None).as_str())
    );
    let overview_now = typed_ok(&app, &user, msg, "Took a nap 😴").await;
    assert!(
        overview_now
            .text()
            .unwrap()
            .starts_with(&t("details-title"))
    );

    let doc = crate::export_menu::diary(&app, &user).await;
    let mut reader = csv::Reader::from_reader(doc.files[0].bytes.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| {
        let i = COLUMNS.iter().position(|c| *c == name).unwrap();
        row[i].to_owned()
    };
    assert_eq!(cell("id"), format!("a{id}"));
    assert_eq!(cell("duration_min"), "90");
    for (column, expected) in [
        ("intensity", "7"),
        ("location", "temples;eyes"),
        ("side", "left"),
        ("character", "pulsating"),
        ("worse_with_activity", "true"),
        ("nausea", "slight"),
        ("vomiting", "false"),
        ("light_sensitivity", "true"),
        ("sound_sensitivity", "true"),
        ("aura", "visual"),
        ("aura_min", "20"),
        ("triggers", r#"stress;red wine, "dry"\; late"#),
        ("disability", "reduced"),
        ("comment", "Took a nap 😴"),
    ] {
        assert_eq!(cell(column), expected, "{column}");
    }
    app.stop().await;
}

/// The real binary is killed while the editor waits for a comment; after a restart the
/// typed comment lands in the attack.
async fn a_restart_in_the_middle_of_the_editor_keeps_waiting(backend: Backend) {
    let Some(url) = db::fresh(backend).await else {
        return;
    };
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    let user = TgUser::new(70, Some("en"));
    let sent = |fake: &FakeBot, method: &str| -> Vec<Call> {
        fake.calls()
            .into_iter()
            .filter(|c| c.method == method && c.chat_id() == Some(70))
            .collect()
    };
    let mut first = start(&fake, &url);
    fake.send_text(&user, &i18n.t(Lang::En, "btn-headache-now"));
    until("the one-tap reply", async || {
        !sent(&fake, "sendmessage").is_empty()
    })
    .await;
    let msg = sent(&fake, "sendmessage")[0].message_id.unwrap();
    let store = Db::open(&url).await.unwrap();
    let id = db!(store, latest_open_attack(70)).unwrap().unwrap().id;
    fake.press(&user, msg, &format!("D:f:{id}:t:cm"));
    until("the comment is asked for", async || {
        sent(&fake, "editmessagetext").len() == 1 && db!(store, dialogue(70)).unwrap().is_some()
    })
    .await;
    first.kill().await.unwrap();

    let mut second = start(&fake, &url);
    let comment = "typed after a restart ✍️";
    fake.send_text(&user, comment);
    until("the comment is saved", async || {
        let a = db!(store, attack(70, id)).unwrap().unwrap();
        a.comment.as_deref() == Some(comment)
    })
    .await;
    until("the editor shows it", async || {
        fake.message(70, msg)
            .and_then(|m| m.text)
            .is_some_and(|t| t.contains(comment))
    })
    .await;
    let editor = fake.message(70, msg).unwrap().text.unwrap();
    assert!(editor.contains(comment), "{editor}");
    assert_eq!(db!(store, dialogue(70)).unwrap(), None);
    second.kill().await.unwrap();
}

#[tokio::test]
async fn a_restart_in_the_middle_of_the_editor_keeps_waiting_sqlite() {
    a_restart_in_the_middle_of_the_editor_keeps_waiting(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_restart_in_the_middle_of_the_editor_keeps_waiting_postgres() {
    a_restart_in_the_middle_of_the_editor_keeps_waiting(Backend::Postgres).await;
}

/// A choice's button carries the state it sets: pressed twice (a double tap, or the same
/// update handled again), the choice stays made instead of flipping back.
async fn a_double_tap_on_a_choice_sets_it_once(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(68, lang);
    app.onboard(&user, ZONE).await;
    let (reply, a) = tap(&app, &user).await;
    let msg = reply.message_id.unwrap();
    press(&app, &user, msg, &app.t(lang, "btn-details-add")).await;
    press(&app, &user, msg, &app.t(lang, "btn-details-skip")).await;
    let temples = app.button_data(68, msg, &app.t(lang, "loc-temples"));
    for _ in 0..2 {
        app.press(&user, msg, &temples).await;
    }
    let stored = db!(app.store, attack(68, a.id)).unwrap().unwrap();
    assert_eq!(stored.locations, vec![Location::Temples]);
    // The button now shown unchooses it; pressed twice, it stays unchosen.
    let chosen = app.tr(
        lang,
        "details-chosen",
        &[("label", app.t(lang, "loc-temples").into())],
    );
    let off = app.button_data(68, msg, &chosen);
    assert_ne!(off, temples);
    for _ in 0..2 {
        app.press(&user, msg, &off).await;
    }
    let stored = db!(app.store, attack(68, a.id)).unwrap().unwrap();
    assert!(stored.locations.is_empty(), "{:?}", stored.locations);
    app.stop().await;
}
