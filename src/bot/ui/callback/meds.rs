//! The `M:` button payloads of the medications and settings screens: short ASCII tags and ids, parsed defensively
//! (anything malformed is `None`; ids are re-checked against the user by the handlers).

use crate::domain::medication::{Effect, MedClass};
use chrono::{NaiveDate, NaiveTime};
use teloxide_core::types::InlineKeyboardButton;

/// What a button of these screens asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The /settings screen, in place.
    Settings,
    /// Choose the language.
    Language,
    /// Choose the time zone.
    Zone,
    /// Turn menstruation tracking on (`true`) or off.
    Period(bool),
    /// The check-in time choices.
    CheckinMenu,
    /// Set the check-in time (`None`: off).
    CheckinSet(Option<NaiveTime>),
    /// Ask for a typed check-in time.
    CheckinType,
    /// The medication list, a page of it.
    List(i64),
    /// Add a medication.
    Add,
    /// Open a medication; the list page to go back to.
    Open(i64, i64),
    /// Ask for a new name.
    Rename(i64),
    /// Show the classes to choose from.
    ClassMenu(i64),
    /// Set the class.
    SetClass(i64, MedClass),
    /// Ask for the usual dose.
    EditDose(i64),
    /// Clear the usual dose.
    ClearDose(i64),
    /// Take the medication off the list.
    Delete(i64),
    /// The class of the medication being added.
    NewClass(MedClass),
    /// No usual dose for the medication just added.
    SkipNewDose,
    /// Record a dose, for an attack or on its own.
    Took(Option<i64>),
    /// Another page of medications to choose from.
    TookPage(i64),
    /// The medication taken.
    TookMed(i64),
    /// A medication not on the list: its name will be typed.
    TookOther,
    /// The medication's usual dose.
    DefaultDose,
    /// No dose given.
    NoDose,
    /// Taken now.
    Now,
    /// How a dose worked.
    Effect(i64, Effect),
    /// What the effect question is about.
    EffectHint(i64),
    /// Take back a period mark.
    Unmark(NaiveDate),
    /// Move a period mark from the first day to the second ("It was yesterday").
    MovePeriod(NaiveDate, NaiveDate),
    /// Ask for the day a period mark should move to (from the day given).
    AskPeriodDay(NaiveDate),
}

/// A button of the medications and settings screens.
pub fn button(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, super::Callback::Meds(action.encode()).encode())
}

impl Action {
    /// Whether the action belongs to the settings screens (the rest are medications').
    pub fn is_settings(self) -> bool {
        matches!(
            self,
            Action::Settings
                | Action::Language
                | Action::Zone
                | Action::Period(_)
                | Action::CheckinMenu
                | Action::CheckinSet(_)
                | Action::CheckinType
                | Action::Unmark(_)
                | Action::MovePeriod(..)
                | Action::AskPeriodDay(_)
        )
    }

    /// The payload to put after `M:`.
    pub fn encode(self) -> String {
        match self {
            Action::Settings => "s".into(),
            Action::Language => "sl".into(),
            Action::Zone => "sz".into(),
            Action::Period(on) => format!("sp:{}", u8::from(on)),
            Action::CheckinMenu => "sc".into(),
            Action::CheckinSet(Some(t)) => format!("sc:{}", t.format("%H%M")),
            Action::CheckinSet(None) => "sc:off".into(),
            Action::CheckinType => "st".into(),
            Action::List(page) => format!("l:{page}"),
            Action::Add => "a".into(),
            Action::Open(id, page) => format!("o:{id}:{page}"),
            Action::Rename(id) => format!("en:{id}"),
            Action::ClassMenu(id) => format!("ec:{id}"),
            Action::SetClass(id, class) => format!("c:{id}:{}", class.key()),
            Action::EditDose(id) => format!("ed:{id}"),
            Action::ClearDose(id) => format!("dn:{id}"),
            Action::Delete(id) => format!("x:{id}"),
            Action::NewClass(class) => format!("nc:{}", class.key()),
            Action::SkipNewDose => "ns".into(),
            Action::Took(None) => "t".into(),
            Action::Took(Some(attack)) => format!("t:{attack}"),
            Action::TookPage(page) => format!("tp:{page}"),
            Action::TookMed(id) => format!("tm:{id}"),
            Action::TookOther => "ta".into(),
            Action::DefaultDose => "td".into(),
            Action::NoDose => "t0".into(),
            Action::Now => "tn".into(),
            Action::Effect(id, effect) => format!("f:{id}:{}", effect.key()),
            Action::EffectHint(id) => format!("q:{id}"),
            Action::Unmark(day) => format!("pu:{}", day.format("%Y%m%d")),
            Action::MovePeriod(from, to) => {
                format!("pm:{}:{}", from.format("%Y%m%d"), to.format("%Y%m%d"))
            }
            Action::AskPeriodDay(from) => format!("pa:{}", from.format("%Y%m%d")),
        }
    }

    /// Reads a payload; anything malformed is `None`.
    pub fn parse(payload: &str) -> Option<Action> {
        if payload.len() > 60 || !payload.is_ascii() {
            return None;
        }
        let mut parts = payload.split(':');
        let tag = parts.next()?;
        let args: Vec<&str> = parts.collect();
        let id = |i: usize| {
            let s = *args.get(i)?;
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse::<i64>().ok())
                .flatten()
        };
        let arity = |n: usize| (args.len() == n).then_some(());
        Some(match tag {
            "s" => arity(0).map(|_| Action::Settings)?,
            "sl" => arity(0).map(|_| Action::Language)?,
            "sz" => arity(0).map(|_| Action::Zone)?,
            "sp" => match (arity(1)?, args[0]) {
                (_, "1") => Action::Period(true),
                (_, "0") => Action::Period(false),
                _ => return None,
            },
            "sc" if args.is_empty() => Action::CheckinMenu,
            "sc" => arity(1).and_then(|_| checkin(args[0]))?,
            "st" => arity(0).map(|_| Action::CheckinType)?,
            "l" => arity(1).and_then(|_| id(0)).map(Action::List)?,
            "a" => arity(0).map(|_| Action::Add)?,
            "o" => arity(2).and_then(|_| Some(Action::Open(id(0)?, id(1)?)))?,
            "en" => arity(1).and_then(|_| id(0)).map(Action::Rename)?,
            "ec" => arity(1).and_then(|_| id(0)).map(Action::ClassMenu)?,
            "c" => arity(2)
                .and_then(|_| Some(Action::SetClass(id(0)?, MedClass::from_key(args[1])?)))?,
            "ed" => arity(1).and_then(|_| id(0)).map(Action::EditDose)?,
            "dn" => arity(1).and_then(|_| id(0)).map(Action::ClearDose)?,
            "x" => arity(1).and_then(|_| id(0)).map(Action::Delete)?,
            "nc" => arity(1)
                .and_then(|_| MedClass::from_key(args[0]))
                .map(Action::NewClass)?,
            "ns" => arity(0).map(|_| Action::SkipNewDose)?,
            "t" if args.is_empty() => Action::Took(None),
            "t" => arity(1)
                .and_then(|_| id(0))
                .map(|a| Action::Took(Some(a)))?,
            "tp" => arity(1).and_then(|_| id(0)).map(Action::TookPage)?,
            "tm" => arity(1).and_then(|_| id(0)).map(Action::TookMed)?,
            "ta" => arity(0).map(|_| Action::TookOther)?,
            "td" => arity(0).map(|_| Action::DefaultDose)?,
            "t0" => arity(0).map(|_| Action::NoDose)?,
            "tn" => arity(0).map(|_| Action::Now)?,
            "f" => arity(2).and_then(|_| {
                let effect = Effect::from_key(args[1]).filter(|e| *e != Effect::Unknown)?;
                Some(Action::Effect(id(0)?, effect))
            })?,
            "q" => arity(1).and_then(|_| id(0)).map(Action::EffectHint)?,
            "pu" => arity(1).and_then(|_| date(args[0])).map(Action::Unmark)?,
            "pm" => {
                arity(2).and_then(|_| Some(Action::MovePeriod(date(args[0])?, date(args[1])?)))?
            }
            "pa" => arity(1)
                .and_then(|_| date(args[0]))
                .map(Action::AskPeriodDay)?,
            _ => return None,
        })
    }
}

fn checkin(arg: &str) -> Option<Action> {
    if arg == "off" {
        return Some(Action::CheckinSet(None));
    }
    if arg.len() != 4 || !arg.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = (arg[..2].parse().ok()?, arg[2..].parse().ok()?);
    NaiveTime::from_hms_opt(h, m, 0).map(|t| Action::CheckinSet(Some(t)))
}

fn date(arg: &str) -> Option<NaiveDate> {
    if arg.len() != 8 || !arg.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (
        arg[..4].parse().ok()?,
        arg[4..6].parse().ok()?,
        arg[6..].parse().ok()?,
    );
    NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_60_bytes() {
        let big = i64::MAX;
        let all = [
            Action::Settings,
            Action::Language,
            Action::Zone,
            Action::Period(true),
            Action::Period(false),
            Action::CheckinMenu,
            Action::CheckinSet(NaiveTime::from_hms_opt(21, 30, 0)),
            Action::CheckinSet(None),
            Action::CheckinType,
            Action::List(big),
            Action::Add,
            Action::Open(big, big),
            Action::Rename(big),
            Action::ClassMenu(big),
            Action::SetClass(big, MedClass::Combination),
            Action::EditDose(big),
            Action::ClearDose(big),
            Action::Delete(big),
            Action::NewClass(MedClass::SimpleAnalgesic),
            Action::SkipNewDose,
            Action::Took(None),
            Action::Took(Some(big)),
            Action::TookPage(big),
            Action::TookMed(big),
            Action::TookOther,
            Action::DefaultDose,
            Action::NoDose,
            Action::Now,
            Action::Effect(big, Effect::Partial),
            Action::EffectHint(big),
            Action::Unmark(NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()),
            Action::MovePeriod(
                NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
                NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            ),
            Action::AskPeriodDay(NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()),
        ];
        for action in all {
            let payload = action.encode();
            assert!(payload.len() <= 60, "{payload}");
            assert_eq!(Action::parse(&payload), Some(action), "{payload}");
        }
    }

    #[test]
    fn malformed_payloads_are_refused() {
        for payload in [
            "",
            "zz",
            "s:1",
            "sp",
            "sp:2",
            "sc:2500",
            "sc:930",
            "sc:ab00",
            "l",
            "l:-1",
            "l:+1",
            "o:1",
            "o:1:x",
            "o:1:2:3",
            "c:1:aspirin",
            "nc:",
            "t:",
            "t:1:2",
            "f:1",
            "f:1:unknown",
            "f:x:full",
            "pu:20260231",
            "pu:2026031",
            "e:99999999999999999999",
            "' or 1=1 --",
            "tm:1\u{0}",
        ] {
            assert_eq!(Action::parse(payload), None, "{payload:?}");
        }
    }
}
