//! The editor's button payloads (after `D:`), ASCII and at most 48 bytes:
//! `a:<attack>` add details, `o:<attack>:<origin>` overview, `f:…:<field>` a field's screen,
//! `s:…:<field>:<value>` set a value, `x:…:<field>:±<index>` choose or unchoose a choice,
//! `k:…:<field>` skip in the guided walk, `d:<attack>:<origin>` done.
//! Parsing only checks the shape; values and ownership are checked by the handler.

/// Where the editor was opened, so where "Done" returns, and whether it walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// From the attack's one-tap message; the overview.
    Tap,
    /// From the one-tap message, guided: the next field after each answer.
    Walk,
    /// From history's record view (the page to go back to).
    History(i64),
}

impl Origin {
    /// As carried in a payload.
    pub fn code(self) -> String {
        match self {
            Origin::Tap => "t".to_owned(),
            Origin::Walk => "g".to_owned(),
            Origin::History(page) => format!("h{page}"),
        }
    }

    /// Reads [`Origin::code`].
    pub fn parse(s: &str) -> Option<Origin> {
        match s {
            "t" => Some(Origin::Tap),
            "g" => Some(Origin::Walk),
            _ => number(s.strip_prefix('h')?).map(Origin::History),
        }
    }

    /// The same place without the guided walk.
    pub fn settled(self) -> Origin {
        match self {
            Origin::Walk => Origin::Tap,
            other => other,
        }
    }
}

/// A field (or group) of the editor, each with its own screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Start,
    End,
    Intensity,
    Location,
    Side,
    Character,
    Activity,
    Nausea,
    Vomiting,
    Light,
    Sound,
    Aura,
    AuraMin,
    Triggers,
    TriggerNote,
    Disability,
    Comment,
}

/// Every field: payload code, name in translation keys.
const FIELDS: [(Field, &str, &str); 17] = [
    (Field::Start, "st", "start"),
    (Field::End, "en", "end"),
    (Field::Intensity, "i", "intensity"),
    (Field::Location, "l", "location"),
    (Field::Side, "sd", "side"),
    (Field::Character, "c", "character"),
    (Field::Activity, "w", "activity"),
    (Field::Nausea, "n", "nausea"),
    (Field::Vomiting, "v", "vomiting"),
    (Field::Light, "li", "light"),
    (Field::Sound, "so", "sound"),
    (Field::Aura, "a", "aura"),
    (Field::AuraMin, "am", "aura-min"),
    (Field::Triggers, "t", "triggers"),
    (Field::TriggerNote, "tn", "trigger-note"),
    (Field::Disability, "d", "disability"),
    (Field::Comment, "cm", "comment"),
];

/// The guided walk, in order (typed times and sub-fields are reached from the overview).
pub const WALK: [Field; 13] = [
    Field::Intensity,
    Field::Location,
    Field::Side,
    Field::Character,
    Field::Activity,
    Field::Nausea,
    Field::Vomiting,
    Field::Light,
    Field::Sound,
    Field::Aura,
    Field::Triggers,
    Field::Disability,
    Field::Comment,
];

impl Field {
    fn row(self) -> &'static (Field, &'static str, &'static str) {
        FIELDS
            .iter()
            .find(|(f, _, _)| *f == self)
            .unwrap_or(&FIELDS[0])
    }

    /// As carried in a payload.
    pub fn code(self) -> &'static str {
        self.row().1
    }

    /// Its name in translation keys (`details-field-<name>`, `btn-details-<name>`, …).
    pub fn name(self) -> &'static str {
        self.row().2
    }

    /// Every field.
    pub fn all() -> impl Iterator<Item = Field> {
        FIELDS.iter().map(|(f, _, _)| *f)
    }

    /// Reads [`Field::code`].
    pub fn parse(s: &str) -> Option<Field> {
        FIELDS.iter().find(|(_, c, _)| *c == s).map(|(f, _, _)| *f)
    }

    /// Whether it is typed (the editor waits for a message).
    pub fn is_typed(self) -> bool {
        matches!(
            self,
            Field::Start
                | Field::End
                | Field::Intensity
                | Field::AuraMin
                | Field::TriggerNote
                | Field::Comment
        )
    }

    /// The screen a sub-field belongs to.
    pub fn parent(self) -> Option<Field> {
        match self {
            Field::AuraMin => Some(Field::Aura),
            Field::TriggerNote => Some(Field::Triggers),
            _ => None,
        }
    }

    /// Its place in the guided walk (from 0).
    pub fn step(self) -> Option<usize> {
        WALK.iter().position(|f| *f == self)
    }

    /// The field after it in the guided walk.
    pub fn next(self) -> Option<Field> {
        WALK.get(self.step()? + 1).copied()
    }
}

/// What a button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// "Add details" on the one-tap message: the walk from the first unknown field.
    Add(i64),
    /// The overview.
    Overview(i64, Origin),
    /// A field's screen.
    Open(i64, Origin, Field),
    /// Set a field to a value (`x` = unknown), checked by the handler.
    Set(i64, Origin, Field, String),
    /// Choose (`true`) or unchoose the choice at an index of a multi-select field: the
    /// button carries the state it sets, so a replay or a double tap changes nothing.
    Toggle(i64, Origin, Field, usize, bool),
    /// Skip to the next field of the walk.
    Skip(i64, Origin, Field),
    /// Leave the editor.
    Done(i64, Origin),
}

/// A non-negative decimal number as written by `encode` (no sign, no spaces).
fn number(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 19 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Action {
    /// The payload to put after `D:`.
    pub fn encode(&self) -> String {
        match self {
            Action::Add(id) => format!("a:{id}"),
            Action::Overview(id, o) => format!("o:{id}:{}", o.code()),
            Action::Open(id, o, f) => format!("f:{id}:{}:{}", o.code(), f.code()),
            Action::Set(id, o, f, v) => format!("s:{id}:{}:{}:{v}", o.code(), f.code()),
            Action::Toggle(id, o, f, i, on) => {
                let sign = if *on { '+' } else { '-' };
                format!("x:{id}:{}:{}:{sign}{i}", o.code(), f.code())
            }
            Action::Skip(id, o, f) => format!("k:{id}:{}:{}", o.code(), f.code()),
            Action::Done(id, o) => format!("d:{id}:{}", o.code()),
        }
    }

    /// Reads a payload; anything malformed is `None`.
    pub fn parse(payload: &str) -> Option<Action> {
        if payload.len() > 60 || !payload.is_ascii() {
            return None;
        }
        let parts: Vec<&str> = payload.split(':').collect();
        let id = number(parts.get(1)?)?;
        let origin = || Origin::parse(parts.get(2)?);
        let field = || Field::parse(parts.get(3)?);
        let value = parts.get(4).copied();
        Some(match (parts[0], parts.len()) {
            ("a", 2) => Action::Add(id),
            ("o", 3) => Action::Overview(id, origin()?),
            ("d", 3) => Action::Done(id, origin()?),
            ("f", 4) => Action::Open(id, origin()?, field()?),
            ("k", 4) => Action::Skip(id, origin()?, field()?),
            ("s", 5) => {
                let v = value.filter(|v| !v.is_empty() && v.len() <= 4)?;
                Action::Set(id, origin()?, field()?, v.to_owned())
            }
            ("x", 5) => {
                let (on, index) = match value?.split_at_checked(1)? {
                    ("+", i) => (true, i),
                    ("-", i) => (false, i),
                    _ => return None,
                };
                let i = number(index).and_then(|i| usize::try_from(i).ok())?;
                Action::Toggle(id, origin()?, field()?, i, on)
            }
            _ => return None,
        })
    }
}

/// The payload of "Add details" (for `Callback::Details`).
pub fn add_payload(attack: i64) -> String {
    Action::Add(attack).encode()
}

/// The payload of "Edit" in history's record view (back to `page` when done).
pub fn edit_payload(attack: i64, page: i64) -> String {
    Action::Overview(attack, Origin::History(page)).encode()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_sixty_bytes() {
        let max = i64::MAX;
        let all = [
            Action::Add(max),
            Action::Overview(max, Origin::History(max)),
            Action::Open(1, Origin::Walk, Field::TriggerNote),
            Action::Set(max, Origin::History(max), Field::TriggerNote, "10".into()),
            Action::Toggle(max, Origin::History(max), Field::Triggers, 10, true),
            Action::Toggle(max, Origin::History(max), Field::Triggers, 10, false),
            Action::Skip(3, Origin::Walk, Field::Comment),
            Action::Done(4, Origin::Tap),
        ];
        for a in all {
            let p = a.encode();
            assert!(p.len() <= 60, "{p}");
            assert_eq!(Action::parse(&p), Some(a));
        }
        for (f, _, _) in FIELDS {
            assert_eq!(Field::parse(f.code()), Some(f));
        }
    }

    #[test]
    fn malformed_payloads_are_refused() {
        for p in [
            "",
            "a",
            "a:",
            "a:-1",
            "a:1:2",
            "o:1",
            "o:1:q",
            "o:1:h",
            "o:1:h-2",
            "f:1:t:zz",
            "s:1:t:i",
            "s:1:t:i:",
            "s:1:t:i:12345",
            "x:1:t:l:1",
            "x:1:t:l:+-1",
            "x:1:t:l:a",
            "x:1:t:l:+a",
            "z:1:t",
            "a:99999999999999999999",
            "a: 1",
            "a:1'; drop table attack",
        ] {
            assert_eq!(Action::parse(p), None, "{p:?}");
        }
    }

    #[test]
    fn the_walk_goes_through_every_button_field_and_ends_with_the_comment() {
        assert_eq!(Field::Intensity.next(), Some(Field::Location));
        assert_eq!(Field::Disability.next(), Some(Field::Comment));
        assert_eq!(Field::Comment.next(), None);
        assert_eq!(Field::Start.next(), None);
    }
}
