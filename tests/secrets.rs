//! Secrets stay where they belong: a key named like a secret in a case file is withheld by
//! `import` and by an export without `--include-secrets`, `import` never prints the test
//! password, and a password inside a URL is a finding.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::linkcase_in as linkcase;

use predicates::prelude::*;
use predicates::str::contains;

const EXAMPLE: &str = include_str!("fixtures/example.json");
/// The example's test password.
const PASSWORD: &str = "correct horse";

/// The example with a clientSecret at the top and an API key nested in an unknown object.
fn case_with_secrets(dir: &Path) -> PathBuf {
    let mut value: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    value["account_linking"]["clientSecret"] = "s3cr3t-client".into();
    value["x_vendor"] = serde_json::json!({"api_key": "s3cr3t-key", "region": "eu"});
    let path = dir.join("case.json");
    fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    path
}

#[test]
fn the_example_holds_the_password_these_tests_look_for() {
    assert!(EXAMPLE.contains(PASSWORD));
}

#[test]
fn import_never_prints_the_password_nor_keeps_secret_keys() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_secrets(dir.path());
    linkcase(dir.path())
        .arg("import")
        .arg(&case)
        .assert()
        .code(0)
        .stdout(contains(PASSWORD).not())
        .stdout(contains("s3cr3t").not())
        .stdout(contains("\"region\": \"eu\""))
        .stderr(contains(
            "account_linking.clientSecret: named like a secret",
        ))
        .stderr(contains("password was left out of standard output"));
    // Into a private file the password is kept, the secret keys still are not.
    let out = dir.path().join("out.json");
    linkcase(dir.path())
        .arg("import")
        .arg(&case)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains(PASSWORD), "{written}");
    assert!(!written.contains("s3cr3t"), "{written}");
}

#[test]
fn json_export_without_include_secrets_withholds_secret_keys() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_secrets(dir.path());
    linkcase(dir.path())
        .arg("export")
        .arg(&case)
        .args(["-f", "json"])
        .assert()
        .code(0)
        .stdout(contains("s3cr3t").not())
        .stdout(contains(PASSWORD).not())
        .stdout(contains("\"clientSecret\": null"));
    linkcase(dir.path())
        .arg("export")
        .arg(&case)
        .args(["-f", "json", "--include-secrets"])
        .assert()
        .code(0)
        .stdout(contains("s3cr3t-client"));
}

#[test]
fn validate_flags_a_password_in_a_url() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.json");
    fs::write(
        &path,
        EXAMPLE.replace(
            "https://auth.example.com/oauth2/token",
            "https://alexa:hunter2@auth.example.com/oauth2/token",
        ),
    )
    .unwrap();
    linkcase(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .stdout(contains(
            "account_linking.access_token_url: contains a user name or password",
        ));
}
