//! What a guest sees once in: the follow-up note, the updates, and the
//! comments with replies and upvotes — read through the guest operation
//! with this guest's cookie, nothing else of the mistake.

use super::{Draft, gone};
use crate::sharing::guest as shared_with_guest;
use crate::sharing::views::{AuthorKind, CommentView, SharedView};
use crate::state::AppState;
use crate::web::csrf;
use crate::web::error::WebResult;
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::markdown;
use crate::web::respond::page_with_cookie;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use maud::{Markup, html};
use rebound_domain::TokenHash;
use rebound_store::GuestSession;
use std::collections::HashMap;

/// The shared record, read through the guest API with this guest's cookie.
pub(super) async fn shared(
    state: &AppState,
    headers: &HeaderMap,
    hash: TokenHash,
    s: &GuestSession,
    draft: Option<&Draft>,
) -> WebResult<Response> {
    let secure = state.settings.secure_cookies;
    let view = match shared_with_guest::read(state, Some(&hash)).await {
        Ok(v) => v,
        Err(e) if e.status == StatusCode::NOT_FOUND => return Ok(gone(secure)),
        Err(e) => return Err(e.into()),
    };
    let csrf = csrf::expected(headers, secure).unwrap_or_default();
    // A guest has no account: times are on the browser's clock once the
    // script has told us its zone (`rebound_tz`), on the owner's until then
    // (UTC if theirs is unknown), and always named.
    let owners = view
        .time_zone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok());
    let zone = browser_zone(headers).or(owners).unwrap_or(TimeZone::UTC);
    let now = state.clock.now().to_zoned(zone);
    let name = s.name.to_string();
    let zone = now.time_zone().iana_name().unwrap_or("UTC").to_string();
    let body = html! {
        div data-times-in=(zone) {
        header.card {
            p.small.muted { "Shared with you through a link" }
            h1 { (view.title) }
        }
        (note_section(&view, &now))
        (updates_section(&view, &now))
        (comments_section(&view, &csrf, &name, draft, &now))
        section.card.leave aria-labelledby="leave-h" {
            h2 #leave-h { "Done here?" }
            p.small.muted { "Leaving takes this browser off the link. Your comments stay." }
            form method="post" action="/s/leave" {
                (csrf_field(&csrf))
                button.secondary type="submit" { "Leave" }
            }
        }
        }
    };
    Ok(page_with_cookie(
        StatusCode::OK,
        layout::page(&view.title, &Nav::Guest { name: &name }, body),
        None,
    ))
}

fn text_or_unknown(text: Option<&str>) -> Markup {
    html! {
        @match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => div.prose { (markdown::render(t)) },
            None => span.muted { "Not known yet." },
        }
    }
}

fn note_section(v: &SharedView, now: &Zoned) -> Markup {
    let n = &v.note;
    let who = match (n.impact.who.as_deref(), n.impact.how_many.as_deref()) {
        (Some(w), Some(h)) => Some(format!("{w} ({h})")),
        (Some(w), None) => Some(w.to_string()),
        (None, Some(h)) => Some(h.to_string()),
        (None, None) => None,
    };
    let owner = n.owner.as_deref().map(|o| {
        if ["me", "i", "myself"].contains(&o.trim().to_lowercase().as_str()) {
            "The person who made the mistake."
        } else {
            o
        }
    });
    html! {
        section.card #note aria-labelledby="note-h" {
            h2 #note-h { "Follow-up note" }
            dl.facts {
                dt { "Who was affected" }
                dd { (text_or_unknown(who.as_deref())) }
                dt { "Since" }
                dd {
                    @match n.impact.since {
                        Some(t) => (date(t, now)),
                        None => span.muted { "Not known yet." },
                    }
                }
                dt { "What was wrong" }
                dd { (text_or_unknown(n.impact.what_wrong.as_deref())) }
                dt { "Containment" }
                dd { (text_or_unknown(n.containment.as_deref())) }
                dt { "Fix" }
                dd {
                    (text_or_unknown(n.fix.as_deref()))
                    @if let Some(due) = n.fix_due { p.small { "Due " (date(due, now)) } }
                }
                dt { "Prevention" }
                dd {
                    @if n.prevention.is_empty() {
                        span.muted { "Not defined yet." }
                    } @else {
                        ul {
                            @for p in &n.prevention {
                                li { strong { (capitalised(p.kind.as_str())) ": " } (p.text) }
                            }
                        }
                    }
                }
                dt { "Follow-up owner" }
                dd { (text_or_unknown(owner)) }
            }
        }
    }
}

fn updates_section(v: &SharedView, now: &Zoned) -> Markup {
    html! {
        section.card #updates aria-labelledby="updates-h" {
            h2 #updates-h { "Updates" }
            @if v.updates.is_empty() {
                p.muted { "No updates yet." }
            } @else {
                p.small.muted { "Newest first." }
                ul.plain.items {
                    @for u in v.updates.iter().rev() {
                        li {
                            p.small.muted { (date(u.at, now)) }
                            div.prose { (markdown::render(&u.text)) }
                        }
                    }
                }
                @if let (true, Some(oldest)) = (v.older_updates > 0, v.updates.first()) {
                    p {
                        a href={ "/s/updates?before=" (oldest.id) } {
                            "Older updates (" (v.older_updates) ")"
                        }
                    }
                }
            }
        }
    }
}

/// Comments in reading order: each followed by its replies, oldest first,
/// with how deep it sits (worked out without recursion, so a long chain of
/// replies cannot exhaust the stack).
fn thread(comments: &[CommentView]) -> Vec<(&CommentView, usize)> {
    let known: std::collections::HashSet<&str> = comments.iter().map(|c| c.id.as_str()).collect();
    let mut replies: HashMap<&str, Vec<&CommentView>> = HashMap::new();
    let mut top = Vec::new();
    for c in comments {
        match c.parent.as_ref().map(|p| p.as_str()) {
            Some(p) if known.contains(p) => replies.entry(p).or_default().push(c),
            _ => top.push(c),
        }
    }
    let mut out = Vec::with_capacity(comments.len());
    let mut stack: Vec<(&CommentView, usize)> = top.into_iter().rev().map(|c| (c, 0)).collect();
    while let Some((c, depth)) = stack.pop() {
        out.push((c, depth));
        if let Some(rs) = replies.get(c.id.as_str()) {
            stack.extend(rs.iter().rev().map(|r| (*r, depth + 1)));
        }
    }
    out
}

fn comments_section(
    v: &SharedView,
    csrf: &str,
    name: &str,
    draft: Option<&Draft>,
    now: &Zoned,
) -> Markup {
    let new_draft = draft.filter(|d| d.parent.is_none());
    html! {
        section.card #comments aria-labelledby="comments-h" {
            h2 #comments-h { "Conversation" }
            @if v.comments.is_empty() {
                p.muted { "No comments yet. Questions are welcome." }
            }
            div.guest-thread {
                @for (c, depth) in thread(&v.comments) {
                    (comment_card(c, depth, csrf, draft, now))
                }
            }
            form.new-comment method="post" action="/s/comments" {
                (csrf_field(csrf))
                (alert(new_draft.map(|d| d.message.as_str())))
                label for="comment-body" { "Add a comment" }
                span.hint #comment-hint { "You comment as " strong { (name) } ". Markdown works." }
                textarea #comment-body name="body" required maxlength="5000" aria-describedby="comment-hint" {
                    (new_draft.map(|d| d.body.as_str()).unwrap_or(""))
                }
                button type="submit" { "Post comment" }
            }
        }
    }
}

fn comment_card(
    c: &CommentView,
    depth: usize,
    csrf: &str,
    draft: Option<&Draft>,
    now: &Zoned,
) -> Markup {
    let id = c.id.as_str();
    let reply_draft = draft.filter(|d| d.parent.as_deref() == Some(id));
    let reply_id = format!("reply-{id}");
    let upvotes = if c.score == 1 { "upvote" } else { "upvotes" };
    // The same layout and Markdown as the members' page (mistake/comments.rs).
    html! {
        article class={ "comment depth-" (depth.min(3)) } id={ "comment-" (id) } aria-labelledby={ "comment-by-" (id) } {
            p.comment-meta {
                strong id={ "comment-by-" (id) } { (c.author.name) }
                @if matches!(c.author.kind, AuthorKind::Guest) { " " span.pill { "guest" } }
                @if c.mine { " " span.pill { "you" } }
                " · " (date(c.created_at, now))
                @if c.edited_at.is_some() { " · edited" }
            }
            @if matches!(c.author.kind, AuthorKind::Removed) {
                p.muted { "Removed: its author deleted their account." }
            } @else {
                div.prose { (markdown::render(&c.body)) }
            }
            div.comment-actions {
                span.score { (c.score) } " " (upvotes)
                @if c.voted {
                    form.inline method="post" action={ "/s/comments/" (id) "/unvote" } {
                        (csrf_field(csrf))
                        button.link type="submit" aria-pressed="true" { "Take back my upvote" span.sr-only { " on the comment by " (c.author.name) } }
                    }
                } @else if !c.mine {
                    form.inline method="post" action={ "/s/comments/" (id) "/vote" } {
                        (csrf_field(csrf))
                        button.link type="submit" aria-pressed="false" { "Upvote" span.sr-only { " the comment by " (c.author.name) } }
                    }
                }
            }
            details.reply open[reply_draft.is_some()] {
                summary { "Reply" span.sr-only { " to " (c.author.name) } }
                form method="post" action="/s/comments" {
                    (csrf_field(csrf))
                    input type="hidden" name="parent" value=(id);
                    (alert(reply_draft.map(|d| d.message.as_str())))
                    label for=(reply_id) { "Your reply to " (c.author.name) }
                    textarea id=(reply_id) name="body" rows="2" required maxlength="5000" {
                        (reply_draft.map(|d| d.body.as_str()).unwrap_or(""))
                    }
                    button.small type="submit" { "Post reply" }
                }
            }
        }
    }
}

/// A day and time on the guest's clock, with the zone named:
/// "Sun 6 Dec 2026, 14:05 (Europe/Berlin)". The script rewrites the text
/// from `datetime` when the browser's zone differs.
pub(super) fn date(at: Timestamp, now: &Zoned) -> Markup {
    let z = at.to_zoned(now.time_zone().clone());
    let zone = now.time_zone().iana_name().unwrap_or("UTC");
    html! {
        time datetime=(at.to_string()) data-zoned {
            (z.strftime("%a %-d %b %Y, %H:%M").to_string()) " (" (zone) ")"
        }
    }
}

/// The zone the guest's browser reported (`rebound_tz`, set by app.js),
/// if it is one the time-zone database knows.
pub(super) fn browser_zone(headers: &HeaderMap) -> Option<TimeZone> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().strip_prefix("rebound_tz="))
        .filter(|name| {
            name.len() <= 64
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
        })
        .find_map(|name| TimeZone::get(name).ok())
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
