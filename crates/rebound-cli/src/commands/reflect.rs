//! `rebound reflect [MISTAKE_ID] [--memory TITLE] …`: the guided
//! reflection. What happened is diagnosed and the suggestion shown with the
//! words behind it; then the trap and the failure type (each explained with
//! an example, the correction shown once chosen), the specific error in one
//! sentence, the lesson (checked: a cautious or vague one gets its reasons
//! and a prompt, and is saved anyway — the person decides) and, if given, a
//! principle "I will not …" (refused before anything is saved if it repeats
//! one you have). On a mistake already reflected on, that reflection goes on.
//!
//! Every flag is checked before anything is asked or stored. On a terminal
//! the steps not given as flags are asked for (a refused answer gets its
//! reason and the question again; the end of input stops with nothing
//! stored, as nothing is stored before the last answer); without one, the
//! first missing flag is named and nothing is stored. The questions go
//! through [`Prompt`], so they are tested on text as well as on a terminal
//! (`tests/cli/reflect_tty.rs`).

use super::{parse_choice, parse_id};
use crate::args::ReflectArgs;
use crate::backend::{Backend, LessonCheck, NewReflectionInput};
use crate::error::{CliError, Result};
use crate::input::{Prompt, interactive, text_arg};
use rebound_domain::reflection::{MAX_ACCOUNT, MAX_TITLE, one_sentence, principle_text};
use rebound_domain::{FailureType, LessonVerdict, Reflection, ReflectionError, Suggestion, Trap};
use std::fmt::Display;
use std::io::{BufRead, Write};
use std::str::FromStr;

/// Where the conversation goes: stdout, or stderr when stdout is for JSON.
#[derive(Clone, Copy)]
pub(super) struct Say {
    pub json: bool,
}

impl Say {
    pub fn line(self, s: impl Display) {
        if self.json {
            eprintln!("{s}");
        } else {
            println!("{s}");
        }
    }
}

pub async fn run(b: &impl Backend, a: ReflectArgs) -> Result<()> {
    let say = Say { json: a.out.json };
    let tty = interactive();

    // Everything typed is checked first.
    let mistake = a.mistake.as_deref().map(parse_id).transpose()?;
    let memory = a
        .memory
        .filter(|m| !m.trim().is_empty())
        .as_deref()
        .map(memory_title)
        .transpose()?;
    let mut used_stdin = false;
    let account = text_arg(a.account, "account of what happened", &mut used_stdin)?;
    let lesson = text_arg(a.lesson, "lesson", &mut used_stdin)?;
    let account = account.as_deref().map(what_happened).transpose()?;
    let mut trap = parse_choice::<Trap>(a.trap)?;
    let mut failure = parse_choice::<FailureType>(a.failure_type)?;
    let mut error = a.error.as_deref().map(one_sentence).transpose()?;
    let mut lesson = lesson.as_deref().map(Reflection::lesson_text).transpose()?;
    let mut principle = a.principle.as_deref().map(principle_text).transpose()?;

    if !tty {
        let missing = [
            (
                mistake.is_none() && memory.is_none(),
                "MISTAKE_ID or --memory \"title\"",
            ),
            (
                mistake.is_none() && account.is_none(),
                "--account \"what happened\"",
            ),
            (
                trap.is_none(),
                "--trap (judgment, expertise, ego or confidence)",
            ),
            (
                failure.is_none(),
                "--failure-type (information, courage, skill or attention)",
            ),
            (
                error.is_none(),
                "--error \"the specific error, in one sentence\"",
            ),
            (
                lesson.is_none(),
                "--lesson \"what you will do differently\"",
            ),
        ];
        if let Some((_, flag)) = missing.iter().find(|(m, _)| *m) {
            return Err(CliError::invalid(format!(
                "missing {flag}: without a terminal to ask on, give every step as a flag; nothing was saved"
            )));
        }
    }

    // Questions go to stderr and answers come from stdin; asked only on a
    // terminal (above, every missing step was named otherwise).
    let mut p = Prompt::terminal();

    // The subject: one of the person's mistakes, or a memory.
    let from_mistake = match &mistake {
        Some(id) => Some(b.get(id).await?.mistake),
        None => None,
    };
    let memory = match (&mistake, memory) {
        (None, None) => Some(ask_valid(
            &mut p,
            "A short title for the memory you are reflecting on:",
            memory_title,
        )?),
        (_, m) => m,
    };
    let account = match (account, &from_mistake) {
        (Some(t), _) => t,
        (None, Some(m)) => m
            .what
            .clone()
            .filter(|w| !w.trim().is_empty())
            .unwrap_or_else(|| m.title.clone()),
        (None, None) => ask_valid(&mut p, "What happened, in your own words?", what_happened)?,
    };

    let suggested = b.diagnose(&account).await?;
    show_suggestion(say, &suggested);

    if trap.is_none() || failure.is_none() {
        let hint = (!suggested.unsure).then_some(&suggested);
        if trap.is_none() {
            trap = Some(choose(
                &mut p,
                "trap",
                Trap::ALL,
                |t| (t.title(), t.explanation(), t.example()),
                hint.map(|s| s.trap),
            )?);
        }
        if failure.is_none() {
            failure = Some(choose(
                &mut p,
                "failure type",
                FailureType::ALL,
                |f| (f.title(), f.explanation(), f.example()),
                hint.map(|s| s.failure_type),
            )?);
        }
    }
    let (Some(trap), Some(failure)) = (trap, failure) else {
        unreachable!("asked for above");
    };
    say.line(format!("Trap: {} — {}", trap.title(), trap.explanation()));
    say.line(format!(
        "Failure type: {} — {}",
        failure.title(),
        failure.explanation()
    ));
    say.line(format!("The correction: {}", failure.correction()));

    if error.is_none() {
        error = Some(ask_valid(
            &mut p,
            "The specific error, in one sentence:",
            one_sentence,
        )?);
    }
    if lesson.is_none() {
        lesson = Some(ask_lesson(&mut p, async |l: &str| b.check_lesson(l).await).await?);
    }
    if principle.is_none() && tty {
        p.tell(
            "Turn the lesson into a principle for your Operating Manual: \"I will not …\" and the specific behaviour.",
        );
        principle = ask_optional(&mut p, "Principle (Enter to skip):", principle_text)?;
    }
    drop(p);
    if let Some(text) = &principle {
        super::reflections::not_a_repeat(b, text, a.add_anyway).await?;
    }

    let saved = b
        .create_reflection(NewReflectionInput {
            mistake,
            memory_title: memory,
            account,
            trap: Some(trap),
            failure_type: Some(failure),
            specific_error: error,
            lesson,
        })
        .await?;
    let r = &saved.reflection;
    let added = match &principle {
        Some(text) => Some(b.add_principle(text, Some(&r.id), true).await?),
        None => None,
    };

    if a.out.json {
        let mut json = saved.json;
        if let (Some(o), Some(p)) = (json.as_object_mut(), &added) {
            o.insert(
                "principle".into(),
                serde_json::to_value(p).map_err(|e| CliError::Io(e.to_string()))?,
            );
        }
        println!("{json}");
        return Ok(());
    }
    super::reflections::tell_saved(&saved);
    if let Some(v) = r.lesson_verdict {
        println!("Lesson check: {v}");
        for reason in &r.lesson_reasons {
            println!("- {reason}");
        }
        if v.needs_rewrite() {
            println!("{}", v.prompt());
            println!(
                "It is saved as written: to make it specific, run `rebound reflect` again with a rewritten --lesson."
            );
        }
    }
    if let Some(p) = added {
        println!(
            "Principle {} added to your Operating Manual: {}",
            p.principle.id, p.principle.text
        );
        super::reflections::tell_check(&p);
    }
    Ok(())
}

fn show_suggestion(say: Say, s: &Suggestion) {
    if s.unsure {
        say.line("Diagnosis: not sure — choose for yourself.");
    } else {
        say.line(format!(
            "Suggested: trap {}, failure type {} ({:.0} % sure).",
            s.trap,
            s.failure_type,
            100.0 * s.confidence
        ));
    }
    if !s.cues.is_empty() {
        let cues: Vec<String> = s.cues.iter().map(|c| format!("\"{c}\"")).collect();
        say.line(format!("Because of: {}", cues.join(", ")));
    }
}

/// The memory's title, checked as the domain will check it when saving, so
/// a bad one is named before anything else is asked.
fn memory_title(input: &str) -> std::result::Result<String, ReflectionError> {
    bounded(input, "the title", MAX_TITLE)
}

/// What happened, checked the same way.
fn what_happened(input: &str) -> std::result::Result<String, ReflectionError> {
    bounded(input, "what happened", MAX_ACCOUNT)
}

/// Trimmed, not empty, at most `max` characters (the domain's rule and words).
fn bounded(
    input: &str,
    what: &'static str,
    max: usize,
) -> std::result::Result<String, ReflectionError> {
    rebound_domain::reflection::bounded_text(input, what, max)
}

/// Lists the choices with their explanation and example, and asks until
/// one is named (by number or name); Enter takes the suggestion.
fn choose<T>(
    p: &mut Prompt<impl BufRead, impl Write>,
    what: &str,
    all: &[T],
    describe: impl Fn(T) -> (&'static str, &'static str, &'static str),
    suggested: Option<T>,
) -> Result<T>
where
    T: Copy + PartialEq + Display + FromStr,
{
    p.tell(format!("Which {what}?"));
    for (n, c) in all.iter().enumerate() {
        let (title, explanation, example) = describe(*c);
        let mark = if Some(*c) == suggested {
            " (suggested)"
        } else {
            ""
        };
        p.tell(format!("  {}. {title}{mark} — {explanation}", n + 1));
        p.tell(format!("     For example: {example}"));
    }
    let range = format!("1–{}", all.len());
    let question = match suggested {
        Some(s) => format!("{} ({range}, or Enter for {s}):", capital(what)),
        None => format!("{} ({range}):", capital(what)),
    };
    loop {
        match p.answer(&question)? {
            None => match suggested {
                Some(s) => return Ok(s),
                None => p.tell(format!("Choose one: give a number from {range}.")),
            },
            Some(a) => {
                let by_number = a
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| all.get(i).copied());
                match by_number.or_else(|| a.parse::<T>().ok()) {
                    Some(c) => return Ok(c),
                    None => p.tell(format!(
                        "'{a}' is not one of them: give a number from {range}."
                    )),
                }
            }
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Asked until `check` accepts it, its reason shown each time it does not
/// (an empty answer too: the check says what cannot be empty).
fn ask_valid<E: Display>(
    p: &mut Prompt<impl BufRead, impl Write>,
    question: &str,
    check: impl Fn(&str) -> std::result::Result<String, E>,
) -> Result<String> {
    loop {
        let a = p.answer(question)?.unwrap_or_default();
        match check(&a) {
            Ok(t) => return Ok(t),
            Err(e) => p.tell(e),
        }
    }
}

/// Like `ask_valid`, but Enter skips.
fn ask_optional<E: Display>(
    p: &mut Prompt<impl BufRead, impl Write>,
    question: &str,
    check: impl Fn(&str) -> std::result::Result<String, E>,
) -> Result<Option<String>> {
    loop {
        match p.answer(question)? {
            None => return Ok(None),
            Some(a) => match check(&a) {
                Ok(t) => return Ok(Some(t)),
                Err(e) => p.tell(e),
            },
        }
    }
}

/// The lesson, checked as it is written: a cautious or vague one gets its
/// reasons and the prompt, and the person may rewrite it or keep it.
async fn ask_lesson(
    p: &mut Prompt<impl BufRead, impl Write>,
    check: impl AsyncFn(&str) -> Result<LessonCheck>,
) -> Result<String> {
    let mut lesson = ask_valid(
        p,
        "The lesson — what you will do differently next time:",
        Reflection::lesson_text,
    )?;
    loop {
        let c = check(&lesson).await?;
        p.tell(format!("Lesson check: {}", c.verdict));
        for reason in &c.reasons {
            p.tell(format!("- {reason}"));
        }
        if c.verdict == LessonVerdict::Careful {
            return Ok(lesson);
        }
        p.tell(c.verdict.prompt());
        match ask_optional(
            p,
            "Rewrite it (or press Enter to keep it as it is):",
            Reflection::lesson_text,
        )? {
            Some(rewritten) => lesson = rewritten,
            None => return Ok(lesson),
        }
    }
}

#[cfg(test)]
#[path = "reflect_tests.rs"]
mod tests;
