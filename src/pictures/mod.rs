//! Pictures of the figures (MODEL.md, "Figures") for a phone and a neurologist: a calendar
//! heat map, intensity over time and acute-medication days per month against ICHD-3's
//! overuse thresholds. Pure functions of the figures: each writes an SVG by hand and
//! rasterises it with resvg into a PNG [`WIDTH`] pixels wide, its labels in the user's
//! language from `locales/*/pictures.ftl`, its text in the bundled DejaVu fonts (no system
//! font is looked up). Migraine-like days are always "migraine-like by the recorded
//! features", never a diagnosis.

mod axis;
mod calendar;
mod intensity;
mod labels;
mod legend;
mod medication;
mod svg;

pub use calendar::{MAX_MONTHS, calendar};
pub use intensity::{DAILY_DAYS, WEEKLY_DAYS, intensity};
pub use legend::WIDTH;
pub use medication::medication;
pub use svg::escape;
pub(crate) use svg::{BOLD as BOLD_FONT, REGULAR as REGULAR_FONT};

/// A finished picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its width in pixels ([`WIDTH`]).
    pub width: u32,
    /// Its height in pixels, as the content needs.
    pub height: u32,
}

/// Why a picture could not be drawn (each a bug in this module rather than in the data).
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The SVG written does not parse.
    #[error("the picture's SVG does not parse: {0}")]
    Svg(#[from] resvg::usvg::Error),
    /// No pixmap of that size.
    #[error("no picture can be {width}×{height} pixels")]
    Size {
        /// The width asked for.
        width: u32,
        /// The height asked for.
        height: u32,
    },
    /// PNG encoding failed.
    #[error("the picture does not encode as PNG: {0}")]
    Png(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attack::{Attack, Character, Nausea, Side};
    use crate::domain::day::DayRecord;
    use crate::domain::export::Diary;
    use crate::domain::figures::testkit::{at, berlin, date};
    use crate::domain::figures::{self, Figures, Period};
    use crate::domain::lang::Lang;
    use crate::domain::medication::{Intake, MedClass};
    use crate::i18n::I18n;
    use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
    use resvg::tiny_skia::Pixmap;
    use std::ops::RangeInclusive;

    /// The "today" of every test diary.
    fn today() -> NaiveDate {
        date(2026, 3, 20)
    }

    fn dose(class: MedClass, taken_at: DateTime<Utc>) -> Intake {
        crate::domain::figures::testkit::dose(1, class, taken_at)
    }

    fn day_record(day: NaiveDate) -> DayRecord {
        crate::domain::figures::testkit::day_record(day, at(day, 21, 0))
    }

    /// A small deterministic generator (no dependency for test data).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// A plausible diary of `days` days up to today: attacks on about a quarter of the
    /// days (some migraine-like, some unrated, some across midnight), acute doses, days
    /// marked headache-free, a few check-ins and gaps; every seventh month heavy on
    /// triptans and analgesics, so that overuse information applies there.
    fn diary(days: u32, seed: u64) -> Diary {
        let mut rng = Rng(seed);
        let mut d = Diary::default();
        let first = today() - Days::new(u64::from(days) - 1);
        for (n, day) in Period::new(first, today()).days().enumerate() {
            let month_index = (month_index(today()) - month_index(day)) as u64;
            let heavy = month_index % 7 == 3;
            let r = rng.below(100);
            let limit = if heavy { 55 } else { 25 };
            if r < limit {
                let start = at(day, 8 + rng.below(12) as u32, 0);
                let hours = 2 + rng.below(if r.is_multiple_of(5) { 30 } else { 8 }) as i64;
                let mut a = Attack::new(1, start, berlin(), start);
                a.id = n as i64 + 1;
                a.ended_at = Some(start + Duration::hours(hours));
                a.intensity = (!r.is_multiple_of(9)).then(|| 1 + rng.below(10) as u8);
                if r.is_multiple_of(3) {
                    a.side = Some(Side::Left);
                    a.character = Some(Character::Pulsating);
                    a.nausea = Some(Nausea::Slight);
                }
                d.attacks.push(a);
                let class = match rng.below(if heavy { 4 } else { 10 }) {
                    0 | 1 => Some(MedClass::Triptan),
                    2 => Some(MedClass::Nsaid),
                    3 => Some(MedClass::SimpleAnalgesic),
                    4 => Some(MedClass::Gepant),
                    5 => Some(MedClass::Combination),
                    _ => None,
                };
                if let Some(class) = class {
                    d.intakes.push(dose(class, start + Duration::minutes(30)));
                }
            } else if r < 70 {
                let mut rec = day_record(day);
                rec.headache_free = Some(true);
                d.days.push(rec);
            } else if r < 73 {
                let mut rec = day_record(day);
                rec.questionnaire = Some(r#"{"headache":false,"completed":true}"#.into());
                d.days.push(rec);
            }
        }
        d
    }

    /// Months since year 0, to tell months apart.
    fn month_index(day: NaiveDate) -> i32 {
        day.year() * 12 + day.month0() as i32
    }

    /// One attack three days ago, rated 6, with a triptan.
    fn one_entry() -> Diary {
        let day = today() - Days::new(3);
        let mut a = Attack::new(1, at(day, 9, 0), berlin(), at(day, 9, 0));
        a.id = 1;
        a.ended_at = Some(at(day, 15, 0));
        a.intensity = Some(6);
        Diary {
            attacks: vec![a],
            days: vec![],
            intakes: vec![dose(MedClass::Triptan, at(day, 9, 30))],
        }
    }

    /// The last `days` days up to today.
    fn last(days: u32) -> Period {
        Period::new(today() - Days::new(u64::from(days) - 1), today())
    }

    /// What the pictures are drawn from: the period's figures and its months'.
    struct Input {
        name: &'static str,
        period: Period,
        whole: Figures,
        months: Vec<Figures>,
    }

    fn input(name: &'static str, diary: &Diary, period: Period) -> Input {
        let first = figures::first_record(diary);
        Input {
            name,
            period,
            whole: figures::figures(diary, first, period, today()),
            months: figures::months(diary, first, period, today()),
        }
    }

    fn inputs() -> Vec<Input> {
        vec![
            input("empty", &Diary::default(), last(30)),
            input("one", &one_entry(), last(30)),
            input("month", &diary(90, 5), Period::month(2026, 3).unwrap()),
            input("60days", &diary(60, 3), last(60)),
            input("90days", &diary(90, 7), last(90)),
            input("1year", &diary(365, 11), last(365)),
            input("2years", &diary(730, 13), last(730)),
            input("10years", &diary(3653, 17), last(3653)),
        ]
    }

    type Draw = fn(&Input, &I18n, Lang) -> Result<Picture, PictureError>;

    fn draw_calendar(i: &Input, i18n: &I18n, lang: Lang) -> Result<Picture, PictureError> {
        calendar(&i.whole.days, i.period, today(), i18n, lang)
    }

    fn draw_intensity(i: &Input, i18n: &I18n, lang: Lang) -> Result<Picture, PictureError> {
        intensity(&i.whole.days, i.period, today(), i18n, lang)
    }

    fn draw_medication(i: &Input, i18n: &I18n, lang: Lang) -> Result<Picture, PictureError> {
        medication(&i.months, i18n, lang)
    }

    const PICTURES: [(&str, Draw); 3] = [
        ("calendar", draw_calendar),
        ("intensity", draw_intensity),
        ("medication", draw_medication),
    ];

    /// The heights a picture may have for an input.
    fn heights(picture: &str, input: &str) -> RangeInclusive<u32> {
        match (picture, input) {
            ("calendar", "empty" | "one" | "month" | "60days") => 900..=1700,
            ("calendar", "90days") => 1000..=1800,
            ("calendar", _) => 1700..=2700,
            ("intensity", _) => 900..=1500,
            ("medication", _) => 900..=1900,
            _ => unreachable!(),
        }
    }

    fn check(picture: &Picture, what: &str, heights: RangeInclusive<u32>) {
        let pixmap = Pixmap::decode_png(&picture.png).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            (pixmap.width(), pixmap.height()),
            (picture.width, picture.height)
        );
        assert_eq!(picture.width, WIDTH, "{what}");
        assert!(
            heights.contains(&picture.height),
            "{what}: {} px high, not in {heights:?}",
            picture.height
        );
    }

    #[test]
    fn every_picture_is_a_png_of_the_width_and_a_sensible_height_in_both_languages() {
        let i18n = I18n::new().unwrap();
        for input in inputs() {
            for (name, draw) in PICTURES {
                for lang in Lang::ALL {
                    let what = format!("{name} {} {lang:?}", input.name);
                    let picture =
                        draw(&input, &i18n, lang).unwrap_or_else(|e| panic!("{what}: {e}"));
                    check(&picture, &what, heights(name, input.name));
                }
            }
        }
    }

    #[test]
    fn the_calendar_shows_at_most_twelve_months() {
        let i18n = I18n::new().unwrap();
        let ten = input("10years", &diary(3653, 17), last(3653));
        let year = input("1year", &diary(365, 17), last(365));
        let a = draw_calendar(&ten, &i18n, Lang::En).unwrap();
        let b = draw_calendar(&year, &i18n, Lang::En).unwrap();
        // 3653 days up to 20 March touch 121 months; 365 days touch 13: both show 12.
        assert_eq!(ten.period.months().len(), 121);
        assert_eq!(a.height, b.height);
    }

    #[test]
    fn an_empty_period_still_draws() {
        let i18n = I18n::new().unwrap();
        let period = Period::new(today(), today() - Days::new(1));
        let f = figures::figures(&Diary::default(), None, period, today());
        for lang in Lang::ALL {
            let c = calendar(&f.days, period, today(), &i18n, lang).unwrap();
            check(&c, "calendar", 300..=1200);
            let i = intensity(&f.days, period, today(), &i18n, lang).unwrap();
            check(&i, "intensity", 300..=1500);
            let m = medication(&[], &i18n, lang).unwrap();
            check(&m, "medication", 300..=1500);
        }
    }

    #[test]
    fn a_label_with_markup_characters_does_not_break_the_picture() {
        let mut svg = svg::Svg::new(WIDTH);
        let nasty = r#"<b>&amp; "quoted" 'single'</b> </svg><svg>"#.to_owned();
        let y = legend::heading(&mut svg, &nasty, std::slice::from_ref(&nasty));
        let y = legend::legend(&mut svg, y, &[(legend::Key::Dot, nasty.clone())]);
        let picture = svg.render(y.ceil() as u32 + 10).unwrap();
        check(&picture, "markup", 100..=400);
    }

    /// How long each picture of ten years takes, the best and the median of seven:
    /// `cargo test --release --lib pictures::tests::render_times -- --ignored --nocapture`.
    #[test]
    #[ignore = "a timing, for release builds"]
    fn render_times() {
        let i18n = I18n::new().unwrap();
        let ten = input("10years", &diary(3653, 17), last(3653));
        let _ = draw_calendar(&ten, &i18n, Lang::Ru);
        for (name, draw) in PICTURES {
            for lang in Lang::ALL {
                let mut took: Vec<f64> = (0..7)
                    .map(|_| {
                        let started = std::time::Instant::now();
                        draw(&ten, &i18n, lang).unwrap();
                        started.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect();
                took.sort_by(f64::total_cmp);
                println!(
                    "{name:>10} 10 years {lang:?}: best {:.1} ms, median {:.1} ms",
                    took[0], took[3]
                );
            }
        }
    }

    /// Writes every picture to /tmp/pictures to look at, with render times:
    /// `cargo test --lib pictures::tests::write_pictures -- --ignored --nocapture`.
    #[test]
    #[ignore = "writes files to look at"]
    fn write_pictures() {
        let i18n = I18n::new().unwrap();
        let dir = std::path::Path::new("/tmp/pictures");
        std::fs::create_dir_all(dir).unwrap();
        // The fonts and their measurements load once, outside the timings.
        let _ = draw_calendar(&inputs().remove(0), &i18n, Lang::En);
        for input in inputs() {
            for (name, draw) in PICTURES {
                for lang in Lang::ALL {
                    let started = std::time::Instant::now();
                    let picture = draw(&input, &i18n, lang).unwrap();
                    let took = started.elapsed();
                    let file = dir.join(format!("{name}-{}-{}.png", input.name, lang.code()));
                    std::fs::write(&file, &picture.png).unwrap();
                    println!(
                        "{:>40} {}×{} {:>7.1} ms",
                        file.display(),
                        picture.width,
                        picture.height,
                        took.as_secs_f64() * 1000.0
                    );
                }
            }
        }
    }
}
