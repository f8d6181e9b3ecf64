//! The page shell every page shares: head, skip link, header with the
//! navigation for who is looking, and the main landmark.

use super::assets;
use maud::{DOCTYPE, Markup, html};
use rebound_domain::User;

/// What the header offers, by who is looking.
pub enum Nav<'a> {
    /// Nobody signed in (setup, sign-in, errors).
    Plain,
    Member {
        user: &'a User,
        csrf: &'a str,
        /// Unread notifications (`web::me::Me::unread`); `None` leaves the
        /// link without a number.
        unread: Option<u64>,
    },
    Guest {
        name: &'a str,
    },
}

pub fn page(title: &str, nav: &Nav, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                // No icon file: this stops browsers asking for /favicon.ico.
                link rel="icon" href="data:,";
                title { (title) " · Rebound" }
                link rel="stylesheet" href=(assets::url("style.css"));
                script src=(assets::url("app.js")) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    div.bar {
                        a.brand href="/" { "Rebound" }
                        (nav_links(nav))
                    }
                }
                main #main tabindex="-1" { (main) }
            }
        }
    }
}

fn nav_links(nav: &Nav) -> Markup {
    match nav {
        Nav::Plain => html! {},
        // One line from 1024 px up; below, a "Menu" disclosure, which works
        // without script: the list follows it, and the stylesheet hides the
        // list while it is closed (and the disclosure on wide screens). The
        // list is not inside it, so nothing treats the links as hidden there.
        Nav::Member { user, csrf, unread } => html! {
            nav aria-label="Main" {
                details.menu {
                    summary {
                        "Menu"
                        @if let Some(n) = unread.filter(|n| *n > 0) {
                            " " span.pill.warn { (n) span.sr-only { " unread" } }
                        }
                    }
                }
                ul {
                    li { a href="/" { "Home" } }
                    li { a.button.small href="/new" { "I made a mistake" } }
                    li { a href="/manual" { "Operating Manual" } }
                    li { a href="/reflections" { "Reflections" } }
                    // Shown to managers and to anyone who has one, so the
                    // link says nothing about whether a plan exists.
                    @if user.role == rebound_domain::Role::Manager || user.manager.is_some() {
                        li { a href="/plans" { "Recovery plans" } }
                    }
                    @if user.role == rebound_domain::Role::Admin {
                        li { a href="/people" { "People" } }
                    }
                    li { (notifications_link(*unread)) }
                    li { a href="/settings" aria-label={ "Settings for " (user.display_name) } { "Settings" } }
                    li {
                        form method="post" action="/signout" {
                            input type="hidden" name="csrf" value=(csrf);
                            button.link type="submit" { "Sign out" }
                        }
                    }
                }
            }
        },
        Nav::Guest { name } => html! {
            p.guest-badge { "Guest: " strong { (name) } }
        },
    }
}

/// "Notifications", with the unread count as a badge; the link's name
/// says it in words ("Notifications, 2 unread").
fn notifications_link(unread: Option<u64>) -> Markup {
    html! {
        a #nav-notifications href="/notifications" {
            "Notifications"
            @if let Some(n) = unread.filter(|n| *n > 0) {
                " " span.pill.warn data-unread=(n) { (n) span.sr-only { " unread" } }
            }
        }
    }
}

/// The hidden anti-forgery field every form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// The version a form was rendered from (`precondition::Expect::from_form`
/// reads it back): a save over someone else's is refused, never applied.
pub fn version_field(id: &str, version: i64) -> Markup {
    html! { input id=(id) type="hidden" name="version" value=(version); }
}

/// A form's error or notice, announced to screen readers.
pub fn alert(message: Option<&str>) -> Markup {
    html! {
        @if let Some(m) = message {
            p.alert role="alert" { (m) }
        }
    }
}
