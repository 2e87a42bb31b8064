//! Importers against the real-shaped files of `tests/fixtures/import/`, and arbitrary JSON.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;
use crate::case::{GrantType, SkillKind, StepState, TokenScheme};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(names: &[&str], profile: Option<&str>) -> Result<Imported, ImportError> {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    import_files(&paths, profile)
}

fn lines(imported: &Imported) -> Vec<String> {
    imported.report.iter().map(ToString::to_string).collect()
}

#[test]
fn smapi_response_fills_the_configuration() {
    let imported = import(&["smapi-response.json"], None).unwrap();
    let al = &imported.case.account_linking;
    assert_eq!(al.grant_type, Some(GrantType::AuthCode));
    assert_eq!(
        al.authorization_url,
        "https://auth.example.com/oauth2/authorize"
    );
    assert_eq!(al.domains, ["cdn.example.com", "fonts.example.net"]);
    assert_eq!(al.access_token_url, "https://auth.example.com/oauth2/token");
    assert_eq!(al.access_token_scheme, Some(TokenScheme::HttpBasic));
    assert_eq!(al.default_token_expiration_seconds, Some(3600));
    assert_eq!(al.client_id, "alexa-skill");
    assert_eq!(al.scopes, ["profile", "thermostat.control"]);
    let report = lines(&imported);
    assert!(
        report.iter().any(|l| l.ends_with(
            "accountLinkingResponse.authorizationUrl -> account_linking.authorization_url"
        )),
        "{report:#?}"
    );
    // Alexa's own redirect URLs give the vendor id; there is no app-to-app URL among them.
    assert_eq!(imported.case.account_linking.vendor_id, "M2AAAAAAAAAAAA");
    assert!(
        imported
            .case
            .account_linking
            .app_to_app
            .redirect_urls
            .is_empty()
    );
    assert_eq!(
        imported.case.steps_tried.implicit_fragment,
        Some(StepState::NotApplicable)
    );
}

#[test]
fn client_secret_never_enters_the_case_and_the_report_says_so() {
    let imported = import(&["accountLinking.json"], None).unwrap();
    let json = crate::case::load::to_json(&imported.case, true);
    assert!(!json.contains("s3cr3t"), "{json}");
    assert!(!format!("{imported:?}").contains("s3cr3t"));
    let report = lines(&imported);
    assert!(
        report
            .iter()
            .any(|l| l.contains("clientSecret: not imported")),
        "{report:#?}"
    );
    assert!(report.iter().all(|l| !l.contains("s3cr3t")));
    assert_eq!(
        imported.case.account_linking.access_token_scheme,
        Some(TokenScheme::RequestBodyCredentials)
    );
    assert!(
        report
            .iter()
            .any(|l| l.contains("skipOnEnablement: ignored (false"))
    );
}

#[test]
fn bare_object_with_boolean_skip_on_enablement_imports() {
    let imported = import(&["smapi-bare.json"], None).unwrap();
    assert_eq!(
        imported.case.account_linking.grant_type,
        Some(GrantType::Implicit)
    );
    assert!(
        lines(&imported)
            .iter()
            .any(|l| l.contains("skipOnEnablement: ignored (true"))
    );
}

#[test]
fn unsupported_scheme_is_reported_and_linted() {
    let imported = import(&["smapi-odd-scheme.json"], None).unwrap();
    assert_eq!(imported.case.account_linking.access_token_scheme, None);
    assert_eq!(imported.lints.len(), 1);
    assert_eq!(imported.lints[0].rule, "token-scheme");
    // A numeric string is still a number of seconds.
    assert_eq!(
        imported
            .case
            .account_linking
            .default_token_expiration_seconds,
        Some(3600)
    );
}

#[test]
fn ask_cli_v2_needs_a_profile_when_there_are_several() {
    let err = import(&["ask-v2/.ask/ask-states.json"], None).unwrap_err();
    assert!(err.to_string().contains("--profile"), "{err}");
    assert!(err.to_string().contains("ask-states.json"), "{err}");
    assert_eq!(err.exit_code(), 2);
    let imported = import(&["ask-v2/.ask/ask-states.json"], Some("staging")).unwrap();
    assert_eq!(
        imported.case.skill.id,
        "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    );
    let err = import(&["ask-v2/.ask/ask-states.json"], Some("prod")).unwrap_err();
    assert!(err.to_string().contains("default, staging"), "{err}");
}

#[test]
fn ask_cli_v1_config_and_manifest_and_smapi_make_one_case() {
    let imported = import(
        &[
            "ask-v1/.ask/config",
            "ask-v2/skill-package/skill.json",
            "smapi-response.json",
        ],
        None,
    )
    .unwrap();
    let case = &imported.case;
    assert_eq!(
        case.skill.id,
        "amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff"
    );
    assert_eq!(case.skill.name, "Acme Thermostat");
    assert_eq!(case.skill.kind, Some(SkillKind::SmartHome));
    assert_eq!(case.skill.send_alexa_events, Some(true));
    assert_eq!(case.account_linking.client_id, "alexa-skill");
    // A smart home skill with events: AcceptGrant applies, so it is not defaulted.
    assert_eq!(case.steps_tried.accept_grant, None);
}

#[test]
fn a_case_file_is_the_starting_point_and_keeps_its_values() {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example.json");
    let paths = [fixture("smapi-bare.json"), example];
    let imported = import_files(&paths, None).unwrap();
    // The case file says AUTH_CODE; the SMAPI file's IMPLICIT disagrees and is left out.
    assert_eq!(
        imported.case.account_linking.grant_type,
        Some(GrantType::AuthCode)
    );
    assert_eq!(imported.case.test_account.username, "tester@example.com");
    let report = lines(&imported);
    assert!(report[0].contains("read as a case file"), "{report:#?}");
    assert!(report.iter().any(|l| l.contains("type: ignored")));
}

#[test]
fn unrecognised_and_broken_files_name_the_file() {
    let err = import(&["unrecognised.json"], None).unwrap_err();
    assert!(err.to_string().contains("unrecognised.json: cannot import"));
    assert!(err.to_string().contains("'hello'"), "{err}");
    assert_eq!(err.exit_code(), 1);
    let err = import(&["broken.json"], None).unwrap_err();
    assert!(
        err.to_string()
            .contains("broken.json: cannot import: not JSON")
    );
    assert_eq!(err.exit_code(), 2);
    let err = import(&["missing.json"], None).unwrap_err();
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn control_characters_are_removed_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("al.json");
    std::fs::write(
        &path,
        r#"{"authorizationUrl": "https://a.example.com/\u001b[31mauth", "clientId": "x\u202ey"}"#,
    )
    .unwrap();
    let imported = import_files(&[path], None).unwrap();
    assert_eq!(
        imported.case.account_linking.authorization_url,
        "https://a.example.com/[31mauth"
    );
    assert_eq!(imported.case.account_linking.client_id, "xy");
}

#[test]
fn legacy_skill_manifest_shape_is_recognised() {
    // Amazon still documents `{"skillManifest": …}` (the older manifest wrapper).
    let imported = import(&["legacy/skill.json"], None).unwrap();
    let report = lines(&imported);
    assert!(
        report.iter().any(|l| l.ends_with("read as skill manifest")),
        "{report:#?}"
    );
    assert_eq!(imported.case.skill.name, "Lantern Lights");
    assert_eq!(imported.case.skill.kind, Some(SkillKind::SmartHome));
    assert_eq!(imported.case.skill.send_alexa_events, Some(true));
    assert!(
        report
            .iter()
            .any(|l| l.contains("skillManifest.apis -> skill.kind")),
        "{report:#?}"
    );
}

#[test]
fn ask_resources_is_not_taken_for_ask_states() {
    let imported = import(&["ask-v2-resources/ask-resources.json"], None).unwrap();
    let report = lines(&imported);
    assert!(
        report
            .iter()
            .any(|l| l.contains("read as ASK CLI v2 resources")),
        "{report:#?}"
    );
    assert!(
        !report.iter().any(|l| l.contains("never deployed")),
        "{report:#?}"
    );
    assert!(imported.case.skill.id.is_empty());
}

#[test]
fn smart_home_wins_over_custom_whatever_the_order_of_apis() {
    let imported = import(&["custom-first/skill.json"], None).unwrap();
    assert_eq!(imported.case.skill.kind, Some(SkillKind::SmartHome));
    assert_eq!(imported.case.skill.send_alexa_events, Some(true));
    assert_eq!(imported.case.steps_tried.accept_grant, None);
    assert_eq!(imported.case.skill.name, "Boiler Buddy");
}

#[test]
fn a_file_without_an_authorization_url_leaves_the_google_step_open() {
    let imported = import(&["custom-first/skill.json"], None).unwrap();
    assert_eq!(imported.case.steps_tried.google_offline, None);
}

#[test]
fn a_later_google_import_reopens_a_google_step_marked_not_applicable() {
    // A case written by an earlier import (or an earlier linkcase) that marked the Google
    // step not applicable before any authorization URL was known.
    let dir = tempfile::tempdir().unwrap();
    let mut case = import(&["custom-first/skill.json"], None).unwrap().case;
    case.steps_tried.google_offline = Some(StepState::NotApplicable);
    let earlier = dir.path().join("case.json");
    std::fs::write(&earlier, crate::case::load::to_json(&case, true)).unwrap();

    let imported = import_files(
        &[earlier, fixture("google/account-linking-info.json")],
        None,
    )
    .unwrap();
    assert!(crate::case::validate::url::is_google(
        &imported.case.account_linking.authorization_url
    ));
    assert_eq!(imported.case.steps_tried.google_offline, None);
    let report = lines(&imported);
    assert!(
        report
            .iter()
            .any(|l| l.starts_with("steps_tried.google_offline: not_applicable withdrawn")),
        "{report:#?}"
    );
}

#[test]
fn redirect_urls_are_kept_as_app_to_app_and_alexa_ones_give_the_vendor_id() {
    let imported = import(&["app-to-app.json"], None).unwrap();
    let al = &imported.case.account_linking;
    assert_eq!(
        al.app_to_app.redirect_urls,
        ["https://app.brightkettle.co.uk/alexa/link-complete"]
    );
    assert_eq!(
        al.app_to_app.ios_authorization_url,
        "https://app.brightkettle.co.uk/ios/alexa-auth"
    );
    assert_eq!(
        al.app_to_app.android_authorization_url,
        "https://app.brightkettle.co.uk/android/alexa-auth"
    );
    assert_eq!(al.vendor_id, "M1B2C3D4E5F6G7");
    let report = lines(&imported);
    assert!(
        !report.iter().any(|l| l.contains("fixed per region")),
        "{report:#?}"
    );
    assert!(
        report.iter().any(|l| l.ends_with(
            "accountLinkingRequest.redirectUrls -> account_linking.app_to_app.redirect_urls"
        )),
        "{report:#?}"
    );
}

#[test]
fn the_ask_cli_config_gives_the_vendor_id_and_never_its_tokens() {
    let imported = import(&["ask-home/cli_config"], None).unwrap();
    assert_eq!(imported.case.account_linking.vendor_id, "M1B2C3D4E5F6G7");
    let report = lines(&imported);
    assert!(
        report.iter().any(|l| l.contains("read as ASK CLI config")),
        "{report:#?}"
    );
    assert!(
        report.iter().any(|l| l.ends_with(
            "profiles.default.token: not imported: linkcase never stores \
                               the ASK CLI's login tokens"
        )),
        "{report:#?}"
    );
    let json = crate::case::load::to_json(&imported.case, true);
    assert!(!json.contains("s3cr3t"));
    assert!(!format!("{imported:?}").contains("s3cr3t"));
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("accountLinkingRequest".to_owned()),
        Just("accountLinkingResponse".to_owned()),
        Just("type".to_owned()),
        Just("authorizationUrl".to_owned()),
        Just("domains".to_owned()),
        Just("accessTokenScheme".to_owned()),
        Just("defaultTokenExpirationInSeconds".to_owned()),
        Just("skipOnEnablement".to_owned()),
        Just("profiles".to_owned()),
        Just("deploy_settings".to_owned()),
        Just("manifest".to_owned()),
        Just("skillId".to_owned()),
        Just("skillManifest".to_owned()),
        Just("askcliResourcesVersion".to_owned()),
        Just("vendor_id".to_owned()),
        Just("token".to_owned()),
        Just("redirectUrls".to_owned()),
        Just("authorizationUrlsByPlatform".to_owned()),
        Just("platformType".to_owned()),
        Just("platformAuthorizationUrl".to_owned()),
        Just("default".to_owned()),
        "[a-zA-Z_]{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String("AUTH_CODE".to_owned())),
        Just(Value::String("iOS".to_owned())),
        Just(Value::String(
            "https://layla.amazon.com/api/skill/link/M1".to_owned()
        )),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics_the_importers(value in arbitrary_json(), profile in proptest::option::of("[a-z]{0,7}")) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("input.json");
        std::fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
        let _ = recognise(&value);
        let _ = import_files(&[path], profile.as_deref());
    }
}

#[test]
fn every_import_key_of_the_field_table_identifies_a_smapi_object() {
    for field in crate::case::FIELDS {
        for key in field.import_keys {
            assert!(super::smapi::KNOWN.contains(key), "{}: {key}", field.path);
        }
    }
}
