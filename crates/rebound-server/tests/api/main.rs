//! API tests against the real server on a loopback port: one binary, one
//! module per area.

mod abuse;
mod accounts;
mod audit;
mod basics;
mod clock;
mod contract;
mod delivery;
mod delivery_digest;
mod delivery_notices;
mod delivery_reminders;
mod guests;
mod harness;
mod hostile_text;
mod mistakes;
mod notifications;
mod origin;
mod recovery;
mod reflections;
mod request_id;
mod sharing;
mod versions;
mod visibility;
mod web_guest;
mod web_harness;
mod web_jar;
mod web_mistake;
mod web_notifications;
mod web_pages;
mod web_people;
mod web_recovery;
mod web_reflect;
mod web_reflections;
mod web_sending;
mod web_settings;
mod web_versions;
