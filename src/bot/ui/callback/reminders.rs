//! Buttons of reminders and of the reminder settings (`N:` payloads). Each button carries
//! the value it sets, so a replayed press changes nothing.

use super::Callback;
use crate::domain::medication::Effect;
use teloxide_core::types::InlineKeyboardButton;

/// A choice on the reminder settings screen, with the value it sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Evening (false) or morning (true) diary reminder.
    Morning(bool),
    /// Repeat an unanswered diary reminder.
    Repeat(bool),
    /// Dose follow-up after N minutes (0: off).
    Dose(u32),
    /// "Still going?" after N minutes (0: off).
    Attack(u32),
    /// The unfinished check-in nudge.
    Nudge(bool),
    /// The weekly summary at this hour (`None`: off).
    Weekly(Option<u32>),
    /// Quiet hours from–to, whole hours (`None`: off).
    Quiet(Option<(u32, u32)>),
    /// Pause everything for N days (0: resume).
    Pause(u32),
    /// Offer MIDAS and HIT-6 when due.
    Questionnaires(bool),
}

/// What a reminder button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Diary reminder: no headache that day (the day as a schedule reference).
    Free(i64),
    /// Diary reminder: log one (opens the check-in about that day).
    Log(i64),
    /// Diary reminder: ask again in an hour.
    Hour(i64),
    /// Diary reminder: ask again tonight.
    Tonight(i64),
    /// Dose follow-up: how it worked.
    Effect(i64, Effect),
    /// Open-attack follow-up: still going.
    Going(i64),
    /// Unfinished check-in: continue it.
    Resume,
    /// The reminder settings screen.
    Menu,
    /// A setting.
    Set(Setting),
}

fn flag(b: bool) -> &'static str {
    if b { "1" } else { "0" }
}

impl Action {
    /// The payload after `N:`.
    pub fn encode(self) -> String {
        match self {
            Action::Free(d) => format!("df:{d}"),
            Action::Log(d) => format!("dl:{d}"),
            Action::Hour(d) => format!("dh:{d}"),
            Action::Tonight(d) => format!("dn:{d}"),
            Action::Effect(id, e) => format!("f:{id}:{}", e.key()),
            Action::Going(id) => format!("g:{id}"),
            Action::Resume => "c".into(),
            Action::Menu => "s".into(),
            Action::Set(s) => match s {
                Setting::Morning(b) => format!("sm:{}", flag(b)),
                Setting::Repeat(b) => format!("sr:{}", flag(b)),
                Setting::Dose(m) => format!("sd:{m}"),
                Setting::Attack(m) => format!("sa:{m}"),
                Setting::Nudge(b) => format!("su:{}", flag(b)),
                Setting::Weekly(h) => format!("sw:{}", h.map_or(-1, i64::from)),
                Setting::Quiet(q) => match q {
                    Some((f, t)) => format!("sq:{f}:{t}"),
                    None => "sq:-".into(),
                },
                Setting::Pause(d) => format!("sp:{d}"),
                Setting::Questionnaires(b) => format!("sk:{}", flag(b)),
            },
        }
    }

    /// Reads a payload; anything malformed or out of range is `None`.
    pub fn parse(payload: &str) -> Option<Action> {
        let mut parts = payload.split(':');
        let tag = parts.next()?;
        let args: Vec<&str> = parts.collect();
        let num = |i: usize| args.get(i)?.parse::<i64>().ok().filter(|n| *n >= 0);
        let small = |i: usize, max: u32| {
            num(i)
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n <= max)
        };
        let boolean = |i: usize| match *args.get(i)? {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        };
        let one = args.len() == 1;
        use crate::domain::reminders::{FOLLOW_UP_MAX, PAUSE_MAX_DAYS};
        Some(match tag {
            "df" if one => Action::Free(num(0)?),
            "dl" if one => Action::Log(num(0)?),
            "dh" if one => Action::Hour(num(0)?),
            "dn" if one => Action::Tonight(num(0)?),
            "f" if args.len() == 2 => {
                let e = Effect::from_key(args[1]).filter(|e| *e != Effect::Unknown)?;
                Action::Effect(num(0)?, e)
            }
            "g" if one => Action::Going(num(0)?),
            "c" if args.is_empty() => Action::Resume,
            "s" if args.is_empty() => Action::Menu,
            "sm" if one => Action::Set(Setting::Morning(boolean(0)?)),
            "sr" if one => Action::Set(Setting::Repeat(boolean(0)?)),
            "sd" if one => Action::Set(Setting::Dose(small(0, FOLLOW_UP_MAX)?)),
            "sa" if one => Action::Set(Setting::Attack(small(0, FOLLOW_UP_MAX)?)),
            "su" if one => Action::Set(Setting::Nudge(boolean(0)?)),
            "sw" if one && args[0] == "-1" => Action::Set(Setting::Weekly(None)),
            "sw" if one => Action::Set(Setting::Weekly(Some(small(0, 23)?))),
            "sq" if one && args[0] == "-" => Action::Set(Setting::Quiet(None)),
            "sq" if args.len() == 2 => {
                Action::Set(Setting::Quiet(Some((small(0, 23)?, small(1, 23)?))))
            }
            "sp" if one => Action::Set(Setting::Pause(small(0, PAUSE_MAX_DAYS)?)),
            "sk" if one => Action::Set(Setting::Questionnaires(boolean(0)?)),
            _ => return None,
        })
    }
}

/// A reminder button.
pub fn button(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, Callback::Remind(action.encode()).encode())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_and_junk_is_refused() {
        let all = [
            Action::Free(739_000),
            Action::Log(1),
            Action::Hour(2),
            Action::Tonight(3),
            Action::Effect(i64::MAX, Effect::Partial),
            Action::Going(9),
            Action::Resume,
            Action::Menu,
            Action::Set(Setting::Morning(true)),
            Action::Set(Setting::Repeat(false)),
            Action::Set(Setting::Dose(120)),
            Action::Set(Setting::Attack(0)),
            Action::Set(Setting::Nudge(true)),
            Action::Set(Setting::Weekly(Some(9))),
            Action::Set(Setting::Weekly(None)),
            Action::Set(Setting::Quiet(Some((22, 7)))),
            Action::Set(Setting::Quiet(None)),
            Action::Set(Setting::Pause(7)),
            Action::Set(Setting::Questionnaires(false)),
        ];
        for a in all {
            let data = Callback::Remind(a.encode()).encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::parse(&data), Some(Callback::Remind(a.encode())));
            assert_eq!(Action::parse(&a.encode()), Some(a));
        }
        for junk in [
            "",
            "df",
            "df:-1",
            "df:1:2",
            "f:1:unknown",
            "f:1",
            "sd:100000",
            "sp:91",
            "sw:24",
            "sq:25:1",
            "sm:2",
            "sk:yes",
            "s:1",
            "x",
        ] {
            assert_eq!(Action::parse(junk), None, "{junk}");
        }
    }
}
