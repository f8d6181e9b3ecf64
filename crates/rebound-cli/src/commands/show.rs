//! `rebound show ID`.

use crate::args::JsonFlag;
use crate::context::Ctx;
use crate::error::Result;
use crate::render;
use rebound_domain::export;

pub async fn run(ctx: &Ctx, id: &str, out: JsonFlag) -> Result<()> {
    let m = ctx.load(id).await?;
    if out.json {
        println!("{}", export::json(&m, &ctx.now));
    } else {
        print!("{}", render::show::mistake(&m, &ctx.now));
    }
    Ok(())
}
