//! `rebound share ID [--with EMAIL …] [--remove EMAIL …]`: who a mistake is
//! shared with. People are named by the email they sign in with; the
//! server notifies each one named. Without a flag, the list.

use super::parse_id;
use crate::args::ShareArgs;
use crate::backend::Backend;
use crate::error::Result;
use crate::render;

pub async fn run(b: &impl Backend, a: ShareArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    let mut said = Vec::new();
    for email in &a.with {
        let email = email.trim();
        said.push(if b.name_stakeholder(&id, email).await? {
            format!("Shared with {email}: named a stakeholder and notified.")
        } else {
            format!("{email} is already a stakeholder: nothing changed.")
        });
    }
    for email in &a.remove {
        let email = email.trim();
        b.remove_stakeholder(&id, email).await?;
        said.push(format!(
            "No longer shared with {email}: their access through it ends now."
        ));
    }
    let sharing = b.stakeholders(&id).await?;
    if a.out.json {
        println!("{}", serde_json::to_string(&sharing).unwrap_or_default());
        return Ok(());
    }
    if !said.is_empty() {
        for line in said {
            println!("{line}");
        }
        return Ok(());
    }
    if sharing.stakeholders.is_empty() && sharing.affected.is_empty() {
        if b.me().await?.is_none() {
            println!(
                "Mistakes on this machine are shared with nobody: stakeholders are accounts on your team's server (`rebound login --server URL`)."
            );
        } else {
            println!(
                "Not shared with anyone yet: `rebound share {id} --with EMAIL` names someone."
            );
        }
        return Ok(());
    }
    print!("{}", render::sharing::sharing(&sharing, b.now()));
    Ok(())
}
