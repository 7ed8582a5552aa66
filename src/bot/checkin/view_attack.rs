//! How the headache's questions read (start to cause), the recorded answers ticked.

use super::screen::Screen;
use crate::domain::attack::{Location, Nausea, Trigger};
use crate::domain::localtime;
use crate::service::checkin::{Step, quick_times};

/// A multi-select button: pressing a ticked one takes it off (`-key`), others add (`+key`).
fn choice(
    s: &Screen<'_, '_>,
    prefix: &str,
    key: &str,
    on: bool,
) -> teloxide_core::types::InlineKeyboardButton {
    let value = format!("{}{key}", if on { '-' } else { '+' });
    s.key(&format!("{prefix}{key}"), &value, on)
}

/// The question's key; buttons and notes go into `s`.
pub(super) fn render(s: &mut Screen<'_, '_>) -> &'static str {
    let ctx = s.ctx;
    let (day, zone) = (s.day, ctx.zone());
    let a = s.attack.clone();
    let a = a.as_ref();
    match s.st.step {
        Step::Started => {
            if let Some(a) = a {
                s.current(ctx.when(a.started_at, a.zone));
            }
            let end = a.and_then(|a| a.ended_at);
            let times = quick_times(day, ctx.now, zone, None)
                .into_iter()
                .filter(|t| end.is_none_or(|end| localtime::at(day, *t, zone) <= end))
                .collect();
            s.times(times);
            s.skip();
            "checkin-q-started"
        }
        Step::Ended => {
            if let Some(a) = a {
                s.current(match a.ended_at {
                    Some(end) => ctx.when(end, a.zone),
                    None if a.end_unknown => ctx.t("checkin-end-unknown"),
                    None => ctx.t("checkin-still-going"),
                });
            }
            s.times(quick_times(day, ctx.now, zone, a.map(|a| a.started_at)));
            let row = vec![
                s.key(
                    "btn-checkin-still-going",
                    "g",
                    a.is_some_and(|a| a.is_open()),
                ),
                s.key("btn-checkin-skip", "s", false),
            ];
            s.row(row);
            "checkin-q-ended"
        }
        Step::Aura => {
            s.yes_no(s.st.answers.aura_visual);
            "checkin-q-aura"
        }
        Step::Location => {
            let chosen = a.map(|a| a.locations.clone()).unwrap_or_default();
            let buttons = Location::ALL
                .iter()
                .map(|l| choice(s, "btn-checkin-loc-", l.key(), chosen.contains(l)))
                .collect();
            s.grid(buttons, 2);
            let next = s.key("btn-checkin-next", "x", false);
            s.row(vec![next]);
            "checkin-q-location"
        }
        Step::Character => {
            let c = a.and_then(|a| a.character).map(|c| c.key());
            let row = vec![
                s.key("btn-checkin-pulsating", "p", c == Some("pulsating")),
                s.key("btn-checkin-pressing", "q", c == Some("pressing")),
                s.key("btn-checkin-skip", "s", false),
            ];
            s.row(row);
            "checkin-q-character"
        }
        Step::Activity => {
            s.yes_no(a.and_then(|a| a.worse_with_activity));
            "checkin-q-activity"
        }
        Step::Intensity => {
            let current = a.and_then(|a| a.intensity);
            let buttons = (1..=10u8)
                .map(|n| {
                    let label = super::screen::tick(n.to_string(), current == Some(n));
                    s.button(label, &n.to_string())
                })
                .collect();
            s.grid(buttons, 5);
            s.skip();
            "checkin-q-intensity"
        }
        Step::Nausea => {
            let current = a.and_then(|a| a.nausea);
            let row = [Nausea::Marked, Nausea::Slight, Nausea::No]
                .iter()
                .map(|n| {
                    let key = format!("btn-checkin-nausea-{}", n.key());
                    s.key(&key, n.key(), current == Some(*n))
                })
                .collect();
            s.row(row);
            s.skip();
            "checkin-q-nausea"
        }
        Step::Vomiting => {
            s.yes_no(a.and_then(|a| a.vomiting));
            "checkin-q-vomiting"
        }
        Step::Light => {
            s.yes_no(a.and_then(|a| a.light_sensitivity));
            "checkin-q-light"
        }
        Step::Sound => {
            s.yes_no(a.and_then(|a| a.sound_sensitivity));
            "checkin-q-sound"
        }
        _ => {
            if let Some(note) = a.and_then(|a| a.trigger_note.clone()) {
                let note = ctx.tr("checkin-cause-note", &[("text", note.into())]);
                s.notes.push(note);
            }
            let chosen = a.map(|a| a.triggers.clone()).unwrap_or_default();
            let buttons = Trigger::ALL
                .iter()
                .map(|t| choice(s, "btn-checkin-trigger-", t.key(), chosen.contains(t)))
                .collect();
            s.grid(buttons, 2);
            let next = s.key("btn-checkin-next", "x", false);
            s.row(vec![next]);
            "checkin-q-cause"
        }
    }
}
