//! The headlog child process: where its store lives, starting it against the
//! fake, reading its memory and CPU time from `/proc`, and stopping it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long headlog gets to stop after SIGTERM before it is killed.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// Clock ticks per second of `/proc/<pid>/stat` times (`USER_HZ`, 100 on
/// Linux).
pub const TICKS_PER_SECOND: f64 = 100.0;

/// A directory of its own under the system temp dir, removed on drop.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates a fresh directory named after this process and the time.
    pub fn create() -> Result<TempDir, String> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("headlog-bench-{}-{nanos}", std::process::id());
        let path = std::env::temp_dir().join(name);
        fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create the temp dir {}: {e}", path.display()))?;
        Ok(TempDir { path })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Nothing useful to do if removal fails at the very end.
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// What the child needs to know to talk to the fake and its store.
#[derive(Debug)]
pub struct Launch<'a> {
    /// The headlog binary.
    pub binary: &'a Path,
    /// The fake's token.
    pub token: &'a str,
    /// The fake's base URL.
    pub api_url: &'a str,
    /// The store URL.
    pub database_url: &'a str,
    /// Whether headlog's standard error is inherited.
    pub verbose: bool,
    /// The scheduled lane's limit, when not the default.
    pub scheduled_per_second: Option<u32>,
}

/// User plus system CPU ticks from a `/proc/<pid>/stat` line.
fn process_ticks(stat: &str) -> Option<u64> {
    // The command name (field 2) may hold spaces and parentheses: count
    // fields after its closing parenthesis, which is field 3 (state).
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(14 - 3)?.parse().ok()?;
    let stime: u64 = fields.get(15 - 3)?.parse().ok()?;
    Some(utime + stime)
}

/// Busy CPU ticks of the whole machine, every core and process together, from
/// the first line of `/proc/stat`: user, nice, system, irq, softirq and steal
/// (time the hypervisor gave to other guests).
pub fn machine_busy_ticks() -> Option<u64> {
    machine_busy(fs::read_to_string("/proc/stat").ok()?.lines().next()?)
}

/// The busy ticks of a `/proc/stat` `cpu` line.
fn machine_busy(line: &str) -> Option<u64> {
    let mut fields = line.split_whitespace();
    if fields.next()? != "cpu" {
        return None;
    }
    let values: Vec<u64> = fields.map(|f| f.parse().ok()).collect::<Option<_>>()?;
    let field = |i: usize| values.get(i).copied();
    // user nice system idle iowait irq softirq steal ..
    Some(field(0)? + field(1)? + field(2)? + field(5)? + field(6)? + field(7).unwrap_or(0))
}

/// CPU ticks of this process (the fake and the player, every thread).
pub fn own_ticks() -> Option<u64> {
    process_ticks(&fs::read_to_string("/proc/self/stat").ok()?)
}

/// CPU ticks of every PostgreSQL server process on this machine (the postmaster and its
/// backends), so a PostgreSQL run can count the server's work beside headlog's.
pub fn postgres_ticks() -> Option<u64> {
    let mut total = 0;
    let mut found = false;
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let path = entry.path();
        let Ok(stat) = fs::read_to_string(path.join("stat")) else {
            continue;
        };
        let name = stat
            .find('(')
            .and_then(|open| stat.rfind(')').map(|close| &stat[open + 1..close]));
        if name.is_some_and(|n| n == "postgres" || n.starts_with("postgres:"))
            && let Some(t) = process_ticks(&stat)
        {
            total += t;
            found = true;
        }
    }
    found.then_some(total)
}

/// A running headlog; killed on drop if [`Headlog::stop`] was not called.
#[derive(Debug)]
pub struct Headlog {
    child: Child,
}

impl Headlog {
    /// Starts `headlog run` with its settings in the environment.
    pub fn spawn(launch: &Launch<'_>) -> Result<Headlog, String> {
        let (stdout, stderr) = if launch.verbose {
            (Stdio::inherit(), Stdio::inherit())
        } else {
            (Stdio::null(), Stdio::null())
        };
        let mut command = Command::new(launch.binary);
        if let Some(rate) = launch.scheduled_per_second {
            command.env("HEADLOG_SCHEDULED_PER_SECOND", rate.to_string());
        }
        let child = command
            .arg("run")
            .env("HEADLOG_BOT_TOKEN", launch.token)
            .env("HEADLOG_TELEGRAM_API_URL", launch.api_url)
            .env("HEADLOG_DATABASE_URL", launch.database_url)
            .env("HEADLOG_HTTP_ADDR", "127.0.0.1:0")
            .env("HEADLOG_POLL_TIMEOUT", "30")
            // The closed loop sends each user's next action the moment the last is answered,
            // faster than the per-user flood limit allows: lift it, as it measures throughput.
            .env("HEADLOG_FLOOD_PER_SECOND", "1000000")
            .env("HEADLOG_FLOOD_BURST", "1000000")
            .env(
                "HEADLOG_LOG",
                std::env::var("HEADLOG_BENCH_LOG").unwrap_or_else(|_| "warn".to_owned()),
            )
            .env_remove("HEADLOG_CONFIG")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", launch.binary.display()))?;
        Ok(Headlog { child })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A sentence if the process has exited, `None` while it runs.
    pub fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(format!("headlog exited early ({})", describe(status))),
            Ok(None) => None,
            Err(e) => Some(format!("cannot check on headlog: {e}")),
        }
    }

    /// Resident memory now (`VmRSS`), in MiB.
    pub fn rss_mib(&self) -> Option<f64> {
        status_kib(self.pid(), "VmRSS").map(kib_to_mib)
    }

    /// Peak resident memory (`VmHWM`), in MiB.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        status_kib(self.pid(), "VmHWM").map(kib_to_mib)
    }

    /// User plus system CPU time so far, in clock ticks.
    pub fn cpu_ticks(&self) -> Option<u64> {
        process_ticks(&fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?)
    }

    /// Sends SIGTERM and waits; kills the process if it has not stopped
    /// after [`STOP_GRACE`]. Returns how it ended, for the report.
    pub async fn stop(mut self) -> String {
        if let Ok(Some(status)) = self.child.try_wait() {
            return format!("had already exited ({})", describe(status));
        }
        let term = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !matches!(term, Ok(status) if status.success()) {
            return self.kill("SIGTERM could not be sent");
        }
        let asked = tokio::time::Instant::now();
        while asked.elapsed() < STOP_GRACE {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    let ms = asked.elapsed().as_secs_f64() * 1000.0;
                    return format!("stopped on SIGTERM in {ms:.0} ms ({})", describe(status));
                }
                Ok(None) => tokio::time::sleep(Duration::from_millis(10)).await,
                Err(_) => break,
            }
        }
        self.kill("did not stop within 10 s of SIGTERM")
    }

    /// Kills the process with SIGKILL and reaps it.
    fn kill(&mut self, why: &str) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        format!("{why}; killed")
    }
}

impl Drop for Headlog {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// "exit code 0", "signal 9", ..
fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        (None, None) => "unknown status".to_owned(),
    }
}

/// A `kB` line of `/proc/<pid>/status`, e.g. `VmRSS:   12345 kB`.
fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        value.split_whitespace().next()?.parse().ok()
    })
}

fn kib_to_mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// How the header names the store: never with a password.
pub fn describe_store(database_url: &str, default_sqlite: bool) -> String {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        let rest = database_url.split_once("://").map_or("", |(_, rest)| rest);
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        let host = authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host);
        format!("PostgreSQL at {host}")
    } else if default_sqlite {
        "SQLite (WAL, synchronous=NORMAL), fresh file in a temp dir".to_owned()
    } else {
        format!("SQLite (WAL, synchronous=NORMAL) at {database_url}")
    }
}

#[cfg(test)]
mod tests {
    use super::{describe_store, machine_busy};

    #[test]
    fn machine_busy_ticks_leave_idle_and_iowait_out() {
        let line = "cpu  204919 7 32878 75121 1936 3 1586 1961 0 0";
        assert_eq!(
            machine_busy(line),
            Some(204_919 + 7 + 32_878 + 3 + 1_586 + 1_961)
        );
        assert_eq!(machine_busy("cpu0 1 2 3 4 5 6 7 8"), None);
        assert_eq!(machine_busy("cpu 1 2"), None);
    }

    #[test]
    fn names_the_store_without_secrets() {
        assert_eq!(
            describe_store("postgres://u:secret@10.0.0.1:5432/test", false),
            "PostgreSQL at 10.0.0.1:5432"
        );
        assert!(describe_store("sqlite:///tmp/x.db", false).contains("/tmp/x.db"));
    }
}
