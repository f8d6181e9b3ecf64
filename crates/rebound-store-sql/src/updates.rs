//! A mistake's progress updates a page at a time, newest first, for the
//! ones a read of the mistake leaves out (`RECENT_UPDATES`). The cursor
//! is an update's id: the page holds those before it in the order
//! `read::decode` puts them, (posted_at, id), so two updates posted at the
//! same instant are neither skipped nor repeated. Both statements walk the
//! index `progress_updates_by_mistake (mistake_id, posted_at, id)`
//! backwards and stop after the page.

use crate::prelude::*;
use crate::rows::Cols;
use rebound_domain::{MistakeId, ProgressUpdate};
use rebound_store::{StoreError, UpdatePage};

const NEWEST: &str = "SELECT u.id, u.posted_at, u.body FROM progress_updates u
     WHERE u.mistake_id = $1
     ORDER BY u.posted_at DESC, u.id DESC LIMIT $2";

/// The cursor must be this mistake's update: a join on it, so an id from
/// another mistake gives no row (told apart from "no older" below).
const BEFORE: &str = "SELECT u.id, u.posted_at, u.body
     FROM progress_updates c JOIN progress_updates u ON u.mistake_id = c.mistake_id
     WHERE c.id = $3 AND c.mistake_id = $1
       AND (u.posted_at < c.posted_at OR (u.posted_at = c.posted_at AND u.id < c.id))
     ORDER BY u.posted_at DESC, u.id DESC LIMIT $2";

const IS_ONE_OF: &str = "SELECT 1 FROM progress_updates WHERE id = $1 AND mistake_id = $2";

pub(crate) async fn page<D: Dialect>(
    pool: &Pool<D>,
    id: &MistakeId,
    before: Option<i64>,
    limit: u32,
) -> Result<Option<UpdatePage>, StoreError> {
    // One more than asked says whether older ones remain.
    let ask = i64::from(limit) + 1;
    let rows = match before {
        None => query::<D>(NEWEST).arg(id.as_str()).arg(ask),
        Some(b) => query::<D>(BEFORE).arg(id.as_str()).arg(ask).arg(b),
    }
    .all_on(pool)
    .await?;
    if rows.is_empty()
        && let Some(b) = before
    {
        let known = query::<D>(IS_ONE_OF)
            .arg(b)
            .arg(id.as_str())
            .maybe_on(pool)
            .await?;
        if known.is_none() {
            return Ok(None);
        }
    }
    let mut updates = rows
        .iter()
        .map(|r| {
            let c = Cols(r);
            Ok(ProgressUpdate {
                id: c.int("id")?,
                at: c.at("posted_at")?,
                text: c.text("body")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let older = updates.len() > limit as usize;
    updates.truncate(limit as usize);
    Ok(Some(UpdatePage { updates, older }))
}
