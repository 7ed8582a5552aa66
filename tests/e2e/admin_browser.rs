//! The admin page in a real browser: headless Chromium (Debian's package, installed by
//! scripts/ensure-tools.sh) driven over the DevTools protocol on a pipe
//! (`--remote-debugging-pipe`: JSON messages ended by NUL on fds 3 and 4, wired to two
//! named pipes by a `bash -c 'exec chromium … 3<in 4>out'` wrapper), so no websocket
//! crate is needed. It signs in by the one-time link, blocks a user through the
//! confirmation form, sends a broadcast the fake Bot API receives, and keeps a screenshot
//! in `target/test-artifacts/admin.png`. A reused link, no session, a forged session
//! cookie and a form posted from another site all fail in the browser too.
//!
//! Without chromium the test is skipped with a notice, unless `CI=true`: then it fails.

use crate::admin::{ADMIN, get, link_token, settings};
use crate::db::Backend;
use crate::harness::TestApp;
use base64::Engine;
use headlog::domain::lang::Lang;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A browser on the DevTools protocol, one page attached.
struct Browser {
    child: std::process::Child,
    to: std::fs::File,
    from: std::sync::mpsc::Receiver<Value>,
    next: u64,
    session: String,
    _dir: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

impl Browser {
    fn launch(exe: &std::path::Path) -> Browser {
        let dir = std::env::temp_dir().join(format!(
            "headlog-chromium-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let (input, output) = (dir.join("in"), dir.join("out"));
        for p in [&input, &output] {
            let ok = std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap();
            assert!(ok.success(), "mkfifo");
        }
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout.starts_with(b"0"))
            .unwrap_or(false);
        // As root Chromium's sandbox cannot start; elsewhere it stays on.
        let sandbox = if root { "--no-sandbox" } else { "" };
        let script = format!(
            "exec {} --headless=new {sandbox} --disable-gpu --disable-dev-shm-usage \
             --no-first-run --no-default-browser-check --disable-extensions \
             --disable-background-networking --window-size=1200,1600 \
             --user-data-dir={} --remote-debugging-pipe about:blank 3<{} 4>{} 2>/dev/null",
            exe.display(),
            dir.join("profile").display(),
            input.display(),
            output.display()
        );
        let child = std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start chromium");
        // The wrapper opens `in` first, then `out`: open them in the same order.
        let to = std::fs::OpenOptions::new()
            .write(true)
            .open(&input)
            .unwrap();
        let out = std::fs::File::open(&output).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(out);
            loop {
                let mut buf = Vec::new();
                match r.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                buf.pop();
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    return;
                }
            }
        });
        let mut b = Browser {
            child,
            to,
            from: rx,
            next: 0,
            session: String::new(),
            _dir: TempDir(dir),
        };
        let target = b.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().unwrap().to_owned();
        let attached = b.call_browser(
            "Target.attachToTarget",
            json!({"targetId": id, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_owned();
        b.call("Page.enable", json!({}));
        b
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if session {
            msg["sessionId"] = Value::from(self.session.clone());
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        self.to.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if v["id"].as_u64() == Some(id) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Evaluates `expr` in the page; its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        );
        r["result"]["value"].clone()
    }

    /// Waits until `expr` is true in the page.
    fn wait(&mut self, expr: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let full = format!("document.readyState === 'complete' && ({expr})");
        loop {
            if self.eval(&full) == Value::Bool(true) {
                return;
            }
            if Instant::now() >= deadline {
                let at = self.eval("location.href + ' ' + document.body.innerText.slice(0, 300)");
                panic!("waited for {expr}; the page: {at}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait(&format!("location.href === {}", json!(url)));
    }

    /// The refusal key the page shows, if it is a refusal.
    fn error_key(&mut self) -> Value {
        self.eval("(document.querySelector('#error') || {dataset: {}}).dataset.key || null")
    }

    fn screenshot(&mut self, path: &std::path::Path) {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves one fixed page on another origin (`localhost` against the admin page's
/// `127.0.0.1`: another site), as an attacker's page would be.
fn serve_elsewhere(html: String) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = s.write_all(reply.as_bytes());
        }
    });
    port
}

fn artifacts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_signs_in_blocks_a_user_and_broadcasts_in_a_real_browser() {
    let Some(exe) = chromium() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true and chromium is not installed (scripts/ensure-tools.sh installs it)");
        }
        eprintln!("SKIPPED: chromium is not installed; set CI=true to make this fail");
        return;
    };
    let Some(app) = TestApp::spawn_with(Backend::Sqlite, &settings(&[])).await else {
        return;
    };
    let admin = app.user(ADMIN, Lang::En);
    let (victim, bystander) = (app.user(970, Lang::En), app.user(971, Lang::Ru));
    app.say(&victim, "/start").await;
    app.say(&bystander, "/start").await;
    let token = link_token(&app, &admin).await;
    let base = format!("http://{}", app.http);
    let mut b = tokio::task::block_in_place(|| Browser::launch(&exe));

    // Without the link: refused.
    tokio::task::block_in_place(|| {
        b.goto(&format!("{base}/admin"));
        assert_eq!(b.error_key(), json!("no_session"));
        // The link signs in once; the page moves on to the dashboard by itself.
        b.call(
            "Page.navigate",
            json!({"url": format!("{base}/admin/login/{token}")}),
        );
        b.wait("location.pathname === '/admin' && !!document.querySelector('#figures')");
        assert_eq!(
            b.eval("document.querySelector('#admin').textContent"),
            json!("900")
        );
        // Block a user: the confirmation page, then its form.
        b.goto(&format!("{base}/admin/users/970/block"));
        b.eval("document.querySelector('#confirm-button').click()");
        b.wait("location.search === '?done=block'");
        assert_eq!(
            b.eval("document.querySelector('#notice').textContent"),
            json!("The user is suspended.")
        );
    });
    assert!(db!(app.store, user_suspended(970)).unwrap());

    // A broadcast: drafted in the form, previewed, sent.
    let text = "Hello from the admin page";
    tokio::task::block_in_place(|| {
        b.eval(&format!(
            "document.querySelector('textarea[name=text]').value = {}; \
             document.querySelector('#new-broadcast').submit()",
            json!(text)
        ));
        b.wait("!!document.querySelector('#send-now')");
        b.eval("document.querySelector('#send-now').click()");
        b.wait("document.querySelector('#status') && document.querySelector('#status').textContent !== 'draft'");
    });
    let got = app
        .calls_after(0, 1, |c| {
            c.method == "sendmessage" && c.text() == Some(text) && c.chat_id() == Some(971)
        })
        .await;
    assert_eq!(got.len(), 1);
    // The suspended user got nothing.
    let to_victim = app
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.chat_id() == Some(970) && c.text() == Some(text))
        .count();
    assert_eq!(to_victim, 0);
    tokio::task::block_in_place(|| {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            b.call("Page.reload", json!({}));
            std::thread::sleep(Duration::from_millis(200));
            b.wait("!!document.querySelector('#counters')");
            if b.eval("document.querySelector('[data-counter=pending]').textContent") == json!("0")
                && b.eval("document.querySelector('[data-counter=sent]').textContent") != json!("0")
            {
                break;
            }
            assert!(Instant::now() < deadline, "counters never settled");
        }
        b.goto(&format!("{base}/admin"));
        b.wait("!!document.querySelector('#broadcasts')");
        b.screenshot(&artifacts().join("admin.png"));
    });

    // A form posted from another site (with the real CSRF token, as if it leaked) fails:
    // the strict cookie stays home, and the origin is not ours.
    let csrf = tokio::task::block_in_place(|| {
        b.eval("document.querySelector('input[name=csrf]').value")
            .as_str()
            .unwrap()
            .to_owned()
    });
    let evil = serve_elsewhere(format!(
        "<!DOCTYPE html><form method=post action=\"{base}/admin/users/971/block\">\
         <input name=csrf value=\"{csrf}\"></form><script>document.forms[0].submit()</script>"
    ));
    tokio::task::block_in_place(|| {
        b.call(
            "Page.navigate",
            json!({"url": format!("http://localhost:{evil}/")}),
        );
        b.wait("location.pathname === '/admin/users/971/block'");
        let key = b.error_key();
        assert!(
            key == json!("cross_site") || key == json!("no_session"),
            "{key}"
        );
    });
    assert!(!db!(app.store, user_suspended(971)).unwrap());

    // The used link again: refused.
    tokio::task::block_in_place(|| {
        b.goto(&format!("{base}/admin/login/{token}"));
        assert_eq!(b.error_key(), json!("login_invalid"));
        // A forged session cookie: refused.
        b.call(
            "Network.setCookie",
            json!({"name": "hl_admin", "value": "C".repeat(43), "url": format!("{base}/admin"),
                   "path": "/admin", "httpOnly": true, "sameSite": "Strict"}),
        );
        b.goto(&format!("{base}/admin"));
        assert_eq!(b.error_key(), json!("no_session"));
    });
    // The page as a plain client sees it: still nothing without a session.
    assert_eq!(
        get(&app, "/admin", None).await.error_key().as_deref(),
        Some("no_session")
    );
    drop(b);
    app.stop().await;
}
