//! Three real headlog processes on one PostgreSQL database, many reminders due at once (the
//! three schedulers fire them together), the one that polls and sends killed with SIGKILL
//! mid-drain: every reminder is delivered
//! once (or once more inside the crash window: at most what was in flight), polling is
//! taken over, and the overall rate never goes above the limit, in any sliding second.

use crate::db::{self, Backend};
use crate::process::{start_with, until_within};
use fakebot::FakeBot;
use headlog::domain::reminders::Purpose;
use headlog::store::Db;
use headlog::store::schedule::Job;
use std::collections::HashMap;
use std::time::Duration;
use tokio::process::Child;

/// Users with a reminder due now.
const USERS: i64 = 120;
/// The scheduled lane's limit the replicas share.
const RATE: usize = 20;
/// How long each step may take (three processes and the rest of the suite share 2 cores).
const PATIENCE: Duration = Duration::from_secs(90);
/// Sends one sender may have had in flight when it was killed.
const IN_FLIGHT: usize = 32;

fn replica(fake: &FakeBot, url: &str) -> Child {
    start_with(
        fake,
        url,
        &[("HEADLOG_SCHEDULED_PER_SECOND", RATE.to_string())],
    )
}

/// Delivered reminders per chat, and the most delivered in any sliding second.
fn delivered(fake: &FakeBot) -> (HashMap<i64, usize>, usize) {
    let calls: Vec<_> = fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "sendmessage" && c.error_code.is_none())
        .filter(|c| {
            c.chat_id()
                .is_some_and(|id| (1000..1000 + USERS).contains(&id))
        })
        .collect();
    let mut per_chat = HashMap::new();
    for c in &calls {
        *per_chat.entry(c.chat_id().unwrap()).or_insert(0) += 1;
    }
    let mut max = 0;
    for (i, c) in calls.iter().enumerate() {
        let n = calls[i..]
            .iter()
            .take_while(|d| d.at.duration_since(c.at) < Duration::from_secs(1))
            .count();
        max = max.max(n);
    }
    (per_chat, max)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_share_one_database_and_survive_the_sender_s_death() {
    let Some(url) = db::fresh(Backend::Postgres).await else {
        return;
    };
    let fake = FakeBot::start().await;
    let now = chrono::Utc::now();
    {
        let store = Db::open(&url).await.unwrap();
        let tx = store.begin().await.unwrap();
        for id in 1000..1000 + USERS {
            tx.touch_user(id, Some("en"), now.timestamp())
                .await
                .unwrap();
            tx.set_user_zone(id, chrono_tz::UTC, now.timestamp())
                .await
                .unwrap();
            let t = chrono::NaiveTime::from_hms_opt(0, 0, 0);
            tx.set_user_checkin_time(id, t, now.timestamp())
                .await
                .unwrap();
            tx.schedule_set(&Job {
                user_id: id,
                purpose: Purpose::Diary,
                ref_id: 0,
                // Due once all three run: their schedulers fire together (skip locked).
                due_at: now.timestamp() + 4,
                round: 0,
            })
            .await
            .unwrap();
        }
        tx.kv_set("reminders.armed", "1").await.unwrap();
        tx.commit().await.unwrap();
    }
    // The first replica takes both leases; the two others wait beside it.
    let mut first = replica(&fake, &url);
    until_within("the first replica polls", PATIENCE, async || {
        !fake.get_updates_times().is_empty()
    })
    .await;
    let mut others = [replica(&fake, &url), replica(&fake, &url)];
    until_within("sending is under way", PATIENCE, async || {
        delivered(&fake).0.len() >= 30
    })
    .await;
    first.kill().await.unwrap();
    let at_kill = delivered(&fake).0.len();
    assert!(
        at_kill < USERS as usize,
        "killed mid-drain ({at_kill} sent)"
    );

    until_within("every reminder is delivered", PATIENCE, async || {
        delivered(&fake).0.len() == USERS as usize
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (per_chat, max_window) = delivered(&fake);
    let twice = per_chat.values().filter(|n| **n > 1).count();
    assert!(per_chat.values().all(|n| *n <= 2), "{per_chat:?}");
    assert!(
        twice <= IN_FLIGHT,
        "{twice} sent twice: more than was in flight"
    );
    assert!(max_window <= RATE, "{max_window} sends within one second");

    // Polling was taken over: a user's message is answered.
    let user = fakebot::TgUser::new(1000, Some("en"));
    let polls = fake.get_updates_times().len();
    until_within("another replica polls", PATIENCE, async || {
        fake.get_updates_times().len() > polls + 1
    })
    .await;
    let from = fake.calls().len();
    fake.send_text(&user, "/help");
    until_within("the reply", PATIENCE, async || {
        fake.calls()
            .into_iter()
            .skip(from)
            .any(|c| c.method == "sendmessage" && c.chat_id() == Some(1000))
    })
    .await;
    for o in &mut others {
        o.kill().await.unwrap();
    }
}
