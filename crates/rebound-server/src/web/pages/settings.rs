//! Settings: my profile (name, time zone, working hours), API tokens for
//! the command line (a new one is shown once), and where I am signed in
//! (this browser marked; any other can be ended). Every read and change is
//! the API's own operation.

use crate::auth::profile::{self, ProfileBody};
use crate::auth::session::{SessionView, end_session_of, sessions_of};
use crate::auth::tokens::{self, IssuedTokenView, NewTokenBody, TokenView};
use crate::clock::now_for;
use crate::state::AppState;
use crate::web::error::{WebError, WebResult, sentence};
use crate::web::form::Form;
use crate::web::layout::{self, Nav, alert, csrf_field};
use crate::web::me::Me;
use crate::web::respond::see_other;
use crate::web::widgets::date;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Zoned;
use maud::{Markup, html};
use rebound_domain::WorkingHours;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(show))
        .route("/settings/profile", post(save_profile))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
        .route("/settings/sessions/{id}/end", post(end))
}

const DAYS: [(&str, &str); 7] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
];

#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    mon: Option<String>,
    tue: Option<String>,
    wed: Option<String>,
    thu: Option<String>,
    fri: Option<String>,
    sat: Option<String>,
    sun: Option<String>,
}

impl ProfileForm {
    fn from_user(u: &rebound_domain::User) -> Self {
        let on = |d: bool| d.then(|| "on".to_string());
        let (start, end, days) = match u.working_hours {
            Some(w) => (hhmm(w.start_minute()), hhmm(w.end_minute()), w.days()),
            None => (String::new(), String::new(), [false; 7]),
        };
        ProfileForm {
            display_name: u.display_name.to_string(),
            time_zone: u.time_zone.clone(),
            start,
            end,
            mon: on(days[0]),
            tue: on(days[1]),
            wed: on(days[2]),
            thu: on(days[3]),
            fri: on(days[4]),
            sat: on(days[5]),
            sun: on(days[6]),
        }
    }

    fn days(&self) -> [bool; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
        .map(Option::is_some)
    }

    /// No day and no times: no working hours. Anything else must be whole.
    fn working_hours(&self) -> Result<Option<WorkingHours>, String> {
        let days = self.days();
        let (start, end) = (self.start.trim(), self.end.trim());
        if !days.contains(&true) && start.is_empty() && end.is_empty() {
            return Ok(None);
        }
        if !days.contains(&true) || start.is_empty() || end.is_empty() {
            return Err(
                "To set working hours, tick at least one day and give both a start and an end. To have none, clear them all."
                    .into(),
            );
        }
        let start = minute_of_day(start, false)?;
        let end = minute_of_day(end, true)?;
        WorkingHours::new(start, end, days)
            .map(Some)
            .map_err(|e| sentence(&e.to_string()))
    }
}

/// "09:30" → 570. An end of "00:00" (or "24:00") is the midnight that ends
/// the day.
fn minute_of_day(s: &str, is_end: bool) -> Result<u16, String> {
    let bad = || format!("“{s}” is not a time of day: write it as 09:00 or 17:30.");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) || (h == 24 && !is_end) {
        return Err(bad());
    }
    let minute = h * 60 + m;
    Ok(if is_end && minute == 0 { 1440 } else { minute })
}

fn hhmm(minute: u16) -> String {
    let minute = minute % 1440;
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

/// What the page shows besides the stored facts.
#[derive(Default)]
struct Extra {
    notice: Option<&'static str>,
    /// A refused form: which section, and why.
    problem: Option<(&'static str, String)>,
    profile: Option<ProfileForm>,
    issued: Option<IssuedTokenView>,
    token_name: String,
}

impl Extra {
    fn problem_in(&self, section: &str) -> Option<&str> {
        self.problem
            .as_ref()
            .filter(|(s, _)| *s == section)
            .map(|(_, m)| m.as_str())
    }

    fn refused(section: &'static str, message: String) -> Self {
        Extra {
            problem: Some((section, message)),
            ..Extra::default()
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<Saved>,
) -> WebResult<Response> {
    let notice = match q.saved.as_deref() {
        Some("profile") => Some("Your profile is saved."),
        Some("revoked") => {
            Some("The token is revoked. Anything still using it is refused from now on.")
        }
        Some("ended") => Some("That session has ended. The browser will need to sign in again."),
        _ => None,
    };
    render(
        &state,
        &me,
        StatusCode::OK,
        Extra {
            notice,
            ..Extra::default()
        },
    )
    .await
}

pub async fn save_profile(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<ProfileForm>,
) -> WebResult<Response> {
    let refused = |message: String| Extra {
        profile: Some(f.clone()),
        ..Extra::refused("profile", message)
    };
    let working_hours = match f.working_hours() {
        Ok(w) => w,
        Err(message) => {
            let extra = refused(message);
            return render(&state, &me, StatusCode::UNPROCESSABLE_ENTITY, extra).await;
        }
    };
    let body = ProfileBody {
        display_name: f.display_name.clone(),
        time_zone: f.time_zone.trim().to_string(),
        working_hours,
    };
    match profile::save_profile(&state, &me.user, body).await {
        Ok(_) => Ok(see_other("/settings?saved=profile#profile")),
        Err(e) => {
            let e = WebError::from(e);
            render(&state, &me, e.status, refused(e.message)).await
        }
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    me: Me,
    Form(f): Form<TokenForm>,
) -> WebResult<Response> {
    let body = NewTokenBody {
        name: f.name.clone(),
    };
    match tokens::issue(&state, &me.user, body).await {
        // Shown on this response only: it is never stored or put in an address.
        Ok(issued) => {
            render(
                &state,
                &me,
                StatusCode::CREATED,
                Extra {
                    issued: Some(issued),
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) => {
            let e = WebError::from(e);
            let extra = Extra {
                token_name: f.name,
                ..Extra::refused("tokens", e.message)
            };
            render(&state, &me, e.status, extra).await
        }
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    tokens::revoke_token(&state, &me.user, &id).await?;
    Ok(see_other("/settings?saved=revoked#tokens"))
}

pub async fn end(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
    Form(_): Form<serde::de::IgnoredAny>,
) -> WebResult<Response> {
    end_session_of(&state, &me.user, &id).await?;
    Ok(see_other("/settings?saved=ended#sessions"))
}

async fn render(
    state: &AppState,
    me: &Me,
    status: StatusCode,
    extra: Extra,
) -> WebResult<Response> {
    let token_list = tokens::tokens_of(state, &me.user).await?;
    let session_list = sessions_of(state, &me.user, Some(&me.session)).await?;
    let now = now_for(&me.user);
    let profile = extra
        .profile
        .clone()
        .unwrap_or_else(|| ProfileForm::from_user(&me.user));
    let body = html! {
        h1 { "Settings" }
        nav.toc aria-label="On this page" {
            ul {
                li { a href="#profile" { "Profile" } }
                li { a href="#tokens" { "API tokens" } }
                li { a href="#sessions" { "Where you are signed in" } }
            }
        }
        @if let Some(n) = extra.notice { p.notice role="status" { (n) } }
        (profile_section(me, &profile, extra.problem_in("profile")))
        (tokens_section(me, &token_list, &extra, &now))
        (sessions_section(me, &session_list, &now))
    };
    let page = layout::page(
        "Settings",
        &Nav::Member {
            user: &me.user,
            csrf: &me.csrf,
        },
        body,
    );
    Ok((status, page).into_response())
}

fn profile_section(me: &Me, f: &ProfileForm, problem: Option<&str>) -> Markup {
    let days = f.days();
    html! {
        section.card #profile aria-labelledby="profile-h" {
            h2 #profile-h { "Profile" }
            (alert(problem))
            form method="post" action="/settings/profile" {
                (csrf_field(&me.csrf))
                label for="display_name" { "Your name" }
                span.hint #name-hint { "As colleagues see it beside your notes and comments." }
                input #display_name type="text" name="display_name" autocomplete="name" required maxlength="80" aria-describedby="name-hint" value=(f.display_name);
                p.small.muted {
                    "You sign in as " strong { (me.user.email) } ". To change it, ask an administrator."
                }
                label for="time_zone" { "Time zone" }
                span.hint #tz-hint { "A name such as Europe/Paris. Clocks, dates and reminders follow it." }
                input #time_zone type="text" name="time_zone" autocomplete="off" required aria-describedby="tz-hint" value=(f.time_zone);
                fieldset {
                    legend { "Working hours" }
                    span.hint #hours-hint { "Reminders wait for these hours. Leave everything empty to be reached at any time." }
                    div.days role="group" aria-describedby="hours-hint" {
                        @for (i, (name, label)) in DAYS.iter().enumerate() {
                            label.check.day {
                                input type="checkbox" name=(name) checked[days[i]];
                                span { (label) }
                            }
                        }
                    }
                    div.times {
                        div {
                            label for="start" { "From" }
                            input #start type="time" name="start" value=(f.start);
                        }
                        div {
                            label for="end" { "Until" }
                            input #end type="time" name="end" value=(f.end);
                        }
                    }
                }
                button type="submit" { "Save profile" }
            }
        }
    }
}

fn tokens_section(me: &Me, tokens: &[TokenView], extra: &Extra, now: &Zoned) -> Markup {
    html! {
        section.card #tokens aria-labelledby="tokens-h" {
            h2 #tokens-h { "API tokens" }
            p.muted { "For the rebound command line and your scripts. A token acts as you, so keep it like a password and revoke any you no longer use." }
            @if let Some(t) = &extra.issued {
                div.notice role="status" {
                    p { "Your new token " strong { "“" (t.name) "”" } " is ready. Copy it now: it is shown only this once." }
                    label for="new-token" { "Token" }
                    input #new-token type="text" readonly value=(t.token) autocomplete="off" spellcheck="false";
                    p.actions {
                        button.secondary.small type="button" data-copy="new-token" hidden { "Copy token" }
                    }
                }
            }
            (alert(extra.problem_in("tokens")))
            form method="post" action="/settings/tokens" {
                (csrf_field(&me.csrf))
                label for="token-name" { "What is it for?" }
                span.hint #token-hint { "For example: laptop CLI. Only you see this name." }
                input #token-name type="text" name="name" required maxlength="100" aria-describedby="token-hint" value=(extra.token_name);
                button type="submit" { "Create token" }
            }
            @if tokens.is_empty() {
                p.muted { "You have no tokens yet." }
            } @else {
                h3 { "Your tokens" }
                ul.plain.items {
                    @for t in tokens {
                        li {
                            div.row {
                                strong { (t.name) }
                                @if t.revoked_at.is_some() {
                                    span.pill.bad { "Revoked" }
                                } @else {
                                    span.pill.good { "Active" }
                                }
                            }
                            p.small.muted {
                                "Made " (date(t.created_at, now)) ". "
                                @match t.last_used_at {
                                    Some(at) => { "Last used " (date(at, now)) "." }
                                    None => { "Never used." }
                                }
                            }
                            @if t.revoked_at.is_none() {
                                form.actions method="post" action={ "/settings/tokens/" (t.id) "/revoke" } {
                                    (csrf_field(&me.csrf))
                                    button.danger.small type="submit" { "Revoke " span.sr-only { (t.name) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn sessions_section(me: &Me, sessions: &[SessionView], now: &Zoned) -> Markup {
    html! {
        section.card #sessions aria-labelledby="sessions-h" {
            h2 #sessions-h { "Where you are signed in" }
            p.muted { "If you see a browser you do not recognise, or one you left signed in elsewhere, sign it out here." }
            ul.plain.items {
                @for s in sessions {
                    li {
                        div.row {
                            strong { (browser(s.user_agent.as_deref())) }
                            @if s.current { span.pill.good { "This browser" } }
                        }
                        p.small.muted {
                            "Signed in " (date(s.created_at, now)) ". Last active " (date(s.last_seen_at, now)) "."
                        }
                        @if !s.current {
                            form.actions method="post" action={ "/settings/sessions/" (s.id) "/end" } {
                                (csrf_field(&me.csrf))
                                button.secondary.small type="submit" { "Sign out there" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A readable name for a session's browser, from its user agent.
fn browser(agent: Option<&str>) -> String {
    let Some(ua) = agent.filter(|a| !a.trim().is_empty()) else {
        return "Unknown browser".into();
    };
    let name = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| n);
    let os = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Mac OS X", "macOS"),
        ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(k, _)| ua.contains(k))
    .map(|(_, n)| n);
    match (name, os) {
        (Some(n), Some(o)) => format!("{n} on {o}"),
        (Some(n), None) => n.to_string(),
        _ => ua.chars().take(60).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_read_as_minutes_and_midnight_ends_the_day() {
        assert_eq!(minute_of_day("09:30", false), Ok(570));
        assert_eq!(minute_of_day("00:00", false), Ok(0));
        assert_eq!(minute_of_day("00:00", true), Ok(1440));
        assert_eq!(minute_of_day("24:00", true), Ok(1440));
        assert!(minute_of_day("24:00", false).is_err());
        assert!(minute_of_day("9", false).is_err());
        assert!(minute_of_day("12:60", false).is_err());
        assert_eq!(hhmm(1440), "00:00");
        assert_eq!(hhmm(570), "09:30");
    }

    #[test]
    fn working_hours_are_all_or_nothing() {
        let empty = ProfileForm::default();
        assert_eq!(empty.working_hours(), Ok(None));
        let half = ProfileForm {
            mon: Some("on".into()),
            ..ProfileForm::default()
        };
        assert!(half.working_hours().is_err());
        let whole = ProfileForm {
            mon: Some("on".into()),
            start: "09:00".into(),
            end: "17:00".into(),
            ..ProfileForm::default()
        };
        let w = whole.working_hours().unwrap().unwrap();
        assert_eq!((w.start_minute(), w.end_minute()), (540, 1020));
        assert_eq!(w.days(), [true, false, false, false, false, false, false]);
    }

    #[test]
    fn browsers_get_plain_names() {
        assert_eq!(
            browser(Some(
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
            )),
            "Firefox on Linux"
        );
        assert_eq!(browser(None), "Unknown browser");
        assert_eq!(browser(Some("curl/8.0")), "curl/8.0");
    }
}
