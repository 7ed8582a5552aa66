//! Backups through the real binary: `headlog backup` while the bot runs, `headlog
//! restore` into a fresh store (a new SQLite file, a scratch PostgreSQL database), and the
//! bot started on the restored store gives every user the same /export CSV, byte for byte.
//! A restore into a SQLite file in use is refused. The scheduled backup keeps N copies.

use crate::db::{self, Backend};
use crate::harness::{TestApp, on_both_stores};
use crate::process::{headlog, until_within};
use fakebot::{Call, TgUser};
use headlog::domain::lang::Lang;
use headlog::store::backup;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

on_both_stores!(
    a_restored_backup_gives_every_user_the_same_export,
    scheduled_backups_keep_the_newest_copies,
);

/// A directory of its own under the temporary directory.
pub fn scratch_dir(what: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir()
        .join("headlog-tests")
        .join(format!("{what}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs `headlog <args>` on the store at `url`: exit code and stderr.
async fn command(url: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = headlog()
        .args(args)
        .env("HEADLOG_DATABASE_URL", url)
        .stderr(Stdio::piped())
        .output()
        .await
        .expect("run headlog");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Presses the button labelled `label` under `msg`: the one edit it made.
async fn press(app: &TestApp, user: &TgUser, msg: i64, label: &str) -> Call {
    let (made, _) = app.press_label(user, msg, label).await;
    assert_eq!(made.len(), 1, "pressing {label:?}: {made:?}");
    made[0].clone()
}

/// A user's diary through the bot: an attack now with a comment, and `extra` more attacks
/// ended at once.
async fn fill(app: &TestApp, user: &TgUser, lang: Lang, comment: &str, extra: usize) {
    app.onboard(user, chrono_tz::Europe::Berlin).await;
    for _ in 0..extra {
        let tap = app.say(user, &app.t(lang, "btn-headache-now")).await;
        press(
            app,
            user,
            tap.message_id.unwrap(),
            &app.t(lang, "btn-ended-now"),
        )
        .await;
    }
    let tap = app.say(user, &app.t(lang, "btn-headache-now")).await;
    let msg = tap.message_id.unwrap();
    press(app, user, msg, &app.t(lang, "btn-details-add")).await;
    press(app, user, msg, &app.t(lang, "btn-details-all")).await;
    press(app, user, msg, &app.t(lang, "btn-details-comment")).await;
    let typed = app.say(user, comment).await;
    assert_eq!(typed.method, "editmessagetext", "the comment is taken");
    app.say(user, "/cancel").await;
}

/// The user's /export file.
async fn export(app: &TestApp, user: &TgUser) -> Vec<u8> {
    let doc = crate::export_menu::diary(app, user).await;
    assert_eq!(doc.method, "senddocument", "{doc:?}");
    doc.files[0].bytes.to_vec()
}

/// Drops a scratch PostgreSQL database made by `db::fresh`.
async fn drop_pg(url: &str) {
    use sqlx::Connection;
    let name = url.rsplit('/').next().unwrap_or_default();
    let mut conn = sqlx::PgConnection::connect(&db::admin_url()).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "drop database if exists {name} with (force)"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
}

async fn a_restored_backup_gives_every_user_the_same_export(b: Backend) {
    if b == Backend::Postgres && backup::pg_tool("pg_dump").is_none() {
        eprintln!("SKIPPED: pg_dump is not installed (Debian: postgresql-client)");
        return;
    }
    let Some(app) = TestApp::spawn(b).await else {
        return;
    };
    let users = [
        (app.user(811, Lang::En), Lang::En, "behind the left eye", 0),
        (
            app.user(812, Lang::Ru),
            Lang::Ru,
            "после кофе, «пульсирует»",
            2,
        ),
        (app.user(813, Lang::En), Lang::En, "=1+2; red wine", 1),
    ];
    let mut before = Vec::new();
    for (user, lang, comment, extra) in &users {
        fill(&app, user, *lang, comment, *extra).await;
        before.push(export(&app, user).await);
    }
    assert!(before.iter().all(|csv| csv.len() > 200), "each has a diary");

    // Online: the bot is running while the copy is taken.
    let dir = scratch_dir("backup");
    let file = dir.join("headlog.backup");
    let file_arg = file.to_str().unwrap();
    let (code, err) = command(&app.db_url, &["backup", "--out", file_arg]).await;
    assert_eq!(code, Some(0), "{err}");
    assert!(file.is_file());
    let (code, err) = command(&app.db_url, &["backup", "--out", file_arg]).await;
    assert_eq!(
        code,
        Some(1),
        "an existing file is never overwritten: {err}"
    );
    assert!(err.contains("exists already"), "{err}");

    let target = db::fresh(b).await.expect("a fresh store");
    let (code, err) = command(&target, &["restore", "--from", file_arg]).await;
    assert_eq!(code, Some(0), "{err}");
    // The same Telegram, the restored store.
    let restored = app.move_to(&target).await;
    for ((user, _, _, _), csv) in users.iter().zip(&before) {
        assert_eq!(
            &export(&restored, user).await,
            csv,
            "user {}'s export after the restore",
            user.id
        );
    }
    if b == Backend::Sqlite {
        let (code, err) = command(&target, &["restore", "--from", file_arg]).await;
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("is in use"),
            "refused while the bot runs: {err}"
        );
    }
    restored.stop().await;
    if b == Backend::Sqlite {
        // A file that is not a headlog database is refused, and the store stays as it was.
        let junk = dir.join("junk.db");
        std::fs::write(&junk, b"not a database").unwrap();
        let (code, err) = command(&target, &["restore", "--from", junk.to_str().unwrap()]).await;
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("not a SQLite database"), "{err}");
        let path = target.trim_start_matches("sqlite://");
        assert!(backup::verify_sqlite(Path::new(path)).is_ok());
        // A damaged database file is what a restore is for: it is replaced.
        std::fs::write(path, b"damaged beyond repair").unwrap();
        let (code, err) = command(&target, &["restore", "--from", file_arg]).await;
        assert_eq!(code, Some(0), "{err}");
        assert!(backup::verify_sqlite(Path::new(path)).is_ok());
    } else {
        drop_pg(&target).await;
    }
}

async fn scheduled_backups_keep_the_newest_copies(b: Backend) {
    let dir = scratch_dir("scheduled");
    // An old backup (deleted as the oldest beyond two) and a file that is none of them.
    std::fs::write(dir.join("headlog-20200101-000000.db"), b"old").unwrap();
    std::fs::write(dir.join("notes.txt"), b"mine").unwrap();
    let d = dir.to_str().unwrap().to_owned();
    let Some(app) = TestApp::spawn_with(
        b,
        &[
            ("HEADLOG_BACKUP_DIR", &d),
            ("HEADLOG_BACKUP_KEEP", "2"),
            // Test-only period: one a second.
            ("HEADLOG_BACKUP_EVERY_SECS", "1"),
        ],
    )
    .await
    else {
        return;
    };
    if b == Backend::Postgres {
        // pg_dump from cron is the way there: the job writes nothing.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let names = backup::scheduled_backups(&dir).unwrap();
        assert_eq!(names.len(), 1, "only the old one: {names:?}");
        app.stop().await;
        return;
    }
    let started = chrono::Utc::now();
    until_within(
        "three rounds of backups",
        Duration::from_secs(15),
        async || {
            let all = backup::scheduled_backups(&dir).unwrap();
            all.len() == 2
                && all[0].0 >= started - chrono::Duration::seconds(1)
                && all[1].0 >= started + chrono::Duration::seconds(2)
        },
    )
    .await;
    app.stop().await;
    let all = backup::scheduled_backups(&dir).unwrap();
    assert_eq!(all.len(), 2, "the newest two are kept: {all:?}");
    for (_, file) in &all {
        backup::verify_sqlite(file).expect("each copy is a sound database");
    }
    assert!(
        dir.join("notes.txt").is_file(),
        "other files are left alone"
    );
    let partial = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .count();
    assert_eq!(partial, 0);
}
