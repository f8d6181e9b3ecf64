//! What a person's Monday note may name, read through the policy like any
//! list: their own open mistakes, and the notes shared with them that they
//! have not acknowledged (only those they may read the note of now).

use super::Guard;
use crate::error::ApiResult;
use jiff::Timestamp;
use rebound_domain::access::{self, Action, Part, Viewer};
use rebound_domain::{Mistake, User};
use rebound_store::{Candidates, ListFilter};

impl Guard {
    /// `user`'s own mistakes still open.
    pub async fn own_open(&self, user: &User) -> ApiResult<Vec<Mistake>> {
        let mine = Candidates {
            owners: vec![user.id.clone()],
            mistakes: Vec::new(),
        };
        let open = self.backend.list_among(ListFilter::Open, &mine).await?;
        Ok(open
            .into_iter()
            .filter(|m| m.owner.as_ref() == Some(&user.id))
            .collect())
    }

    /// Open mistakes whose note `user` may read as a stakeholder and has
    /// not acknowledged: each with its owner's name and when they were named.
    pub async fn awaiting_ack(&self, user: &User) -> ApiResult<Vec<(Mistake, String, Timestamp)>> {
        let stakes = self.backend.stakeholder_on(&user.id).await?;
        if stakes.is_empty() {
            return Ok(Vec::new());
        }
        let among = Candidates {
            owners: Vec::new(),
            mistakes: stakes,
        };
        let mut out = Vec::new();
        for m in self.backend.list_among(ListFilter::Open, &among).await? {
            let viewer = Viewer::Account(self.relation(user, &m).await?);
            if !access::allows(viewer, m.visibility, Part::Note, Action::Read) {
                continue;
            }
            let named = self.backend.stakeholders(&m.id).await?;
            let Some(me) = named.iter().find(|s| s.user == user.id) else {
                continue;
            };
            if me.acknowledged_at.is_some() {
                continue;
            }
            let owner = match &m.owner {
                Some(o) => self
                    .backend
                    .user(o)
                    .await
                    .ok()
                    .map(|u| u.display_name.to_string()),
                None => None,
            };
            let added = me.added_at;
            out.push((m, owner.unwrap_or_else(|| "Someone".into()), added));
        }
        Ok(out)
    }
}
