//! The simulated users: the actions they take, what each remembers of its
//! chat (buttons it can press later), the mix of actions, and the set of
//! users with nothing in flight.

use fakebot::TgUser;

use crate::rng::XorShift;

/// The time zone every user picks during onboarding.
pub const ZONE_PRESS: &str = "z:Europe/Berlin";

/// One thing a user does, which ends when its replies arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `/start` (new user): greeting, zone question, location prompt.
    Start,
    /// The zone button on the question: edit plus menu.
    Zone,
    /// "🤕 Headache now".
    HeadacheNow,
    /// "✅ Ended now" on the remembered attack message.
    EndedNow,
    /// `/history`.
    History,
    /// A record's number button on the remembered history message.
    OpenRecord,
    /// `/help`.
    Help,
    /// `/export`: a CSV document.
    Export,
}

impl Action {
    /// How many chat-bound calls answer this action.
    pub fn expected_calls(self) -> u32 {
        match self {
            Action::Start => 3,
            Action::Zone => 2,
            _ => 1,
        }
    }

    /// The callback-data prefix of the button to remember from the replies.
    pub fn wanted_prefix(self) -> Option<&'static str> {
        match self {
            Action::Start => Some("z:"),
            Action::HeadacheNow => Some("e:"),
            Action::History => Some("o:"),
            _ => None,
        }
    }
}

/// The measured mix, in percent, before availability is taken into account.
const MIX: [(Action, u64); 6] = [
    (Action::HeadacheNow, 30),
    (Action::EndedNow, 25),
    (Action::History, 20),
    (Action::OpenRecord, 10),
    (Action::Help, 10),
    (Action::Export, 5),
];

/// A button the bot sent that a user may press later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    /// The message the button is under.
    pub message_id: i64,
    /// Its callback data.
    pub data: String,
}

/// What to push to the fake to perform an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A text message.
    Text(&'static str),
    /// A button press.
    Press(Button),
}

/// One simulated user and what it remembers.
#[derive(Clone, Debug)]
pub struct SimUser {
    /// The Telegram user (its id is also the chat id).
    pub tg: TgUser,
    /// The zone question's message, between `/start` and the zone press.
    pub zone_question: Option<i64>,
    /// Whether the zone press went through.
    pub onboarded: bool,
    /// The "Ended now" button of the user's open attack.
    pub open_attack: Option<Button>,
    /// The first record button of the user's last history message.
    pub record: Option<Button>,
}

impl SimUser {
    /// A fresh user with chat id `id`.
    pub fn new(id: i64) -> SimUser {
        SimUser {
            tg: TgUser::new(id, Some("en")),
            zone_question: None,
            onboarded: false,
            open_attack: None,
            record: None,
        }
    }

    /// Picks the next measured action: the mix, with actions needing a
    /// remembered button left out when there is none.
    pub fn choose(&self, rng: &mut XorShift) -> Action {
        let available = |action: Action| match action {
            Action::EndedNow => self.open_attack.is_some(),
            Action::OpenRecord => self.record.is_some(),
            _ => true,
        };
        let total: u64 = MIX
            .iter()
            .filter(|(action, _)| available(*action))
            .map(|(_, weight)| weight)
            .sum();
        let mut roll = rng.below(total);
        for (action, weight) in MIX {
            if !available(action) {
                continue;
            }
            if roll < weight {
                return action;
            }
            roll -= weight;
        }
        Action::Help
    }

    /// What to push for `action`, taking the button it presses (a pressed
    /// button is not pressed again). `None` if the button is not known.
    pub fn take_input(&mut self, action: Action) -> Option<Input> {
        Some(match action {
            Action::Start => Input::Text("/start"),
            Action::Zone => Input::Press(Button {
                message_id: self.zone_question.take()?,
                data: ZONE_PRESS.to_owned(),
            }),
            Action::HeadacheNow => Input::Text("🤕 Headache now"),
            Action::EndedNow => Input::Press(self.open_attack.take()?),
            Action::History => Input::Text("/history"),
            Action::OpenRecord => Input::Press(self.record.take()?),
            Action::Help => Input::Text("/help"),
            Action::Export => Input::Text("/export"),
        })
    }

    /// Remembers what the replies to `action` showed.
    pub fn remember(&mut self, action: Action, found: Option<Button>) {
        match action {
            Action::Start => self.zone_question = found.map(|button| button.message_id),
            Action::Zone => self.onboarded = true,
            Action::HeadacheNow => self.open_attack = found,
            Action::History => self.record = found,
            Action::EndedNow | Action::OpenRecord | Action::Help | Action::Export => {}
        }
    }
}

/// The users with no action in flight, with O(1) insert, remove and random
/// pick.
#[derive(Clone, Debug)]
pub struct IdleSet {
    list: Vec<usize>,
    slot: Vec<Option<usize>>,
}

impl IdleSet {
    /// All of `count` users idle.
    pub fn all(count: usize) -> IdleSet {
        IdleSet {
            list: (0..count).collect(),
            slot: (0..count).map(Some).collect(),
        }
    }

    /// Marks `user` busy.
    pub fn remove(&mut self, user: usize) {
        let Some(at) = self.slot.get_mut(user).and_then(Option::take) else {
            return;
        };
        self.list.swap_remove(at);
        if let Some(&moved) = self.list.get(at) {
            self.slot[moved] = Some(at);
        }
    }

    /// Marks `user` idle.
    pub fn insert(&mut self, user: usize) {
        if self.slot.get(user).is_some_and(Option::is_none) {
            self.slot[user] = Some(self.list.len());
            self.list.push(user);
        }
    }

    /// A random idle user, if any.
    pub fn pick(&self, rng: &mut XorShift) -> Option<usize> {
        if self.list.is_empty() {
            return None;
        }
        let at = rng.below(self.list.len() as u64) as usize;
        self.list.get(at).copied()
    }

    /// The idle users, in no particular order.
    pub fn users(&self) -> Vec<usize> {
        self.list.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_skips_actions_without_a_button() {
        let user = SimUser::new(1);
        let mut rng = XorShift::new(3);
        for _ in 0..1000 {
            let action = user.choose(&mut rng);
            assert!(action != Action::EndedNow && action != Action::OpenRecord);
        }
    }

    #[test]
    fn a_pressed_button_is_forgotten() {
        let mut user = SimUser::new(1);
        let button = Button {
            message_id: 5,
            data: "e:1".into(),
        };
        user.remember(Action::HeadacheNow, Some(button.clone()));
        assert_eq!(
            user.take_input(Action::EndedNow),
            Some(Input::Press(button))
        );
        assert_eq!(user.take_input(Action::EndedNow), None);
    }

    #[test]
    fn the_idle_set_tracks_membership() {
        let mut idle = IdleSet::all(3);
        idle.remove(0);
        idle.remove(0);
        assert_eq!(idle.users().len(), 2);
        idle.insert(0);
        idle.insert(0);
        let mut users = idle.users();
        users.sort_unstable();
        assert_eq!(users, vec![0, 1, 2]);
    }
}
