//! An attack: the one-tap card (start, end, undo) and its details editor.

mod card;
pub mod details;

pub use card::*;
