//! Writing a note out as the template.

use super::{HOW_MANY, SHIPS, SINCE, Section, WHAT_WRONG, WHO, escape, format_time};
use crate::mistake::Mistake;
use crate::note::PreventionKind;
use jiff::Zoned;

/// The note of `m` as a template to edit.
pub fn render(m: &Mistake, now: &Zoned) -> String {
    let note = &m.note;
    let title = m.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = format!("# {title}\n\n");
    out.push_str(
        "<!-- The follow-up note. Write under each heading and save; lines like this one are ignored. Leave a value empty while you don't know it. -->\n",
    );
    for section in Section::ALL {
        out.push_str(&format!(
            "\n## {}\n<!-- {} -->\n",
            section.heading(),
            section.guidance()
        ));
        match section {
            Section::Impact => {
                let since = note.impact.since.map(|t| format_time(t, now));
                let fields = [
                    (WHO, note.impact.who.as_deref()),
                    (HOW_MANY, note.impact.how_many.as_deref()),
                    (SINCE, since.as_deref()),
                    (WHAT_WRONG, note.impact.what_wrong.as_deref()),
                ];
                for (key, value) in fields {
                    push_field(&mut out, key, value, section);
                }
            }
            Section::Containment => push_text(&mut out, note.containment.as_deref(), section),
            Section::Fix => {
                push_text(&mut out, note.fix.as_deref(), section);
                let ships = note.fix_due.map(|t| format_time(t, now));
                push_field(&mut out, SHIPS, ships.as_deref(), section);
            }
            Section::Prevention => {
                if note.prevention.is_empty() {
                    for kind in PreventionKind::ALL {
                        out.push_str(&format!("- [{kind}]\n"));
                    }
                }
                for item in &note.prevention {
                    push_field(
                        &mut out,
                        &format!("- [{}]", item.kind),
                        Some(&item.text),
                        section,
                    );
                }
            }
            Section::Owner => push_text(&mut out, note.owner.as_deref(), section),
        }
    }
    out
}

/// `Key: first line`, then the other lines indented by two spaces.
fn push_field(out: &mut String, key: &str, value: Option<&str>, section: Section) {
    out.push_str(key);
    let mut lines = value.unwrap_or("").split('\n');
    if let Some(first) = lines.next().filter(|l| !l.is_empty()) {
        out.push(' ');
        out.push_str(first);
    }
    out.push('\n');
    for line in lines {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(&escape(line, section));
        }
        out.push('\n');
    }
}

fn push_text(out: &mut String, text: Option<&str>, section: Section) {
    for line in text.into_iter().flat_map(|t| t.split('\n')) {
        out.push_str(&escape(line, section));
        out.push('\n');
    }
}
