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
