//! Rules of the evening questionnaire (S2): which question follows which, where /back goes,
//! what the typed answers accept, and the answers kept in the day record. No I/O.

use crate::domain::localtime;
use crate::domain::typed_time::{TimeParseError, parse_typed_time};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Questions shown in the counter ("3/15"): the date is asked beside the first one.
pub const TOTAL: u8 = 15;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;
/// Longest medication name, in characters.
pub const MAX_MED_NAME: usize = 100;
/// Longest cause typed in one's own words, in characters.
pub const MAX_CAUSE: usize = 500;
/// Quick times offered for a start, an end or a dose (local clock, whole hours).
pub const QUICK_HOURS: [u32; 6] = [6, 9, 12, 15, 18, 21];

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

/// An instant as stored in the answers: ISO 8601 with the zone's offset.
pub fn iso(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The start given to an attack the questionnaire creates before its start is asked:
/// local noon of the day, or now when that is earlier.
pub fn default_start(day: NaiveDate, now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    localtime::at(day, noon, zone).min(now)
}

/// Quick times on `day` that have passed and come after `after`, for the buttons.
pub fn quick_times(
    day: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
    after: Option<DateTime<Utc>>,
) -> Vec<NaiveTime> {
    QUICK_HOURS
        .iter()
        .filter_map(|h| NaiveTime::from_hms_opt(*h, 0, 0))
        .filter(|t| {
            let at = localtime::at(day, *t, zone);
            at <= now && after.is_none_or(|a| at > a)
        })
        .collect()
}

/// A quick time as a button carries it (`0900`), and back.
pub fn time_code(t: NaiveTime) -> String {
    t.format("%H%M").to_string()
}

/// Reads a quick-time code.
pub fn parse_time_code(code: &str) -> Option<NaiveTime> {
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::parse_from_str(code, "%H%M").ok()
}

/// Whether the input is a bare clock time (`14:30`, `at 9.05`, `в 14:30`).
fn bare_time(input: &str) -> Option<&str> {
    let t = input.trim();
    let t = ["at ", "в "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    let (h, m) = t.split_once([':', '.'])?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(h, 1..=2) && digits(m, 2..=2)).then_some(t)
}

/// A typed time during the questionnaire about `day`: a bare clock time is on that day;
/// everything else reads as anywhere in the diary ("yesterday 22:00", "2h ago").
pub fn parse_time_on(
    input: &str,
    day: NaiveDate,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<DateTime<Utc>, TimeParseError> {
    match bare_time(&input.to_lowercase()) {
        Some(t) => parse_typed_time(&format!("{} {t}", day.format("%d.%m.%Y")), now, zone),
        None => parse_typed_time(input, now, zone),
    }
}

/// Why a typed date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form.
    Unrecognised,
    /// A date the calendar does not have (`31.02`).
    Invalid,
    /// Too far back.
    TooFarBack,
    /// After today.
    Future,
}

/// A typed date: `today`, `yesterday`, `day before yesterday` (and Russian), `08.03`,
/// `08.03.2026`, `08.03.26`, `2026-03-08`; a date without a year is its latest occurrence.
pub fn parse_date(input: &str, now: DateTime<Utc>, zone: Tz) -> Result<NaiveDate, DateError> {
    let lowered = input.trim().to_lowercase();
    let words = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    let today = localtime::date_of(now, zone);
    let back = match words.as_str() {
        "today" | "сегодня" => Some(0),
        "yesterday" | "вчера" => Some(1),
        "day before yesterday" | "позавчера" => Some(2),
        _ => None,
    };
    if let Some(days) = back {
        return today
            .checked_sub_days(Days::new(days))
            .ok_or(DateError::TooFarBack);
    }
    if words.is_empty() || words.contains(':') || words.contains(' ') || words.len() > 12 {
        return Err(DateError::Unrecognised);
    }
    let at = parse_typed_time(&format!("{words} 12:00"), now, zone).map_err(|e| match e {
        TimeParseError::InvalidDate => DateError::Invalid,
        TimeParseError::TooFarBack => DateError::TooFarBack,
        _ => DateError::Unrecognised,
    })?;
    let day = at.with_timezone(&zone).date_naive();
    if day > today {
        return Err(DateError::Future);
    }
    // A day and month that fall within the coming month this year were meant for this year
    // (`02.12` typed on 1 December): refused as future, not moved a year back. Further
    // ahead, the latest occurrence is meant (`31.12` in March is last New Year's Eve).
    if is_day_and_month(&words)
        && let Some(this_year) = day.with_year(today.year())
        && this_year > today
        && this_year <= today + Days::new(31)
    {
        return Err(DateError::Future);
    }
    Ok(day)
}

/// `dd.mm` alone (no year).
fn is_day_and_month(words: &str) -> bool {
    let mut parts = words.split('.');
    let (Some(d), Some(m), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    [d, m]
        .iter()
        .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Free text of at most `max` characters, trimmed; the error is its length.
pub fn check_text(input: &str, max: usize) -> Result<String, usize> {
    let text = input.trim();
    let length = text.chars().count();
    if length > max || length == 0 {
        return Err(length);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn berlin() -> Tz {
        chrono_tz::Europe::Berlin
    }

    fn now() -> DateTime<Utc> {
        // Tuesday 10 March 2026, 21:00 in Berlin.
        Utc.with_ymd_and_hms(2026, 3, 10, 20, 0, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

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

    #[test]
    fn a_bare_time_is_on_the_questionnaires_day() {
        let yesterday = date(2026, 3, 9);
        let at = parse_time_on("14:30", yesterday, now(), berlin()).unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 9, 13, 30, 0).unwrap());
        let at = parse_time_on("at 9.05", yesterday, now(), berlin()).unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 9, 8, 5, 0).unwrap());
        // Today's 23:00 has not come: it is in the future, for the caller to refuse.
        let at = parse_time_on("23:00", date(2026, 3, 10), now(), berlin()).unwrap();
        assert!(at > now());
        let at = parse_time_on("2h ago", yesterday, now(), berlin()).unwrap();
        assert_eq!(at, now() - Duration::hours(2));
        assert_eq!(
            parse_time_on("25:00", yesterday, now(), berlin()),
            Err(TimeParseError::InvalidTime)
        );
    }

    #[test]
    fn a_typed_date_may_be_a_word_a_day_and_month_or_a_full_date() {
        let p = |s| parse_date(s, now(), berlin());
        assert_eq!(p("today"), Ok(date(2026, 3, 10)));
        assert_eq!(p("Вчера"), Ok(date(2026, 3, 9)));
        assert_eq!(p("day before  yesterday"), Ok(date(2026, 3, 8)));
        assert_eq!(p("08.03"), Ok(date(2026, 3, 8)));
        assert_eq!(p("2026-03-01"), Ok(date(2026, 3, 1)));
        assert_eq!(p("01.02.26"), Ok(date(2026, 2, 1)));
        assert_eq!(p("31.12"), Ok(date(2025, 12, 31)));
    }

    #[test]
    fn impossible_future_and_unreadable_dates_are_refused() {
        let p = |s| parse_date(s, now(), berlin());
        assert_eq!(p("31.02"), Err(DateError::Invalid));
        assert_eq!(p("2026-03-11"), Err(DateError::Future));
        assert_eq!(p("11.03.2026"), Err(DateError::Future));
        assert_eq!(p("14:30"), Err(DateError::Unrecognised));
        assert_eq!(p("soon"), Err(DateError::Unrecognised));
        assert_eq!(p(""), Err(DateError::Unrecognised));
        assert_eq!(p("01.01.1990"), Err(DateError::TooFarBack));
    }

    #[test]
    fn a_day_and_month_just_ahead_is_refused_rather_than_moved_a_year_back() {
        // 10 March 2026: 11.03 and 09.04 are ahead this year, so they are not last year's.
        let p = |s| parse_date(s, now(), berlin());
        assert_eq!(p("11.03"), Err(DateError::Future));
        assert_eq!(p("09.04"), Err(DateError::Future));
        // Further ahead than a month, the latest occurrence is meant.
        assert_eq!(p("11.04"), Ok(date(2025, 4, 11)));
        assert_eq!(p("31.12"), Ok(date(2025, 12, 31)));
        assert_eq!(p("10.03"), Ok(date(2026, 3, 10)));
    }

    #[test]
    fn texts_are_trimmed_and_limited_in_characters() {
        assert_eq!(check_text("  fine  ", 10), Ok("fine".into()));
        assert_eq!(check_text(&"я".repeat(10), 10), Ok("я".repeat(10)));
        assert_eq!(check_text(&"я".repeat(11), 10), Err(11));
        assert_eq!(check_text("   ", 10), Err(0));
    }

    #[test]
    fn quick_times_are_the_passed_ones_after_the_start() {
        let today = date(2026, 3, 10);
        let hours = |v: Vec<NaiveTime>| v.into_iter().map(time_code).collect::<Vec<_>>();
        assert_eq!(
            hours(quick_times(today, now(), berlin(), None)),
            ["0600", "0900", "1200", "1500", "1800", "2100"]
        );
        let start = localtime::at(today, NaiveTime::from_hms_opt(12, 0, 0).unwrap(), berlin());
        let early = Utc.with_ymd_and_hms(2026, 3, 10, 10, 0, 0).unwrap();
        assert_eq!(
            hours(quick_times(today, early, berlin(), None)),
            ["0600", "0900"]
        );
        assert_eq!(
            hours(quick_times(today, now(), berlin(), Some(start))),
            ["1500", "1800", "2100"]
        );
        assert_eq!(parse_time_code("0930"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time_code("2561"), None);
        assert_eq!(parse_time_code("93"), None);
    }

    #[test]
    fn a_created_attack_starts_at_noon_unless_that_is_still_to_come() {
        let today = date(2026, 3, 10);
        assert_eq!(
            default_start(today, now(), berlin()),
            Utc.with_ymd_and_hms(2026, 3, 10, 11, 0, 0).unwrap()
        );
        let morning = Utc.with_ymd_and_hms(2026, 3, 10, 7, 0, 0).unwrap();
        assert_eq!(default_start(today, morning, berlin()), morning);
    }

    #[test]
    fn a_day_spans_its_local_midnights_even_when_the_clocks_change() {
        let (from, to) = localtime::day_bounds(date(2026, 3, 29), berlin());
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 3, 28, 23, 0, 0).unwrap());
        assert_eq!(to - from, Duration::hours(23));
        let gap = localtime::at(
            date(2026, 3, 29),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
            berlin(),
        );
        assert_eq!(gap, Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
    }

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
