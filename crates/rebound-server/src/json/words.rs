//! A deserialiser's refusal in words: which field, and what it takes.
//! serde's messages ("unknown variant `foo`, expected one of …", "invalid
//! type: string, expected u8 at line 1 column 53") and jiff's ("failed to
//! parse four digit integer as year") are for programmers; people get the
//! field's name and what is allowed, whatever the body or query was.

/// The words for `message` (a serde or field-type error, its position
/// already removed) about the value at `path` (`signs[0].level`, or `.`
/// for the whole body).
pub fn refusal(path: &str, message: &str) -> String {
    // serde_path_to_error's path of an unknown field may already end in
    // the field itself (a query's `bogus` arrives as path `bogus`).
    let at = |field: &str| match path {
        "." | "" => format!("`{field}`"),
        p if p == field || p.ends_with(&format!(".{field}")) => format!("`{p}`"),
        p => format!("`{p}.{field}`"),
    };
    let here = match path {
        "." | "" => "the body".to_string(),
        p => format!("`{p}`"),
    };
    if let Some(field) = between(message, "missing field `", "`") {
        return format!("{} is required", at(field));
    }
    if let Some(field) = between(message, "unknown field `", "`") {
        let allowed = ticked(message.split_once(", expected").map_or("", |(_, t)| t));
        return match allowed.as_slice() {
            [] => format!("{} is not something this request takes", at(field)),
            list => format!(
                "{} is not something this request takes; it takes: {}",
                at(field),
                list.join(", ")
            ),
        };
    }
    if let Some(field) = between(message, "duplicate field `", "`") {
        return format!("{} is given twice", at(field));
    }
    if message.starts_with("unknown variant") {
        let allowed = ticked(message.split_once(", expected").map_or("", |(_, t)| t));
        return if allowed.is_empty() {
            format!("{here} is not a value this takes")
        } else {
            format!("{here} must be one of: {}", allowed.join(", "))
        };
    }
    if message.starts_with("invalid type:") || message.starts_with("invalid value:") {
        let expected = message.rsplit_once(", expected ").map_or("", |(_, e)| e);
        return format!("{here} must be {}", expected_in_words(expected));
    }
    if message.starts_with("invalid length") {
        return format!("{here} has the wrong number of items");
    }
    // Our own types' refusals (`try_from`, `sent_time`'s offset check) are
    // already words; a parser's are not.
    let m = message.to_ascii_lowercase();
    let parser = is_serde_phrase(message)
        || [
            "parse",
            "parsing",
            "unexpected",
            "invalid",
            "provided string",
        ]
        .iter()
        .any(|w| m.contains(w));
    if message.contains("is not a time") || (parser && looks_like_time(message)) {
        return format!(
            "{here} is not a date or time we can read: write it like 2026-11-22T14:05:00Z"
        );
    }
    if !parser {
        return format!("{here}: {message}");
    }
    // serde_urlencoded's numbers and booleans are read with `str::parse`.
    if m.contains("invalid digit") || m.contains("parse integer") {
        return format!("{here} must be a whole number");
    }
    if m.contains("float") {
        return format!("{here} must be a number");
    }
    if m.contains("`true` or `false`") {
        return format!("{here} must be true or false");
    }
    if m.contains("did not match any variant") {
        return format!("{here} is not in a form this takes");
    }
    format!("{here} could not be read")
}

/// What a field takes, said for people.
fn expected_in_words(expected: &str) -> String {
    let e = expected.trim();
    let t = e.to_ascii_lowercase();
    if looks_like_time(&t) {
        return "a date and time such as 2026-11-22T14:05:00Z".into();
    }
    if t.starts_with('u') && t[1..].chars().all(|c| c.is_ascii_digit()) {
        let max = match t.as_str() {
            "u8" => Some("255"),
            "u16" => Some("65535"),
            _ => None,
        };
        return match max {
            Some(max) => format!("a whole number from 0 to {max}"),
            None => "a whole number, 0 or more".into(),
        };
    }
    if t == "usize" {
        return "a whole number, 0 or more".into();
    }
    if (t.starts_with('i') && t[1..].chars().all(|c| c.is_ascii_digit())) || t == "an integer" {
        return "a whole number".into();
    }
    if t.starts_with('f') && t[1..].chars().all(|c| c.is_ascii_digit()) {
        return "a number".into();
    }
    match t.as_str() {
        "a boolean" | "bool" => "true or false".into(),
        "a string" | "a borrowed string" | "a character" | "a char" | "string" => "text".into(),
        "a sequence" | "a list" => "a list".into(),
        "a map" => "an object".into(),
        _ if t.starts_with("struct ") || t.starts_with("a map") => "an object".into(),
        _ if t.starts_with("unit") => "empty (null)".into(),
        _ if t.starts_with("one of") || t.starts_with("variant") || t.starts_with('`') => {
            let allowed = ticked(e);
            if allowed.is_empty() {
                "one of the values this takes".into()
            } else {
                format!("one of: {}", allowed.join(", "))
            }
        }
        _ if t.starts_with("enum ") => "one of the values this takes".into(),
        _ if is_serde_phrase(&t) => "something else".into(),
        // A type's own description ("a valid email address").
        _ => e.to_string(),
    }
}

/// The text between the first `start` and the `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let (_, rest) = s.split_once(start)?;
    Some(rest.split_once(end).map_or(rest, |(x, _)| x))
}

/// Every `name` in backticks, in order.
fn ticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// jiff's parse errors, whatever part of a time they stumbled on.
fn looks_like_time(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "timestamp",
        "datetime",
        "rfc 3339",
        "rfc 9557",
        "as year",
        "as month",
        "as day",
        "as hour",
        "as minute",
        "as second",
        "offset",
        "date",
        "time zone",
    ]
    .iter()
    .any(|w| m.contains(w))
}

/// Phrases only a deserialiser says, which must never reach a person.
pub fn is_serde_phrase(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "line 1",
        "column",
        "variant",
        "invalid type",
        "invalid value",
        "expected u",
        "expected i",
        "expected a ",
        "expected struct",
        "expected one of",
        "failed to parse",
        "eof while",
        "trailing",
    ]
    .iter()
    .any(|p| m.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_phrases_become_words() {
        let cases = [
            (
                "severity",
                "unknown variant `huge`, expected one of `low`, `medium`, `high`, `critical`",
                "`severity` must be one of: low, medium, high, critical",
            ),
            (
                "drivers[0]",
                "unknown variant `x`, expected `cognitive` or `social`",
                "`drivers[0]` must be one of: cognitive, social",
            ),
            (".", "missing field `signs`", "`signs` is required"),
            (
                "signs[1]",
                "missing field `level`",
                "`signs[1].level` is required",
            ),
            (
                "signs[0].level",
                "invalid type: string \"x\", expected u8",
                "`signs[0].level` must be a whole number from 0 to 255",
            ),
            (
                "distress",
                "invalid type: integer `1`, expected a boolean",
                "`distress` must be true or false",
            ),
            (
                "first_at",
                "failed to parse four digit integer as year",
                "`first_at` is not a date or time we can read: write it like 2026-11-22T14:05:00Z",
            ),
            (
                ".",
                "unknown field `colour`, expected `title` or `what`",
                "`colour` is not something this request takes; it takes: title, what",
            ),
            (
                "bogus",
                "unknown field `bogus`, expected `before` or `limit`",
                "`bogus` is not something this request takes; it takes: before, limit",
            ),
            (
                "note.colour",
                "unknown field `colour`, expected `fix`",
                "`note.colour` is not something this request takes; it takes: fix",
            ),
            (
                "limit",
                "invalid digit found in string",
                "`limit` must be a whole number",
            ),
            (
                "due",
                "'x' is not a time: use RFC 3339, e.g. 2026-11-22T14:05:00Z",
                "`due` is not a date or time we can read: write it like 2026-11-22T14:05:00Z",
            ),
            (
                "due",
                "'+25:00' has an offset beyond ±23:59 from UTC, which no time zone has; check the offset",
                "`due`: '+25:00' has an offset beyond ±23:59 from UTC, which no time zone has; check the offset",
            ),
        ];
        for (path, serde, words) in cases {
            let got = refusal(path, serde);
            assert_eq!(got, words, "{serde}");
            assert!(!is_serde_phrase(&got), "{got}");
        }
    }
}
