//! Imports (issue 12): a recognised file read into the diary. The same walk serves the
//! preview (counting, writing nothing) and the confirmed import (writing every new record
//! stamped with its batch), so what the preview promised is what is written.
//!
//! The parser runs on a blocking thread and hands records over a bounded channel, so a
//! file of any length is read in flat memory; the walk compares each record with what the
//! diary holds by its natural key (an attack by its start; a dose by when it was taken and
//! the medication's name; a day record by its day; a questionnaire by instrument and time;
//! a medication and a habit by name; a habit mark by habit and day) and with what the same
//! file brought before it, so importing a file twice, or a file that repeats itself,
//! duplicates nothing.

use crate::domain::localtime::date_of;
use crate::domain::medication::MedClass;
use crate::domain::user::User;
use crate::import::{self, Context, Failure, Record, Refusal, SkipReason, Source};
use crate::store::Tx;
use crate::store::imports::{Keys, NewDose};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// New and already-known records of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// To be written (or written).
    pub new: u64,
    /// Already in the diary, left out.
    pub known: u64,
}

impl Count {
    fn add(&mut self, new: bool) {
        if new {
            self.new += 1;
        } else {
            self.known += 1;
        }
    }
}

/// What a file holds, as the preview tells it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Attacks.
    pub attacks: Count,
    /// Doses.
    pub doses: Count,
    /// Day records.
    pub days: Count,
    /// Medications of the list (those doses bring included).
    pub medications: Count,
    /// Questionnaire results.
    pub questionnaires: Count,
    /// Habits.
    pub habits: Count,
    /// Habit marks.
    pub marks: Count,
    /// True when the file carries settings (applied with the import).
    pub settings: bool,
    /// The first and last local day a record falls on.
    pub first: Option<NaiveDate>,
    /// See `first`.
    pub last: Option<NaiveDate>,
    /// Rows left out, by reason key.
    pub skipped: BTreeMap<String, u64>,
    /// Columns whose values went to the comment.
    pub kept: Vec<String>,
}

impl Summary {
    /// The summary as kept with the batch (JSON).
    pub fn to_json(&self) -> String {
        let c = |c: Count| serde_json::json!({ "new": c.new, "known": c.known });
        serde_json::json!({
            "attacks": c(self.attacks),
            "doses": c(self.doses),
            "days": c(self.days),
            "medications": c(self.medications),
            "questionnaires": c(self.questionnaires),
            "habits": c(self.habits),
            "marks": c(self.marks),
            "settings": self.settings,
            "first": self.first.map(|d| d.to_string()),
            "last": self.last.map(|d| d.to_string()),
            "skipped": self.skipped,
            "kept": self.kept,
        })
        .to_string()
    }

    /// Records the import would write.
    pub fn new_records(&self) -> u64 {
        [
            self.attacks,
            self.doses,
            self.days,
            self.medications,
            self.questionnaires,
            self.habits,
            self.marks,
        ]
        .iter()
        .map(|c| c.new)
        .sum()
    }

    fn day(&mut self, day: NaiveDate) {
        self.first = Some(self.first.map_or(day, |f| f.min(day)));
        self.last = Some(self.last.map_or(day, |l| l.max(day)));
    }

    fn skip(&mut self, reason: SkipReason) {
        *self.skipped.entry(reason.key().to_owned()).or_default() += 1;
    }
}

/// The walk's state: what the diary holds and what the file brought so far.
struct Walk<'a> {
    tx: &'a Tx,
    user: &'a User,
    now: DateTime<Utc>,
    /// `Some(batch id)` when writing.
    write: Option<i64>,
    keys: Keys,
    summary: Summary,
    /// The source's attack ids and their starts (a dose names its attack by the former).
    attacks: HashMap<i64, i64>,
    /// Attacks waiting to be written together.
    pending: Vec<crate::domain::attack::Attack>,
    /// Doses waiting to be written together; their `attack_id` is the attack's start until
    /// the flush reads it as the diary's id.
    doses: Vec<NewDose>,
}

/// Attacks and doses are written this many a statement (a statement a record is most of
/// an import's time).
const BATCH: usize = 200;

impl Walk<'_> {
    /// Writes the attacks and doses waiting, attacks first (the doses' attacks are known
    /// by their starts: unique among the file's new attacks, so the ids come back by them).
    async fn flush(&mut self) -> anyhow::Result<()> {
        let Some(batch) = self.write else {
            return Ok(());
        };
        if !self.pending.is_empty() {
            for (start, id) in self.tx.import_attacks(batch, &self.pending).await? {
                self.keys.attacks.insert(start, id);
            }
            self.pending.clear();
        }
        if !self.doses.is_empty() {
            for d in &mut self.doses {
                d.attack_id = d
                    .attack_id
                    .and_then(|start| self.keys.attacks.get(&start).copied())
                    .filter(|id| *id != 0);
            }
            self.tx
                .import_intakes(self.user.id, batch, &self.doses)
                .await?;
            self.doses.clear();
        }
        Ok(())
    }

    /// The medication named so, added when the diary has none (`listed`: the file's list
    /// names it, so a known one counts as found again).
    async fn medication(
        &mut self,
        name: &str,
        class: MedClass,
        usual: Option<&str>,
        listed: bool,
    ) -> anyhow::Result<i64> {
        let lower = name.to_lowercase();
        if let Some((id, _)) = self.keys.medications.get(&lower) {
            if listed {
                self.summary.medications.add(false);
            }
            return Ok(*id);
        }
        let id = match self.write {
            Some(batch) => {
                self.tx
                    .import_medication(
                        self.user.id,
                        batch,
                        name,
                        class,
                        usual,
                        self.now.timestamp(),
                    )
                    .await?
            }
            None => 0,
        };
        self.summary.medications.add(true);
        self.keys.medications.insert(lower, (id, class));
        Ok(id)
    }

    /// A dose; `attack` is the start of the attack it was taken for.
    async fn dose(&mut self, d: import::Dose, attack: Option<i64>) -> anyhow::Result<()> {
        self.summary.day(date_of(d.taken_at, d.zone));
        let key = (d.taken_at.timestamp(), d.name.to_lowercase());
        if self.keys.doses.contains(&key) {
            self.summary.doses.add(false);
            return Ok(());
        }
        let medication = self.medication(&d.name, d.class, None, false).await?;
        let attack = attack.or_else(|| d.attack_key.and_then(|k| self.attacks.get(&k).copied()));
        if self.write.is_some() {
            self.doses.push(NewDose {
                medication_id: medication,
                name: d.name,
                attack_id: attack,
                taken_at: d.taken_at,
                zone: d.zone,
                dose: d.dose,
                effect: d.effect,
                created_at: d.created_at,
            });
            if self.doses.len() >= BATCH {
                self.flush().await?;
            }
        }
        self.keys.doses.insert(key);
        self.summary.doses.add(true);
        Ok(())
    }

    async fn record(&mut self, record: Record) -> anyhow::Result<()> {
        match record {
            Record::Settings(s) => {
                self.summary.settings = true;
                if self.write.is_some() {
                    self.settings(&s).await?;
                }
            }
            Record::Medication {
                name,
                class,
                usual_dose,
            } => {
                self.medication(&name, class, usual_dose.as_deref(), true)
                    .await?;
            }
            Record::Attack(mut a, doses) => {
                self.summary.day(date_of(a.started_at, a.zone));
                let start = a.started_at.timestamp();
                if self.keys.attacks.contains_key(&start) {
                    self.summary.attacks.add(false);
                } else {
                    a.user_id = self.user.id;
                    // Its id is known once the batch it joins is written (0 until then).
                    self.keys.attacks.insert(start, 0);
                    self.summary.attacks.add(true);
                    if self.write.is_some() {
                        self.pending.push(*a.clone());
                    }
                }
                if a.id != 0 {
                    self.attacks.insert(a.id, start);
                }
                for d in doses {
                    self.dose(d, Some(start)).await?;
                }
                if self.pending.len() >= BATCH {
                    self.flush().await?;
                }
            }
            Record::Dose(d) => self.dose(d, None).await?,
            Record::Day(d) => {
                self.summary.day(d.day);
                if self.keys.days.contains(&d.day) {
                    self.summary.days.add(false);
                } else {
                    if let Some(batch) = self.write {
                        self.tx.import_day(self.user.id, batch, &d).await?;
                    }
                    self.keys.days.insert(d.day);
                    self.summary.days.add(true);
                }
            }
            Record::Questionnaire(answers, at, zone) => {
                self.summary.day(date_of(at, zone));
                let key = (answers.instrument().key().to_owned(), at.timestamp());
                if self.keys.questionnaires.contains(&key) {
                    self.summary.questionnaires.add(false);
                } else {
                    if let Some(batch) = self.write {
                        self.tx
                            .import_questionnaire(self.user.id, batch, &answers, at, zone)
                            .await?;
                    }
                    self.keys.questionnaires.insert(key);
                    self.summary.questionnaires.add(true);
                }
            }
            Record::Habit(mut h, reminders, marks) => {
                let id = match self.keys.habits.get(&h.name) {
                    Some((id, _)) => {
                        self.summary.habits.add(false);
                        *id
                    }
                    None => {
                        h.user_id = self.user.id;
                        let id = match self.write {
                            Some(batch) => {
                                let id = self.tx.import_habit(batch, &h).await?;
                                for (time, days) in &reminders {
                                    self.tx
                                        .import_habit_reminder(self.user.id, id, *time, *days)
                                        .await?;
                                }
                                id
                            }
                            None => -(self.keys.habits.len() as i64) - 1,
                        };
                        self.keys.habits.insert(h.name.clone(), (id, h.kind));
                        self.summary.habits.add(true);
                        id
                    }
                };
                for (day, mark, note) in marks {
                    self.mark(id, day, mark, note.as_deref()).await?;
                }
            }
            Record::Mark(name, day, value) => match self.keys.habits.get(&name).copied() {
                None => self.summary.skip(SkipReason::UnknownHabit),
                Some((id, kind)) => match import::loop_habits::mark(value, Some(kind)) {
                    Ok(Some(mark)) => self.mark(id, day, Some(mark), None).await?,
                    Ok(None) => {}
                    Err(reason) => self.summary.skip(reason),
                },
            },
            Record::Skipped(reason) => self.summary.skip(reason),
            Record::KeptColumns(columns) => self.summary.kept = columns,
        }
        Ok(())
    }

    async fn mark(
        &mut self,
        habit: i64,
        day: NaiveDate,
        mark: Option<crate::domain::habits::Mark>,
        note: Option<&str>,
    ) -> anyhow::Result<()> {
        self.summary.day(day);
        if self.keys.marks.contains(&(habit, day)) {
            self.summary.marks.add(false);
            return Ok(());
        }
        if let Some(batch) = self.write {
            self.tx
                .import_habit_mark(batch, habit, day, mark, note, self.now.timestamp())
                .await?;
        }
        self.keys.marks.insert((habit, day));
        self.summary.marks.add(true);
        Ok(())
    }

    async fn settings(&self, s: &import::Settings) -> anyhow::Result<()> {
        let (id, now) = (self.user.id, self.now.timestamp());
        if let Some(zone) = s.zone {
            self.tx.set_user_zone(id, zone, now).await?;
        }
        if s.checkin_time.is_some() {
            self.tx
                .set_user_checkin_time(id, s.checkin_time, now)
                .await?;
        }
        if let Some(on) = s.track_menstruation {
            self.tx.set_user_menstruation(id, on, now).await?;
        }
        if let Some(start) = s.habit_day_start {
            use chrono::Timelike;
            let mut prefs = self.tx.habit_prefs(id).await?;
            prefs.day_start_min = start.hour() * 60 + start.minute();
            self.tx.set_habit_prefs(id, &prefs, now).await?;
        }
        if let Some(prefs) = &s.reminders {
            self.tx.set_reminder_prefs(id, prefs, now).await?;
        }
        Ok(())
    }
}

/// How a walk ended: the summary, or the file's refusal.
pub type Outcome = Result<Summary, Refusal>;

/// Reads `bytes` as `source` for `user`: counts only (`write` is `None`), or writes the
/// new records under batch `write`. Settings are applied and reminders re-armed when
/// writing.
pub async fn walk(
    tx: &Tx,
    user: &User,
    source: Source,
    bytes: Arc<Vec<u8>>,
    today: NaiveDate,
    now: DateTime<Utc>,
    write: Option<i64>,
) -> anyhow::Result<Outcome> {
    let ctx = Context {
        zone: user.zone_or_utc(),
        today,
        now,
    };
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Record>(256);
    let parser = tokio::task::spawn_blocking(move || {
        let mut sink = |record: Record| sender.blocking_send(record).map_err(|_| import::Stopped);
        import::parse(source, &bytes, ctx, &mut sink)
    });
    let mut w = Walk {
        tx,
        user,
        now,
        write,
        keys: tx.import_keys(user.id).await?,
        summary: Summary::default(),
        attacks: HashMap::new(),
        pending: Vec::new(),
        doses: Vec::new(),
    };
    let mut failed = None;
    while let Some(record) = receiver.recv().await {
        if let Err(e) = w.record(record).await {
            failed = Some(e);
            break;
        }
    }
    if failed.is_none() {
        failed = w.flush().await.err();
    }
    drop(receiver);
    let parsed = parser.await?;
    if let Some(e) = failed {
        return Err(e);
    }
    match parsed {
        Ok(()) => {}
        Err(Failure::Refused(refusal)) => return Ok(Err(refusal)),
        Err(Failure::Stopped) => anyhow::bail!("import: the walk stopped the parser"),
    }
    if write.is_some() {
        let fresh = tx.user(user.id).await?.unwrap_or_else(|| user.clone());
        crate::service::reminders::rearm(tx, &fresh, now).await?;
        if w.summary.habits.new > 0 {
            crate::service::habits::arm_all(tx, &fresh, now).await?;
        }
    }
    // A file with nothing at all in it (a header alone) is refused as empty; one whose
    // records are all known, or all left out, is previewed as such.
    if w.summary == Summary::default() {
        return Ok(Err(Refusal::new(import::RefusalKey::Empty)));
    }
    Ok(Ok(w.summary))
}

/// The undo of batch `id`: how many records went.
pub async fn undo(tx: &Tx, user: &User, id: i64, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let gone = tx.undo_import(user.id, id).await?;
    crate::service::reminders::rearm(tx, user, now).await?;
    Ok(gone)
}
