//! `rebound list`: filtered and ordered by the domain (`listing`), most
//! urgent first; titles cut to the terminal's width; an owner column when
//! some rows are someone else's.

use crate::args::ListArgs;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use crate::progress::Progress;
use crate::render;
use rebound_domain::listing::{self, ListQuery, Owner};
use rebound_domain::{Severity, State, UserId};

pub async fn run(b: &impl Backend, a: ListArgs) -> Result<()> {
    let q = query(&a)?;
    // Closed ones are read only when asked for.
    let all = a.all || q.states.contains(&State::Closed);
    // Over the network a long list can take a moment; here it never shows.
    let waiting = Progress::spinner("Reading the mistakes…");
    let listing = b.list(all).await?;
    waiting.clear();
    let needs_me = matches!(q.owner, Some(Owner::Me | Owner::Others)) || !a.out.json;
    let me = if needs_me { b.me().await? } else { None };
    let now = b.now();
    let shown = listing::select(&listing.mistakes, &q, me.as_ref(), now.timestamp());
    if a.out.json {
        let keep: Vec<String> = shown.iter().map(|m| m.id.to_string()).collect();
        let items: Vec<&serde_json::Value> = keep
            .iter()
            .filter_map(|id| {
                (listing.json["mistakes"].as_array()?)
                    .iter()
                    .find(|v| v["id"].as_str() == Some(id))
            })
            .collect();
        println!("{}", serde_json::json!({ "mistakes": items }));
    } else if shown.is_empty() {
        println!("{}", nothing(&a, all));
    } else {
        let width = console::Term::stdout().size_checked().map(|(_, cols)| cols);
        print!(
            "{}",
            render::list::table(&shown, me.as_ref(), now, width.map(usize::from))
        );
    }
    Ok(())
}

fn nothing(a: &ListArgs, all: bool) -> &'static str {
    let filtered = !a.state.is_empty() || !a.severity.is_empty() || a.owner.is_some() || a.overdue;
    match (filtered, all) {
        (true, _) => "No mistakes match.",
        (false, true) => "No mistakes recorded.",
        (false, false) => "No open mistakes.",
    }
}

fn query(a: &ListArgs) -> Result<ListQuery> {
    let states = (a.state.iter())
        .map(|s| {
            s.parse::<State>()
                .map_err(|e| CliError::Invalid(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let severities = (a.severity.iter())
        .map(|s| {
            s.parse::<Severity>()
                .map_err(|e| CliError::Invalid(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let owner = match a.owner.as_deref().map(str::trim) {
        None => None,
        Some(o) if o.eq_ignore_ascii_case("me") => Some(Owner::Me),
        Some(o) if o.eq_ignore_ascii_case("others") => Some(Owner::Others),
        Some(o) => Some(Owner::Someone(UserId::parse(o).map_err(|_| {
            CliError::Invalid(format!(
                "--owner takes me, others or a person's user id; '{o}' is none of these"
            ))
        })?)),
    };
    if a.limit == Some(0) {
        return Err(CliError::Invalid("--limit must be at least 1".into()));
    }
    Ok(ListQuery {
        states,
        severities,
        owner,
        overdue: a.overdue,
        limit: a.limit,
    })
}
