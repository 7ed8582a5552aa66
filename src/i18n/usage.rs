//! Every translation key the code uses exists in every language.
//!
//! A missing key renders as the key itself, and tests that build their expectations through
//! the same lookup cannot see it; so this test reads the sources under `src/` (test code left
//! out) and checks every key they use against every locale:
//!
//! - a string literal that looks like a key (`"btn-history"`: lowercase ASCII words joined
//!   by hyphens) is a key, wherever it stands, unless [`NOT_KEYS`] says why not;
//! - a one-word literal passed straight to `t(` or `tr(` (`ctx.t("help")`) is a key;
//! - a key prefix, that is a literal ending in `-` (`"loc-"`) or the start of a format
//!   string (`format!("medclass-{}", …)`), must be one of the [`families`], each listing its
//!   keys from the domain types (so a new family fails here until it is listed), or be in
//!   [`NOT_PREFIXES`];
//! - a format string made of placeholders only (`format!("{prefix}{}", …)`) may compose a
//!   key from parts no rule sees, so it is allowed only where [`COMPOSERS`] says.

use super::{I18n, SOURCES};
use crate::bot::ui::callback::details::Field;
use crate::domain::attack::{Aura, Character, Disability, Location, Nausea, Side, Trigger};
use crate::domain::medication::{Effect, MedClass};
use crate::domain::questionnaires::{Hit6Band, MidasGrade};
use crate::domain::report::Span;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod lex;
use lex::{Tok, Token, lex, without_tests};

/// Literals that look like keys but are not, and why.
const NOT_KEYS: [(&str, &str); 12] = [
    ("headlog-archive", "the archive's format name"),
    (
        "aura-min",
        "a details field's name, the suffix of `details-field-aura-min` and kin",
    ),
    ("trigger-note", "a details field's name, like `aura-min`"),
    (
        "x-telegram-bot-api-secret-token",
        "the HTTP header Telegram sends the webhook's secret in",
    ),
    ("x-robots-tag", "an HTTP header of the doctor link's page"),
    ("no-store", "an HTTP header value of the doctor link's page"),
    (
        "no-referrer",
        "an HTTP header value of the doctor link's page",
    ),
    ("idempotency-key", "an HTTP header of the API"),
    ("date-time", "an OpenAPI string format"),
    (
        "sec-fetch-site",
        "an HTTP header the admin page checks on every POST",
    ),
    ("same-origin", "a value of the Sec-Fetch-Site header"),
    (
        "x-admin-error",
        "an HTTP header carrying an admin page refusal's key",
    ),
];

/// Format strings that start like keys but are not, and why.
const NOT_PREFIXES: [(&str, &str); 4] = [
    ("headlog-", "the export's file name"),
    ("headlog-archive-", "the archive's file name"),
    ("headlog-fhir-", "the FHIR bundle's file name"),
    ("headlog-report-", "the doctor report's file name"),
];

/// Where a format string of placeholders only is allowed: file, format string, why.
const COMPOSERS: [(&str, &str, &str); 6] = [
    (
        "src/doctor/content.rs",
        "{prefix}{}",
        "labels(): callers pass literal prefixes",
    ),
    (
        "src/bot/ui/record.rs",
        "{prefix}{}",
        "labels(): callers pass literal prefixes",
    ),
    (
        "src/bot/attack/details/screen.rs",
        "{prefix}{}",
        "pick(): callers pass literal prefixes",
    ),
    (
        "src/bot/checkin/view_attack.rs",
        "{prefix}{key}",
        "choice(): callers pass literal prefixes",
    ),
    (
        "src/bot/checkin/view_attack.rs",
        "{}{key}",
        "a callback value, not a key",
    ),
    (
        "src/bot/api.rs",
        "{}{method}",
        "a Bot API address, not a key",
    ),
];

/// Every dynamic key family: its prefix and the suffixes the code can append.
fn families() -> Vec<(&'static str, Vec<String>)> {
    fn of<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|v| key(*v).to_owned()).collect()
    }
    let fields: Vec<String> = Field::all().map(|f| f.name().to_owned()).collect();
    let numbers = |n: u32| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
    let commands = crate::startup::COMMANDS.map(str::to_owned).to_vec();
    vec![
        ("loc-", of(Location::ALL, Location::key)),
        ("btn-checkin-loc-", of(Location::ALL, Location::key)),
        ("side-", of(Side::ALL, Side::key)),
        ("char-", of(Character::ALL, Character::key)),
        ("nausea-", of(Nausea::ALL, Nausea::key)),
        ("btn-checkin-nausea-", of(Nausea::ALL, Nausea::key)),
        ("aura-", of(Aura::ALL, Aura::key)),
        ("trigger-", of(Trigger::ALL, Trigger::key)),
        ("btn-checkin-trigger-", of(Trigger::ALL, Trigger::key)),
        ("disability-", of(Disability::ALL, Disability::key)),
        ("medclass-", of(MedClass::ALL, MedClass::key)),
        ("record-effect-", of(Effect::ALL, Effect::key)),
        ("took-btn-effect-", of(&Effect::ANSWERS, Effect::key)),
        ("took-effect-saved-", of(&Effect::ANSWERS, Effect::key)),
        ("details-field-", fields.clone()),
        ("details-ask-", fields.clone()),
        ("btn-details-", fields),
        ("month-", numbers(12)),
        ("weekday-", numbers(7)),
        ("pictures-month-", numbers(12)),
        ("pictures-mon-", numbers(12)),
        ("pictures-weekday-", numbers(7)),
        ("cmd-", commands),
        ("btn-report-", of(Span::ALL, Span::key)),
        (
            "report-picture-",
            crate::bot::report::PICTURES.map(str::to_owned).to_vec(),
        ),
        (
            "doctor-picture-",
            crate::bot::report::PICTURES.map(str::to_owned).to_vec(),
        ),
        ("doctor-midas-grade-", of(MidasGrade::ALL, MidasGrade::key)),
        ("doctor-hit6-band-", of(Hit6Band::ALL, Hit6Band::key)),
    ]
}

fn is_word(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `btn-history`, `month-12`: lowercase words and numbers joined by single hyphens.
fn is_key(s: &str) -> bool {
    let mut parts = s.split('-');
    parts.next().is_some_and(is_word)
        && s.contains('-')
        && parts.all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `loc-`, `btn-checkin-loc-`: a key's start.
fn is_prefix(s: &str) -> bool {
    s.strip_suffix('-').is_some_and(|p| is_word(p) || is_key(p))
}

/// `{prefix}{}`, `{}-{}`: two or more placeholders and nothing else but hyphens.
fn is_composer(s: &str) -> bool {
    let (mut rest, mut count) = (s, 0);
    while let Some(after) = rest.strip_prefix('{') {
        let Some((_, tail)) = after.split_once('}') else {
            return false;
        };
        rest = tail.strip_prefix('-').unwrap_or(tail);
        count += 1;
    }
    rest.is_empty() && count >= 2
}

/// How the code uses a literal.
#[derive(Debug, PartialEq)]
enum Use {
    Key(String),
    Prefix(String),
    Composer(String),
}

/// The uses of keys in one file's non-test code, with their lines.
fn uses(src: &str) -> Vec<(usize, Use)> {
    let toks = without_tests(lex(src));
    let tok = |i: Option<usize>| i.and_then(|i| toks.get(i)).map(|t| &t.0);
    let ident = |i: Option<usize>, names: &[&str]| matches!(tok(i), Some(Tok::Ident(n)) if names.contains(&n.as_str()));
    let punct = |i: Option<usize>, p: char| tok(i) == Some(&Tok::Punct(p));
    let mut out = Vec::new();
    for (k, Token(t, line)) in toks.iter().enumerate() {
        let Tok::Str(s) = t else { continue };
        let back = |n: usize| k.checked_sub(n);
        let formats = ident(back(3), &["format"]) && punct(back(2), '!') && punct(back(1), '(');
        let found = if formats {
            let head = s.split('{').next().unwrap_or_default();
            if s.contains('{') && is_prefix(head) {
                Some(Use::Prefix(head.to_owned()))
            } else if is_composer(s) {
                Some(Use::Composer(s.clone()))
            } else {
                None
            }
        } else if is_key(s) {
            Some(Use::Key(s.clone()))
        } else if is_prefix(s) {
            Some(Use::Prefix(s.clone()))
        } else {
            // `t("help")`, `tr("done", …)`, `i18n.t(lang, "help")`.
            let first = punct(back(1), '(') && ident(back(2), &["t", "tr"]);
            let second = punct(back(1), ',')
                && matches!(tok(back(2)), Some(Tok::Ident(_)))
                && punct(back(3), '(')
                && ident(back(4), &["t", "tr"]);
            (is_word(s) && (first || second)).then(|| Use::Key(s.clone()))
        };
        out.extend(found.map(|u| (*line, u)));
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_the_code_uses_is_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let locales: Vec<_> = SOURCES
        .iter()
        .map(|(l, s)| (l.code(), I18n::keys(s)))
        .collect();
    let missing_in = |key: &str| -> Vec<&str> {
        let gone = locales.iter().filter(|(_, keys)| !keys.contains(key));
        gone.map(|(code, _)| *code).collect()
    };
    let families = families();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let (mut problems, mut seen, mut keys) = (Vec::new(), BTreeSet::new(), 0);
    for path in &files {
        let name = path.strip_prefix(root).unwrap().display().to_string();
        if name.starts_with("src/i18n/") {
            continue; // this test and its lexer: its lists would count as uses
        }
        let src = std::fs::read_to_string(path).unwrap();
        for (line, found) in uses(&src) {
            let at = format!("{name}:{line}");
            match found {
                Use::Key(key) if NOT_KEYS.iter().any(|(k, _)| *k == key) => {
                    seen.insert(key);
                }
                Use::Key(key) => {
                    keys += 1;
                    let gone = missing_in(&key);
                    if !gone.is_empty() {
                        problems.push(format!("{at}: key {key:?} is missing in {gone:?}"));
                    }
                }
                Use::Prefix(p) if NOT_PREFIXES.iter().any(|(k, _)| *k == p) => {
                    seen.insert(p);
                }
                Use::Prefix(p) if families.iter().any(|(f, _)| *f == p) => {
                    seen.insert(p);
                }
                Use::Prefix(p) => problems.push(format!(
                    "{at}: keys are built from the prefix {p:?}: list its family in families() \
                     in src/i18n/usage.rs, or the reason it is no key in NOT_PREFIXES"
                )),
                Use::Composer(f) if COMPOSERS.iter().any(|(n, c, _)| *n == name && *c == f) => {
                    seen.insert(format!("{name} {f}"));
                }
                Use::Composer(f) => problems.push(format!(
                    "{at}: format!({f:?}) may compose a key from parts no check sees: pass the \
                     prefix as a literal ending in '-', and list the site in COMPOSERS"
                )),
            }
        }
    }
    for (prefix, suffixes) in &families {
        for key in suffixes.iter().map(|s| format!("{prefix}{s}")) {
            let gone = missing_in(&key);
            if !gone.is_empty() {
                problems.push(format!(
                    "family {prefix:?}: key {key:?} is missing in {gone:?}"
                ));
            }
        }
    }
    let listed = families.iter().map(|(p, _)| p.to_string());
    let listed = listed.chain(
        NOT_KEYS
            .iter()
            .chain(&NOT_PREFIXES)
            .map(|(k, _)| k.to_string()),
    );
    let listed = listed.chain(COMPOSERS.iter().map(|(n, f, _)| format!("{n} {f}")));
    for entry in listed.filter(|e| !seen.contains(e)) {
        problems.push(format!(
            "{entry:?} is listed in src/i18n/usage.rs but no code uses it"
        ));
    }
    eprintln!("{keys} keys checked in {} files", files.len());
    assert!(keys > 300, "suspiciously few keys found: {keys}");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_scan_sees_keys_in_code_and_skips_tests_comments_and_chars() {
    let src = r##"
        // ctx.t("in-a-comment")
        /* "in-a-block" /* nested */ "still-in" */
        fn f<'a>(x: &'a str) -> char {
            ctx.t("btn-one"); i18n.tr(lang, "done", &[]); ctx.t("plain");
            let q = '"'; let k = format!("medclass-{}", c.key());
            let _ = r#"raw-key"#; let _ = format!("{prefix}{}", x); let _ = "loc-";
            '\''
        }
        #[cfg(test)]
        mod tests { fn g() { ctx.t("test-only-key"); } }
        const LAST: &str = "after-tests";
    "##;
    let found: Vec<_> = uses(src).into_iter().map(|(_, u)| u).collect();
    let key = |k: &str| Use::Key(k.into());
    assert_eq!(
        found,
        [
            key("btn-one"),
            key("done"),
            key("plain"),
            Use::Prefix("medclass-".into()),
            key("raw-key"),
            Use::Composer("{prefix}{}".into()),
            Use::Prefix("loc-".into()),
            key("after-tests"),
        ]
    );
    assert_eq!(uses("\n\n  \"on-three\"")[0].0, 3);
}
