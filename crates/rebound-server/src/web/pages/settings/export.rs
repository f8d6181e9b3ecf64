//! Settings → "Your data": download everything of yours as one zip (the
//! API's own operation, served as an attachment; no script needed), and
//! the archives an administrator made of your data on a formal request.

use crate::export_data::{self, FormalExport};
use crate::state::AppState;
use crate::web::error::WebResult;
use crate::web::me::Me;
use crate::web::widgets::date;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use jiff::Zoned;
use maud::{Markup, html};

/// GET `/settings/export`: the zip itself.
pub async fn download(State(state): State<AppState>, me: Me) -> WebResult<Response> {
    Ok(export_data::archive(&state, &me.user)
        .await?
        .into_response())
}

pub(super) fn section(made: &[FormalExport], now: &Zoned) -> Markup {
    html! {
        section.card #your-data aria-labelledby="data-h" {
            h2 #data-h { "Your data" }
            p {
                "One zip with everything of yours: your mistakes with every part, "
                "your comments and upvotes elsewhere, reflections, principles with every wording, "
                "wins, self-care, recovery plans about you as you see them, notifications and preferences. "
                "It holds the data as JSON for programs and as Markdown for people; its README says what each file is."
            }
            p { a.button href="/settings/export" download { "Download my data" } }
            @if !made.is_empty() {
                h3 { "Copies made by an administrator" }
                p.small.muted { "On a formal request, with any private notes your managers keep about you." }
                ul {
                    @for m in made {
                        li { (m.by_name) ", " (date(m.at, now)) }
                    }
                }
            }
        }
    }
}
