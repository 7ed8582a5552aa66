//! Buttons of the /export menu (`X:` payloads): one per document it offers. A choice carries
//! nothing but its key, so a forged one can ask for no more than the presser's own data.

use super::Callback;

/// What an /export button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The diary CSV (`d`).
    Diary,
    /// The habits as Loop-shaped CSVs (`h`).
    Habits,
    /// The full archive as JSON (`a`).
    Archive,
    /// A FHIR R4 bundle (`f`).
    Fhir,
}

impl Choice {
    /// Every choice, in the menu's order.
    pub const ALL: [Choice; 4] = [Choice::Diary, Choice::Habits, Choice::Archive, Choice::Fhir];

    /// The payload after `X:` (also the dedup key of what the choice sends).
    pub fn key(self) -> &'static str {
        match self {
            Choice::Diary => "d",
            Choice::Habits => "h",
            Choice::Archive => "a",
            Choice::Fhir => "f",
        }
    }

    /// Reads a payload; anything else is `None`.
    pub fn parse(payload: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.key() == payload)
    }

    /// The callback data.
    pub fn callback(self) -> Callback {
        Callback::Export(self.key().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_and_junk_is_refused() {
        for c in Choice::ALL {
            let data = c.callback().encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::parse(&data), Some(c.callback()));
            assert_eq!(Choice::parse(c.key()), Some(c));
        }
        for junk in ["", "x", "d:1", "D", "ff", "a "] {
            assert_eq!(Choice::parse(junk), None, "{junk:?}");
        }
        assert_eq!(Callback::parse("X:"), None);
        assert_eq!(Callback::parse("X"), None);
    }
}
