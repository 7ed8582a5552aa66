//! Helpers: a minimal raw HTTP/1.1 client and a teloxide `Bot` for the fake.

use std::time::Duration;

use fakebot::FakeBot;
use serde_json::Value;
use teloxide_core::Bot;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long tests wait for something that should happen at once.
pub const WAIT: Duration = Duration::from_secs(5);

/// A teloxide-core bot pointed at the fake (ignoring any proxy settings).
pub fn bot(fake: &FakeBot) -> Bot {
    let client = teloxide_core::net::default_reqwest_settings()
        .no_proxy()
        .build()
        .expect("reqwest client");
    Bot::with_client(fake.token(), client).set_api_url(fake.api_url().parse().expect("api url"))
}

/// Sends one request (with `Connection: close`) and returns every byte of
/// the answer, up to the server closing the connection (a reset counts as
/// closing).
pub async fn exchange(
    fake: &FakeBot,
    verb: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Vec<u8> {
    let mut stream = TcpStream::connect(fake.addr()).await.expect("connect");
    let mut head = format!(
        "{verb} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        fake.addr(),
        body.len()
    );
    if let Some(content_type) = content_type {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write head");
    stream.write_all(body).await.expect("write body");
    let mut response = Vec::new();
    match tokio::time::timeout(WAIT, stream.read_to_end(&mut response)).await {
        Ok(Ok(_)) => {}
        Ok(Err(err)) if err.kind() == std::io::ErrorKind::ConnectionReset => {}
        Ok(Err(err)) => panic!("read response: {err}"),
        Err(_) => panic!("the server neither answered nor closed the connection"),
    }
    response
}

/// Sends one request and returns the status, the head (status line and
/// headers) and the body.
pub async fn raw_full(
    fake: &FakeBot,
    verb: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let response = exchange(fake, verb, path, content_type, body).await;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status");
    (status, head, response[split + 4..].to_vec())
}

/// Sends one request and returns the status and the body.
pub async fn raw(
    fake: &FakeBot,
    verb: &str,
    path: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (u16, Vec<u8>) {
    let (status, _, body) = raw_full(fake, verb, path, content_type, body).await;
    (status, body)
}

/// POSTs a JSON body to `/bot{token}/{method}` and returns the status, the
/// head and the body as it came.
pub async fn post_raw(fake: &FakeBot, method: &str, body: Value) -> (u16, String, Vec<u8>) {
    let path = format!("/bot{}/{method}", fake.token());
    let body = body.to_string();
    raw_full(
        fake,
        "POST",
        &path,
        Some("application/json"),
        body.as_bytes(),
    )
    .await
}

/// POSTs a JSON body to `/bot{token}/{method}` and parses the JSON answer.
pub async fn post(fake: &FakeBot, method: &str, body: Value) -> (u16, Value) {
    let (status, _, body) = post_raw(fake, method, body).await;
    (status, serde_json::from_slice(&body).expect("JSON answer"))
}
