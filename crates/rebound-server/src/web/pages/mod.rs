//! One file per page (or per part of the mistake page).

pub mod erasure;
pub mod guest;
mod handoff;
pub mod home;
pub mod insights;
pub mod invite;
pub mod journal;
pub mod lessons_back;
pub mod manual;
pub mod mistake;
pub mod new_mistake;
pub mod notifications;
pub mod patterns;
pub mod people;
pub mod plans;
pub mod playbooks;
pub mod reflect;
pub mod reflections;
pub mod settings;
pub mod setup;
pub mod showing_up;
pub mod signin;
pub mod unsubscribe;
