//! Where the record is in the work (detected → owned → contained → fixed →
//! reviewed → closed), and, for the owner, only the moves that are legal
//! now (`rebound_domain::state::plan_move` decides), with what the next
//! one still needs when it is not possible yet.

use super::page::{View, after};
use crate::error::ApiError;
use crate::mistakes::lifecycle::MoveBody;
use crate::precondition::Expect;
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::form::Form;
use crate::web::layout::{alert, csrf_field, version_field};
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use rebound_domain::State as Stage;
use rebound_domain::state::{LifecycleError, plan_move};
use serde::Deserialize;

fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Detected => "Detected",
        Stage::Owned => "Owned",
        Stage::Contained => "Contained",
        Stage::Fixed => "Fixed",
        Stage::Reviewed => "Reviewed",
        Stage::Closed => "Closed",
    }
}

/// The button's words for a move from `from` to `to`.
fn move_label(from: Stage, to: Stage) -> String {
    match (from, to) {
        (Stage::Fixed, Stage::Contained) => "The fix did not hold: back to contained".into(),
        (Stage::Closed, Stage::Reviewed) => "Reopen".into(),
        (_, Stage::Owned) => "I own it".into(),
        (_, Stage::Contained) => "It is contained".into(),
        (_, Stage::Fixed) => "It is fixed".into(),
        (_, Stage::Reviewed) => "It has been reviewed".into(),
        (_, Stage::Closed) => "Close the record".into(),
        (_, Stage::Detected) => "Back to detected".into(),
    }
}

/// Why the next step forward is not possible yet, in the page's words.
fn blocked(e: &LifecycleError) -> Option<&'static str> {
    match e {
        LifecycleError::HeadsUpNotSent => Some(
            "Owning it needs the heads-up marked sent: tell the people who need to know first.",
        ),
        LifecycleError::CheckboxesMissing(_) => {
            Some("Closing needs both checkboxes ticked: impact documented and prevention defined.")
        }
        _ => None,
    }
}

/// Every move that is legal now, nearest first; back moves last.
pub fn legal_moves(v: &View) -> Vec<Stage> {
    let ready = v.m.readiness();
    let from = v.m.state;
    let mut forward: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|to| *to > from && plan_move(from, *to, ready).is_ok())
        .collect();
    forward.extend(
        Stage::ALL
            .into_iter()
            .filter(|to| *to < from && plan_move(from, *to, ready).is_ok()),
    );
    forward
}

pub fn section(v: &View) -> Markup {
    let m = v.m;
    let moves = legal_moves(v);
    // What stands in the way of the next step, and of closing.
    let mut waiting: Vec<&str> = Vec::new();
    for to in [m.state.next(), Some(Stage::Closed)].into_iter().flatten() {
        if let Err(e) = plan_move(m.state, to, m.readiness())
            && let Some(why) = blocked(&e)
            && !waiting.contains(&why)
        {
            waiting.push(why);
        }
    }
    html! {
        section.card #lifecycle aria-labelledby="lifecycle-title" {
            h2 #lifecycle-title { "Progress" }
            ol.stages {
                @for s in Stage::ALL {
                    // A stage moved past without being recorded (closing
                    // from "owned") says so rather than claiming it.
                    @let reached = s <= m.state && (s == Stage::Detected || m.reached(s));
                    @let skipped = s < m.state && !reached;
                    @let when = m.transitions.iter().rev().find(|t| t.to == s).map(|t| t.at).or((s == Stage::Detected).then_some(m.detected_at));
                    li.reached[reached] aria-current=[(s == m.state).then_some("step")] {
                        span.stage-mark aria-hidden="true" { @if reached { "●" } @else { "○" } }
                        span.stage-name { (stage_name(s)) }
                        @if s == m.state { span.sr-only { " (now)" } span.pill { "now" } }
                        @else if skipped { span.stage-when.muted { "skipped" } }
                        @else if reached { span.sr-only { " (done)" } }
                        @if let (true, Some(at)) = (reached, when) {
                            span.stage-when.muted { (date(at, v.now)) }
                        }
                    }
                }
            }
            (alert(v.problem_in("lifecycle")))
            @if v.owner {
                @for why in &waiting { p.muted.blocked { (why) } }
                @if !moves.is_empty() {
                    div.actions.moves {
                        @for (i, to) in moves.iter().enumerate() {
                            form method="post" action=(v.action("move")) {
                                (csrf_field(v.csrf))
                                // A move decided on the record as shown, not a newer one.
                                (version_field(&format!("move-{}-version", to.as_str()), m.version))
                                input type="hidden" name="to" value=(to.as_str());
                                @if i == 0 && *to > m.state {
                                    button type="submit" { (move_label(m.state, *to)) }
                                } @else {
                                    button.secondary type="submit" { (move_label(m.state, *to)) }
                                }
                            }
                        }
                    }
                    p.hint { "Moving ahead by more than one step records each step passed through." }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    to: String,
    version: Option<String>,
}

pub async fn transition(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(f): Form<MoveForm>,
) -> WebResult<Response> {
    let outcome = match f.to.parse::<Stage>() {
        Ok(to) => crate::mistakes::lifecycle::move_to(
            &state,
            &me.user,
            &id,
            &Expect::from_form(f.version.as_deref()),
            MoveBody { to, at: None },
        )
        .await
        .map(drop),
        Err(e) => Err(ApiError::unprocessable(e.to_string())),
    };
    after(&state, &me, &id, "lifecycle", outcome).await
}
