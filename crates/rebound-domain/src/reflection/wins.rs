//! Wins logged while showing up again, and the self-care reset plan.

use super::{MAX_SELF_CARE_ITEM, MAX_SELF_CARE_ITEMS, MAX_WIN, ReflectionError, text};
use crate::id::{MistakeId, UserId, WinId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A visible piece of good work after a mistake: keep showing up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Win {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: WinId,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    pub text: String,
    pub at: Timestamp,
}

impl Win {
    pub fn new(
        id: WinId,
        owner: Option<UserId>,
        mistake: Option<MistakeId>,
        input: &str,
        now: Timestamp,
    ) -> Result<Win, ReflectionError> {
        Ok(Win {
            id,
            owner,
            mistake,
            text: text(input, "the win", MAX_WIN)?,
            at: now,
        })
    }
}

/// Ideas offered for the self-care plan; people add their own.
pub const SELF_CARE_IDEAS: [&str; 6] = [
    "A walk outside",
    "Exercise",
    "An evening off the phone",
    "A full night's sleep",
    "Time with people outside work",
    "Something you enjoy that has nothing to do with work",
];

/// A deliberate reset: recovery is part of performance, not a reward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelfCarePlan {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub owner: Option<UserId>,
    /// The mistake it follows, if any.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    pub items: Vec<String>,
    pub updated_at: Timestamp,
}

impl SelfCarePlan {
    /// Blank items are dropped, duplicates kept once, in the given order.
    pub fn new(
        owner: Option<UserId>,
        mistake: Option<MistakeId>,
        items: &[String],
        now: Timestamp,
    ) -> Result<SelfCarePlan, ReflectionError> {
        let mut kept: Vec<String> = Vec::new();
        for item in items.iter().filter(|i| !i.trim().is_empty()) {
            let t = text(item, "a self-care item", MAX_SELF_CARE_ITEM)?;
            if !kept.iter().any(|k| k.eq_ignore_ascii_case(&t)) {
                kept.push(t);
            }
        }
        if kept.len() > MAX_SELF_CARE_ITEMS {
            return Err(ReflectionError::TooManyItems {
                max: MAX_SELF_CARE_ITEMS,
            });
        }
        Ok(SelfCarePlan {
            owner,
            mistake,
            items: kept,
            updated_at: now,
        })
    }
}
