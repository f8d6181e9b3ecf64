//! One chat webhook's card on Settings → Notifications, mine or a team's:
//! where it posts (redacted), a remove button, and the form that adds or
//! replaces it. A refused URL's sentence (the API's own) is shown beside
//! the field, and the URL is never typed back: it may be a live secret.

use crate::error::ApiError;
use crate::web::error::{WebError, sentence};
use crate::web::layout::csrf_field;
use crate::web::me::Me;
use crate::web::widgets::date;
use crate::webhooks::{WebhookBody, WebhookView};
use axum::http::StatusCode;
use jiff::Zoned;
use maud::{Markup, html};
use serde::Deserialize;

/// What a webhook form held.
#[derive(Default, Clone, Deserialize)]
pub struct WebhookForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    label: String,
}

impl WebhookForm {
    /// The API's body for it, so the page and the API check alike.
    pub fn body(&self) -> WebhookBody {
        WebhookBody {
            url: self.url.clone(),
            format: self.format.clone(),
            label: Some(self.label.clone()),
        }
    }

    /// The form and the sentence to show beside its URL field, when the API
    /// refused what it held (422); any other error stays an error page.
    pub fn refused(self, e: ApiError) -> Result<(StatusCode, Refused), WebError> {
        if e.status != StatusCode::UNPROCESSABLE_ENTITY {
            return Err(e.into());
        }
        // Shown beside the URL field, so its sentence needs no "url:".
        let said = sentence(e.message.strip_prefix("url: ").unwrap_or(&e.message));
        Ok((e.status, (self, said)))
    }
}

/// A refused form and why.
pub type Refused = (WebhookForm, String);

/// One card: whose webhook, where its forms post, what it says.
pub struct Card<'a> {
    /// The section's id, and the prefix of its fields' ids.
    pub anchor: String,
    /// Where the form posts; removing posts to `{action}/remove`.
    pub action: String,
    pub heading: String,
    pub intro: String,
    pub hook: Option<&'a WebhookView>,
    pub refused: Option<&'a Refused>,
}

pub fn card(me: &Me, c: Card<'_>, now: &Zoned) -> Markup {
    let typed = c.refused.map(|(f, _)| f.clone()).unwrap_or_default();
    let problem = c.refused.map(|(_, m)| m.as_str());
    let format = if typed.format.is_empty() {
        c.hook
            .map(|h| h.format.clone())
            .unwrap_or_else(|| "slack".into())
    } else {
        typed.format.clone()
    };
    let id = |what: &str| format!("{}-{what}", c.anchor);
    let described = match problem {
        Some(_) => format!("{} {}", id("url-hint"), id("url-problem")),
        None => id("url-hint"),
    };
    html! {
        section.card id=(c.anchor) aria-labelledby=(id("h")) {
            h2 id=(id("h")) { (c.heading) }
            p.muted { (c.intro) " It works like a password, so it is never shown again in full." }
            @if let Some(h) = c.hook {
                p {
                    "Posting to " code { (h.url) } " (" (h.format) ")"
                    @if !h.label.is_empty() { ", “" (h.label) "”" }
                    ", set " (date(h.created_at, now)) "."
                }
                form.actions method="post" action=(format!("{}/remove", c.action)) {
                    (csrf_field(&me.csrf))
                    button.danger.small type="submit" { "Remove webhook" }
                }
            }
            form method="post" action=(c.action) novalidate {
                (csrf_field(&me.csrf))
                label for=(id("url")) { @if c.hook.is_some() { "Replace with URL" } @else { "Webhook URL" } }
                span.hint id=(id("url-hint")) { "Starts with https://. Copy it from your chat's incoming-webhook settings." }
                @if let Some(m) = problem { p.alert id=(id("url-problem")) role="alert" { (m) } }
                input id=(id("url")) type="url" name="url" required autocomplete="off" spellcheck="false"
                    aria-invalid=[problem.map(|_| "true")]
                    aria-describedby=(described);
                fieldset {
                    legend { "Format" }
                    @for (value, name) in [("slack", "Slack"), ("mattermost", "Mattermost")] {
                        label.check {
                            input type="radio" name="format" value=(value) checked[format == value];
                            span { (name) }
                        }
                    }
                }
                label for=(id("label")) { "Label (optional)" }
                input id=(id("label")) type="text" name="label" maxlength="80" value=(typed.label);
                button type="submit" { @if c.hook.is_some() { "Replace webhook" } @else { "Add webhook" } }
            }
        }
    }
}
