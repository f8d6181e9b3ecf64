//! `rebound list`.

use crate::args::JsonFlag;
use crate::backend::Backend;
use crate::error::Result;
use crate::render;

pub async fn run(b: &impl Backend, all: bool, out: JsonFlag) -> Result<()> {
    let listing = b.list(all).await?;
    if out.json {
        println!("{}", listing.json);
    } else if listing.mistakes.is_empty() {
        println!(
            "{}",
            if all {
                "No mistakes recorded."
            } else {
                "No open mistakes."
            }
        );
    } else {
        print!("{}", render::list::table(&listing.mistakes, b.now()));
    }
    Ok(())
}
