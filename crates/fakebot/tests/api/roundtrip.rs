//! The fake through teloxide-core 0.13: every answer must deserialize.

use fakebot::{FakeBot, TgUser};
use serde_json::json;
use teloxide_core::net::Download;
use teloxide_core::prelude::*;
use teloxide_core::types::{
    BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, KeyboardButton,
    KeyboardMarkup, MaybeInaccessibleMessage, UpdateKind,
};

use crate::common::{WAIT, bot};

fn yes_no() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback("Yes", "answer:yes"),
        InlineKeyboardButton::callback("No", "answer:no"),
    ]])
}

#[tokio::test]
async fn teloxide_round_trip() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let user = TgUser::new(42, Some("de"));

    let me = bot.get_me().await.unwrap();
    assert!(me.is_bot);
    assert_eq!(me.username(), "fake_test_bot");
    assert_eq!(me.id, UserId(123_456));

    // The user writes first, so their message takes id 1 in the chat.
    fake.send_text(&user, "/start now");
    let asked = bot
        .send_message(ChatId(42), "Headache?")
        .reply_markup(yes_no())
        .await
        .unwrap();
    assert_eq!(
        asked.id.0, 2,
        "bot and user messages share the chat's counter"
    );
    assert_eq!(asked.text(), Some("Headache?"));
    assert_eq!(asked.reply_markup(), Some(&yes_no()));
    assert_eq!(
        asked.from.as_ref().map(|from| from.id),
        Some(UserId(123_456))
    );
    let call = fake.next_call(WAIT).await.unwrap();
    assert_eq!(
        call.inline_buttons(),
        [
            ("Yes".into(), "answer:yes".into()),
            ("No".into(), "answer:no".into())
        ]
    );
    assert_eq!(call.message_id, Some(2));

    let keyboard =
        KeyboardMarkup::new([[KeyboardButton::new("Mild"), KeyboardButton::new("Severe")]])
            .resize_keyboard();
    let how = bot
        .send_message(ChatId(42), "How bad?")
        .reply_markup(keyboard)
        .await
        .unwrap();
    assert_eq!(how.reply_markup(), None, "reply keyboards are not echoed");
    assert_eq!(
        fake.next_call(WAIT).await.unwrap().reply_keyboard(),
        ["Mild", "Severe"]
    );

    let edited = bot
        .edit_message_text(ChatId(42), asked.id, "Headache now?")
        .reply_markup(yes_no())
        .await
        .unwrap();
    assert_eq!(edited.text(), Some("Headache now?"));
    assert!(edited.edit_date().is_some());

    fake.press(&user, asked.id.0 as i64, "answer:yes");
    fake.send_location(&user, 52.52, 13.405);
    fake.press(&user, 77, "stale");
    let updates = bot.get_updates().timeout(1).await.unwrap();
    assert_eq!(updates.len(), 4);
    let UpdateKind::Message(start) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind)
    };
    assert_eq!(start.text(), Some("/start now"));
    assert_eq!(start.id.0, 1);
    let from = start.from.as_ref().unwrap();
    assert_eq!(
        (from.id, from.language_code.as_deref()),
        (UserId(42), Some("de"))
    );
    assert!(
        start
            .entities()
            .is_some_and(|entities| entities[0].length == 6)
    );
    let UpdateKind::CallbackQuery(query) = &updates[1].kind else {
        panic!("{:?}", updates[1].kind)
    };
    assert_eq!(query.data.as_deref(), Some("answer:yes"));
    let pressed = query
        .message
        .as_ref()
        .and_then(MaybeInaccessibleMessage::regular_message)
        .unwrap();
    assert_eq!(
        pressed.text(),
        Some("Headache now?"),
        "press carries the edited text"
    );
    assert_eq!(pressed.reply_markup(), Some(&yes_no()));
    let UpdateKind::Message(location) = &updates[2].kind else {
        panic!("{:?}", updates[2].kind)
    };
    let location = location.location().unwrap();
    assert_eq!((location.latitude, location.longitude), (52.52, 13.405));
    let UpdateKind::CallbackQuery(stale) = &updates[3].kind else {
        panic!("{:?}", updates[3].kind)
    };
    assert!(matches!(
        stale.message,
        Some(MaybeInaccessibleMessage::Inaccessible(_))
    ));

    let next = updates.last().unwrap().id.0 as i32 + 1;
    assert!(
        bot.get_updates()
            .offset(next)
            .timeout(0)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        (fake.pending_updates(), fake.confirmed_offset()),
        (0, i64::from(next))
    );

    bot.answer_callback_query(query.id.clone())
        .text("Saved")
        .await
        .unwrap();
    bot.delete_message(ChatId(42), how.id).await.unwrap();
    bot.set_my_commands([
        BotCommand::new("start", "Start"),
        BotCommand::new("export", "Export"),
    ])
    .await
    .unwrap();
    bot.delete_webhook().await.unwrap();

    let csv = b"date,intensity\n2024-01-01,3\n".to_vec();
    let document = InputFile::memory(csv.clone()).file_name("export.csv");
    let sent = bot
        .send_document(ChatId(42), document)
        .caption("Your export")
        .reply_markup(yes_no())
        .await
        .unwrap();
    assert_eq!(sent.caption(), Some("Your export"));
    let meta = sent.document().unwrap();
    assert_eq!(meta.file_name.as_deref(), Some("export.csv"));
    let file = bot.get_file(meta.file.id.clone()).await.unwrap();
    assert_eq!(file.size as usize, csv.len());
    let mut downloaded = Vec::new();
    bot.download_file(&file.path, &mut downloaded)
        .await
        .unwrap();
    assert_eq!(downloaded, csv);

    let methods: Vec<_> = fake.calls().into_iter().map(|call| call.method).collect();
    assert_eq!(
        methods,
        [
            "sendmessage",
            "sendmessage",
            "editmessagetext",
            "answercallbackquery",
            "deletemessage",
            "setmycommands",
            "deletewebhook",
            "senddocument",
            "getfile",
        ]
    );
    assert!(fake.message(42, how.id.0 as i64).unwrap().deleted);
}

#[tokio::test]
async fn multipart_calls_are_recorded_with_files() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let document = InputFile::memory(&b"\x00\x01binary"[..]).file_name("data.bin");
    bot.send_document(ChatId(42), document)
        .caption("123")
        .reply_markup(yes_no())
        .await
        .unwrap();
    let call = fake.next_call(WAIT).await.unwrap();
    assert_eq!(call.method, "senddocument");
    assert_eq!(call.params["chat_id"], json!(42));
    assert_eq!(call.text(), Some("123"), "captions stay strings");
    assert_eq!(call.inline_buttons().len(), 2);
    assert_eq!(call.files.len(), 1);
    assert_eq!(call.files[0].field, "document");
    assert_eq!(call.files[0].file_name.as_deref(), Some("data.bin"));
    assert_eq!(call.files[0].bytes, b"\x00\x01binary");
    assert_eq!(call.message_id, Some(1));
}

#[tokio::test]
async fn press_reflects_edits_and_markup_changes() {
    let fake = FakeBot::start().await;
    let bot = bot(&fake);
    let user = TgUser::new(8, None);
    let sent = bot
        .send_message(ChatId(8), "v1")
        .reply_markup(yes_no())
        .await
        .unwrap();
    bot.edit_message_text(ChatId(8), sent.id, "v2")
        .await
        .unwrap();
    let state = fake.message(8, sent.id.0 as i64).unwrap();
    assert_eq!(
        (
            state.text.as_deref(),
            state.reply_markup.as_ref(),
            state.edits
        ),
        (Some("v2"), None, 1)
    );
    bot.edit_message_reply_markup(ChatId(8), sent.id)
        .reply_markup(yes_no())
        .await
        .unwrap();
    fake.press(&user, sent.id.0 as i64, "answer:no");
    let updates = bot.get_updates().await.unwrap();
    let UpdateKind::CallbackQuery(query) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind)
    };
    let message = query
        .message
        .as_ref()
        .and_then(MaybeInaccessibleMessage::regular_message)
        .unwrap();
    assert_eq!(
        (message.text(), message.reply_markup()),
        (Some("v2"), Some(&yes_no()))
    );
    assert_eq!(fake.messages(8).len(), 1);
}
