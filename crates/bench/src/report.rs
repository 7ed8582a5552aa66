//! Figures: what a phase counted, percentiles, and the goals printed beside
//! the figures (read, never asserted).

use std::time::Duration;

use crate::child::TICKS_PER_SECOND;

/// Goal: CPU seconds of headlog per 1,000 actions.
pub const GOAL_CPU_PER_1K: f64 = 0.25;
/// Goal: resident memory when idle, MiB.
pub const GOAL_IDLE_RSS_MIB: f64 = 20.0;
/// Goal: p99 latency at 50 actions/s, ms.
pub const GOAL_P99_AT_50_MS: f64 = 5.0;
/// Goal: start-up to the first `getUpdates`, ms.
pub const GOAL_STARTUP_MS: f64 = 100.0;

/// What one phase counted.
#[derive(Clone, Debug, Default)]
pub struct PhaseStats {
    /// Latency of each answered action to its first reply, microseconds.
    pub latencies_us: Vec<u64>,
    /// Actions started.
    pub started: u64,
    /// Actions whose replies all arrived.
    pub completed: u64,
    /// Of those, the ones completed before the phase's window closed.
    pub completed_in_window: u64,
    /// Actions whose replies did not all arrive in time.
    pub lost: u64,
    /// Chat-bound calls that matched no action in flight.
    pub unexpected: u64,
    /// Open-loop starts that found no idle user.
    pub skipped: u64,
    /// How long new actions were started.
    pub window: Duration,
    /// From the first start to the last reply (the window plus the drain).
    pub elapsed: Duration,
    /// headlog's CPU time over the phase, clock ticks (`None` if unreadable).
    pub cpu_ticks: Option<u64>,
    /// The PostgreSQL server's CPU time over the phase, for a PostgreSQL run.
    pub db_ticks: Option<u64>,
    /// CPU time the rest of the machine used over the phase: every other
    /// process, and time the hypervisor gave to other guests.
    pub other_ticks: Option<u64>,
}

impl PhaseStats {
    /// Achieved actions per second within the window.
    pub fn rate(&self) -> f64 {
        per_second(self.completed_in_window, self.window)
    }

    /// The `q` quantile (0..=1) of the latencies, in ms.
    pub fn latency_ms(&self, q: f64) -> Option<f64> {
        percentile(&self.latencies_us, q).map(|us| us as f64 / 1000.0)
    }

    /// headlog's CPU seconds per 1,000 completed actions.
    pub fn cpu_per_1k(&self) -> Option<f64> {
        self.per_1k(self.cpu_ticks?)
    }

    /// The PostgreSQL server's CPU seconds per 1,000 completed actions.
    pub fn db_cpu_per_1k(&self) -> Option<f64> {
        self.per_1k(self.db_ticks?)
    }

    /// How many cores the rest of the machine kept busy on average during
    /// the phase (other processes, a build, other guests).
    pub fn other_cores(&self) -> Option<f64> {
        let ticks = self.other_ticks?;
        let secs = self.elapsed.as_secs_f64();
        (secs > 0.0).then(|| ticks as f64 / TICKS_PER_SECOND / secs)
    }

    fn per_1k(&self, ticks: u64) -> Option<f64> {
        if self.completed == 0 {
            return None;
        }
        Some(ticks as f64 / TICKS_PER_SECOND / self.completed as f64 * 1000.0)
    }
}

/// `count / window` in 1/s (0 for an empty window).
pub fn per_second(count: u64, window: Duration) -> f64 {
    let secs = window.as_secs_f64();
    if secs > 0.0 { count as f64 / secs } else { 0.0 }
}

/// The nearest-rank `q` quantile of `values` (sorted here on a copy).
pub fn percentile(values: &[u64], q: f64) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (q.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// The column header of the phase table.
pub fn phase_header() -> String {
    format!(
        "{:<22} {:>9} {:>9} {:>8} {:>8} {:>8} {:>9} {:>6}",
        "phase", "target/s", "actual/s", "p50 ms", "p95 ms", "p99 ms", "CPU-s/1k", "lost"
    )
}

/// One row of the phase table, plus a line of counts.
pub fn phase_row(name: &str, target: &str, stats: &PhaseStats) -> String {
    let ms = |q| fmt_opt(stats.latency_ms(q), 2);
    let mut row = format!(
        "{:<22} {:>9} {:>9.1} {:>8} {:>8} {:>8} {:>9} {:>6}",
        name,
        target,
        stats.rate(),
        ms(0.50),
        ms(0.95),
        ms(0.99),
        fmt_opt(stats.cpu_per_1k(), 3),
        stats.lost,
    );
    row.push_str(&format!(
        "\n{:<22} {} started, {} answered ({} in the {:.1} s window), drained after {:.1} s",
        "",
        stats.started,
        stats.completed,
        stats.completed_in_window,
        stats.window.as_secs_f64(),
        stats.elapsed.as_secs_f64(),
    ));
    if let Some(cores) = stats.other_cores() {
        row.push_str(&format!("; other processes busy {cores:.2} cores"));
    }
    if let (Some(db), Some(own)) = (stats.db_cpu_per_1k(), stats.cpu_per_1k()) {
        row.push_str(&format!(
            "\n{:<22} PostgreSQL server CPU {db:.3} s/1k; headlog + server {:.3} s/1k",
            "",
            own + db
        ));
    }
    if stats.skipped > 0 {
        row.push_str(&format!(", {} starts found no idle user", stats.skipped));
    }
    if stats.unexpected > 0 {
        row.push_str(&format!(", {} unexpected replies", stats.unexpected));
    }
    row
}

/// Above this many cores busy elsewhere during a measured phase, its figures
/// are not those of the machine at rest.
pub const OTHER_CORES_WARNING: f64 = 0.25;

/// A warning if the rest of the machine was busy during a measured phase.
pub fn contention_warning(busiest: Option<f64>) -> Option<String> {
    let cores = busiest.filter(|&cores| cores > OTHER_CORES_WARNING)?;
    let of = std::thread::available_parallelism().map_or(0, usize::from);
    Some(format!(
        "  warning: other processes kept {cores:.2} of {of} cores busy during a measured phase: \
         throughput, latency and CPU figures are not those of an idle machine; compare runs \
         only when nothing else runs (a build beside the run about halves the saturation figure)"
    ))
}

/// A number with `decimals`, or "n/a".
pub fn fmt_opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.decimals$}"))
}

/// "met", or "missed by X unit", for an upper-bound goal.
pub fn verdict(value: Option<f64>, goal: f64, unit: &str) -> String {
    match value {
        None => "unknown (no figure)".to_owned(),
        Some(v) if v <= goal => "met".to_owned(),
        Some(v) => format!("missed by {:.2} {unit}", v - goal),
    }
}

/// One line of the goals block.
pub fn goal_line(goal: &str, figure: &str, verdict: &str) -> String {
    format!("  {goal:<32} {figure:<32} {verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&values, 0.50), Some(50));
        assert_eq!(percentile(&values, 0.99), Some(99));
        assert_eq!(percentile(&values, 1.0), Some(100));
        assert_eq!(percentile(&[7], 0.5), Some(7));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn verdicts_say_by_how_much() {
        assert_eq!(verdict(Some(3.0), 5.0, "ms"), "met");
        assert_eq!(verdict(Some(7.5), 5.0, "ms"), "missed by 2.50 ms");
    }
}
