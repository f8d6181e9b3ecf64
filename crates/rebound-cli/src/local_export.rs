//! `rebound export-data` on this machine's database: everything it holds
//! (mistakes, reflections and their labels, principles with every wording,
//! wins, the self-care plan, the journal) as the same archive the server makes, zipped
//! by the server's own writer. A personal database has no accounts,
//! comments, plans or notifications, so those sections are empty.

use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::progress::Progress;
use rebound_domain::export::archive::{self, Archive, OwnedMistake};
use rebound_store::{ListFilter, PrincipleFilter};
use std::io::Write;

pub async fn export_data(ctx: &Ctx, to: &mut std::fs::File) -> Result<u64> {
    const STEPS: usize = 6;
    let progress = Progress::bar("steps");
    let now = &ctx.now;
    let mut a = Archive::new(now, "local", None);
    progress.show(0, STEPS);
    for m in ctx.store.list_whole(ListFilter::All, None).await? {
        a.mistakes.push(OwnedMistake::bare(m, now));
    }
    progress.show(1, STEPS);
    a.reflections = ctx.store.reflections(None).await?;
    a.diagnosis_labels = ctx.store.diagnosis_feedback(None).await?;
    progress.show(2, STEPS);
    a.principles = (ctx.store.principles(None, &PrincipleFilter::default())).await?;
    progress.show(3, STEPS);
    a.wins = ctx.store.wins(None).await?;
    a.journal = ctx.store.journal_entries(None).await?;
    a.self_care = ctx.store.self_care_plan(None).await?;
    progress.show(4, STEPS);
    let bytes = rebound_server::export_data::zip(&archive::archive(&a, now))
        .map_err(|e| CliError::Io(format!("cannot build the archive: {e}")))?;
    progress.show(5, STEPS);
    to.write_all(&bytes)
        .map_err(|e| CliError::Io(format!("cannot write the archive: {e}")))?;
    progress.show(STEPS, STEPS);
    Ok(bytes.len() as u64)
}
