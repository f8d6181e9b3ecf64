//! The people page itself: everyone with their role, manager and state,
//! the invitation form (and a new link, shown once), and the teams with
//! who is in them.

use super::Extra;
use crate::people::teams::{self};
use crate::people::users::{self};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rebound_domain::{Role, Team, User};

/// The address the invited person opens, on the host the admin is using.
fn invitation_url(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        });
    match host {
        Some(h) => {
            let scheme = if state.settings.secure_cookies {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{h}/invite/{token}")
        }
        None => format!("/invite/{token}"),
    }
}

pub(super) async fn render(
    state: &AppState,
    me: &Me,
    headers: &HeaderMap,
    status: StatusCode,
    extra: Extra,
) -> WebResult<Response> {
    let users = users::everyone(state, &me.user).await?;
    let teams_with_members = teams::with_members(state, &me.user).await?;
    let enabled: Vec<&User> = users.iter().filter(|u| !u.is_disabled()).collect();
    let now = state.clock.now_for(&me.user);
    let csrf = me.csrf.as_str();

    let body = html! {
        h1 { "People" }
        p.lead { "Invite colleagues, say who manages whom, and group people into teams. Managers see their reports' records; teams see what is shared with the team." }
        nav.toc aria-label="On this page" {
            ul {
                li { a href="#invite" { "Invite" } }
                li { a href="#everyone" { "Everyone" } }
                li { a href="#teams" { "Teams" } }
            }
        }

        section.card #invite aria-labelledby="invite-h" {
            h2 #invite-h { "Invite someone" }
            @if let Some((email, link)) = &extra.issued {
                div.notice role="status" {
                    p { "The invitation for " strong { (email) } " is ready. Send them this link; it works once, until " (date(link.expires_at, &now)) "." }
                    p.small { strong { "It is shown only now." } " If it gets lost, invite them again." }
                    label for="invite-link" { "Invitation link" }
                    input #invite-link type="text" readonly value=(invitation_url(state, headers, &link.token)) autocomplete="off" spellcheck="false";
                    p.actions {
                        button.secondary.small type="button" data-copy="invite-link" hidden { "Copy link" }
                    }
                }
            }
            (alert(extra.problem_in("invite")))
            form method="post" action="/people/invite" {
                (csrf_field(csrf))
                label for="invite-email" { "Their work email" }
                input #invite-email type="email" name="email" required autocomplete="off" value=(extra.invite.email);
                label for="invite-role" { "Role" }
                span.hint #role-hint { "Members record their own mistakes; managers also support their reports; admins run this page." }
                select #invite-role name="role" aria-describedby="role-hint" {
                    @for r in Role::ALL {
                        option value=(r.as_str()) selected[extra.invite.role.as_deref().unwrap_or("member") == r.as_str()] { (capitalised(r.as_str())) }
                    }
                }
                label for="invite-manager" { "Manager" }
                (person_select("invite-manager", "manager", &enabled, extra.invite.manager.as_deref(), "No manager yet"))
                label for="invite-team" { "Team" }
                select #invite-team name="team" {
                    option value="" { "No team yet" }
                    @for (t, _) in &teams_with_members {
                        option value=(t.id) selected[extra.invite.team.as_deref() == Some(t.id.as_str())] { (t.name) }
                    }
                }
                button type="submit" { "Create invitation link" }
            }
        }

        section.card #everyone aria-labelledby="everyone-h" {
            h2 #everyone-h { "Everyone" }
            ul.plain.items {
                @for u in &users {
                    @let section = format!("person-{}", u.id);
                    li id=(section) {
                        div.row {
                            strong { (u.display_name) }
                            span {
                                span.pill { (u.role.as_str()) }
                                " "
                                @if u.is_disabled() { span.pill.bad { "Disabled" } }
                            }
                        }
                        p.small.muted.wrap { (u.email) }
                        (alert(extra.problem_in(&section)))
                        form.picker method="post" action={ "/people/" (u.id) "/manager" } {
                            (csrf_field(csrf))
                            @let select_id = format!("manager-{}", u.id);
                            label for=(select_id) { "Manager of " (u.display_name) }
                            // Enabled people, and the current manager even if disabled.
                            @let others: Vec<&User> = users.iter().filter(|o| o.id != u.id && (!o.is_disabled() || u.manager.as_ref() == Some(&o.id))).collect();
                            (person_select(&select_id, "manager", &others, u.manager.as_ref().map(|m| m.as_str()), "No manager"))
                            button.secondary.small type="submit" { "Set manager" }
                        }
                        @if u.id != me.user.id {
                            @if u.is_disabled() {
                                form.actions method="post" action={ "/people/" (u.id) "/enable" } {
                                    (csrf_field(csrf))
                                    button.secondary.small type="submit" { "Enable " span.sr-only { (u.display_name) } }
                                }
                            } @else {
                                form.actions method="post" action={ "/people/" (u.id) "/disable" } {
                                    (csrf_field(csrf))
                                    button.danger.small type="submit" { "Disable " span.sr-only { (u.display_name) } }
                                    span.small.muted { "Signs them out everywhere at once." }
                                }
                            }
                            a.small href={ "/people/" (u.id) "/delete" } { "Delete\u{2026}" span.sr-only { " " (u.display_name) } }
                        }
                    }
                }
            }
        }

        section.card #teams aria-labelledby="teams-h" {
            h2 #teams-h { "Teams" }
            (alert(extra.problem_in("teams")))
            form method="post" action="/people/teams" {
                (csrf_field(csrf))
                label for="team-name" { "New team" }
                span.hint #team-hint { "For example: Finance BI." }
                input #team-name type="text" name="name" required maxlength="80" aria-describedby="team-hint";
                button type="submit" { "Create team" }
            }
            @if teams_with_members.is_empty() {
                p.muted { "No teams yet." }
            }
            @for (t, members) in &teams_with_members {
                (team_block(t, members, &enabled, csrf, &extra))
            }
        }
    };
    let page = layout::page(
        "People",
        &Nav::Member {
            user: &me.user,
            csrf,
            unread: me.unread,
        },
        body,
    );
    Ok((status, page).into_response())
}

fn team_block(t: &Team, members: &[User], enabled: &[&User], csrf: &str, extra: &Extra) -> Markup {
    let section = format!("team-{}", t.id);
    let outside: Vec<&User> = enabled
        .iter()
        .copied()
        .filter(|u| !members.iter().any(|m| m.id == u.id))
        .collect();
    let select_id = format!("add-{}", t.id);
    html! {
        div.team id=(section) {
            h3 { (t.name) }
            (alert(extra.problem_in(&section)))
            @if members.is_empty() {
                p.small.muted { "Nobody in this team yet." }
            } @else {
                ul.plain.items {
                    @for m in members {
                        li.row {
                            span { (m.display_name) }
                            form method="post" action={ "/people/teams/" (t.id) "/members/" (m.id) "/remove" } {
                                (csrf_field(csrf))
                                button.secondary.small type="submit" { "Remove " span.sr-only { (m.display_name) " from " (t.name) } }
                            }
                        }
                    }
                }
            }
            @if !outside.is_empty() {
                form.picker method="post" action={ "/people/teams/" (t.id) "/members" } {
                    (csrf_field(csrf))
                    label for=(select_id) { "Add to " (t.name) }
                    (person_select(&select_id, "user", &outside, None, "Choose someone"))
                    button.secondary.small type="submit" { "Add" }
                }
            }
        }
    }
}

fn person_select(
    id: &str,
    name: &str,
    people: &[&User],
    chosen: Option<&str>,
    none: &str,
) -> Markup {
    html! {
        select id=(id) name=(name) {
            option value="" selected[chosen.is_none()] { (none) }
            @for p in people {
                option value=(p.id) selected[chosen == Some(p.id.as_str())] { (p.display_name) " (" (p.email) ")" }
            }
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
