//! `rebound updates ID [--before UPDATE] [--limit N] [--all] [--json]`: a
//! mistake's progress updates, newest first. `show` carries only the newest
//! (`RECENT_UPDATES`); this reads the rest a page at a time, through the
//! same operation as the API's `GET /api/v1/mistakes/{id}/updates`.

use super::parse_id;
use crate::args::UpdatesArgs;
use crate::backend::Backend;
use crate::error::Result;
use rebound_domain::ProgressUpdate;
use rebound_domain::when::format_at;

/// Pages of this size when reading them all.
const ALL_PAGE: u32 = 100;

pub async fn run(b: &impl Backend, a: UpdatesArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    let (mut updates, mut before, limit) = (Vec::new(), a.before, a.limit);
    let older = loop {
        let page = b
            .updates(&id, before, if a.all { ALL_PAGE } else { limit })
            .await?;
        updates.extend(page.updates);
        before = updates.last().map(|u: &ProgressUpdate| u.id);
        if !(a.all && page.older) {
            break page.older.then_some(before).flatten();
        }
    };
    if a.out.json {
        let json = serde_json::json!({ "updates": updates, "older": older.is_some(), "next_before": older });
        println!("{json}");
        return Ok(());
    }
    if updates.is_empty() {
        println!("No updates.");
    }
    for u in &updates {
        println!("[{}] {}  {}", u.id, format_at(u.at, b.now()), u.text);
    }
    if let Some(next) = older {
        println!("Older ones: rebound updates {id} --before {next}");
    }
    Ok(())
}
