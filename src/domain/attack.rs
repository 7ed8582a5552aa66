//! An attack and the choices its fields are made of (MODEL.md, "Diary records").

use super::key_enum;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// While an attack opened less than this long ago is open, the one tap shows it
/// instead of starting another; an older open attack must be closed first.
pub const OPEN_ATTACK_LIMIT: Duration = Duration::hours(72);

key_enum!(
    /// Where the pain is.
    Location { Forehead = "forehead", Temples = "temples", BehindEyes = "eyes", BackOfHead = "occiput", Neck = "neck", WholeHead = "whole" }
);
key_enum!(
    /// Which side hurts.
    Side { Left = "left", Right = "right", Both = "both" }
);
key_enum!(
    /// How the pain feels.
    Character { Pulsating = "pulsating", Pressing = "pressing", Stabbing = "stabbing" }
);
key_enum!(
    /// How strong the nausea was.
    Nausea { No = "none", Slight = "slight", Marked = "marked" }
);
key_enum!(
    /// Kinds of aura, or none at all (`None`, which is not the same as not known: an empty
    /// list). `None` never stands beside a kind.
    Aura {
        None = "none", Visual = "visual", Sensory = "sensory", Speech = "speech", Other = "other",
    }
);

impl Aura {
    /// The aura after choosing (`on`) or unchoosing `item`: "none" and the kinds exclude
    /// each other, so choosing one clears the other side.
    pub fn choose(current: &[Aura], item: Aura, on: bool) -> Vec<Aura> {
        let kept = current
            .iter()
            .copied()
            .filter(|k| (*k == Aura::None) == (item == Aura::None) || !on);
        let set: Vec<Aura> = kept.collect();
        Aura::ALL
            .iter()
            .copied()
            .filter(|x| if *x == item { on } else { set.contains(x) })
            .collect()
    }

    /// The aura after the check-in's "visual disturbances?" answer: "yes" adds the visual
    /// kind; "no" takes it away and, when no other kind is known, records no aura.
    pub fn answer_visual(current: &[Aura], yes: bool) -> Vec<Aura> {
        let chosen = Aura::choose(current, Aura::Visual, yes);
        if chosen.is_empty() {
            vec![Aura::None]
        } else {
            chosen
        }
    }
}
key_enum!(
    /// Preset triggers; free text goes beside them.
    Trigger {
        Stress = "stress", PoorSleep = "poor_sleep", TooMuchSleep = "too_much_sleep",
        SkippedMeal = "skipped_meal", Alcohol = "alcohol", Caffeine = "caffeine",
        Weather = "weather", BrightLight = "bright_light", StrongSmell = "strong_smell",
        Menstruation = "menstruation", ScreenTime = "screen_time",
    }
);
key_enum!(
    /// How much the attack took from the day.
    Disability { No = "none", Reduced = "reduced", LostDay = "lost_day" }
);

/// Intensity bands of the 0–10 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// 0.
    NoPain,
    /// 1–3.
    Mild,
    /// 4–6.
    Moderate,
    /// 7–10.
    Severe,
}

impl Band {
    /// The band an intensity falls in.
    pub fn of(intensity: u8) -> Band {
        match intensity {
            0 => Band::NoPain,
            1..=3 => Band::Mild,
            4..=6 => Band::Moderate,
            _ => Band::Severe,
        }
    }

    /// Its translation key.
    pub fn key(self) -> &'static str {
        match self {
            Band::NoPain => "band-none",
            Band::Mild => "band-mild",
            Band::Moderate => "band-moderate",
            Band::Severe => "band-severe",
        }
    }
}

/// The highest intensity (MODEL.md: 0–10).
pub const MAX_INTENSITY: u8 = 10;

/// An intensity as a button or a person gives it: a whole number 0–10 (the check-in asks
/// 1–10 and lands in the same field).
pub fn parse_intensity(text: &str) -> Option<u8> {
    let t = text.trim();
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u8>().ok().filter(|v| *v <= MAX_INTENSITY)
}

/// One headache attack. Every field but `started_at` may be unknown, and unknown is not "no".
#[derive(Debug, Clone, PartialEq)]
pub struct Attack {
    /// Compact id, unique across users.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended; `None` while open, or when the end is unknown.
    pub ended_at: Option<DateTime<Utc>>,
    /// Over, but when is not known (an attack the evening check-in recorded and no end was
    /// given for): not open, no duration.
    pub end_unknown: bool,
    /// The user's zone when the record was made; its local days are read in it.
    pub zone: Tz,
    /// 0–10.
    pub intensity: Option<u8>,
    /// Where it hurt (several).
    pub locations: Vec<Location>,
    /// Which side.
    pub side: Option<Side>,
    /// How it felt.
    pub character: Option<Character>,
    /// Worse with routine activity.
    pub worse_with_activity: Option<bool>,
    /// Nausea.
    pub nausea: Option<Nausea>,
    /// Vomiting.
    pub vomiting: Option<bool>,
    /// Bothered by light.
    pub light_sensitivity: Option<bool>,
    /// Bothered by sound.
    pub sound_sensitivity: Option<bool>,
    /// Aura kinds.
    pub aura: Vec<Aura>,
    /// Aura minutes.
    pub aura_min: Option<u32>,
    /// Preset triggers.
    pub triggers: Vec<Trigger>,
    /// Free-text trigger.
    pub trigger_note: Option<String>,
    /// Effect on the day.
    pub disability: Option<Disability>,
    /// Free comment.
    pub comment: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Soft-deleted at.
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Attack {
    /// A new open attack with every detail unknown.
    pub fn new(user_id: i64, started_at: DateTime<Utc>, zone: Tz, now: DateTime<Utc>) -> Self {
        Attack {
            id: 0,
            user_id,
            started_at,
            ended_at: None,
            end_unknown: false,
            zone,
            intensity: None,
            locations: Vec::new(),
            side: None,
            character: None,
            worse_with_activity: None,
            nausea: None,
            vomiting: None,
            light_sensitivity: None,
            sound_sensitivity: None,
            aura: Vec::new(),
            aura_min: None,
            triggers: Vec::new(),
            trigger_note: None,
            disability: None,
            comment: None,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    /// Whether it has no end yet.
    pub fn is_open(&self) -> bool {
        self.ended_at.is_none() && !self.end_unknown
    }

    /// Its length: to the end, or to `now` while open; `None` when the end is unknown.
    pub fn duration(&self, now: DateTime<Utc>) -> Option<Duration> {
        if self.end_unknown && self.ended_at.is_none() {
            return None;
        }
        Some((self.ended_at.unwrap_or(now) - self.started_at).max(Duration::zero()))
    }

    /// Whether it is open and started too long ago to be shown by the one tap.
    pub fn is_stale_open(&self, now: DateTime<Utc>) -> bool {
        self.is_open() && now - self.started_at >= OPEN_ATTACK_LIMIT
    }
}

/// One field of an attack, set on its own: edits are per field, so two edits from two
/// old messages never undo each other.
#[derive(Debug, Clone, PartialEq)]
pub enum AttackField {
    /// Start.
    StartedAt(DateTime<Utc>),
    /// End (`None` reopens).
    EndedAt(Option<DateTime<Utc>>),
    /// Over at an unknown time (`true`), or not (`false`; then `EndedAt` says which).
    EndUnknown(bool),
    /// 0–10.
    Intensity(Option<u8>),
    /// Locations.
    Locations(Vec<Location>),
    /// Side.
    Side(Option<Side>),
    /// Character.
    Character(Option<Character>),
    /// Worse with activity.
    WorseWithActivity(Option<bool>),
    /// Nausea.
    Nausea(Option<Nausea>),
    /// Vomiting.
    Vomiting(Option<bool>),
    /// Light sensitivity.
    LightSensitivity(Option<bool>),
    /// Sound sensitivity.
    SoundSensitivity(Option<bool>),
    /// Aura kinds.
    Aura(Vec<Aura>),
    /// Aura minutes.
    AuraMin(Option<u32>),
    /// Preset triggers.
    Triggers(Vec<Trigger>),
    /// Free-text trigger.
    TriggerNote(Option<String>),
    /// Disability.
    Disability(Option<Disability>),
    /// Comment.
    Comment(Option<String>),
}

/// Joins keys with `;` as stored and exported.
pub fn join_keys<T: Copy>(items: &[T], key: impl Fn(T) -> &'static str) -> String {
    items.iter().map(|i| key(*i)).collect::<Vec<_>>().join(";")
}

/// Reads `;`-joined keys, skipping ones this version does not know.
pub fn split_keys<T>(text: &str, from_key: impl Fn(&str) -> Option<T>) -> Vec<T> {
    text.split(';').filter_map(|k| from_key(k.trim())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn intensity_bands_follow_the_model() {
        let bands: Vec<Band> = (0..=10).map(Band::of).collect();
        assert_eq!(bands[0], Band::NoPain);
        assert!(bands[1..=3].iter().all(|b| *b == Band::Mild));
        assert!(bands[4..=6].iter().all(|b| *b == Band::Moderate));
        assert!(bands[7..=10].iter().all(|b| *b == Band::Severe));
    }

    #[test]
    fn an_attack_open_for_72_hours_is_stale() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
        let a = Attack::new(1, start, Tz::UTC, start);
        assert!(!a.is_stale_open(start + Duration::hours(71)));
        assert!(a.is_stale_open(start + Duration::hours(72)));
        assert_eq!(
            a.duration(start + Duration::minutes(90)),
            Some(Duration::minutes(90))
        );
    }

    #[test]
    fn keys_round_trip_and_unknown_keys_are_skipped() {
        let locs = vec![Location::Temples, Location::Neck];
        let text = join_keys(&locs, Location::key);
        assert_eq!(text, "temples;neck");
        assert_eq!(
            split_keys(&format!("{text};martian"), Location::from_key),
            locs
        );
        assert_eq!(split_keys("", Location::from_key), Vec::<Location>::new());
    }

    #[test]
    fn no_aura_and_an_aura_kind_exclude_each_other() {
        let none = Aura::choose(&[Aura::Visual, Aura::Speech], Aura::None, true);
        assert_eq!(none, vec![Aura::None]);
        let visual = Aura::choose(&none, Aura::Visual, true);
        assert_eq!(visual, vec![Aura::Visual]);
        assert_eq!(
            Aura::choose(&visual, Aura::Visual, false),
            Vec::<Aura>::new()
        );
        assert_eq!(Aura::choose(&none, Aura::None, false), Vec::<Aura>::new());
    }

    #[test]
    fn the_check_in_s_no_to_visual_disturbances_is_no_aura_unless_another_kind_is_known() {
        assert_eq!(Aura::answer_visual(&[], false), vec![Aura::None]);
        assert_eq!(
            Aura::answer_visual(&[Aura::Visual], false),
            vec![Aura::None]
        );
        assert_eq!(
            Aura::answer_visual(&[Aura::Visual, Aura::Speech], false),
            vec![Aura::Speech]
        );
        assert_eq!(Aura::answer_visual(&[Aura::None], true), vec![Aura::Visual]);
    }

    #[test]
    fn intensity_is_a_whole_number_from_zero_to_ten_wherever_it_is_typed() {
        assert_eq!(parse_intensity(" 7 "), Some(7));
        assert_eq!(parse_intensity("10"), Some(10));
        assert_eq!(parse_intensity("0"), Some(0));
        for bad in ["11", "-3", "7.5", "seven", "", "007"] {
            assert_eq!(parse_intensity(bad), None, "{bad}");
        }
    }
}
