//! One test per pitfall rule; the fixture files of `tests/fixtures/lint/` cover them end to end.

use super::*;
use crate::case::FieldId;
use crate::case::{Class, GrantType, Severity, Symptom, TokenScheme, Validator};

fn has_errors(lints: &[Finding]) -> bool {
    lints.iter().any(|l| l.severity == Severity::Error)
}

fn example() -> Case {
    serde_json::from_str(include_str!("../../tests/fixtures/example.json")).unwrap()
}

fn rules(case: &Case) -> Vec<&'static str> {
    lint(case).iter().map(|l| l.rule).collect()
}

fn edited(edit: impl FnOnce(&mut Case)) -> Case {
    let mut case = example();
    edit(&mut case);
    case
}

#[test]
fn the_example_only_reminds_of_accept_grant() {
    let lints = lint(&example());
    assert_eq!(lints.len(), 1, "{lints:#?}");
    assert_eq!(lints[0].rule, "accept-grant");
    assert_eq!(lints[0].step, Some(Step::AcceptGrant));
    assert!(!has_errors(&lints));
}

#[test]
fn every_url_problem_alexa_cannot_use_has_its_rule() {
    let cases = [
        ("https:x", "url-length"),
        ("http://auth.example.com/authorize", "url-not-https"),
        ("https://10.0.0.7/authorize", "url-unreachable-host"),
        ("https://localhost/authorize", "url-unreachable-host"),
        ("https://auth.local/authorize", "url-unreachable-host"),
        ("https://auth.example.com/authorize#x", "url-fragment"),
    ];
    for (url, rule) in cases {
        let case = edited(|c| c.account_linking.authorization_url = url.to_owned());
        assert!(rules(&case).contains(&rule), "{url}: {:?}", rules(&case));
    }
}

#[test]
fn token_url_findings_name_the_token_field() {
    let case = edited(|c| c.account_linking.access_token_url = "http://auth/token".to_owned());
    let lints = lint(&case);
    let url_lints = lints.iter().filter(|l| l.rule.starts_with("url-"));
    assert!(url_lints.clone().count() >= 2, "{lints:#?}");
    assert!(
        url_lints
            .clone()
            .all(|l| l.field() == Some(FieldId::AccessTokenUrl))
    );
    assert!(lints.iter().any(|l| l.message.contains("token exchange")));
}

#[test]
fn long_query_is_a_warning() {
    let url = format!("https://auth.example.com/a?x={}", "y".repeat(1600));
    let case = edited(|c| c.account_linking.authorization_url = url);
    let lints = lint(&case);
    let long = lints.iter().find(|l| l.rule == "url-long-query").unwrap();
    assert_eq!(long.severity, Severity::Warning);
    assert_eq!(long.step, Some(Step::PrivateWindow));
}

#[test]
fn domain_list_rules() {
    let case = edited(|c| {
        c.account_linking.domains = (0..16).map(|i| format!("h{i}.example.com")).collect();
    });
    assert!(rules(&case).contains(&"domains-too-many"));
    let case = edited(|c| c.account_linking.domains = vec!["https://cdn.example.com".to_owned()]);
    assert!(rules(&case).contains(&"domain-not-exact"));
}

#[test]
fn short_token_lifetime_is_an_error() {
    let case = edited(|c| c.account_linking.default_token_expiration_seconds = Some(300));
    assert!(rules(&case).contains(&"token-lifetime"));
    assert!(has_errors(&lint(&case)));
}

#[test]
fn raw_scheme_outside_the_two_is_an_error() {
    assert!(check_raw_scheme("HTTP_BASIC").is_none());
    let lint = check_raw_scheme("CLIENT_SECRET_JWT").unwrap();
    assert_eq!(lint.severity, Severity::Error);
    assert_eq!(lint.class, Class::Configuration);
    assert_eq!(lint.step, Some(Step::ClientAuthScheme));
}

#[test]
fn google_without_offline_access_is_flagged() {
    let google = |url: &str| edited(|c| c.account_linking.authorization_url = url.to_owned());
    let without = google("https://accounts.google.com/o/oauth2/v2/auth");
    assert!(rules(&without).contains(&"google-offline"));
    let with = google("https://accounts.google.com/o/oauth2/v2/auth?access_type=offline");
    assert!(!rules(&with).contains(&"google-offline"));
    let lookalike = google("https://notgoogle.com/auth");
    assert!(!rules(&lookalike).contains(&"google-offline"));
}

#[test]
fn github_token_url_is_flagged() {
    let case = edited(|c| {
        c.account_linking.access_token_url = "https://github.com/login/oauth/access_token".into();
    });
    assert!(rules(&case).contains(&"github-token"));
}

#[test]
fn grant_type_and_token_url_must_agree() {
    let implicit = edited(|c| c.account_linking.grant_type = Some(GrantType::Implicit));
    assert!(rules(&implicit).contains(&"implicit-with-token-url"));
    // A missing token URL under Authorization Code Grant is the case's problem (a required
    // field), reported once, not also as a configuration finding.
    let no_token = edited(|c| c.account_linking.access_token_url.clear());
    assert!(rules(&no_token).iter().all(|r| r.contains("accept-grant")));
    let report = Validator::new().validate(&no_token);
    assert_eq!(report.for_field(FieldId::AccessTokenUrl).count(), 1);
}

#[test]
fn accept_grant_done_silences_the_reminder() {
    let case = edited(|c| c.steps_tried.accept_grant = Some(StepState::Done));
    assert!(lint(&case).is_empty());
}

#[test]
fn symptoms_point_at_their_steps() {
    let case = edited(|c| {
        c.failure.symptoms = vec![
            Symptom::RelinkRequired,
            Symptom::DeviceSpecific,
            Symptom::RedirectFails,
            Symptom::EmptyPage,
        ];
        c.steps_tried = StepsTried::default();
        c.steps_tried.accept_grant = Some(StepState::Done);
    });
    let steps: Vec<Step> = lint(&case)
        .iter()
        .filter(|l| l.severity == Severity::Hint)
        .filter_map(|l| l.step)
        .collect();
    assert_eq!(
        steps,
        [
            Step::TokenTtl6min,
            Step::RefreshTokenKept,
            Step::DomainListExact,
            Step::PrivateWindow,
            Step::DomainListExact,
            Step::NoPopups
        ]
    );
}

#[test]
fn default_steps_mark_what_cannot_apply() {
    let mut case = example();
    case.steps_tried = StepsTried::default();
    case.skill.send_alexa_events = Some(false);
    let defaults = default_steps(&case);
    assert_eq!(defaults.implicit_fragment, Some(StepState::NotApplicable));
    assert_eq!(defaults.google_offline, Some(StepState::NotApplicable));
    assert_eq!(defaults.accept_grant, Some(StepState::NotApplicable));
    assert_eq!(defaults.token_json_200, None);

    case.account_linking.grant_type = Some(GrantType::Implicit);
    case.account_linking.access_token_scheme = Some(TokenScheme::HttpBasic);
    case.steps_tried.token_ttl_6min = Some(StepState::Done);
    let filled = apply_default_steps(&mut case);
    assert!(filled.contains(&Step::TokenJson200));
    assert!(!filled.contains(&Step::ImplicitFragment));
    assert_eq!(case.steps_tried.token_ttl_6min, Some(StepState::Done));
}

#[test]
fn every_lint_is_of_the_configuration_class() {
    let case = edited(|c| {
        c.account_linking.authorization_url = "http://localhost/#x".to_owned();
        c.account_linking.default_token_expiration_seconds = Some(10);
        c.failure.symptoms = vec![Symptom::EmptyPage];
    });
    let lints = lint(&case);
    assert!(lints.len() >= 4, "{lints:#?}");
    assert!(lints.iter().all(|l| l.class == Class::Configuration));
}
