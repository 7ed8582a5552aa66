//! Doses and the attack they belong to, as a new user met them: "Took medication" under
//! the one-tap card, /took during an attack linked to it, the record view listing each
//! dose, a rename that leaves past doses as they were, a painkiller typed in the check-in
//! asked for its class, and a typed intensity in the details editor.

use crate::db::Backend;
use crate::harness::{TestApp, e2e, t0};
use fakebot::TgUser;
use headlog::domain::lang::Lang;
use headlog::domain::medication::MedClass;
use headlog::i18n::Arg;

e2e!(
    took_medication_is_under_the_one_tap_card_and_slash_took_joins_the_attack_going_on,
    the_record_view_lists_each_dose_and_a_rename_leaves_past_doses_as_they_were,
    a_typed_intensity_is_taken_by_the_details_editor,
);

fn s(v: &str) -> Arg {
    Arg::Str(v.to_owned())
}

fn today(app: &TestApp, lang: Lang, time: &str) -> String {
    app.tr(lang, "time-today", &[("time", s(time))])
}

/// One tap; the card and its message id.
async fn one_tap(app: &TestApp, user: &TgUser, lang: Lang) -> (fakebot::Call, i64) {
    let card = app.say(user, &app.t(lang, "btn-headache-now")).await;
    let id = card.message_id.unwrap();
    (card, id)
}

async fn took_medication_is_under_the_one_tap_card_and_slash_took_joins_the_attack_going_on(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(140, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await; // t0 is 10:00 there
    let ibu = db!(
        app.store,
        insert_medication(
            140,
            "Ibuprofen",
            MedClass::Nsaid,
            Some("400 mg"),
            t0().timestamp()
        )
    )
    .unwrap();
    let (card, _) = one_tap(&app, &user, lang).await;
    let attack = db!(app.store, latest_open_attack(140)).unwrap().unwrap();
    let took = app.t(lang, "took-btn");
    let data = format!("M:t:{}", attack.id);
    assert!(
        card.inline_buttons().contains(&(took.clone(), data)),
        "{:?}",
        card.inline_buttons()
    );

    // /took while it goes on: the dose is for that attack.
    let ask = app.say(&user, "/took").await;
    let start = today(&app, lang, "10:00");
    assert_eq!(
        ask.text(),
        Some(
            app.tr(
                lang,
                "took-ask-med-attack",
                &[("start", start.clone().into())]
            )
            .as_str()
        )
    );
    let flow = ask.message_id.unwrap();
    app.press(&user, flow, &format!("M:tm:{}", ibu.id)).await;
    app.press(&user, flow, "M:td").await;
    let (made, _) = app.press(&user, flow, "M:tn").await;
    let recorded = app.tr(
        lang,
        "took-recorded-attack",
        &[
            ("what", s("Ibuprofen 400 mg")),
            ("time", today(&app, lang, "10:00").into()),
            ("start", start.into()),
        ],
    );
    assert_eq!(made[0].text(), Some(recorded.as_str()));
    let doses = db!(app.store, intakes_for_attack(140, attack.id)).unwrap();
    assert_eq!(doses.len(), 1);

    // Ended, the card still offers it.
    let (made, _) = app
        .press_label(
            &user,
            card.message_id.unwrap(),
            &app.t(lang, "btn-ended-now"),
        )
        .await;
    assert!(made[0].inline_buttons().iter().any(|(l, _)| *l == took));

    // With no attack going on, /took records a dose on its own.
    let ask = app.say(&user, "/took").await;
    assert_eq!(ask.text(), Some(app.t(lang, "took-ask-med").as_str()));
    app.stop().await;
}

async fn the_record_view_lists_each_dose_and_a_rename_leaves_past_doses_as_they_were(
    b: Backend,
    lang: Lang,
) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(141, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let med = db!(
        app.store,
        insert_medication(141, "Aspirin 100", MedClass::Nsaid, None, t0().timestamp())
    )
    .unwrap();
    let (card, _) = one_tap(&app, &user, lang).await;
    let (made, _) = app
        .press_label(&user, card.message_id.unwrap(), &app.t(lang, "took-btn"))
        .await;
    let ask = made
        .iter()
        .find(|c| c.method == "sendmessage")
        .and_then(|c| c.message_id)
        .expect("the medication question");
    app.press(&user, ask, &format!("M:tm:{}", med.id)).await;
    let when = app.say(&user, "500 mg").await;
    app.press(&user, when.message_id.unwrap(), "M:tn").await;

    // Renamed on the list: the dose keeps the name it was taken under.
    app.press(&user, ask, &format!("M:en:{}", med.id)).await;
    app.say(&user, "Aspirin").await;
    let renamed = db!(app.store, medication(141, med.id)).unwrap().unwrap();
    assert_eq!(renamed.name, "Aspirin");
    let history = app.say(&user, &app.t(lang, "btn-history")).await;
    // The History line names the dose too.
    let listed = history.text().unwrap();
    assert!(listed.ends_with(" · 💊 Aspirin 100 500 mg"), "{listed}");
    let attack = db!(app.store, latest_open_attack(141)).unwrap().unwrap();
    let (made, _) = app
        .press(
            &user,
            history.message_id.unwrap(),
            &format!("o:{}:0", attack.id),
        )
        .await;
    let view = made[0].text().unwrap().to_owned();
    let line = app.tr(
        lang,
        "record-dose",
        &[
            ("what", s("Aspirin 100 500 mg")),
            ("class", app.t(lang, "medclass-nsaid").into()),
            ("time", today(&app, lang, "10:00").into()),
            ("effect", app.t(lang, "record-effect-unasked").into()),
        ],
    );
    assert!(view.contains(&line), "{view}\n---\n{line}");
    app.stop().await;
}

async fn a_typed_intensity_is_taken_by_the_details_editor(b: Backend, lang: Lang) {
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let user = app.user(142, lang);
    app.onboard(&user, chrono_tz::Europe::Berlin).await;
    let (_, msg) = one_tap(&app, &user, lang).await;
    app.press_label(&user, msg, &app.t(lang, "btn-details-add"))
        .await;
    app.press_label(&user, msg, &app.t(lang, "btn-details-all"))
        .await;
    app.press_label(&user, msg, &app.t(lang, "btn-details-intensity"))
        .await;
    let typed = app.say(&user, "8").await;
    assert_eq!(typed.method, "editmessagetext");
    assert_eq!(typed.target_message_id(), Some(msg));
    app.assert_quiet(142).await;
    let a = db!(app.store, latest_open_attack(142)).unwrap().unwrap();
    assert_eq!(a.intensity, Some(8));
    app.press_label(&user, msg, &app.t(lang, "btn-details-intensity"))
        .await;
    let refused = app.say(&user, "11").await;
    assert_eq!(
        refused.text(),
        Some(app.t(lang, "details-error-intensity").as_str())
    );
    app.stop().await;
}
