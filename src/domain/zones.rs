//! Time zones: the common choices offered as buttons, typed names, and zones from a
//! shared location (looked up offline in OpenStreetMap-derived boundaries, ODbL).

use super::lang::Lang;
use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};

/// Zones offered as buttons, by language (most users of each language live in these).
pub fn common_zones(lang: Lang) -> &'static [Tz] {
    use chrono_tz::{America, Asia, Australia, Europe};
    match lang {
        Lang::Ru => &[
            Europe::Kaliningrad,
            Europe::Moscow,
            Europe::Samara,
            Asia::Yekaterinburg,
            Asia::Omsk,
            Asia::Novosibirsk,
            Asia::Krasnoyarsk,
            Asia::Irkutsk,
            Asia::Vladivostok,
            Europe::Minsk,
            Asia::Almaty,
            Europe::Berlin,
        ],
        Lang::En => &[
            Europe::London,
            Europe::Berlin,
            Europe::Moscow,
            America::New_York,
            America::Chicago,
            America::Denver,
            America::Los_Angeles,
            Asia::Kolkata,
            Asia::Singapore,
            Asia::Tokyo,
            Australia::Sydney,
            Tz::UTC,
        ],
    }
}

/// A zone's UTC offset at `at`, as `UTC+03:00`.
pub fn offset_label(zone: Tz, at: DateTime<Utc>) -> String {
    let secs = zone
        .offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("UTC{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// Reads a typed zone: an IANA name in any case (`europe/moscow`), a city part of one
/// (`Moscow`, `new york`), or a whole-hour offset (`UTC+3`, `GMT-5`, `+03:00`).
pub fn parse_zone(input: &str) -> Option<Tz> {
    let text = input.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    let wanted = text.replace(' ', "_");
    if let Some(z) = TZ_VARIANTS
        .iter()
        .find(|z| z.name().eq_ignore_ascii_case(&wanted))
    {
        return Some(*z);
    }
    if let Some(z) = parse_offset(text) {
        return Some(z);
    }
    TZ_VARIANTS
        .iter()
        .filter(|z| z.name().contains('/') && !z.name().starts_with("Etc/"))
        .find(|z| {
            z.name()
                .rsplit('/')
                .next()
                .is_some_and(|city| city.eq_ignore_ascii_case(&wanted))
        })
        .copied()
}

/// `UTC+3`, `GMT-5`, `+03:00`, `+3` → the fixed `Etc/GMT∓N` zone (whose sign is inverted).
fn parse_offset(text: &str) -> Option<Tz> {
    let upper = text.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper)
        .trim();
    if rest.is_empty() {
        return Some(Tz::UTC);
    }
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let hours_text = digits.strip_suffix(":00").unwrap_or(digits);
    if hours_text.is_empty()
        || hours_text.len() > 2
        || !hours_text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let hours: i32 = hours_text.parse().ok()?;
    if hours == 0 {
        return Some(Tz::UTC);
    }
    if hours > 14 || (sign < 0 && hours > 12) {
        return None;
    }
    let name = format!("Etc/GMT{}{}", if sign > 0 { '-' } else { '+' }, hours);
    name.parse().ok()
}

/// Finds zones of shared locations. Building it is cheap (the data stays in the binary's
/// read-only segment), so it is made on first use and kept.
pub struct LocationZones(tzf_rs::EmbeddedFinder);

impl LocationZones {
    /// Opens the bundled boundaries.
    pub fn new() -> Self {
        LocationZones(tzf_rs::EmbeddedFinder::new())
    }

    /// The zone at a point; `None` over open sea or for impossible coordinates.
    /// A zone newer than chrono-tz's database falls back to UTC.
    pub fn zone_at(&self, latitude: f64, longitude: f64) -> Option<Tz> {
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return None;
        }
        let name = self.0.get_tz_name(longitude, latitude);
        if name.is_empty() {
            return None;
        }
        Some(name.parse().unwrap_or(Tz::UTC))
    }
}

impl Default for LocationZones {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_zones_are_read_in_every_common_form() {
        assert_eq!(parse_zone("Europe/Moscow"), Some(chrono_tz::Europe::Moscow));
        assert_eq!(
            parse_zone(" europe/berlin "),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(parse_zone("new york"), Some(chrono_tz::America::New_York));
        assert_eq!(parse_zone("UTC"), Some(Tz::UTC));
        assert_eq!(parse_zone("UTC+3"), Some(chrono_tz::Etc::GMTMinus3));
        assert_eq!(parse_zone("GMT-5"), Some(chrono_tz::Etc::GMTPlus5));
        assert_eq!(parse_zone("+03:00"), Some(chrono_tz::Etc::GMTMinus3));
        assert_eq!(parse_zone("Mars/Olympus"), None);
        assert_eq!(parse_zone("UTC+15"), None);
        assert_eq!(parse_zone("'; drop table app_user; --"), None);
    }

    #[test]
    fn shared_locations_map_to_their_zone() {
        let finder = LocationZones::new();
        assert_eq!(
            finder.zone_at(55.7558, 37.6173),
            Some(chrono_tz::Europe::Moscow)
        );
        assert_eq!(
            finder.zone_at(52.52, 13.405),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(
            finder.zone_at(40.7128, -74.006),
            Some(chrono_tz::America::New_York)
        );
        assert_eq!(finder.zone_at(91.0, 0.0), None);
    }

    #[test]
    fn offsets_are_labelled_with_sign_and_minutes() {
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        assert_eq!(offset_label(chrono_tz::Europe::Moscow, at), "UTC+03:00");
        assert_eq!(offset_label(chrono_tz::Asia::Kolkata, at), "UTC+05:30");
        assert_eq!(offset_label(chrono_tz::America::New_York, at), "UTC-05:00");
    }
}
