//! Pipes (issue 12): `-` is standard input for every command that reads a case, output to a
//! closed pipe ends quietly with status 141, and `linkcase utc` reads times as the form does.

use std::io::Write;
use std::process::{Command as Process, Stdio};

use crate::support::linkcase_in as linkcase;

use predicates::prelude::*;
use predicates::str::contains;

const EXAMPLE: &str = include_str!("fixtures/example.json");

#[test]
fn validate_export_check_and_import_read_a_dash_as_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .args(["validate", "-"])
        .write_stdin(EXAMPLE)
        .assert()
        .code(0)
        .stderr(contains("15/15 required"));
    linkcase(dir.path())
        .args(["export", "-"])
        .write_stdin(EXAMPLE)
        .assert()
        .code(0)
        .stdout(contains(
            "Skill ID: amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
        ));
    linkcase(dir.path())
        .args(["check", "-"])
        .write_stdin(EXAMPLE)
        .assert()
        .code(0)
        .stdout(contains("accept_grant"));
    linkcase(dir.path())
        .args(["import", "-"])
        .write_stdin(EXAMPLE)
        .assert()
        .code(0)
        .stdout(contains("\"schema_version\": 1"));
}

#[test]
fn a_dash_with_broken_input_names_standard_input_and_exits_as_a_file_would() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .args(["validate", "-"])
        .write_stdin("{ not json")
        .assert()
        .code(2)
        .stdout(contains("-:").and(contains("JSON")));
    linkcase(dir.path())
        .args(["export", "-"])
        .write_stdin("")
        .assert()
        .code(2);
}

#[test]
fn output_to_a_closed_pipe_ends_quietly_with_status_141() {
    // linkcase waits for its input on a pipe while its output pipe is closed, so the first
    // write certainly meets a reader that has gone: no race with the process start.
    let dir = tempfile::tempdir().unwrap();
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("linkcase"))
        .args(["export", "-"])
        .env("LINKCASE_DATA_DIR", dir.path().join("data"))
        .env("LINKCASE_CONFIG_DIR", dir.path().join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(EXAMPLE.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(141), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn zones_into_head_prints_one_line_and_no_panic() {
    let output = Process::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' zones | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
            assert_cmd::cargo::cargo_bin("linkcase").display()
        ))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("Africa/Abidjan"));
    // All of the list may fit the pipe before head exits (0); otherwise 141. Never 101.
    let status = lines.next().unwrap();
    assert!(status == "status 0" || status == "status 141", "{status}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn utc_reads_the_time_as_the_form_does() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Utc::now().date_naive();
    for (input, date) in [
        ("14:03", today),
        ("yesterday 14:03", today - chrono::Duration::days(1)),
        ("today 14:03", today),
    ] {
        let out = linkcase(dir.path())
            .args(["utc", input, "--tz", "UTC"])
            .output()
            .unwrap();
        let line = String::from_utf8(out.stdout).unwrap();
        // Around midnight the clock may move on between the two readings.
        let expected = [date, date + chrono::Duration::days(1)]
            .map(|d| format!("{}T14:03:00Z\n", d.format("%Y-%m-%d")));
        assert!(expected.contains(&line), "{input}: {line}");
    }
    let out = linkcase(dir.path())
        .args(["utc", "now", "--tz", "+05:30"])
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    let instant = chrono::DateTime::parse_from_rfc3339(line.trim()).unwrap();
    let age = chrono::Utc::now() - instant.with_timezone(&chrono::Utc);
    assert!(
        age >= chrono::Duration::zero() && age < chrono::Duration::minutes(2),
        "{line}"
    );
    linkcase(dir.path())
        .args(["utc", "tomorrow 14:03", "--tz", "UTC"])
        .assert()
        .code(2)
        .stderr(contains("TIME:").and(predicate::str::contains("panicked").not()));
}

#[test]
fn a_text_or_markdown_export_piped_to_import_gives_the_case_back() {
    let dir = tempfile::tempdir().unwrap();
    let original: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    for format in ["text", "markdown"] {
        let export = linkcase(dir.path())
            .args(["export", "-", "--format", format])
            .write_stdin(EXAMPLE)
            .output()
            .unwrap();
        let imported = linkcase(dir.path())
            .args(["import", "-"])
            .write_stdin(export.stdout)
            .assert()
            .code(0)
            .stderr(contains(
                format!(
                    "-: read as a linkcase {}",
                    if format == "text" { "text" } else { "Markdown" }
                ) + " export",
            ))
            .get_output()
            .stdout
            .clone();
        let mut imported: serde_json::Value = serde_json::from_slice(&imported).unwrap();
        // The password was withheld by the export, so it comes back as null.
        assert_eq!(
            imported["test_account"]["password"],
            serde_json::Value::Null
        );
        imported["test_account"]["password"] = original["test_account"]["password"].clone();
        assert_eq!(imported, original, "{format}");
    }
}

#[test]
fn text_that_is_no_export_is_refused_naming_what_it_is_not() {
    let dir = tempfile::tempdir().unwrap();
    linkcase(dir.path())
        .args(["import", "-"])
        .write_stdin("Hi, linking is broken again, can you look?\n")
        .assert()
        .code(2)
        .stderr(contains("nor a linkcase text or Markdown export"));
}
