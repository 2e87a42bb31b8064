//! One test per rule of DESIGN §1, named after it.

use super::*;
use crate::case::model::{
    Disambiguation, GrantType, Platform, Region, Secret, SkillKind, Symptom, TokenScheme,
};
use crate::case::time::parse_utc;
use crate::case::{Class, FieldId, Finding, Severity};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../../../tests/fixtures/example.json");

/// The example case, with the `AcceptGrant` step done so that it has no finding at all.
fn example() -> Case {
    let mut case = crate::case::load::parse(EXAMPLE.as_bytes()).unwrap().case;
    case.steps_tried.accept_grant = Some(crate::case::StepState::Done);
    case
}

fn now() -> DateTime<Utc> {
    parse_utc("2026-11-22T12:00:00Z").unwrap()
}

/// Every finding, of both classes: a problem is reported once, by the rule that owns it.
fn findings(case: &Case) -> Vec<Finding> {
    Validator::at(now()).validate(case).findings
}

/// The single finding at `path`, asserting its severity; panics with all findings otherwise.
#[track_caller]
fn only_at(case: &Case, path: &str, severity: Severity) -> String {
    let all = findings(case);
    let at: Vec<&Finding> = all.iter().filter(|f| f.path() == path).collect();
    assert_eq!(at.len(), 1, "expected one finding at {path}, got {all:#?}");
    assert_eq!(at[0].severity, severity, "{:?}", at[0]);
    at[0].message.clone()
}

#[track_caller]
fn clean(case: &Case) {
    let all = findings(case);
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn the_design_example_has_no_findings() {
    clean(&example());
}

#[test]
fn rejects_skill_id_with_uppercase_hex() {
    let mut case = example();
    case.skill.id = "amzn1.ask.skill.0F1E2D3C-4b5a-4697-8899-aabbccddeeff".into();
    let message = only_at(&case, "skill.id", Severity::Error);
    assert!(
        message.starts_with(
            "expected amzn1.ask.skill.<uuid> in lowercase hex, got 'amzn1.ask.skill.0F1E"
        ),
        "{message}"
    );
    assert!(message.ends_with("(uppercase)"), "{message}");
}

#[test]
fn rejects_skill_id_that_is_not_a_uuid() {
    let mut case = example();
    case.skill.id = "amzn1.ask.skill.1234".into();
    assert!(only_at(&case, "skill.id", Severity::Error).contains("not a UUID"));
    case.skill.id = "0f1e2d3c-4b5a-4697-8899-aabbccddeeff".into();
    assert!(only_at(&case, "skill.id", Severity::Error).contains("prefix is missing"));
}

#[test]
fn warns_on_legacy_skill_id() {
    let mut case = example();
    case.skill.id = "amzn1.echo-sdk-ams.app.0f1e2d3c-4b5a-4697-8899-aabbccddeeff".into();
    assert!(only_at(&case, "skill.id", Severity::Warning).contains("legacy"));
}

#[test]
fn skill_id_with_quotes_and_spaces_is_a_warning_not_an_error() {
    let mut case = example();
    case.skill.id = " \"amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff\" ".into();
    only_at(&case, "skill.id", Severity::Warning);
    assert_eq!(normalize_id("“amzn1.ask.skill.x”"), "amzn1.ask.skill.x");
}

#[test]
fn requires_skill_id() {
    let mut case = example();
    case.skill.id = "  ".into();
    assert!(only_at(&case, "skill.id", Severity::Error).starts_with("required"));
}

#[test]
fn send_alexa_events_outside_smart_home_is_a_warning() {
    let mut case = example();
    case.skill.kind = Some(SkillKind::Custom);
    assert!(only_at(&case, "skill.send_alexa_events", Severity::Warning).contains("smart home"));
}

#[test]
fn requires_test_username_and_password() {
    let mut case = example();
    case.test_account.username = String::new();
    case.test_account.password = Secret::default();
    only_at(&case, "test_account.username", Severity::Error);
    assert!(only_at(&case, "test_account.password", Severity::Error).starts_with("required"));
}

#[test]
fn requires_confirming_the_credentials_are_not_amazon_ones() {
    let mut case = example();
    case.test_account.not_amazon_credentials = false;
    assert!(
        only_at(
            &case,
            "test_account.not_amazon_credentials",
            Severity::Error
        )
        .contains("confirm \"Not Amazon credentials\"")
    );
}

#[test]
fn odd_customer_id_shape_is_only_a_warning() {
    let mut case = example();
    case.failure.customer_id = "amzn-cust-42".into();
    assert!(only_at(&case, "failure.customer_id", Severity::Warning).contains("A2Z2SH760RV43M"));
    case.failure.customer_id = "A1B2C3D4E5F6G7".into();
    clean(&case);
}

#[test]
fn requires_customer_id() {
    let mut case = example();
    case.failure.customer_id = String::new();
    only_at(&case, "failure.customer_id", Severity::Error);
}

#[test]
fn rejects_unparseable_local_time() {
    let mut case = example();
    case.failure.local_time = "yesterday".into();
    assert!(only_at(&case, "failure.local_time", Severity::Error).contains("YYYY-MM-DD HH:MM"));
}

#[test]
fn rejects_unknown_time_zone() {
    let mut case = example();
    case.failure.time_zone = "Mars/Olympus".into();
    case.failure.utc = None;
    assert!(only_at(&case, "failure.time_zone", Severity::Error).contains("unknown time zone"));
}

#[test]
fn requires_disambiguation_in_a_dst_gap_naming_both_candidates() {
    let mut case = example();
    case.failure.local_time = "2026-03-08 02:30".into();
    case.failure.utc = None;
    let message = only_at(&case, "failure.disambiguation", Severity::Error);
    assert!(
        message.contains("2026-03-08T06:30:00Z") && message.contains("2026-03-08T07:30:00Z"),
        "{message}"
    );
    case.failure.disambiguation = Some(Disambiguation::Later);
    clean(&case);
}

#[test]
fn requires_disambiguation_in_a_dst_fold() {
    let mut case = example();
    case.failure.local_time = "2026-11-01 01:30".into();
    case.failure.utc = None;
    assert!(only_at(&case, "failure.disambiguation", Severity::Error).contains("happened twice"));
    case.failure.disambiguation = Some(Disambiguation::Earlier);
    case.failure.utc = Some("2026-11-01T05:30:00Z".into());
    clean(&case);
}

#[test]
fn disambiguation_without_a_dst_change_is_a_warning() {
    let mut case = example();
    case.failure.disambiguation = Some(Disambiguation::Earlier);
    only_at(&case, "failure.disambiguation", Severity::Warning);
}

#[test]
fn rejects_stored_utc_that_disagrees_with_local_time() {
    let mut case = example();
    case.failure.utc = Some("2026-11-21T18:03:00Z".into());
    assert!(only_at(&case, "failure.utc", Severity::Error).contains("is 2026-11-21T19:03:00Z"));
    case.failure.utc = Some("19:03".into());
    assert!(only_at(&case, "failure.utc", Severity::Error).contains("RFC 3339"));
}

#[test]
fn rejects_a_failure_more_than_five_minutes_in_the_future() {
    let mut case = example();
    case.failure.time_zone = "UTC".into();
    case.failure.utc = None;
    case.failure.local_time = "2026-11-22 12:05".into();
    clean(&case);
    case.failure.local_time = "2026-11-22 12:06".into();
    assert!(only_at(&case, "failure.local_time", Severity::Error).contains("future"));
}

#[test]
fn requires_at_least_one_region_platform_and_symptom() {
    let mut case = example();
    case.failure.regions.clear();
    case.failure.platforms.clear();
    case.failure.symptoms.clear();
    only_at(&case, "failure.regions", Severity::Error);
    only_at(&case, "failure.platforms", Severity::Error);
    only_at(&case, "failure.symptoms", Severity::Error);
}

#[test]
fn duplicate_choices_are_warnings() {
    let mut case = example();
    case.failure.regions = vec![Region::Na, Region::Na];
    case.failure.symptoms = vec![Symptom::Other, Symptom::Other];
    only_at(&case, "failure.regions[1]", Severity::Warning);
    only_at(&case, "failure.symptoms[1]", Severity::Warning);
}

#[test]
fn requires_app_version_for_android_and_ios() {
    let mut case = example();
    case.failure.app_version = String::new();
    assert!(
        only_at(&case, "failure.app_version", Severity::Error)
            .contains("when Android or iOS is a platform")
    );
    case.failure.platforms = vec![Platform::Browser];
    case.failure.browser = "Firefox 133".into();
    clean(&case);
}

#[test]
fn odd_app_version_shapes_are_warnings() {
    let mut case = example();
    case.failure.app_version = "latest".into();
    assert!(only_at(&case, "failure.app_version", Severity::Warning).contains("dotted numbers"));
    case.failure.app_version = "3.1.4".into();
    assert!(only_at(&case, "failure.app_version", Severity::Warning).contains("2.2.596798.0"));
}

#[test]
fn browser_platform_without_browser_name_is_a_warning() {
    let mut case = example();
    case.failure.platforms.push(Platform::Browser);
    only_at(&case, "failure.browser", Severity::Warning);
}

#[test]
fn requires_description() {
    let mut case = example();
    case.failure.description = "\n\t ".into();
    only_at(&case, "failure.description", Severity::Error);
}

#[test]
fn screenshot_must_be_https() {
    let mut case = example();
    case.failure.screenshot_url = "http://files.example.com/a.png".into();
    assert!(only_at(&case, "failure.screenshot_url", Severity::Error).contains("https://"));
}

#[test]
fn requires_grant_type() {
    let mut case = example();
    case.account_linking.grant_type = None;
    only_at(&case, "account_linking.type", Severity::Error);
}

#[test]
fn authorization_url_rules() {
    let cases = [
        ("http://auth.example.com/authorize", "https://"),
        ("https://192.168.1.10/authorize", "IP address"),
        ("https://[::1]/authorize", "IP address"),
        ("https://localhost/authorize", "localhost"),
        ("https://auth.corp.local/authorize", "private"),
        ("https://authserver/authorize", "single-label"),
        ("https://auth.example.com/authorize#x", "fragment"),
        ("not a url", "not a URL"),
    ];
    for (url, expected) in cases {
        let mut case = example();
        case.account_linking.authorization_url = url.into();
        let message = only_at(&case, "account_linking.authorization_url", Severity::Error);
        assert!(message.contains(expected), "{url}: {message}");
    }
}

#[test]
fn authorization_url_length_is_9_to_2000_characters() {
    let mut case = example();
    case.account_linking.authorization_url =
        format!("https://auth.example.com/{}", "a".repeat(2000));
    assert!(
        only_at(&case, "account_linking.authorization_url", Severity::Error).contains("9–2000")
    );
    case.account_linking.authorization_url = "https://".into();
    let all = findings(&case);
    assert!(all.iter().any(|f| f.message.contains("9–2000")), "{all:#?}");
}

#[test]
fn requires_authorization_url() {
    let mut case = example();
    case.account_linking.authorization_url = String::new();
    only_at(&case, "account_linking.authorization_url", Severity::Error);
}

#[test]
fn rejects_more_than_15_domains() {
    let mut case = example();
    case.account_linking.domains = (0..16).map(|i| format!("cdn{i}.example.com")).collect();
    assert!(only_at(&case, "account_linking.domains", Severity::Error).contains("at most 15"));
}

#[test]
fn domain_entries_must_be_exact_hostnames() {
    let cases = [
        ("https://cdn.example.com", "remove 'https://'"),
        ("cdn.example.com/path", "path"),
        ("cdn.example.com:443", "port"),
        ("*.example.com", "wildcard"),
        ("10.0.0.1", "IP"),
        ("cdn_example", "not a hostname"),
        ("example", "full hostname"),
        ("", "empty"),
    ];
    for (entry, expected) in cases {
        let mut case = example();
        case.account_linking.domains = vec![entry.into()];
        let message = only_at(&case, "account_linking.domains[0]", Severity::Error);
        assert!(message.contains(expected), "{entry}: {message}");
    }
}

#[test]
fn rejects_duplicate_domains_ignoring_case() {
    let mut case = example();
    case.account_linking.domains = vec!["cdn.example.com".into(), "CDN.example.com".into()];
    assert!(only_at(&case, "account_linking.domains[1]", Severity::Warning).contains("twice"));
}

#[test]
fn token_settings_with_implicit_grant_are_warnings() {
    let mut case = example();
    case.account_linking.grant_type = Some(GrantType::Implicit);
    only_at(&case, "account_linking.access_token_url", Severity::Warning);
    only_at(
        &case,
        "account_linking.access_token_scheme",
        Severity::Warning,
    );
    only_at(
        &case,
        "account_linking.default_token_expiration_seconds",
        Severity::Warning,
    );
}

#[test]
fn auth_code_without_token_url_is_a_required_field() {
    let mut case = example();
    case.account_linking.access_token_url = String::new();
    let message = only_at(&case, "account_linking.access_token_url", Severity::Error);
    assert!(message.contains("Authorization Code Grant"), "{message}");
}

#[test]
fn access_token_url_follows_the_url_rules() {
    let mut case = example();
    case.account_linking.access_token_url = "https://127.0.0.1/token".into();
    only_at(&case, "account_linking.access_token_url", Severity::Error);
}

#[test]
fn rejects_token_expiration_below_360_seconds() {
    let mut case = example();
    case.account_linking.default_token_expiration_seconds = Some(359);
    assert!(
        only_at(
            &case,
            "account_linking.default_token_expiration_seconds",
            Severity::Error
        )
        .contains("at least 360")
    );
    case.account_linking.default_token_expiration_seconds = Some(360);
    case.account_linking.access_token_scheme = Some(TokenScheme::RequestBodyCredentials);
    clean(&case);
}

#[test]
fn rejects_more_than_15_scopes_and_empty_scopes() {
    let mut case = example();
    case.account_linking.scopes = (0..16).map(|i| format!("s{i}")).collect();
    only_at(&case, "account_linking.scopes", Severity::Error);
    case.account_linking.scopes = vec![" ".into()];
    only_at(&case, "account_linking.scopes[0]", Severity::Error);
}

#[test]
fn unknown_keys_are_warnings_with_their_path() {
    let mut case = example();
    case.failure
        .extra
        .insert("ticket".into(), serde_json::json!(1));
    assert!(only_at(&case, "failure.ticket", Severity::Warning).contains("unknown key"));
}

#[test]
fn errors_sort_before_warnings() {
    let mut case = example();
    case.failure.customer_id = "x".into();
    case.skill.id = String::new();
    let all = findings(&case);
    assert_eq!(all[0].severity, Severity::Error);
    assert_eq!(all[1].severity, Severity::Warning);
}

#[test]
fn summary_counts_required_fields_that_apply() {
    let validator = Validator::at(now());
    let summary = validator.validate(&example()).summary;
    // 13 always-required fields + the app version (iOS is a platform) + the access token
    // URL (Authorization Code Grant).
    assert_eq!((summary.done, summary.required), (15, 15));
    assert!(summary.ready());

    let summary = validator.validate(&Case::default()).summary;
    // With nothing chosen the app version may apply, but is not required yet.
    assert_eq!((summary.done, summary.required), (0, 13));
    assert_eq!(summary.case.errors, 13);
}

#[test]
fn a_missing_token_url_is_one_case_error_on_every_surface() {
    let mut case = example();
    case.account_linking.access_token_url = String::new();
    let report = Validator::at(now()).validate(&case);
    let about: Vec<&Finding> = report.for_field(FieldId::AccessTokenUrl).collect();
    assert_eq!(about.len(), 1, "{about:#?}");
    assert_eq!(about[0].class, Class::Case);
    assert_eq!(about[0].severity, Severity::Error);
    assert_eq!(report.summary.case.errors, 1);
    assert_eq!(report.summary.configuration.errors, 0);
    assert!(!report.summary.ready());
}

#[test]
fn a_withheld_password_is_a_warning_and_a_missing_one_an_error() {
    let mut case = example();
    case.test_account.password = Secret::withheld();
    assert!(only_at(&case, "test_account.password", Severity::Warning).starts_with("withheld"));
    let summary = Validator::at(now()).validate(&case).summary;
    assert!(summary.ready());
    assert_eq!(
        summary.done, summary.required,
        "a withheld password counts as answered"
    );
    case.test_account.password = Secret::new("");
    assert!(only_at(&case, "test_account.password", Severity::Error).starts_with("required"));
}

#[test]
fn findings_map_back_to_checklist_fields() {
    let mut case = example();
    case.account_linking.domains = vec!["*.x.com".into()];
    let report = Validator::at(now()).validate(&case);
    assert_eq!(report.for_field(FieldId::Domains).count(), 1);
}

proptest! {
    #[test]
    fn arbitrary_text_in_any_field_never_panics_and_findings_name_that_field(
        text in any::<String>(), index in 0usize..16
    ) {
        let mut case = example();
        let path = match index {
            0 => { case.skill.id.clone_from(&text); "skill.id" }
            1 => { case.test_account.username.clone_from(&text); "test_account.username" }
            2 => { case.failure.customer_id.clone_from(&text); "failure.customer_id" }
            3 => { case.failure.local_time.clone_from(&text); "failure.local_time" }
            4 => { case.failure.time_zone.clone_from(&text); "failure.time_zone" }
            5 => { case.failure.app_version.clone_from(&text); "failure.app_version" }
            6 => { case.failure.description.clone_from(&text); "failure.description" }
            7 => { case.failure.screenshot_url.clone_from(&text); "failure.screenshot_url" }
            8 => { case.account_linking.authorization_url.clone_from(&text); "account_linking.authorization_url" }
            9 => { case.account_linking.access_token_url.clone_from(&text); "account_linking.access_token_url" }
            10 => { case.account_linking.domains = vec![text.clone()]; "account_linking.domains" }
            11 => { case.account_linking.scopes = vec![text.clone()]; "account_linking.scopes" }
            12 => { case.failure.utc = Some(text.clone()); "failure.utc" }
            13 => { case.test_account.password = Secret::new(text.clone()); "test_account.password" }
            14 => { case.skill.name.clone_from(&text); "skill.name" }
            _ => { case.failure.browser.clone_from(&text); "failure.browser" }
        };
        for finding in findings(&case) {
            prop_assert!(!finding.message.is_empty());
            // Time fields affect each other; everything else stays at its own path.
            let at = finding.path();
            let time_related = path.starts_with("failure.") && (at == "failure.utc"
                || at == "failure.local_time" || at == "failure.disambiguation");
            prop_assert!(at.starts_with(path) || time_related, "{finding:?} for {path}");
            // Messages never echo more than a short excerpt of a huge value.
            prop_assert!(finding.message.chars().count() < 400, "{finding:?}");
        }
    }

    #[test]
    fn arbitrary_expiration_never_panics(seconds in any::<i64>()) {
        let mut case = example();
        case.account_linking.default_token_expiration_seconds = Some(seconds);
        let errors = findings(&case).into_iter().filter(|f| f.severity == Severity::Error).count();
        prop_assert_eq!(errors, usize::from(seconds < 360));
    }
}
