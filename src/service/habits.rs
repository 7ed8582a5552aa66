//! Habits as use-cases: creating and changing them, a day's mark (with the goal it may
//! reach), a routine marked at once, the sick day, a habit's card, its reminders on the
//! schedule, and the Loop-shaped CSV export. The rules are [`crate::domain::habits`]'; the
//! chat renders what these return. Every function takes the user and checks that the habit
//! is theirs.

use crate::domain::habits::{
    self as rules, DayState, Entry, Frequency, Habit, Kind, Mark, MarkError, day_states,
    format_amount, habit_day, next_reminder,
};
use crate::domain::reminders::Purpose;
use crate::domain::user::User;
use crate::store::habits::{HabitPrefs, HabitReminder};
use crate::store::schedule::Job;
use crate::store::{StoreResult, Tx};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use std::collections::HashMap;

/// The user's habit day now, and their habit settings.
pub async fn today(
    tx: &Tx,
    user: &User,
    now: DateTime<Utc>,
) -> StoreResult<(NaiveDate, HabitPrefs)> {
    let prefs = tx.habit_prefs(user.id).await?;
    Ok((habit_day(now, user.zone_or_utc(), prefs.day_start()), prefs))
}

/// What a new habit is made of (the creation flow's answers).
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Kind.
    pub kind: Kind,
    /// Unit of a numeric habit.
    pub unit: Option<String>,
    /// Frequency.
    pub freq: Frequency,
    /// Goal in days.
    pub goal_days: Option<u32>,
    /// Factor tag.
    pub factor: Option<rules::Factor>,
    /// Routine.
    pub routine: Option<String>,
}

/// Creates a habit starting on the user's habit day now; `None` when update `origin`
/// created one already.
pub async fn create(
    tx: &Tx,
    user: &User,
    draft: &Draft,
    origin: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Option<Habit>> {
    let (day, _) = today(tx, user, now).await?;
    let habit = Habit {
        id: 0,
        user_id: user.id,
        name: draft.name.clone(),
        description: draft.description.clone(),
        kind: draft.kind,
        unit: draft.unit.clone(),
        freq: draft.freq,
        goal_days: draft.goal_days,
        factor: draft.factor,
        routine: draft.routine.clone(),
        position: 0,
        start_day: day,
        archived_at: None,
        goal_met_at: None,
        created_at: now,
    };
    tx.insert_habit(&habit, origin).await
}

/// One line of a day's checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The habit.
    pub habit: Habit,
    /// Its entry that day.
    pub entry: Option<Entry>,
}

impl Line {
    /// The day's mark.
    pub fn mark(&self) -> Option<Mark> {
        self.entry.as_ref().and_then(|e| e.mark)
    }

    /// Whether the day's mark satisfies the habit.
    pub fn done(&self) -> bool {
        rules::done(self.habit.kind, self.mark())
    }
}

/// The user's active habits with their entries on `day` (two queries, whatever the history).
pub async fn checklist(tx: &Tx, user_id: i64, day: NaiveDate) -> StoreResult<Vec<Line>> {
    let habits = tx.habits(user_id, false).await?;
    let mut entries: HashMap<i64, Entry> = tx
        .habit_entries_on(user_id, day)
        .await?
        .into_iter()
        .collect();
    Ok(habits
        .into_iter()
        .map(|habit| Line {
            entry: entries.remove(&habit.id),
            habit,
        })
        .collect())
}

/// Why a mark was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The habit is not the user's, or is gone.
    Gone,
    /// The day is not one that can be marked.
    Day(MarkError),
    /// The mark does not fit the habit (a number on a yes/no habit, "done" on a numeric one).
    Kind,
}

/// A mark that was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    /// The habit after it.
    pub habit: Habit,
    /// True when this mark reached the habit's goal (first time only).
    pub goal_reached: bool,
}

/// Sets (or with `None` clears) a day's mark of one of the user's habits. Setting the mark
/// a day already has changes nothing, so a replayed button press is harmless.
pub async fn set_mark(
    tx: &Tx,
    user: &User,
    habit_id: i64,
    day: NaiveDate,
    mark: Option<Mark>,
    now: DateTime<Utc>,
) -> StoreResult<Result<Marked, Refused>> {
    let Some(habit) = tx.habit(user.id, habit_id).await? else {
        return Ok(Err(Refused::Gone));
    };
    let (today, _) = today(tx, user, now).await?;
    if let Err(e) = rules::markable(day, today) {
        return Ok(Err(Refused::Day(e)));
    }
    let fits = matches!(
        (habit.kind, mark),
        (_, None | Some(Mark::Skipped))
            | (Kind::YesNo, Some(Mark::Done))
            | (Kind::Numeric { .. }, Some(Mark::Value(_)))
    );
    if !fits {
        return Ok(Err(Refused::Kind));
    }
    tx.set_habit_mark(habit.id, day, mark, now.timestamp())
        .await?;
    let mut habit = habit;
    if day < habit.start_day {
        habit.start_day = day;
        habit = tx.update_habit(&habit).await?.unwrap_or(habit);
    }
    let goal_reached = reach_goal(tx, &mut habit, today, now).await?;
    Ok(Ok(Marked {
        habit,
        goal_reached,
    }))
}

/// Marks the goal reached when the current streak counts its days, once.
async fn reach_goal(
    tx: &Tx,
    habit: &mut Habit,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let Some(goal) = habit.goal_days.filter(|_| habit.goal_met_at.is_none()) else {
        return Ok(false);
    };
    let marks = marks_of(tx, habit.id, habit.start_day, today).await?;
    let (current, _) = rules::streaks(habit.kind, habit.freq, &marks, habit.start_day, today);
    if !rules::goal_reached(current, goal) {
        return Ok(false);
    }
    habit.goal_met_at = Some(now);
    if let Some(h) = tx.update_habit(habit).await? {
        *habit = h;
    }
    Ok(true)
}

async fn marks_of(
    tx: &Tx,
    habit_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<HashMap<NaiveDate, Mark>> {
    Ok(tx
        .habit_entries(habit_id, from, to)
        .await?
        .into_iter()
        .filter_map(|e| Some((e.day, e.mark?)))
        .collect())
}

/// What marking a routine did.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutineMarked {
    /// The routine's name.
    pub routine: String,
    /// Yes/no habits of it marked done now.
    pub marked: u32,
    /// Habits whose goal this reached.
    pub goals: Vec<Habit>,
}

/// Marks every yes/no habit of the routine that `habit_id` belongs to done on `day`
/// (numeric habits take their own number). Marking it again changes nothing.
pub async fn mark_routine(
    tx: &Tx,
    user: &User,
    habit_id: i64,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<Result<RoutineMarked, Refused>> {
    let Some(routine) = tx.habit(user.id, habit_id).await?.and_then(|h| h.routine) else {
        return Ok(Err(Refused::Gone));
    };
    let (today, _) = today(tx, user, now).await?;
    if let Err(e) = rules::markable(day, today) {
        return Ok(Err(Refused::Day(e)));
    }
    let lines = checklist(tx, user.id, day).await?;
    let mut out = RoutineMarked {
        routine: routine.clone(),
        marked: 0,
        goals: Vec::new(),
    };
    for line in lines {
        let h = &line.habit;
        if h.routine.as_deref() != Some(routine.as_str()) || h.is_numeric() || line.done() {
            continue;
        }
        if let Ok(m) = set_mark(tx, user, h.id, day, Some(Mark::Done), now).await? {
            out.marked += 1;
            if m.goal_reached {
                out.goals.push(m.habit);
            }
        }
    }
    Ok(Ok(out))
}

/// The sick day: skips every active habit left without a mark on `day` (a habit done or
/// given a number keeps it). Returns how many were skipped; again, none more.
pub async fn skip_open(
    tx: &Tx,
    user: &User,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<Result<u32, Refused>> {
    let (today, _) = today(tx, user, now).await?;
    if let Err(e) = rules::markable(day, today) {
        return Ok(Err(Refused::Day(e)));
    }
    let mut skipped = 0;
    for line in checklist(tx, user.id, day).await? {
        if line.mark().is_none() {
            tx.set_habit_mark(line.habit.id, day, Some(Mark::Skipped), now.timestamp())
                .await?;
            skipped += 1;
        }
    }
    Ok(Ok(skipped))
}

/// Whether to offer the sick day now (an attack of intensity 7 or more, or a lost day, was
/// just recorded): once a habit day, and only with habits left open today. Returns the day
/// to offer, and remembers that it was offered.
pub async fn sick_offer(
    tx: &Tx,
    user: &User,
    now: DateTime<Utc>,
) -> StoreResult<Option<NaiveDate>> {
    let (day, mut prefs) = today(tx, user, now).await?;
    if prefs.sick_offer_day == Some(day) {
        return Ok(None);
    }
    let open = checklist(tx, user.id, day)
        .await?
        .iter()
        .any(|l| l.mark().is_none());
    if !open {
        return Ok(None);
    }
    prefs.sick_offer_day = Some(day);
    tx.set_habit_prefs(user.id, &prefs, now.timestamp()).await?;
    Ok(Some(day))
}

/// The intensity from which a recorded attack offers the sick day.
pub const SICK_INTENSITY: u8 = 7;

/// Everything a habit's card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The habit.
    pub habit: Habit,
    /// Current streak, in days.
    pub current: u32,
    /// Best streak, in days.
    pub best: u32,
    /// Today's strength score, 0–1.
    pub score: f64,
    /// Days of this month so far that count as done (its own marks or a completed period).
    pub month_done: u32,
    /// Days of this month so far since the habit began.
    pub month_days: u32,
    /// The last weeks, Monday to Sunday, ending with this week.
    pub weeks: Vec<(NaiveDate, DayState)>,
    /// Its reminders.
    pub reminders: Vec<HabitReminder>,
}

/// Weeks the card's calendar shows.
pub const CARD_WEEKS: u64 = 4;

/// One of the user's habits' card on habit day `today`.
pub async fn card(
    tx: &Tx,
    user_id: i64,
    habit_id: i64,
    today: NaiveDate,
) -> StoreResult<Option<Card>> {
    let Some(habit) = tx.habit(user_id, habit_id).await? else {
        return Ok(None);
    };
    let marks = marks_of(tx, habit.id, habit.start_day, today).await?;
    let reminders = tx.habit_reminders(habit.id).await?;
    Ok(Some(figures(habit, &marks, today, reminders)))
}

/// A card's figures from marks already loaded (the benchmark times this).
pub fn figures(
    habit: Habit,
    marks: &HashMap<NaiveDate, Mark>,
    today: NaiveDate,
    reminders: Vec<HabitReminder>,
) -> Card {
    let start = habit.start_day.min(today);
    let (current, best) = rules::streaks(habit.kind, habit.freq, marks, start, today);
    let score = rules::scores(habit.kind, habit.freq, marks, start, today)
        .last()
        .copied()
        .unwrap_or(0.0);
    let month_first = today.with_day(1).unwrap_or(today);
    let month = day_states(
        habit.kind,
        habit.freq,
        marks,
        start,
        today,
        month_first,
        today,
    );
    let counted = |s: &DayState| !matches!(s, DayState::Outside);
    let month_days = month.iter().filter(|(_, s)| counted(s)).count() as u32;
    let month_done = month
        .iter()
        .filter(|(_, s)| matches!(s, DayState::Done | DayState::DoneByPeriod))
        .count() as u32;
    let this_monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let first = this_monday - Days::new(7 * (CARD_WEEKS - 1));
    let last = this_monday + Days::new(6);
    let weeks = day_states(habit.kind, habit.freq, marks, start, today, first, last);
    Card {
        habit,
        current,
        best,
        score,
        month_done,
        month_days,
        weeks,
        reminders,
    }
}

/// The states of the last [`rules::CORRECTABLE_DAYS`] days of a habit, oldest first, with
/// each day's entry (the correction calendar).
pub async fn recent(
    tx: &Tx,
    habit: &Habit,
    today: NaiveDate,
) -> StoreResult<Vec<(NaiveDate, DayState, Option<Entry>)>> {
    let first = today - Days::new(u64::from(rules::CORRECTABLE_DAYS) - 1);
    let from = first.min(habit.start_day);
    let entries = tx.habit_entries(habit.id, from, today).await?;
    let marks: HashMap<NaiveDate, Mark> = entries
        .iter()
        .filter_map(|e| Some((e.day, e.mark?)))
        .collect();
    let mut by_day: HashMap<NaiveDate, Entry> = entries.into_iter().map(|e| (e.day, e)).collect();
    // Days before the habit began can be marked too (it then begins earlier): they show as
    // empty rather than outside.
    Ok(
        day_states(habit.kind, habit.freq, &marks, from, today, first, today)
            .into_iter()
            .map(|(d, s)| (d, s, by_day.remove(&d)))
            .collect(),
    )
}

/// Archives (or brings back) one of the user's habits, re-arming its reminders.
pub async fn set_archived(
    tx: &Tx,
    user: &User,
    habit_id: i64,
    archived: bool,
    now: DateTime<Utc>,
) -> StoreResult<Option<Habit>> {
    let Some(mut habit) = tx.habit(user.id, habit_id).await? else {
        return Ok(None);
    };
    habit.archived_at = archived.then_some(habit.archived_at.unwrap_or(now));
    let habit = tx.update_habit(&habit).await?;
    arm_all(tx, user, now).await?;
    Ok(habit)
}

/// Moves one of the user's active habits one place up (`-1`) or down (`1`) in the list.
pub async fn reorder(tx: &Tx, user_id: i64, habit_id: i64, by: i64) -> StoreResult<bool> {
    let habits = tx.habits(user_id, false).await?;
    let Some(i) = habits.iter().position(|h| h.id == habit_id) else {
        return Ok(false);
    };
    let j = i as i64 + by;
    if j < 0 || j as usize >= habits.len() {
        return Ok(true);
    }
    let (a, b) = (&habits[i], &habits[j as usize]);
    // Positions may tie (never in practice): give each its list index first.
    let (pa, pb) = if a.position == b.position {
        (j, i as i64)
    } else {
        (b.position, a.position)
    };
    tx.set_habit_position(user_id, a.id, pa).await?;
    tx.set_habit_position(user_id, b.id, pb).await?;
    Ok(true)
}

/// The user's routines, in the order their first habit comes.
pub fn routines(habits: &[Habit]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in habits.iter().filter_map(|h| h.routine.as_ref()) {
        if !out.contains(r) {
            out.push(r.clone());
        }
    }
    out
}

/// Puts a reminder on the schedule at its next occurrence (or off it, for an archived habit
/// or no weekday).
pub async fn arm(
    tx: &Tx,
    user: &User,
    reminder: &HabitReminder,
    prefs: &HabitPrefs,
    active: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let next = if active && user.blocked_at.is_none() {
        next_reminder(
            reminder.time,
            reminder.weekdays,
            user.zone_or_utc(),
            prefs.day_start(),
            now,
        )
    } else {
        None
    };
    match next {
        Some(at) => {
            tx.schedule_set(&Job {
                user_id: user.id,
                purpose: Purpose::Habit,
                ref_id: reminder.id,
                due_at: at.timestamp(),
                round: 0,
            })
            .await
        }
        None => {
            tx.schedule_remove(user.id, Purpose::Habit, reminder.id)
                .await
        }
    }
}

/// Re-arms every habit reminder of the user (after a change of zone, start of day, or an
/// archived habit).
pub async fn arm_all(tx: &Tx, user: &User, now: DateTime<Utc>) -> StoreResult<()> {
    let reminders = tx.user_habit_reminders(user.id).await?;
    if reminders.is_empty() {
        return Ok(());
    }
    let prefs = tx.habit_prefs(user.id).await?;
    let active: Vec<i64> = tx
        .habits(user.id, false)
        .await?
        .iter()
        .map(|h| h.id)
        .collect();
    for r in &reminders {
        arm(tx, user, r, &prefs, active.contains(&r.habit_id), now).await?;
    }
    Ok(())
}

/// Re-arms one reminder from the store (after it fired); nothing when it is gone.
pub async fn rearm_one(
    tx: &Tx,
    user: &User,
    reminder_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let Some(r) = tx.habit_reminder(user.id, reminder_id).await? else {
        return Ok(());
    };
    let active = tx
        .habit(user.id, r.habit_id)
        .await?
        .is_some_and(|h| h.archived_at.is_none());
    let prefs = tx.habit_prefs(user.id).await?;
    arm(tx, user, &r, &prefs, active, now).await
}

/// What a due habit reminder comes to: the habit and its habit day, or `None` when it is
/// not to be sent (the habit is done or skipped that day, archived, or gone).
pub async fn due_reminder(
    tx: &Tx,
    user: &User,
    reminder_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Option<(Habit, NaiveDate, Option<Entry>)>> {
    let Some(r) = tx.habit_reminder(user.id, reminder_id).await? else {
        return Ok(None);
    };
    let Some(habit) = tx
        .habit(user.id, r.habit_id)
        .await?
        .filter(|h| h.archived_at.is_none())
    else {
        return Ok(None);
    };
    let (day, _) = today(tx, user, now).await?;
    let entry = tx
        .habit_entries(habit.id, day, day)
        .await?
        .into_iter()
        .next();
    let mark = entry.as_ref().and_then(|e| e.mark);
    if rules::done(habit.kind, mark) || mark == Some(Mark::Skipped) {
        return Ok(None);
    }
    Ok(Some((habit, day, entry)))
}

/// Sets the start of the habit day (minutes after midnight, below 12:00) and re-arms the
/// habit reminders.
pub async fn set_day_start(
    tx: &Tx,
    user: &User,
    minutes: u32,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut prefs = tx.habit_prefs(user.id).await?;
    prefs.day_start_min = minutes.min(DAY_START_MAX_MIN);
    tx.set_habit_prefs(user.id, &prefs, now.timestamp()).await?;
    arm_all(tx, user, now).await
}

/// The latest start of the habit day, in minutes (noon: later would make "today" start
/// in the afternoon).
pub const DAY_START_MAX_MIN: u32 = 12 * 60;

/// The habits export, shaped like Loop Habit Tracker's: `Habits.csv` (one row per habit,
/// Loop's columns and an extra `Factor`, `Routine` and `Goal Days`), `Checkmarks.csv` and
/// `Scores.csv` (a row per day, newest first, a column per habit). `None` without habits.
pub struct Export {
    /// Habits.csv.
    pub habits: Vec<u8>,
    /// Checkmarks.csv.
    pub checkmarks: Vec<u8>,
    /// Scores.csv.
    pub scores: Vec<u8>,
}

/// Loop's checkmark values: done by hand, done because its period is complete, not done,
/// skipped, no entry (numeric habits: the value in thousandths, as Loop writes it).
pub mod checkmark {
    /// Done (Loop's YES_MANUAL).
    pub const DONE: i64 = 2;
    /// Not marked, but its period is complete (Loop's YES_AUTO).
    pub const DONE_BY_PERIOD: i64 = 1;
    /// A number short of the target (Loop's NO).
    pub const NOT_DONE: i64 = 0;
    /// Skipped (Loop's SKIP).
    pub const SKIPPED: i64 = 3;
    /// No entry (Loop's UNKNOWN).
    pub const NO_ENTRY: i64 = -1;
}

/// Builds the habits export of every habit (archived ones too) up to habit day `today`.
pub async fn export(tx: &Tx, user_id: i64, today: NaiveDate) -> StoreResult<Option<Export>> {
    let habits = tx.all_habits(user_id).await?;
    if habits.is_empty() {
        return Ok(None);
    }
    let mut marks: HashMap<i64, HashMap<NaiveDate, Mark>> = HashMap::new();
    for (habit, e) in tx.all_habit_entries(user_id).await? {
        if let Some(m) = e.mark {
            marks.entry(habit).or_default().insert(e.day, m);
        }
    }
    Ok(Some(build_export(&habits, &marks, today)))
}

/// The export from habits and marks already loaded (the benchmark times this).
pub fn build_export(
    habits: &[Habit],
    marks: &HashMap<i64, HashMap<NaiveDate, Mark>>,
    today: NaiveDate,
) -> Export {
    let empty = HashMap::new();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "Position",
        "Name",
        "Type",
        "Question",
        "Description",
        "FrequencyNumerator",
        "FrequencyDenominator",
        "Color",
        "Unit",
        "Target Type",
        "Target Value",
        "Archived?",
        "Factor",
        "Routine",
        "Goal Days",
    ]);
    for (i, h) in habits.iter().enumerate() {
        let (kind, target_type, target) = match h.kind {
            Kind::YesNo => ("YES_NO", String::new(), String::new()),
            Kind::Numeric { target, direction } => (
                "NUMERICAL",
                match direction {
                    rules::Direction::AtLeast => "AT_LEAST".to_owned(),
                    rules::Direction::AtMost => "AT_MOST".to_owned(),
                },
                format_amount((target * 1000.0).round() as i64),
            ),
        };
        let _ = w.write_record([
            format!("{:03}", i + 1),
            h.name.clone(),
            kind.to_owned(),
            String::new(),
            h.description.clone().unwrap_or_default(),
            h.freq.numerator.to_string(),
            h.freq.denominator.to_string(),
            String::new(),
            h.unit.clone().unwrap_or_default(),
            target_type,
            target,
            h.archived_at.is_some().to_string(),
            h.factor.map(|f| f.key().to_owned()).unwrap_or_default(),
            h.routine.clone().unwrap_or_default(),
            h.goal_days.map(|g| g.to_string()).unwrap_or_default(),
        ]);
    }
    let habits_csv = w.into_inner().unwrap_or_default();
    let first = habits
        .iter()
        .map(|h| h.start_day)
        .min()
        .unwrap_or(today)
        .min(today);
    let header: Vec<String> = std::iter::once("Date".to_owned())
        .chain(habits.iter().map(|h| h.name.clone()))
        .collect();
    // Per habit, its day states and scores from the first day of all to today.
    let columns: Vec<(Vec<DayState>, Vec<f64>)> = habits
        .iter()
        .map(|h| {
            let m = marks.get(&h.id).unwrap_or(&empty);
            let start = h.start_day.min(today);
            let states = day_states(h.kind, h.freq, m, start, today, first, today)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            let mut scores = vec![0.0; (start - first).num_days().max(0) as usize];
            scores.extend(rules::scores(h.kind, h.freq, m, start, today));
            (states, scores)
        })
        .collect();
    // The header through the CSV writer (names may need quoting); the rows are dates and
    // numbers only, written straight into the buffers.
    let header_csv = |w: Vec<u8>| {
        let mut w = csv::Writer::from_writer(w);
        let _ = w.write_record(&header);
        w.into_inner().unwrap_or_default()
    };
    let days = (today - first).num_days().max(0) as usize;
    let mut checks = String::from_utf8(header_csv(Vec::new())).unwrap_or_default();
    let mut scores = checks.clone();
    checks.reserve((days + 1) * (habits.len() * 3 + 12));
    scores.reserve((days + 1) * (habits.len() * 7 + 12));
    for back in 0..=days {
        use std::fmt::Write as _;
        let i = days - back;
        let day = today - Days::new(back as u64);
        let date = day.format("%Y-%m-%d").to_string();
        checks.push_str(&date);
        scores.push_str(&date);
        for (h, (states, sc)) in habits.iter().zip(&columns) {
            let state = states.get(i).copied().unwrap_or(DayState::Outside);
            let value = match (h.kind, marks.get(&h.id).and_then(|m| m.get(&day))) {
                (Kind::Numeric { .. }, Some(Mark::Value(v))) => (v * 1000.0).round() as i64,
                _ => match state {
                    DayState::Done => checkmark::DONE,
                    DayState::DoneByPeriod => checkmark::DONE_BY_PERIOD,
                    DayState::Skipped => checkmark::SKIPPED,
                    DayState::Short => checkmark::NOT_DONE,
                    DayState::Empty | DayState::Outside => checkmark::NO_ENTRY,
                },
            };
            let _ = write!(checks, ",{value}");
            let _ = write!(scores, ",{:.4}", sc.get(i).copied().unwrap_or(0.0));
        }
        checks.push('\n');
        scores.push('\n');
    }
    Export {
        habits: habits_csv,
        checkmarks: checks.into_bytes(),
        scores: scores.into_bytes(),
    }
}
