//! The command line of the real binary: `--help` lists every command and the settings,
//! each command has its own help, `--version` and `help` work, and a mistake is exit 2
//! with the usage; `migrate` needs no bot token.

use crate::db::{self, Backend};
use crate::process::headlog;
use std::process::Stdio;

/// Runs `headlog <args>`: exit code, stdout, stderr.
async fn run(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = headlog();
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().await.unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn help_lists_every_command_and_the_settings() {
    for args in [&["--help"][..], &["help"], &["-h"]] {
        let (code, out, _) = run(args, &[]).await;
        assert_eq!(code, Some(0), "{args:?}");
        for word in [
            "run",
            "migrate",
            "backup",
            "restore",
            "demo",
            "HEADLOG_BOT_TOKEN",
            "HEADLOG_DATABASE_URL",
            "HEADLOG_LOG_FORMAT",
            "HEADLOG_BACKUP_DIR",
            "HEADLOG_RETENTION_DAYS",
        ] {
            assert!(out.contains(word), "{args:?} names {word}: {out}");
        }
    }
    for (command, option) in [
        ("backup", "--out <FILE>"),
        ("restore", "--from <FILE>"),
        ("demo", "--out <DIR>"),
        ("run", "Usage: headlog run"),
        ("migrate", "Usage: headlog migrate"),
    ] {
        let (code, out, _) = run(&[command, "--help"], &[]).await;
        assert_eq!(code, Some(0), "{command} --help");
        assert!(out.contains(option), "{command} --help: {out}");
        let (code, again, _) = run(&["help", command], &[]).await;
        assert_eq!((code, &again), (Some(0), &out), "help {command}");
    }
    let (code, out, _) = run(&["--version"], &[]).await;
    assert_eq!(code, Some(0));
    assert_eq!(out, format!("headlog {}\n", env!("CARGO_PKG_VERSION")));
}

#[tokio::test]
async fn a_usage_mistake_is_exit_2_with_the_usage() {
    for args in [&[][..], &["launch"], &["backup"], &["restore", "--to", "x"]] {
        let (code, _, err) = run(args, &[]).await;
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("Usage: headlog"), "{args:?}: {err}");
    }
}

#[tokio::test]
async fn migrate_needs_only_the_database() {
    let url = db::fresh(Backend::Sqlite).await.unwrap();
    let (code, _, err) = run(&["migrate"], &[("HEADLOG_DATABASE_URL", &url)]).await;
    assert_eq!(code, Some(0), "{err}");
    let path = url.trim_start_matches("sqlite://");
    assert!(headlog::store::backup::verify_sqlite(std::path::Path::new(path)).is_ok());
}
