//! Links to the playbook about something a page shows: a plan's drivers,
//! signs and pressure points (`playbook::slug_for`), its escalation panel,
//! a reflection's trap and failure type (to their part of `four-traps` and
//! `failure-types`, by the heading's anchor). Built-ins only: their slugs
//! never change, so a link never breaks.

use crate::web::markdown::anchor;
use maud::{Markup, html};
use rebound_domain::playbook;

/// Where the playbook about `key` (`sign:speaking_less`, `trap:ego`, …) is.
pub fn href(key: &str) -> Option<String> {
    let (slug, part) = match key.split_once(':') {
        Some(("trap", t)) => ("four-traps", Some(t)),
        Some(("failure", f)) => ("failure-types", Some(f)),
        _ => (playbook::slug_for(key)?, None),
    };
    playbook::get(slug)?;
    Some(match part {
        Some(p) => format!("/playbooks/{slug}#{}", anchor(p)),
        None => format!("/playbooks/{slug}"),
    })
}

/// " (playbook: Title)" after a label, or nothing.
pub fn beside(key: &str) -> Markup {
    let Some(h) = href(key) else {
        return html! {};
    };
    let slug = h
        .trim_start_matches("/playbooks/")
        .split('#')
        .next()
        .unwrap_or("");
    let title = playbook::get(slug).map_or("", |p| p.title.as_str());
    html! { " " span.hint { "(" a.playbook-link href=(h) { "playbook: " (title) } ")" } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_link_to_their_playbook_and_part() {
        assert_eq!(
            href("trap:ego").as_deref(),
            Some("/playbooks/four-traps#pb-ego")
        );
        assert_eq!(
            href("failure:courage").as_deref(),
            Some("/playbooks/failure-types#pb-courage")
        );
        assert_eq!(
            href("escalation").as_deref(),
            Some("/playbooks/beyond-a-quick-fix")
        );
        assert!(href("sign:speaking_less").is_some());
        assert_eq!(href("sign:nothing"), None);
        // Each part linked is a heading of its playbook.
        for (slug, parts) in [
            ("four-traps", ["judgment", "expertise", "ego", "confidence"]),
            (
                "failure-types",
                ["information", "courage", "skill", "attention"],
            ),
        ] {
            let html = crate::web::markdown::render_with_anchors(
                &playbook::get(slug).unwrap().body_markdown,
            )
            .into_string();
            for p in parts {
                assert!(html.contains(&format!("id=\"pb-{p}\"")), "{slug}#{p}");
            }
        }
    }
}
