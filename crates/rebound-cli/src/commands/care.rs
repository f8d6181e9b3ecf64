//! Keep showing up, and take care of yourself: `rebound win [MISTAKE_ID]
//! TEXT`, `rebound wins`, and `rebound self-care [--add ITEM] [--remove N]`.

use super::parse_id;
use crate::args::{JsonFlag, SelfCareArgs, WinArgs};
use crate::backend::Backend;
use crate::error::{CliError, Result};
use rebound_domain::SelfCarePlan;
use rebound_domain::reflection::SELF_CARE_IDEAS;
use serde_json::json;

fn to_json<T: serde::Serialize>(v: &T) -> Result<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| CliError::Io(e.to_string()))
}

pub async fn win(b: &impl Backend, a: WinArgs) -> Result<()> {
    let (mistake, text) = match a.second {
        Some(text) => (Some(parse_id(&a.first)?), text),
        None => (None, a.first),
    };
    if text.trim().is_empty() {
        return Err(CliError::invalid("the win cannot be empty"));
    }
    let w = b.add_win(mistake.as_ref(), &text).await?;
    if a.out.json {
        println!("{}", to_json(&w)?);
    } else {
        match &w.mistake_title {
            Some(t) => println!("Win logged, after \"{t}\". Keep showing up."),
            None => println!("Win logged. Keep showing up."),
        }
    }
    Ok(())
}

pub async fn wins(b: &impl Backend, out: JsonFlag) -> Result<()> {
    let wins = b.wins().await?;
    if out.json {
        println!("{}", json!({ "wins": to_json(&wins)? }));
        return Ok(());
    }
    if wins.is_empty() {
        println!("No wins logged yet: `rebound win \"what went well\"` after a mistake.");
        return Ok(());
    }
    for w in &wins {
        let day = w
            .win
            .at
            .to_zoned(b.now().time_zone().clone())
            .strftime("%Y-%m-%d");
        let after = w
            .mistake_title
            .as_deref()
            .map(|t| format!("  (after \"{t}\")"))
            .unwrap_or_default();
        println!("{day}  {}{after}", w.win.text);
    }
    Ok(())
}

pub async fn self_care(b: &impl Backend, a: SelfCareArgs) -> Result<()> {
    let current = b.self_care().await?;
    let plan = if a.add.is_empty() && a.remove.is_empty() {
        current
    } else {
        let mut items = current
            .as_ref()
            .map(|p| p.items.clone())
            .unwrap_or_default();
        let mut remove = a.remove.clone();
        remove.sort_unstable();
        remove.dedup();
        for n in remove.iter().rev() {
            if *n == 0 || *n > items.len() {
                return Err(CliError::invalid(match items.len() {
                    0 => format!("there is no item {n}: your plan is empty"),
                    len => format!("there is no item {n}: your plan has items 1 to {len}"),
                }));
            }
            items.remove(n - 1);
        }
        for item in &a.add {
            if item.trim().is_empty() {
                return Err(CliError::invalid("a self-care item cannot be empty"));
            }
        }
        items.extend(a.add.iter().cloned());
        let mistake = current.as_ref().and_then(|p| p.mistake.clone());
        // Checked here first, so a refusal reads the same locally and remotely.
        SelfCarePlan::new(None, mistake.clone(), &items, b.now().timestamp())?;
        Some(b.set_self_care(&items, mistake.as_ref()).await?)
    };
    let ideas: Vec<&str> = SELF_CARE_IDEAS.to_vec();
    if a.out.json {
        println!("{}", json!({ "plan": to_json(&plan)?, "ideas": ideas }));
        return Ok(());
    }
    match plan.as_ref().filter(|p| !p.items.is_empty()) {
        Some(p) => {
            println!("Your self-care reset plan:");
            for (n, item) in p.items.iter().enumerate() {
                println!("  {}. {item}", n + 1);
            }
        }
        None => {
            println!("No self-care plan yet. Recovery is part of performance, not a reward.");
            println!("Ideas: {}.", ideas.join("; "));
            println!("Add one with `rebound self-care --add \"a walk outside\"`.");
        }
    }
    Ok(())
}
