//! The command line: `headlog run | migrate | backup | restore | demo`, each with `--help`.
//! Configuration stays in the environment (or the file `HEADLOG_CONFIG` names), listed at
//! the end of `headlog --help`; the command line only says what to do.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// The settings, shown under `headlog --help`.
pub const SETTINGS: &str = "\
Settings (environment, or a TOML file named by HEADLOG_CONFIG; the README has them all):
  HEADLOG_BOT_TOKEN          required by run: the token from @BotFather
  HEADLOG_DATABASE_URL       sqlite://headlog.db (default) or postgres://user@host/db
  HEADLOG_TELEGRAM_API_URL   https://api.telegram.org (default)
  HEADLOG_HTTP_ADDR          127.0.0.1:8080 (default): /health, /health/ready, /metrics
  HEADLOG_POLL_TIMEOUT       long-polling timeout in seconds, 30 (default), at most 50
  HEADLOG_LOG                log filter, info (default)
  HEADLOG_LOG_FORMAT         text (default) or json, one object a line, on stderr
  HEADLOG_WORKER_THREADS     runtime threads, 1 (default)
  HEADLOG_BACKUP_DIR         daily SQLite backups go here (unset: none)
  HEADLOG_BACKUP_KEEP        how many daily backups are kept, 7 (default)
  HEADLOG_RETENTION_DAYS     erase records older than this, at least 180 (unset: keep all)";

/// A private headache and migraine diary that lives in Telegram.
#[derive(Debug, Parser)]
#[command(name = "headlog", version, after_help = SETTINGS, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the bot (long polling, or the webhook), the HTTP listener and the daily jobs;
    /// stops on SIGTERM or SIGINT after finishing the updates and sends under way
    Run,
    /// Create or update the database schema, then exit (safe to run from several
    /// replicas at once)
    Migrate,
    /// Write a consistent copy of the database to FILE (SQLite: VACUUM INTO, while the bot
    /// runs; PostgreSQL: pg_dump --format=custom)
    Backup {
        /// The file to write (it must not exist)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with a backup (stop the bot first; SQLite refuses while the
    /// file is in use; PostgreSQL: pg_restore --clean --if-exists)
    Restore {
        /// The backup to restore
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Write what headlog makes from a fictional 90-day diary into DIR (the report's text
    /// and pictures in every language, the doctor report, the diary CSV); needs no token
    /// and no Telegram
    Demo {
        /// The directory to write into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_parses_with_its_arguments() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map(|c| c.command);
        assert!(matches!(parse(&["headlog", "run"]), Ok(Command::Run)));
        assert!(matches!(
            parse(&["headlog", "migrate"]),
            Ok(Command::Migrate)
        ));
        assert!(
            matches!(parse(&["headlog", "backup", "--out", "b.db"]), Ok(Command::Backup { out }) if out.as_os_str() == "b.db")
        );
        assert!(
            matches!(parse(&["headlog", "restore", "--from", "b.db"]), Ok(Command::Restore { from }) if from.as_os_str() == "b.db")
        );
        assert!(matches!(
            parse(&["headlog", "demo", "--out", "d"]),
            Ok(Command::Demo { .. })
        ));
        assert!(parse(&["headlog", "backup"]).is_err(), "--out is required");
        assert!(parse(&["headlog", "launch"]).is_err());
    }
}
