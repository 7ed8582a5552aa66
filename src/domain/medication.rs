//! The user's medication list and each dose taken.

use super::key_enum;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

key_enum!(
    /// ICHD-3 classes that the overuse figures count by.
    MedClass {
        SimpleAnalgesic = "simple", Nsaid = "nsaid", Triptan = "triptan", Ergotamine = "ergot",
        /// A CGRP receptor antagonist taken for an attack (rimegepant, ubrogepant): acute and
        /// migraine-specific. Taken daily to prevent attacks, it is entered as preventive.
        Gepant = "gepant",
        /// A 5-HT1F agonist (lasmiditan): acute and migraine-specific.
        Ditan = "ditan",
        Opioid = "opioid", Combination = "combination",
        /// Taken to prevent attacks, anti-CGRP antibodies and daily gepants included.
        Preventive = "preventive",
        Other = "other",
    }
);
key_enum!(
    /// The effect two hours after a dose.
    Effect { No = "none", Partial = "partial", Full = "full", Unknown = "unknown" }
);

impl Effect {
    /// The answers the user can give when asked (never [`Effect::Unknown`]), as offered.
    pub const ANSWERS: [Effect; 3] = [Effect::No, Effect::Partial, Effect::Full];
}

/// The longest medication name, in characters.
pub const NAME_MAX: usize = 100;
/// The longest dose, in characters.
pub const DOSE_MAX: usize = 50;

/// Why a medication name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    /// Only whitespace.
    Empty,
    /// Longer than [`NAME_MAX`] characters (it has `length`).
    TooLong {
        /// Characters typed.
        length: usize,
    },
}

/// Why a dose was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseError {
    /// Only whitespace.
    Empty,
    /// Longer than [`DOSE_MAX`] characters (it has `length`).
    TooLong {
        /// Characters typed.
        length: usize,
    },
    /// A negative amount, such as `-5` or `−5 mg`.
    Negative,
}

/// A medication name: trimmed, otherwise kept verbatim (emoji, quotes and all).
pub fn parse_name(text: &str) -> Result<String, NameError> {
    let name = text.trim();
    let length = name.chars().count();
    if length == 0 {
        Err(NameError::Empty)
    } else if length > NAME_MAX {
        Err(NameError::TooLong { length })
    } else {
        Ok(name.to_owned())
    }
}

/// A dose, free text such as `400 mg` or `2 tablets`; a negative amount is refused.
pub fn parse_dose(text: &str) -> Result<String, DoseError> {
    let dose = text.trim();
    let length = dose.chars().count();
    if length == 0 {
        Err(DoseError::Empty)
    } else if length > DOSE_MAX {
        Err(DoseError::TooLong { length })
    } else if has_negative_amount(dose) {
        Err(DoseError::Negative)
    } else {
        Ok(dose.to_owned())
    }
}

/// A minus sign (any of the dashes people type) right before a number, at the start or
/// after a space: `-5`, `− 5 mg`, `take -2`. A range such as `200-400 mg` is not one.
fn has_negative_amount(text: &str) -> bool {
    const MINUS: [char; 7] = ['-', '−', '–', '—', '‒', '﹣', '－'];
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        if !MINUS.contains(c) {
            return false;
        }
        let at_start = chars[..i].iter().all(|c| c.is_whitespace());
        let after_space = i > 0 && chars[i - 1].is_whitespace();
        let next = if at_start {
            chars[i + 1..].iter().find(|c| !c.is_whitespace())
        } else {
            chars.get(i + 1)
        };
        (at_start || after_space) && next.is_some_and(|n| n.is_ascii_digit() || *n == '.')
    })
}

/// A medication on the user's list.
#[derive(Debug, Clone, PartialEq)]
pub struct Medication {
    /// Id.
    pub id: i64,
    /// Name as the user wrote it.
    pub name: String,
    /// Class.
    pub class: MedClass,
    /// Usual dose, free text such as "400 mg".
    pub default_dose: Option<String>,
}

/// One dose taken, as exported: the medication's name travels with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    /// Id.
    pub id: i64,
    /// The medication taken.
    pub medication_id: i64,
    /// The medication's name.
    pub name: String,
    /// The medication's class.
    pub class: MedClass,
    /// When taken.
    pub taken_at: DateTime<Utc>,
    /// The user's zone then.
    pub zone: Tz,
    /// Dose, free text.
    pub dose: Option<String>,
    /// The attack it was taken for, if any.
    pub attack_id: Option<i64>,
    /// Effect after two hours.
    pub effect: Option<Effect>,
}

/// A dose to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIntake {
    /// The medication (from the user's list).
    pub medication_id: i64,
    /// The attack it was taken for, if any.
    pub attack_id: Option<i64>,
    /// When taken.
    pub taken_at: DateTime<Utc>,
    /// The user's zone then.
    pub zone: Tz,
    /// Dose, free text.
    pub dose: Option<String>,
}

/// One field of a medication on the list.
#[derive(Debug, Clone, PartialEq)]
pub enum MedField {
    /// Name.
    Name(String),
    /// Class.
    Class(MedClass),
    /// Usual dose.
    DefaultDose(Option<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dose_is_free_text_but_never_negative_in_every_flow() {
        assert_eq!(parse_dose("400 mg"), Ok("400 mg".into()));
        assert_eq!(parse_dose("5-10 drops"), Ok("5-10 drops".into()));
        assert_eq!(parse_dose("-400 mg"), Err(DoseError::Negative));
        assert_eq!(parse_dose("- 5 mg"), Err(DoseError::Negative));
        assert_eq!(parse_dose("dose −2"), Err(DoseError::Negative));
        assert_eq!(
            parse_dose(&"1".repeat(51)),
            Err(DoseError::TooLong { length: 51 })
        );
    }

    #[test]
    fn a_name_is_trimmed_and_limited_in_characters() {
        assert_eq!(parse_name("  Ибупрофен  "), Ok("Ибупрофен".into()));
        assert_eq!(parse_name("   "), Err(NameError::Empty));
        assert_eq!(
            parse_name(&"я".repeat(101)),
            Err(NameError::TooLong { length: 101 })
        );
    }
}
