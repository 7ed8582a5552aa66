//! The run from start to end: the fake, the child, every phase in order,
//! and the printed figures.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fakebot::FakeBot;

use crate::args::Options;
use crate::child::{Headlog, Launch, TICKS_PER_SECOND, TempDir, describe_store};
use crate::engine::Engine;
use crate::phase::Mode;
use crate::report::{self, PhaseStats};

/// How long headlog gets to make its first `getUpdates`.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the fake's `getUpdates` counter is read while starting.
const START_POLL: Duration = Duration::from_micros(500);
/// Users onboarding at once during the warm-up.
const WARMUP_PARALLEL: usize = 256;
/// Seed of the action mix: the same on every run.
const SEED: u64 = 0x5EED_4EAD_10C0;

/// Runs everything; the error is one sentence for the user.
pub async fn run(options: &Options, binary: &Path) -> Result<(), String> {
    let began = Instant::now();
    let fake = FakeBot::start().await;
    let calls = fake.subscribe();
    fake.set_recording(false);

    // Declared before the child, so it is removed after the child is gone.
    let temp = TempDir::create()?;
    let database_url = match &options.database_url {
        Some(url) => url.clone(),
        None => format!("sqlite://{}/bench.db", temp.path().display()),
    };
    print_header(options, binary, &database_url);

    let api_url = fake.api_url();
    let launch = Launch {
        binary,
        token: fake.token(),
        api_url: &api_url,
        database_url: &database_url,
        verbose: options.verbose,
        scheduled_per_second: None,
    };
    let (mut child, startup) = start(&launch, &fake).await?;
    let startup_ms = startup.as_secs_f64() * 1000.0;
    println!("start-up to first getUpdates   {startup_ms:.1} ms");

    let idle_cpu_before = child.cpu_ticks();
    tokio::time::sleep(Duration::from_secs(1)).await;
    if let Some(why) = child.exited() {
        return Err(why);
    }
    let idle_rss = child.rss_mib();
    println!(
        "idle memory (VmRSS after 1 s)  {} MiB",
        report::fmt_opt(idle_rss, 1)
    );
    let idle_cpu_ms = match (idle_cpu_before, child.cpu_ticks()) {
        (Some(before), Some(after)) => {
            Some(after.saturating_sub(before) as f64 * 1000.0 / TICKS_PER_SECOND)
        }
        _ => None,
    };
    println!(
        "idle CPU over that 1 s         {} ms",
        report::fmt_opt(idle_cpu_ms, 0)
    );

    let chats = options.chats();
    let mut engine = Engine::new(fake, calls, chats, first_chat_id(), SEED);
    engine.count_postgres = database_url.starts_with("postgres");
    let warmup = engine
        .run(
            Mode::Warmup {
                parallel: WARMUP_PARALLEL,
            },
            &mut child,
        )
        .await?;
    print_warmup(&warmup, engine.onboarded(), chats);

    let window = options.phase_length();
    let phases = [
        (
            "open loop 50/s",
            "50",
            Mode::Open {
                per_second: 50.0,
                window,
            },
        ),
        (
            "open loop 500/s",
            "500",
            Mode::Open {
                per_second: 500.0,
                window,
            },
        ),
        ("saturation (closed)", "max", Mode::Closed { window }),
    ];
    println!("\n{}", report::phase_header());
    let mut measured = Vec::new();
    for (name, target, mode) in phases {
        let stats = engine.run(mode, &mut child).await?;
        println!("{}", report::phase_row(name, target, &stats));
        measured.push((name, stats));
    }

    let peak = child.peak_rss_mib();
    println!(
        "\npeak memory (VmHWM)            {} MiB",
        report::fmt_opt(peak, 1)
    );
    print_goals(startup_ms, idle_rss, &measured);
    let stopped = child.stop().await;
    println!(
        "\nheadlog {stopped}; the run took {:.1} s",
        began.elapsed().as_secs_f64()
    );
    drop(temp);
    Ok(())
}

/// Spawns headlog and waits for its first `getUpdates`; returns the child
/// and the time from spawning to that request.
async fn start(launch: &Launch<'_>, fake: &FakeBot) -> Result<(Headlog, Duration), String> {
    let spawned = Instant::now();
    let mut child = Headlog::spawn(launch)?;
    let fake = fake.clone();
    // Polled every 0.5 ms on a blocking thread: tokio's timer is 1 ms coarse.
    let waited = tokio::task::spawn_blocking(move || {
        loop {
            if fake.get_updates_count() > 0 {
                return (child, Ok(spawned.elapsed()));
            }
            if let Some(why) = child.exited() {
                return (
                    child,
                    Err(format!(
                        "the bot did not start: {why} (run with --verbose to see its log)"
                    )),
                );
            }
            if spawned.elapsed() > START_TIMEOUT {
                return (
                    child,
                    Err(
                        "the bot did not start: no getUpdates within 30 s of spawning headlog \
                         (run with --verbose to see its log)"
                            .to_owned(),
                    ),
                );
            }
            std::thread::sleep(START_POLL);
        }
    })
    .await;
    let (child, startup) = waited.map_err(|e| format!("the start-up watcher failed: {e}"))?;
    Ok((child, startup?))
}

/// Chat ids of this run: different per run, so a reused PostgreSQL
/// database sees new users (and `/start` onboards them) every time.
fn first_chat_id() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    1_000_000_000 + (secs % 100_000) as i64 * 100_000
}

fn print_header(options: &Options, binary: &Path, database_url: &str) {
    let bench_profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let binary_profile = binary
        .parent()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str())
        .unwrap_or("?");
    println!(
        "headlog-bench ({} run)",
        if options.quick { "quick" } else { "full" }
    );
    println!("  binary   {}", binary.display());
    println!(
        "  store    {}",
        describe_store(database_url, options.database_url.is_none())
    );
    println!("  chats    {}", options.chats());
    println!(
        "  phases   {} s each; mix: headache now 30%, ended now 25%, history 20%, \
         open record 10%, help 10%, export 5%",
        options.phase_length().as_secs()
    );
    println!(
        "  profile  bench built {bench_profile}; headlog from target dir `{binary_profile}`\n"
    );
    if bench_profile != "release" || binary_profile == "debug" {
        println!(
            "  warning: an unoptimised build is measured, whose figures are not comparable with \
             a release build's (a debug headlog takes about 2.5 times the CPU per action and \
             answers less than half as many actions at saturation); build \
             with `cargo build --release -p headlog -p headlog-bench`\n"
        );
    }
}

fn print_warmup(stats: &PhaseStats, onboarded: usize, chats: usize) {
    let secs = stats.elapsed.as_secs_f64();
    println!(
        "warm-up (not measured)         {onboarded} of {chats} chats onboarded in {secs:.1} s \
         ({} actions, {:.0}/s)",
        stats.completed,
        report::per_second(stats.completed, stats.elapsed),
    );
    if stats.lost > 0 || stats.unexpected > 0 {
        println!(
            "  warning: {} warm-up actions lost, {} unexpected replies",
            stats.lost, stats.unexpected
        );
    }
}

fn print_goals(startup_ms: f64, idle_rss: Option<f64>, measured: &[(&str, PhaseStats)]) {
    println!("\ngoals (printed for reading, not asserted)");
    println!(
        "{}",
        report::goal_line(
            &format!("start-up ≤ {} ms", report::GOAL_STARTUP_MS),
            &format!("{startup_ms:.1} ms"),
            &report::verdict(Some(startup_ms), report::GOAL_STARTUP_MS, "ms"),
        )
    );
    println!(
        "{}",
        report::goal_line(
            &format!("idle RSS ≤ {} MiB", report::GOAL_IDLE_RSS_MIB),
            &format!("{} MiB", report::fmt_opt(idle_rss, 1)),
            &report::verdict(idle_rss, report::GOAL_IDLE_RSS_MIB, "MiB"),
        )
    );
    let p99 = measured
        .first()
        .and_then(|(_, stats)| stats.latency_ms(0.99));
    println!(
        "{}",
        report::goal_line(
            &format!("p99 at 50/s ≤ {} ms", report::GOAL_P99_AT_50_MS),
            &format!("{} ms", report::fmt_opt(p99, 2)),
            &report::verdict(p99, report::GOAL_P99_AT_50_MS, "ms"),
        )
    );
    for (name, stats) in measured {
        let cpu = stats.cpu_per_1k();
        println!(
            "{}",
            report::goal_line(
                &format!("CPU ≤ {} s per 1,000 actions", report::GOAL_CPU_PER_1K),
                &format!("{} s ({name})", report::fmt_opt(cpu, 3)),
                &report::verdict(cpu, report::GOAL_CPU_PER_1K, "s"),
            )
        );
    }
    let busiest = measured
        .iter()
        .filter_map(|(_, stats)| stats.other_cores())
        .reduce(f64::max);
    if let Some(warning) = report::contention_warning(busiest) {
        println!("{warning}");
    }
    let lost: u64 = measured.iter().map(|(_, stats)| stats.lost).sum();
    if lost > 0 {
        println!("  warning: {lost} measured actions got no (complete) reply");
    }
}
