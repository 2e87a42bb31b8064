//! `linkcase import` end to end. The importers themselves are tested in `src/import/tests.rs`;
//! these need `import` wired into src/cli.rs (remove the `ignore` then).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn linkcase() -> Command {
    Command::cargo_bin("linkcase").unwrap()
}

#[test]
fn imports_smapi_and_ask_cli_files_into_a_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("case.json");
    linkcase()
        .arg("import")
        .arg(fixture("accountLinking.json"))
        .arg(fixture("ask-v1/.ask/config"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(contains("clientSecret: not imported"))
        .stderr(contains("-> account_linking.authorization_url"))
        .stderr(contains("s3cr3t").not());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(!written.contains("s3cr3t"));
    let case: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        case["account_linking"]["authorization_url"],
        "https://www.amazon.com/ap/oa"
    );
    assert_eq!(
        case["skill"]["id"],
        "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff"
    );
    linkcase().arg("validate").arg(&out).assert().code(1);
}

#[test]
fn several_profiles_need_profile_and_bad_files_are_named() {
    linkcase()
        .arg("import")
        .arg(fixture("ask-v2/.ask/ask-states.json"))
        .assert()
        .code(2)
        .stderr(contains("--profile"));
    linkcase()
        .arg("import")
        .arg(fixture("ask-v2/.ask/ask-states.json"))
        .args(["--profile", "default"])
        .assert()
        .code(0)
        .stdout(contains(
            "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
        ));
    linkcase()
        .arg("import")
        .arg(fixture("unrecognised.json"))
        .assert()
        .code(1)
        .stderr(contains("unrecognised.json: cannot import"));
    linkcase()
        .arg("import")
        .arg(fixture("broken.json"))
        .assert()
        .code(2)
        .stderr(contains("broken.json: cannot import: not JSON"));
}
