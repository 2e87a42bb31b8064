//! `linkcase check`: one fixture per pitfall of the guide (tests/fixtures/lint/), each flagged
//! by the rule it is about. The library tests run now; the command-line tests need the
//! `check` command wired into src/cli.rs.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use linkcase::case::{Finding, Severity as Level, Step};
use linkcase::import::import_files;
use linkcase::lint::lint;

fn has_errors(lints: &[Finding]) -> bool {
    lints.iter().any(|l| l.severity == Level::Error)
}
use predicates::str::contains;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(name)
}

/// What `linkcase check` reports for a fixture: the case's lints and the raw file's.
fn check(name: &str) -> Vec<Finding> {
    let imported = import_files(&[fixture(name)], None).unwrap();
    let mut lints = lint(&imported.case);
    lints.extend(imported.lints);
    lints
}

fn flags(name: &str, rule: &str, level: Level, step: Option<Step>) {
    let lints = check(name);
    assert!(
        lints
            .iter()
            .any(|l| l.rule == rule && l.severity == level && l.step == step),
        "{name}: expected {rule} ({level}, {step:?}), got {lints:#?}"
    );
    if level == Level::Error {
        assert!(has_errors(&lints), "{name}: an error makes `check` exit 1");
    }
}

#[test]
fn clean_configuration_has_no_findings() {
    assert_eq!(check("clean.json"), []);
}

#[test]
fn flags_each_url_pitfall() {
    let https = Some(Step::HttpsTrustedCa);
    flags("url-not-https.json", "url-not-https", Level::Error, https);
    flags(
        "url-ip-host.json",
        "url-unreachable-host",
        Level::Error,
        https,
    );
    flags(
        "url-localhost.json",
        "url-unreachable-host",
        Level::Error,
        https,
    );
    flags(
        "url-private-local.json",
        "url-unreachable-host",
        Level::Error,
        https,
    );
    flags("url-fragment.json", "url-fragment", Level::Error, None);
    let private = Some(Step::PrivateWindow);
    flags("url-too-short.json", "url-length", Level::Error, private);
    flags("url-too-long.json", "url-length", Level::Error, private);
    flags(
        "url-long-query.json",
        "url-long-query",
        Level::Warning,
        private,
    );
}

#[test]
fn flags_each_domain_list_pitfall() {
    let exact = Some(Step::DomainListExact);
    flags(
        "domains-too-many.json",
        "domains-too-many",
        Level::Error,
        exact,
    );
    flags(
        "domain-not-exact.json",
        "domain-not-exact",
        Level::Error,
        exact,
    );
}

#[test]
fn a_parent_domain_beside_the_login_and_token_hosts_is_not_flagged() {
    // The Domain List is for hosts other than the login page's own, and the page never loads
    // the token host: neither is missing from the list.
    let lints = check("domain-parent-of-own-hosts.json");
    assert!(
        !lints.iter().any(|l| l.step == Some(Step::DomainListExact)),
        "{lints:#?}"
    );
}

#[test]
fn flags_token_lifetime_and_scheme() {
    flags(
        "token-lifetime.json",
        "token-lifetime",
        Level::Error,
        Some(Step::TokenTtl6min),
    );
    flags(
        "token-scheme-smapi.json",
        "token-scheme",
        Level::Error,
        Some(Step::ClientAuthScheme),
    );
}

#[test]
fn flags_provider_pitfalls() {
    flags(
        "google-offline.json",
        "google-offline",
        Level::Error,
        Some(Step::GoogleOffline),
    );
    flags(
        "github-token.json",
        "github-token",
        Level::Error,
        Some(Step::TokenJson200),
    );
}

#[test]
fn flags_grant_type_mismatches() {
    flags(
        "implicit-with-token-url.json",
        "implicit-with-token-url",
        Level::Warning,
        Some(Step::ImplicitFragment),
    );
    // A missing token URL under Authorization Code Grant is a required field of the case,
    // reported once by the case rules (`validate`), not again as a configuration finding.
    let lints = check("auth-code-without-token-url.json");
    assert!(
        lints
            .iter()
            .all(|l| l.field() != Some(linkcase::case::FieldId::AccessTokenUrl)),
        "{lints:#?}"
    );
}

#[test]
fn flags_accept_grant_for_smart_home_with_events() {
    flags(
        "accept-grant.json",
        "accept-grant",
        Level::Warning,
        Some(Step::AcceptGrant),
    );
}

#[test]
fn symptoms_map_to_their_steps() {
    let hints: Vec<Step> = check("symptoms.json")
        .iter()
        .filter(|l| l.rule == "symptom")
        .filter_map(|l| l.step)
        .collect();
    assert_eq!(
        hints,
        [
            Step::TokenTtl6min,
            Step::RefreshTokenKept,
            Step::DomainListExact,
            Step::PrivateWindow,
            Step::DomainListExact,
            Step::NoPopups,
        ]
    );
}

// ---- End to end: need `check` wired into src/cli.rs (remove the `ignore` then). ----

fn linkcase() -> Command {
    Command::cargo_bin("linkcase").unwrap()
}

#[test]
fn check_exits_0_without_errors_and_1_with() {
    linkcase()
        .arg("check")
        .arg(fixture("clean.json"))
        .assert()
        .code(0);
    linkcase()
        .arg("check")
        .arg(fixture("accept-grant.json"))
        .assert()
        .code(0)
        .stdout(contains("warning: skill.send_alexa_events:"))
        .stdout(contains("[step: accept_grant]"));
    linkcase()
        .arg("check")
        .arg(fixture("token-lifetime.json"))
        .assert()
        .code(1)
        .stdout(contains(
            "error: account_linking.default_token_expiration_seconds:",
        ));
    linkcase()
        .arg("check")
        .arg(fixture("token-scheme-smapi.json"))
        .assert()
        .code(1)
        .stdout(contains("CLIENT_SECRET_JWT"));
}

#[test]
fn check_json_lists_findings_with_steps() {
    let output = linkcase()
        .args(["check", "--json"])
        .arg(fixture("google-offline.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["errors"], 1);
    assert_eq!(json["findings"][0]["rule"], "google-offline");
    assert_eq!(json["findings"][0]["step"], "google_offline");
}

#[test]
fn check_of_an_unreadable_file_exits_2_naming_it() {
    linkcase()
        .args(["check", "/nonexistent/case.json"])
        .assert()
        .code(2)
        .stderr(contains("/nonexistent/case.json"));
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/broken.json");
    linkcase()
        .arg("check")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(contains("broken.json: cannot import: not JSON"));
}

#[test]
fn flags_the_documented_requirements() {
    // Requirements for Account Linking: the authorization URI is HTTPS on port 443.
    flags(
        "url-port.json",
        "url-port",
        Level::Error,
        Some(Step::HttpsTrustedCa),
    );
    // Only custom skills may use the implicit grant.
    flags(
        "smart-home-implicit.json",
        "grant-not-custom",
        Level::Error,
        Some(Step::ImplicitFragment),
    );
    // The account-linking schema: scopes are required for smart home skills, at most 15.
    flags(
        "smart-home-no-scopes.json",
        "scopes-required",
        Level::Error,
        None,
    );
    flags("scopes-sixteen.json", "scopes-too-many", Level::Error, None);
    // PKCE is recommended, and above all for app-to-app linking.
    flags("app-to-app.json", "pkce", Level::Hint, None);
}

#[test]
fn the_port_rule_names_the_authorization_url_only() {
    let lints = check("url-port.json");
    let port: Vec<_> = lints.iter().filter(|l| l.rule == "url-port").collect();
    assert_eq!(port.len(), 1, "{lints:#?}");
    assert_eq!(port[0].path(), "account_linking.authorization_url");
    assert!(port[0].message.contains("8443"), "{}", port[0].message);
}
