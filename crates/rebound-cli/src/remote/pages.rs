//! A mistake's progress updates a page at a time, from
//! `GET /api/v1/mistakes/{id}/updates`.

use super::Remote;
use crate::error::Result;
use rebound_domain::MistakeId;
use rebound_server::UpdatePageView;
use rebound_store::UpdatePage;
use reqwest::Method;

impl Remote {
    pub(super) async fn update_page(
        &self,
        id: &MistakeId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<UpdatePage> {
        let b = before.map(|b| format!("&before={b}")).unwrap_or_default();
        let path = format!("/updates?limit={limit}{b}");
        let answer = self.call(Method::GET, id, &path, None).await?;
        let page: UpdatePageView =
            serde_json::from_value(answer.body).map_err(|_| self.unreadable())?;
        // The server answers each page oldest first; the backend, newest first.
        let updates = page.updates.into_iter().rev().collect();
        Ok(UpdatePage {
            updates,
            older: page.older,
        })
    }
}
