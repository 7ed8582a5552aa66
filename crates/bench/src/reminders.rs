//! Reminders: how fast the scheduler turns due reminders into outbox rows, and how close
//! the scheduled lane's sender comes to its limit without a 429.
//!
//! - Enqueue: 1,000,000 users in a fresh SQLite file, 100,000 of them with a diary
//!   reminder due within one minute; the time the scheduler (the real one, in this
//!   process) takes to fire them all into the outbox. Goal: < 1 s.
//! - Delivery: the real headlog binary drains due reminders for 60 s against the fake,
//!   which answers 429 whenever more than the limit arrive in any sliding second; the
//!   achieved rate as a share of the limit at 25/s and 1000/s, the 429s, and headlog's
//!   resident memory while draining. Goals: ≥ 98 %, zero 429, ≤ 50 MiB.

use std::time::{Duration, Instant};

use fakebot::FakeBot;
use headlog::clock::ManualClock;
use headlog::config::Settings;
use headlog::startup::Application;
use headlog::store::Db;
use headlog::store::exec::query;

use crate::child::TempDir;

/// The instant the enqueue bench's minute starts (unix seconds).
const T0: i64 = 1_773_133_200; // 2026-03-10 09:00 UTC

/// Fills `db` with `users` users, `due` of them with a diary reminder due within the
/// minute after `start` and the rest tomorrow; each user's check-in time matches.
pub async fn seed(db: &Db, users: i64, due: i64, start: i64) -> Result<(), String> {
    let steps = [
        format!(
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < {users}) \
             insert into app_user (id, lang, zone, checkin_time, created_at, updated_at) \
             select 1000000 + i, case when i % 2 = 0 then 'ru' else 'en' end, 'UTC', '09:00', 0, 0 from n"
        ),
        format!(
            "insert into schedule (user_id, purpose, ref_id, due_at, round) \
             select id, 'diary', 0, case when id - 1000000 <= {due} then {start} + (id % 60) \
             else {start} + 86400 end, 0 from app_user"
        ),
        "insert into kv (key, value) values ('reminders.armed', '1')".to_owned(),
    ];
    let tx = db.begin().await.map_err(|e| e.to_string())?;
    for sql in steps {
        query(sql).execute(&tx).await.map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())
}

/// Times the scheduler firing `due` reminders among `users`; prints the figures.
pub async fn enqueue(users: i64, due: i64) -> Result<(), String> {
    let temp = TempDir::create()?;
    let url = format!("sqlite://{}/enqueue.db", temp.path().display());
    let seeded = Instant::now();
    let db = Db::open(&url).await.map_err(|e| format!("{e:#}"))?;
    seed(&db, users, due, T0).await?;
    let seed_s = seeded.elapsed().as_secs_f64();
    let fake = FakeBot::start().await;
    let env = [
        ("HEADLOG_BOT_TOKEN", fake.token().to_owned()),
        ("HEADLOG_TELEGRAM_API_URL", fake.api_url()),
        ("HEADLOG_DATABASE_URL", url.clone()),
        ("HEADLOG_HTTP_ADDR", "127.0.0.1:0".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let settings = Settings::from_map(&env).map_err(|e| e.to_string())?;
    let at = chrono::DateTime::from_timestamp(T0 + 60, 0).ok_or("bad instant")?;
    let app = Application::build_with_clock(settings, std::sync::Arc::new(ManualClock::new(at)))
        .await
        .map_err(|e| format!("{e:#}"))?;
    let scheduler = app.scheduler();
    let started = Instant::now();
    let fired = scheduler.fire_due().await.map_err(|e| e.to_string())?;
    let took = started.elapsed();
    let tx = db.begin().await.map_err(|e| e.to_string())?;
    let queued =
        query("select count(*) from outbox where lane = 'scheduled' and status = 'pending'")
            .fetch_scalar::<i64>(&tx)
            .await
            .map_err(|e| e.to_string())?
            .unwrap_or(0);
    drop(tx);
    println!(
        "enqueue: {due} reminders due in one minute among {users} users (seeded in {seed_s:.1} s)"
    );
    println!(
        "  fired {fired} jobs, {queued} messages queued in {:.0} ms ({:.0} jobs/s)   goal < 1000 ms  {}",
        took.as_secs_f64() * 1000.0,
        fired as f64 / took.as_secs_f64(),
        if took < Duration::from_secs(1) {
            "met"
        } else {
            "NOT met"
        }
    );
    Ok(())
}

/// Every reminder part, sized for `--quick` or the full run.
pub async fn run(options: &crate::args::Options, binary: &std::path::Path) -> Result<(), String> {
    println!("\nreminders");
    let (users, due) = if options.quick {
        (100_000, 10_000)
    } else {
        (1_000_000, 100_000)
    };
    enqueue(users, due).await?;
    let window = Duration::from_secs(if options.quick { 10 } else { 60 });
    for limit in [25, 1000] {
        delivery(binary, limit, window, options.verbose).await?;
    }
    Ok(())
}

/// The real binary drains reminders due now for `window` at `limit` a second, against the
/// fake refusing (429) whatever goes over the limit in any sliding second.
pub async fn delivery(
    binary: &std::path::Path,
    limit: u32,
    window: Duration,
    verbose: bool,
) -> Result<(), String> {
    let temp = TempDir::create()?;
    let url = format!("sqlite://{}/delivery.db", temp.path().display());
    // More than the window can take, so the lane never runs dry while it is measured.
    let users = (f64::from(limit) * window.as_secs_f64() * 1.3) as i64 + 200;
    {
        let db = Db::open(&url).await.map_err(|e| format!("{e:#}"))?;
        let now = chrono::Utc::now().timestamp();
        seed(&db, users, users, now - 70).await?;
    }
    let fake = FakeBot::start().await;
    fake.set_recording(false);
    fake.limit_rate(limit);
    let api_url = fake.api_url();
    let launch = crate::child::Launch {
        binary,
        token: fake.token(),
        api_url: &api_url,
        database_url: &url,
        verbose,
        scheduled_per_second: Some(limit),
    };
    let mut child = crate::child::Headlog::spawn(&launch)?;
    let started = Instant::now();
    while fake.rate_stats().accepted == 0 {
        if let Some(why) = child.exited() {
            return Err(why);
        }
        if started.elapsed() > Duration::from_secs(60) {
            return Err("headlog sent no reminder within 60 s of starting".to_owned());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Measured from the first second on, once the sender runs at its pace.
    tokio::time::sleep(Duration::from_secs(1)).await;
    fake.reset_rate_stats();
    let measured = Instant::now();
    let mut rss_max: f64 = 0.0;
    while measured.elapsed() < window {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if let Some(why) = child.exited() {
            return Err(why);
        }
        rss_max = rss_max.max(child.rss_mib().unwrap_or(0.0));
    }
    let stats = fake.rate_stats();
    let elapsed = measured.elapsed().as_secs_f64();
    let achieved = stats.accepted as f64 / elapsed;
    let share = achieved / f64::from(limit) * 100.0;
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    println!(
        "delivery at {limit}/s over {elapsed:.0} s: {achieved:.1}/s = {share:.1} % of the limit \
         (goal ≥ 98 %, {}); 429: {} (goal 0, {}); busiest second: {}; memory while draining \
         {rss_max:.1} MiB (goal ≤ 50, {})",
        verdict(share >= 98.0),
        stats.refused,
        verdict(stats.refused == 0),
        stats.max_in_window,
        verdict(rss_max <= 50.0),
    );
    child.stop().await;
    drop(temp);
    Ok(())
}
