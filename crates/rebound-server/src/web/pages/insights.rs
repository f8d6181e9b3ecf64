//! Insights for leaders (`/insights`): the views the asker may pick from
//! (their reports; for administrators the organisation and each team) as
//! links, and the chosen one's figures or the reason they are withheld —
//! the same answer as `GET /api/v1/insights` (the page calls
//! `insights::view_for`). Without a choice, administrators see the
//! organisation and everyone else their reports.

use crate::insights::{self as api, InsightsQuery, InsightsView};
use crate::state::AppState;
use crate::web::charts::{self, Bar, span};
use crate::web::error::WebResult;
use crate::web::layout;
use crate::web::me::Me;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use maud::{Markup, html};
use rebound_domain::Role;
use rebound_domain::insights::GroupFigures;

pub fn router() -> Router<AppState> {
    Router::new().route("/insights", get(page))
}

fn href(q: &InsightsQuery) -> String {
    match (&q.team, &q.reports) {
        (Some(t), _) => format!("/insights?team={t}"),
        (None, Some(_)) => "/insights?reports=me".into(),
        (None, None) => "/insights".into(),
    }
}

pub async fn page(
    State(state): State<AppState>,
    me: Me,
    Query(mut q): Query<InsightsQuery>,
) -> WebResult<Markup> {
    if q.team.is_none() && q.reports.is_none() && me.user.role != Role::Admin {
        q.reports = Some("me".into());
    }
    let view = api::view_for(&state, &me.user, &q).await?;
    let choices = api::choices_for(&state, &me.user).await?;
    let here = href(&q);
    let heading = match (&view.team, view.scope) {
        (Some(t), _) => format!("Team {}", t.name),
        (None, "reports") => "Your reports".to_string(),
        _ => "The organisation".to_string(),
    };
    let body = html! {
        section.card {
            h1 { "Insights" }
            p.lead { "How fast mistakes are owned and noted, what kinds of error come up, and recoveries — for groups of at least five people, never anyone on their own, and never anyone's reflections, principles or notes." }
            @if !choices.is_empty() {
                nav aria-label="Groups" {
                    ul.plain.inline {
                        @for (label, c) in &choices {
                            @let to = href(c);
                            li { @if to == here { strong aria-current="page" { (label) } } @else { a href=(to) { (label) } } }
                        }
                    }
                }
            }
        }
        section.card aria-labelledby="group" {
            h2 #group { (heading) }
            @match (&view.figures, view.withheld) {
                (Some(f), _) => (figures(&view, f)),
                (None, Some(why)) => p #withheld { "Nothing to show: " (why) "." },
                (None, None) => p { "Nothing to show." },
            }
        }
    };
    Ok(layout::page("Insights", &me.nav(), body))
}

fn or_none(secs: Option<u64>) -> String {
    secs.map(span).unwrap_or_else(|| "—".into())
}

fn figures(view: &InsightsView, f: &GroupFigures) -> Markup {
    let bars: Vec<Bar> = (f.failure_types.iter())
        .map(|c| Bar {
            label: c.label.clone(),
            value: Some(u64::from(c.count)),
            shown: c.count.to_string(),
        })
        .collect();
    let listed: Vec<String> = (f.failure_types.iter())
        .map(|c| format!("{} {}", c.label, c.count))
        .collect();
    let desc = format!(
        "Reflections in the group naming each failure type, group totals: {}.",
        listed.join(", ")
    );
    let r = &f.recoveries;
    html! {
        p #people { "Over " strong { (view.people.unwrap_or(0)) } " people and " (f.mistakes) " mistakes." }
        table #speed {
            caption { "How fast mistakes are owned and noted (medians)" }
            thead { tr { th scope="col" { "" } th scope="col" { "Mistakes" } th scope="col" { "Median time" } } }
            tbody {
                tr { th scope="row" { "Heads-up sent" } td { (f.owned) } td #own-median { (or_none(f.time_to_own_median_secs)) } }
                tr { th scope="row" { "Note written" } td { (f.noted) } td #note-median { (or_none(f.time_to_note_median_secs)) } }
            }
        }
        div.figures {
            figure.chart { (charts::bars("type-chart", "Failure types across the group", &desc, &bars)) }
            table #type-table {
                caption { "Failure types across the group (totals only)" }
                thead { tr { th scope="col" { "Failure type" } th scope="col" { "Reflections" } } }
                tbody { @for c in &f.failure_types { tr { th scope="row" { (c.label) } td { (c.count) } } } }
            }
        }
        table #recoveries {
            caption { "Recovery plans" }
            thead { tr { th scope="col" { "Started" } th scope="col" { "Ended" } th scope="col" { "Ended recovered" } } }
            tbody { tr { td { (r.started) } td { (r.ended) } td { (r.recovered) } } }
        }
    }
}
