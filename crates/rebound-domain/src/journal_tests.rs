use super::*;
use jiff::civil::date;

fn now() -> Timestamp {
    "2026-12-11T09:00:00Z".parse().unwrap()
}

fn entry(text: &str, prompt: Option<Prompt>) -> JournalEntry {
    JournalEntry::new(
        JournalEntryId::from_random([1; 5]),
        Some(UserId::from_random([2; 5])),
        text,
        prompt,
        now(),
    )
    .unwrap()
}

#[test]
fn an_answer_keeps_its_prompt_as_it_read() {
    let p = crate::prompt::prompt_for(date(2026, 12, 11)).unwrap();
    let e = entry("  I told them within the hour.  ", Some(p));
    assert_eq!(e.text, "I told them within the hour.");
    let kept = e.prompt.unwrap();
    assert_eq!((kept.date, kept.text.as_str()), (p.date, p.text));
    assert_eq!(e.created_at, e.updated_at);
}

#[test]
fn blank_over_long_and_control_characters_are_refused_in_words() {
    let blank = JournalEntry::new(
        JournalEntryId::from_random([1; 5]),
        None,
        " \n ",
        None,
        now(),
    );
    assert_eq!(
        blank.unwrap_err().to_string(),
        "the journal entry cannot be empty"
    );
    let long = "a".repeat(MAX_ENTRY_CHARS + 1);
    let err = JournalEntry::new(
        JournalEntryId::from_random([1; 5]),
        None,
        &long,
        None,
        now(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("too long") && err.contains("10000"), "{err}");
    assert!(
        entry_text(&"é".repeat(MAX_ENTRY_CHARS)).is_ok(),
        "characters, not bytes"
    );
    assert!(entry_text("first\nsecond\ttabbed").is_ok());
    assert!(entry_text("bell\u{7}").is_err());
    assert!(entry_text("escape\u{1b}[2J").is_err());
}

#[test]
fn editing_changes_the_text_and_its_time_not_the_prompt() {
    let p = crate::prompt::prompt_for(date(2026, 12, 11)).unwrap();
    let mut e = entry("First go", Some(p));
    let later: Timestamp = "2026-12-12T09:00:00Z".parse().unwrap();
    e.edit("Second go", later).unwrap();
    assert_eq!(
        (e.text.as_str(), e.updated_at, e.created_at),
        ("Second go", later, now())
    );
    assert!(e.prompt.is_some());
    assert!(e.edit("", later).is_err());
    assert_eq!(e.text, "Second go", "a refused edit changes nothing");
}

#[test]
fn search_is_every_word_in_any_case_text_or_prompt() {
    let p = crate::prompt::prompt_for(date(2026, 12, 7)).unwrap();
    let answer = entry("The Deploy went WRONG on Friday", Some(p));
    let free = entry("Walked to the river", None);
    assert!(answer.matches("deploy wrong"));
    assert!(answer.matches("  friday  "));
    assert!(!answer.matches("deploy river"), "every word must appear");
    assert!(
        answer.matches(&p.theme.to_uppercase()),
        "the prompt's theme counts"
    );
    assert!(free.matches(""));
    let found = search(vec![answer.clone(), free.clone()], Some("river"));
    assert_eq!(found, std::slice::from_ref(&free));
    assert!(search(vec![answer, free], Some("nothing-like-this")).is_empty());
}

#[test]
fn a_search_is_one_bounded_line() {
    assert_eq!(search_query(None), Ok(None));
    assert_eq!(search_query(Some("   ")), Ok(None));
    assert_eq!(search_query(Some(" deploy ")), Ok(Some("deploy".into())));
    assert!(search_query(Some(&"q".repeat(MAX_QUERY_CHARS + 1))).is_err());
    assert!(search_query(Some("a\nb")).is_err());
}

#[test]
fn an_answer_in_the_shape_of_a_principle_offers_its_wording() {
    let e = entry(
        "Thinking it over.\ni won't promise a date before engineering estimates it\nMore.",
        None,
    );
    assert_eq!(
        e.principle_wording().as_deref(),
        Some("I will not promise a date before engineering estimates it")
    );
    assert_eq!(
        entry("I was tired and rushed it.", None).principle_wording(),
        None
    );
}

#[test]
fn an_answer_names_today_or_an_earlier_day_never_one_to_come() {
    let today = date(2026, 12, 12); // a Saturday: Friday's prompt
    assert_eq!(answerable(None, today).unwrap().date, date(2026, 12, 11));
    assert_eq!(
        answerable(Some(date(2026, 12, 1)), today).unwrap().date,
        date(2026, 12, 1)
    );
    let err = answerable(Some(date(2026, 12, 14)), today).unwrap_err();
    assert!(err.to_string().contains("after today"), "{err}");
    assert!(answerable(Some(date(1969, 12, 31)), today).is_err());
}
