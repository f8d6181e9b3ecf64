//! Benchmark: a cold `rebound oops` as a whole process — spawn, open the
//! database, record, draft, print, exit — the way a person runs it.
//!
//! Run: `cargo bench -p rebound-cli --bench cold_oops` (release build).
//! Reports, in one run: `rebound --version` (process start alone), the first
//! `oops` on a new data directory (creates the database), and `oops` on an
//! existing database holding a few thousand mistakes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 200;

fn main() {
    let bin = env!("CARGO_BIN_EXE_rebound");
    let dir = tempfile::tempdir().expect("temp dir");

    let version = measure(RUNS, |_| run(bin, dir.path(), &["--version"]));

    let first = measure(20, |i| {
        let fresh = dir.path().join(format!("fresh-{i}"));
        run(
            bin,
            &fresh,
            &["oops", "Sent the wrong dashboard version to finance"],
        )
    });

    let data = dir.path().join("warm");
    for i in 0..2_000 {
        if i % 500 == 0 {
            eprintln!("seeding: {i} mistakes");
        }
        let t = format!("Seeded mistake number {i}");
        run(bin, &data, &["oops", &t, "--json"]);
    }
    let oops = measure(RUNS, |_| {
        run(
            bin,
            &data,
            &[
                "oops",
                "Sent the wrong dashboard version to finance",
                "--affected",
                "the finance leads",
            ],
        )
    });
    let oops_json = measure(RUNS, |_| {
        run(
            bin,
            &data,
            &["oops", "Deleted the staging bucket", "--json"],
        )
    });

    println!("cold process timings over separate runs (ms): min / p50 / p95 / mean");
    report("rebound --version (process start only)", &version);
    report("rebound oops, new data dir (creates the db)", &first);
    report("rebound oops, db with 2,000+ mistakes", &oops);
    report("rebound oops --json, same db", &oops_json);
    println!(
        "ratio p50 oops / p50 --version: {:.2}",
        pct(&oops, 0.5).as_secs_f64() / pct(&version, 0.5).as_secs_f64()
    );
}

fn run(bin: &str, data: &std::path::Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(bin)
        .args(args)
        .env("REBOUND_DATA_DIR", data)
        // The local database even for someone signed in to a server.
        .env("REBOUND_CONFIG_DIR", data)
        .env_remove("REBOUND_SERVER")
        .env_remove("REBOUND_TOKEN")
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run rebound");
    let took = start.elapsed();
    assert!(status.success(), "rebound {args:?} failed");
    took
}

fn measure(n: usize, mut f: impl FnMut(usize) -> Duration) -> Vec<Duration> {
    let mut v: Vec<Duration> = (0..n).map(&mut f).collect();
    v.sort();
    v
}

fn pct(v: &[Duration], p: f64) -> Duration {
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, v: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = v.iter().map(|d| ms(*d)).sum::<f64>() / v.len() as f64;
    println!(
        "{name:<48} {:>6.2} / {:>6.2} / {:>6.2} / {:>6.2}",
        ms(v[0]),
        ms(pct(v, 0.5)),
        ms(pct(v, 0.95)),
        mean
    );
}
