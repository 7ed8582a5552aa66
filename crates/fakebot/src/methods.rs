//! The Bot API methods the fake emulates (all but `getUpdates`), executed on
//! the locked state.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::json::{bot_message, me, now_unix};
use crate::reply::Reply;
use crate::state::Inner;
use crate::types::{BotMessage, UploadedFile, as_i64};

/// The result of executing a method: the reply and the id of the message it
/// produced, if any.
pub(crate) type Outcome = (Reply, Option<i64>);

const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply \
     markup are exactly the same as a current content and reply markup of the message";

/// Executes `method` (lowercase) against the state.
pub(crate) fn execute(
    inner: &mut Inner,
    method: &str,
    params: &Value,
    files: &[UploadedFile],
) -> Outcome {
    let result = match method {
        "getme" => Ok(me()),
        "sendmessage" => return send_message(inner, params).unwrap_or_else(|err| (err, None)),
        "senddocument" => {
            return send_media(inner, params, files, "document").unwrap_or_else(|err| (err, None));
        }
        "sendphoto" => {
            return send_media(inner, params, files, "photo").unwrap_or_else(|err| (err, None));
        }
        "editmessagetext" => edit(inner, params, Edit::Text),
        "editmessagecaption" => edit(inner, params, Edit::Caption),
        "editmessagereplymarkup" => edit(inner, params, Edit::Markup),
        "deletemessage" => delete_message(inner, params),
        "getfile" => get_file(inner, params),
        "getwebhookinfo" => Ok(json!({
            "url": "",
            "has_custom_certificate": false,
            "pending_update_count": inner.pending.len(),
        })),
        "getmycommands" => Ok(json!([])),
        "deletewebhook" | "setwebhook" => {
            if params.get("drop_pending_updates").and_then(Value::as_bool) == Some(true) {
                inner.pending.clear();
            }
            Ok(Value::Bool(true))
        }
        "answercallbackquery" => match params.get("callback_query_id") {
            Some(_) => Ok(Value::Bool(true)),
            None => Err(Reply::bad_request(
                "query is too old and response timeout expired or query id is invalid",
            )),
        },
        "setmycommands"
        | "deletemycommands"
        | "setmydescription"
        | "setmyshortdescription"
        | "setmyname"
        | "setchatmenubutton"
        | "sendchataction"
        | "close"
        | "logout" => Ok(Value::Bool(true)),
        _ => Err(Reply::not_found()),
    };
    (result.map_or_else(|err| err, Reply::Ok), None)
}

fn chat_id(params: &Value) -> Result<i64, Reply> {
    params
        .get("chat_id")
        .and_then(as_i64)
        .ok_or_else(|| Reply::bad_request("chat not found"))
}

/// The `reply_markup` if it is an inline keyboard (the only kind a message
/// carries back).
fn inline_markup(params: &Value) -> Option<Value> {
    params
        .get("reply_markup")
        .filter(|markup| markup.get("inline_keyboard").is_some())
        .cloned()
}

/// Stores a new bot message and answers it.
fn store_message(inner: &mut Inner, mut message: BotMessage) -> Outcome {
    let chat = inner.chat(message.chat_id);
    message.message_id = chat.next_message_id();
    let id = message.message_id;
    let result = bot_message(&message, chat.first_name());
    chat.messages.insert(id, message);
    (Reply::Ok(result), Some(id))
}

fn new_message(chat_id: i64, text: Option<String>, params: &Value) -> BotMessage {
    BotMessage {
        chat_id,
        message_id: 0,
        text,
        reply_markup: inline_markup(params),
        deleted: false,
        edits: 0,
        date: now_unix(),
        media: None,
    }
}

fn send_message(inner: &mut Inner, params: &Value) -> Result<Outcome, Reply> {
    let chat_id = chat_id(params)?;
    let text = match params.get("text") {
        Some(Value::String(text)) if !text.trim().is_empty() => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        _ => return Err(Reply::bad_request("message text is empty")),
    };
    Ok(store_message(
        inner,
        new_message(chat_id, Some(text), params),
    ))
}

fn send_media(
    inner: &mut Inner,
    params: &Value,
    files: &[UploadedFile],
    kind: &'static str,
) -> Result<Outcome, Reply> {
    let chat_id = chat_id(params)?;
    let (file_id, name, size) = match files.iter().find(|file| file.field == kind) {
        Some(upload) => {
            let file_id = format!("fake-{kind}-{}", inner.serial());
            let name = upload.file_name.clone().unwrap_or_else(|| kind.to_owned());
            inner.store_file(&file_id, &name, Arc::new(upload.bytes.clone()));
            (file_id, name, upload.bytes.len())
        }
        None => {
            let Some(file_id) = params.get(kind).and_then(Value::as_str) else {
                return Err(Reply::bad_request(&format!(
                    "there is no {kind} in the request"
                )));
            };
            let size = inner.files.get(file_id).map_or(0, |file| file.bytes.len());
            (file_id.to_owned(), kind.to_owned(), size)
        }
    };
    let unique_id = format!("u-{file_id}");
    let media = match kind {
        "photo" => json!([{
            "file_id": file_id, "file_unique_id": unique_id, "file_size": size,
            "width": 90, "height": 90,
        }]),
        _ => json!({
            "file_id": file_id, "file_unique_id": unique_id, "file_size": size, "file_name": name,
        }),
    };
    let caption = params
        .get("caption")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut message = new_message(chat_id, caption, params);
    message.media = Some((kind, media));
    Ok(store_message(inner, message))
}

#[derive(Clone, Copy, PartialEq)]
enum Edit {
    Text,
    Caption,
    Markup,
}

fn edit(inner: &mut Inner, params: &Value, what: Edit) -> Result<Value, Reply> {
    if params.get("inline_message_id").is_some() {
        return Ok(Value::Bool(true));
    }
    let chat_id = chat_id(params)?;
    let message_id = params.get("message_id").and_then(as_i64);
    let chat = inner.chat(chat_id);
    let Some(message) = message_id
        .and_then(|id| chat.messages.get(&id))
        .filter(|message| !message.deleted)
        .cloned()
    else {
        return Err(Reply::bad_request("message to edit not found"));
    };
    let mut edited = message.clone();
    edited.reply_markup = inline_markup(params);
    match what {
        Edit::Text if message.media.is_some() => {
            return Err(Reply::bad_request(
                "there is no text in the message to edit",
            ));
        }
        Edit::Caption if message.media.is_none() => {
            return Err(Reply::bad_request(
                "there is no caption in the message to edit",
            ));
        }
        Edit::Text => match params.get("text") {
            Some(Value::String(text)) if !text.trim().is_empty() => {
                edited.text = Some(text.clone())
            }
            Some(Value::Number(number)) => edited.text = Some(number.to_string()),
            _ => return Err(Reply::bad_request("message text is empty")),
        },
        Edit::Caption => {
            edited.text = params
                .get("caption")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
        Edit::Markup => {}
    }
    if edited.text == message.text && edited.reply_markup == message.reply_markup {
        return Err(Reply::bad_request(NOT_MODIFIED));
    }
    edited.edits += 1;
    let result = bot_message(&edited, chat.first_name());
    chat.messages.insert(edited.message_id, edited);
    Ok(result)
}

fn delete_message(inner: &mut Inner, params: &Value) -> Result<Value, Reply> {
    let chat_id = chat_id(params)?;
    let message_id = params.get("message_id").and_then(as_i64).unwrap_or(0);
    let chat = inner.chat(chat_id);
    match chat.messages.get_mut(&message_id) {
        Some(message) if !message.deleted => message.deleted = true,
        // A user's message (an id the chat handed out but not to the bot,
        // nor to a bot message the fake forgot).
        None if (1..=chat.last_message_id).contains(&message_id)
            && !chat.forgotten.contains(&message_id) => {}
        _ => return Err(Reply::bad_request("message to delete not found")),
    }
    Ok(Value::Bool(true))
}

fn get_file(inner: &Inner, params: &Value) -> Result<Value, Reply> {
    let file = params
        .get("file_id")
        .and_then(Value::as_str)
        .and_then(|file_id| inner.files.get(file_id))
        .ok_or_else(|| Reply::bad_request("invalid file id"))?;
    Ok(json!({
        "file_id": file.file_id,
        "file_unique_id": format!("u-{}", file.file_id),
        "file_size": file.bytes.len(),
        "file_path": file.file_path,
    }))
}
