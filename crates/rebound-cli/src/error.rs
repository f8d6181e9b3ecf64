//! The CLI's errors and exit codes. Every error prints as one line on stderr.

use rebound_domain::DomainError;
use rebound_store::StoreError;

/// Exit codes are stable: scripts rely on them.
pub mod exit {
    /// The request was refused: bad input or a rule of the lifecycle.
    pub const REFUSED: u8 = 1;
    /// The command line could not be understood (clap exits with it
    /// itself), or `serve`'s settings are wrong: a bad file, key or value.
    pub const USAGE: u8 = 2;
    /// No such mistake (or entry, reflection, principle): none of yours.
    pub const NOT_FOUND: u8 = 3;
    /// The database could not be used, or the server could not be reached
    /// (or failed on its side).
    pub const STORAGE: u8 = 4;
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{err}{hint}", err = .0, hint = command_hint(.0, "ID"))]
    Domain(#[from] DomainError),
    /// A domain refusal about one mistake: its hint names that mistake.
    #[error("{err}{hint}", hint = command_hint(err, id))]
    DomainAbout { err: DomainError, id: String },
    #[error("{}", store_message(.0))]
    Store(#[from] StoreError),
    #[error("{0}")]
    Git(#[from] rebound_git::GitError),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Io(String),
    /// Settings that cannot be used (exit 2); the message names the file,
    /// variable or flag and the key.
    #[error("{0}")]
    Config(String),
    /// A command used in a way that needs a word more (exit 2, as clap's
    /// own usage errors): `digest run` without `--now`.
    #[error("{0}")]
    Usage(String),
    /// Something the server does not have (exit 3).
    #[error("{0}")]
    Missing(String),
    /// The server could not be reached, or failed on its side (exit 4).
    #[error("{0}")]
    Server(String),
    /// The server refused a change made from a version someone else has
    /// saved over since (412): exit 4, as a local `StoreError::Conflict`.
    #[error("{0}")]
    Stale(String),
}

/// The domain says what is missing; from a terminal, also which command
/// does it.
fn command_hint(e: &DomainError, id: &str) -> String {
    use rebound_domain::{Checkbox, LifecycleError};
    match e {
        DomainError::Lifecycle(LifecycleError::HeadsUpNotSent) => {
            format!(" (then run `rebound heads-up sent {id}`)")
        }
        DomainError::Lifecycle(LifecycleError::CheckboxesMissing(missing)) => missing
            .first()
            .map(|c| format!(" (tick with `rebound check {id} {}`)", c.as_str()))
            .unwrap_or_default(),
        DomainError::CheckboxNotReady {
            checkbox: Checkbox::Impact,
            ..
        } => format!(" (fill them with `rebound note {id} --who … --what-wrong …`)"),
        DomainError::CheckboxNotReady {
            checkbox: Checkbox::Prevention,
            ..
        } => format!(" (add one with `rebound note {id} --preventive …`)"),
        DomainError::NoSuchEntry(_) => format!(" (`rebound show {id}` lists them)"),
        _ => String::new(),
    }
}

/// The store's words, except that a personal record of nobody's or of
/// someone else's reads the same everywhere: "no such principle … among yours".
fn store_message(e: &StoreError) -> String {
    match e {
        StoreError::RecordNotFound { what, id } => format!("no such {what} {id} among yours"),
        other => other.to_string(),
    }
}

impl CliError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        CliError::Invalid(msg.into())
    }

    /// Names the mistake in a domain refusal's hint.
    pub fn about(self, id: &str) -> Self {
        match self {
            CliError::Domain(err) => CliError::DomainAbout {
                err,
                id: id.to_owned(),
            },
            other => other,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::DomainAbout {
                err: DomainError::NoSuchEntry(_),
                ..
            } => exit::NOT_FOUND,
            CliError::Store(StoreError::NotFound(_)) => exit::NOT_FOUND,
            CliError::Store(StoreError::RecordNotFound { .. }) => exit::NOT_FOUND,
            CliError::Domain(DomainError::NoSuchEntry(_)) => exit::NOT_FOUND,
            CliError::Missing(_) => exit::NOT_FOUND,
            CliError::Config(_) | CliError::Usage(_) => exit::USAGE,
            CliError::Server(_) => exit::STORAGE,
            // Someone else's save came first and nothing was changed: the
            // same code locally and through a server; running again works.
            CliError::Stale(_) => exit::STORAGE,
            CliError::Store(StoreError::Conflict(_)) => exit::STORAGE,
            CliError::Store(_) => exit::STORAGE,
            _ => exit::REFUSED,
        }
    }
}

impl From<rebound_domain::InvalidId> for CliError {
    fn from(e: rebound_domain::InvalidId) -> Self {
        CliError::Invalid(e.to_string())
    }
}

impl From<rebound_domain::ReflectionError> for CliError {
    fn from(e: rebound_domain::ReflectionError) -> Self {
        CliError::Invalid(e.to_string())
    }
}

impl From<rebound_domain::when::WhenError> for CliError {
    fn from(e: rebound_domain::when::WhenError) -> Self {
        CliError::Invalid(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, CliError>;
