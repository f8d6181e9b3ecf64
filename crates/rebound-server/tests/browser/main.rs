//! Real-browser tests: the server in-process on 127.0.0.1, Debian's Chromium
//! (headless) driven through chromedriver over WebDriver (`fantoccini`).
//!
//! - `flow`: the whole path of a mistake across three browser sessions —
//!   setup, sign in, new mistake, copy the heads-up, the note, sharing with a
//!   stakeholder who acknowledges and comments, a guest who comments and
//!   upvotes through a share link, closing refused then done; then a win
//!   logged after it from its page, the way back and the reflections list.
//! - `keyboard`: the core path with key presses alone, focus always visible.
//! - `plans`: a manager's recovery plan for a report, and the report's view.
//! - `pages`: issue 17's pages at 390, 1024 and 1280 px — a manager's
//!   home, a stakeholder's Acknowledge above the fold, the trend chart's
//!   text at 12 px or more, a guest's times on their own clock, the
//!   navigation on one line or behind "Menu".
//! - `small_screen`: every main page at 390 px wide, and each page's weight.
//! - `export`: the mistake page's export section, and the HTML export
//!   opened as a file at 390 and 1280 px (nothing injected runs).
//!
//! Every page a test visits is checked with axe-core (no serious or
//! critical violation). Screenshots of key steps are kept in
//! `target/browser-artifacts/`. What they need is installed by
//! `scripts/setup-browser`; without it the tests say SKIPPED (a failure in CI).

mod axe;
mod export;
mod flow;
mod harness;
mod keyboard;
mod pages;
mod people;
mod plans;
mod small_screen;
mod timeline;
