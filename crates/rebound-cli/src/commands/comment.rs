//! `rebound comment ID [TEXT] [--reply-to COMMENT]` and `rebound comments
//! ID`: the conversation on a mistake, on a team's server. TEXT is Markdown;
//! "-" reads it from stdin, and leaving it out opens $EDITOR.

use super::parse_id;
use crate::args::{CommentArgs, JsonFlag};
use crate::backend::Backend;
use crate::error::{CliError, Result};
use crate::input::{edit, read_stdin};
use crate::render;
use serde_json::json;

pub async fn add(b: &impl Backend, a: CommentArgs) -> Result<()> {
    let id = parse_id(&a.id)?;
    let parent = a.reply_to.as_deref().map(str::trim);
    if a.text.is_none() && b.me().await?.is_none() {
        // On this machine it is refused whatever it says: say so before
        // opening an editor for nothing.
        b.add_comment(&id, "", parent).await?;
    }
    let text = match a.text.as_deref() {
        Some("-") => read_stdin("comment")?,
        Some(t) => t.to_string(),
        None => edit("", ".md")?,
    };
    if text.trim().is_empty() {
        return Err(CliError::invalid(
            "the comment is empty: nothing was posted",
        ));
    }
    let c = b.add_comment(&id, &text, parent).await?;
    if a.out.json {
        println!("{}", serde_json::to_string(&c).unwrap_or_default());
    } else if parent.is_some() {
        println!("Replied ({}).", c.id);
    } else {
        println!("Comment {} posted.", c.id);
    }
    Ok(())
}

pub async fn list(b: &impl Backend, id: &str, out: JsonFlag) -> Result<()> {
    let id = parse_id(id)?;
    let comments = b.comments(&id).await?;
    if out.json {
        println!("{}", json!({ "comments": comments }));
    } else if !comments.is_empty() {
        print!("{}", render::sharing::comments(&comments, b.now()));
    } else if b.me().await?.is_none() {
        println!(
            "No comments on this machine: comments are a conversation on your team's server (`rebound login --server URL`)."
        );
    } else {
        println!("No comments yet: `rebound comment {id} TEXT` starts the conversation.");
    }
    Ok(())
}
