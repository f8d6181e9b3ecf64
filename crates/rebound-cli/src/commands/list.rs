//! `rebound list`.

use crate::args::JsonFlag;
use crate::context::Ctx;
use crate::error::Result;
use crate::render;
use rebound_domain::export;
use rebound_store::ListFilter;

pub async fn run(ctx: &Ctx, all: bool, out: JsonFlag) -> Result<()> {
    let filter = if all {
        ListFilter::All
    } else {
        ListFilter::Open
    };
    let ms = ctx.store.list(filter).await?;
    if out.json {
        let items: Vec<_> = ms.iter().map(|m| export::json(m, &ctx.now)).collect();
        println!("{}", serde_json::json!({ "mistakes": items }));
    } else if ms.is_empty() {
        println!(
            "{}",
            if all {
                "No mistakes recorded."
            } else {
                "No open mistakes."
            }
        );
    } else {
        print!("{}", render::list::table(&ms, &ctx.now));
    }
    Ok(())
}
