//! Buttons of the habits (`H:` payloads). A day travels as its number of days from the
//! common era; a mark button carries the mark it sets (done, none, skipped, or the number),
//! so a replayed press changes nothing. Ids are re-checked against the user by the handler.

use super::Callback;
use crate::domain::habits::{Factor, Frequency};
use crate::domain::reminders::{day_ref, ref_day};
use chrono::NaiveDate;
use teloxide_core::types::InlineKeyboardButton;

/// A mark a button sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    /// Done.
    Done,
    /// Skipped on purpose.
    Skip,
    /// No mark.
    Clear,
    /// A number, in thousandths.
    Value(i64),
}

/// Where a mark button was pressed, so the answer redraws that screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// Today's checklist, at this page.
    Today(u32),
    /// The habit's day screen.
    Day,
    /// A reminder.
    Reminder,
}

impl From {
    fn encode(self) -> String {
        match self {
            From::Today(p) => format!("t{p}"),
            From::Day => "d".into(),
            From::Reminder => "r".into(),
        }
    }

    fn parse(s: &str) -> Option<From> {
        Some(match s {
            "d" => From::Day,
            "r" => From::Reminder,
            _ => {
                let p = s.strip_prefix('t')?;
                From::Today(p.parse().ok().filter(|_| !p.starts_with('+'))?)
            }
        })
    }
}

/// A habit field the editor changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Name (typed).
    Name,
    /// Description (typed).
    Description,
    /// Yes/no or numeric (buttons).
    Kind,
    /// Unit (typed).
    Unit,
    /// Target (typed).
    Target,
    /// Frequency (buttons or typed).
    Frequency,
    /// Goal (buttons or typed).
    Goal,
    /// Factor tag (buttons).
    Factor,
    /// Routine (buttons or typed).
    Routine,
}

impl Field {
    const KEYS: [(Field, &'static str); 9] = [
        (Field::Name, "n"),
        (Field::Description, "d"),
        (Field::Kind, "k"),
        (Field::Unit, "u"),
        (Field::Target, "t"),
        (Field::Frequency, "f"),
        (Field::Goal, "g"),
        (Field::Factor, "x"),
        (Field::Routine, "r"),
    ];

    /// Its key in a payload.
    pub fn key(self) -> &'static str {
        Self::KEYS
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, k)| *k)
            .unwrap_or("n")
    }

    /// The field a key stands for.
    pub fn from_key(key: &str) -> Option<Field> {
        Self::KEYS.iter().find(|(_, k)| *k == key).map(|(f, _)| *f)
    }
}

/// A value chosen by a button while creating or editing: the kind, a frequency, a goal, a
/// factor, a routine (by its index among the user's routines), or none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// `yes_no`, `at_least`, `at_most` (by index 0–2).
    Kind(u8),
    /// A frequency.
    Freq(Frequency),
    /// A goal in days (0: none).
    Goal(u32),
    /// A factor tag.
    Factor(Factor),
    /// The routine at this index of the user's routines.
    Routine(u8),
    /// No value (no description, no factor, no routine, no reminder).
    Skip,
}

impl Choice {
    fn encode(self) -> String {
        match self {
            Choice::Kind(k) => format!("k{k}"),
            Choice::Freq(f) => format!("f{}-{}", f.numerator, f.denominator),
            Choice::Goal(g) => format!("g{g}"),
            Choice::Factor(f) => format!("x{}", f.key()),
            Choice::Routine(i) => format!("r{i}"),
            Choice::Skip => "s".into(),
        }
    }

    fn parse(s: &str) -> Option<Choice> {
        let (tag, rest) = s.split_at_checked(1)?;
        let num = |s: &str| {
            s.parse::<u32>()
                .ok()
                .filter(|_| !s.starts_with('+') && !s.is_empty())
        };
        Some(match tag {
            "k" => Choice::Kind(u8::try_from(num(rest)?).ok().filter(|k| *k < 3)?),
            "f" => {
                let (n, d) = rest.split_once('-')?;
                let (n, d) = (num(n)?, num(d)?);
                if n == 0 || d == 0 || d > 365 || n > d {
                    return None;
                }
                Choice::Freq(Frequency {
                    numerator: n,
                    denominator: d,
                })
            }
            "g" => Choice::Goal(num(rest).filter(|g| *g <= 3650)?),
            "x" => Choice::Factor(Factor::from_key(rest)?),
            "r" => Choice::Routine(u8::try_from(num(rest)?).ok()?),
            "s" if rest.is_empty() => Choice::Skip,
            _ => return None,
        })
    }
}

/// What a habits button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Today's checklist, page `n` (`l:<n>`).
    Today(u32),
    /// Set a habit's mark on a day, pressed on a screen
    /// (`s:<habit>:<day>:<d|k|c|v<milli>>:<t<page>|d|r>`).
    Mark(i64, NaiveDate, Set, From),
    /// Mark the routine of a habit done on a day, from the checklist's page
    /// (`g:<habit>:<day>:<page>`).
    Routine(i64, NaiveDate, u32),
    /// The sick day: skip every habit left open that day (`S:<day>`).
    SickDay(NaiveDate),
    /// One habit's day: its mark, note and buttons (`u:<habit>:<day>`).
    Day(i64, NaiveDate),
    /// Ask for a note on a habit's day (`n:<habit>:<day>`).
    Note(i64, NaiveDate),
    /// A habit's card (`c:<habit>`).
    Card(i64),
    /// A habit's correction calendar (`C:<habit>`).
    Calendar(i64),
    /// The list of habits to manage, page `n`; archived ones when set (`m:<n>`, `a:<n>`).
    List(bool, u32),
    /// A habit's edit menu (`e:<habit>`).
    Edit(i64),
    /// Edit one field (`E:<habit>:<field>`).
    EditField(i64, Field),
    /// A value chosen for a field of a habit (`V:<habit>:<field>:<choice>`).
    Choose(i64, Field, Choice),
    /// Move a habit up or down the list (`o:<habit>:<u|d>`).
    Move(i64, bool),
    /// Archive or bring back (`x:<habit>:<a|u>`).
    Archive(i64, bool),
    /// Ask before deleting (`X:<habit>`).
    AskDelete(i64),
    /// Delete (`Y:<habit>`).
    Delete(i64),
    /// A habit's reminders (`r:<habit>`).
    Reminders(i64),
    /// Add a reminder: ask for its time (`R:<habit>`).
    AddReminder(i64),
    /// Set a reminder's weekdays (`w:<reminder>:<mask>`).
    Weekdays(i64, u8),
    /// Delete a reminder (`z:<reminder>`).
    DeleteReminder(i64),
    /// The goal reached: archive it, or keep going (`q:<habit>:<a|k>`).
    Goal(i64, bool),
    /// Start creating a habit (`N`).
    New,
    /// A value chosen in the creation flow (`W:<choice>`).
    Wizard(Choice),
    /// Cancel the flow under way (`Z`).
    Cancel,
    /// The start of the habit day: the choices (`B`), or one chosen in minutes (`b:<min>`).
    DayStart(Option<u32>),
}

impl Action {
    /// The payload after `H:`.
    pub fn encode(self) -> String {
        let d = day_ref;
        match self {
            Action::Today(p) => format!("l:{p}"),
            Action::Mark(h, day, set, from) => {
                let s = match set {
                    Set::Done => "d".to_owned(),
                    Set::Skip => "k".to_owned(),
                    Set::Clear => "c".to_owned(),
                    Set::Value(v) => format!("v{v}"),
                };
                format!("s:{h}:{}:{s}:{}", d(day), from.encode())
            }
            Action::Routine(h, day, p) => format!("g:{h}:{}:{p}", d(day)),
            Action::SickDay(day) => format!("S:{}", d(day)),
            Action::Day(h, day) => format!("u:{h}:{}", d(day)),
            Action::Note(h, day) => format!("n:{h}:{}", d(day)),
            Action::Card(h) => format!("c:{h}"),
            Action::Calendar(h) => format!("C:{h}"),
            Action::List(false, p) => format!("m:{p}"),
            Action::List(true, p) => format!("a:{p}"),
            Action::Edit(h) => format!("e:{h}"),
            Action::EditField(h, f) => format!("E:{h}:{}", f.key()),
            Action::Choose(h, f, c) => format!("V:{h}:{}:{}", f.key(), c.encode()),
            Action::Move(h, up) => format!("o:{h}:{}", if up { "u" } else { "d" }),
            Action::Archive(h, on) => format!("x:{h}:{}", if on { "a" } else { "u" }),
            Action::AskDelete(h) => format!("X:{h}"),
            Action::Delete(h) => format!("Y:{h}"),
            Action::Reminders(h) => format!("r:{h}"),
            Action::AddReminder(h) => format!("R:{h}"),
            Action::Weekdays(r, mask) => format!("w:{r}:{mask}"),
            Action::DeleteReminder(r) => format!("z:{r}"),
            Action::Goal(h, archive) => format!("q:{h}:{}", if archive { "a" } else { "k" }),
            Action::New => "N".into(),
            Action::Wizard(c) => format!("W:{}", c.encode()),
            Action::Cancel => "Z".into(),
            Action::DayStart(None) => "B".into(),
            Action::DayStart(Some(m)) => format!("b:{m}"),
        }
    }

    /// Reads a payload; anything malformed or out of range is `None`.
    pub fn parse(payload: &str) -> Option<Action> {
        let parts: Vec<&str> = payload.split(':').collect();
        let id = |s: &str| {
            s.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0 && !s.starts_with('+'))
        };
        let page = |s: &str| s.parse::<u32>().ok().filter(|_| !s.starts_with('+'));
        let day = |s: &str| ref_day(id(s)?);
        let flag = |s: &str, yes: &str, no: &str| match s {
            s if s == yes => Some(true),
            s if s == no => Some(false),
            _ => None,
        };
        Some(match parts.as_slice() {
            ["l", p] => Action::Today(page(p)?),
            ["s", h, dy, set, from] => {
                let set = match *set {
                    "d" => Set::Done,
                    "k" => Set::Skip,
                    "c" => Set::Clear,
                    v => {
                        let milli = id(v.strip_prefix('v')?)?;
                        if milli > crate::domain::habits::AMOUNT_MAX * 1000 {
                            return None;
                        }
                        Set::Value(milli)
                    }
                };
                Action::Mark(id(h)?, day(dy)?, set, From::parse(from)?)
            }
            ["g", h, dy, p] => Action::Routine(id(h)?, day(dy)?, page(p)?),
            ["S", dy] => Action::SickDay(day(dy)?),
            ["u", h, dy] => Action::Day(id(h)?, day(dy)?),
            ["n", h, dy] => Action::Note(id(h)?, day(dy)?),
            ["c", h] => Action::Card(id(h)?),
            ["C", h] => Action::Calendar(id(h)?),
            ["m", p] => Action::List(false, page(p)?),
            ["a", p] => Action::List(true, page(p)?),
            ["e", h] => Action::Edit(id(h)?),
            ["E", h, f] => Action::EditField(id(h)?, Field::from_key(f)?),
            ["V", h, f, c] => Action::Choose(id(h)?, Field::from_key(f)?, Choice::parse(c)?),
            ["o", h, dir] => Action::Move(id(h)?, flag(dir, "u", "d")?),
            ["x", h, on] => Action::Archive(id(h)?, flag(on, "a", "u")?),
            ["X", h] => Action::AskDelete(id(h)?),
            ["Y", h] => Action::Delete(id(h)?),
            ["r", h] => Action::Reminders(id(h)?),
            ["R", h] => Action::AddReminder(id(h)?),
            ["w", r, mask] => Action::Weekdays(
                id(r)?,
                mask.parse::<u8>().ok().filter(|m| {
                    *m <= crate::domain::habits::EVERY_WEEKDAY && !mask.starts_with('+')
                })?,
            ),
            ["z", r] => Action::DeleteReminder(id(r)?),
            ["q", h, a] => Action::Goal(id(h)?, flag(a, "a", "k")?),
            ["N"] => Action::New,
            ["W", c] => Action::Wizard(Choice::parse(c)?),
            ["Z"] => Action::Cancel,
            ["B"] => Action::DayStart(None),
            ["b", m] => Action::DayStart(Some(
                page(m).filter(|m| *m <= crate::service::habits::DAY_START_MAX_MIN)?,
            )),
            _ => return None,
        })
    }

    /// The callback data.
    pub fn callback(self) -> Callback {
        Callback::Habit(self.encode())
    }
}

/// A habits button.
pub fn button(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, action.callback().encode())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes_and_junk_is_refused() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let big = i64::MAX;
        let all = [
            Action::Today(u32::MAX),
            Action::Mark(big, day, Set::Done, From::Today(u32::MAX)),
            Action::Mark(1, day, Set::Skip, From::Day),
            Action::Mark(1, day, Set::Clear, From::Reminder),
            Action::Mark(big, day, Set::Value(1_000_000_000), From::Today(u32::MAX)),
            Action::Routine(big, day, u32::MAX),
            Action::SickDay(day),
            Action::Day(big, day),
            Action::Note(big, day),
            Action::Card(big),
            Action::Calendar(big),
            Action::List(false, 3),
            Action::List(true, 0),
            Action::Edit(big),
            Action::EditField(big, Field::Target),
            Action::Choose(big, Field::Frequency, Choice::Freq(Frequency::monthly(10))),
            Action::Choose(big, Field::Factor, Choice::Factor(Factor::ScreenTime)),
            Action::Choose(1, Field::Kind, Choice::Kind(2)),
            Action::Choose(1, Field::Routine, Choice::Routine(255)),
            Action::Choose(1, Field::Goal, Choice::Goal(0)),
            Action::Move(big, true),
            Action::Archive(big, false),
            Action::AskDelete(big),
            Action::Delete(big),
            Action::Reminders(big),
            Action::AddReminder(big),
            Action::Weekdays(big, 127),
            Action::DeleteReminder(big),
            Action::Goal(big, true),
            Action::New,
            Action::Wizard(Choice::Skip),
            Action::Wizard(Choice::Goal(66)),
            Action::Cancel,
            Action::DayStart(None),
            Action::DayStart(Some(240)),
        ];
        for a in all {
            let data = a.callback().encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::parse(&data), Some(a.callback()), "{data}");
            assert_eq!(Action::parse(&a.encode()), Some(a), "{data}");
        }
        for junk in [
            "",
            "l",
            "l:-1",
            "s:1:739000:d",
            "s:1:739000:x:d",
            "s:1:739000:d:x",
            "s:1:739000:d:t-1",
            "s:1:739000:v-3:d",
            "s:1:739000:v:d",
            "s:1:739000:v99999999999999:d",
            "s:-1:739000:d:d",
            "s:1:abc:d:d",
            "s:1:99999999999:d:d",
            "g:1:739000",
            "c:+1",
            "E:1:z",
            "V:1:f:f0-7",
            "V:1:f:f1-0",
            "V:1:f:f1-999",
            "V:1:k:k3",
            "V:1:x:xsmoking",
            "w:1:128",
            "b:721",
            "o:1:x",
            "N:1",
            "W:",
        ] {
            assert_eq!(Action::parse(junk), None, "{junk}");
        }
    }
}
