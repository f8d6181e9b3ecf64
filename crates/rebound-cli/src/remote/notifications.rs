//! Notifications on a server: `GET /api/v1/me/notifications` and marking
//! read, one or all.

use super::http::{Failure, Http};
use crate::error::{CliError, Result};
use jiff::Timestamp;
use rebound_domain::{MistakeId, NotificationId, NotificationKind};
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// One notification as the server lists it (its `NotificationView`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub mistake: MistakeId,
    /// The mistake's title.
    pub title: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

#[derive(Deserialize)]
struct Listed {
    notifications: Vec<NotificationItem>,
}

/// The signed-in person's notifications, newest first.
pub async fn list(http: &Http) -> Result<Vec<NotificationItem>> {
    let body = http
        .get("/api/v1/me/notifications")
        .await
        .map_err(|f| http.fail(f))?
        .body;
    serde_json::from_value::<Listed>(body)
        .map(|l| l.notifications)
        .map_err(|_| {
            CliError::Server(format!(
                "the server at {} sent notifications this version cannot read: it may run another version of Rebound",
                http.server()
            ))
        })
}

/// Marks one read; someone else's or a missing one is "no notification
/// ID among yours" (exit 3), as the server answers both alike.
pub async fn mark_read(http: &Http, id: &NotificationId) -> Result<()> {
    let path = format!("/api/v1/me/notifications/{id}/read");
    match http.call(Method::POST, &path, None).await {
        Ok(_) => Ok(()),
        Err(Failure::NotFound(m)) if m != "no such endpoint" => Err(CliError::Missing(format!(
            "no notification {id} among yours"
        ))),
        Err(f) => Err(http.fail(f)),
    }
}

/// Marks every one of the signed-in person's notifications read.
pub async fn mark_all_read(http: &Http) -> Result<()> {
    http.call(Method::POST, "/api/v1/me/notifications/read", None)
        .await
        .map(|_| ())
        .map_err(|f| http.fail(f))
}
