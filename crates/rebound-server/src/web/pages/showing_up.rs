//! Keep showing up (at `/recovery`, a public address kept as it was): the
//! log of wins and the self-care reset plan — the person's own records,
//! not the manager's recovery plans — each optionally tied to one of your
//! own mistakes (picked from a list of them; `?mistake=ID` picks one in advance, as the
//! mistake page's links do). All private to you; every post goes through
//! the API's functions, which accept only a mistake of your own: any other
//! id — someone else's, or none at all — is a 404, shown beside the form
//! with what was typed.

use crate::error::ApiError;
use crate::reflections::showing_up::{self, NewWinBody, SelfCareBody};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::form::{Form, given};
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::Mistake;
use rebound_domain::reflection::{MAX_WIN, SELF_CARE_IDEAS};
use rebound_store::ListFilter;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/recovery", get(page))
        .route("/recovery/wins", post(add_win))
        .route("/recovery/self-care", post(self_care))
}

/// What a refused post had in it, to show again beside its form.
#[derive(Default)]
struct Typed {
    /// "wins" or "self-care".
    section: &'static str,
    message: String,
    /// The mistake picked, if it is one of the person's own.
    mistake: Option<String>,
    win: String,
    /// The self-care ideas ticked and the person's own lines, as typed.
    ideas: Vec<String>,
    own: String,
}

/// Said when the mistake picked is not one of the person's own (someone
/// else's, or no such id): the same for both, so it reveals nothing.
const NOT_YOURS: &str =
    "There is no such mistake of yours. Choose one of your own mistakes from the list, or none.";

/// The person's own mistakes, newest first, for the pickers.
pub(crate) async fn own_mistakes(state: &AppState, me: &Me) -> WebResult<Vec<Mistake>> {
    let mut mine: Vec<Mistake> = crate::mistakes::read::visible(state, &me.user, ListFilter::All)
        .await?
        .into_iter()
        .filter(|m| m.owner.as_ref() == Some(&me.user.id))
        .collect();
    mine.sort_by_key(|m| std::cmp::Reverse(m.detected_at));
    Ok(mine)
}

fn mistake_picker(id: &str, mine: &[Mistake], selected: Option<&str>, now: &Zoned) -> Markup {
    let hint = format!("{id}-hint");
    html! {
        label for=(id) { "After which of your mistakes? (optional)" }
        span.hint id=(hint) { "Only your own mistakes are listed." }
        select id=(id) name="mistake" aria-describedby=(hint) {
            option value="" selected[selected.is_none()] { "None in particular" }
            @for m in mine {
                option value=(m.id) selected[selected == Some(m.id.as_str())] {
                    (m.title) " (" (m.detected_at.to_zoned(now.time_zone().clone()).strftime("%-d %b %Y").to_string()) ")"
                }
            }
        }
    }
}

async fn markup(
    state: &AppState,
    me: &Me,
    picked: Option<&str>,
    typed: Option<&Typed>,
) -> WebResult<Markup> {
    let wins = showing_up::wins_for(state, &me.user).await?;
    let care = showing_up::self_care_for(state, &me.user).await?;
    let mine = own_mistakes(state, me).await?;
    let now = state.clock.now_for(&me.user);
    let typed_in = |section: &str| typed.filter(|t| t.section == section);
    let stored: Vec<String> = care
        .plan
        .as_ref()
        .map(|p| p.items.clone())
        .unwrap_or_default();
    // The plan's items as the form shows them: what was just typed if the
    // post was refused, else what is stored.
    let (ticked, own): (Vec<String>, String) = match typed_in("self-care") {
        Some(t) => (t.ideas.clone(), t.own.clone()),
        None => (
            stored.clone(),
            stored
                .iter()
                .filter(|i| !SELF_CARE_IDEAS.contains(&i.as_str()))
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    };
    let win_mistake = match typed_in("wins") {
        Some(t) => t.mistake.as_deref(),
        None => picked,
    };
    let plan_mistake = match typed_in("self-care") {
        Some(t) => t.mistake.clone(),
        None => picked.map(str::to_string).or_else(|| {
            care.plan
                .as_ref()
                .and_then(|p| p.mistake.as_ref())
                .map(|m| m.to_string())
        }),
    };
    let plan_follows = care
        .plan
        .as_ref()
        .and_then(|p| p.mistake.as_ref())
        .and_then(|id| mine.iter().find(|m| &m.id == id));
    let body = html! {
        section.card #wins {
            h1 { "The way back" }
            p.lead { "Keep showing up: visible, good work after a mistake is what people remember. Private to you." }
            p { a href="/reflections" { "Your reflections" } " · " a href="/manual" { "Operating Manual" } }
            h2 { "Wins" }
            (alert(typed_in("wins").map(|t| t.message.as_str())))
            form method="post" action="/recovery/wins" {
                (csrf_field(&me.csrf))
                label for="win" { "Something good you did, that others could see" }
                input #win type="text" name="text" required maxlength=(MAX_WIN)
                    value=(typed_in("wins").map(|t| t.win.as_str()).unwrap_or(""));
                (mistake_picker("win-mistake", &mine, win_mistake, &now))
                button type="submit" { "Log it" }
            }
            @if wins.is_empty() {
                p.hint { "No wins logged yet." }
            } @else {
                ul {
                    @for w in &wins {
                        li {
                            (w.win.text) " — " (date(w.win.at, &now))
                            @if let (Some(id), Some(t)) = (&w.win.mistake, &w.mistake_title) {
                                " (after " a href={ "/m/" (id) "#keep-showing-up" } { (t) } ")"
                            }
                        }
                    }
                }
            }
        }
        section.card #self-care {
            h2 { "Self-care reset plan" }
            p.hint { "Recovery is part of performance, not a reward. Pick what you will do, and add your own." }
            (alert(typed_in("self-care").map(|t| t.message.as_str())))
            form method="post" action="/recovery/self-care" {
                (csrf_field(&me.csrf))
                fieldset {
                    legend { "My plan" }
                    @for (i, idea) in SELF_CARE_IDEAS.iter().enumerate() {
                        label.check {
                            input type="checkbox" name={ "idea" (i) } value=(idea) checked[ticked.iter().any(|x| x == idea)];
                            span { (idea) }
                        }
                    }
                }
                label for="own" { "In my own words (one per line)" }
                textarea #own name="own" rows="3" { (own) }
                (mistake_picker("care-mistake", &mine, plan_mistake.as_deref(), &now))
                button type="submit" { "Save my plan" }
            }
            @if let Some(p) = &care.plan {
                p.hint {
                    "Saved " (date(p.updated_at, &now))
                    @if let Some(m) = plan_follows {
                        ", after " a href={ "/m/" (m.id) "#keep-showing-up" } { (m.title) }
                    }
                    "."
                }
            }
        }
    };
    Ok(layout::page(
        "The way back",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    ))
}

#[derive(Deserialize, Default)]
pub struct PageParams {
    mistake: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    me: Me,
    Query(params): Query<PageParams>,
) -> WebResult<Markup> {
    let picked = given(params.mistake);
    if let Some(id) = &picked {
        // Picking in advance works only for a mistake of your own.
        crate::reflections::own_mistake(&state, &me.user, id).await?;
    }
    markup(&state, &me, picked.as_deref(), None).await
}

/// The page again after the API refused a post: someone else's mistake
/// (or none by that id) is a 404 with `NOT_YOURS`, the pick cleared;
/// anything else is the API's status and sentence, the pick kept.
async fn refused(state: &AppState, me: &Me, e: ApiError, mut typed: Typed) -> WebResult<Response> {
    let status = if e.status == StatusCode::NOT_FOUND {
        if typed.mistake.is_none() {
            return Err(WebError::not_found());
        }
        typed.message = NOT_YOURS.into();
        typed.mistake = None;
        StatusCode::NOT_FOUND
    } else {
        let e = WebError::from(e);
        typed.message = e.message;
        e.status
    };
    let page = markup(state, me, None, Some(&typed)).await?;
    Ok((status, page).into_response())
}

#[derive(Deserialize)]
pub struct WinForm {
    #[serde(default)]
    text: String,
    mistake: Option<String>,
}

pub async fn add_win(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<WinForm>,
) -> WebResult<Response> {
    let mistake = given(f.mistake);
    let body = NewWinBody {
        text: f.text.clone(),
        mistake: mistake.clone(),
    };
    match showing_up::add_win_for(&state, &me.user, body).await {
        Ok(_) => Ok(see_other("/recovery#wins")),
        Err(e) => {
            let typed = Typed {
                section: "wins",
                mistake,
                win: f.text,
                ..Typed::default()
            };
            refused(&state, &me, e, typed).await
        }
    }
}

#[derive(Deserialize)]
pub struct SelfCareForm {
    idea0: Option<String>,
    idea1: Option<String>,
    idea2: Option<String>,
    idea3: Option<String>,
    idea4: Option<String>,
    idea5: Option<String>,
    #[serde(default)]
    own: String,
    mistake: Option<String>,
}

pub async fn self_care(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<SelfCareForm>,
) -> WebResult<Response> {
    let ideas: Vec<String> = [f.idea0, f.idea1, f.idea2, f.idea3, f.idea4, f.idea5]
        .into_iter()
        .flatten()
        .collect();
    let mut items = ideas.clone();
    items.extend(f.own.lines().map(str::to_string));
    let mistake = given(f.mistake);
    let body = SelfCareBody {
        items,
        mistake: mistake.clone(),
    };
    match showing_up::set_self_care_for(&state, &me.user, body).await {
        Ok(_) => Ok(see_other("/recovery#self-care")),
        Err(e) => {
            let typed = Typed {
                section: "self-care",
                mistake,
                ideas,
                own: f.own,
                ..Typed::default()
            };
            refused(&state, &me, e, typed).await
        }
    }
}
