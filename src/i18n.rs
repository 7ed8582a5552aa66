//! Translations from the locale files in `locales/` (Fluent, which handles Russian plural
//! forms), embedded in the binary. Every user-facing text goes through here by key.

use crate::domain::lang::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::BTreeSet;

/// Embeds one language's locale files, one per feature.
macro_rules! locale {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../locales/", $lang, "/headlog.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/details.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/meds.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/checkin.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/trash.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/reminders.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/figures.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/pictures.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/report.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/doctor.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/questionnaires.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/habits.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/admin.ftl")),
            "\n",
            include_str!(concat!("../locales/", $lang, "/import.ftl")),
        )
    };
}

/// The locale sources, by language (each the feature files joined).
pub const SOURCES: [(Lang, &str); 2] = [(Lang::En, locale!("en")), (Lang::Ru, locale!("ru"))];

/// All bundles, ready to format.
pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

/// A value to put into a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, inserted as is.
    Str(String),
    /// A number (selects plural forms).
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl I18n {
    /// Parses the embedded locale files; an error names the file and the problem.
    pub fn new() -> anyhow::Result<Self> {
        let mut bundles = Vec::new();
        for (lang, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
                anyhow::anyhow!("locale {} does not parse: {errors:?}", lang.code())
            })?;
            let id = lang
                .code()
                .parse()
                .map_err(|_| anyhow::anyhow!("bad language id"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Telegram shows text as is: no Unicode isolation marks around arguments.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|e| anyhow::anyhow!("locale {} has duplicate keys: {e:?}", lang.code()))?;
            bundles.push((lang, bundle));
        }
        Ok(I18n { bundles })
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
            .unwrap_or(&self.bundles[0].1)
    }

    /// The message `key` without arguments.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.tr(lang, key, &[])
    }

    /// The message `key` with arguments. A missing key (which the usage test in
    /// `i18n/usage.rs` rules out) is logged by name and shown as the key itself; in debug
    /// builds, tests included, it panics, so a test that meets one fails.
    pub fn tr(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            if cfg!(debug_assertions) {
                panic!("missing translation {key:?} in {}", lang.code());
            }
            return key.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => fargs.set(*name, FluentValue::from(s.as_str())),
                Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), "translation arguments missing");
        }
        text.into_owned()
    }

    /// Every message key of a language.
    pub fn keys(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    /// The text of `key` in every language (to recognise a reply-keyboard button).
    pub fn all_langs<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (Lang, String)> + 'a {
        Lang::ALL.into_iter().map(move |l| (l, self.t(l, key)))
    }
}

#[cfg(test)]
mod usage;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_answer_has_one_label_in_the_check_in_and_the_details_editor() {
        use crate::domain::attack::{Character, Location, Nausea, Trigger};
        let i18n = I18n::new().unwrap();
        // The check-in's button may carry an emoji before the same words.
        let words = |text: String| -> String {
            match text.split_once(' ') {
                Some((first, rest)) if !first.chars().any(char::is_alphanumeric) => rest.to_owned(),
                _ => text,
            }
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        for t in Trigger::ALL {
            pairs.push((
                format!("btn-checkin-trigger-{}", t.key()),
                format!("trigger-{}", t.key()),
            ));
        }
        for l in Location::ALL {
            pairs.push((
                format!("btn-checkin-loc-{}", l.key()),
                format!("loc-{}", l.key()),
            ));
        }
        for n in Nausea::ALL {
            pairs.push((
                format!("btn-checkin-nausea-{}", n.key()),
                format!("nausea-{}", n.key()),
            ));
        }
        for c in [Character::Pulsating, Character::Pressing] {
            pairs.push((
                format!("btn-checkin-{}", c.key()),
                format!("char-{}", c.key()),
            ));
        }
        for lang in Lang::ALL {
            for (checkin, details) in &pairs {
                assert_eq!(
                    words(i18n.t(lang, checkin)),
                    i18n.t(lang, details),
                    "{lang:?}: {checkin} vs {details}"
                );
            }
        }
    }

    /// The quoted pieces of `text` between `open` and `close`.
    fn quoted(text: &str, open: char, close: char) -> Vec<String> {
        text.split(open)
            .skip(1)
            .filter_map(|piece| piece.split_once(close).map(|(q, _)| q.to_owned()))
            .collect()
    }

    #[test]
    fn every_button_the_help_names_is_spelled_as_on_the_button() {
        let i18n = I18n::new().unwrap();
        for (lang, source) in SOURCES {
            // A button is named in quotes, emoji included: “…” in English, «…» in Russian.
            let (open, close) = match lang {
                Lang::En => ('“', '”'),
                Lang::Ru => ('«', '»'),
            };
            let buttons: BTreeSet<String> = I18n::keys(source)
                .into_iter()
                .filter(|key| key.split('-').any(|part| part == "btn"))
                .map(|key| i18n.t(lang, &key))
                .collect();
            let help = i18n.t(lang, "help");
            let named = quoted(&help, open, close);
            assert!(
                named.len() >= 8,
                "{lang:?}: too few buttons named: {named:?}"
            );
            for label in &named {
                assert!(
                    buttons.contains(label),
                    "{lang:?}: the help names {label:?}, which no button reads"
                );
            }
            for key in ["btn-headache-now", "btn-history", "btn-period"] {
                assert!(
                    named.contains(&i18n.t(lang, key)),
                    "{lang:?}: the help does not name {key}"
                );
            }
        }
    }

    #[test]
    fn every_language_has_exactly_the_same_keys() {
        let english = I18n::keys(SOURCES[0].1);
        assert!(
            english.len() > 50,
            "suspiciously few keys: {}",
            english.len()
        );
        for (lang, source) in &SOURCES[1..] {
            let keys = I18n::keys(source);
            let missing: Vec<_> = english.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang:?}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn every_key_has_a_value_in_every_language() {
        let i18n = I18n::new().unwrap();
        for (lang, source) in SOURCES {
            for key in I18n::keys(source) {
                let text = i18n.t(lang, &key);
                assert!(!text.is_empty() && text != key, "{lang:?} {key}");
            }
        }
    }

    #[test]
    #[cfg_attr(debug_assertions, should_panic(expected = "missing translation"))]
    fn a_missing_key_fails_in_debug_builds_and_shows_as_itself_otherwise() {
        let i18n = I18n::new().unwrap();
        assert_eq!(i18n.t(Lang::Ru, "no-such-key"), "no-such-key");
    }

    #[test]
    fn russian_plurals_pick_the_right_form() {
        let i18n = I18n::new().unwrap();
        let forms: Vec<String> = [1, 3, 5, 21]
            .into_iter()
            .map(|n| i18n.tr(Lang::Ru, "records-count", &[("count", Arg::Num(n))]))
            .collect();
        assert_eq!(forms, ["1 запись", "3 записи", "5 записей", "21 запись"]);
        assert_eq!(
            i18n.tr(Lang::En, "records-count", &[("count", Arg::Num(1))]),
            "1 record"
        );
    }
}
