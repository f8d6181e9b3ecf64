//! Home: my open mistakes with their state, clocks and overdue updates;
//! then what others shared with me that still awaits my acknowledgement.

use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav};
use crate::web::me::Me;
use crate::web::widgets::{state_pill, target_pill, update_pill};
use axum::extract::State;
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::Mistake;
use rebound_store::ListFilter;

pub async fn page(State(state): State<AppState>, me: Me) -> WebResult<Markup> {
    let now = state.clock.now_for(&me.user);
    let visible = crate::mistakes::read::visible(&state, &me.user, ListFilter::Open).await?;
    let (mine, others): (Vec<Mistake>, Vec<Mistake>) = visible
        .into_iter()
        .partition(|m| m.owner.as_ref() == Some(&me.user.id));
    let awaiting = crate::sharing::acknowledgements::awaiting(&state, &me.user, others).await?;

    let body = html! {
        h1 { "Your open mistakes" }
        @if mine.is_empty() {
            section.card {
                p { "Nothing open. When something goes wrong, start here: one short form gives you a heads-up to send within minutes." }
                p { a.button href="/new" { "I made a mistake" } }
            }
        } @else {
            section.card aria-label="Your open mistakes" {
                ul.plain.items { @for m in &mine { li { (mistake_row(m, &now)) } } }
            }
        }
        h2 { "Shared with you" }
        @if awaiting.is_empty() {
            p.muted { "Nothing is waiting for your acknowledgement." }
        } @else {
            section.card aria-label="Waiting for your acknowledgement" {
                ul.plain.items {
                    @for m in &awaiting {
                        li.row {
                            a href={ "/m/" (m.id) } { (m.title) }
                            span.pill.warn { "Waiting for your acknowledgement" }
                        }
                    }
                }
            }
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

fn mistake_row(m: &Mistake, now: &Zoned) -> Markup {
    let clocks = m.clocks(now.timestamp());
    html! {
        div.row {
            a href={ "/m/" (m.id) } { strong { (m.title) } }
            (state_pill(m.state))
        }
        div.clocks {
            (target_pill("Timeline", &clocks.timeline))
            (target_pill("Note", &clocks.note))
            @if let Some(u) = &clocks.next_update { (update_pill(u, now)) }
            @if m.heads_up.sent_at.is_none() { span.pill.warn { "Heads-up not sent" } }
        }
    }
}
