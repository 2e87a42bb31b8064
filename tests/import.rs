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

#[test]
fn app_to_app_and_the_vendor_id_survive_import_and_show_in_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("case.json");
    linkcase()
        .arg("import")
        .arg(fixture("app-to-app.json"))
        .arg(fixture("custom-first/skill.json"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(contains(
            "redirectUrls -> account_linking.app_to_app.redirect_urls",
        ))
        .stderr(contains("fixed per region").not())
        .stderr(contains("s3cr3t").not());
    for format in ["text", "markdown"] {
        linkcase()
            .args(["export", "--format", format])
            .arg(&out)
            .assert()
            .stdout(contains("M1B2C3D4E5F6G7"))
            .stdout(contains(
                "https://pitangui.amazon.com/api/skill/link/M1B2C3D4E5F6G7",
            ))
            .stdout(contains(
                "https://app.brightkettle.co.uk/alexa/link-complete",
            ))
            .stdout(contains("https://app.brightkettle.co.uk/ios/alexa-auth"));
    }
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(case["skill"]["kind"], "smart_home");
    assert_eq!(case["skill"]["send_alexa_events"], true);
    // A smart home skill with Send Alexa Events: the AcceptGrant step stays open. The
    // authorization URL is known and not Google's: that fact rules the Google step out.
    assert!(case["steps_tried"].get("accept_grant").is_none());
    assert_eq!(case["steps_tried"]["google_offline"], "not_applicable");
}
