//! `rebound show ID`.

use super::parse_id;
use crate::args::JsonFlag;
use crate::backend::Backend;
use crate::error::Result;
use crate::render;

pub async fn run(b: &impl Backend, id: &str, out: JsonFlag) -> Result<()> {
    let r = b.get(&parse_id(id)?).await?;
    if out.json {
        println!("{}", r.json);
    } else {
        print!("{}", render::show::mistake(&r.mistake, b.now()));
    }
    Ok(())
}
