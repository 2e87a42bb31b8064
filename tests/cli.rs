//! The command line, end to end: every command and exit code of DESIGN §5.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const EXAMPLE: &str = include_str!("fixtures/example.json");

/// The binary, with its drafts and config kept inside the build folder, never the real home.
fn linkcase() -> Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    let mut cmd = Command::cargo_bin("linkcase").unwrap();
    cmd.env_remove("TZ")
        .env("LINKCASE_DATA_DIR", home.join("data"))
        .env("LINKCASE_CONFIG_DIR", home.join("config"));
    cmd
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path
}

/// The example with one JSON edit applied.
fn example_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn without_a_terminal_the_form_points_at_the_commands_and_exits_2() {
    // assert_cmd gives the child no TTY, so `linkcase`, `new` and `open` cannot open the form.
    // (Under TERM=dumb they would ask in plain mode instead: see tests/plain.rs.)
    for args in [&[][..], &["new"][..]] {
        linkcase()
            .env("TERM", "xterm-256color")
            .args(args)
            .assert()
            .code(2)
            .stderr(contains("needs a terminal").and(contains("validate")));
    }
    let dir = tempfile::tempdir().unwrap();
    let case = write(dir.path(), "case.json", EXAMPLE);
    linkcase()
        .env("TERM", "xterm-256color")
        .arg("open")
        .arg(&case)
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
}

#[test]
fn open_names_a_file_it_cannot_read() {
    linkcase()
        .args(["open", "/nonexistent/case.json"])
        .assert()
        .code(2)
        .stderr(contains("/nonexistent/case.json"));
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["validate", "export", "utc", "zones"] {
        linkcase()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(contains("Examples:"));
    }
}

#[test]
fn validate_accepts_the_design_example() {
    // Its one finding is a configuration reminder (AcceptGrant), which never fails validation.
    linkcase()
        .args(["validate", "tests/fixtures/example.json"])
        .assert()
        .code(0)
        .stdout(
            "tests/fixtures/example.json: check warning: skill.send_alexa_events: with Send Alexa \
             Events on, linking only completes when the skill answers the AcceptGrant directive. \
             Check the handler, or turn the permission off once to see whether linking then \
             works. [step: accept_grant]\n",
        )
        .stderr(contains(
            "15/15 required · 0 errors · 0 warnings · checks: 1 warning",
        ))
        .stderr(contains("1 file: 1 ok"));
}

#[test]
fn validate_names_file_and_field_for_each_broken_rule() {
    let dir = tempfile::tempdir().unwrap();
    // Errors of the case itself: validate exits 1.
    let broken: [(&str, &str, serde_json::Value); 5] = [
        (
            "skill.id",
            "/skill/id",
            "amzn1.ask.skill.0F1E2D3C-4b5a-4697-8899-aabbccddeeff".into(),
        ),
        (
            "test_account.not_amazon_credentials",
            "/test_account/not_amazon_credentials",
            false.into(),
        ),
        ("failure.regions", "/failure/regions", serde_json::json!([])),
        ("failure.utc", "/failure/utc", "2026-11-21T18:03:00Z".into()),
        (
            "failure.local_time",
            "/failure/local_time",
            "2099-01-01 10:00".into(),
        ),
    ];
    for (field, pointer, value) in broken {
        let file = write(
            dir.path(),
            "case.json",
            example_with(|v| *v.pointer_mut(pointer).unwrap() = value),
        );
        let expected = format!("{}: error: {field}: ", file.display());
        linkcase()
            .arg("validate")
            .arg(&file)
            .assert()
            .code(1)
            .stdout(contains(expected));
    }
}

#[test]
fn validate_reports_configuration_errors_without_failing_and_check_fails_on_them() {
    let dir = tempfile::tempdir().unwrap();
    // Likely causes of the failure, which the case rightly records: check exits 1 on them,
    // validate names them and still exits 0 (the case can be filed).
    let broken: [(&str, &str, serde_json::Value); 3] = [
        (
            "account_linking.authorization_url",
            "/account_linking/authorization_url",
            "http://auth.example.com/a".into(),
        ),
        (
            "account_linking.domains[0]",
            "/account_linking/domains/0",
            "https://cdn.example.com".into(),
        ),
        (
            "account_linking.default_token_expiration_seconds",
            "/account_linking/default_token_expiration_seconds",
            300.into(),
        ),
    ];
    for (field, pointer, value) in broken {
        let file = write(
            dir.path(),
            "case.json",
            example_with(|v| *v.pointer_mut(pointer).unwrap() = value),
        );
        linkcase()
            .arg("validate")
            .arg(&file)
            .assert()
            .code(0)
            .stdout(contains(format!(
                "{}: check error: {field}: ",
                file.display()
            )))
            .stderr(contains("checks: 1 error"));
        linkcase()
            .arg("check")
            .arg(&file)
            .assert()
            .code(1)
            .stdout(contains(format!("error: {field}: ")))
            .stderr(contains("checks: 1 error"));
    }
}

#[test]
fn validate_reports_warnings_but_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "case.json",
        example_with(|v| v["x_ticket"] = 42.into()),
    );
    linkcase()
        .arg("validate")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(contains("warning: x_ticket: unknown key"));
}

#[test]
fn validate_checks_folders_of_json_files_and_takes_the_worst_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.json", EXAMPLE);
    write(
        dir.path(),
        "b-bad.json",
        example_with(|v| v["skill"]["id"] = "".into()),
    );
    write(dir.path(), "notes.txt", "not a case");
    linkcase()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(contains("b-bad.json: error: skill.id: required"))
        .stdout(contains("notes.txt").not())
        .stderr(contains("2 files: 1 ok, 1 with errors"));
    write(dir.path(), "c-empty.json", "");
    linkcase()
        .arg("validate")
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(contains("c-empty.json: error: the file is empty"));
}

#[test]
fn validate_json_output_is_one_document() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.json",
        example_with(|v| v["failure"]["symptoms"] = serde_json::json!([])),
    );
    let output = linkcase()
        .args(["validate", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report[0]["status"], "errors");
    assert_eq!(report[0]["findings"][0]["path"], "failure.symptoms");
    assert_eq!(report[0]["findings"][0]["severity"], "error");
}

#[test]
fn validate_gives_one_line_per_bad_input_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let inputs: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        ("empty.json", b"".to_vec(), 2, "the file is empty"),
        ("prose.json", b"hello".to_vec(), 2, "not JSON"),
        (
            "latin1.json",
            b"{\"notes\": \"caf\xe9\"}".to_vec(),
            2,
            "not UTF-8",
        ),
        (
            "nul.json",
            b"{\"schema_version\": 1, \"notes\": \"a\x00b\"}".to_vec(),
            2,
            "not JSON",
        ),
        ("deep.json", deep.into_bytes(), 2, "nested too deeply"),
        ("array.json", b"[]".to_vec(), 1, "expected a JSON object"),
        (
            "dupes.json",
            br#"{"schema_version": 1, "notes": "a", "notes": "b"}"#.to_vec(),
            1,
            "duplicate key 'notes'",
        ),
        (
            "newer.json",
            br#"{"schema_version": 7}"#.to_vec(),
            2,
            "schema_version: this file is version 7",
        ),
        (
            "types.json",
            br#"{"schema_version": 1, "failure": {"regions": "NA"}}"#.to_vec(),
            1,
            "error: failure.regions: invalid type",
        ),
    ];
    for (name, bytes, code, message) in inputs {
        let file = write(dir.path(), name, bytes);
        let output = linkcase().arg("validate").arg(&file).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(code), "{name}: {stdout}");
        assert_eq!(stdout.lines().count(), 1, "{name}: {stdout}");
        assert!(
            stdout.starts_with(&format!("{}: error: ", file.display())),
            "{name}: {stdout}"
        );
        assert!(stdout.contains(message), "{name}: {stdout}");
    }
}

#[test]
fn validate_never_rewrites_a_newer_schema_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "newer.json",
        r#"{"schema_version": 2, "future": true}"#,
    );
    linkcase().arg("validate").arg(&file).assert().code(2);
    linkcase()
        .arg("export")
        .arg(&file)
        .args(["--format", "json"])
        .assert()
        .code(2);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        r#"{"schema_version": 2, "future": true}"#
    );
}

#[test]
fn validate_handles_a_15_mib_description() {
    // Under the 16 MiB input cap (tests/files.rs checks the cap itself).
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(15 * 1024 * 1024);
    let file = write(
        dir.path(),
        "big.json",
        example_with(|v| v["failure"]["description"] = big.into()),
    );
    linkcase().arg("validate").arg(&file).assert().code(0);
}

#[test]
fn validate_missing_path_exits_2() {
    linkcase()
        .args(["validate", "does/not/exist.json"])
        .assert()
        .code(2)
        .stdout(contains("does/not/exist.json: error: cannot read"));
}

#[test]
fn export_text_to_stdout_leaves_the_password_out() {
    linkcase()
        .args(["export", "tests/fixtures/example.json"])
        .assert()
        .code(0)
        .stdout(contains(
            "Skill ID: amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
        ))
        .stdout(contains(
            "tester@example.com / (password shared separately)",
        ))
        .stdout(contains("correct horse").not());
}

#[test]
fn export_include_secrets_adds_the_password() {
    linkcase()
        .args([
            "export",
            "tests/fixtures/example.json",
            "--format",
            "markdown",
            "--include-secrets",
        ])
        .assert()
        .code(0)
        .stdout(contains("### Skill ID"))
        .stdout(contains("correct horse battery staple"));
}

#[test]
fn export_json_to_a_file_round_trips_through_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    linkcase()
        .args([
            "export",
            "tests/fixtures/example.json",
            "--format",
            "json",
            "--include-secrets",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0)
        .stderr(contains("password included"));
    assert_eq!(fs::read_to_string(&out).unwrap(), EXAMPLE);
    linkcase().arg("validate").arg(&out).assert().code(0);
}

#[test]
fn default_json_export_validates_with_the_withheld_password_as_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("redacted.json");
    linkcase()
        .args(["export", "tests/fixtures/example.json", "-f", "json", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    linkcase()
        .arg("validate")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(contains(
            "warning: test_account.password: withheld: the export left the test account's \
             password out; add it before filing",
        ));
    // A password never entered is still an error.
    let never = write(
        dir.path(),
        "never.json",
        example_with(|v| v["test_account"]["password"] = "".into()),
    );
    linkcase()
        .arg("validate")
        .arg(&never)
        .assert()
        .code(1)
        .stdout(contains("error: test_account.password: required"));
}

#[test]
fn export_rejects_an_unknown_format() {
    linkcase()
        .args(["export", "tests/fixtures/example.json", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(contains("pdf"));
}

#[test]
fn export_of_a_case_with_errors_still_exports_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "case.json",
        example_with(|v| v["skill"]["id"] = "".into()),
    );
    linkcase()
        .arg("export")
        .arg(&file)
        .assert()
        .code(0)
        .stderr(contains("14/15 required · 1 error"));
}

#[test]
fn utc_matches_the_design_table() {
    let rows = [
        ("2026-11-21 14:03", "reject", "2026-11-21T19:03:00Z"),
        ("2026-03-08 02:30", "earlier", "2026-03-08T06:30:00Z"),
        ("2026-03-08 02:30", "later", "2026-03-08T07:30:00Z"),
        ("2026-03-08 02:30", "compatible", "2026-03-08T07:30:00Z"),
        ("2026-11-01 01:30", "earlier", "2026-11-01T05:30:00Z"),
        ("2026-11-01 01:30", "later", "2026-11-01T06:30:00Z"),
        ("2026-11-01 01:30", "compatible", "2026-11-01T05:30:00Z"),
    ];
    for (time, how, expected) in rows {
        linkcase()
            .args([
                "utc",
                time,
                "--tz",
                "America/New_York",
                "--disambiguation",
                how,
            ])
            .assert()
            .code(0)
            .stdout(format!("{expected}\n"));
    }
}

#[test]
fn utc_rejects_a_gap_or_fold_by_default_naming_both_candidates() {
    linkcase()
        .args(["utc", "2026-03-08 02:30", "--tz", "America/New_York"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("2026-03-08T06:30:00Z").and(contains("2026-03-08T07:30:00Z")));
    linkcase()
        .args(["utc", "2026-11-01 01:30", "--tz", "America/New_York"])
        .assert()
        .code(1)
        .stderr(contains("happened twice"));
}

#[test]
fn utc_uses_tz_from_the_environment_and_fixed_offsets() {
    linkcase()
        .env("TZ", "Asia/Kolkata")
        .args(["utc", "2026-11-21 14:03"])
        .assert()
        .stdout("2026-11-21T08:33:00Z\n");
    linkcase()
        .args(["utc", "2026-11-21T14:03", "--tz", "UTC-5"])
        .assert()
        .stdout("2026-11-21T19:03:00Z\n");
}

#[test]
fn utc_bad_input_exits_2_naming_the_argument() {
    linkcase()
        .args(["utc", "21/11/2026", "--tz", "UTC"])
        .assert()
        .code(2)
        .stderr(contains("TIME: expected YYYY-MM-DD"));
    linkcase()
        .args(["utc", "2026-11-21 14:03", "--tz", "PST"])
        .assert()
        .code(2)
        .stderr(contains("America/Los_Angeles"));
    linkcase()
        .args(["utc", "2026-11-21 14:03", "--disambiguation", "maybe"])
        .assert()
        .code(2);
}

#[test]
fn zones_lists_best_match_first() {
    linkcase()
        .args(["zones", "new", "york"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("America/New_York\n"));
    linkcase()
        .args(["zones", "kolkata"])
        .assert()
        .code(0)
        .stdout(contains("Asia/Kolkata"));
    linkcase()
        .args(["zones", "-n", "1", "PST"])
        .assert()
        .code(0)
        .stdout("America/Los_Angeles  (PST: Pacific Time)\n");
}

#[test]
fn zones_without_a_query_lists_every_zone_and_no_match_exits_1() {
    let output = linkcase().arg("zones").output().unwrap();
    assert!(String::from_utf8(output.stdout).unwrap().lines().count() > 400);
    linkcase()
        .args(["zones", "qqqqzzzz"])
        .assert()
        .code(1)
        .stderr(contains("no time zone matches"));
}

#[test]
fn readme_shows_the_current_text_export_of_the_example() {
    let output = linkcase()
        .args(["export", "tests/fixtures/example.json"])
        .output()
        .unwrap();
    let export = String::from_utf8(output.stdout).unwrap();
    let readme = fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(&format!("```\n{export}```")),
        "README.md's example is stale; paste:\n{export}"
    );
}

#[test]
fn export_of_a_malformed_case_exits_1_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "case.json",
        example_with(|v| v["account_linking"]["type"] = "OAUTH".into()),
    );
    linkcase()
        .arg("export")
        .arg(&file)
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains(
            "account_linking.type: unknown variant 'OAUTH', expected 'AUTH_CODE' or 'IMPLICIT'",
        ));
}
