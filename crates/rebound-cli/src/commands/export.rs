//! `rebound export ID --format markdown|email|json`.

use super::parse_id;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use rebound_domain::export;

pub async fn run(b: &impl Backend, id: &str, format: &str) -> Result<()> {
    let format = format.trim().to_ascii_lowercase();
    if !matches!(
        format.as_str(),
        "markdown" | "md" | "email" | "text" | "json"
    ) {
        return Err(CliError::invalid(format!(
            "unknown export format '{format}': use markdown, email or json"
        )));
    }
    let r = b.get(&parse_id(id)?).await?;
    match format.as_str() {
        "markdown" | "md" => print!("{}", export::markdown(&r.mistake, b.now())),
        "email" | "text" => print!("{}", export::email(&r.mistake, b.now())),
        _ => println!("{}", r.json),
    }
    Ok(())
}
