//! `rebound link ID [--label TEXT] [--expires WHEN]`, `--list`, `--revoke
//! LINK`: share links for people without an account, made by the owner on a
//! server. A new link's address is printed this once: only its hash is kept.

use super::parse_id;
use crate::args::LinkArgs;
use crate::backend::Backend;
use crate::error::Result;
use crate::render;
use rebound_domain::when::format_clock;
use serde_json::json;

pub async fn run(b: &impl Backend, a: LinkArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    if a.list {
        let links = b.share_links(&id).await?;
        if a.out.json {
            println!("{}", json!({ "links": links }));
        } else if links.is_empty() {
            println!("No share links yet: `rebound link {id}` makes one.");
        } else {
            print!("{}", render::sharing::links(&links, b.now()));
        }
        return Ok(());
    }
    if let Some(link) = a.revoke.as_deref().map(str::trim) {
        b.revoke_link(&id, link).await?;
        if a.out.json {
            println!("{}", json!({ "id": link, "revoked": true }));
        } else {
            println!("Link {link} revoked: anyone using it is shut out on their next click.");
        }
        return Ok(());
    }
    let expires = a.expires.as_deref().map(|w| b.any_time(w)).transpose()?;
    let issued = b.issue_link(&id, a.label.as_deref(), expires).await?;
    if a.out.json {
        println!("{}", serde_json::to_string(&issued).unwrap_or_default());
        return Ok(());
    }
    let until = format_clock(issued.link.expires_at, b.now());
    eprintln!(
        "Share link {} — anyone with it can read this mistake and comment until {until}. It is shown only now; `rebound link {id} --revoke {}` ends it.",
        issued.link.id, issued.link.id
    );
    println!("{}", issued.url);
    Ok(())
}
