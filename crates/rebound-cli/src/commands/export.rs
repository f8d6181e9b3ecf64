//! `rebound export ID --format markdown|email|html|chat|json`. The mistake is
//! read whole, every update included (here, or through the server's guard),
//! then written out by the domain's export; HTML sanitises people's
//! Markdown exactly as the web pages do.

use super::parse_id;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use rebound_domain::export;

pub async fn run(b: &impl Backend, id: &str, format: &str) -> Result<()> {
    let format = format.trim().to_ascii_lowercase();
    if !matches!(
        format.as_str(),
        "markdown" | "md" | "email" | "text" | "html" | "chat" | "slack" | "json"
    ) {
        return Err(CliError::invalid(format!(
            "there is no export format '{format}': choose markdown, email, html, chat or json"
        )));
    }
    let r = b.get_whole(&parse_id(id)?).await?;
    match format.as_str() {
        "markdown" | "md" => print!("{}", export::markdown(&r.mistake, b.now())),
        "email" | "text" => print!("{}", export::email(&r.mistake, b.now())),
        "html" => print!("{}", rebound_server::html_export(&r.mistake, b.now())),
        "chat" | "slack" => print!("{}", export::chat(&r.mistake, b.now())),
        _ => println!("{}", r.json),
    }
    Ok(())
}
