//! Severity, and the update cadence it suggests.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The worse it is, the more often the people waiting need news.
    pub fn default_cadence(self) -> Duration {
        let minutes = match self {
            Severity::Critical => 30,
            Severity::High => 60,
            Severity::Medium => 4 * 60,
            Severity::Low => 24 * 60,
        };
        Duration::from_secs(minutes * 60)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown severity '{0}': use low, medium, high or critical")]
pub struct UnknownSeverity(pub String);

impl FromStr for Severity {
    type Err = UnknownSeverity;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownSeverity(s.trim().to_string()))
    }
}

/// How often progress updates are promised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "minutes")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Cadence {
    /// Follow the severity's default.
    Default,
    /// Every so many minutes.
    Every(u32),
    /// No updates are expected.
    None,
}

impl Cadence {
    pub fn interval(self, severity: Severity) -> Option<Duration> {
        match self {
            Cadence::Default => Some(severity.default_cadence()),
            Cadence::Every(m) => Some(Duration::from_secs(u64::from(m) * 60)),
            Cadence::None => None,
        }
    }
}
