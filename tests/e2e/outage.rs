//! A store outage never loses an update: PostgreSQL reached through a TCP proxy that the
//! test cuts (every connection dropped, new ones refused) while the bot runs. Readiness
//! says so within a second; a tap sent meanwhile waits, and once the proxy is back it is
//! recorded exactly once and answered.

use crate::db::{self, Backend};
use crate::harness::{TestApp, t0};
use headlog::domain::lang::Lang;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A proxy to PostgreSQL that can be cut and restored.
struct Proxy {
    addr: SocketAddr,
    up: Arc<AtomicBool>,
    /// Bumped on every cut: connections of an older generation close.
    generation: Arc<AtomicU64>,
}

impl Proxy {
    async fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let generation = Arc::new(AtomicU64::new(0));
        let (up2, gen2) = (up.clone(), generation.clone());
        tokio::spawn(async move {
            loop {
                let Ok((client, _)) = listener.accept().await else {
                    return;
                };
                if !up2.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let born = gen2.load(Ordering::SeqCst);
                let generation = gen2.clone();
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(target).await else {
                        return;
                    };
                    pipe(client, server, born, generation).await;
                });
            }
        });
        Proxy {
            addr,
            up,
            generation,
        }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// Copies both ways until either side closes or the proxy is cut.
async fn pipe(mut a: TcpStream, mut b: TcpStream, born: u64, generation: Arc<AtomicU64>) {
    let (mut buf_a, mut buf_b) = (vec![0u8; 16384], vec![0u8; 16384]);
    loop {
        if generation.load(Ordering::SeqCst) != born {
            return;
        }
        tokio::select! {
            n = a.read(&mut buf_a) => match n {
                Ok(0) | Err(_) => return,
                Ok(n) => if b.write_all(&buf_a[..n]).await.is_err() { return },
            },
            n = b.read(&mut buf_b) => match n {
                Ok(0) | Err(_) => return,
                Ok(n) => if a.write_all(&buf_b[..n]).await.is_err() { return },
            },
            _ = tokio::time::sleep(Duration::from_millis(50)) => {}
        }
    }
}

async fn ready_status(addr: SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response.lines().next().unwrap_or("").to_owned()
}

#[tokio::test]
async fn an_unreachable_postgres_loses_no_update_and_readiness_says_so() {
    let Some(url) = db::fresh(Backend::Postgres).await else {
        return;
    };
    // postgres://user@host:port/name → through the proxy.
    let parsed = url::Url::parse(&url).unwrap();
    let target: SocketAddr = format!(
        "{}:{}",
        parsed.host_str().unwrap(),
        parsed.port().unwrap_or(5432)
    )
    .parse()
    .unwrap();
    let proxy = Proxy::start(target).await;
    let mut via = parsed.clone();
    via.set_port(Some(proxy.addr.port())).unwrap();
    let Some(app) = TestApp::spawn_at(via.as_str()).await else {
        return;
    };
    let user = app.user(57, Lang::En);
    app.onboard(&user, chrono_tz::UTC).await;
    assert_eq!(ready_status(app.http).await, "HTTP/1.1 200 OK");

    proxy.cut();
    let started = std::time::Instant::now();
    let status = ready_status(app.http).await;
    assert_eq!(status, "HTTP/1.1 503 Service Unavailable");
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );

    // The store is down: the update cannot be stored, so its offset is not confirmed and
    // Telegram keeps it; headlog keeps trying to store it.
    let from = app.fake.calls().len();
    app.fake
        .send_text(&user, &app.t(Lang::En, "btn-headache-now"));
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        app.fake
            .calls()
            .iter()
            .skip(from)
            .all(|c| c.chat_id() != Some(57)),
        "nothing answered while the store is down"
    );

    proxy.restore();
    let reply = app
        .calls_after(from, 1, |c| {
            c.chat_id() == Some(57) && c.method == "sendmessage"
        })
        .await;
    assert!(reply[0].text().is_some());
    let direct = headlog::store::Db::open(&url).await.unwrap();
    assert_eq!(
        db!(direct, count_attacks(57)).unwrap(),
        1,
        "recorded exactly once"
    );
    let attack = db!(direct, list_attacks(57, 1, 0)).unwrap().remove(0);
    assert_eq!(
        attack.started_at,
        t0(),
        "stamped when the user tapped, not when handled"
    );
    assert_eq!(ready_status(app.http).await, "HTTP/1.1 200 OK");
    app.stop().await;
}
