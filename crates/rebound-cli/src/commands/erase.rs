//! `rebound delete ID` and `rebound account delete` (issue 18): asked on a
//! terminal, refused in one line without one unless `--yes`.

use super::parse_id;
use crate::args::AccountCommand;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use crate::input::{ask, interactive};
use crate::mode::Mode;
use crate::remote::http::{Auth, Http};
use crate::remote::{account as remote_account, erasure, login_file};

pub async fn delete(b: &impl Backend, id: &str, yes: bool) -> Result<()> {
    let id = parse_id(id)?;
    if !yes && !interactive() {
        return Err(CliError::invalid(format!(
            "not deleting {id} without a terminal to ask: add --yes to delete it"
        )));
    }
    let title = b.get(&id).await?.mistake.title;
    if !yes
        && !confirmed(&format!(
            "Delete {id} \"{title}\" with its timeline, updates, comments, stakeholders and links? It cannot be undone. [y/N]"
        ))?
    {
        println!("Kept {id}.");
        return Ok(());
    }
    b.delete_mistake(&id).await?;
    println!("Deleted {id} \"{title}\".");
    Ok(())
}

pub async fn account(mode: Mode, c: AccountCommand) -> Result<()> {
    let AccountCommand::Delete {
        password_stdin,
        yes,
    } = c;
    let Mode::Remote { server, token } = mode else {
        return Err(CliError::invalid(
            "this computer's database has no accounts: `rebound account delete` deletes your account on a server you signed in to (rebound login)",
        ));
    };
    if !yes && !interactive() {
        return Err(CliError::invalid(
            "not deleting your account without a terminal to ask: add --yes to delete it",
        ));
    }
    let http = Http::new(&server, Auth::Token(token))?;
    let me = remote_account::me(&http).await?;
    if !yes
        && !confirmed(&format!(
            "Delete your account {} on {server}? Your mistakes, reflections, plans about you, sessions and tokens go; your comments on others' mistakes stay as removed ones. It cannot be undone. [y/N]",
            me.email
        ))?
    {
        println!("Kept your account.");
        return Ok(());
    }
    let password = super::account::read_password(password_stdin, me.email.as_str(), &server)?;
    erasure::delete_account(&http, &password).await?;
    // The token went with the account.
    login_file::remove()?;
    println!("Deleted your account {} on {server}.", me.email);
    Ok(())
}

fn confirmed(question: &str) -> Result<bool> {
    Ok(matches!(
        ask(question)?.as_deref().map(str::to_lowercase).as_deref(),
        Some("y" | "yes")
    ))
}
