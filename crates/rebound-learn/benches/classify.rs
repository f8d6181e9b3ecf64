//! Speed of the embedded classifiers on one core: model load time and texts
//! per second, over the corpus texts (a realistic mix of lengths).
//!
//! Run: `cargo bench -p rebound-learn --bench classify`

use rebound_learn::{Diagnoser, LessonChecker};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn texts(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let loads: Vec<Duration> = (0..25)
        .map(|_| {
            let t = Instant::now();
            black_box(Diagnoser::embedded());
            t.elapsed()
        })
        .collect();
    let lesson_loads: Vec<Duration> = (0..25)
        .map(|_| {
            let t = Instant::now();
            black_box(LessonChecker::embedded());
            t.elapsed()
        })
        .collect();
    println!(
        "load: diagnosis models {:.2} ms, lesson model {:.2} ms (median of 25)",
        median(loads).as_secs_f64() * 1e3,
        median(lesson_loads).as_secs_f64() * 1e3
    );

    let d = Diagnoser::embedded();
    let accounts = texts(include_str!("../corpus/diagnose.jsonl"));
    let rate = measure(&accounts, |t| {
        black_box(d.diagnose(t));
    });
    let words: usize = accounts.iter().map(|t| t.split_whitespace().count()).sum();
    println!(
        "diagnose: {rate:.0} texts/s on one core ({} texts, mean {:.0} words)",
        accounts.len(),
        words as f64 / accounts.len() as f64
    );

    let c = LessonChecker::embedded();
    let lessons = texts(include_str!("../corpus/lessons.jsonl"));
    let rate = measure(&lessons, |t| {
        black_box(c.check(t));
    });
    println!(
        "lesson check: {rate:.0} texts/s on one core ({} texts)",
        lessons.len()
    );
}

/// Texts per second over at least two seconds, after a warm-up pass.
fn measure(texts: &[String], mut f: impl FnMut(&str)) -> f64 {
    texts.iter().for_each(|t| f(t));
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        for t in texts {
            f(t);
        }
        n += texts.len();
    }
    n as f64 / start.elapsed().as_secs_f64()
}
