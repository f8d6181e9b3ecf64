//! Latency of every request, by kind, kept here rather than read from goose's
//! report: goose times to the first byte and prints 50/75/98/99 %, while the
//! issue asks for p50/p95/p99 of whole answers, and only over the steady part
//! of the run (after every person has signed in).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Sample {
    at: Instant,
    micros: u32,
    /// The status, or 0 when no answer came (refused, reset, timed out).
    status: u16,
}

static SAMPLES: Mutex<Vec<(&'static str, Sample)>> = Mutex::new(Vec::new());
static STEADY: Mutex<Option<Instant>> = Mutex::new(None);
static SIGNED_IN: AtomicUsize = AtomicUsize::new(0);

/// One request of kind `name`, started at `at`, answered with `status`.
pub fn record(name: &'static str, at: Instant, status: u16) {
    let micros = at.elapsed().as_micros().min(u32::MAX as u128) as u32;
    let s = Sample { at, micros, status };
    SAMPLES.lock().unwrap().push((name, s));
}

/// A person is signed in; when all `people` are, the steady part begins.
pub fn signed_in(people: usize) {
    if SIGNED_IN.fetch_add(1, Ordering::SeqCst) + 1 == people {
        *STEADY.lock().unwrap() = Some(Instant::now());
        eprintln!("rebound-load: all {people} people signed in; measuring from now");
    }
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

/// Prints one line per kind of request and one overall, for the steady part
/// (from the last sign-in to `end`). Returns the number of errors in it.
pub fn report(end: Instant) -> usize {
    let samples = SAMPLES.lock().unwrap();
    let Some(start) = *STEADY.lock().unwrap() else {
        println!("rebound-load: not every person signed in; no steady part to report");
        return usize::MAX;
    };
    let secs = end
        .duration_since(start)
        .max(Duration::from_millis(1))
        .as_secs_f64();
    let mut kinds: BTreeMap<&str, (Vec<u32>, BTreeMap<u16, usize>)> = BTreeMap::new();
    let mut all = (Vec::new(), BTreeMap::new());
    for (name, s) in samples.iter().filter(|(_, s)| s.at >= start) {
        let k = kinds.entry(name).or_default();
        for (times, errors) in [(&mut k.0, &mut k.1), (&mut all.0, &mut all.1)] {
            times.push(s.micros);
            if !(200..400).contains(&s.status) {
                *errors.entry(s.status).or_default() += 1;
            }
        }
    }
    println!("\n=== rebound-load: steady part, {secs:.0} s (times in ms, whole answers) ===");
    println!(
        "{:<34} {:>8} {:>7} {:>7} {:>7} {:>8} {:>7}  errors by status (0 = no answer)",
        "request", "count", "req/s", "p50", "p95", "p99", "max"
    );
    let line = |name: &str, (times, errors): &mut (Vec<u32>, BTreeMap<u16, usize>)| {
        times.sort_unstable();
        let n: usize = errors.values().sum();
        let detail: Vec<String> = errors.iter().map(|(s, c)| format!("{s}: {c}")).collect();
        println!(
            "{name:<34} {:>8} {:>7.1} {:>7.1} {:>7.1} {:>8.1} {:>7.0}  {n} {}",
            times.len(),
            times.len() as f64 / secs,
            pct(times, 0.50),
            pct(times, 0.95),
            pct(times, 0.99),
            pct(times, 1.0),
            if n > 0 {
                format!("({})", detail.join(", "))
            } else {
                String::new()
            }
        );
        n
    };
    for (name, k) in kinds.iter_mut() {
        line(name, k);
    }
    line("ALL", &mut all)
}
