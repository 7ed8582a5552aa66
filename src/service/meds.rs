//! Rules for medications and doses (what a name, a dose, a dose time and a check-in time
//! may be) and the use-cases the bot shares with what comes later (API, scheduler).

use crate::domain::day::DayField;
use crate::domain::localtime;
use crate::domain::medication::{Effect, Intake, MedClass, Medication, NewIntake};
use crate::service::checkin::{DateError, parse_date};
use crate::store::{StoreError, Tx};
use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

/// How long after a dose its effect is asked for (MODEL.md: "effect after 2 h").
pub const EFFECT_AFTER: Duration = Duration::hours(2);
/// Check-in times offered as buttons (hour, minute).
pub const CHECKIN_PRESETS: [(u32, u32); 4] = [(19, 0), (20, 0), (21, 0), (22, 0)];

/// Why a typed check-in time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckinTimeError {
    /// Not of the form HH:MM.
    Unrecognised,
    /// HH:MM, but no such time of day (`25:00`, `10:75`).
    OutOfRange,
}

/// A check-in time typed as `H:MM` or `HH:MM` (a dot works too).
pub fn parse_checkin_time(text: &str) -> Result<NaiveTime, CheckinTimeError> {
    let (hour, minute) = text
        .trim()
        .split_once([':', '.'])
        .ok_or(CheckinTimeError::Unrecognised)?;
    let digits = |s: &str, min: usize| {
        (s.len() >= min && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(h), Some(m)) = (digits(hour, 1), digits(minute, 2)) else {
        return Err(CheckinTimeError::Unrecognised);
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or(CheckinTimeError::OutOfRange)
}

/// A dose time must have passed.
pub fn dose_time_is_valid(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    at <= now
}

/// Whether to ask how a dose worked: two hours have passed and nobody said yet.
pub fn effect_due(intake: &Intake, now: DateTime<Utc>) -> bool {
    intake.effect.is_none() && now - intake.taken_at >= EFFECT_AFTER
}

/// `Ibuprofen 400 mg`, or the name alone without a dose.
pub fn dose_label(name: &str, dose: Option<&str>) -> String {
    match dose.filter(|d| !d.is_empty()) {
        Some(dose) => format!("{name} {dose}"),
        None => name.to_owned(),
    }
}

/// The medication of the list with this name, ignoring case and surrounding spaces.
pub fn find_by_name<'a>(meds: &'a [Medication], name: &str) -> Option<&'a Medication> {
    let wanted = name.trim().to_lowercase();
    meds.iter().find(|m| m.name.trim().to_lowercase() == wanted)
}

/// One page of a list: the page actually shown (clamped), its items, the number of pages.
pub fn page_of<T>(items: &[T], page: i64, size: usize) -> (usize, &[T], usize) {
    let pages = items.len().div_ceil(size).max(1);
    let page = usize::try_from(page).unwrap_or(0).min(pages - 1);
    let start = page * size;
    (page, &items[start..(start + size).min(items.len())], pages)
}

/// Adds a medication; one of the same name already on the list is returned instead
/// (`false`), so a repeated request never makes a twin.
pub async fn add_medication(
    store: &Tx,
    user_id: i64,
    name: &str,
    class: MedClass,
    now: DateTime<Utc>,
) -> Result<(Medication, bool), StoreError> {
    let meds = store.medications(user_id).await?;
    if let Some(existing) = find_by_name(&meds, name) {
        return Ok((existing.clone(), false));
    }
    let med = store
        .insert_medication(user_id, name, class, None, now.timestamp())
        .await?;
    Ok((med, true))
}

/// Changes one field of a medication on the list; `None` when it is not the user's or is
/// gone. Past doses keep the name they were taken under.
pub async fn update_medication(
    store: &Tx,
    user_id: i64,
    id: i64,
    field: &crate::domain::medication::MedField,
    now: DateTime<Utc>,
) -> Result<Option<Medication>, StoreError> {
    store
        .set_medication_field(user_id, id, field, now.timestamp())
        .await
}

/// Why a dose was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The time has not come yet.
    #[error("dose time in the future")]
    InFuture,
    /// The medication is not (any more) on the user's list.
    #[error("medication not found")]
    MedicationGone,
    /// The attack it was for is gone.
    #[error("attack not found")]
    AttackGone,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The attack a dose taken now is for when none is named: the one going on, if it is open
/// and not so old that the one tap would ask to close it.
pub async fn attack_going_on(
    store: &Tx,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<crate::domain::attack::Attack>, StoreError> {
    Ok(store
        .latest_open_attack(user_id)
        .await?
        .filter(|a| !a.is_stale_open(now)))
}

/// Records a dose after re-checking that its medication and attack belong to the user.
/// `origin` (the update that asked) makes a repeated handling return the first dose.
pub async fn record_dose(
    store: &Tx,
    user_id: i64,
    dose: &NewIntake,
    origin: i64,
    now: DateTime<Utc>,
) -> Result<Intake, RecordError> {
    if !dose_time_is_valid(dose.taken_at, now) {
        return Err(RecordError::InFuture);
    }
    if store
        .medication(user_id, dose.medication_id)
        .await?
        .is_none()
    {
        return Err(RecordError::MedicationGone);
    }
    if let Some(attack) = dose.attack_id {
        match store.attack(user_id, attack).await? {
            Some(a) if a.deleted_at.is_none() => {}
            _ => return Err(RecordError::AttackGone),
        }
    }
    let intake = store
        .insert_intake(user_id, dose, Some(origin), now.timestamp())
        .await?;
    if intake.effect.is_none() {
        super::reminders::dose_taken(store, user_id, intake.id, intake.taken_at, now).await?;
    }
    Ok(intake)
}

/// What setting an effect did.
#[derive(Debug, Clone, PartialEq)]
pub enum EffectOutcome {
    /// Set now.
    Set(Intake),
    /// It had been set before; nothing changed.
    Already(Intake),
    /// No such dose of this user.
    Gone,
}

/// Sets how a dose worked, once: a second answer (a double tap) changes nothing.
pub async fn set_effect(
    store: &Tx,
    user_id: i64,
    intake_id: i64,
    effect: Effect,
    now: DateTime<Utc>,
) -> Result<EffectOutcome, StoreError> {
    let Some(intake) = store.intake(user_id, intake_id).await? else {
        return Ok(EffectOutcome::Gone);
    };
    if intake.effect.is_some() {
        return Ok(EffectOutcome::Already(intake));
    }
    Ok(
        match store
            .set_intake_effect(user_id, intake_id, Some(effect), now.timestamp())
            .await?
        {
            Some(intake) => EffectOutcome::Set(intake),
            None => EffectOutcome::Gone,
        },
    )
}

/// What the period button did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodMark {
    /// The day is marked now.
    Marked(NaiveDate),
    /// The day was already marked.
    Already(NaiveDate),
}

/// Marks today (in `zone`) as a period start, once.
pub async fn mark_period(
    store: &Tx,
    user_id: i64,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<PeriodMark, StoreError> {
    let today = localtime::date_of(now, zone);
    let record = store.day_record(user_id, today).await?;
    if record.and_then(|r| r.menstruation) == Some(true) {
        return Ok(PeriodMark::Already(today));
    }
    let field = DayField::Menstruation(Some(true));
    store
        .set_day_field(user_id, today, zone, &field, now.timestamp())
        .await?;
    Ok(PeriodMark::Marked(today))
}

/// How far back a period start can be marked (moved from today to an earlier day).
pub const PERIOD_DAYS_BACK: u64 = 31;

/// Why a day cannot carry a period start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodDayError {
    /// Not a date (or one the calendar does not have), as the check-in's dates.
    Date(DateError),
    /// After today.
    Future,
    /// More than [`PERIOD_DAYS_BACK`] days ago.
    TooFarBack,
}

/// Whether `day` can carry a period start, seen from `today`.
pub fn check_period_day(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, PeriodDayError> {
    if day > today {
        return Err(PeriodDayError::Future);
    }
    match today.checked_sub_days(Days::new(PERIOD_DAYS_BACK)) {
        Some(earliest) if day >= earliest => Ok(day),
        _ => Err(PeriodDayError::TooFarBack),
    }
}

/// A typed period start day, read as the check-in reads its dates.
pub fn parse_period_day(
    input: &str,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<NaiveDate, PeriodDayError> {
    let day = parse_date(input, now, zone).map_err(|e| match e {
        DateError::Future => PeriodDayError::Future,
        DateError::TooFarBack => PeriodDayError::TooFarBack,
        other => PeriodDayError::Date(other),
    })?;
    check_period_day(day, localtime::date_of(now, zone))
}

/// Moves a period start from `from` (the day a mark was made for) to `to`: `from` loses
/// its mark, if it still has one, and `to` gets it, once. `to` is checked first.
pub async fn move_period(
    store: &Tx,
    user_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<Result<PeriodMark, PeriodDayError>, StoreError> {
    if let Err(e) = check_period_day(to, localtime::date_of(now, zone)) {
        return Ok(Err(e));
    }
    if from != to {
        unmark_period(store, user_id, from, now).await?;
    }
    let record = store.day_record(user_id, to).await?;
    if record.and_then(|r| r.menstruation) == Some(true) {
        return Ok(Ok(PeriodMark::Already(to)));
    }
    let field = DayField::Menstruation(Some(true));
    store
        .set_day_field(user_id, to, zone, &field, now.timestamp())
        .await?;
    Ok(Ok(PeriodMark::Marked(to)))
}

/// Takes the period mark off a date; false when it was not marked.
pub async fn unmark_period(
    store: &Tx,
    user_id: i64,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(record) = store.day_record(user_id, day).await? else {
        return Ok(false);
    };
    if record.menstruation != Some(true) {
        return Ok(false);
    }
    let field = DayField::Menstruation(None);
    store
        .set_day_field(user_id, day, record.zone, &field, now.timestamp())
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::medication::{DoseError, NameError, parse_dose, parse_name};
    use chrono::TimeZone;

    fn med(id: i64, name: &str) -> Medication {
        Medication {
            id,
            name: name.into(),
            class: MedClass::Nsaid,
            default_dose: None,
        }
    }

    #[test]
    fn a_name_is_trimmed_and_otherwise_kept_verbatim() {
        for name in [
            "Ибупрофен 💊",
            "O'Brien \"forte\"",
            "'); drop table medication; --",
        ] {
            assert_eq!(parse_name(&format!("  {name}\n")), Ok(name.to_owned()));
        }
    }

    #[test]
    fn an_empty_or_blank_name_is_refused() {
        assert_eq!(parse_name(""), Err(NameError::Empty));
        assert_eq!(parse_name(" \n\t "), Err(NameError::Empty));
    }

    #[test]
    fn a_name_over_100_characters_is_refused_with_its_length() {
        assert!(parse_name(&"я".repeat(100)).is_ok());
        assert_eq!(
            parse_name(&"x".repeat(5000)),
            Err(NameError::TooLong { length: 5000 })
        );
    }

    #[test]
    fn ordinary_doses_are_accepted() {
        for dose in [
            "400 mg",
            "2 tablets",
            "200-400 mg",
            "1/2 tab",
            "0.5 mg",
            "50 мг",
        ] {
            assert_eq!(parse_dose(dose), Ok(dose.to_owned()), "{dose}");
        }
    }

    #[test]
    fn a_negative_dose_is_refused_whatever_dash_is_typed() {
        for dose in ["-5", "−5 mg", " – 5 mg", "take -2", "-.5 mg", "－3"] {
            assert_eq!(parse_dose(dose), Err(DoseError::Negative), "{dose:?}");
        }
    }

    #[test]
    fn a_dose_over_50_characters_or_blank_is_refused() {
        assert_eq!(
            parse_dose(&"1".repeat(51)),
            Err(DoseError::TooLong { length: 51 })
        );
        assert_eq!(parse_dose("   "), Err(DoseError::Empty));
    }

    #[test]
    fn check_in_times_are_read_as_hours_and_minutes() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(parse_checkin_time("21:30"), Ok(at(21, 30)));
        assert_eq!(parse_checkin_time(" 9:05 "), Ok(at(9, 5)));
        assert_eq!(parse_checkin_time("00.00"), Ok(at(0, 0)));
    }

    #[test]
    fn check_in_times_out_of_range_or_misshapen_are_refused() {
        for text in ["25:00", "23:60", "24:00"] {
            assert_eq!(parse_checkin_time(text), Err(CheckinTimeError::OutOfRange));
        }
        for text in [
            "abc", "", "21", "21:3", "121:00", "2l:00", "21:30:00", "+1:30",
        ] {
            assert_eq!(
                parse_checkin_time(text),
                Err(CheckinTimeError::Unrecognised),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_dose_time_may_be_now_but_not_later() {
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
        assert!(dose_time_is_valid(now, now));
        assert!(!dose_time_is_valid(now + Duration::minutes(1), now));
    }

    #[test]
    fn the_effect_is_asked_two_hours_after_a_dose_until_it_is_given() {
        let taken = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
        let mut intake = Intake {
            id: 1,
            medication_id: 1,
            name: "Ibuprofen".into(),
            class: MedClass::Nsaid,
            taken_at: taken,
            zone: Tz::UTC,
            dose: None,
            attack_id: None,
            effect: None,
        };
        assert!(!effect_due(&intake, taken + Duration::minutes(119)));
        assert!(effect_due(&intake, taken + EFFECT_AFTER));
        intake.effect = Some(Effect::Partial);
        assert!(!effect_due(&intake, taken + Duration::hours(5)));
    }

    #[test]
    fn a_dose_label_carries_the_dose_when_there_is_one() {
        assert_eq!(dose_label("Ibuprofen", Some("400 mg")), "Ibuprofen 400 mg");
        assert_eq!(dose_label("Ibuprofen", Some("")), "Ibuprofen");
        assert_eq!(dose_label("Ibuprofen", None), "Ibuprofen");
    }

    #[test]
    fn a_name_is_found_on_the_list_ignoring_case() {
        let meds = [med(1, "Ibuprofen"), med(2, "Суматриптан")];
        assert_eq!(find_by_name(&meds, " ibuprofen ").map(|m| m.id), Some(1));
        assert_eq!(find_by_name(&meds, "СУМАТРИПТАН").map(|m| m.id), Some(2));
        assert_eq!(find_by_name(&meds, "Aspirin"), None);
    }

    #[test]
    fn pages_are_clamped_to_the_list() {
        let items: Vec<i32> = (1..=17).collect();
        assert_eq!(page_of(&items, 0, 8), (0, &items[0..8], 3));
        assert_eq!(page_of(&items, 2, 8), (2, &items[16..17], 3));
        assert_eq!(page_of(&items, 99, 8), (2, &items[16..17], 3));
        assert_eq!(page_of(&items, -1, 8), (0, &items[0..8], 3));
        let empty: [i32; 0] = [];
        assert_eq!(page_of(&empty, 0, 8), (0, &empty[..], 1));
    }

    #[test]
    fn the_local_date_follows_the_zone() {
        let at = Utc.with_ymd_and_hms(2026, 3, 10, 23, 30, 0).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert_eq!(localtime::date_of(at, Tz::UTC), day(10));
        assert_eq!(localtime::date_of(at, chrono_tz::Europe::Moscow), day(11));
    }

    #[test]
    fn a_period_start_can_be_moved_up_to_a_month_back_and_not_ahead() {
        let zone: Tz = "Europe/Berlin".parse().unwrap();
        // 10:00 in Berlin on Tuesday 10 March 2026.
        let now = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let p = |s| parse_period_day(s, now, zone);
        assert_eq!(p("yesterday"), Ok(day(3, 9)));
        assert_eq!(p("позавчера"), Ok(day(3, 8)));
        assert_eq!(p("07.02"), Ok(day(2, 7)));
        assert_eq!(p("06.02"), Err(PeriodDayError::TooFarBack));
        assert_eq!(p("11.03.2026"), Err(PeriodDayError::Future));
        assert_eq!(p("2015-01-01"), Err(PeriodDayError::TooFarBack));
        assert_eq!(p("31.02"), Err(PeriodDayError::Date(DateError::Invalid)));
        assert_eq!(
            p("last week"),
            Err(PeriodDayError::Date(DateError::Unrecognised))
        );
    }
}
