//! The follow-up note: what a manager and the people affected need to know.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Impact {
    /// Who was affected ("the finance leads", "EU customers").
    pub who: Option<String>,
    /// How many, in the person's own words ("about 40", "3 teams").
    pub how_many: Option<String>,
    /// Since when the wrong thing was visible.
    #[serde(default, deserialize_with = "crate::when::sent_time")]
    pub since: Option<Timestamp>,
    /// What exactly was wrong.
    pub what_wrong: Option<String>,
}

impl Impact {
    /// Impact counts as documented when it says who and what was wrong.
    pub fn is_documented(&self) -> bool {
        self.who.is_some() && self.what_wrong.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PreventionKind {
    /// Finds the problem sooner next time (an alert, a check, a review).
    Detective,
    /// Stops it happening (a guardrail, an automated gate).
    Preventive,
    /// Repairs what this one left behind (a data fix, a re-send).
    Corrective,
}

impl PreventionKind {
    pub const ALL: [PreventionKind; 3] = [
        PreventionKind::Detective,
        PreventionKind::Preventive,
        PreventionKind::Corrective,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PreventionKind::Detective => "detective",
            PreventionKind::Preventive => "preventive",
            PreventionKind::Corrective => "corrective",
        }
    }
}

impl fmt::Display for PreventionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown prevention type '{0}': use detective, preventive or corrective")]
pub struct UnknownPreventionKind(pub String);

impl FromStr for PreventionKind {
    type Err = UnknownPreventionKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PreventionKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownPreventionKind(s.trim().to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreventionItem {
    pub kind: PreventionKind,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpNote {
    pub impact: Impact,
    /// What was done to stop the damage spreading.
    pub containment: Option<String>,
    /// The real fix.
    pub fix: Option<String>,
    /// When the fix ships.
    #[serde(default, deserialize_with = "crate::when::sent_time")]
    pub fix_due: Option<Timestamp>,
    pub prevention: Vec<PreventionItem>,
    /// Who owns the follow-up.
    pub owner: Option<String>,
}

/// A section of the note that can be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NoteSection {
    ImpactWho,
    ImpactWhatWrong,
    Containment,
    Fix,
    FixSchedule,
    Prevention,
    Owner,
}

impl NoteSection {
    pub fn label(self) -> &'static str {
        match self {
            NoteSection::ImpactWho => "who was affected",
            NoteSection::ImpactWhatWrong => "what was wrong",
            NoteSection::Containment => "containment",
            NoteSection::Fix => "the fix",
            NoteSection::FixSchedule => "when the fix ships",
            NoteSection::Prevention => "prevention",
            NoteSection::Owner => "owner",
        }
    }

    /// The flag of `rebound note` that fills this section.
    pub fn flag(self) -> &'static str {
        match self {
            NoteSection::ImpactWho => "--who",
            NoteSection::ImpactWhatWrong => "--what-wrong",
            NoteSection::Containment => "--containment",
            NoteSection::Fix => "--fix",
            NoteSection::FixSchedule => "--fix-due",
            NoteSection::Prevention => "--detective/--preventive/--corrective",
            NoteSection::Owner => "--owner",
        }
    }
}

impl FollowUpNote {
    /// Sections still empty. The note counts as written (for the 30-minute
    /// target) when this is empty.
    pub fn missing(&self) -> Vec<NoteSection> {
        let mut out = Vec::new();
        if self.impact.who.is_none() {
            out.push(NoteSection::ImpactWho);
        }
        if self.impact.what_wrong.is_none() {
            out.push(NoteSection::ImpactWhatWrong);
        }
        if self.containment.is_none() {
            out.push(NoteSection::Containment);
        }
        if self.fix.is_none() {
            out.push(NoteSection::Fix);
        }
        if self.fix_due.is_none() {
            out.push(NoteSection::FixSchedule);
        }
        if self.prevention.is_empty() {
            out.push(NoteSection::Prevention);
        }
        if self.owner.is_none() {
            out.push(NoteSection::Owner);
        }
        out
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }
}

/// Trims text and turns blank into None, so "" never counts as filled.
pub fn clean(text: impl AsRef<str>) -> Option<String> {
    let t = text.as_ref().trim();
    (!t.is_empty()).then(|| t.to_string())
}
