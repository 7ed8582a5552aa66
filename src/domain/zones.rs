//! Time zones: the common choices offered as buttons, typed names, and zones from a
//! shared location (looked up offline in OpenStreetMap-derived boundaries, ODbL).

use super::lang::Lang;
use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};
use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Reads a typed zone: a city or country name in English or Russian (`Москва`, `new york`,
/// `Питер`), an abbreviation (`MSK`, `МСК+2`, `EST`, `CET`), an IANA name in any case
/// (`europe/moscow`), the city part of one (`Moscow`), or a whole-hour offset (`UTC+3`,
/// `GMT-5`, `+03:00`). Case, `ё`/`е`, spaces, hyphens and dots do not matter in names.
pub fn parse_zone(input: &str) -> Option<Tz> {
    let text = input.trim();
    if text.is_empty() || text.chars().count() > 64 {
        return None;
    }
    let key = normalize(text);
    if let Some(z) = names().get(key.as_str()) {
        return Some(*z);
    }
    if let Some(z) = parse_moscow_offset(text) {
        return Some(z);
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
                .is_some_and(|city| normalize(city) == key)
        })
        .copied()
}

/// A zone as people read it: a fixed offset as the offset (`Etc/GMT-3` → `UTC+3`, the
/// sign of Etc names being inverted), every name of UTC as `UTC`, any other zone by its
/// IANA name (`Europe/Moscow`).
pub fn label(zone: Tz) -> String {
    let name = zone.name();
    let bare = name.strip_prefix("Etc/").unwrap_or(name);
    if matches!(
        bare,
        "UTC" | "UCT" | "GMT" | "GMT0" | "GMT+0" | "GMT-0" | "Greenwich" | "Universal" | "Zulu"
    ) {
        return "UTC".to_owned();
    }
    let offset = name.strip_prefix("Etc/GMT").and_then(|rest| {
        let hours = rest.get(1..)?;
        match rest.as_bytes().first()? {
            b'-' => Some(format!("UTC+{hours}")),
            b'+' => Some(format!("UTC-{hours}")),
            _ => None,
        }
    });
    if let Some(offset) = offset {
        return offset;
    }
    name.to_owned()
}

/// A typed name reduced to what matters: lower case, `ё` as `е`, without spaces, hyphens,
/// underscores, dots or apostrophes (`Нью-Йорк`, `нью йорк` and `НЬЮЙОРК` are one name).
fn normalize(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '-' | '_' | '.' | '\'' | '’' | '‐' | '‑' | '‒' | '–' | '—'
                )
        })
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The names of [`NAMES`], normalized, built on first use.
fn names() -> &'static HashMap<String, Tz> {
    static INDEX: LazyLock<HashMap<String, Tz>> = LazyLock::new(|| {
        NAMES
            .iter()
            .flat_map(|(zone, names)| names.iter().map(|n| (normalize(n), *zone)))
            .collect()
    });
    &INDEX
}

/// Typed names and abbreviations that are not (or not only) an IANA city: Russian names,
/// other English spellings, and abbreviations people use. One place for all of them;
/// read through [`normalize`], so each name is written once as people spell it.
#[rustfmt::skip]
static NAMES: &[(Tz, &[&str])] = {
    use chrono_tz::{Africa, America, Asia, Australia, Europe, Pacific};
    &[
        // Russia, west to east.
        (Europe::Kaliningrad, &["Калининград"]),
        (Europe::Moscow, &[
            "Москва", "МСК", "MSK", "Санкт-Петербург", "Петербург", "Питер", "СПб", "Ленинград",
            "Saint Petersburg", "St Petersburg", "Petersburg", "SPb", "Нижний Новгород",
            "Nizhny Novgorod", "Казань", "Kazan", "Ростов-на-Дону", "Ростов", "Rostov-on-Don",
            "Rostov", "Краснодар", "Krasnodar", "Воронеж", "Voronezh", "Сочи", "Sochi",
            "Ярославль", "Тула", "Рязань", "Тверь", "Мурманск", "Архангельск", "Белгород",
            "Курск", "Брянск", "Смоленск", "Калуга", "Владимир", "Иваново", "Кострома",
            "Липецк", "Тамбов", "Орёл", "Пенза", "Чебоксары", "Йошкар-Ола", "Саранск",
            "Вологда", "Петрозаводск", "Великий Новгород", "Псков", "Сыктывкар", "Новороссийск",
            "Ставрополь", "Элиста", "Майкоп", "Черкесск", "Нальчик", "Владикавказ", "Магас",
            "Грозный", "Махачкала", "Дербент",
        ]),
        (Europe::Simferopol, &["Симферополь", "Севастополь", "Ялта"]),
        (Europe::Volgograd, &["Волгоград"]),
        (Europe::Kirov, &["Киров"]),
        (Europe::Samara, &["Самара", "Тольятти", "Ижевск", "Izhevsk"]),
        (Europe::Ulyanovsk, &["Ульяновск"]),
        (Europe::Saratov, &["Саратов"]),
        (Europe::Astrakhan, &["Астрахань"]),
        (Asia::Yekaterinburg, &[
            "Екатеринбург", "Ekaterinburg", "Челябинск", "Chelyabinsk", "Уфа", "Ufa", "Пермь",
            "Perm", "Тюмень", "Tyumen", "Оренбург", "Курган", "Магнитогорск", "Сургут",
            "Ханты-Мансийск", "Нижневартовск", "Салехард",
        ]),
        (Asia::Omsk, &["Омск"]),
        (Asia::Novosibirsk, &["Новосибирск"]),
        (Asia::Barnaul, &["Барнаул"]),
        (Asia::Tomsk, &["Томск"]),
        (Asia::Novokuznetsk, &["Новокузнецк", "Кемерово", "Kemerovo"]),
        (Asia::Krasnoyarsk, &["Красноярск", "Абакан", "Кызыл", "Норильск"]),
        (Asia::Irkutsk, &["Иркутск", "Улан-Удэ", "Ulan-Ude", "Братск"]),
        (Asia::Chita, &["Чита"]),
        (Asia::Yakutsk, &["Якутск", "Благовещенск"]),
        (Asia::Vladivostok, &[
            "Владивосток", "Хабаровск", "Khabarovsk", "Комсомольск-на-Амуре", "Уссурийск",
            "Биробиджан",
        ]),
        (Asia::Sakhalin, &["Южно-Сахалинск", "Сахалин", "Yuzhno-Sakhalinsk"]),
        (Asia::Magadan, &["Магадан"]),
        (Asia::Kamchatka, &["Петропавловск-Камчатский", "Камчатка", "Petropavlovsk-Kamchatsky"]),
        (Asia::Anadyr, &["Анадырь"]),
        // Belarus, Ukraine, Moldova, the Baltic states.
        (Europe::Minsk, &[
            "Минск", "Беларусь", "Belarus", "Гомель", "Gomel", "Могилёв", "Mogilev", "Витебск",
            "Vitebsk", "Гродно", "Grodno", "Брест", "Бобруйск",
        ]),
        (Europe::Kyiv, &[
            "Киев", "Київ", "Kyiv", "Kiev", "Украина", "Україна", "Ukraine", "Харьков",
            "Харків", "Kharkiv", "Kharkov", "Одесса", "Одеса", "Odesa", "Odessa", "Днепр",
            "Дніпро", "Днепропетровск", "Dnipro", "Львов", "Львів", "Lviv", "Запорожье",
            "Запоріжжя", "Zaporizhzhia", "Кривой Рог", "Николаев", "Винница", "Полтава",
            "Чернигов", "Житомир", "Черкассы", "Сумы", "Херсон", "Хмельницкий", "Ровно",
            "Ивано-Франковск", "Тернополь", "Луцк", "Ужгород", "Черновцы",
        ]),
        (Europe::Chisinau, &["Кишинёв", "Молдова", "Moldova", "Kishinev"]),
        (Europe::Riga, &["Рига"]),
        (Europe::Vilnius, &["Вильнюс"]),
        (Europe::Tallinn, &["Таллин", "Таллинн"]),
        // Kazakhstan, Central Asia, the Caucasus, Mongolia.
        (Asia::Almaty, &[
            "Алматы", "Алма-Ата", "Alma-Ata", "Астана", "Astana", "Нур-Султан", "Nur-Sultan",
            "Казахстан", "Kazakhstan", "Шымкент", "Shymkent", "Караганда", "Karaganda",
            "Павлодар", "Усть-Каменогорск", "Семей", "Тараз",
        ]),
        (Asia::Qostanay, &["Костанай", "Kostanay"]),
        (Asia::Qyzylorda, &["Кызылорда"]),
        (Asia::Aqtobe, &["Актобе", "Aktobe"]),
        (Asia::Atyrau, &["Атырау"]),
        (Asia::Aqtau, &["Актау", "Aktau"]),
        (Asia::Oral, &["Уральск", "Uralsk"]),
        (Asia::Tashkent, &[
            "Ташкент", "Узбекистан", "Uzbekistan", "Бухара", "Bukhara", "Наманган", "Андижан",
            "Фергана",
        ]),
        (Asia::Samarkand, &["Самарканд"]),
        (Asia::Bishkek, &["Бишкек", "Киргизия", "Кыргызстан", "Kyrgyzstan", "Ош", "Osh"]),
        (Asia::Dushanbe, &["Душанбе", "Таджикистан", "Tajikistan", "Худжанд"]),
        (Asia::Ashgabat, &["Ашхабад", "Туркменистан", "Turkmenistan"]),
        (Asia::Baku, &["Баку", "Азербайджан", "Azerbaijan"]),
        (Asia::Tbilisi, &["Тбилиси", "Грузия", "Батуми", "Batumi", "Кутаиси"]),
        (Asia::Yerevan, &["Ереван", "Армения", "Armenia", "Гюмри"]),
        (Asia::Ulaanbaatar, &["Улан-Батор", "Ulan Bator"]),
        // Europe.
        (Europe::London, &["Лондон", "Великобритания", "Англия", "BST"]),
        (Europe::Dublin, &["Дублин"]),
        (Europe::Lisbon, &["Лиссабон"]),
        (Europe::Madrid, &["Мадрид", "Барселона", "Barcelona", "Испания", "Валенсия"]),
        (Europe::Paris, &["Париж", "Франция", "Ницца"]),
        (Europe::Brussels, &["Брюссель"]),
        (Europe::Amsterdam, &["Амстердам"]),
        (Europe::Berlin, &[
            "Берлин", "Германия", "Germany", "Мюнхен", "Munich", "Гамбург", "Hamburg",
            "Франкфурт", "Frankfurt", "Кёльн", "Cologne", "Дюссельдорф",
        ]),
        (Europe::Zurich, &["Цюрих", "Женева", "Geneva", "Швейцария"]),
        (Europe::Vienna, &["Вена"]),
        (Europe::Prague, &["Прага"]),
        (Europe::Warsaw, &["Варшава", "Польша", "Краков", "Krakow"]),
        (Europe::Rome, &["Рим", "Милан", "Milan", "Италия"]),
        (Europe::Budapest, &["Будапешт"]),
        (Europe::Belgrade, &["Белград"]),
        (Europe::Bucharest, &["Бухарест"]),
        (Europe::Sofia, &["София"]),
        (Europe::Athens, &["Афины"]),
        (Asia::Nicosia, &["Никосия", "Кипр", "Cyprus", "Лимассол", "Limassol", "Ларнака", "Пафос"]),
        (Europe::Helsinki, &["Хельсинки"]),
        (Europe::Stockholm, &["Стокгольм"]),
        (Europe::Oslo, &["Осло"]),
        (Europe::Copenhagen, &["Копенгаген"]),
        (Europe::Istanbul, &[
            "Стамбул", "Турция", "Turkey", "Анкара", "Ankara", "Анталья", "Antalya", "Измир",
            "Аланья",
        ]),
        // The Middle East, Asia, Oceania.
        (Asia::Jerusalem, &[
            "Тель-Авив", "Tel Aviv", "Иерусалим", "Израиль", "Israel", "Хайфа", "Haifa",
        ]),
        (Africa::Cairo, &[
            "Каир", "Египет", "Шарм-эль-Шейх", "Sharm el-Sheikh", "Хургада", "Hurghada",
        ]),
        (Asia::Dubai, &["Дубай", "Абу-Даби", "Abu Dhabi", "ОАЭ", "UAE"]),
        (Asia::Tehran, &["Тегеран"]),
        (Asia::Kolkata, &[
            "Дели", "Нью-Дели", "Delhi", "New Delhi", "Мумбаи", "Mumbai", "Бангалор",
            "Bangalore", "Гоа", "Goa", "Индия", "India", "IST",
        ]),
        (Asia::Bangkok, &[
            "Бангкок", "Пхукет", "Phuket", "Паттайя", "Pattaya", "Таиланд", "Thailand",
        ]),
        (Asia::Ho_Chi_Minh, &[
            "Хошимин", "Ханой", "Hanoi", "Нячанг", "Nha Trang", "Вьетнам", "Vietnam",
        ]),
        (Asia::Makassar, &["Бали", "Bali", "Денпасар", "Denpasar"]),
        (Asia::Jakarta, &["Джакарта"]),
        (Asia::Kuala_Lumpur, &["Куала-Лумпур"]),
        (Asia::Singapore, &["Сингапур", "SGT"]),
        (Asia::Manila, &["Манила"]),
        (Asia::Shanghai, &["Пекин", "Beijing", "Шанхай", "Китай", "China"]),
        (Asia::Hong_Kong, &["Гонконг", "HKT"]),
        (Asia::Seoul, &["Сеул", "Корея", "KST"]),
        (Asia::Tokyo, &["Токио", "Япония", "JST"]),
        (Australia::Sydney, &["Сидней", "AEST", "AEDT"]),
        (Australia::Melbourne, &["Мельбурн"]),
        (Pacific::Auckland, &["Окленд"]),
        // The Americas.
        (America::New_York, &[
            "Нью-Йорк", "Вашингтон", "Бостон", "Boston", "Майами", "Miami", "Филадельфия",
            "Philadelphia", "Atlanta", "EST", "EDT",
        ]),
        (America::Toronto, &["Торонто", "Монреаль", "Montreal", "Оттава", "Ottawa"]),
        (America::Chicago, &[
            "Чикаго", "Хьюстон", "Houston", "Даллас", "Dallas", "Austin", "CST", "CDT",
        ]),
        (America::Denver, &["Денвер", "MST", "MDT"]),
        (America::Phoenix, &["Финикс", "Arizona"]),
        (America::Los_Angeles, &[
            "Лос-Анджелес", "Сан-Франциско", "San Francisco", "Сиэтл", "Seattle", "Сан-Диего",
            "San Diego", "Лас-Вегас", "Las Vegas", "Калифорния", "California", "PST", "PDT",
        ]),
        (America::Vancouver, &["Ванкувер"]),
        (America::Anchorage, &["AKST", "AKDT"]),
        (Pacific::Honolulu, &["Гонолулу", "Гавайи", "Hawaii", "HST"]),
        (America::Mexico_City, &["Мехико"]),
        (America::Sao_Paulo, &["Сан-Паулу", "Рио-де-Жанейро", "Rio de Janeiro"]),
        (America::Argentina::Buenos_Aires, &["Буэнос-Айрес", "Buenos Aires"]),
        // Western, Central and Eastern European time (IANA zones that follow the EU rules),
        // also under their summer names.
        (Tz::CET, &["CET", "CEST"]),
        (Tz::EET, &["EET", "EEST"]),
        (Tz::WET, &["WET", "WEST"]),
    ]
};

/// Zones of Russia by Moscow offset (`МСК+2` is Yekaterinburg time), from МСК−1 to МСК+9.
const MOSCOW_PLUS: [(i32, Tz); 11] = {
    use chrono_tz::{Asia, Europe};
    [
        (-1, Europe::Kaliningrad),
        (0, Europe::Moscow),
        (1, Europe::Samara),
        (2, Asia::Yekaterinburg),
        (3, Asia::Omsk),
        (4, Asia::Krasnoyarsk),
        (5, Asia::Irkutsk),
        (6, Asia::Yakutsk),
        (7, Asia::Vladivostok),
        (8, Asia::Magadan),
        (9, Asia::Kamchatka),
    ]
};

/// `МСК+2`, `msk - 1` → the zone of Russia at that Moscow offset, else the fixed zone of
/// that offset.
fn parse_moscow_offset(text: &str) -> Option<Tz> {
    let key: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let rest = key
        .strip_prefix("мск")
        .or_else(|| key.strip_prefix("msk"))?;
    let hours = signed_hours(rest)?;
    if hours == 0 {
        return Some(chrono_tz::Europe::Moscow);
    }
    MOSCOW_PLUS
        .iter()
        .find(|(h, _)| *h == hours)
        .map(|(_, z)| *z)
        .or_else(|| fixed_zone(hours + 3))
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
    fixed_zone(signed_hours(rest)?)
}

/// `+3`, `-05`, `+03:00` → whole hours with their sign.
fn signed_hours(text: &str) -> Option<i32> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
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
    Some(sign * hours)
}

/// The fixed zone `hours` east of UTC (`Etc/GMT-3` for +3), UTC for 0; `None` beyond
/// the zones that exist (−12 to +14).
fn fixed_zone(hours: i32) -> Option<Tz> {
    if hours == 0 {
        return Some(Tz::UTC);
    }
    if !(-12..=14).contains(&hours) {
        return None;
    }
    let name = format!(
        "Etc/GMT{}{}",
        if hours > 0 { '-' } else { '+' },
        hours.abs()
    );
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
    fn russian_and_english_city_names_are_read_whatever_the_spelling() {
        use chrono_tz::{America, Asia, Europe};
        let cases = [
            ("Москва", Europe::Moscow),
            ("москва", Europe::Moscow),
            ("  МОСКВА ", Europe::Moscow),
            ("Екатеринбург", Asia::Yekaterinburg),
            ("Санкт-Петербург", Europe::Moscow),
            ("санкт петербург", Europe::Moscow),
            ("Питер", Europe::Moscow),
            ("СПб", Europe::Moscow),
            ("St. Petersburg", Europe::Moscow),
            ("Орёл", Europe::Moscow),
            ("Орел", Europe::Moscow),
            ("Нью-Йорк", America::New_York),
            ("Нью Йорк", America::New_York),
            ("new-york", America::New_York),
            ("Тель-Авив", Asia::Jerusalem),
            ("tel aviv", Asia::Jerusalem),
            ("Берлин", Europe::Berlin),
            ("Лондон", Europe::London),
            ("Париж", Europe::Paris),
            ("Стамбул", Europe::Istanbul),
            ("Дубай", Asia::Dubai),
            ("Бангкок", Asia::Bangkok),
            ("Токио", Asia::Tokyo),
            ("Минск", Europe::Minsk),
            ("Киев", Europe::Kyiv),
            ("kiev", Europe::Kyiv),
            ("Алма-Ата", Asia::Almaty),
            ("Ташкент", Asia::Tashkent),
            ("Тбилиси", Asia::Tbilisi),
            ("Ереван", Asia::Yerevan),
            ("Баку", Asia::Baku),
            ("Ekaterinburg", Asia::Yekaterinburg),
            ("yekaterinburg", Asia::Yekaterinburg),
        ];
        for (typed, zone) in cases {
            assert_eq!(parse_zone(typed), Some(zone), "{typed}");
        }
        assert_eq!(parse_zone("Мордор"), None);
        assert_eq!(parse_zone("Москва-3"), None);
    }

    #[test]
    fn every_russian_button_zone_has_a_russian_city_name() {
        for zone in common_zones(Lang::Ru) {
            assert!(
                NAMES.iter().any(|(z, names)| z == zone
                    && names
                        .iter()
                        .any(|n| n.chars().any(|c| c.is_alphabetic() && !c.is_ascii()))),
                "{zone} has no Russian name"
            );
        }
    }

    #[test]
    fn no_name_is_given_to_two_zones() {
        let mut seen = HashMap::new();
        for (zone, names) in NAMES {
            for name in *names {
                if let Some(other) = seen.insert(normalize(name), *zone) {
                    panic!("{name} is both {other} and {zone}");
                }
            }
        }
        assert_eq!(seen.len(), names().len());
    }

    #[test]
    fn abbreviations_name_the_zone_people_mean() {
        use chrono_tz::{America, Asia, Europe};
        let cases = [
            ("МСК", Europe::Moscow),
            ("msk", Europe::Moscow),
            ("МСК+0", Europe::Moscow),
            ("МСК-1", Europe::Kaliningrad),
            ("МСК+1", Europe::Samara),
            ("МСК+2", Asia::Yekaterinburg),
            ("мск + 2", Asia::Yekaterinburg),
            ("МСК−1", Europe::Kaliningrad),
            ("MSK+4", Asia::Krasnoyarsk),
            ("МСК+7", Asia::Vladivostok),
            ("МСК+9", Asia::Kamchatka),
            ("МСК-2", chrono_tz::Etc::GMTMinus1),
            ("МСК-4", chrono_tz::Etc::GMTPlus1),
            ("МСК-3", Tz::UTC),
            ("EST", America::New_York),
            ("EDT", America::New_York),
            ("CST", America::Chicago),
            ("MST", America::Denver),
            ("PST", America::Los_Angeles),
            ("pdt", America::Los_Angeles),
            ("IST", Asia::Kolkata),
            ("JST", Asia::Tokyo),
            ("BST", Europe::London),
            ("CET", Tz::CET),
            ("CEST", Tz::CET),
            ("EET", Tz::EET),
        ];
        for (typed, zone) in cases {
            assert_eq!(parse_zone(typed), Some(zone), "{typed}");
        }
        assert_eq!(parse_zone("МСК+12"), None);
        assert_eq!(parse_zone("МСК+"), None);
        assert_eq!(parse_zone("МСКВА"), None);
    }

    #[test]
    fn zones_are_labelled_as_people_write_them() {
        assert_eq!(label(chrono_tz::Etc::GMTMinus3), "UTC+3");
        assert_eq!(label(chrono_tz::Etc::GMTPlus5), "UTC-5");
        assert_eq!(label(chrono_tz::Etc::GMTMinus14), "UTC+14");
        assert_eq!(label(chrono_tz::Etc::GMTPlus12), "UTC-12");
        assert_eq!(label(chrono_tz::Etc::UTC), "UTC");
        assert_eq!(label(Tz::UTC), "UTC");
        assert_eq!(label(Tz::GMT), "UTC");
        assert_eq!(label(chrono_tz::Etc::GMT), "UTC");
        assert_eq!(label(chrono_tz::Etc::GMTPlus0), "UTC");
        assert_eq!(label(chrono_tz::Europe::Moscow), "Europe/Moscow");
        assert_eq!(label(chrono_tz::America::New_York), "America/New_York");
        assert_eq!(label(Tz::CET), "CET");
        // What a typed offset sets is shown back as typed.
        for typed in ["UTC+3", "UTC-5", "UTC+14", "UTC-12"] {
            assert_eq!(parse_zone(typed).map(label).as_deref(), Some(typed));
        }
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
