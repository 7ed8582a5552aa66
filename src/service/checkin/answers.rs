//! The answers kept in the day record (so a questionnaire can be resumed and shown again).

use serde::{Deserialize, Serialize};

/// One dose recorded by the questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoseAnswer {
    /// The intake's id.
    pub intake: i64,
    /// Medication name.
    pub name: String,
    /// Dose as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<String>,
    /// When taken (ISO 8601 with the offset).
    pub taken_at: String,
}

/// The answers as kept in the day record (`questionnaire`, JSON) for later reports.
/// Absent means not answered (skipped); the records hold the same values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    /// Headache on that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headache: Option<bool>,
    /// The attack filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attack: Option<i64>,
    /// Start (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// End (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<String>,
    /// "Still going" at the time of the questionnaire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub still_going: Option<bool>,
    /// Visual disturbances in the hour before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aura_visual: Option<bool>,
    /// Location keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<String>>,
    /// `pulsating` or `pressing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character: Option<String>,
    /// Worse with activity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worse_with_activity: Option<bool>,
    /// 1–10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intensity: Option<u8>,
    /// `marked`, `slight`, `none`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nausea: Option<String>,
    /// Vomiting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vomiting: Option<bool>,
    /// Bothered by light.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub light_sensitivity: Option<bool>,
    /// Bothered by sound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sound_sensitivity: Option<bool>,
    /// Trigger keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triggers: Option<Vec<String>>,
    /// The cause in the user's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause_note: Option<String>,
    /// Painkillers: empty means "none".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub medications: Option<Vec<DoseAnswer>>,
    /// Comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Every question was answered or skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
}

impl Answers {
    /// Answers read back from a day record; unreadable ones start empty.
    pub fn from_json(json: Option<&str>) -> Answers {
        json.and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Forgets the attack-specific answers (the day turned out headache-free, or another
    /// attack is filled in).
    pub fn clear_attack(&mut self) {
        *self = Answers {
            headache: self.headache,
            medications: self.medications.take(),
            comment: self.comment.take(),
            completed: self.completed,
            ..Answers::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_and_leave_out_what_was_skipped() {
        let answers = Answers {
            headache: Some(false),
            medications: Some(vec![]),
            ..Answers::default()
        };
        let json = answers.to_json();
        assert_eq!(json, r#"{"headache":false,"medications":[]}"#);
        assert_eq!(Answers::from_json(Some(&json)), answers);
        assert_eq!(Answers::from_json(Some("not json")), Answers::default());
    }

    #[test]
    fn clearing_the_attack_answers_keeps_the_day_answers() {
        let mut answers = Answers {
            headache: Some(true),
            attack: Some(4),
            intensity: Some(6),
            comment: Some("long day".into()),
            ..Answers::default()
        };
        answers.clear_attack();
        assert_eq!(answers.attack, None);
        assert_eq!(answers.intensity, None);
        assert_eq!(answers.comment.as_deref(), Some("long day"));
        assert_eq!(answers.headache, Some(true));
    }
}
