//! Drafting the two sentences. (Being written: see the drafting helper's task.)

use crate::mistake::Mistake;
use jiff::Zoned;

/// Something essential the draft could not say, and the flag that supplies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// What the person is doing about it.
    Doing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub missing: Vec<Missing>,
}

pub fn draft(m: &Mistake, _now: &Zoned) -> Draft {
    Draft { text: m.title.clone(), missing: vec![Missing::Doing] }
}
