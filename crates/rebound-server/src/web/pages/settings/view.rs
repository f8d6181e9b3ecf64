//! The settings page itself: the profile form, API tokens (a new one shown
//! once) and where I am signed in, this browser marked.

use super::Extra;
use super::form::{DAYS, ProfileForm};
use crate::auth::session::{SessionView, sessions_of};
use crate::auth::tokens::{self, TokenView};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Zoned;
use maud::{Markup, html};

pub(super) async fn render(
    state: &AppState,
    me: &Me,
    status: StatusCode,
    extra: Extra,
) -> WebResult<Response> {
    let token_list = tokens::tokens_of(state, &me.user).await?;
    let session_list = sessions_of(state, &me.user, Some(&me.session)).await?;
    let now = state.clock.now_for(&me.user);
    let exports = crate::export_data::formal_exports(state, &me.user).await?;
    let profile = extra
        .profile
        .clone()
        .unwrap_or_else(|| ProfileForm::from_user(&me.user));
    let body = html! {
        h1 { "Settings" }
        nav.toc aria-label="On this page" {
            ul {
                li { a href="#profile" { "Profile" } }
                li { a href="#tokens" { "API tokens" } }
                li { a href="#sessions" { "Where you are signed in" } }
                li { a href="/settings/notifications" { "Notifications: email and chat" } }
                li { a href="#your-data" { "Your data" } }
            }
        }
        @if let Some(n) = extra.notice { p.notice role="status" { (n) } }
        (profile_section(me, &profile, extra.problem_in("profile")))
        (tokens_section(me, &token_list, &extra, &now))
        (sessions_section(me, &session_list, &now))
        (super::export::section(&exports, &now))
        section.card #delete-account aria-labelledby="delete-account-h" {
            h2 #delete-account-h { "Delete my account" }
            p { "Your records go for good; your comments on others' mistakes stay as removed ones. " a href="/settings/delete-account" { "Delete my account\u{2026}" } }
        }
    };
    let page = layout::page(
        "Settings",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    );
    Ok((status, page).into_response())
}

fn profile_section(me: &Me, f: &ProfileForm, problem: Option<&str>) -> Markup {
    let days = f.days();
    html! {
        section.card #profile aria-labelledby="profile-h" {
            h2 #profile-h { "Profile" }
            (alert(problem))
            form method="post" action="/settings/profile" {
                (csrf_field(&me.csrf))
                label for="display_name" { "Your name" }
                span.hint #name-hint { "As colleagues see it beside your notes and comments." }
                input #display_name type="text" name="display_name" autocomplete="name" required maxlength="80" aria-describedby="name-hint" value=(f.display_name);
                p.small.muted {
                    "You sign in as " strong { (me.user.email) } ". To change it, ask an administrator."
                }
                label for="time_zone" { "Time zone" }
                span.hint #tz-hint { "A name such as Europe/Paris. Clocks, dates and reminders follow it." }
                input #time_zone type="text" name="time_zone" autocomplete="off" required aria-describedby="tz-hint" value=(f.time_zone);
                fieldset {
                    legend { "Working hours" }
                    span.hint #hours-hint { "Reminders wait for these hours. Leave everything empty to be reached at any time." }
                    div.days role="group" aria-describedby="hours-hint" {
                        @for (i, (name, label)) in DAYS.iter().enumerate() {
                            label.check.day {
                                input type="checkbox" name=(name) checked[days[i]];
                                span { (label) }
                            }
                        }
                    }
                    div.times {
                        div {
                            label for="start" { "From" }
                            input #start type="time" name="start" value=(f.start);
                        }
                        div {
                            label for="end" { "Until" }
                            input #end type="time" name="end" value=(f.end);
                        }
                    }
                }
                button type="submit" { "Save profile" }
            }
        }
    }
}

fn tokens_section(me: &Me, tokens: &[TokenView], extra: &Extra, now: &Zoned) -> Markup {
    html! {
        section.card #tokens aria-labelledby="tokens-h" {
            h2 #tokens-h { "API tokens" }
            p.muted { "For the rebound command line and your scripts. A token acts as you, so keep it like a password and revoke any you no longer use." }
            @if let Some(t) = &extra.issued {
                div.notice role="status" {
                    p { "Your new token " strong { "“" (t.name) "”" } " is ready. Copy it now: it is shown only this once." }
                    label for="new-token" { "Token" }
                    input #new-token type="text" readonly value=(t.token) autocomplete="off" spellcheck="false";
                    p.actions {
                        button.secondary.small type="button" data-copy="new-token" hidden { "Copy token" }
                    }
                }
            }
            (alert(extra.problem_in("tokens")))
            form method="post" action="/settings/tokens" {
                (csrf_field(&me.csrf))
                label for="token-name" { "What is it for?" }
                span.hint #token-hint { "For example: laptop CLI. Only you see this name." }
                input #token-name type="text" name="name" required maxlength="100" aria-describedby="token-hint" value=(extra.token_name);
                button type="submit" { "Create token" }
            }
            @if tokens.is_empty() {
                p.muted { "You have no tokens yet." }
            } @else {
                h3 { "Your tokens" }
                ul.plain.items {
                    @for t in tokens {
                        li {
                            div.row {
                                strong { (t.name) }
                                @if t.revoked_at.is_some() {
                                    span.pill.bad { "Revoked" }
                                } @else {
                                    span.pill.good { "Active" }
                                }
                            }
                            p.small.muted {
                                "Made " (date(t.created_at, now)) ". "
                                @match t.last_used_at {
                                    Some(at) => { "Last used " (date(at, now)) "." }
                                    None => { "Never used." }
                                }
                            }
                            @if t.revoked_at.is_none() {
                                form.actions method="post" action={ "/settings/tokens/" (t.id) "/revoke" } {
                                    (csrf_field(&me.csrf))
                                    button.danger.small type="submit" { "Revoke " span.sr-only { (t.name) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn sessions_section(me: &Me, sessions: &[SessionView], now: &Zoned) -> Markup {
    html! {
        section.card #sessions aria-labelledby="sessions-h" {
            h2 #sessions-h { "Where you are signed in" }
            p.muted { "If you see a browser you do not recognise, or one you left signed in elsewhere, sign it out here." }
            ul.plain.items {
                @for s in sessions {
                    li {
                        div.row {
                            strong { (browser(s.user_agent.as_deref())) }
                            @if s.current { span.pill.good { "This browser" } }
                        }
                        p.small.muted {
                            "Signed in " (date(s.created_at, now)) ". Last active " (date(s.last_seen_at, now)) "."
                        }
                        @if !s.current {
                            form.actions method="post" action={ "/settings/sessions/" (s.id) "/end" } {
                                (csrf_field(&me.csrf))
                                button.secondary.small type="submit" { "Sign out there" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A readable name for a session's browser, from its user agent.
pub(super) fn browser(agent: Option<&str>) -> String {
    let Some(ua) = agent.filter(|a| !a.trim().is_empty()) else {
        return "Unknown browser".into();
    };
    let name = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| n);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Mac OS X", "macOS"),
        ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| n);
    match (name, os) {
        (Some(n), Some(o)) => format!("{n} on {o}"),
        (Some(n), None) => n.to_string(),
        _ => ua.chars().take(60).collect(),
    }
}
