//! The evening questionnaire (/checkin): the full "yes" path into the attack and the CSV,
//! the one-tap "no headache today", /back /restart /stop, a day that can't be both,
//! existing attacks filled (not duplicated), typed answers checked, stale and forged
//! buttons, resuming; and the real binary killed in the middle of it.

use crate::db::{self, Backend};
use crate::harness::{TestApp, e2e, t0};
use crate::process::{start, until};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use fakebot::{Call, FakeBot, TgUser};
use headlog::domain::attack::{Attack, Aura, Character, Location, Nausea, Trigger};
use headlog::domain::lang::Lang;
use headlog::domain::medication::MedClass;
use headlog::i18n::{Arg, I18n};
use headlog::service::checkin::Answers;
use headlog::store::Db;

e2e!(
    the_yes_path_fills_every_field_of_the_attack_and_the_csv,
    no_headache_today_is_one_tap,
    back_restart_and_stop_move_through_the_questions,
    a_day_cannot_be_both_and_the_bot_asks_which_is_right,
    existing_attacks_are_filled_not_duplicated,
    typed_answers_are_checked_and_explained,
    stale_and_forged_buttons_change_nothing,
    checkin_resumes_where_it_stopped,
    a_checkin_never_leaves_an_attack_open_the_user_did_not_say_is_going,
    no_to_visual_disturbances_records_no_aura,
);

async fn a_checkin_never_leaves_an_attack_open_the_user_did_not_say_is_going(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 61, lang).await;
    f.answer("/checkin").await;
    f.tap_key("btn-checkin-headache-yes").await;
    // Left after the start question: the attack is over, its end unknown.
    f.say("/stop").await;
    let a = f.attack().await;
    assert!(!a.is_open(), "not open");
    assert!(a.end_unknown && a.ended_at.is_none());
    assert_eq!(a.duration(evening()), None, "no made-up duration");

    // The next one tap records a new attack instead of offering to close the phantom.
    let tap = app.say(&f.user, &f.t("btn-headache-now")).await;
    let list = db!(app.store, list_attacks(f.id(), 10, 0)).unwrap();
    assert_eq!(list.len(), 2, "{:?}", tap.text());
    assert!(list[0].is_open() && list[0].started_at == evening());
    let recorded = f.tr("attack-recorded", &[("start", f.today("21:00").into())]);
    assert!(
        tap.text().unwrap().starts_with(&recorded),
        "{:?}",
        tap.text()
    );

    // History shows the check-in's attack with its end not given, not "ongoing".
    let history = app.say(&f.user, &f.t("btn-history")).await;
    let open = history
        .inline_buttons()
        .into_iter()
        .find(|(_, d)| d == &format!("o:{}:0", a.id))
        .expect("a button for the check-in's attack");
    let (made, _) = app
        .press(&f.user, history.message_id.unwrap(), &open.1)
        .await;
    let view = made[0].text().unwrap().to_owned();
    assert!(view.contains(&f.t("record-end-unknown")), "{view}");
    assert!(!view.contains(&f.t("record-ongoing")), "{view}");
    let unknown = f.tr(
        "record-duration",
        &[("duration", f.t("duration-unknown").into())],
    );
    assert!(view.contains(&unknown), "{view}");
}

async fn no_to_visual_disturbances_records_no_aura(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 62, lang).await;
    f.answer("/checkin").await;
    f.tap_key("btn-checkin-headache-yes").await;
    f.tap_key("btn-checkin-skip").await; // start
    f.tap_key("btn-checkin-skip").await; // end
    assert_eq!(f.attack().await.aura, Vec::<Aura>::new(), "unknown so far");
    f.tap_key("btn-checkin-no").await;
    assert_eq!(f.attack().await.aura, vec![Aura::None]);
}

/// The evening of Tuesday 10 March 2026: 21:00 in Berlin.
fn evening() -> chrono::DateTime<Utc> {
    t0() + Duration::hours(11)
}

fn march(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
}

/// An instant on 10 March given in Berlin wall-clock hours and minutes (UTC+1).
fn local(h: u32, m: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, h - 1, m, 0).unwrap()
}

/// A user going through the questionnaire; `msg` is the message showing the question.
struct Flow<'a> {
    app: &'a TestApp,
    user: TgUser,
    lang: Lang,
    day: String,
    msg: i64,
}

impl<'a> Flow<'a> {
    async fn new(app: &'a TestApp, id: i64, lang: Lang) -> Flow<'a> {
        let user = app.user(id, lang);
        app.onboard(&user, chrono_tz::Europe::Berlin).await;
        app.clock.set(evening());
        let mut flow = Flow {
            app,
            user,
            lang,
            day: String::new(),
            msg: 0,
        };
        flow.day = flow.day_label(2, 10, "checkin-today");
        flow
    }

    fn id(&self) -> i64 {
        self.user.id
    }

    fn t(&self, key: &str) -> String {
        self.app.t(self.lang, key)
    }

    fn tr(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.app.tr(self.lang, key, args)
    }

    /// "today, Tue 10 Mar" (`wrap` = checkin-today / checkin-yesterday / "" for none).
    fn day_label(&self, weekday: u32, day: u32, wrap: &str) -> String {
        let date = self.tr(
            "checkin-date",
            &[
                ("weekday", self.t(&format!("weekday-{weekday}")).into()),
                ("day", day.to_string().into()),
                ("month", self.t("month-3").into()),
            ],
        );
        if wrap.is_empty() {
            date
        } else {
            self.tr(wrap, &[("date", date.into())])
        }
    }

    /// "today 14:30".
    fn today(&self, time: &str) -> String {
        self.tr("time-today", &[("time", time.into())])
    }

    /// "Recorded now: …".
    fn current(&self, value: &str) -> String {
        self.tr("checkin-current", &[("value", value.into())])
    }

    /// The text of question `n` with its notes.
    fn screen(&self, n: i64, notes: &[String], question: Option<&str>) -> String {
        let mut text = self.tr(
            "checkin-header",
            &[
                ("date", self.day.clone().into()),
                ("step", n.into()),
                ("total", 15i64.into()),
            ],
        );
        for note in notes {
            text.push_str("\n\n");
            text.push_str(note);
        }
        if let Some(q) = question {
            text.push_str("\n\n");
            text.push_str(&self.t(q));
        }
        text
    }

    /// Types `text`; the bot answers with a new message (a question, a refusal or the end).
    /// A question asked anew below takes the buttons off the copy above.
    async fn say(&self, text: &str) -> Call {
        let from = self.app.fake.calls().len();
        let old = self.msg;
        let had_buttons = self.live_buttons(old);
        let reply = self.app.say(&self.user, text).await;
        assert_eq!(reply.method, "sendmessage", "{:?}", reply.text());
        if had_buttons && !reply.inline_buttons().is_empty() {
            self.retired(from, old).await;
        }
        reply
    }

    /// Whether message `id` shows buttons that can be pressed.
    fn live_buttons(&self, id: i64) -> bool {
        self.app
            .fake
            .message(self.id(), id)
            .and_then(|m| m.reply_markup)
            .is_some_and(|k| k.to_string().contains("callback_data"))
    }

    /// Waits for message `id` to lose its buttons (calls after `from`).
    async fn retired(&self, from: usize, id: i64) {
        self.app
            .calls_after(from, 1, |c| {
                c.method == "editmessagereplymarkup" && c.target_message_id() == Some(id)
            })
            .await;
        assert!(!self.live_buttons(id), "message {id} keeps live buttons");
    }

    /// Types an answer; the reply is the next question, which becomes the current one.
    async fn answer(&mut self, text: &str) -> Call {
        let reply = self.say(text).await;
        self.msg = reply.message_id.unwrap();
        reply
    }

    /// Types something refused: the reply is exactly `expected`.
    async fn refused(&self, text: &str, expected: &str) {
        let reply = self.say(text).await;
        assert_eq!(reply.text(), Some(expected), "typed {text:?}");
        assert!(reply.inline_buttons().is_empty());
    }

    /// Presses the button labelled `label` on the question: it is edited in place.
    async fn tap(&self, label: &str) -> Call {
        let (mut made, answer) = self.app.press_label(&self.user, self.msg, label).await;
        assert_eq!(answer, None, "pressing {label:?}");
        assert_eq!(made.len(), 1, "pressing {label:?}");
        assert_eq!(made[0].method, "editmessagetext");
        assert_eq!(made[0].target_message_id(), Some(self.msg));
        made.remove(0)
    }

    async fn tap_key(&self, key: &str) -> Call {
        self.tap(&self.t(key)).await
    }

    /// Presses raw data on a message: it must be refused as stale.
    async fn stale(&self, message: i64, data: &str) {
        let (made, answer) = self.app.press(&self.user, message, data).await;
        assert_eq!(answer, Some(self.t("error-stale-button")), "{data}");
        assert!(made.is_empty(), "{data}");
    }

    /// "That's too long (n characters; at most max)".
    fn too_long(&self, key: &str, n: i64, max: i64) -> String {
        self.tr(key, &[("length", n.into()), ("max", max.into())])
    }

    /// "• Ibuprofen 400 mg, today 15:00".
    fn dose_line(&self, name: &str, dose: &str, time: &str) -> String {
        self.tr(
            "checkin-dose-line",
            &[
                ("name", name.into()),
                ("dose", dose.into()),
                ("time", self.today(time).into()),
            ],
        )
    }

    fn labels(&self, call: &Call) -> Vec<String> {
        call.inline_buttons().into_iter().map(|(l, _)| l).collect()
    }

    fn keys(&self, keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| self.t(k)).collect()
    }

    async fn attack(&self) -> Attack {
        let mut all = db!(self.app.store, list_attacks(self.id(), 10, 0)).unwrap();
        assert_eq!(all.len(), 1, "exactly one attack");
        all.remove(0)
    }

    async fn answers(&self, day: NaiveDate) -> Answers {
        let record = db!(self.app.store, day_record(self.id(), day)).unwrap();
        Answers::from_json(record.and_then(|r| r.questionnaire).as_deref())
    }
}

fn times(from: &[&str], extra: &[String]) -> Vec<String> {
    from.iter()
        .map(|s| s.to_string())
        .chain(extra.iter().cloned())
        .collect()
}

const ALL_TIMES: [&str; 6] = ["06:00", "09:00", "12:00", "15:00", "18:00", "21:00"];

async fn the_yes_path_fills_every_field_of_the_attack_and_the_csv(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 60, lang).await;
    let now = evening().timestamp();
    db!(
        app.store,
        insert_medication(60, "Ibuprofen", MedClass::Nsaid, Some("400 mg"), now)
    )
    .unwrap();

    let first = f.answer("/checkin").await;
    assert_eq!(
        first.text(),
        Some(f.screen(1, &[], Some("checkin-q-headache")).as_str())
    );
    assert_eq!(
        first.inline_buttons(),
        vec![
            (f.t("btn-checkin-headache-yes"), "C:1:H:y".to_owned()),
            (f.t("btn-checkin-headache-no-today"), "C:1:H:n".to_owned()),
            (f.t("btn-checkin-other-day"), "C:1:H:d".to_owned()),
        ]
    );

    // Yes: an attack is created (noon until its start is given) and the start is asked.
    let started = f.tap_key("btn-checkin-headache-yes").await;
    let noon = f.current(&f.today("12:00"));
    assert_eq!(
        started.text(),
        Some(f.screen(2, &[noon], Some("checkin-q-started")).as_str())
    );
    assert_eq!(
        f.labels(&started),
        times(&ALL_TIMES, &f.keys(&["btn-checkin-skip"]))
    );
    assert_eq!(f.attack().await.started_at, local(12, 0));

    let ended = f.answer("14:30").await;
    // Created over, its end not yet given: not open, so it blocks no one tap.
    let unknown = f.current(&f.t("checkin-end-unknown"));
    assert_eq!(
        ended.text(),
        Some(f.screen(3, &[unknown], Some("checkin-q-ended")).as_str())
    );
    assert_eq!(
        f.labels(&ended),
        times(
            &["15:00", "18:00", "21:00"],
            &f.keys(&["btn-checkin-still-going", "btn-checkin-skip"])
        )
    );
    let a = f.attack().await;
    assert_eq!(a.started_at, local(14, 30));
    assert!(a.end_unknown && !a.is_open());

    let aura = f.tap("18:00").await;
    assert_eq!(
        aura.text(),
        Some(f.screen(4, &[], Some("checkin-q-aura")).as_str())
    );
    assert_eq!(
        f.labels(&aura),
        f.keys(&["btn-checkin-yes", "btn-checkin-no", "btn-checkin-skip"])
    );
    let location = f.tap_key("btn-checkin-yes").await;
    assert_eq!(
        location.text(),
        Some(f.screen(5, &[], Some("checkin-q-location")).as_str())
    );
    let temples = f.tap_key("btn-checkin-loc-temples").await;
    assert_eq!(temples.text(), location.text(), "the same question, ticked");
    assert!(
        f.labels(&temples)
            .contains(&format!("✓ {}", f.t("btn-checkin-loc-temples")))
    );
    f.tap_key("btn-checkin-loc-forehead").await;
    let character = f.tap_key("btn-checkin-next").await;
    assert_eq!(
        character.text(),
        Some(f.screen(6, &[], Some("checkin-q-character")).as_str())
    );
    let activity = f.tap_key("btn-checkin-pulsating").await;
    assert_eq!(
        activity.text(),
        Some(f.screen(7, &[], Some("checkin-q-activity")).as_str())
    );
    let intensity = f.tap_key("btn-checkin-yes").await;
    assert_eq!(
        intensity.text(),
        Some(f.screen(8, &[], Some("checkin-q-intensity")).as_str())
    );
    let numbers: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
    assert_eq!(
        f.labels(&intensity),
        times(&[], &[numbers, f.keys(&["btn-checkin-skip"])].concat())
    );
    f.refused("11", &f.t("checkin-intensity-invalid")).await;
    let nausea = f.tap("7").await;
    assert_eq!(
        nausea.text(),
        Some(f.screen(9, &[], Some("checkin-q-nausea")).as_str())
    );
    let vomiting = f.tap_key("btn-checkin-nausea-slight").await;
    assert_eq!(
        vomiting.text(),
        Some(f.screen(10, &[], Some("checkin-q-vomiting")).as_str())
    );
    let light = f.tap_key("btn-checkin-no").await;
    assert_eq!(
        light.text(),
        Some(f.screen(11, &[], Some("checkin-q-light")).as_str())
    );
    let sound = f.tap_key("btn-checkin-yes").await;
    assert_eq!(
        sound.text(),
        Some(f.screen(12, &[], Some("checkin-q-sound")).as_str())
    );
    let cause = f.tap_key("btn-checkin-yes").await;
    assert_eq!(
        cause.text(),
        Some(f.screen(13, &[], Some("checkin-q-cause")).as_str())
    );
    f.tap_key("btn-checkin-trigger-stress").await;
    f.tap_key("btn-checkin-trigger-poor_sleep").await;
    let typed = f.answer("red wine").await;
    let note = f.tr("checkin-cause-note", &[("text", "red wine".into())]);
    assert_eq!(
        typed.text(),
        Some(f.screen(13, &[note], Some("checkin-q-cause")).as_str())
    );
    assert!(
        f.labels(&typed)
            .contains(&format!("✓ {}", f.t("btn-checkin-trigger-stress")))
    );

    // Painkillers: one from the list with its default dose, one typed (added to the list).
    let meds = f.tap_key("btn-checkin-next").await;
    assert_eq!(
        meds.text(),
        Some(f.screen(14, &[], Some("checkin-q-meds")).as_str())
    );
    assert_eq!(
        f.labels(&meds),
        times(
            &["Ibuprofen"],
            &f.keys(&["btn-checkin-no-meds", "btn-checkin-skip"])
        )
    );
    let dose = f.tap("Ibuprofen").await;
    let ask_dose = f.tr("checkin-q-dose", &[("name", "Ibuprofen".into())]);
    assert_eq!(dose.text(), Some(f.screen(14, &[ask_dose], None).as_str()));
    assert_eq!(
        f.labels(&dose),
        times(&["400 mg"], &f.keys(&["btn-checkin-skip"]))
    );
    let when = f.tap("400 mg").await;
    let ask_time = f.tr("checkin-q-med-time", &[("name", "Ibuprofen".into())]);
    assert_eq!(when.text(), Some(f.screen(14, &[ask_time], None).as_str()));
    let at_start = f.tr("btn-checkin-at-start", &[("time", "14:30".into())]);
    assert_eq!(f.labels(&when), times(&ALL_TIMES, &[at_start]));
    let more = f.tap("15:00").await;
    let one = format!(
        "{}\n{}",
        f.t("checkin-doses"),
        f.dose_line("Ibuprofen", "400 mg", "15:00")
    );
    assert_eq!(
        more.text(),
        Some(f.screen(14, &[one], Some("checkin-q-more-meds")).as_str())
    );
    f.tap_key("btn-checkin-another").await;
    // Not on the list: its class is asked before its dose.
    let class = f.answer("Sumatriptan").await;
    let ask_class = f.tr("checkin-q-med-class", &[("name", "Sumatriptan".into())]);
    assert_eq!(
        class.text(),
        Some(f.screen(14, &[ask_class], None).as_str())
    );
    assert!(f.labels(&class).contains(&f.t("medclass-triptan")));
    let dose = f.tap_key("medclass-triptan").await;
    let meds = db!(app.store, medications(60)).unwrap();
    assert!(
        meds.iter()
            .any(|m| m.name == "Sumatriptan" && m.class == MedClass::Triptan)
    );
    let ask_dose = f.tr("checkin-q-dose", &[("name", "Sumatriptan".into())]);
    assert_eq!(dose.text(), Some(f.screen(14, &[ask_dose], None).as_str()));
    f.refused("-50 mg", &f.t("checkin-dose-negative")).await;
    f.answer("50 mg").await;
    let more = f.answer("16:00").await;
    let two = format!(
        "{}\n{}\n{}",
        f.t("checkin-doses"),
        f.dose_line("Ibuprofen", "400 mg", "15:00"),
        f.dose_line("Sumatriptan", "50 mg", "16:00")
    );
    assert_eq!(
        more.text(),
        Some(f.screen(14, &[two], Some("checkin-q-more-meds")).as_str())
    );
    let comment = f.tap_key("btn-checkin-no-more").await;
    assert_eq!(
        comment.text(),
        Some(f.screen(15, &[], Some("checkin-q-comment")).as_str())
    );
    let done = f.say("Long day at work").await;
    assert_eq!(
        done.text(),
        Some(
            f.tr("checkin-done", &[("date", f.day.clone().into())])
                .as_str()
        )
    );
    assert_eq!(
        done.reply_keyboard().first(),
        Some(&f.t("btn-headache-now")),
        "the menu"
    );
    assert_eq!(db!(app.store, dialogue(60)).unwrap(), None);

    let a = f.attack().await;
    assert_eq!(
        (a.started_at, a.ended_at),
        (local(14, 30), Some(local(18, 0)))
    );
    assert_eq!(a.aura, vec![Aura::Visual]);
    assert_eq!(a.locations, vec![Location::Forehead, Location::Temples]);
    assert_eq!(a.character, Some(Character::Pulsating));
    assert_eq!(a.worse_with_activity, Some(true));
    assert_eq!(a.intensity, Some(7));
    assert_eq!(a.nausea, Some(Nausea::Slight));
    assert_eq!(
        (a.vomiting, a.light_sensitivity, a.sound_sensitivity),
        (Some(false), Some(true), Some(true))
    );
    assert_eq!(a.triggers, vec![Trigger::Stress, Trigger::PoorSleep]);
    assert_eq!(a.trigger_note.as_deref(), Some("red wine"));
    assert_eq!(a.comment.as_deref(), Some("Long day at work"));
    let intakes = db!(app.store, intakes_for_attack(60, a.id)).unwrap();
    assert_eq!(intakes.len(), 2);
    let meds = db!(app.store, medications(60)).unwrap();
    let suma = meds.iter().find(|m| m.name == "Sumatriptan").unwrap();
    assert_eq!(suma.class, MedClass::Triptan, "asked, not guessed");
    let answers = f.answers(march(10)).await;
    assert_eq!(
        (
            answers.headache,
            answers.attack,
            answers.intensity,
            answers.completed
        ),
        (Some(true), Some(a.id), Some(7), Some(true))
    );
    assert_eq!(answers.medications.map(|m| m.len()), Some(2));

    let doc = crate::export_menu::diary(f.app, &f.user).await;
    let mut reader = csv::Reader::from_reader(doc.files[0].bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows.iter().find(|r| &r[0] == "attack").unwrap();
    let cells: Vec<&str> = (2..=22).map(|i| &row[i]).collect();
    assert_eq!(
        cells,
        [
            "2026-03-10T14:30:00+01:00",
            "2026-03-10T18:00:00+01:00",
            "210",
            "Europe/Berlin",
            "7",
            "forehead;temples",
            "",
            "pulsating",
            "true",
            "slight",
            "false",
            "true",
            "true",
            "visual",
            "",
            "stress;poor_sleep;red wine",
            "Ibuprofen|nsaid|400 mg|2026-03-10T15:00:00+01:00|unknown;\
             Sumatriptan|triptan|50 mg|2026-03-10T16:00:00+01:00|unknown",
            "",
            "",
            "",
            "Long day at work",
        ]
    );
    // The day record holds only the questionnaire, which the CSV does not carry (its
    // answers are in the attack row): a day row would hold nothing, so there is none.
    assert!(f.answers(march(10)).await.completed.is_some());
    assert!(
        !rows.iter().any(|r| &r[0] == "day"),
        "{:?}",
        rows.iter().map(|r| r[1].to_owned()).collect::<Vec<_>>()
    );
    app.stop().await;
}

async fn no_headache_today_is_one_tap(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 61, lang).await;
    f.answer("/checkin").await;
    let meds = f.tap_key("btn-checkin-headache-no-today").await;
    assert_eq!(
        meds.text(),
        Some(
            f.screen(
                14,
                &[f.t("checkin-saved-headache-free")],
                Some("checkin-q-meds")
            )
            .as_str()
        )
    );
    assert_eq!(
        f.labels(&meds),
        f.keys(&["btn-checkin-no-meds", "btn-checkin-skip"])
    );
    let record = db!(app.store, day_record(61, march(10))).unwrap().unwrap();
    assert_eq!(record.headache_free, Some(true));
    assert_eq!(db!(app.store, count_attacks(61)).unwrap(), 0);

    let comment = f.tap_key("btn-checkin-no-meds").await;
    assert_eq!(
        comment.text(),
        Some(f.screen(15, &[], Some("checkin-q-comment")).as_str())
    );
    let done = f.tap_key("btn-checkin-skip").await;
    assert_eq!(
        done.text(),
        Some(
            f.tr("checkin-done", &[("date", f.day.clone().into())])
                .as_str()
        )
    );
    assert!(done.inline_buttons().is_empty());
    assert_eq!(db!(app.store, dialogue(61)).unwrap(), None);
    let record = db!(app.store, day_record(61, march(10))).unwrap().unwrap();
    assert_eq!(
        record.questionnaire.as_deref(),
        Some(r#"{"headache":false,"medications":[],"completed":true}"#)
    );

    // Asked again, the bot says the day is already marked headache-free.
    let again = f.answer("/checkin").await;
    assert_eq!(
        again.text(),
        Some(
            f.screen(
                1,
                &[f.t("checkin-note-headache-free")],
                Some("checkin-q-headache")
            )
            .as_str()
        )
    );
    app.stop().await;
}

async fn back_restart_and_stop_move_through_the_questions(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 62, lang).await;
    for command in ["/back", "/stop", "/restart"] {
        f.refused(command, &f.t("checkin-none-under-way")).await;
    }
    f.answer("/checkin").await;
    f.refused("/back", &f.t("checkin-back-first")).await;
    f.tap_key("btn-checkin-headache-yes").await;
    let ended = f.answer("14:00").await;
    let ended_msg = f.msg;

    let back = f.answer("/back").await;
    let start = f.current(&f.today("14:00"));
    assert_eq!(
        back.text(),
        Some(
            f.screen(2, std::slice::from_ref(&start), Some("checkin-q-started"))
                .as_str()
        )
    );
    let old = ended.inline_buttons()[0].1.clone();
    f.stale(ended_msg, &old).await;
    assert_eq!(
        f.attack().await.ended_at,
        None,
        "the old question's button did nothing"
    );

    f.tap_key("btn-checkin-skip").await;
    f.tap("18:00").await;
    let back = f.answer("/back").await;
    let end = f.current(&f.today("18:00"));
    assert_eq!(
        back.text(),
        Some(f.screen(3, &[end], Some("checkin-q-ended")).as_str())
    );

    let restarted = f.answer("/restart").await;
    let attacks = f.tr("checkin-note-attacks", &[("count", 1i64.into())]);
    assert_eq!(
        restarted.text(),
        Some(
            format!(
                "{}\n\n{}",
                f.t("checkin-restarted"),
                f.screen(1, &[attacks], Some("checkin-q-headache"))
            )
            .as_str()
        )
    );
    let a = f.attack().await;
    assert_eq!(
        (a.started_at, a.ended_at),
        (local(14, 0), Some(local(18, 0)))
    );
    let started = f.tap_key("btn-checkin-headache-yes").await;
    assert_eq!(
        started.text(),
        Some(f.screen(2, &[start], Some("checkin-q-started")).as_str())
    );
    f.attack().await;

    let skip = app.button_data(62, f.msg, &f.t("btn-checkin-skip"));
    let from = app.fake.calls().len();
    let stopped = f.say("/stop").await;
    assert_eq!(stopped.text(), Some(f.t("checkin-stopped").as_str()));
    f.retired(from, f.msg).await;
    assert_eq!(db!(app.store, dialogue(62)).unwrap(), None);
    f.stale(f.msg, &skip).await;
    assert_eq!(f.attack().await.ended_at, Some(local(18, 0)), "kept");
    f.refused("/back", &f.t("checkin-none-under-way")).await;
    app.stop().await;
}

/// The day record's headache-free mark for 10 March.
async fn free_mark(app: &TestApp, user: i64) -> Option<bool> {
    let record = db!(app.store, day_record(user, march(10))).unwrap();
    record.and_then(|r| r.headache_free)
}

async fn a_day_cannot_be_both_and_the_bot_asks_which_is_right(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 63, lang).await;
    app.clock.set(t0()); // 10:00 in Berlin: the one tap.
    app.say(&f.user, &f.t("btn-headache-now")).await;
    app.clock.set(evening());

    let first = f.answer("/checkin").await;
    let attacks = f.tr("checkin-note-attacks", &[("count", 1i64.into())]);
    assert_eq!(
        first.text(),
        Some(f.screen(1, &[attacks], Some("checkin-q-headache")).as_str())
    );
    let conflict = f.tap_key("btn-checkin-headache-no-today").await;
    let list = format!(
        "• {}",
        f.tr(
            "checkin-attack-line-open",
            &[("start", f.today("10:00").into())]
        )
    );
    let asked = f.tr(
        "checkin-q-conflict-attack",
        &[("count", 1i64.into()), ("list", list.into())],
    );
    assert_eq!(conflict.text(), Some(f.screen(1, &[asked], None).as_str()));
    let remove = f.tr("btn-checkin-remove-attacks", &[("count", 1i64.into())]);
    assert_eq!(
        f.labels(&conflict),
        vec![f.t("btn-checkin-was-headache"), remove.clone()]
    );

    // "There was a headache": the one-tap attack is filled in.
    let started = f.tap_key("btn-checkin-was-headache").await;
    let ten = f.current(&f.today("10:00"));
    assert_eq!(
        started.text(),
        Some(f.screen(2, &[ten], Some("checkin-q-started")).as_str())
    );
    f.attack().await;

    // Back, "no" again, and this time the record goes to the trash.
    f.answer("/back").await;
    f.tap_key("btn-checkin-headache-no-today").await;
    let meds = f.tap(&remove).await;
    assert_eq!(
        meds.text(),
        Some(
            f.screen(
                14,
                &[f.t("checkin-saved-headache-free")],
                Some("checkin-q-meds")
            )
            .as_str()
        )
    );
    assert_eq!(db!(app.store, count_attacks(63)).unwrap(), 0);
    assert_eq!(db!(app.store, deleted_attacks(63, 0)).unwrap().len(), 1);
    assert_eq!(free_mark(&app, 63).await, Some(true));

    // "Yes" on a headache-free day: asked again; "no headache after all" keeps the mark.
    let back = f.answer("/back").await;
    assert_eq!(
        back.text(),
        Some(
            f.screen(
                1,
                &[f.t("checkin-note-headache-free")],
                Some("checkin-q-headache")
            )
            .as_str()
        )
    );
    let conflict = f.tap_key("btn-checkin-headache-yes").await;
    assert_eq!(
        conflict.text(),
        Some(f.screen(1, &[], Some("checkin-q-conflict-free")).as_str())
    );
    assert_eq!(
        f.labels(&conflict),
        f.keys(&["btn-checkin-was-headache", "btn-checkin-keep-free"])
    );
    f.tap_key("btn-checkin-keep-free").await;
    assert_eq!(free_mark(&app, 63).await, Some(true));
    assert_eq!(db!(app.store, count_attacks(63)).unwrap(), 0);

    f.answer("/back").await;
    f.tap_key("btn-checkin-headache-yes").await;
    let started = f.tap_key("btn-checkin-was-headache").await;
    let noon = f.current(&f.today("12:00"));
    assert_eq!(
        started.text(),
        Some(f.screen(2, &[noon], Some("checkin-q-started")).as_str())
    );
    assert_eq!(free_mark(&app, 63).await, None, "the mark is taken back");
    assert_eq!(f.attack().await.started_at, local(12, 0));
    app.stop().await;
}

async fn existing_attacks_are_filled_not_duplicated(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 64, lang).await;
    let zone = chrono_tz::Europe::Berlin;
    let early = Attack::new(64, local(9, 0), zone, local(9, 0));
    let early = db!(app.store, insert_attack(&early, None)).unwrap();
    let now = evening().timestamp();
    db!(
        app.store,
        end_attack(64, early.id, local(10, 0).timestamp(), now)
    )
    .unwrap();
    let later = Attack::new(64, local(14, 0), zone, local(14, 0));
    let later = db!(app.store, insert_attack(&later, None)).unwrap();

    let first = f.answer("/checkin").await;
    let two = f.tr("checkin-note-attacks", &[("count", 2i64.into())]);
    assert_eq!(
        first.text(),
        Some(f.screen(1, &[two], Some("checkin-q-headache")).as_str())
    );
    let pick = f.tap_key("btn-checkin-headache-yes").await;
    let asked = f.tr("checkin-q-pick", &[("count", 2i64.into())]);
    assert_eq!(pick.text(), Some(f.screen(1, &[asked], None).as_str()));
    let lines = vec![
        // Within one day, the day is named once.
        f.tr(
            "time-range",
            &[("start", f.today("09:00").into()), ("end", "10:00".into())],
        ),
        f.tr(
            "checkin-attack-line-open",
            &[("start", f.today("14:00").into())],
        ),
    ];
    assert_eq!(f.labels(&pick), lines);
    let started = f.tap(&lines[1]).await;
    let two = f.current(&f.today("14:00"));
    assert_eq!(
        started.text(),
        Some(f.screen(2, &[two], Some("checkin-q-started")).as_str())
    );
    f.tap_key("btn-checkin-skip").await;
    f.tap("18:00").await;
    f.say("/stop").await;

    assert_eq!(db!(app.store, count_attacks(64)).unwrap(), 2, "none added");
    let later = db!(app.store, attack(64, later.id)).unwrap().unwrap();
    assert_eq!(
        (later.started_at, later.ended_at),
        (local(14, 0), Some(local(18, 0)))
    );
    let early_now = db!(app.store, attack(64, early.id)).unwrap().unwrap();
    assert_eq!(
        early_now.ended_at,
        Some(local(10, 0)),
        "the other one untouched"
    );
    assert_eq!(f.answers(march(10)).await.attack, Some(later.id));
    app.stop().await;
}

async fn typed_answers_are_checked_and_explained(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 65, lang).await;
    f.answer("/checkin").await;
    let date = f.tap_key("btn-checkin-other-day").await;
    assert_eq!(
        date.text(),
        Some(f.screen(1, &[], Some("checkin-q-date")).as_str())
    );
    assert_eq!(
        f.labels(&date),
        vec![
            format!("✓ {}", f.t("btn-checkin-today")),
            f.t("btn-checkin-yesterday"),
            f.day_label(7, 8, ""),
        ]
    );
    f.refused("31.02", &f.t("time-error-invalid-date")).await;
    f.refused("2026-03-11", &f.t("checkin-date-future")).await;
    f.refused("someday", &f.t("checkin-date-unrecognised"))
        .await;
    // A day and month just ahead is refused, not moved a year back.
    f.refused("11.03", &f.t("checkin-date-future")).await;
    // Further ahead it is last year's, and the year is shown.
    let last_year = f.answer("31.12").await;
    let dated = f.tr(
        "checkin-date-year",
        &[
            (
                "date",
                f.tr(
                    "checkin-date",
                    &[
                        ("weekday", f.t("weekday-3").into()),
                        ("day", "31".into()),
                        ("month", f.t("month-12").into()),
                    ],
                )
                .into(),
            ),
            ("year", "2025".into()),
        ],
    );
    assert!(
        last_year.text().is_some_and(|t| t.contains(&dated)),
        "{:?} lacks {dated:?}",
        last_year.text()
    );
    f.tap_key("btn-checkin-other-day").await;
    let sunday = f.answer("08.03").await;
    let sunday_label = f.day_label(7, 8, "");
    let today = std::mem::replace(&mut f.day, sunday_label);
    assert_eq!(
        sunday.text(),
        Some(f.screen(1, &[], Some("checkin-q-headache")).as_str())
    );
    assert_eq!(
        f.labels(&sunday),
        f.keys(&[
            "btn-checkin-headache-yes",
            "btn-checkin-headache-no",
            "btn-checkin-other-day"
        ])
    );
    f.tap_key("btn-checkin-other-day").await;
    f.tap_key("btn-checkin-today").await;
    f.day = today;
    let sunday = db!(app.store, day_record(65, march(8))).unwrap();
    assert_eq!(sunday, None, "choosing a day alone records nothing");

    f.tap_key("btn-checkin-headache-yes").await;
    f.refused("23:30", &f.t("checkin-start-future")).await;
    f.refused("25:00", &f.t("time-error-invalid-time")).await;
    assert_eq!(f.attack().await.started_at, local(12, 0), "unchanged");
    f.answer("14:00").await;
    let start = f.today("14:00");
    let before = f.tr("checkin-end-before-start", &[("start", start.into())]);
    f.refused("13:00", &before).await;
    f.refused("23:00", &f.t("checkin-end-future")).await;
    assert_eq!(f.attack().await.ended_at, None);
    f.tap_key("btn-checkin-still-going").await;
    assert!(f.attack().await.is_open(), "said to be still going");
    f.tap_key("btn-checkin-skip").await; // aura
    f.tap_key("btn-checkin-next").await; // location
    f.tap_key("btn-checkin-skip").await; // character
    f.tap_key("btn-checkin-skip").await; // activity
    f.refused("-1", &f.t("checkin-intensity-invalid")).await;
    f.refused("abc", &f.t("checkin-intensity-invalid")).await;
    assert_eq!(f.attack().await.intensity, None);
    for _ in 0..5 {
        f.tap_key("btn-checkin-skip").await; // intensity to sound
    }
    f.refused(
        &"x".repeat(501),
        &f.too_long("checkin-cause-too-long", 501, 500),
    )
    .await;
    assert_eq!(f.attack().await.trigger_note, None);
    f.tap_key("btn-checkin-next").await;
    f.refused(
        &"x".repeat(101),
        &f.too_long("checkin-med-name-too-long", 101, 100),
    )
    .await;
    assert!(db!(app.store, medications(65)).unwrap().is_empty());
    f.answer("Aspirin").await;
    f.tap_key("medclass-nsaid").await;
    f.refused("-1 tablet", &f.t("checkin-dose-negative")).await;
    f.refused(
        &"1".repeat(51),
        &f.too_long("checkin-dose-too-long", 51, 50),
    )
    .await;
    f.answer("1 tablet").await;
    f.refused("23:50", &f.t("checkin-med-time-future")).await;
    f.refused("31.02 10:00", &f.t("time-error-invalid-date"))
        .await;
    let a = f.attack().await;
    assert!(
        db!(app.store, intakes_for_attack(65, a.id))
            .unwrap()
            .is_empty()
    );
    let at_start = f.tr("btn-checkin-at-start", &[("time", "14:00".into())]);
    f.tap(&at_start).await;
    let intakes = db!(app.store, intakes_for_attack(65, a.id)).unwrap();
    assert_eq!(intakes.len(), 1);
    assert_eq!(
        (intakes[0].taken_at, intakes[0].dose.as_deref()),
        (local(14, 0), Some("1 tablet"))
    );
    f.tap_key("btn-checkin-no-more").await;
    f.refused(
        &"c".repeat(2001),
        &f.too_long("checkin-comment-too-long", 2001, 2000),
    )
    .await;
    assert_eq!(f.attack().await.comment, None);
    f.say(&"c".repeat(2000)).await;
    assert_eq!(f.attack().await.comment, Some("c".repeat(2000)));
    app.stop().await;
}

async fn stale_and_forged_buttons_change_nothing(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 66, lang).await;
    f.stale(999, "C:1:H:y").await;
    let now = evening().timestamp();
    db!(app.store, touch_user(67, Some("en"), now)).unwrap();
    let foreign = db!(
        app.store,
        insert_medication(67, "Theirs", MedClass::Triptan, None, now)
    )
    .unwrap();

    f.answer("/checkin").await;
    let yes = app.button_data(66, f.msg, &f.t("btn-checkin-headache-yes"));
    f.tap_key("btn-checkin-headache-no-today").await;
    f.stale(f.msg, &yes).await;
    assert_eq!(db!(app.store, count_attacks(66)).unwrap(), 0);

    let none = app.button_data(66, f.msg, &f.t("btn-checkin-no-meds"));
    let seq: u32 = none.split(':').nth(1).unwrap().parse().unwrap();
    for forged in [
        format!("C:{seq}:M:m{}", foreign.id),
        format!("C:{seq}:M:zz"),
        format!("C:{seq}:H:y"),
        format!("C:{}:M:n", seq + 1),
        format!("C:{seq}:Q:n"),
        "C:garbage".to_owned(),
        format!("C:{seq}:M:m99999999999999999999"),
    ] {
        f.stale(f.msg, &forged).await;
    }
    assert!(
        db!(app.store, intakes_between(66, 0, i64::MAX))
            .unwrap()
            .is_empty()
    );
    assert!(db!(app.store, medications(66)).unwrap().is_empty());
    assert_eq!(f.answers(march(10)).await.medications, None);

    // The real button still works.
    let comment = f.tap_key("btn-checkin-no-meds").await;
    assert_eq!(
        comment.text(),
        Some(f.screen(15, &[], Some("checkin-q-comment")).as_str())
    );
    app.stop().await;
}

async fn checkin_resumes_where_it_stopped(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let mut f = Flow::new(&app, 68, lang).await;
    f.answer("/checkin").await;
    f.tap_key("btn-checkin-headache-yes").await;
    let ended = f.answer("14:00").await;
    let ended_msg = f.msg;
    f.refused("fine", &f.t("time-error-unrecognised")).await;
    f.say("/help").await;

    let resumed = f.answer("/checkin").await;
    let going = f.current(&f.t("checkin-end-unknown"));
    assert_eq!(
        resumed.text(),
        Some(
            format!(
                "{}\n\n{}",
                f.t("checkin-resumed"),
                f.screen(3, &[going], Some("checkin-q-ended"))
            )
            .as_str()
        )
    );
    let old = ended
        .inline_buttons()
        .into_iter()
        .find(|(l, _)| l == "18:00")
        .unwrap()
        .1;
    f.stale(ended_msg, &old).await;
    let aura = f.tap("18:00").await;
    assert_eq!(
        aura.text(),
        Some(f.screen(4, &[], Some("checkin-q-aura")).as_str())
    );
    assert_eq!(f.attack().await.ended_at, Some(local(18, 0)));

    // Typed text where buttons are expected: the question comes again, below, and the copy
    // above loses its buttons (a forged press of them is still refused).
    let aura_msg = f.msg;
    let old = app.button_data(68, aura_msg, &f.t("btn-checkin-yes"));
    let again = f.answer("yes").await;
    assert_eq!(
        again.text(),
        Some(
            format!(
                "{}\n\n{}",
                f.t("checkin-use-buttons"),
                f.screen(4, &[], Some("checkin-q-aura"))
            )
            .as_str()
        )
    );
    f.stale(aura_msg, &old).await;
    f.tap_key("btn-checkin-yes").await;
    assert_eq!(f.attack().await.aura, vec![Aura::Visual]);
    app.stop().await;
}

// ---------------------------------------------------------------------------------------
// The real binary, killed in the middle of the questionnaire.
// ---------------------------------------------------------------------------------------

/// Waits for the first call of `method` to `chat` after `from` (button answers have no chat).
async fn call_after(fake: &FakeBot, from: usize, chat: i64, method: &str) -> Call {
    let found = |fake: &FakeBot| {
        fake.calls().into_iter().skip(from).find(|c| {
            c.method == method && (method == "answercallbackquery" || c.chat_id() == Some(chat))
        })
    };
    until(method, async || found(fake).is_some()).await;
    found(fake).unwrap()
}

/// The callback data of the button labelled `label` on a message as it is now.
fn data(fake: &FakeBot, chat: i64, message: i64, label: &str) -> String {
    let m = fake.message(chat, message).unwrap();
    let markup = m.reply_markup.unwrap_or_default();
    markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_array())
        .flatten()
        .find(|b| b["text"] == label)
        .and_then(|b| b["callback_data"].as_str())
        .unwrap_or_else(|| panic!("no button {label:?} on {message}"))
        .to_owned()
}

async fn killed_in_the_middle_of_the_questionnaire(backend: Backend) {
    let Some(url) = db::fresh(backend).await else {
        return;
    };
    let fake = FakeBot::start().await;
    let i18n = I18n::new().unwrap();
    let t = |key: &str| i18n.t(Lang::En, key);
    let store = Db::open(&url).await.unwrap();
    let now = Utc::now().timestamp();
    db!(store, touch_user(90, Some("en"), now)).unwrap();
    db!(store, set_user_zone(90, chrono_tz::UTC, now)).unwrap();
    let user = TgUser::new(90, Some("en"));
    let press = |message: i64, label: &str| {
        let data = data(&fake, 90, message, label);
        let from = fake.calls().len();
        fake.press(&user, message, &data);
        from
    };

    let mut first = start(&fake, &url);
    let from = fake.calls().len();
    fake.send_text(&user, "/checkin");
    let question = call_after(&fake, from, 90, "sendmessage").await;
    let question = question.message_id.unwrap();
    let from = press(question, &t("btn-checkin-headache-yes"));
    call_after(&fake, from, 90, "editmessagetext").await;
    let from = fake.calls().len();
    fake.send_text(&user, "30 min ago");
    let ended = call_after(&fake, from, 90, "sendmessage").await;
    let ended = ended.message_id.unwrap();
    let from = press(ended, &t("btn-checkin-still-going"));
    call_after(&fake, from, 90, "answercallbackquery").await;
    first.kill().await.unwrap();
    let before = db!(store, list_attacks(90, 10, 0)).unwrap().remove(0);

    // Restarted: the question on screen still works, and /checkin resumes.
    let mut second = start(&fake, &url);
    let from = press(ended, &t("btn-checkin-yes"));
    let answer = call_after(&fake, from, 90, "answercallbackquery").await;
    assert_eq!(answer.text(), None, "answered without complaint");
    let from = fake.calls().len();
    fake.send_text(&user, "/checkin");
    let resumed = call_after(&fake, from, 90, "sendmessage").await;
    let text = resumed.text().unwrap_or_default();
    assert!(text.starts_with(&t("checkin-resumed")), "{text}");
    assert!(text.ends_with(&t("checkin-q-location")), "{text}");
    let location = resumed.message_id.unwrap();
    let from = press(location, &t("btn-checkin-loc-temples"));
    call_after(&fake, from, 90, "answercallbackquery").await;
    let from = fake.calls().len();
    fake.send_text(&user, "/stop");
    call_after(&fake, from, 90, "sendmessage").await;

    assert_eq!(db!(store, count_attacks(90)).unwrap(), 1);
    let a = db!(store, attack(90, before.id)).unwrap().unwrap();
    assert_eq!(
        a.started_at, before.started_at,
        "the start typed before the kill"
    );
    assert!(Utc::now() - a.started_at >= Duration::minutes(29));
    assert_eq!(a.ended_at, None);
    assert_eq!(a.aura, vec![Aura::Visual]);
    assert_eq!(a.locations, vec![Location::Temples]);
    let today = Utc::now().date_naive();
    let records = db!(store, day_records(90, today - Duration::days(1), today)).unwrap();
    assert_eq!(records.len(), 1);
    let answers = Answers::from_json(records[0].questionnaire.as_deref());
    assert_eq!(
        (answers.headache, answers.still_going, answers.aura_visual),
        (Some(true), Some(true), Some(true))
    );
    assert_eq!(answers.locations, Some(vec!["temples".to_owned()]));
    assert!(answers.started_at.is_some());
    second.kill().await.unwrap();
}

#[tokio::test]
async fn a_questionnaire_survives_a_killed_process_sqlite() {
    killed_in_the_middle_of_the_questionnaire(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_questionnaire_survives_a_killed_process_postgres() {
    killed_in_the_middle_of_the_questionnaire(Backend::Postgres).await;
}
