//! Ending a plan from its page. The manager's form (a reason, optional)
//! posts once to see what ending does and confirm it; only the confirming
//! post ends the plan, through the API's own `plans::end_plan`. Both posts
//! carry the anti-forgery token (`web::form::Form`). Once ended, the page
//! says so at the top, to the manager plainly and to the report kindly.

use super::page::{View, answer};
use super::{Pairs, one};
use crate::error::ApiError;
use crate::plans::{self as api};
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::Form;
use crate::web::layout::{self, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rebound_domain::recovery::EndReason;

/// At the top of an ended plan's page.
pub(super) fn ended_note(v: &View) -> Markup {
    let Some(end) = &v.d.plan.ended else {
        return html! {};
    };
    let recovered = end.reason == Some(EndReason::Recovered);
    html! {
        (alert(v.problem("end")))
        @if v.d.is_manager() {
            p.notice #end {
                "Ended on " (date(end.at, &v.now))
                @if let Some(r) = end.reason { " — " (r.label()) }
                ". The one-on-ones are cancelled; everything recorded stays here to read."
            }
        } @else if recovered {
            p.notice #end {
                "This plan ended on " (date(end.at, &v.now)) ", with you back to your usual confidence. Everything in it stays here for you to read."
            }
        } @else {
            p.notice #end {
                "This plan ended on " (date(end.at, &v.now)) ", and the one-on-ones it set up are cancelled. Everything in it stays here for you to read; if you would like support again, talk to your manager."
            }
        }
    }
}

/// The manager's form, while the plan runs.
pub(super) fn section(v: &View) -> Markup {
    let kept = v.kept("end", "reason");
    html! {
        section.card #end aria-labelledby="end-title" {
            h2 #end-title { "End this plan" }
            p.hint { "When the support has done its work, or is no longer needed. You will be asked to confirm." }
            (alert(v.problem("end")))
            form method="post" action=(v.action("end")) {
                (csrf_field(&v.me.csrf))
                label for="end-reason" { "Why (optional; seen by both of you)" }
                select #end-reason name="reason" {
                    option value="" { "Not said" }
                    @for r in EndReason::ALL {
                        option value=(r.as_str()) selected[kept == Some(r.as_str())] { (r.label()) }
                    }
                }
                button.secondary type="submit" { "End this plan…" }
            }
        }
    }
}

/// What ending does, asked before it is done.
async fn confirm(
    state: &AppState,
    me: &Me,
    id: &str,
    reason: Option<EndReason>,
) -> WebResult<Response> {
    let d = api::plan_data(state, &me.user, id).await?;
    if !d.is_manager() {
        return Err(WebError::from(ApiError::not_found()));
    }
    if d.plan.is_ended() {
        return Ok(see_other(&format!("/plans/{id}#end")));
    }
    let name = d.report.display_name.as_str();
    let title = format!("End the plan with {name}?");
    let body = html! {
        section.card #confirm-end {
            h1 { (title) }
            p { "Ending it:" }
            ul {
                li { "stops the check-ins, and cancels the one-on-ones in your calendar and " (name) "’s;" }
                li { "keeps everything recorded so far for both of you to read, and your private notes for you;" }
                li { "cannot be undone: if " (name) " needs support again, open a new plan." }
            }
            p { "Why: " (reason.map_or("not said", |r| r.label())) "." }
            form.actions method="post" action={ "/plans/" (d.plan.id) "/end" } {
                (csrf_field(&me.csrf))
                @if let Some(r) = reason { input type="hidden" name="reason" value=(r.as_str()); }
                input type="hidden" name="confirm" value="yes";
                button.danger type="submit" { "End the plan" }
                a href={ "/plans/" (d.plan.id) } { "Keep it going" }
            }
        }
    };
    Ok(layout::page(&title, &me.nav(), body).into_response())
}

pub async fn end(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(pairs): Form<Pairs>,
) -> WebResult<Response> {
    let reason = match one(&pairs, "reason").map(str::parse::<EndReason>) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => {
            let refused = Err(ApiError::unprocessable(e.to_string()));
            return answer(&state, &me, &id, "end", &pairs, refused).await;
        }
    };
    if one(&pairs, "confirm") != Some("yes") {
        return confirm(&state, &me, &id, reason).await;
    }
    let result = api::end_plan(&state, &me.user, &id, &Expect::any(), reason).await;
    answer(&state, &me, &id, "end", &pairs, result.map(|_| ())).await
}
