//! Rebound's text classifiers, pure Rust with no IO: the auto-diagnosis
//! (which trap, which failure type) and the lesson check (careful, cautious
//! or vague). Both are linear models over hashed word features
//! (`features`, `linear`), trained by `train` from the team's corpus in
//! `corpus/` with the `rebound-train` binary, and embedded in the binary
//! from `models/`.

pub mod corpus;
pub mod diagnose;
pub mod features;
pub mod lesson;
pub mod lesson_cues;
pub mod lexicon;
pub mod linear;
pub mod meaning;
pub mod styles;
pub mod train;
pub mod writers;

pub use diagnose::{Diagnoser, Diagnosis};
pub use lesson::{LessonCheck, LessonChecker};
