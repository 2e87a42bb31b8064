//! Every rule of DESIGN §1, cross-field rules included. A finding names the JSON path,
//! says what is wrong and what a right value looks like. Errors are rules DESIGN states;
//! shapes only inferred from examples (customer ID, app version) are warnings.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, Duration, Utc};
use url::{Host, Url};

use super::checklist::{FIELDS, FieldId, FieldKind, Required};
use super::model::{Case, GrantType, Platform, SkillKind};
use super::time::{Resolved, Unresolved, format_utc, parse_utc};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The case cannot be filed like this.
    Error,
    /// Probably wrong, or worth a second look.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One problem with a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path, e.g. `account_linking.domains[2]`.
    pub path: String,
    /// What is wrong and what a right value looks like.
    pub message: String,
}

impl Finding {
    fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        }
    }

    fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        }
    }

    /// The checklist field this finding is about, when it is about one.
    #[must_use]
    pub fn field(&self) -> Option<FieldId> {
        super::checklist::field_for_path(&self.path).map(|f| f.id)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.severity, self.path, self.message)
    }
}

/// All findings for one case, errors first, then in checklist order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// Findings of severity warning.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The findings about one checklist field.
    pub fn for_field(&self, id: FieldId) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.field() == Some(id))
    }
}

/// How far a case is: required fields that are filled and free of errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Required fields done.
    pub done: usize,
    /// Required fields in all, for this configuration.
    pub required: usize,
    /// Errors in the whole case.
    pub errors: usize,
}

/// How long an authorization URL may be, in characters (inclusive).
const URL_LENGTH: std::ops::RangeInclusive<usize> = 9..=2000;
/// Most entries the Domain List and the scopes accept.
const MAX_LIST: usize = 15;
/// Shortest default token lifetime Alexa can refresh in time.
const MIN_TOKEN_SECONDS: i64 = 360;
/// How far in the future a failure time may be (clock skew allowance).
const FUTURE_SLACK_MINUTES: i64 = 5;

/// Checks cases against DESIGN §1. Build one and reuse it for many cases.
#[derive(Debug, Clone, Copy)]
pub struct Validator {
    now: DateTime<Utc>,
}

impl Default for Validator {
    fn default() -> Self {
        Self::new()
    }
}

impl Validator {
    /// A validator that judges "in the future" against the current time.
    #[must_use]
    pub fn new() -> Self {
        Self { now: Utc::now() }
    }

    /// A validator that judges "in the future" against `now` (for tests and replays).
    #[must_use]
    pub const fn at(now: DateTime<Utc>) -> Self {
        Self { now }
    }

    /// Every finding for `case`.
    #[must_use]
    pub fn validate(&self, case: &Case) -> Report {
        let mut out = Vec::new();
        check_skill(case, &mut out);
        check_test_account(case, &mut out);
        self.check_time(case, &mut out);
        check_failure(case, &mut out);
        check_configuration(case, &mut out);
        check_unknown_keys(case, &mut out);
        out.sort_by_key(|f| f.severity);
        Report { findings: out }
    }

    /// Progress through the required fields that apply to this case.
    #[must_use]
    pub fn progress(&self, case: &Case, report: &Report) -> Progress {
        let mut done = 0;
        let mut required = 0;
        for field in FIELDS {
            let applies = match field.required {
                Required::Yes => true,
                Required::No => false,
                Required::When(_) => match field.id {
                    FieldId::AppVersion => needs_app_version(case),
                    FieldId::Disambiguation => {
                        matches!(case.failure.resolve(), Ok((r, _)) if r.is_ambiguous())
                    }
                    _ => false,
                },
            };
            if applies {
                required += 1;
                if is_filled(case, field.id)
                    && report
                        .for_field(field.id)
                        .all(|f| f.severity != Severity::Error)
                {
                    done += 1;
                }
            }
        }
        Progress {
            done,
            required,
            errors: report.errors().count(),
        }
    }
}

/// Whether a field has a value (not whether it is right).
#[must_use]
pub fn is_filled(case: &Case, id: FieldId) -> bool {
    let f = &case.failure;
    let al = &case.account_linking;
    match id {
        FieldId::SkillId => !case.skill.id.trim().is_empty(),
        FieldId::SkillName => !case.skill.name.trim().is_empty(),
        FieldId::SkillKind => case.skill.kind.is_some(),
        FieldId::SendAlexaEvents => case.skill.send_alexa_events.is_some(),
        FieldId::Username => !case.test_account.username.trim().is_empty(),
        FieldId::Password => !case.test_account.password.is_empty(),
        FieldId::NotAmazonCredentials => case.test_account.not_amazon_credentials,
        FieldId::CustomerId => !f.customer_id.trim().is_empty(),
        FieldId::LocalTime => !f.local_time.trim().is_empty(),
        FieldId::TimeZone => !f.time_zone.trim().is_empty(),
        FieldId::Disambiguation => f.disambiguation.is_some(),
        FieldId::Utc => f.utc.is_some(),
        FieldId::Regions => !f.regions.is_empty(),
        FieldId::Platforms => !f.platforms.is_empty(),
        FieldId::AppVersion => !f.app_version.trim().is_empty(),
        FieldId::Browser => !f.browser.trim().is_empty(),
        FieldId::Symptoms => !f.symptoms.is_empty(),
        FieldId::Description => !f.description.trim().is_empty(),
        FieldId::ScreenshotUrl => !f.screenshot_url.trim().is_empty(),
        FieldId::GrantType => al.grant_type.is_some(),
        FieldId::AuthorizationUrl => !al.authorization_url.trim().is_empty(),
        FieldId::Domains => !al.domains.is_empty(),
        FieldId::AccessTokenUrl => !al.access_token_url.trim().is_empty(),
        FieldId::AccessTokenScheme => al.access_token_scheme.is_some(),
        FieldId::TokenExpiration => al.default_token_expiration_seconds.is_some(),
        FieldId::ClientId => !al.client_id.trim().is_empty(),
        FieldId::Scopes => !al.scopes.is_empty(),
        FieldId::Step(step) => case.steps_tried.get(step).is_some(),
        FieldId::Notes => !case.notes.trim().is_empty(),
    }
}

fn needs_app_version(case: &Case) -> bool {
    case.failure
        .platforms
        .iter()
        .any(|p| matches!(p, Platform::Android | Platform::Ios))
}

use super::sanitize::excerpt as shown;

fn required(path: &str, out: &mut Vec<Finding>) {
    let label = super::checklist::field_for_path(path).map_or(path, |f| f.label);
    out.push(Finding::error(
        path,
        format!("required: {label} is missing"),
    ));
}

/// Strips whitespace and one pair of surrounding quotes, as input does for IDs.
#[must_use]
pub fn normalize_id(input: &str) -> &str {
    let trimmed = input.trim();
    for (open, close) in [('"', '"'), ('\'', '\''), ('“', '”'), ('‘', '’'), ('`', '`')] {
        if let Some(inner) = trimmed
            .strip_prefix(open)
            .and_then(|s| s.strip_suffix(close))
        {
            return inner.trim();
        }
    }
    trimmed
}

fn is_uuid(text: &str, allow_upper: bool) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, len)| {
            g.len() == len
                && g.bytes().all(|b| {
                    b.is_ascii_digit()
                        || (b'a'..=b'f').contains(&b)
                        || (allow_upper && (b'A'..=b'F').contains(&b))
                })
        })
}

/// `skill.id`.
pub(crate) fn check_skill_id(value: &str, out: &mut Vec<Finding>) {
    const PATH: &str = "skill.id";
    const PREFIX: &str = "amzn1.ask.skill.";
    const LEGACY: &str = "amzn1.echo-sdk-ams.app.";
    if value.trim().is_empty() {
        return required(PATH, out);
    }
    let id = normalize_id(value);
    if id != value {
        out.push(Finding::warning(
            PATH,
            "surrounding spaces or quotes; the ID is used without them",
        ));
    }
    let expected = "expected amzn1.ask.skill.<uuid> in lowercase hex";
    if let Some(uuid) = id.strip_prefix(PREFIX) {
        if is_uuid(uuid, false) {
            return;
        }
        let reason = if is_uuid(uuid, true) {
            "uppercase"
        } else {
            "the part after amzn1.ask.skill. is not a UUID (8-4-4-4-12 hex digits)"
        };
        out.push(Finding::error(
            PATH,
            format!("{expected}, got {} ({reason})", shown(id)),
        ));
    } else if let Some(uuid) = id.strip_prefix(LEGACY) {
        if is_uuid(&uuid.to_ascii_lowercase(), false) {
            out.push(Finding::warning(
                PATH,
                format!(
                    "{} is a legacy skill ID; current skills use amzn1.ask.skill.<uuid>",
                    shown(id)
                ),
            ));
        } else {
            out.push(Finding::error(
                PATH,
                format!("{expected}, got {} (a malformed legacy ID)", shown(id)),
            ));
        }
    } else if is_uuid(&id.to_ascii_lowercase(), true) {
        out.push(Finding::error(
            PATH,
            format!(
                "{expected}, got {} (the amzn1.ask.skill. prefix is missing)",
                shown(id)
            ),
        ));
    } else {
        out.push(Finding::error(
            PATH,
            format!(
                "{expected}, e.g. amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff, got {}",
                shown(id)
            ),
        ));
    }
}

fn check_skill(case: &Case, out: &mut Vec<Finding>) {
    check_skill_id(&case.skill.id, out);
    if case.skill.send_alexa_events.is_some() && case.skill.kind != Some(SkillKind::SmartHome) {
        let kind = case.skill.kind.map_or("not set", SkillKind::label);
        out.push(Finding::warning(
            "skill.send_alexa_events",
            format!(
                "only smart home skills have the Send Alexa Events permission; skill.kind is {kind}"
            ),
        ));
    }
}

fn check_test_account(case: &Case, out: &mut Vec<Finding>) {
    let account = &case.test_account;
    if account.username.trim().is_empty() {
        required("test_account.username", out);
    }
    if account.password.is_empty() {
        out.push(Finding::error(
            "test_account.password",
            "required: the test account's password is missing (an export without secrets leaves it out; add it before filing)",
        ));
    }
    if !account.not_amazon_credentials {
        out.push(Finding::error(
            "test_account.not_amazon_credentials",
            "must be true: confirm the test login is not an Amazon developer or retail account",
        ));
    }
}

/// `failure.customer_id`.
pub(crate) fn check_customer_id(value: &str, out: &mut Vec<Finding>) {
    const PATH: &str = "failure.customer_id";
    let id = value.trim();
    if id.is_empty() {
        return required(PATH, out);
    }
    let shape_ok = id.len() >= 13
        && id.len() <= 14
        && id.starts_with('A')
        && id
            .bytes()
            .skip(1)
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    if !shape_ok {
        out.push(Finding::warning(
            PATH,
            format!("customer IDs usually look like A2Z2SH760RV43M (A and 12–13 capitals or digits), got {}", shown(id)),
        ));
    }
}

/// `failure.app_version`: dotted numbers, usually `2.2.NNNNNN.0` (warnings only: no official spec).
pub(crate) fn check_app_version(value: &str, out: &mut Vec<Finding>) {
    const PATH: &str = "failure.app_version";
    let version = value.trim();
    let parts: Vec<&str> = version.split('.').collect();
    let dotted = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 12 && p.bytes().all(|b| b.is_ascii_digit()));
    if !dotted {
        out.push(Finding::warning(
            PATH,
            format!(
                "expected dotted numbers like 2.2.596798.0, got {}",
                shown(version)
            ),
        ));
    } else if !(parts.len() == 4 && parts[0] == "2" && parts[1] == "2" && parts[3] == "0") {
        out.push(Finding::warning(
            PATH,
            format!(
                "Alexa app versions look like 2.2.596798.0, got {}",
                shown(version)
            ),
        ));
    }
}

impl Validator {
    fn check_time(&self, case: &Case, out: &mut Vec<Finding>) {
        let failure = &case.failure;
        let mut missing = false;
        if failure.local_time.trim().is_empty() {
            required("failure.local_time", out);
            missing = true;
        }
        if failure.time_zone.trim().is_empty() {
            required("failure.time_zone", out);
            missing = true;
        }
        let stored = failure.utc.as_deref().map(|text| (text, parse_utc(text)));
        if let Some((text, None)) = stored {
            out.push(Finding::error(
                "failure.utc",
                format!(
                    "expected RFC 3339 in UTC like 2026-11-21T19:03:00Z, got {}",
                    shown(text)
                ),
            ));
        }
        if missing {
            return;
        }
        let (resolved, zone) = match failure.resolve() {
            Ok(ok) => ok,
            Err(Unresolved::Time(e)) => {
                return out.push(Finding::error("failure.local_time", e.to_string()));
            }
            Err(Unresolved::Zone(e)) => {
                return out.push(Finding::error("failure.time_zone", e.to_string()));
            }
            Err(Unresolved::Ambiguous(_)) => return,
        };
        let instant = match (resolved, failure.disambiguation) {
            (Resolved::Unique(t), None) => t,
            (Resolved::Unique(t), Some(_)) => {
                out.push(Finding::warning(
                    "failure.disambiguation",
                    format!(
                        "not needed: {} is not at a DST change in {zone}; it is ignored",
                        failure.local_time.trim()
                    ),
                ));
                t
            }
            (Resolved::Gap { earlier, later } | Resolved::Fold { earlier, later }, None) => {
                let what = if matches!(resolved, Resolved::Gap { .. }) {
                    "never existed (the clocks skipped it)"
                } else {
                    "happened twice (the clocks went back)"
                };
                out.push(Finding::error(
                    "failure.disambiguation",
                    format!(
                        "required: {} {what} in {zone}; choose earlier ({}) or later ({})",
                        failure.local_time.trim(),
                        format_utc(earlier),
                        format_utc(later)
                    ),
                ));
                return;
            }
            (_, Some(d)) => match resolved.pick(d.into()) {
                Ok(t) => t,
                Err(_) => return,
            },
        };
        if let Some((text, Some(stored))) = stored
            && stored != instant
        {
            out.push(Finding::error(
                "failure.utc",
                format!(
                    "{} disagrees with the local time: {} in {zone} is {}",
                    shown(text),
                    failure.local_time.trim(),
                    format_utc(instant)
                ),
            ));
        }
        if instant > self.now + Duration::minutes(FUTURE_SLACK_MINUTES) {
            out.push(Finding::error(
                "failure.local_time",
                format!(
                    "{} in {zone} ({}) is in the future; enter when the failure happened",
                    failure.local_time.trim(),
                    format_utc(instant)
                ),
            ));
        }
    }
}

fn check_duplicates<T: PartialEq + fmt::Display>(path: &str, items: &[T], out: &mut Vec<Finding>) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            out.push(Finding::warning(
                format!("{path}[{i}]"),
                format!("'{item}' is listed twice"),
            ));
        }
    }
}

fn check_failure(case: &Case, out: &mut Vec<Finding>) {
    let f = &case.failure;
    check_customer_id(&f.customer_id, out);
    if f.regions.is_empty() {
        out.push(Finding::error(
            "failure.regions",
            "required: choose at least one of NA, EU, FE",
        ));
    }
    check_duplicates("failure.regions", &f.regions, out);
    if f.platforms.is_empty() {
        out.push(Finding::error(
            "failure.platforms",
            "required: choose at least one of android, ios, browser, other",
        ));
    }
    check_duplicates("failure.platforms", &f.platforms, out);
    if needs_app_version(case) && f.app_version.trim().is_empty() {
        out.push(Finding::error(
            "failure.app_version",
            "required for Android and iOS: in the Alexa app, Settings → About shows it (e.g. 2.2.596798.0)",
        ));
    } else if !f.app_version.trim().is_empty() {
        check_app_version(&f.app_version, out);
    }
    if f.platforms.contains(&Platform::Browser) && f.browser.trim().is_empty() {
        out.push(Finding::warning(
            "failure.browser",
            "the web app was used: name the browser and its version, e.g. Firefox 133",
        ));
    }
    if f.symptoms.is_empty() {
        out.push(Finding::error(
            "failure.symptoms",
            "required: choose at least one symptom",
        ));
    }
    check_duplicates("failure.symptoms", &f.symptoms, out);
    if f.description.trim().is_empty() {
        required("failure.description", out);
    }
    if !f.screenshot_url.trim().is_empty() {
        check_url(
            "failure.screenshot_url",
            &f.screenshot_url,
            UrlRules::Link,
            out,
        );
    }
}

/// How strict a URL check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlRules {
    /// Any `https://` link.
    Link,
    /// An endpoint Alexa must reach: public host, no fragment, 9–2000 characters.
    Endpoint,
}

/// Checks a URL field; returns the parsed URL when it parses.
pub(crate) fn check_url(
    path: &str,
    value: &str,
    rules: UrlRules,
    out: &mut Vec<Finding>,
) -> Option<Url> {
    let text = value.trim();
    if text != value {
        out.push(Finding::warning(
            path,
            "surrounding spaces; the URL is used without them",
        ));
    }
    let length = text.chars().count();
    if rules == UrlRules::Endpoint && !URL_LENGTH.contains(&length) {
        out.push(Finding::error(
            path,
            format!("must be 9–2000 characters long, got {length}"),
        ));
    }
    let url = match Url::parse(text) {
        Ok(url) => url,
        Err(e) => {
            out.push(Finding::error(
                path,
                format!(
                    "not a URL ({e}): expected https://host/path, got {}",
                    shown(text)
                ),
            ));
            return None;
        }
    };
    if url.scheme() != "https" {
        out.push(Finding::error(
            path,
            format!("must use https://, got {}://", url.scheme()),
        ));
    }
    if rules == UrlRules::Endpoint {
        match url.host() {
            None => out.push(Finding::error(
                path,
                "has no host; expected https://host/path",
            )),
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
                out.push(Finding::error(
                    path,
                    "the host is an IP address; Alexa needs a public hostname",
                ));
            }
            Some(Host::Domain(host)) => {
                if let Some(why) = private_host(host) {
                    out.push(Finding::error(
                        path,
                        format!("'{host}' {why}; Alexa needs a public hostname"),
                    ));
                }
            }
        }
        if url.fragment().is_some() {
            out.push(Finding::error(
                path,
                "must not contain a fragment (the part after #)",
            ));
        }
    }
    Some(url)
}

const PRIVATE_SUFFIXES: [&str; 7] = [
    ".local",
    ".localhost",
    ".internal",
    ".lan",
    ".home.arpa",
    ".localdomain",
    ".intranet",
];

/// Why a hostname cannot be reached from Amazon's servers, if it cannot.
pub(crate) fn private_host(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host == "localhost" {
        Some("is localhost")
    } else if PRIVATE_SUFFIXES.iter().any(|s| host.ends_with(s)) {
        Some("is a private (local network) name")
    } else if !host.contains('.') {
        Some("is a single-label name that only resolves on a local network")
    } else {
        None
    }
}

/// Why `entry` is not an exact hostname for the Domain List, if it is not.
pub(crate) fn domain_entry_problem(entry: &str) -> Option<String> {
    let e = entry.trim();
    if e.is_empty() {
        return Some("empty entry".to_owned());
    }
    if let Some((scheme, _)) = e.split_once("://") {
        return Some(format!(
            "remove '{scheme}://': entries are bare hostnames like cdn.example.com"
        ));
    }
    if e.contains('*') {
        return Some("wildcards are not allowed: list each hostname exactly".to_owned());
    }
    if e.contains('/') {
        return Some("remove the path: entries are bare hostnames like cdn.example.com".to_owned());
    }
    if e.contains(':') {
        return Some("remove the port: entries are bare hostnames like cdn.example.com".to_owned());
    }
    if e.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some("IP addresses are not allowed: list the hostname".to_owned());
    }
    let labels_ok = e.len() <= 253
        && e.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !labels_ok {
        return Some("not a hostname: expected letters, digits and hyphens in dot-separated labels, like cdn.example.com".to_owned());
    }
    if !e.contains('.') {
        return Some("not a full hostname: expected something like cdn.example.com".to_owned());
    }
    None
}

fn check_configuration(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    let implicit = al.grant_type == Some(GrantType::Implicit);
    if al.grant_type.is_none() {
        out.push(Finding::error(
            "account_linking.type",
            "required: choose AUTH_CODE (Authorization Code Grant) or IMPLICIT (Implicit Grant)",
        ));
    }
    if al.authorization_url.trim().is_empty() {
        required("account_linking.authorization_url", out);
    } else {
        check_url(
            "account_linking.authorization_url",
            &al.authorization_url,
            UrlRules::Endpoint,
            out,
        );
    }

    if al.domains.len() > MAX_LIST {
        out.push(Finding::error(
            "account_linking.domains",
            format!(
                "at most {MAX_LIST} domains are allowed, got {}",
                al.domains.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    for (i, entry) in al.domains.iter().enumerate() {
        let path = format!("account_linking.domains[{i}]");
        if let Some(problem) = domain_entry_problem(entry) {
            out.push(Finding::error(
                &path,
                format!("{problem}, got {}", shown(entry)),
            ));
        } else if !seen.insert(entry.trim().to_ascii_lowercase()) {
            out.push(Finding::error(
                &path,
                format!("{} is listed twice", shown(entry)),
            ));
        }
    }

    let only_auth_code = |path: &str, what: &str, out: &mut Vec<Finding>| {
        out.push(Finding::warning(
            path,
            format!("{what} is only used by Authorization Code Grant; Implicit Grant ignores it"),
        ));
    };
    if !al.access_token_url.trim().is_empty() {
        if implicit {
            only_auth_code(
                "account_linking.access_token_url",
                "the access token URL",
                out,
            );
        }
        check_url(
            "account_linking.access_token_url",
            &al.access_token_url,
            UrlRules::Endpoint,
            out,
        );
    } else if al.grant_type == Some(GrantType::AuthCode) {
        out.push(Finding::warning(
            "account_linking.access_token_url",
            "Authorization Code Grant needs an access token URL; add it from the Account Linking page",
        ));
    }
    if implicit && al.access_token_scheme.is_some() {
        only_auth_code(
            "account_linking.access_token_scheme",
            "the client authentication scheme",
            out,
        );
    }
    if let Some(seconds) = al.default_token_expiration_seconds {
        if implicit {
            only_auth_code(
                "account_linking.default_token_expiration_seconds",
                "the default token expiration",
                out,
            );
        }
        if seconds < MIN_TOKEN_SECONDS {
            out.push(Finding::error(
                "account_linking.default_token_expiration_seconds",
                format!("must be at least {MIN_TOKEN_SECONDS} (6 minutes) so Alexa can refresh in time, got {seconds}"),
            ));
        }
    }
    if al.scopes.len() > MAX_LIST {
        out.push(Finding::error(
            "account_linking.scopes",
            format!(
                "at most {MAX_LIST} scopes are allowed, got {}",
                al.scopes.len()
            ),
        ));
    }
    for (i, scope) in al.scopes.iter().enumerate() {
        if scope.trim().is_empty() {
            out.push(Finding::error(
                format!("account_linking.scopes[{i}]"),
                "empty scope",
            ));
        } else if scope.trim().contains(char::is_whitespace) {
            out.push(Finding::warning(
                format!("account_linking.scopes[{i}]"),
                format!(
                    "{} has spaces: list each scope as its own entry",
                    shown(scope)
                ),
            ));
        }
    }
    check_duplicates("account_linking.scopes", &al.scopes, out);
}

fn check_unknown_keys(case: &Case, out: &mut Vec<Finding>) {
    for (prefix, map) in case.unknown_keys() {
        for key in map.keys() {
            out.push(Finding::warning(
                format!("{prefix}{key}"),
                "unknown key (kept, but linkcase ignores it)",
            ));
        }
    }
}

/// Whether a checklist field's kind is free text that a property test can fill.
#[must_use]
pub const fn is_text_kind(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::Text
            | FieldKind::Secret
            | FieldKind::LongText
            | FieldKind::Url
            | FieldKind::LocalTime
            | FieldKind::Zone
    )
}

#[cfg(test)]
mod tests;
