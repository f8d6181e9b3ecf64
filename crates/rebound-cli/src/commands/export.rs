//! `rebound export ID --format markdown|email|json`.

use crate::context::Ctx;
use crate::error::{CliError, Result};
use rebound_domain::export;

pub async fn run(ctx: &Ctx, id: &str, format: &str) -> Result<()> {
    let m = ctx.load(id).await?;
    match format.trim().to_ascii_lowercase().as_str() {
        "markdown" | "md" => print!("{}", export::markdown(&m, &ctx.now)),
        "email" | "text" => print!("{}", export::email(&m, &ctx.now)),
        "json" => println!("{}", export::json(&m, &ctx.now)),
        other => {
            return Err(CliError::invalid(format!(
                "unknown export format '{other}': use markdown, email or json"
            )));
        }
    }
    Ok(())
}
