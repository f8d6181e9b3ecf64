//! Home: what waits on me first (missed check-ins and overdue moves for my
//! reports, notes I was asked to acknowledge, check-ins coming up), then my
//! open mistakes, my reports' mistakes shared with me (managers only), and
//! the rest shared with me; then today's prompt, to answer or skip. Everything comes from `attention::needs_me`,
//! which reads through the guard: the access policy decides what shows.

use super::lessons_back::Refused;
use crate::attention::{Need, NeedsMe};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav};
use crate::web::me::Me;
use crate::web::widgets::{state_pill, target_pill, update_pill};
use axum::extract::State;
use jiff::{Timestamp, Zoned};
use maud::{Markup, html};
use rebound_domain::Mistake;

pub async fn page(State(state): State<AppState>, me: Me) -> WebResult<Markup> {
    home_page(&state, &me, None).await
}

/// Home, with a refused answer to a returning lesson shown beside it.
pub async fn home_page(state: &AppState, me: &Me, refused: Option<&Refused>) -> WebResult<Markup> {
    let now = state.clock.now_for(&me.user);
    let needs = crate::attention::needs_me(state, &me.user).await?;
    let lessons = super::lessons_back::section(state, me, refused).await?;
    let mine = &needs.mine;
    let prompt = crate::journal::prompt_for(state, &me.user)?;

    let body = html! {
        h1 { "Home" }
        @if !needs.needs.is_empty() { (waiting(&needs, &now)) }
        h2 #mine-title { "Your open mistakes" }
        @if mine.is_empty() {
            section.card aria-labelledby="mine-title" {
                p { "Nothing open. When something goes wrong, start here: one short form gives you a heads-up to send within minutes." }
                p { a.button href="/new" { "I made a mistake" } }
            }
        } @else {
            section.card aria-labelledby="mine-title" {
                ul.plain.items { @for m in mine { li { (mistake_row(m, None, &now)) } } }
            }
        }
        (lessons)
        @if needs.manages {
            h2 #reports-title { "Your reports' mistakes" }
            @if needs.reports_mistakes.is_empty() {
                p.muted { "Nothing your reports shared with you is open." }
            } @else {
                section.card aria-labelledby="reports-title" {
                    ul.plain.items {
                        @for (name, m) in &needs.reports_mistakes { li { (mistake_row(m, Some(name), &now)) } }
                    }
                }
            }
        }
        @if !needs.shared.is_empty() {
            h2 #shared-title { "Shared with you" }
            section.card aria-labelledby="shared-title" {
                ul.plain.items { @for m in &needs.shared { li { (mistake_row(m, None, &now)) } } }
            }
        }
        (super::journal::prompt_card(&prompt, &me.csrf, "", None))
        p.muted { a href="/playbooks" { "Playbooks" } ": short guides on confidence after a mistake and what helps." }
        p.muted { a href="/patterns" { "Your patterns" } ": how you own, note and learn from mistakes over time, for you alone." }
        @if needs.manages || me.user.role == rebound_domain::Role::Admin {
            p.muted { a href="/insights" { "Insights" } ": how your reports or the organisation own and learn from mistakes, in groups of five or more." }
        }
    };
    Ok(layout::page(
        "Home",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    ))
}

/// "Waiting on you": one line each, most urgent first.
fn waiting(needs: &NeedsMe, now: &Zoned) -> Markup {
    html! {
        section.card.waiting #waiting aria-labelledby="waiting-title" {
            h2 #waiting-title { "Waiting on you" }
            ul.plain.items {
                @for n in &needs.needs { li.row { (need(n, now)) } }
            }
        }
    }
}

fn need(n: &Need, now: &Zoned) -> Markup {
    match n {
        Need::CheckInOverdue {
            plan,
            report,
            since,
        } => html! {
            a href={ "/plans/" (plan) "#check-in" } { "Check in with " (report) }
            span.pill.warn { "Due since " (when(*since, now)) }
        },
        Need::MovesOverdue {
            plan,
            report,
            count,
        } => html! {
            a href={ "/plans/" (plan) "#tasks" } { "Moves for " (report) "'s plan" }
            span.pill.warn {
                @if *count == 1 { "One past its date" } @else { (count) " past their dates" }
            }
        },
        Need::Acknowledge { mistake, title } => html! {
            a href={ "/m/" (mistake) "#acknowledge" } { (title) }
            span.pill.warn { "Waiting for your acknowledgement" }
        },
        Need::CheckInSoon { plan, report, at } => html! {
            a href={ "/plans/" (plan) "#check-in" } { "Check in with " (report) }
            span.pill { "Due " (when(*at, now)) }
        },
    }
}

/// A short day and time in the reader's zone ("Tue 3 Dec, 10:00").
fn when(at: Timestamp, now: &Zoned) -> Markup {
    let z = at.to_zoned(now.time_zone().clone());
    html! { time datetime=(at.to_string()) { (z.strftime("%a %-d %b, %H:%M").to_string()) } }
}

fn mistake_row(m: &Mistake, owner: Option<&str>, now: &Zoned) -> Markup {
    let clocks = m.clocks(now.timestamp());
    html! {
        div.row {
            a href={ "/m/" (m.id) } { strong { (m.title) } }
            (state_pill(m.state))
        }
        @if let Some(name) = owner { p.small.muted.owner { (name) } }
        div.clocks {
            (target_pill("Timeline", &clocks.timeline))
            (target_pill("Note", &clocks.note))
            @if let Some(u) = &clocks.next_update { (update_pill(u, now)) }
            @if m.heads_up.sent_at.is_none() { span.pill.warn { "Heads-up not sent" } }
        }
    }
}
