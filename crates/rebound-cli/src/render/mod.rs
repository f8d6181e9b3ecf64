//! Text rendering for people. JSON output comes from the domain's export.

pub mod clocks;
pub mod digest;
pub mod list;
pub mod notifications;
pub mod safe;
pub mod sharing;
pub mod show;
