//! The questionnaires neurologists score (PRODUCT.md §3): MIDAS (Migraine Disability
//! Assessment, days over the last 3 months) and HIT-6 (Headache Impact Test, the last 4
//! weeks). Scoring only: the questions are asked in the chat and kept with their dates by
//! the doctor-report stage; the scores, grades and bands here are the instruments' own.

use super::key_enum;

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
}
