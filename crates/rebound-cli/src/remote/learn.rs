//! The person's own records from reflecting, on the server: the
//! classifiers, reflections, principles and the manual, wins and the
//! self-care plan under `/api/v1`. The server keeps them its owner's alone:
//! anyone else's id is a 404, which reads here exactly like a missing one.

use super::Remote;
use super::http::{Answer, Failure};
use crate::backend::{
    Backend, Learning, LessonCheck, NewReflectionInput, ReflectionRecord, WinEntry,
};
use crate::error::{CliError, Result};
use jiff::tz::TimeZone;
use rebound_domain::manual::{self, ManualEntry};
use rebound_domain::{
    LessonVerdict, MistakeId, Principle, PrincipleId, Reflection, ReflectionId, SelfCarePlan,
    Suggestion, Win,
};
use rebound_store::{PrincipleFilter, StoreError};
use reqwest::{Method, Url};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What a 404 means for one request: which record is not among yours.
pub(super) enum Missing<'a> {
    Mistake(&'a MistakeId),
    Record { what: &'static str, id: &'a str },
}

impl Missing<'_> {
    fn error(&self) -> CliError {
        match self {
            Missing::Mistake(id) => StoreError::NotFound((*id).clone()).into(),
            Missing::Record { what, id } => StoreError::RecordNotFound {
                what,
                id: id.to_string(),
            }
            .into(),
        }
    }
}

#[derive(Deserialize)]
struct CheckView {
    verdict: LessonVerdict,
    reasons: Vec<String>,
}

impl Remote {
    /// One request; a 404 (other than an unknown endpoint) is `missing`.
    pub(super) async fn ask(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        missing: Option<Missing<'_>>,
    ) -> Result<Answer> {
        match self.http.call(method, path, body.as_ref()).await {
            Ok(a) => Ok(a),
            Err(Failure::NotFound(m)) if m != "no such endpoint" => match missing {
                Some(what) => Err(what.error()),
                None => Err(self.http.fail(Failure::NotFound(m))),
            },
            Err(f) => Err(self.http.fail(f)),
        }
    }

    pub(super) fn cannot_read(&self) -> CliError {
        CliError::Server(format!(
            "the server at {} answered in a way this version of rebound cannot read: upgrade rebound",
            self.http.server()
        ))
    }

    pub(super) fn read<T: DeserializeOwned>(&self, v: Value) -> Result<T> {
        serde_json::from_value(v).map_err(|_| self.cannot_read())
    }

    /// A `ManualEntry` as the server writes it: the principle flattened,
    /// plus `came_from`.
    fn entry(&self, v: Value) -> Result<ManualEntry> {
        let came_from = v["came_from"].as_str().map(str::to_string);
        let check = serde_json::from_value(v["check"].clone()).ok();
        Ok(ManualEntry {
            principle: self.read::<Principle>(v)?,
            came_from,
            check,
        })
    }

    /// A `ReflectionView` as the server writes it.
    fn reflection_record(&self, v: Value) -> Result<ReflectionRecord> {
        Ok(ReflectionRecord {
            reflection: self.read::<Reflection>(v.clone())?,
            subject: v["subject"].as_str().unwrap_or_default().to_string(),
            continued: v["continued"].as_bool().unwrap_or(false),
            json: v,
        })
    }

    fn win(&self, v: Value) -> Result<WinEntry> {
        let mistake_title = v["mistake_title"].as_str().map(str::to_string);
        Ok(WinEntry {
            win: self.read::<Win>(v)?,
            mistake_title,
        })
    }

    async fn principle_call(
        &self,
        method: Method,
        id: &PrincipleId,
        rest: &str,
        body: Option<Value>,
    ) -> Result<ManualEntry> {
        let path = format!("/api/v1/principles/{id}{rest}");
        let missing = Missing::Record {
            what: "principle",
            id: id.as_str(),
        };
        let a = self.ask(method, &path, body, Some(missing)).await?;
        self.entry(a.body)
    }
}

/// `path?name=value&…`, the values URL-encoded.
fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    match Url::parse_with_params("http://query.invalid/", pairs) {
        Ok(u) => format!("{path}?{}", u.query().unwrap_or_default()),
        Err(_) => path.to_string(),
    }
}

impl Learning for Remote {
    async fn diagnose(&self, account: &str) -> Result<Suggestion> {
        let a = self
            .ask(
                Method::POST,
                "/api/v1/diagnose",
                Some(json!({ "text": account })),
                None,
            )
            .await?;
        self.read(a.body)
    }

    async fn check_lesson(&self, lesson: &str) -> Result<LessonCheck> {
        let a = self
            .ask(
                Method::POST,
                "/api/v1/lesson-check",
                Some(json!({ "text": lesson })),
                None,
            )
            .await?;
        let c: CheckView = self.read(a.body)?;
        Ok(LessonCheck {
            verdict: c.verdict,
            reasons: c.reasons,
        })
    }

    async fn create_reflection(&self, input: NewReflectionInput) -> Result<ReflectionRecord> {
        let body = json!({
            "mistake": input.mistake,
            "memory_title": input.memory_title,
            "account": input.account,
            "trap": input.trap,
            "failure_type": input.failure_type,
            "specific_error": input.specific_error,
            "lesson": input.lesson,
        });
        let missing = input.mistake.as_ref().map(Missing::Mistake);
        let a = self
            .ask(Method::POST, "/api/v1/reflections", Some(body), missing)
            .await?;
        self.reflection_record(a.body)
    }

    async fn reflections(&self) -> Result<Vec<ReflectionRecord>> {
        let mut a = self
            .ask(Method::GET, "/api/v1/reflections", None, None)
            .await?;
        let Value::Array(items) = a.body["reflections"].take() else {
            return Err(self.cannot_read());
        };
        items
            .into_iter()
            .map(|v| self.reflection_record(v))
            .collect()
    }

    async fn add_principle(
        &self,
        text: &str,
        from: Option<&ReflectionId>,
        anyway: bool,
    ) -> Result<ManualEntry> {
        let body = json!({ "text": text, "reflection": from, "add_anyway": anyway });
        let missing = from.map(|r| Missing::Record {
            what: "reflection",
            id: r.as_str(),
        });
        let a = self
            .ask(Method::POST, "/api/v1/principles", Some(body), missing)
            .await?;
        self.entry(a.body)
    }

    async fn principles(&self, filter: &PrincipleFilter) -> Result<Vec<ManualEntry>> {
        let mut pairs = Vec::new();
        if let Some(q) = &filter.query {
            pairs.push(("q", q.clone()));
        }
        if let Some(s) = filter.status {
            pairs.push(("status", s.as_str().to_string()));
        }
        let mut a = self
            .ask(
                Method::GET,
                &with_query("/api/v1/principles", &pairs),
                None,
                None,
            )
            .await?;
        let Value::Array(items) = a.body["principles"].take() else {
            return Err(self.cannot_read());
        };
        items.into_iter().map(|v| self.entry(v)).collect()
    }

    async fn principle(&self, id: &PrincipleId) -> Result<ManualEntry> {
        self.principle_call(Method::GET, id, "", None).await
    }

    async fn revise_principle(
        &self,
        id: &PrincipleId,
        text: &str,
        note: Option<&str>,
    ) -> Result<ManualEntry> {
        let body = json!({ "text": text, "note": note });
        self.principle_call(Method::POST, id, "/revise", Some(body))
            .await
    }

    async fn retire_principle(&self, id: &PrincipleId, reason: &str) -> Result<ManualEntry> {
        let body = json!({ "reason": reason });
        self.principle_call(Method::POST, id, "/retire", Some(body))
            .await
    }

    /// The server's own Markdown, made here from the same entries: headed
    /// with the account's name, dates in its time zone.
    async fn manual_markdown(&self, entries: &[ManualEntry]) -> Result<String> {
        let me = super::account::me(&self.http).await?;
        let tz = TimeZone::get(&me.time_zone).unwrap_or(TimeZone::UTC);
        Ok(manual::markdown(me.display_name.as_str(), entries, &tz))
    }

    async fn add_win(&self, mistake: Option<&MistakeId>, text: &str) -> Result<WinEntry> {
        let body = json!({ "text": text, "mistake": mistake });
        let a = self
            .ask(
                Method::POST,
                "/api/v1/wins",
                Some(body),
                mistake.map(Missing::Mistake),
            )
            .await?;
        let mut entry = self.win(a.body)?;
        if let Some(m) = mistake {
            entry.mistake_title = Some(self.get(m).await?.mistake.title);
        }
        Ok(entry)
    }

    async fn wins(&self) -> Result<Vec<WinEntry>> {
        let mut a = self.ask(Method::GET, "/api/v1/wins", None, None).await?;
        let Value::Array(items) = a.body["wins"].take() else {
            return Err(self.cannot_read());
        };
        items.into_iter().map(|v| self.win(v)).collect()
    }

    async fn self_care(&self) -> Result<Option<SelfCarePlan>> {
        let a = self
            .ask(Method::GET, "/api/v1/me/self-care", None, None)
            .await?;
        self.read(a.body["plan"].clone())
    }

    async fn set_self_care(
        &self,
        items: &[String],
        mistake: Option<&MistakeId>,
    ) -> Result<SelfCarePlan> {
        let body = json!({ "items": items, "mistake": mistake });
        let a = self
            .ask(
                Method::PUT,
                "/api/v1/me/self-care",
                Some(body),
                mistake.map(Missing::Mistake),
            )
            .await?;
        self.read(a.body)
    }
}
