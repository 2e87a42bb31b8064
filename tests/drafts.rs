//! `linkcase drafts`, `config`, `new` and `open` without a terminal: listing, moving a
//! broken draft aside, read-only newer drafts, settings and their one warning, folder
//! permissions under any umask, and the exit codes (DESIGN §5).

use std::fs;
use std::path::Path;
use std::process::Command;

use predicates::prelude::*;
use predicates::str::contains;

const EXAMPLE: &str = include_str!("fixtures/example.json");

/// `linkcase` with its folders in `root`.
fn linkcase(root: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("linkcase").unwrap();
    cmd.env("LINKCASE_DATA_DIR", root.join("data"))
        .env("LINKCASE_CONFIG_DIR", root.join("config"))
        .env("TZ", "UTC")
        // Not TERM=dumb, which would choose plain mode where these tests expect the form.
        .env("TERM", "xterm-256color");
    cmd
}

fn seed(root: &Path, id: &str, text: &str) {
    let drafts = root.join("data/drafts");
    fs::create_dir_all(&drafts).unwrap();
    fs::write(drafts.join(format!("{id}.json")), text).unwrap();
}

#[test]
fn no_drafts_is_fine_and_said_on_stderr() {
    let root = tempfile::tempdir().unwrap();
    linkcase(root.path())
        .arg("drafts")
        .assert()
        .success()
        .stdout("")
        .stderr(contains("no drafts in"));
    linkcase(root.path())
        .args(["drafts", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn drafts_lists_id_updated_skill_progress_and_errors() {
    let root = tempfile::tempdir().unwrap();
    seed(root.path(), "acme", EXAMPLE);
    seed(root.path(), "empty", r#"{"schema_version": 1}"#);
    let out = linkcase(root.path()).arg("drafts").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("ID"), "{text}");
    assert!(
        lines[0].contains("UPDATED") && lines[0].contains("SUMMARY"),
        "{text}"
    );
    let acme = lines.iter().find(|l| l.starts_with("acme")).unwrap();
    assert!(
        acme.contains("15/15 required · 0 errors · 0 warnings · checks: 1 warning")
            && acme.contains("amzn1.ask.skill."),
        "{acme}"
    );
    let empty = lines.iter().find(|l| l.starts_with("empty")).unwrap();
    assert!(empty.contains("0/13 required · 13 errors"), "{empty}");

    let out = linkcase(root.path())
        .args(["drafts", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let acme = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "acme")
        .unwrap();
    assert_eq!(acme["progress"], "15/15");
    assert_eq!(
        acme["text"],
        "15/15 required · 0 errors · 0 warnings · checks: 1 warning"
    );
    assert_eq!(acme["errors"], 0);
    assert_eq!(acme["read_only"], false);
    assert!(acme["updated"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn a_broken_draft_is_moved_aside_and_named_never_deleted() {
    let root = tempfile::tempdir().unwrap();
    seed(root.path(), "broken", "{\"schema_version\": 1,");
    linkcase(root.path())
        .arg("drafts")
        .assert()
        .success()
        .stderr(contains("draft broken does not parse").and(contains("moved aside to")));
    let names: Vec<String> = fs::read_dir(root.path().join("data/drafts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(names[0].starts_with("broken.json.corrupt-"), "{names:?}");
}

#[test]
fn a_newer_draft_is_listed_read_only() {
    let root = tempfile::tempdir().unwrap();
    let newer = EXAMPLE.replacen("\"schema_version\": 1", "\"schema_version\": 3", 1);
    seed(root.path(), "future", &newer);
    linkcase(root.path())
        .arg("drafts")
        .assert()
        .success()
        .stdout(contains("future").and(contains("read-only: schema 3")));
    let path = root.path().join("data/drafts/future.json");
    assert_eq!(fs::read_to_string(path).unwrap(), newer);
}

#[test]
fn open_and_new_without_a_terminal_change_nothing() {
    let root = tempfile::tempdir().unwrap();
    seed(root.path(), "acme", EXAMPLE);
    linkcase(root.path())
        .args(["open", "acme"])
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
    linkcase(root.path())
        .arg("new")
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
    linkcase(root.path())
        .args(["open", "tests/fixtures/example.json"])
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
    let names = fs::read_dir(root.path().join("data/drafts"))
        .unwrap()
        .count();
    assert_eq!(names, 1, "no draft made");
    linkcase(root.path())
        .args(["open", "nothing-here"])
        .assert()
        .code(2)
        .stderr(contains("nothing-here: no such draft or case file"));
}

#[test]
fn config_shows_the_paths_and_the_defaults() {
    let root = tempfile::tempdir().unwrap();
    linkcase(root.path())
        .arg("config")
        .assert()
        .success()
        .stderr("")
        .stdout(
            contains("config.json (not present: defaults)")
                .and(contains("LINKCASE_DATA_DIR"))
                .and(contains("LINKCASE_CONFIG_DIR"))
                .and(contains("export_format           text"))
                .and(contains("copy_includes_password  true")),
        );
}

#[test]
fn config_reads_the_file() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("config")).unwrap();
    fs::write(
        root.path().join("config/config.json"),
        r#"{"time_zone": "Europe/Berlin", "regions": ["EU", "NA"], "export_format": "md"}"#,
    )
    .unwrap();
    let out = linkcase(root.path())
        .args(["config", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["config_file_status"], "read");
    assert_eq!(json["settings"]["time_zone"], "Europe/Berlin");
    assert_eq!(json["settings"]["regions"], serde_json::json!(["EU", "NA"]));
    assert_eq!(json["settings"]["export_format"], "markdown");
}

#[test]
fn a_config_with_one_bad_key_is_one_warning_naming_it_and_the_rest_is_kept() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("config")).unwrap();
    fs::write(
        root.path().join("config/config.json"),
        r#"{"regions": "EU", "copy_includes_password": false}"#,
    )
    .unwrap();
    for command in ["config", "drafts"] {
        let out = linkcase(root.path()).arg(command).assert().success();
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        if command == "config" {
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(stderr.contains("config.json: regions:"), "{stderr}");
            assert!(
                stderr.contains("the other settings are in effect"),
                "{stderr}"
            );
            let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
            assert!(stdout.contains("copy_includes_password  false"), "{stdout}");
        }
    }
}

#[test]
fn a_config_that_is_not_an_object_is_one_warning_and_the_defaults() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("config")).unwrap();
    fs::write(root.path().join("config/config.json"), "not json").unwrap();
    linkcase(root.path())
        .arg("config")
        .assert()
        .success()
        .stderr(contains("using the default settings"));
}

#[cfg(unix)]
#[test]
fn folders_are_0700_under_any_umask() {
    use std::os::unix::fs::PermissionsExt;
    for umask in ["000", "077", "022"] {
        let root = tempfile::tempdir().unwrap();
        let status = Command::new("sh")
            .args(["-c", &format!("umask {umask}; exec \"$0\" drafts")])
            .arg(env!("CARGO_BIN_EXE_linkcase"))
            .env("LINKCASE_DATA_DIR", root.path().join("data"))
            .env("LINKCASE_CONFIG_DIR", root.path().join("config"))
            .status()
            .unwrap();
        assert!(status.success());
        for dir in ["data", "data/drafts"] {
            let mode = fs::metadata(root.path().join(dir))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "{dir} under umask {umask}");
        }
    }
}

#[test]
fn the_new_commands_have_help_with_examples() {
    for command in ["new", "open", "drafts", "config"] {
        assert_cmd::Command::cargo_bin("linkcase")
            .unwrap()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(contains("Examples:").and(contains("Exit codes:")));
    }
}
