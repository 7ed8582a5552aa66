//! Button data: a short action tag and ids, ≤ 64 bytes. Never trusted: parsing only
//! checks the shape; handlers re-check that the record belongs to whoever pressed.

pub mod details;
pub mod export;
pub mod habits;
pub mod meds;
pub mod questionnaire;
pub mod reminders;

use crate::domain::lang::Lang;
use chrono_tz::Tz;

/// What a button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// End the attack now.
    EndNow(i64),
    /// Ask for a typed end time.
    EndAt(i64),
    /// Undo the one tap (soft delete).
    Undo(i64),
    /// Restore what Undo removed.
    Redo(i64),
    /// History page (0 = newest).
    History(i64),
    /// Open a record; the page to go back to.
    Open(i64, i64),
    /// Delete a record from its view.
    Delete(i64, i64),
    /// Restore a record deleted from its view.
    Restore(i64, i64),
    /// Set the time zone.
    Zone(Tz),
    /// Set the language.
    Language(Lang),
    /// Confirm erasing everything; the nonce ties it to one /forget.
    Forget(i64),
    /// Keep the diary after all.
    KeepDiary,
    /// A button of the details editor; the payload is parsed by `handlers::details`.
    Details(String),
    /// A button of the medications and /settings screens (`handlers::meds`).
    Meds(String),
    /// A button of the evening questionnaire (`handlers::checkin`).
    Checkin(String),
    /// A button of the trash (`handlers::trash`).
    Trash(String),
    /// A button of a reminder or of the reminder settings (`bot::reminders`).
    Remind(String),
    /// A button of /report (`bot::report`).
    Report(String),
    /// A button of the questionnaires (`bot::questionnaire`, see [`questionnaire::Action`]).
    Quest(String),
    /// A button of /token (`bot::token`).
    Token(String),
    /// A button of the habits (`bot::habits`, see [`habits::Action`]).
    Habit(String),
    /// A button of the /export menu (`bot::export`, see [`export::Choice`]).
    Export(String),
    /// A button of an import's preview or result (`bot::import`).
    Import(ImportAction, i64),
}

/// What an import button does to the import it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAction {
    /// Apply the previewed import.
    Confirm,
    /// Drop the preview.
    Cancel,
    /// Undo the applied import.
    Undo,
}

impl Callback {
    /// The data to put on a button.
    pub fn encode(&self) -> String {
        match self {
            Callback::EndNow(id) => format!("e:{id}"),
            Callback::EndAt(id) => format!("t:{id}"),
            Callback::Undo(id) => format!("u:{id}"),
            Callback::Redo(id) => format!("r:{id}"),
            Callback::History(page) => format!("h:{page}"),
            Callback::Open(id, page) => format!("o:{id}:{page}"),
            Callback::Delete(id, page) => format!("d:{id}:{page}"),
            Callback::Restore(id, page) => format!("R:{id}:{page}"),
            Callback::Zone(tz) => format!("z:{}", tz.name()),
            Callback::Language(lang) => format!("l:{}", lang.code()),
            Callback::Forget(nonce) => format!("f:{nonce}"),
            Callback::KeepDiary => "k".to_owned(),
            Callback::Details(p) => format!("D:{p}"),
            Callback::Meds(p) => format!("M:{p}"),
            Callback::Checkin(p) => format!("C:{p}"),
            Callback::Trash(p) => format!("T:{p}"),
            Callback::Remind(p) => format!("N:{p}"),
            Callback::Report(p) => format!("P:{p}"),
            Callback::Quest(p) => format!("Q:{p}"),
            Callback::Token(p) => format!("K:{p}"),
            Callback::Habit(p) => format!("H:{p}"),
            Callback::Import(action, id) => {
                let a = match action {
                    ImportAction::Confirm => 'c',
                    ImportAction::Cancel => 'x',
                    ImportAction::Undo => 'u',
                };
                format!("I:{a}:{id}")
            }
            Callback::Export(p) => format!("X:{p}"),
        }
    }

    /// Reads button data; anything malformed is `None`.
    pub fn parse(data: &str) -> Option<Callback> {
        if data.len() > 64 {
            return None;
        }
        let (tag, rest) = data.split_once(':').unwrap_or((data, ""));
        let id = |s: &str| s.parse::<i64>().ok().filter(|n| *n >= 0);
        let pair = |s: &str| {
            let (a, b) = s.split_once(':')?;
            Some((id(a)?, id(b)?))
        };
        Some(match tag {
            "e" => Callback::EndNow(id(rest)?),
            "t" => Callback::EndAt(id(rest)?),
            "u" => Callback::Undo(id(rest)?),
            "r" => Callback::Redo(id(rest)?),
            "h" => Callback::History(id(rest)?),
            "o" => pair(rest).map(|(a, b)| Callback::Open(a, b))?,
            "d" => pair(rest).map(|(a, b)| Callback::Delete(a, b))?,
            "R" => pair(rest).map(|(a, b)| Callback::Restore(a, b))?,
            "z" => Callback::Zone(rest.parse().ok()?),
            "l" => match rest {
                "en" => Callback::Language(Lang::En),
                "ru" => Callback::Language(Lang::Ru),
                _ => return None,
            },
            "f" => Callback::Forget(id(rest)?),
            "I" => {
                let (a, n) = rest.split_once(':')?;
                let action = match a {
                    "c" => ImportAction::Confirm,
                    "x" => ImportAction::Cancel,
                    "u" => ImportAction::Undo,
                    _ => return None,
                };
                Callback::Import(action, id(n)?)
            }
            "k" if rest.is_empty() => Callback::KeepDiary,
            // Feature payloads are checked by their module; only the shape is checked here.
            "D" | "M" | "C" | "T" | "N" | "P" | "Q" | "K" | "H" | "X"
                if !rest.is_empty() && rest.is_ascii() =>
            {
                let payload = rest.to_owned();
                match tag {
                    "D" => Callback::Details(payload),
                    "M" => Callback::Meds(payload),
                    "C" => Callback::Checkin(payload),
                    "N" => Callback::Remind(payload),
                    "P" => Callback::Report(payload),
                    "Q" => Callback::Quest(payload),
                    "K" => Callback::Token(payload),
                    "H" => Callback::Habit(payload),
                    "X" => Callback::Export(payload),
                    _ => Callback::Trash(payload),
                }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_round_trips_within_64_bytes() {
        let all = [
            Callback::EndNow(i64::MAX),
            Callback::EndAt(1),
            Callback::Undo(2),
            Callback::Redo(3),
            Callback::History(4),
            Callback::Open(i64::MAX, i64::MAX),
            Callback::Delete(5, 6),
            Callback::Restore(7, 8),
            Callback::Zone(chrono_tz::America::Argentina::ComodRivadavia),
            Callback::Language(Lang::Ru),
            Callback::Forget(i64::MAX),
            Callback::KeepDiary,
            Callback::Details("i:5:7".into()),
            Callback::Meds("x".into()),
            Callback::Checkin("n".into()),
            Callback::Trash("r:9".into()),
            Callback::Report("s:last_3_months".into()),
            Callback::Remind("df:1".into()),
            Callback::Quest("d:4:90".into()),
            Callback::Import(ImportAction::Confirm, i64::MAX),
            Callback::Import(ImportAction::Cancel, 1),
            Callback::Import(ImportAction::Undo, 2),
            Callback::Export("f".into()),
        ];
        for cb in all {
            let data = cb.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::parse(&data), Some(cb));
        }
    }

    #[test]
    fn garbage_is_rejected() {
        for data in [
            "",
            "x",
            "e:",
            "e:abc",
            "e:-1",
            "o:1",
            "o:1:x",
            "z:Mars/Base",
            "l:de",
            "k:1",
            "I:c",
            "I:z:1",
            "I:u:-3",
            "e:99999999999999999999",
            "' or 1=1 --",
            "e:1\u{0}",
        ] {
            assert_eq!(Callback::parse(data), None, "{data:?}");
        }
    }
}
