//! `cargo bench --bench validate`: is `linkcase validate DIR` I/O-bound?
//!
//! Writes 10,000 case files of 2–4 KiB, warms the page cache, then times
//! `cat DIR/*.json > /dev/null` and `linkcase validate DIR` on the same files in the same
//! run (median of 5 runs each) and prints both and their ratio. Target: ratio ≤ 3.
//! `LINKCASE_BENCH_FILES=N` changes the file count.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    // `cargo bench` passes `--bench`; this harness takes no options.
    let files: usize = std::env::var("LINKCASE_BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let example = include_str!("../tests/fixtures/example.json");
    let mut total_bytes = 0;
    for i in 0..files {
        let mut case: serde_json::Value = serde_json::from_str(example).expect("example parses");
        // Vary the description so files span 2–4 KiB.
        let extra = "The login page loads, then the app reports the failure again. ".repeat(i % 32);
        let description = format!(
            "{} {extra}",
            case["failure"]["description"].as_str().unwrap_or_default()
        );
        case["failure"]["description"] = description.into();
        case["skill"]["name"] = format!("Skill {i}").into();
        let text = serde_json::to_string_pretty(&case).expect("serializes");
        total_bytes += text.len();
        std::fs::write(dir.path().join(format!("case-{i:05}.json")), text).expect("write");
    }
    println!(
        "{files} files, {}.{} KiB average, in {}",
        (total_bytes * 10 / files / 1024) / 10,
        (total_bytes * 10 / files / 1024) % 10,
        dir.path().display()
    );

    let cat = || {
        Command::new("sh")
            .args(["-c", "cat \"$0\"/*.json > /dev/null"])
            .arg(dir.path())
            .status()
            .expect("run cat")
    };
    let validate = || {
        Command::new(env!("CARGO_BIN_EXE_linkcase"))
            .arg("validate")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run linkcase")
    };
    // Warm the cache and check that both commands succeed before timing them.
    assert!(cat().success(), "cat failed");
    assert!(
        validate().success(),
        "linkcase validate found errors in generated files"
    );

    let cat_time = median(cat);
    let validate_time = median(validate);
    let ratio = validate_time.as_secs_f64() / cat_time.as_secs_f64();
    println!(
        "cat DIR/*.json > /dev/null   {:>8.1} ms (median of {RUNS})",
        ms(cat_time)
    );
    println!(
        "linkcase validate DIR        {:>8.1} ms (median of {RUNS})",
        ms(validate_time)
    );
    println!("ratio                        {ratio:>8.2}x   (target ≤ 3x)");
}

fn median(mut run: impl FnMut() -> std::process::ExitStatus) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
