//! Reading request parameters: JSON bodies, `multipart/form-data` (text parts
//! and files), url-encoded forms and the query string.

use axum::extract::{FromRequest, Multipart, Query, Request};
use axum::http::{Uri, header};
use serde_json::{Map, Value};

use crate::types::UploadedFile;

/// Largest body the fake reads (Telegram allows 50 MB uploads).
pub(crate) const BODY_LIMIT: usize = 64 << 20;

/// Parameters whose text values stay strings even if they parse as JSON
/// (a caption "42" is not the number 42).
const STRING_PARAMS: &[&str] = &[
    "text",
    "caption",
    "parse_mode",
    "callback_query_id",
    "inline_message_id",
    "file_id",
    "url",
    "secret_token",
    "ip_address",
    "business_connection_id",
    "message_effect_id",
    "document",
    "photo",
    "audio",
    "video",
    "voice",
    "animation",
    "sticker",
    "thumbnail",
    "file_name",
    "title",
    "description",
    "short_description",
    "name",
    "language_code",
];

/// Converts a text value (multipart part, form or query value) to JSON:
/// parsed as JSON where possible (`"42"` -> 42, a JSON object string ->
/// object), else kept as a string.
pub(crate) fn text_param(name: &str, value: String) -> Value {
    if STRING_PARAMS.contains(&name) {
        return Value::String(value);
    }
    serde_json::from_str(&value).unwrap_or(Value::String(value))
}

/// All parameters of a request and its uploaded files. An error is a
/// description for a 400 answer.
pub(crate) async fn read(request: Request) -> Result<(Value, Vec<UploadedFile>), String> {
    let mut params = Map::new();
    if let Some(query) = request.uri().query() {
        decode_pairs(query, &mut params)?;
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut files = Vec::new();
    if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &())
            .await
            .map_err(|rejection| rejection.body_text())?;
        files = read_multipart(multipart, &mut params).await?;
    } else {
        let body = axum::body::to_bytes(request.into_body(), BODY_LIMIT)
            .await
            .map_err(|err| format!("cannot read body: {err}"))?;
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let body =
                std::str::from_utf8(&body).map_err(|_| "form body is not UTF-8".to_owned())?;
            decode_pairs(body, &mut params)?;
        } else if !body.iter().all(u8::is_ascii_whitespace) {
            match serde_json::from_slice(&body) {
                Ok(Value::Object(map)) => params.extend(map),
                Ok(_) => return Err("parameters must be a JSON object".to_owned()),
                Err(err) => return Err(format!("can't parse JSON body: {err}")),
            }
        }
    }
    Ok((Value::Object(params), files))
}

/// Decodes `a=1&b=x` into `params`.
fn decode_pairs(encoded: &str, params: &mut Map<String, Value>) -> Result<(), String> {
    let uri: Uri = format!("/?{encoded}")
        .parse()
        .map_err(|_| "malformed url-encoded parameters".to_owned())?;
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map_err(|rejection| rejection.body_text())?;
    for (name, value) in pairs {
        let value = text_param(&name, value);
        params.insert(name, value);
    }
    Ok(())
}

/// Reads all parts: text parts into `params`, the rest as files. A file
/// referenced as `"field": "attach://part"` is reported under `field`.
async fn read_multipart(
    mut multipart: Multipart,
    params: &mut Map<String, Value>,
) -> Result<Vec<UploadedFile>, String> {
    let mut files = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|err| err.body_text())?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|err| err.body_text())?.to_vec();
        let bytes = if file_name.is_none() {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let value = text_param(&name, text);
                    params.insert(name, value);
                    continue;
                }
                Err(err) => err.into_bytes(),
            }
        } else {
            bytes
        };
        let file_name = file_name.filter(|name| !name.is_empty());
        files.push(UploadedFile {
            field: name,
            file_name,
            bytes,
        });
    }
    for file in &mut files {
        let reference = format!("attach://{}", file.field);
        if let Some((field, _)) = params
            .iter()
            .find(|(_, value)| value.as_str() == Some(reference.as_str()))
        {
            file.field = field.clone();
        }
    }
    Ok(files)
}
