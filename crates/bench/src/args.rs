//! The command line: `[--quick] [--database-url URL] [--binary PATH] [--verbose]`.

use std::path::PathBuf;
use std::time::Duration;

/// Printed for `--help` and after a malformed command line.
pub const USAGE: &str = "\
usage: headlog-bench [--quick] [--reminders] [--figures] [--export] [--imports] [--database-url URL] [--binary PATH] [--verbose]

Starts the real headlog binary against a fake Telegram Bot API served in this
process, plays many users through a realistic mix of actions and prints figures.

  --quick              a short smoke run (200 chats, 3 s phases) for CI
  --reminders          only the reminder parts (enqueue, delivery at 25/s and 1000/s)
  --figures            only the figures and pictures (90 days and 10 years, in-process)
  --imports            only the imports (100,000 records from the archive and the CSV)
  --export             only the exports (100,000 records, --quick 2,000, in-process)
  --database-url URL   the store to use; default: a fresh SQLite file in a temp dir
                       (a postgres://user@host:port/db URL works too)
  --binary PATH        the headlog binary; default: `headlog` next to this executable
  --verbose            let headlog's standard error through";

/// What the run was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// A short smoke run instead of the full one.
    pub quick: bool,
    /// The store URL given with `--database-url`, if any.
    pub database_url: Option<String>,
    /// The binary given with `--binary`, if any.
    pub binary: Option<PathBuf>,
    /// Whether headlog's standard error is inherited.
    pub verbose: bool,
    /// Only the reminder parts.
    pub reminders_only: bool,
    /// Only the figures and pictures.
    pub figures_only: bool,
    /// Only the imports.
    pub imports_only: bool,
    /// Only the exports.
    pub export_only: bool,
}

impl Options {
    /// Reads the options from the arguments after the program name.
    /// `Ok(None)` means `--help` was asked for.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
        let mut options = Options {
            quick: false,
            database_url: None,
            binary: None,
            verbose: false,
            reminders_only: false,
            figures_only: false,
            imports_only: false,
            export_only: false,
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--verbose" => options.verbose = true,
                "--reminders" => options.reminders_only = true,
                "--figures" => options.figures_only = true,
                "--imports" => options.imports_only = true,
                "--export" => options.export_only = true,
                "--help" | "-h" => return Ok(None),
                "--database-url" => options.database_url = Some(value(&mut args, &arg)?),
                "--binary" => options.binary = Some(PathBuf::from(value(&mut args, &arg)?)),
                other => {
                    if let Some(url) = other.strip_prefix("--database-url=") {
                        options.database_url = Some(url.to_owned());
                    } else if let Some(path) = other.strip_prefix("--binary=") {
                        options.binary = Some(PathBuf::from(path));
                    } else {
                        return Err(format!("unknown argument `{other}`"));
                    }
                }
            }
        }
        Ok(Some(options))
    }

    /// How many chats play.
    pub fn chats(&self) -> usize {
        if self.quick { 200 } else { 2000 }
    }

    /// How long each measured phase lasts.
    pub fn phase_length(&self) -> Duration {
        Duration::from_secs(if self.quick { 3 } else { 10 })
    }
}

/// The value after a flag that needs one.
fn value(args: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, String> {
    args.next()
        .filter(|v| !v.starts_with("--"))
        .ok_or_else(|| format!("{flag} needs a value"))
}

#[cfg(test)]
mod tests {
    use super::Options;

    fn parse(args: &[&str]) -> Result<Option<Options>, String> {
        Options::parse(args.iter().map(|a| (*a).to_owned()))
    }

    #[test]
    fn reads_flags_and_values() {
        let options = parse(&[
            "--quick",
            "--database-url",
            "postgres://x@h/db",
            "--binary=/b",
        ])
        .unwrap()
        .unwrap();
        assert!(options.quick);
        assert_eq!(options.database_url.as_deref(), Some("postgres://x@h/db"));
        assert_eq!(options.chats(), 200);
        assert_eq!(options.binary.unwrap().to_str(), Some("/b"));
    }

    #[test]
    fn rejects_unknown_and_missing_values() {
        assert!(parse(&["--fast"]).is_err());
        assert!(parse(&["--binary"]).is_err());
        assert!(parse(&["--help"]).unwrap().is_none());
    }
}
