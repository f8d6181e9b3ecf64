//! `rebound notifications [--unread] [--json]`, `rebound notifications read
//! ID` and `read --all`. Notifications come from other people on a team's
//! server (being named a stakeholder, an update posted, a mistake closed),
//! so remotely these are the API's; this machine's database belongs to the
//! person at the keyboard alone (no accounts, no stakeholders), so locally
//! there are none, and an id names nothing.

use crate::args::{NotificationsArgs, NotificationsCommand};
use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::mode::Mode;
use crate::remote::http::{Auth, Http};
use crate::remote::notifications::{self as remote, NotificationItem};
use crate::render;
use rebound_domain::NotificationId;
use serde_json::json;
use std::path::PathBuf;

/// Where a local command's database is (`--data-dir`, `--database-url`).
pub struct LocalDb {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
}

pub async fn run(mode: Mode, db: LocalDb, a: NotificationsArgs) -> Result<()> {
    match mode {
        Mode::Remote { server, token } => {
            let http = Http::new(&server, Auth::Token(token))?;
            match a.command {
                None => {
                    let items = remote::list(&http).await?;
                    print_list(items, a.unread, a.out.json, &crate::context::now())
                }
                Some(NotificationsCommand::Read { id: Some(id), .. }) => {
                    let id = parse(&id)?;
                    remote::mark_read(&http, &id).await?;
                    println!("Notification {id} marked read.");
                    Ok(())
                }
                Some(NotificationsCommand::Read { id: None, .. }) => {
                    remote::mark_all_read(&http).await?;
                    println!("All your notifications are marked read.");
                    Ok(())
                }
            }
        }
        Mode::Local => {
            // Opened as every local command opens it, so a wrong
            // --database-url reads the same here; nothing in it is anyone's.
            let ctx = Ctx::open(db.data_dir, db.database_url).await?;
            match a.command {
                None if a.out.json => print_list(Vec::new(), a.unread, true, &ctx.now),
                None => {
                    println!(
                        "No notifications on this machine: they come from your team's server when someone names you a stakeholder (`rebound login --server URL`)."
                    );
                    Ok(())
                }
                Some(NotificationsCommand::Read { id: Some(id), .. }) => {
                    let id = parse(&id)?;
                    Err(CliError::Missing(format!(
                        "no notification {id} among yours"
                    )))
                }
                Some(NotificationsCommand::Read { id: None, .. }) => {
                    println!("No notifications on this machine to mark read.");
                    Ok(())
                }
            }
        }
    }
}

/// A notification id as typed: one that cannot be an id is refused before
/// any request (exit 1), as a mistake id is.
fn parse(id: &str) -> Result<NotificationId> {
    NotificationId::parse(id).map_err(|e| CliError::invalid(e.to_string()))
}

fn print_list(
    mut items: Vec<NotificationItem>,
    only_unread: bool,
    as_json: bool,
    now: &jiff::Zoned,
) -> Result<()> {
    let unread = items.iter().filter(|n| n.read_at.is_none()).count();
    if only_unread {
        items.retain(|n| n.read_at.is_none());
    }
    if as_json {
        println!("{}", json!({ "notifications": items, "unread": unread }));
    } else if items.is_empty() {
        println!(
            "{}",
            if only_unread {
                "No unread notifications."
            } else {
                "No notifications yet. You hear here when someone names you a stakeholder on a mistake, posts a progress update on it or closes it."
            }
        );
    } else {
        print!("{}", render::notifications::list(&items, now));
    }
    Ok(())
}
