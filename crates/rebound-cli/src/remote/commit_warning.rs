//! The server's commit warnings, read back into the domain's type.

use rebound_domain::commit_check::CommitWarning;
use serde::Deserialize;

/// The server's commit warnings, read back into the domain's type so they
/// print in the same words as in local mode.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(super) enum Warning {
    Placeholder { message: String },
    TooShort { words: usize },
    NoContext { suggestions: Vec<String> },
}

impl From<Warning> for CommitWarning {
    fn from(w: Warning) -> Self {
        match w {
            Warning::Placeholder { message } => CommitWarning::Placeholder { message },
            Warning::TooShort { words } => CommitWarning::TooShort { words },
            Warning::NoContext { suggestions } => CommitWarning::NoContext { suggestions },
        }
    }
}
