//! Deleting a mistake and one's own account on a server (issue 18).

use super::Remote;
use super::http::{Failure, Http};
use crate::error::{CliError, Result};
use rebound_domain::MistakeId;
use reqwest::Method;
use serde_json::json;

impl Remote {
    /// Deletes mistake `id` (only one's own; anything else is "no such").
    pub(crate) async fn remote_delete(&self, id: &MistakeId) -> Result<()> {
        let path = format!("/api/v1/mistakes/{id}");
        match self.http.call(Method::DELETE, &path, None).await {
            Ok(_) => Ok(()),
            Err(Failure::NotFound(m)) if m != "no such endpoint" => Err(CliError::Missing(
                format!("no mistake {id} among yours (only its owner deletes a mistake)"),
            )),
            Err(f) => Err(self.http.fail(f)),
        }
    }
}

/// Deletes the signed-in account, confirmed by its password.
pub async fn delete_account(http: &Http, password: &str) -> Result<()> {
    let body = json!({ "password": password });
    http.call(Method::DELETE, "/api/v1/me", Some(&body))
        .await
        .map(|_| ())
        .map_err(|f| http.fail(f))
}
