//! `rebound digest preview [--json]` and `rebound digest run --now`. The
//! Monday note is made on a team's server from what other people wait for
//! (updates, acknowledgements, check-ins), so both need one; this
//! machine's database has no accounts and sends no mail.

use crate::args::{DigestCommand, JsonFlag};
use crate::error::{CliError, Result};
use crate::mode::Mode;
use crate::progress::Progress;
use crate::remote::digest as remote;
use crate::remote::http::{Auth, Http};
use crate::render;

pub async fn run(mode: Mode, c: DigestCommand) -> Result<()> {
    if let DigestCommand::Run { now: false, .. } = c {
        return Err(CliError::Usage(
            "digests go by themselves on Monday at 08:00 on each person's clock: to send every digest that has something waiting now, run `rebound digest run --now`".into(),
        ));
    }
    let Mode::Remote { server, token } = mode else {
        return Err(CliError::invalid(
            "the Monday digest needs your team's Rebound server: sign in with `rebound login --server URL` or pass --server URL",
        ));
    };
    let http = Http::new(&server, Auth::Token(token))?;
    match c {
        DigestCommand::Preview { out } => preview(&http, out).await,
        DigestCommand::Run { page_size, .. } => run_now(&http, page_size).await,
    }
}

async fn preview(http: &Http, out: JsonFlag) -> Result<()> {
    let (note, json) = remote::preview(http).await?;
    if out.json {
        println!("{json}");
    } else {
        print!("{}", render::digest::preview(&note));
    }
    Ok(())
}

/// Every page in turn until the server says there is no next one. The
/// default page (200 people) is small enough that the bar moves, large
/// enough that a big server is a few dozen requests.
async fn run_now(http: &Http, page_size: u32) -> Result<()> {
    let bar = Progress::bar("people");
    let (mut queued, mut people) = (0usize, 0usize);
    let mut after: Option<String> = None;
    loop {
        let page = remote::run_page(http, after.as_deref(), page_size).await?;
        queued += page.queued;
        people += page.considered;
        bar.show(people, page.total);
        match page.next {
            // A server that names the same place again would loop forever.
            Some(next) if after.as_deref() == Some(next.as_str()) => {
                bar.clear();
                return Err(CliError::Server(format!(
                    "the server at {} sent the same page twice: it may run another version of Rebound",
                    http.server()
                )));
            }
            Some(next) => after = Some(next),
            None => break,
        }
    }
    bar.clear();
    println!("{}", summary(queued, people));
    Ok(())
}

fn summary(queued: usize, people: usize) -> String {
    let digests = if queued == 1 { "digest" } else { "digests" };
    let whom = if people == 1 { "person" } else { "people" };
    format!(
        "Queued {queued} {digests} for {people} {whom} (the rest had nothing waiting or had this week's already)."
    )
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn the_summary_counts_digests_and_people() {
        assert_eq!(
            summary(2, 3),
            "Queued 2 digests for 3 people (the rest had nothing waiting or had this week's already)."
        );
        assert!(summary(1, 1).starts_with("Queued 1 digest for 1 person ("));
        assert!(summary(0, 5).starts_with("Queued 0 digests for 5 people ("));
    }
}
