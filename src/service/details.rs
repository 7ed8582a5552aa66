//! Rules for attack details: what each field accepts. Pure functions; the details editor
//! (`bot::handlers::details`) parses with them, then saves one field at a time.

use crate::domain::attack::Attack;
use crate::domain::typed_time::TimeParseError;
use chrono::{DateTime, Utc};

/// The longest aura, in minutes (a day).
pub const MAX_AURA_MIN: u32 = 1440;
/// The longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;
/// The longest free-text trigger, in characters.
pub const MAX_TRIGGER_NOTE: usize = 200;

/// Why a detail was refused; the record keeps its previous value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailError {
    /// Intensity is not a whole number from 0 to 10.
    Intensity,
    /// Aura minutes are not a whole number from 0 to 1440.
    AuraMinutes,
    /// Only whitespace where text is needed.
    EmptyText,
    /// Text longer than `max` characters (it has `length`).
    TooLong {
        /// The limit.
        max: usize,
        /// What was typed.
        length: usize,
    },
    /// A typed time that could not be read.
    Time(TimeParseError),
    /// A start after now.
    StartInFuture,
    /// A start after the attack's end.
    StartAfterEnd(DateTime<Utc>),
    /// An end before the attack's start.
    EndBeforeStart(DateTime<Utc>),
    /// An end after now.
    EndInFuture,
}

impl DetailError {
    /// The translation key explaining it (arguments: see the locale files).
    pub fn key(self) -> &'static str {
        match self {
            DetailError::Intensity => "details-error-intensity",
            DetailError::AuraMinutes => "details-error-aura-min",
            DetailError::EmptyText => "details-error-empty",
            DetailError::TooLong { .. } => "details-error-too-long",
            DetailError::Time(e) => e.key(),
            DetailError::StartInFuture => "details-error-start-future",
            DetailError::StartAfterEnd(_) => "details-error-start-after-end",
            DetailError::EndBeforeStart(_) => "attack-end-before-start",
            DetailError::EndInFuture => "attack-end-in-future",
        }
    }
}

/// An intensity as a button or a person gives it (see [`crate::domain::attack::parse_intensity`]).
pub fn parse_intensity(text: &str) -> Result<u8, DetailError> {
    crate::domain::attack::parse_intensity(text).ok_or(DetailError::Intensity)
}

/// Words that may follow the number of aura minutes.
const MINUTE_WORDS: [&str; 11] = [
    "m",
    "min",
    "mins",
    "minute",
    "minutes",
    "м",
    "мин",
    "минута",
    "минуты",
    "минут",
    "минуток",
];

/// Aura minutes as typed: a whole number 0–1440, optionally followed by "min" / "мин".
pub fn parse_aura_minutes(text: &str) -> Result<u32, DetailError> {
    let lowered = text.trim().to_lowercase();
    let mut words = lowered.split_whitespace();
    let number = words.next().ok_or(DetailError::EmptyText)?;
    let (digits, glued) = number
        .find(|c: char| !c.is_ascii_digit())
        .map_or((number, ""), |at| number.split_at(at));
    let unit = match (glued, words.next()) {
        ("", None) => None,
        ("", Some(w)) | (w, None) => Some(w.trim_end_matches('.')),
        _ => return Err(DetailError::AuraMinutes),
    };
    if words.next().is_some() || unit.is_some_and(|u| !MINUTE_WORDS.contains(&u)) {
        return Err(DetailError::AuraMinutes);
    }
    if digits.is_empty() || digits.len() > 4 {
        return Err(DetailError::AuraMinutes);
    }
    digits
        .parse::<u32>()
        .ok()
        .filter(|m| *m <= MAX_AURA_MIN)
        .ok_or(DetailError::AuraMinutes)
}

/// A free text (comment, trigger note): not blank, at most `max` characters; kept as typed
/// apart from surrounding whitespace.
pub fn text_value(text: &str, max: usize) -> Result<String, DetailError> {
    match crate::domain::text::check_text(text, max) {
        Ok(t) => Ok(t),
        Err(0) => Err(DetailError::EmptyText),
        Err(length) => Err(DetailError::TooLong { max, length }),
    }
}

/// Whether `start` may become the attack's start: not in the future, not after its end.
pub fn check_start(
    a: &Attack,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DetailError> {
    if start > now {
        return Err(DetailError::StartInFuture);
    }
    match a.ended_at {
        Some(end) if start > end => Err(DetailError::StartAfterEnd(end)),
        _ => Ok(()),
    }
}

/// The end to store for `end`: not in the future, not before the start. Typed times are
/// whole minutes, so an end typed in the start's own minute ("now", a few seconds after
/// the tap) ends the attack at its start instead of being refused.
pub fn check_end(
    a: &Attack,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DetailError> {
    if end > now {
        return Err(DetailError::EndInFuture);
    }
    let start_minute = a.started_at.timestamp().div_euclid(60);
    if end < a.started_at && end.timestamp().div_euclid(60) < start_minute {
        return Err(DetailError::EndBeforeStart(a.started_at));
    }
    Ok(end.max(a.started_at))
}

/// `set` with `item` in it (`on`) or not, in the display order of `all`. Buttons carry
/// the state they set, so pressing one twice, or handling its update again, changes
/// nothing the second time.
pub fn choose<T: Copy + PartialEq>(set: &[T], item: T, on: bool, all: &[T]) -> Vec<T> {
    all.iter()
        .copied()
        .filter(|x| if *x == item { on } else { set.contains(x) })
        .collect()
}

/// Writes the editor's changes to an attack, in order; the attack as it is after them, or
/// `None` when it is not the user's or is gone.
pub async fn update_attack(
    store: &crate::store::Tx,
    user_id: i64,
    id: i64,
    changes: &[crate::domain::attack::AttackField],
    now: DateTime<Utc>,
) -> Result<Option<Attack>, crate::store::StoreError> {
    let mut latest = None;
    for change in changes {
        match store
            .set_attack_field(user_id, id, change, now.timestamp())
            .await?
        {
            Some(a) => latest = Some(a),
            None => return Ok(None),
        }
    }
    Ok(latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attack::Location;
    use chrono::{Duration, TimeZone};

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, h, m, 0).unwrap()
    }

    fn attack(start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> Attack {
        let mut a = Attack::new(1, start, chrono_tz::Europe::Berlin, start);
        a.ended_at = end;
        a
    }

    #[test]
    fn intensity_is_a_whole_number_from_zero_to_ten() {
        assert_eq!(parse_intensity("0"), Ok(0));
        assert_eq!(parse_intensity(" 7 "), Ok(7));
        assert_eq!(parse_intensity("10"), Ok(10));
        for bad in ["11", "-1", "", "abc", "7.5", "+5", "999999999999", "٣"] {
            assert_eq!(parse_intensity(bad), Err(DetailError::Intensity), "{bad:?}");
        }
    }

    #[test]
    fn aura_minutes_are_a_whole_number_up_to_a_day_with_an_optional_unit() {
        for (typed, expected) in [
            ("20", 20),
            (" 0 ", 0),
            ("1440", 1440),
            ("20 min", 20),
            ("20min", 20),
            ("15 минут", 15),
            ("5 мин.", 5),
        ] {
            assert_eq!(parse_aura_minutes(typed), Ok(expected), "{typed:?}");
        }
        for bad in [
            "1441",
            "-5",
            "2.5",
            "twenty",
            "20 hours",
            "20 min ago",
            "99999",
        ] {
            assert_eq!(
                parse_aura_minutes(bad),
                Err(DetailError::AuraMinutes),
                "{bad:?}"
            );
        }
        assert_eq!(parse_aura_minutes("  "), Err(DetailError::EmptyText));
    }

    #[test]
    fn text_is_kept_verbatim_within_its_limit_and_blank_text_is_refused() {
        let odd = "Robert'); DROP TABLE attack;-- «цитата» \"q\" 🤕";
        assert_eq!(text_value(odd, MAX_COMMENT).as_deref(), Ok(odd));
        assert_eq!(text_value(" \n ", MAX_COMMENT), Err(DetailError::EmptyText));
        let long = "я".repeat(MAX_COMMENT + 1);
        assert_eq!(
            text_value(&long, MAX_COMMENT),
            Err(DetailError::TooLong {
                max: MAX_COMMENT,
                length: MAX_COMMENT + 1
            })
        );
        assert!(text_value(&"я".repeat(MAX_COMMENT), MAX_COMMENT).is_ok());
        assert!(text_value(&"x".repeat(201), MAX_TRIGGER_NOTE).is_err());
    }

    #[test]
    fn a_start_in_the_future_or_after_the_end_is_refused() {
        let a = attack(at(8, 0), Some(at(10, 0)));
        let now = at(12, 0);
        assert_eq!(check_start(&a, at(7, 0), now), Ok(()));
        assert_eq!(check_start(&a, at(10, 0), now), Ok(()));
        assert_eq!(
            check_start(&a, at(10, 1), now),
            Err(DetailError::StartAfterEnd(at(10, 0)))
        );
        let open = attack(at(8, 0), None);
        assert_eq!(check_start(&open, at(11, 0), now), Ok(()));
        assert_eq!(
            check_start(&open, now + Duration::minutes(1), now),
            Err(DetailError::StartInFuture)
        );
    }

    #[test]
    fn an_end_before_the_start_or_in_the_future_is_refused() {
        let a = attack(at(8, 0), None);
        let now = at(12, 0);
        assert_eq!(check_end(&a, at(8, 0), now), Ok(at(8, 0)));
        assert_eq!(check_end(&a, now, now), Ok(now));
        assert_eq!(
            check_end(&a, at(7, 59), now),
            Err(DetailError::EndBeforeStart(at(8, 0)))
        );
        assert_eq!(check_end(&a, at(12, 1), now), Err(DetailError::EndInFuture));
    }

    #[test]
    fn an_end_in_the_starts_own_minute_ends_it_at_its_start() {
        let start = at(8, 0) + Duration::seconds(30);
        let a = attack(start, None);
        let now = at(8, 0) + Duration::seconds(50);
        // "now" typed is 08:00, half a minute before the tap that started it.
        assert_eq!(check_end(&a, at(8, 0), now), Ok(start));
        assert_eq!(
            check_end(&a, at(7, 59), now),
            Err(DetailError::EndBeforeStart(start))
        );
    }

    #[test]
    fn choosing_sets_one_choice_keeps_display_order_and_repeats_harmlessly() {
        let set = vec![Location::Neck];
        let added = choose(&set, Location::Forehead, true, Location::ALL);
        assert_eq!(added, vec![Location::Forehead, Location::Neck]);
        assert_eq!(
            choose(&added, Location::Forehead, true, Location::ALL),
            added,
            "a second press of the same button changes nothing"
        );
        assert_eq!(
            choose(&added, Location::Neck, false, Location::ALL),
            vec![Location::Forehead]
        );
        assert_eq!(choose(&[], Location::Neck, false, Location::ALL), vec![]);
    }

    #[test]
    fn every_error_has_a_translation_key() {
        let i18n = crate::i18n::I18n::new().unwrap();
        for e in [
            DetailError::Intensity,
            DetailError::AuraMinutes,
            DetailError::EmptyText,
            DetailError::TooLong { max: 1, length: 2 },
            DetailError::Time(TimeParseError::InvalidDate),
            DetailError::StartInFuture,
            DetailError::StartAfterEnd(at(1, 0)),
            DetailError::EndBeforeStart(at(1, 0)),
            DetailError::EndInFuture,
        ] {
            for lang in crate::domain::lang::Lang::ALL {
                assert_ne!(i18n.t(lang, e.key()), e.key(), "{lang:?} {e:?}");
            }
        }
    }
}
