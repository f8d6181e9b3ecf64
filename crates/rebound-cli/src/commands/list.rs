//! `rebound list`: filtered and ordered by the domain (`listing`), most
//! urgent first; titles cut to the terminal's width; an owner column, by
//! name, when some rows are someone else's.

use crate::args::ListArgs;
use crate::backend::Backend;
use crate::error::{CliError, Result};
use crate::progress::Progress;
use crate::render;
use rebound_domain::listing::{self, ListQuery, Owner};
use rebound_domain::{Severity, State, UserId};

pub async fn run(b: &impl Backend, a: ListArgs) -> Result<()> {
    let mut q = query(&a)?;
    // Closed ones are read only when asked for.
    let all = a.all || q.states.contains(&State::Closed);
    // Over the network a long list can take a moment; here it never shows.
    let waiting = Progress::spinner("Reading the mistakes…");
    let listing = b.list(all).await?;
    waiting.clear();
    if let Some(o) = owner_named(&a, &listing.owners)? {
        q.owner = Some(o);
    }
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
        let owners: Vec<serde_json::Value> = (listing.owners.iter())
            .filter(|(id, _)| shown.iter().any(|m| m.owner.as_ref() == Some(id)))
            .map(|(id, name)| serde_json::json!({"id": id, "name": name}))
            .collect();
        println!(
            "{}",
            serde_json::json!({ "mistakes": items, "owners": owners })
        );
    } else if shown.is_empty() {
        println!("{}", nothing(&a, all));
    } else {
        let width = console::Term::stdout().size_checked().map(|(_, cols)| cols);
        let names = &listing.owners;
        print!(
            "{}",
            render::list::table(&shown, me.as_ref(), names, now, width.map(usize::from))
        );
    }
    Ok(())
}

/// `--owner NAME`: the one owner of a listed mistake with that name
/// (ignoring case), when it is not me, others or an id.
fn owner_named(a: &ListArgs, owners: &[(UserId, String)]) -> Result<Option<Owner>> {
    let Some(o) = a.owner.as_deref().map(str::trim) else {
        return Ok(None);
    };
    if is_keyword_or_id(o) {
        return Ok(None);
    }
    let named: Vec<&(UserId, String)> = owners
        .iter()
        .filter(|(_, name)| name.trim().eq_ignore_ascii_case(o))
        .collect();
    match named.as_slice() {
        [(id, _)] => Ok(Some(Owner::Someone(id.clone()))),
        [] => Err(CliError::Invalid(format!(
            "--owner takes me, others, a person's name or user id; nobody named '{o}' owns a mistake you can see"
        ))),
        _ => Err(CliError::Invalid(format!(
            "--owner '{o}': {} people have that name; give one's user id: {}",
            named.len(),
            named
                .iter()
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn is_keyword_or_id(o: &str) -> bool {
    o.eq_ignore_ascii_case("me") || o.eq_ignore_ascii_case("others") || UserId::parse(o).is_ok()
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
        Some("") => {
            return Err(CliError::Invalid(
                "--owner takes me, others, a person's name or user id; it is empty".into(),
            ));
        }
        Some(o) => UserId::parse(o).ok().map(Owner::Someone),
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
