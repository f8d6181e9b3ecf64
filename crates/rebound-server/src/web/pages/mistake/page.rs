//! Loads a mistake for the person looking (through the guard: no access is
//! a 404 page) and lays out its sections in the order of the work.

use super::{
    checks, comments, commits, export, heads_up, keep_showing_up, lifecycle, links, note, people,
    timeline, times, updates,
};
use crate::delivery::SentView;
use crate::reflections::showing_up::{self, WinView};
use crate::sharing::links::LinkView;
use crate::sharing::views::{CommentView, comment_list};
use crate::state::AppState;
use crate::web::error::{WebError, WebResult};
use crate::web::layout::{self, Nav};
use crate::web::me::Me;
use crate::web::widgets::{date, state_pill, target_pill, update_pill};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::{Mistake, SelfCarePlan, User};
use rebound_store::{Acknowledgement, Stakeholder};

/// What every section renders from.
pub struct View<'a> {
    pub m: &'a Mistake,
    pub now: &'a Zoned,
    pub csrf: &'a str,
    /// Who is looking.
    pub me: &'a User,
    pub owner: bool,
    /// A refused form: which section, and why.
    pub problem: Option<&'a Problem>,
    /// Comments and replies with their scores, oldest first.
    pub comments: Vec<CommentView>,
    pub stakeholders: Vec<Stakeholder>,
    pub affected: Vec<String>,
    pub acknowledgements: Vec<Acknowledgement>,
    /// Share links (the owner's only; empty for anyone else).
    pub links: Vec<LinkView>,
    /// People the owner can name as stakeholders (empty for anyone else).
    pub people: Vec<User>,
    /// A share link just made: its address, shown this once.
    pub fresh_link: Option<&'a str>,
    /// The owner's wins logged after this mistake, newest first (personal
    /// records: empty for anyone else).
    pub wins: Vec<WinView>,
    /// The owner's self-care plan, whatever it follows (None for anyone else).
    pub self_care: Option<SelfCarePlan>,
    /// Whether this server can send email (the heads-up's send form).
    pub mail: bool,
    /// What the owner sent about it from Rebound (empty for anyone else).
    pub sent: Vec<SentView>,
}

pub struct Problem {
    pub section: &'static str,
    pub message: String,
    /// What was typed into the refused form, to show it again.
    pub kept: Vec<(String, String)>,
}

/// What a page shows once, after a post, besides the record.
#[derive(Default)]
pub struct Extra {
    pub problem: Option<Problem>,
    pub fresh_link: Option<String>,
}

impl View<'_> {
    /// The problem's message, if it belongs to `section`.
    pub fn problem_in(&self, section: &str) -> Option<&str> {
        self.problem
            .filter(|p| p.section == section)
            .map(|p| p.message.as_str())
    }

    /// A field of the refused form in `section`, as it was typed.
    pub fn kept(&self, section: &str, field: &str) -> Option<&str> {
        self.problem
            .filter(|p| p.section == section)
            .and_then(|p| p.kept.iter().find(|(k, _)| k == field))
            .map(|(_, v)| v.as_str())
    }

    pub fn action(&self, path: &str) -> String {
        format!("/m/{}/{path}", self.m.id)
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> WebResult<Response> {
    render(&state, &me, &id, None).await
}

/// The page, with a refused form's reason when there is one.
pub async fn render(
    state: &AppState,
    me: &Me,
    id: &str,
    problem: Option<Problem>,
) -> WebResult<Response> {
    render_with(
        state,
        me,
        id,
        Extra {
            problem,
            fresh_link: None,
        },
    )
    .await
}

/// The page with whatever a post left to show once.
pub async fn render_with(state: &AppState, me: &Me, id: &str, extra: Extra) -> WebResult<Response> {
    let g = crate::mistakes::read::open(state, &me.user, id).await?;
    let now = state.clock.now_for(&me.user);
    let m = g.mistake();
    let owner = m.owner.as_ref() == Some(&me.user.id);
    // Everything below is read through the same grant, which asks the
    // policy again for each part.
    let comments = comment_list(&g).await?;
    let stakeholders = g.stakeholders().await?;
    let affected = g.affected().await?;
    let acknowledgements = g.acknowledgements().await?;
    let (links, people) = if owner {
        let at = now.timestamp();
        let links = g
            .share_links()
            .await?
            .into_iter()
            .map(|l| crate::sharing::links::view(l, at))
            .collect();
        let people = crate::sharing::stakeholders::nameable(state, &me.user).await?;
        (links, people)
    } else {
        (Vec::new(), Vec::new())
    };
    // Personal records, through the API's own functions (the personal
    // door names the signed-in person as owner), and only for the owner.
    let (wins, self_care) = if owner {
        let wins = showing_up::wins_for(state, &me.user)
            .await?
            .into_iter()
            .filter(|w| w.win.mistake.as_ref() == Some(&m.id))
            .collect();
        let plan = showing_up::self_care_for(state, &me.user).await?.plan;
        (wins, plan)
    } else {
        (Vec::new(), None)
    };
    // Only the owner can send, and only what they sent is listed; nothing
    // was sent from Rebound before the heads-up was marked sent.
    let sent = if owner && m.heads_up.sent_at.is_some() {
        crate::mistakes::heads_up::sent_about(state, &me.user, id).await?
    } else {
        Vec::new()
    };
    let view = View {
        m,
        now: &now,
        csrf: &me.csrf,
        me: &me.user,
        owner,
        problem: extra.problem.as_ref(),
        comments,
        stakeholders,
        affected,
        acknowledgements,
        links,
        people,
        fresh_link: extra.fresh_link.as_deref(),
        wins,
        self_care,
        mail: state.settings.delivery.mail.is_some(),
        sent,
    };
    let clocks = m.clocks(now.timestamp());
    let body = html! {
        header.card.record-head {
            div.row {
                h1 { (m.title) }
                (state_pill(m.state))
            }
            @if !owner { (people::banner(&view)) }
            p.muted { "Detected " (date(m.detected_at, &now)) " · severity " (m.severity.as_str()) }
            (times::facts(&view))
            div.clocks {
                (target_pill("Timeline", &clocks.timeline))
                (target_pill("Note", &clocks.note))
                @if let Some(u) = &clocks.next_update { (update_pill(u, &now)) }
            }
            @if owner { (next_step(&view)) }
            @if owner { p { a href={ "/m/" (m.id) "/reflect" } { "Reflect on this mistake (private to you)" } } }
            (contents(&view))
        }
        (heads_up::section(&view))
        (timeline::section(&view))
        (note::section(&view))
        (commits::section(&view))
        (checks::section(&view))
        (lifecycle::section(&view))
        (updates::section(&view))
        (people::section(&view))
        (comments::section(&view))
        (export::section(&view))
        @if owner { (links::section(&view)) }
        @if owner { (keep_showing_up::section(&view)) }
        @if owner { p { a.danger href={ "/m/" (m.id) "/delete" } { "Delete this mistake\u{2026}" } } }
    };
    let status = match &extra.problem {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = layout::page(
        &m.title,
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
            unread: me.unread,
        },
        body,
    );
    Ok((status, page).into_response())
}

/// The one thing to do next, for the owner, in the order of the work.
fn next_step(v: &View) -> Markup {
    let m = v.m;
    let step: Option<(&str, &str)> = if m.heads_up.sent_at.is_none() && v.mail {
        Some((
            "heads-up",
            "Send the heads-up from here, or send it yourself and mark it sent.",
        ))
    } else if m.heads_up.sent_at.is_none() {
        Some(("heads-up", "Send the heads-up, then mark it sent."))
    } else if m.timeline.is_empty() {
        Some((
            "timeline",
            "Write down what happened, in order, on the timeline.",
        ))
    } else if !m.note.is_complete() {
        Some(("note", "Fill in the follow-up note."))
    } else if m.impact_checked_at.is_none() || m.prevention_checked_at.is_none() {
        Some((
            "checks",
            "Tick the two checkboxes once the note covers them.",
        ))
    } else if m.state.is_open() {
        Some(("lifecycle", "Move the record on when the work is done."))
    } else {
        None
    };
    html! {
        @if let Some((anchor, text)) = step {
            p.next-step {
                strong { "Next step: " }
                a href={ "#" (anchor) } { (text) }
            }
        } @else {
            p.next-step { "This record is closed. Thank you for seeing it through." }
        }
    }
}

/// Links to each section, so a long page stays easy to move around.
fn contents(v: &View) -> Markup {
    let mut items = vec![
        ("heads-up", "Heads-up"),
        ("timeline", "Timeline"),
        ("note", "Note"),
        ("commits", "Commits"),
        ("checks", "Checkboxes"),
        ("lifecycle", "Progress"),
        ("updates", "Updates"),
        ("people", "People"),
        ("comments", "Comments"),
        ("export", "Export"),
    ];
    if v.owner {
        items.push(("share-links", "Share links"));
        items.push(("keep-showing-up", "Keep showing up"));
    }
    html! {
        nav.on-this-page aria-label="On this page" {
            ul {
                @for (anchor, label) in items {
                    li { a href={ "#" (anchor) } { (label) } }
                }
            }
        }
    }
}

/// After a form post: back to the page at `section`, or the page again with
/// the reason the post was refused (a 404 stays a 404 page).
pub async fn after(
    state: &AppState,
    me: &Me,
    id: &str,
    section: &'static str,
    outcome: Result<(), crate::error::ApiError>,
) -> WebResult<Response> {
    after_keeping(state, me, id, section, outcome, Vec::new()).await
}

/// Like `after`, showing what was typed again if the post is refused, so
/// nobody has to write it twice.
pub async fn after_keeping(
    state: &AppState,
    me: &Me,
    id: &str,
    section: &'static str,
    outcome: Result<(), crate::error::ApiError>,
    kept: Vec<(String, String)>,
) -> WebResult<Response> {
    match outcome {
        Ok(()) => Ok(crate::web::respond::see_other(&format!(
            "/m/{id}#{section}"
        ))),
        Err(e) if e.status == StatusCode::NOT_FOUND => Err(WebError::not_found()),
        Err(e) => {
            let message = if e.code == "stale" {
                crate::web::error::stale(!kept.is_empty())
            } else {
                crate::web::error::sentence(&e.message)
            };
            let problem = Problem {
                section,
                message,
                kept,
            };
            render(state, me, id, Some(problem)).await
        }
    }
}
