//! Notifications as text: one entry per notification, newest first, the
//! domain's sentence for its kind, when (in the person's time zone), and
//! the ids to act on.

use crate::remote::notifications::NotificationItem;
use jiff::Zoned;
use rebound_domain::when::format_clock;

pub fn list(items: &[NotificationItem], now: &Zoned) -> String {
    let mut out = String::new();
    for n in items {
        let mark = if n.read_at.is_none() {
            "unread"
        } else {
            "read"
        };
        let when = format_clock(n.created_at, now);
        out.push_str(&format!(
            "{mark:<6}  {when}  {}\n{:<6}  id {} · mistake {} (`rebound show {}`)\n",
            n.kind.describe(&n.title),
            "",
            n.id,
            n.mistake,
            n.mistake,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rebound_domain::{MistakeId, NotificationId, NotificationKind};

    #[test]
    fn unread_ones_say_so_with_the_sentence_and_the_ids() {
        let now: Zoned = "2026-12-06T14:30:00+01:00[Europe/Paris]".parse().unwrap();
        let item = |read: bool| NotificationItem {
            id: NotificationId::parse("4fj3k2m1").unwrap(),
            kind: NotificationKind::UpdatePosted,
            mistake: MistakeId::parse("7kq3x9mz").unwrap(),
            title: "Wrong totals".into(),
            created_at: "2026-12-06T13:02:00Z".parse().unwrap(),
            read_at: read.then(|| "2026-12-06T13:10:00Z".parse().unwrap()),
        };
        let text = list(&[item(false), item(true)], &now);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "unread  14:02  A progress update was posted on \u{201c}Wrong totals\u{201d}."
        );
        assert_eq!(
            lines[1],
            "        id 4fj3k2m1 · mistake 7kq3x9mz (`rebound show 7kq3x9mz`)"
        );
        assert!(lines[2].starts_with("read    14:02  A progress update"));
    }
}
