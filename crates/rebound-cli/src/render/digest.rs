//! The Monday note as text: the subject, the opening, each section with
//! its lines (the link after the text), the closing. When nothing is
//! waiting it says so first, plainly, since no note would go out.

use crate::remote::digest::DigestPreview;

pub const NOTHING_WAITING: &str = "Nothing is waiting for you, so no note would be sent this week.";

pub fn preview(p: &DigestPreview) -> String {
    let mut out = String::new();
    if !p.would_send {
        // The opening would promise "what is waiting"; there is nothing,
        // so only the sentence and the week's question, if any.
        out.push_str(NOTHING_WAITING);
        out.push('\n');
        sections(p, &mut out);
        return out;
    }
    out.push_str(&p.subject);
    out.push_str("\n\n");
    out.push_str(&p.opening);
    out.push('\n');
    sections(p, &mut out);
    out.push('\n');
    out.push_str(&p.closing);
    out.push('\n');
    out
}

fn sections(p: &DigestPreview, out: &mut String) {
    for s in &p.sections {
        out.push('\n');
        out.push_str(&s.heading);
        out.push('\n');
        for l in &s.lines {
            out.push_str("  - ");
            out.push_str(&l.text);
            if let Some(link) = &l.link {
                out.push_str("  ");
                out.push_str(link);
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::digest::{DigestLine, DigestSection};

    fn note(would_send: bool) -> DigestPreview {
        let line = |text: &str, link: Option<&str>| DigestLine {
            text: text.into(),
            link: link.map(Into::into),
        };
        let mut sections = vec![DigestSection {
            heading: "A question for this week".into(),
            lines: vec![line("What would you check first?", None)],
        }];
        if would_send {
            sections.insert(
                0,
                DigestSection {
                    heading: "Open follow-ups".into(),
                    lines: vec![line(
                        "\u{201c}Wrong totals\u{201d}: owned",
                        Some("/m/7kq3x9mz"),
                    )],
                },
            );
        }
        DigestPreview {
            subject: "Your Monday note: 1 open follow-up".into(),
            opening: "Good morning, Ana.".into(),
            sections,
            closing: "Have a good week.".into(),
            would_send,
        }
    }

    #[test]
    fn a_note_reads_subject_sections_with_links_after_the_text_and_closing() {
        let text = preview(&note(true));
        assert_eq!(
            text,
            "Your Monday note: 1 open follow-up\n\nGood morning, Ana.\n\n\
             Open follow-ups\n  - \u{201c}Wrong totals\u{201d}: owned  /m/7kq3x9mz\n\n\
             A question for this week\n  - What would you check first?\n\n\
             Have a good week.\n"
        );
    }

    #[test]
    fn nothing_waiting_is_said_plainly_without_the_opening() {
        let text = preview(&note(false));
        assert!(text.starts_with(NOTHING_WAITING), "{text}");
        assert!(!text.contains("Good morning"), "{text}");
        assert!(text.contains("What would you check first?"), "{text}");
    }
}
