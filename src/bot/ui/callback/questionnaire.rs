//! Buttons of the questionnaires (`Q:` payloads): the overview, the history, each answer
//! and the offer the scheduler sends. An answer carries its question and its value, so a
//! replayed press changes nothing; the handler re-checks both against the questionnaire
//! under way.

use super::Callback;
use crate::domain::questionnaires::{Hit6Answer, Instrument, MIDAS_MAX_DAYS};
use teloxide_core::types::InlineKeyboardButton;

/// What a questionnaire button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The overview: each questionnaire's last result and when it is due (`m`).
    Menu,
    /// The results, newest first, page `n` (`h:<n>`).
    History(u32),
    /// Begin a questionnaire (`s:<instrument>`).
    Start(Instrument),
    /// A MIDAS answer: question index (0–4) and days (`d:<q>:<days>`).
    Days(u8, u8),
    /// A HIT-6 answer: question index (0–5) and the answer (`a:<q>:<answer>`).
    Hit6(u8, Hit6Answer),
    /// Back from question index `q` to the one before (`b:<instrument>:<q>`).
    Back(Instrument, u8),
    /// Stop the questionnaire under way (`x`).
    Cancel,
    /// An offer put off a week (`l:<instrument>`).
    Later(Instrument),
    /// An offer declined until the next round (`n:<instrument>`).
    NotNow(Instrument),
}

impl Action {
    /// The payload after `Q:`.
    pub fn encode(self) -> String {
        match self {
            Action::Menu => "m".into(),
            Action::History(page) => format!("h:{page}"),
            Action::Start(i) => format!("s:{}", i.key()),
            Action::Days(q, days) => format!("d:{q}:{days}"),
            Action::Hit6(q, a) => format!("a:{q}:{}", a.key()),
            Action::Back(i, q) => format!("b:{}:{q}", i.key()),
            Action::Cancel => "x".into(),
            Action::Later(i) => format!("l:{}", i.key()),
            Action::NotNow(i) => format!("n:{}", i.key()),
        }
    }

    /// Reads a payload; anything malformed or out of range is `None`.
    pub fn parse(payload: &str) -> Option<Action> {
        let parts: Vec<&str> = payload.split(':').collect();
        let small = |s: &str, below: usize| {
            s.parse::<u8>()
                .ok()
                .filter(|n| usize::from(*n) < below && !s.starts_with('+'))
        };
        let instrument = |s: &str| Instrument::from_key(s);
        Some(match parts.as_slice() {
            ["m"] => Action::Menu,
            ["h", page] => Action::History(page.parse().ok().filter(|_| !page.starts_with('+'))?),
            ["s", i] => Action::Start(instrument(i)?),
            ["d", q, days] => Action::Days(
                small(q, Instrument::Midas.questions())?,
                small(days, usize::from(MIDAS_MAX_DAYS) + 1)?,
            ),
            ["a", q, a] => Action::Hit6(
                small(q, Instrument::Hit6.questions())?,
                Hit6Answer::from_key(a)?,
            ),
            ["b", i, q] => {
                let i = instrument(i)?;
                Action::Back(i, small(q, i.questions())?)
            }
            ["x"] => Action::Cancel,
            ["l", i] => Action::Later(instrument(i)?),
            ["n", i] => Action::NotNow(instrument(i)?),
            _ => return None,
        })
    }

    /// The callback data.
    pub fn callback(self) -> Callback {
        Callback::Quest(self.encode())
    }
}

/// A questionnaire button.
pub fn button(label: impl Into<String>, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, action.callback().encode())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes_and_junk_is_refused() {
        let all = [
            Action::Menu,
            Action::History(u32::MAX),
            Action::Start(Instrument::Midas),
            Action::Start(Instrument::Hit6),
            Action::Days(4, 90),
            Action::Days(0, 0),
            Action::Hit6(5, Hit6Answer::VeryOften),
            Action::Back(Instrument::Hit6, 5),
            Action::Cancel,
            Action::Later(Instrument::Hit6),
            Action::NotNow(Instrument::Midas),
        ];
        for a in all {
            let data = a.callback().encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::parse(&data), Some(a.callback()));
            assert_eq!(Action::parse(&a.encode()), Some(a));
        }
        for junk in [
            "",
            "m:1",
            "h",
            "h:-1",
            "h:+1",
            "s:phq9",
            "d:5:1",
            "d:0:91",
            "d:0:-3",
            "d:0:+3",
            "d:0:4.5",
            "d:0",
            "a:6:never",
            "a:0:often",
            "b:midas:5",
            "b:hit6:6",
            "x:1",
            "l:",
            "n:midas:1",
        ] {
            assert_eq!(Action::parse(junk), None, "{junk}");
        }
    }
}
