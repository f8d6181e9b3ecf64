//! Reading an edited template back.

use super::{
    HOW_MANY, IMPACT_KEYS, SHIPS, Section, TemplateError, WHAT_WRONG, WHO, continuation, read_time,
    starts_with_key, unescape,
};
use crate::note::{FollowUpNote, Impact, PreventionItem, PreventionKind, clean};
use jiff::Zoned;

/// Reads an edited template back into a note.
pub fn parse(text: &str, now: &Zoned) -> Result<FollowUpNote, TemplateError> {
    let sections = split_sections(text)?;
    let mut note = FollowUpNote::default();
    for (section, lines) in sections {
        match section {
            Section::Impact => note.impact = parse_impact(&lines, now)?,
            Section::Containment => note.containment = free_text(&lines),
            Section::Fix => {
                let mut text = Vec::new();
                let mut ships: Option<usize> = None;
                for &(n, line) in &lines {
                    if starts_with_key(line, SHIPS) {
                        if ships.is_some() {
                            return Err(TemplateError::DuplicateShips { line: n });
                        }
                        ships = Some(n);
                        note.fix_due = match clean(&line[SHIPS.len()..]) {
                            Some(v) => Some(read_time(&v, false, now).map_err(|reason| {
                                TemplateError::UnreadableTime {
                                    line: n,
                                    field: "Ships",
                                    reason,
                                }
                            })?),
                            None => None,
                        };
                    } else {
                        text.push((n, line));
                    }
                }
                note.fix = free_text(&text);
            }
            Section::Prevention => note.prevention = parse_prevention(&lines)?,
            Section::Owner => note.owner = free_text(&lines),
        }
    }
    Ok(note)
}

type Lines<'a> = Vec<(usize, &'a str)>;

/// Splits the text into sections, dropping comments and the title line.
fn split_sections(text: &str) -> Result<Vec<(Section, Lines<'_>)>, TemplateError> {
    let mut sections: Vec<(Section, Lines<'_>)> = Vec::new();
    let mut comment_from: Option<usize> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if comment_from.is_some() {
            if line.contains("-->") {
                comment_from = None;
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("<!--") {
            if !rest.contains("-->") {
                comment_from = Some(n);
            }
            continue;
        }
        if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count();
            let name = line[level..].trim();
            if level == 1 && sections.is_empty() {
                continue; // the title
            }
            let section = Section::ALL
                .into_iter()
                .find(|s| level == 2 && s.heading().eq_ignore_ascii_case(name))
                .ok_or_else(|| TemplateError::UnknownSection {
                    line: n,
                    heading: line.trim().to_string(),
                })?;
            if sections.iter().any(|(s, _)| *s == section) {
                return Err(TemplateError::DuplicateSection {
                    line: n,
                    section: section.heading(),
                });
            }
            sections.push((section, Vec::new()));
            continue;
        }
        match sections.last_mut() {
            Some((_, lines)) => lines.push((n, line)),
            None if line.trim().is_empty() => {}
            None => return Err(TemplateError::TextBeforeSection { line: n }),
        }
    }
    match comment_from {
        Some(line) => Err(TemplateError::UnclosedComment { line }),
        None => Ok(sections),
    }
}

fn free_text(lines: &[(usize, &str)]) -> Option<String> {
    clean(
        lines
            .iter()
            .map(|(_, l)| unescape(l))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn parse_impact(lines: &[(usize, &str)], now: &Zoned) -> Result<Impact, TemplateError> {
    // (key, line of the key, value so far)
    let mut fields: Vec<(&'static str, usize, String)> = Vec::new();
    for &(n, line) in lines {
        if let Some(key) = IMPACT_KEYS.into_iter().find(|k| starts_with_key(line, k)) {
            if fields.iter().any(|(k, _, _)| *k == key) {
                return Err(TemplateError::DuplicateField {
                    line: n,
                    field: key.trim_end_matches(':'),
                });
            }
            fields.push((key, n, line[key.len()..].trim_start().to_string()));
        } else if let Some((_, _, value)) = fields.last_mut() {
            value.push('\n');
            value.push_str(continuation(line));
        } else if !line.trim().is_empty() {
            return Err(TemplateError::UnknownField { line: n });
        }
    }
    let mut impact = Impact::default();
    for (key, n, value) in fields {
        let value = clean(value);
        match key {
            WHO => impact.who = value,
            HOW_MANY => impact.how_many = value,
            WHAT_WRONG => impact.what_wrong = value,
            _ => {
                impact.since = match value {
                    Some(v) => Some(read_time(&v, true, now).map_err(|reason| {
                        TemplateError::UnreadableTime {
                            line: n,
                            field: "Since",
                            reason,
                        }
                    })?),
                    None => None,
                }
            }
        }
    }
    Ok(impact)
}

fn parse_prevention(lines: &[(usize, &str)]) -> Result<Vec<PreventionItem>, TemplateError> {
    let mut items: Vec<(PreventionKind, String)> = Vec::new();
    let mut in_item = false;
    for &(n, line) in lines {
        let bullet = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        let bullet = bullet.or_else(|| (line == "-" || line == "*").then_some(""));
        if let Some(rest) = bullet {
            let rest = rest.trim_start();
            if rest.is_empty() {
                in_item = false;
                continue;
            }
            let Some((kind, text)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
                return Err(TemplateError::BulletWithoutType { line: n });
            };
            let kind = kind.parse::<PreventionKind>().map_err(|_| {
                TemplateError::UnknownPreventionKind {
                    line: n,
                    kind: kind.trim().to_string(),
                }
            })?;
            items.push((kind, text.trim_start().to_string()));
            in_item = true;
        } else if line.trim().is_empty() || (in_item && line.starts_with(' ')) {
            if let Some((_, text)) = items.last_mut().filter(|_| in_item) {
                text.push('\n');
                text.push_str(continuation(line));
            }
        } else {
            return Err(TemplateError::NotABullet { line: n });
        }
    }
    Ok(items
        .into_iter()
        .filter_map(|(kind, text)| clean(text).map(|text| PreventionItem { kind, text }))
        .collect())
}
