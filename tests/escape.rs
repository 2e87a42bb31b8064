//! Names that came from outside (file names, unknown keys, ids) reach the terminal escaped:
//! they can neither send an escape sequence (set the window title) nor forge report lines.

use std::fs;

use crate::support::linkcase_in as linkcase;

const EXAMPLE: &str = include_str!("fixtures/example.json");

/// A name that would set the window title and then forge a finding line.
const EVIL: &str = "case\u{1b}]0;pwned\u{7}\nforged.json: error: skill.id: forged";

/// What reached the terminal holds no control character but line ends, and no forged line.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: a control character reached the terminal: {text:?}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("forged")),
        "{what}: a forged line: {text}"
    );
}

/// The example case with an unknown key that holds a newline and a forged finding.
fn case_with_evil_key() -> String {
    let mut value: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    value["x\nforged: error: skill.id"] = 1.into();
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn validate_escapes_file_names_and_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(EVIL);
    fs::write(&file, case_with_evil_key()).unwrap();
    let out = linkcase(dir.path())
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_clean("validate stdout", &out.stdout);
    assert_clean("validate stderr", &out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("case\\e]0;pwned\\u{7}\\nforged.json"),
        "{stdout}"
    );
    // Also the folder walk and an unreadable file's error.
    fs::write(dir.path().join("bad\u{1b}[2J.json"), "not json").unwrap();
    let out = linkcase(dir.path())
        .arg("validate")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_clean("validate folder stdout", &out.stdout);
    assert_clean("validate folder stderr", &out.stderr);
}

#[test]
fn import_export_and_their_messages_escape_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(EVIL);
    fs::write(&file, case_with_evil_key()).unwrap();
    let out_file = dir.path().join("out\u{1b}]0;x\u{7}\nforged.json");
    let out = linkcase(dir.path())
        .arg("import")
        .arg(&file)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_clean("import stderr", &out.stderr);
    let out = linkcase(dir.path())
        .arg("export")
        .arg(&file)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_clean("export stderr", &out.stderr);
    let out = linkcase(dir.path())
        .arg("export")
        .arg(dir.path().join("missing\u{1b}[2J\nforged"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean("error message", &out.stderr);
}

#[test]
fn drafts_and_config_escape_what_they_show() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("data/drafts");
    fs::create_dir_all(&drafts).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    value["skill"]["id"] = "amzn1\nforged  2026-01-01".into();
    fs::write(drafts.join("acme.json"), value.to_string()).unwrap();
    let out = linkcase(dir.path()).arg("drafts").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_clean("drafts stdout", &out.stdout);
    let config_dir = dir.path().join("conf\u{1b}]0;x\u{7}\nforged");
    let out = linkcase(dir.path())
        .env("LINKCASE_CONFIG_DIR", &config_dir)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_clean("config stdout", &out.stdout);
}
