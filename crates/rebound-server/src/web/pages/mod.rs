//! One file per page (or per part of the mistake page).

pub mod home;
pub mod mistake;
pub mod new_mistake;
pub mod setup;
pub mod signin;
