//! Which question follows which, and where /back goes.

use serde::{Deserialize, Serialize};

/// One question of the flow (and the questions asked between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Which day (asked on request; today by default).
    Date,
    /// Headache on that day? (the first question; "no" is one tap)
    Headache,
    /// Said "no" but an attack is recorded that day: which is right?
    ConflictAttack,
    /// Said "yes" but the day is marked headache-free: which is right?
    ConflictFree,
    /// Several attacks that day: which one to fill in?
    Pick,
    /// When it started.
    Started,
    /// When it stopped.
    Ended,
    /// Visual disturbances in the hour before.
    Aura,
    /// Where (several).
    Location,
    /// Pulsating or squeezing.
    Character,
    /// Worse with activity.
    Activity,
    /// 1–10.
    Intensity,
    /// Marked, slight, none.
    Nausea,
    /// Vomiting.
    Vomiting,
    /// Bothered by light.
    Light,
    /// Bothered by sound.
    Sound,
    /// Possible cause (several, plus own words).
    Cause,
    /// Painkillers: which one (or none).
    Meds,
    /// The class of a painkiller typed that is not on the list yet.
    MedClass,
    /// Its dose.
    Dose,
    /// When it was taken.
    MedTime,
    /// Another one?
    MoreMeds,
    /// Comments (the last question).
    Comment,
}

impl Step {
    /// Every step, for checks.
    pub const ALL: [Step; 23] = [
        Step::Date,
        Step::Headache,
        Step::ConflictAttack,
        Step::ConflictFree,
        Step::Pick,
        Step::Started,
        Step::Ended,
        Step::Aura,
        Step::Location,
        Step::Character,
        Step::Activity,
        Step::Intensity,
        Step::Nausea,
        Step::Vomiting,
        Step::Light,
        Step::Sound,
        Step::Cause,
        Step::Meds,
        Step::MedClass,
        Step::Dose,
        Step::MedTime,
        Step::MoreMeds,
        Step::Comment,
    ];

    /// Where a questionnaire starts.
    pub const FIRST: Step = Step::Headache;

    /// Its number in the counter; questions asked between two share the earlier's.
    pub fn number(self) -> u8 {
        match self {
            Step::Date
            | Step::Headache
            | Step::ConflictAttack
            | Step::ConflictFree
            | Step::Pick => 1,
            Step::Started => 2,
            Step::Ended => 3,
            Step::Aura => 4,
            Step::Location => 5,
            Step::Character => 6,
            Step::Activity => 7,
            Step::Intensity => 8,
            Step::Nausea => 9,
            Step::Vomiting => 10,
            Step::Light => 11,
            Step::Sound => 12,
            Step::Cause => 13,
            Step::Meds | Step::MedClass | Step::Dose | Step::MedTime | Step::MoreMeds => 14,
            Step::Comment => 15,
        }
    }

    /// The marker a button of this step carries (ASCII, short).
    pub fn code(self) -> &'static str {
        match self {
            Step::Date => "D",
            Step::Headache => "H",
            Step::ConflictAttack => "CA",
            Step::ConflictFree => "CF",
            Step::Pick => "P",
            Step::Started => "S",
            Step::Ended => "E",
            Step::Aura => "A",
            Step::Location => "L",
            Step::Character => "K",
            Step::Activity => "W",
            Step::Intensity => "I",
            Step::Nausea => "N",
            Step::Vomiting => "V",
            Step::Light => "LI",
            Step::Sound => "SO",
            Step::Cause => "T",
            Step::Meds => "M",
            Step::MedClass => "MC",
            Step::Dose => "MD",
            Step::MedTime => "MT",
            Step::MoreMeds => "MM",
            Step::Comment => "C",
        }
    }

    /// The step a marker names.
    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The question after this one once it is answered or skipped; `None` when the
    /// questionnaire is complete. `headache` is the answer to the first question.
    /// (Choosing a painkiller leads to its dose, and "another one" back to the
    /// painkillers: those answers name their step themselves.)
    pub fn next(self, headache: Option<bool>) -> Option<Step> {
        Some(match self {
            Step::Date => Step::Headache,
            Step::Headache | Step::ConflictAttack | Step::ConflictFree => {
                if headache == Some(true) {
                    Step::Started
                } else {
                    Step::Meds
                }
            }
            Step::Pick => Step::Started,
            Step::Started => Step::Ended,
            Step::Ended => Step::Aura,
            Step::Aura => Step::Location,
            Step::Location => Step::Character,
            Step::Character => Step::Activity,
            Step::Activity => Step::Intensity,
            Step::Intensity => Step::Nausea,
            Step::Nausea => Step::Vomiting,
            Step::Vomiting => Step::Light,
            Step::Light => Step::Sound,
            Step::Sound => Step::Cause,
            Step::Cause => Step::Meds,
            Step::Meds => Step::Comment,
            Step::MedClass => Step::Dose,
            Step::Dose => Step::MedTime,
            Step::MedTime => Step::MoreMeds,
            Step::MoreMeds => Step::Comment,
            Step::Comment => return None,
        })
    }

    /// Where /back goes from here; `None` at the first question.
    pub fn back(self, headache: Option<bool>) -> Option<Step> {
        Some(match self {
            Step::Headache => return None,
            Step::Date | Step::ConflictAttack | Step::ConflictFree | Step::Pick => Step::Headache,
            Step::Started => Step::Headache,
            Step::Ended => Step::Started,
            Step::Aura => Step::Ended,
            Step::Location => Step::Aura,
            Step::Character => Step::Location,
            Step::Activity => Step::Character,
            Step::Intensity => Step::Activity,
            Step::Nausea => Step::Intensity,
            Step::Vomiting => Step::Nausea,
            Step::Light => Step::Vomiting,
            Step::Sound => Step::Light,
            Step::Cause => Step::Sound,
            Step::Meds => {
                if headache == Some(true) {
                    Step::Cause
                } else {
                    Step::Headache
                }
            }
            Step::MedClass | Step::Dose | Step::MoreMeds | Step::Comment => Step::Meds,
            Step::MedTime => Step::Dose,
        })
    }

    /// Whether the answer is written into the attack of the day.
    pub fn fills_attack(self) -> bool {
        (Step::Started.number()..=Step::Cause.number()).contains(&self.number())
    }

    /// Whether a typed message answers it (the others take buttons only).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Step::Date
                | Step::Started
                | Step::Ended
                | Step::Intensity
                | Step::Cause
                | Step::Meds
                | Step::Dose
                | Step::MedTime
                | Step::Comment
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::checkin::TOTAL;

    #[test]
    fn a_headache_leads_through_every_question_in_the_order_of_s2() {
        let mut step = Step::FIRST;
        let mut seen = vec![step];
        while let Some(next) = step.next(Some(true)) {
            seen.push(next);
            step = next;
        }
        use Step::*;
        assert_eq!(
            seen,
            [
                Headache, Started, Ended, Aura, Location, Character, Activity, Intensity, Nausea,
                Vomiting, Light, Sound, Cause, Meds, Comment
            ]
        );
        let numbers: Vec<u8> = seen.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, (1..=TOTAL).collect::<Vec<_>>());
    }

    #[test]
    fn no_headache_skips_to_the_medication() {
        assert_eq!(Step::Headache.next(Some(false)), Some(Step::Meds));
        assert_eq!(Step::ConflictAttack.next(Some(false)), Some(Step::Meds));
        assert_eq!(Step::ConflictFree.next(Some(true)), Some(Step::Started));
        assert_eq!(Step::Meds.next(Some(false)), Some(Step::Comment));
        assert_eq!(Step::Comment.next(Some(false)), None);
    }

    #[test]
    fn a_dose_is_followed_by_its_time_and_the_question_of_another() {
        assert_eq!(Step::Dose.next(None), Some(Step::MedTime));
        assert_eq!(Step::MedTime.next(None), Some(Step::MoreMeds));
        assert_eq!(Step::MoreMeds.next(None), Some(Step::Comment));
    }

    #[test]
    fn back_retraces_the_path_that_was_taken() {
        assert_eq!(Step::Headache.back(None), None);
        assert_eq!(Step::Date.back(None), Some(Step::Headache));
        assert_eq!(Step::Started.back(Some(true)), Some(Step::Headache));
        assert_eq!(Step::Intensity.back(Some(true)), Some(Step::Activity));
        assert_eq!(Step::Meds.back(Some(true)), Some(Step::Cause));
        assert_eq!(Step::Meds.back(Some(false)), Some(Step::Headache));
        assert_eq!(Step::MedTime.back(None), Some(Step::Dose));
        assert_eq!(Step::Comment.back(Some(false)), Some(Step::Meds));
        assert_eq!(Step::Pick.back(Some(true)), Some(Step::Headache));
        for step in Step::ALL {
            if let Some(next) = step.next(Some(true)).filter(|n| *n != Step::FIRST) {
                assert!(next.back(Some(true)).is_some(), "{step:?}");
            }
        }
    }

    #[test]
    fn every_step_has_its_own_short_marker() {
        for step in Step::ALL {
            assert_eq!(Step::from_code(step.code()), Some(step));
            assert!(step.code().len() <= 2 && step.code().is_ascii());
        }
        assert_eq!(Step::from_code("Z"), None);
    }

    #[test]
    fn only_the_attack_questions_fill_the_attack() {
        assert!(Step::Started.fills_attack() && Step::Cause.fills_attack());
        assert!(!Step::Headache.fills_attack() && !Step::Meds.fills_attack());
        assert!(!Step::Comment.fills_attack() && !Step::Pick.fills_attack());
    }
}
