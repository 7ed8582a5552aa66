//! The questionnaires neurologists score (PRODUCT.md §3): MIDAS (Migraine Disability
//! Assessment, days over the last 3 months) and HIT-6 (Headache Impact Test, the last 4
//! weeks): their scores, grades and bands, and a result as it is kept with its date. The
//! questions are asked in the chat ([`crate::bot::questionnaire`]); the doctor report
//! lists the results.

use super::figures::Period;
use super::key_enum;
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

/// MIDAS asks about the last 3 months: at most this many days per question.
pub const MIDAS_MAX_DAYS: u8 = 90;

key_enum!(
    /// MIDAS grade of the total score: I 0–5, II 6–10, III 11–20, IV 21 or more.
    MidasGrade { I = "1", II = "2", III = "3", IV = "4" }
);

/// Why a MIDAS answer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MidasError {
    /// More days than the 3 months hold (the question's number, 1–5).
    TooManyDays(usize),
    /// "Days with productivity reduced by half or more" counted more days than remained
    /// after the days missed (question 2 beside 1, or 4 beside 3).
    Overlap(usize),
}

/// The five scored MIDAS answers, in days over the last 3 months:
/// 1. days of work or school missed;
/// 2. days at work or school with productivity reduced by half or more (not counting 1);
/// 3. days without household work;
/// 4. days with household productivity reduced by half or more (not counting 3);
/// 5. days of family, social or leisure activities missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Midas {
    days: [u8; 5],
}

impl Midas {
    /// The answers, checked: each 0–90 days; a "reduced" count leaves out the days already
    /// missed, so 1 + 2 and 3 + 4 are at most 90 each.
    pub fn new(days: [u8; 5]) -> Result<Midas, MidasError> {
        if let Some(i) = days.iter().position(|d| *d > MIDAS_MAX_DAYS) {
            return Err(MidasError::TooManyDays(i + 1));
        }
        for (missed, reduced) in [(0, 1), (2, 3)] {
            if u16::from(days[missed]) + u16::from(days[reduced]) > u16::from(MIDAS_MAX_DAYS) {
                return Err(MidasError::Overlap(reduced + 1));
            }
        }
        Ok(Midas { days })
    }

    /// The answers.
    pub fn days(&self) -> [u8; 5] {
        self.days
    }

    /// The total: the sum of the five answers (0–270).
    pub fn score(&self) -> u16 {
        self.days.iter().map(|d| u16::from(*d)).sum()
    }

    /// The grade of the score.
    pub fn grade(&self) -> MidasGrade {
        match self.score() {
            0..=5 => MidasGrade::I,
            6..=10 => MidasGrade::II,
            11..=20 => MidasGrade::III,
            _ => MidasGrade::IV,
        }
    }
}

key_enum!(
    /// A HIT-6 answer, each scored as the test scores it.
    Hit6Answer { Never = "never", Rarely = "rarely", Sometimes = "sometimes", VeryOften = "very_often", Always = "always" }
);

impl Hit6Answer {
    /// Its points: 6, 8, 10, 11, 13.
    pub fn points(self) -> u8 {
        match self {
            Hit6Answer::Never => 6,
            Hit6Answer::Rarely => 8,
            Hit6Answer::Sometimes => 10,
            Hit6Answer::VeryOften => 11,
            Hit6Answer::Always => 13,
        }
    }
}

key_enum!(
    /// HIT-6 impact band of the total: ≤ 49 little or none, 50–55 some, 56–59
    /// substantial, ≥ 60 severe.
    Hit6Band { Little = "little", SomeImpact = "some", Substantial = "substantial", Severe = "severe" }
);

/// The six HIT-6 answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit6 {
    /// The answers, in the test's order.
    pub answers: [Hit6Answer; 6],
}

impl Hit6 {
    /// The total, 36–78.
    pub fn score(&self) -> u8 {
        self.answers.iter().map(|a| a.points()).sum()
    }

    /// The impact band of the total.
    pub fn band(&self) -> Hit6Band {
        match self.score() {
            0..=49 => Hit6Band::Little,
            50..=55 => Hit6Band::SomeImpact,
            56..=59 => Hit6Band::Substantial,
            _ => Hit6Band::Severe,
        }
    }
}

key_enum!(
    /// Which questionnaire.
    Instrument { Midas = "midas", Hit6 = "hit6" }
);

impl Instrument {
    /// How many days back its questions ask about, ending on the day it is answered:
    /// MIDAS the last 3 months (90 days), HIT-6 the last 4 weeks.
    pub fn recall_days(self) -> u32 {
        match self {
            Instrument::Midas => 90,
            Instrument::Hit6 => 28,
        }
    }

    /// How many questions it asks.
    pub fn questions(self) -> usize {
        match self {
            Instrument::Midas => 5,
            Instrument::Hit6 => 6,
        }
    }
}

/// A questionnaire's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// MIDAS, in days.
    Midas(Midas),
    /// HIT-6.
    Hit6(Hit6),
}

impl Answers {
    /// Which questionnaire they answer.
    pub fn instrument(&self) -> Instrument {
        match self {
            Answers::Midas(_) => Instrument::Midas,
            Answers::Hit6(_) => Instrument::Hit6,
        }
    }

    /// The total score (MIDAS 0–270, HIT-6 36–78).
    pub fn score(&self) -> u16 {
        match self {
            Answers::Midas(m) => m.score(),
            Answers::Hit6(h) => u16::from(h.score()),
        }
    }

    /// The grade (MIDAS) or band (HIT-6) key, for labels: `midas-grade-<key>` or
    /// `hit6-band-<key>`.
    pub fn level_key(&self) -> &'static str {
        match self {
            Answers::Midas(m) => m.grade().key(),
            Answers::Hit6(h) => h.band().key(),
        }
    }

    /// The stored form: the answers in order, comma-separated (MIDAS days, HIT-6 keys).
    pub fn encode(&self) -> String {
        match self {
            Answers::Midas(m) => m.days().map(|d| d.to_string()).join(","),
            Answers::Hit6(h) => h.answers.map(|a| a.key()).join(","),
        }
    }

    /// Answers from their stored form; `None` when it does not read as `instrument`'s.
    pub fn decode(instrument: Instrument, stored: &str) -> Option<Answers> {
        let parts: Vec<&str> = stored.split(',').collect();
        if parts.len() != instrument.questions() {
            return None;
        }
        match instrument {
            Instrument::Midas => {
                let mut days = [0u8; 5];
                for (d, p) in days.iter_mut().zip(&parts) {
                    *d = p.parse().ok()?;
                }
                Midas::new(days).ok().map(Answers::Midas)
            }
            Instrument::Hit6 => {
                let mut answers = [Hit6Answer::Never; 6];
                for (a, p) in answers.iter_mut().zip(&parts) {
                    *a = Hit6Answer::from_key(p)?;
                }
                Some(Answers::Hit6(Hit6 { answers }))
            }
        }
    }
}

/// A questionnaire answered, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// Its id.
    pub id: i64,
    /// The answers.
    pub answers: Answers,
    /// When it was completed.
    pub taken_at: DateTime<Utc>,
    /// The user's zone then.
    pub zone: Tz,
}

impl Taken {
    /// The local day it was answered on.
    pub fn day(&self) -> NaiveDate {
        self.taken_at.with_timezone(&self.zone).date_naive()
    }

    /// The days its questions asked about: the recall period ending on its day.
    pub fn recall(&self) -> Period {
        recall(self.answers.instrument(), self.day())
    }
}

/// The recall period of `instrument` answered on `day`.
pub fn recall(instrument: Instrument, day: NaiveDate) -> Period {
    let back = u64::from(instrument.recall_days() - 1);
    Period::new(day.checked_sub_days(Days::new(back)).unwrap_or(day), day)
}

/// The day `instrument` is next due for someone who last answered it on `last` (`None`:
/// never): one recall period later (MIDAS every 3 months, HIT-6 every 4 weeks); never
/// answered, it is due once the diary has run for 4 weeks (`first_record`), so the
/// diary's own figures can stand beside the answers.
pub fn next_due(
    instrument: Instrument,
    last: Option<NaiveDate>,
    first_record: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let after = |day: NaiveDate, days: u32| day.checked_add_days(Days::new(u64::from(days)));
    match last {
        Some(day) => after(day, instrument.recall_days()),
        None => after(first_record?, Instrument::Hit6.recall_days()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn midas(days: [u8; 5]) -> Midas {
        Midas::new(days).unwrap()
    }

    #[test]
    fn midas_grades_change_exactly_at_their_boundaries() {
        let cases = [
            ([0, 0, 0, 0, 0], 0, MidasGrade::I),
            ([5, 0, 0, 0, 0], 5, MidasGrade::I),
            ([5, 0, 0, 0, 1], 6, MidasGrade::II),
            ([2, 2, 2, 2, 2], 10, MidasGrade::II),
            ([2, 2, 2, 2, 3], 11, MidasGrade::III),
            ([4, 4, 4, 4, 4], 20, MidasGrade::III),
            ([4, 4, 4, 4, 5], 21, MidasGrade::IV),
            ([90, 0, 90, 0, 90], 270, MidasGrade::IV),
        ];
        for (days, score, grade) in cases {
            let m = midas(days);
            assert_eq!((m.score(), m.grade()), (score, grade), "{days:?}");
        }
    }

    #[test]
    fn midas_answers_beyond_three_months_are_refused_with_their_question() {
        assert_eq!(
            Midas::new([91, 0, 0, 0, 0]),
            Err(MidasError::TooManyDays(1))
        );
        assert_eq!(
            Midas::new([0, 0, 0, 0, 200]),
            Err(MidasError::TooManyDays(5))
        );
        // Reduced days leave out the missed ones: 60 missed and 31 reduced are 91 days.
        assert_eq!(Midas::new([60, 31, 0, 0, 0]), Err(MidasError::Overlap(2)));
        assert_eq!(Midas::new([0, 0, 45, 46, 0]), Err(MidasError::Overlap(4)));
        assert_eq!(midas([60, 30, 45, 45, 90]).score(), 270);
    }

    #[test]
    fn hit6_points_totals_and_bands_at_every_boundary() {
        use Hit6Answer::*;
        let points: Vec<u8> = Hit6Answer::ALL.iter().map(|a| a.points()).collect();
        assert_eq!(points, vec![6, 8, 10, 11, 13]);
        let cases = [
            ([Never; 6], 36, Hit6Band::Little),
            (
                [
                    Sometimes, Sometimes, Sometimes, Sometimes, Rarely, VeryOften,
                ],
                59,
                Hit6Band::Substantial,
            ),
            (
                [Sometimes, Sometimes, Sometimes, Rarely, Rarely, VeryOften],
                57,
                Hit6Band::Substantial,
            ),
            (
                [Sometimes, Sometimes, Sometimes, Sometimes, Rarely, Rarely],
                56,
                Hit6Band::Substantial,
            ),
            (
                [Sometimes, Sometimes, Sometimes, Rarely, Rarely, Rarely],
                54,
                Hit6Band::SomeImpact,
            ),
            (
                [Sometimes, Sometimes, Sometimes, Sometimes, Sometimes, Never],
                56,
                Hit6Band::Substantial,
            ),
            (
                [Sometimes, Sometimes, Sometimes, Sometimes, Never, Rarely],
                54,
                Hit6Band::SomeImpact,
            ),
            (
                [
                    Sometimes, Sometimes, Sometimes, Sometimes, Sometimes, Sometimes,
                ],
                60,
                Hit6Band::Severe,
            ),
            (
                [Rarely, Rarely, Rarely, Rarely, Rarely, Sometimes],
                50,
                Hit6Band::SomeImpact,
            ),
            (
                [Rarely, Rarely, Rarely, Rarely, Rarely, Never],
                46,
                Hit6Band::Little,
            ),
            (
                [Rarely, Rarely, Rarely, Rarely, Never, VeryOften],
                49,
                Hit6Band::Little,
            ),
            (
                [Rarely, Rarely, Rarely, Sometimes, Sometimes, VeryOften],
                55,
                Hit6Band::SomeImpact,
            ),
            ([Always; 6], 78, Hit6Band::Severe),
        ];
        for (answers, score, band) in cases {
            let h = Hit6 { answers };
            assert_eq!((h.score(), h.band()), (score, band), "{answers:?}");
        }
    }

    #[test]
    fn every_hit6_total_falls_in_exactly_its_band() {
        // All 5^6 answer sets: totals span 36–78 and the bands split them at 49/50, 55/56
        // and 59/60.
        let mut seen = std::collections::BTreeMap::new();
        for n in 0..5usize.pow(6) {
            let mut answers = [Hit6Answer::Never; 6];
            let mut k = n;
            for a in &mut answers {
                *a = Hit6Answer::ALL[k % 5];
                k /= 5;
            }
            let h = Hit6 { answers };
            seen.insert(h.score(), h.band());
        }
        assert_eq!(seen.keys().next(), Some(&36));
        assert_eq!(seen.keys().last(), Some(&78));
        for (score, band) in seen {
            let expected = match score {
                ..=49 => Hit6Band::Little,
                50..=55 => Hit6Band::SomeImpact,
                56..=59 => Hit6Band::Substantial,
                _ => Hit6Band::Severe,
            };
            assert_eq!(band, expected, "{score}");
        }
    }

    #[test]
    fn answers_round_trip_through_their_stored_form_and_refuse_anything_else() {
        use Hit6Answer::*;
        let m = Answers::Midas(midas([3, 0, 12, 4, 90]));
        assert_eq!(m.encode(), "3,0,12,4,90");
        assert_eq!(Answers::decode(Instrument::Midas, "3,0,12,4,90"), Some(m));
        let h = Answers::Hit6(Hit6 {
            answers: [Never, Rarely, Sometimes, VeryOften, Always, Never],
        });
        assert_eq!(h.encode(), "never,rarely,sometimes,very_often,always,never");
        assert_eq!(Answers::decode(Instrument::Hit6, &h.encode()), Some(h));
        assert_eq!((m.score(), m.level_key()), (109, "4"));
        assert_eq!((h.score(), h.level_key()), (54, "some"));
        for (instrument, bad) in [
            (Instrument::Midas, "3,0,12,4"),
            (Instrument::Midas, "3,0,12,4,91"),
            (Instrument::Midas, "60,31,0,0,0"),
            (Instrument::Midas, "a,0,0,0,0"),
            (Instrument::Hit6, "never,never,never,never,never"),
            (Instrument::Hit6, "never,never,never,never,never,often"),
        ] {
            assert_eq!(Answers::decode(instrument, bad), None, "{bad}");
        }
    }

    #[test]
    fn recall_periods_and_due_days() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let midas = recall(Instrument::Midas, d("2026-11-30"));
        assert_eq!(
            (midas.first, midas.last, midas.len()),
            (d("2026-09-02"), d("2026-11-30"), 90)
        );
        let hit6 = recall(Instrument::Hit6, d("2026-03-01"));
        assert_eq!((hit6.first, hit6.len()), (d("2026-02-02"), 28));
        assert_eq!(
            next_due(
                Instrument::Midas,
                Some(d("2026-11-30")),
                Some(d("2026-01-01"))
            ),
            Some(d("2027-02-28"))
        );
        assert_eq!(
            next_due(Instrument::Hit6, Some(d("2026-11-30")), None),
            Some(d("2026-12-28"))
        );
        // Never answered: 4 weeks into the diary, for both.
        for i in Instrument::ALL {
            assert_eq!(
                next_due(*i, None, Some(d("2026-11-01"))),
                Some(d("2026-11-29"))
            );
            assert_eq!(next_due(*i, None, None), None);
        }
    }
}
