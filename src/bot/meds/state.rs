//! What these screens wait for, kept in `Dialogue::Meds { data }` so a restart resumes it.

use crate::bot::ui::Ctx;
use crate::bot::ui::dialogue::{self, Dialogue};
use serde::{Deserialize, Serialize};

/// The dose being recorded: for an attack or on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Took {
    /// The attack it is for, if any.
    pub attack: Option<i64>,
}

/// The step a flow is at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// A new medication's name is typed.
    NewName {
        /// The list message "Add" was pressed on (shown again once the medication is in).
        #[serde(default)]
        list: Option<i64>,
    },
    /// A new medication's class is chosen; then a dose follows when `took` is set.
    NewClass {
        /// The name typed.
        name: String,
        /// The dose being recorded, when the medication is added on the way.
        took: Option<Took>,
        /// The list message to show again once it is added.
        #[serde(default)]
        list: Option<i64>,
    },
    /// The usual dose of a medication just added (or skip).
    NewDose {
        /// The medication.
        med: i64,
    },
    /// A new name for a medication.
    Rename {
        /// The medication.
        med: i64,
    },
    /// A new usual dose for a medication.
    EditDose {
        /// The medication.
        med: i64,
    },
    /// Which medication was taken (a button, or a typed name).
    TookMed {
        /// The dose being recorded.
        took: Took,
    },
    /// Which dose (a button, or typed).
    TookDose {
        /// The dose being recorded.
        took: Took,
        /// The medication.
        med: i64,
    },
    /// When it was taken ("now", or typed).
    TookTime {
        /// The dose being recorded.
        took: Took,
        /// The medication.
        med: i64,
        /// The dose, if given.
        dose: Option<String>,
    },
}

impl Step {
    /// Reads the state out of the dialogue's data; unreadable state counts as none.
    pub fn from_data(data: serde_json::Value) -> Option<Step> {
        serde_json::from_value(data).ok()
    }
}

/// The step these screens are at, if the user is in one of them.
pub async fn load(ctx: &Ctx<'_>) -> anyhow::Result<Option<Step>> {
    Ok(match dialogue::load(ctx.tx, ctx.user.id).await? {
        Some(Dialogue::Meds { data }) => Step::from_data(data),
        _ => None,
    })
}

/// Saves the step (or ends the flow with `None`).
pub async fn save(ctx: &Ctx<'_>, step: Option<&Step>) -> anyhow::Result<()> {
    let state = match step {
        Some(step) => Some(Dialogue::Meds {
            data: serde_json::to_value(step)?,
        }),
        None => None,
    };
    dialogue::save(ctx.tx, ctx.user.id, state.as_ref(), ctx.now.timestamp()).await?;
    Ok(())
}
