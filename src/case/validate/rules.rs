//! The case rules of DESIGN §1: is the case complete and well-formed? One function per field
//! or group of fields; the configuration's pitfalls are [`crate::lint`]'s.

use std::collections::HashSet;
use std::fmt;

use chrono::Duration;

use super::domain::domain_problem;
use super::url::{UrlProblem, UrlRules, inspect_url};
use super::{FUTURE_SLACK_MINUTES, Validator};
use crate::case::checklist::{FIELDS, FieldId, FieldKind, Required};
use crate::case::findings::{Finding, Severity, Subject};
use crate::case::model::{Case, Platform, SkillKind};
use crate::case::time::{Resolved, Unresolved, format_utc, parse_utc};
use crate::case::value::{is_filled, options};

use crate::case::sanitize::excerpt as shown;

fn error(rule: &'static str, subject: impl Into<Subject>, message: impl Into<String>) -> Finding {
    Finding::case(Severity::Error, rule, subject, message)
}

fn warning(rule: &'static str, subject: impl Into<Subject>, message: impl Into<String>) -> Finding {
    Finding::case(Severity::Warning, rule, subject, message)
}

/// Every required field (for this configuration) that has no value: from the table's
/// `required` and `applies`. The DST question has its own rule, which names both instants.
pub(super) fn check_required(case: &Case, out: &mut Vec<Finding>) {
    for field in FIELDS {
        if field.id == FieldId::Disambiguation
            || !field.applies.holds(case)
            || !field.required.holds(case)
            || is_filled(case, field.id)
        {
            continue;
        }
        let when = match field.required {
            Required::When(when) => format!(" {}", when.describe()),
            Required::Yes | Required::No => String::new(),
        };
        let choices = || {
            options(field.kind)
                .iter()
                .map(|o| format!("{} ({})", o.id, o.label))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = match field.kind {
            FieldKind::Multi(_) => format!("required{when}: choose at least one of {}", choices()),
            FieldKind::Choice(_) | FieldKind::YesNo => {
                format!("required{when}: choose one of {}", choices())
            }
            FieldKind::Confirm => format!("required{when}: confirm \"{}\"", field.label),
            _ => format!("required{when}: {} is missing", field.label),
        };
        out.push(error("required", field.id, message));
    }
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
    const PATH: FieldId = FieldId::SkillId;
    const PREFIX: &str = "amzn1.ask.skill.";
    const LEGACY: &str = "amzn1.echo-sdk-ams.app.";
    if value.trim().is_empty() {
        return;
    }
    let id = normalize_id(value);
    if id != value {
        out.push(warning(
            "spaces",
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
        out.push(error(
            "skill-id",
            PATH,
            format!("{expected}, got {} ({reason})", shown(id)),
        ));
    } else if let Some(uuid) = id.strip_prefix(LEGACY) {
        if is_uuid(&uuid.to_ascii_lowercase(), false) {
            out.push(warning(
                "skill-id-legacy",
                PATH,
                format!(
                    "{} is a legacy skill ID; current skills use amzn1.ask.skill.<uuid>",
                    shown(id)
                ),
            ));
        } else {
            out.push(error(
                "skill-id",
                PATH,
                format!("{expected}, got {} (a malformed legacy ID)", shown(id)),
            ));
        }
    } else if is_uuid(&id.to_ascii_lowercase(), true) {
        out.push(error(
            "skill-id",
            PATH,
            format!(
                "{expected}, got {} (the amzn1.ask.skill. prefix is missing)",
                shown(id)
            ),
        ));
    } else {
        out.push(error(
            "skill-id",
            PATH,
            format!(
                "{expected}, e.g. amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff, got {}",
                shown(id)
            ),
        ));
    }
}

pub(super) fn check_skill(case: &Case, out: &mut Vec<Finding>) {
    check_skill_id(&case.skill.id, out);
    if case.skill.send_alexa_events.is_some() && case.skill.kind != Some(SkillKind::SmartHome) {
        let kind = case.skill.kind.map_or("not set", SkillKind::label);
        out.push(warning(
            "events-not-smart-home",
            FieldId::SendAlexaEvents,
            format!(
                "only smart home skills have the Send Alexa Events permission; skill.kind is {kind}"
            ),
        ));
    }
}

pub(super) fn check_test_account(case: &Case, out: &mut Vec<Finding>) {
    let account = &case.test_account;
    // A withheld password counts as answered (the export that left it out was right to),
    // and is a warning: it is added before filing.
    if account.password.is_withheld() {
        out.push(warning(
            "password-withheld",
            FieldId::Password,
            "withheld: the export left the test account's password out; add it before filing",
        ));
    }
    if !account.username.trim().is_empty() && account.username.trim() != account.username {
        out.push(warning(
            "spaces",
            FieldId::Username,
            "surrounding spaces; check that they are not part of the login",
        ));
    }
}

/// `failure.customer_id`.
pub(crate) fn check_customer_id(value: &str, out: &mut Vec<Finding>) {
    const PATH: FieldId = FieldId::CustomerId;
    let id = value.trim();
    if id.is_empty() {
        return;
    }
    let shape_ok = id.len() >= 13
        && id.len() <= 14
        && id.starts_with('A')
        && id
            .bytes()
            .skip(1)
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    if !shape_ok {
        out.push(warning(
            "customer-id-shape",
            PATH,
            format!("customer IDs usually look like A2Z2SH760RV43M (A and 12–13 capitals or digits), got {}", shown(id)),
        ));
    }
}

/// `failure.app_version`: dotted numbers, usually `2.2.NNNNNN.0` (warnings only: no official spec).
pub(crate) fn check_app_version(value: &str, out: &mut Vec<Finding>) {
    const PATH: FieldId = FieldId::AppVersion;
    let version = value.trim();
    let parts: Vec<&str> = version.split('.').collect();
    let dotted = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 12 && p.bytes().all(|b| b.is_ascii_digit()));
    if !dotted {
        out.push(warning(
            "app-version-shape",
            PATH,
            format!(
                "expected dotted numbers like 2.2.596798.0, got {}",
                shown(version)
            ),
        ));
    } else if !(parts.len() == 4 && parts[0] == "2" && parts[1] == "2" && parts[3] == "0") {
        out.push(warning(
            "app-version-shape",
            PATH,
            format!(
                "Alexa app versions look like 2.2.596798.0, got {}",
                shown(version)
            ),
        ));
    }
}

impl Validator {
    pub(super) fn check_time(&self, case: &Case, out: &mut Vec<Finding>) {
        let failure = &case.failure;
        let missing = failure.local_time.trim().is_empty() || failure.time_zone.trim().is_empty();
        let stored = failure.utc.as_deref().map(|text| (text, parse_utc(text)));
        if let Some((text, None)) = stored {
            out.push(error(
                "utc-format",
                FieldId::Utc,
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
                return out.push(error("local-time", FieldId::LocalTime, e.to_string()));
            }
            Err(Unresolved::Zone(e)) => {
                return out.push(error("time-zone", FieldId::TimeZone, e.to_string()));
            }
            Err(Unresolved::Ambiguous(_)) => return,
        };
        let instant = match (resolved, failure.disambiguation) {
            (Resolved::Unique(t), None) => t,
            (Resolved::Unique(t), Some(_)) => {
                out.push(warning(
                    "disambiguation-not-needed",
                    FieldId::Disambiguation,
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
                out.push(error(
                    "required",
                    FieldId::Disambiguation,
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
            out.push(error(
                "utc-mismatch",
                FieldId::Utc,
                format!(
                    "{} disagrees with the local time: {} in {zone} is {}",
                    shown(text),
                    failure.local_time.trim(),
                    format_utc(instant)
                ),
            ));
        }
        if instant > self.now + Duration::minutes(FUTURE_SLACK_MINUTES) {
            out.push(error(
                "future",
                FieldId::LocalTime,
                format!(
                    "{} in {zone} ({}) is in the future; enter when the failure happened",
                    failure.local_time.trim(),
                    format_utc(instant)
                ),
            ));
        }
    }
}

fn check_duplicates<T: PartialEq + fmt::Display>(id: FieldId, items: &[T], out: &mut Vec<Finding>) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            out.push(
                warning(
                    "duplicate",
                    Subject::Entry(id, i),
                    format!("'{item}' is listed twice"),
                )
                .with_brief("listed twice"),
            );
        }
    }
}

/// The case's side of a URL field: spaces, whether it parses, and (for a link to share)
/// whether it is `https://`. What Alexa needs of an endpoint is the configuration lints'.
fn check_url_shape(id: FieldId, value: &str, rules: UrlRules, out: &mut Vec<Finding>) {
    if value.trim().is_empty() {
        return;
    }
    let (problems, _) = inspect_url(value, rules);
    for problem in problems {
        let finding = match problem {
            UrlProblem::Spaces => warning("spaces", id, problem.describe()),
            UrlProblem::Unparsable { .. } => error("url-unparsable", id, problem.describe()),
            UrlProblem::Scheme(_) if rules == UrlRules::Link => {
                error("url-not-https", id, problem.describe())
            }
            UrlProblem::Credentials => error("url-credentials", id, problem.describe()),
            UrlProblem::Scheme(_)
            | UrlProblem::Length(_)
            | UrlProblem::NoHost
            | UrlProblem::IpHost
            | UrlProblem::PrivateHost { .. }
            | UrlProblem::Port(_)
            | UrlProblem::Fragment => continue,
        };
        out.push(finding.with_brief(problem.brief()));
    }
}

pub(super) fn check_failure(case: &Case, out: &mut Vec<Finding>) {
    let f = &case.failure;
    check_customer_id(&f.customer_id, out);
    check_duplicates(FieldId::Regions, &f.regions, out);
    check_duplicates(FieldId::Platforms, &f.platforms, out);
    if !f.app_version.trim().is_empty() {
        check_app_version(&f.app_version, out);
    }
    if f.platforms.contains(&Platform::Browser) && f.browser.trim().is_empty() {
        out.push(warning(
            "browser-missing",
            FieldId::Browser,
            "the web app was used: name the browser and its version, e.g. Firefox 133",
        ));
    }
    check_duplicates(FieldId::Symptoms, &f.symptoms, out);
    check_url_shape(
        FieldId::ScreenshotUrl,
        &f.screenshot_url,
        UrlRules::Link,
        out,
    );
}

pub(super) fn check_configuration(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    check_url_shape(
        FieldId::AuthorizationUrl,
        &al.authorization_url,
        UrlRules::Endpoint,
        out,
    );
    check_url_shape(
        FieldId::AccessTokenUrl,
        &al.access_token_url,
        UrlRules::Endpoint,
        out,
    );
    let mut seen = HashSet::new();
    for (i, entry) in al.domains.iter().enumerate() {
        if domain_problem(entry).is_none() && !seen.insert(entry.trim().to_ascii_lowercase()) {
            out.push(
                warning(
                    "duplicate",
                    Subject::Entry(FieldId::Domains, i),
                    format!("{} is listed twice", shown(entry)),
                )
                .with_brief("listed twice"),
            );
        }
    }
    for (i, scope) in al.scopes.iter().enumerate() {
        if scope.trim().is_empty() {
            out.push(
                error(
                    "empty-entry",
                    Subject::Entry(FieldId::Scopes, i),
                    "empty scope",
                )
                .with_brief("empty"),
            );
        }
    }
    check_duplicates(FieldId::Scopes, &al.scopes, out);
    check_vendor_id(&al.vendor_id, out);
    let app = &al.app_to_app;
    for (id, url) in [
        (FieldId::IosAuthorizationUrl, &app.ios_authorization_url),
        (
            FieldId::AndroidAuthorizationUrl,
            &app.android_authorization_url,
        ),
    ] {
        check_url_shape(id, url, UrlRules::Endpoint, out);
    }
    // "Your Redirect URLs" are the app's universal links (iOS) and app links (Android),
    // which are https:// URLs: Amazon's "App-to-App Account Linking (Starting From the Alexa
    // App)" (https://developer.amazon.com/docs/alexa/account-linking/app-to-app-account-linking-starting-from-alexa-app.html).
    for (i, url) in app.redirect_urls.iter().enumerate() {
        let mut found = Vec::new();
        check_url_shape(FieldId::AppRedirectUrls, url, UrlRules::Link, &mut found);
        out.extend(found.into_iter().map(|mut finding| {
            finding.subject = Subject::Entry(FieldId::AppRedirectUrls, i);
            finding
        }));
    }
    check_duplicates(FieldId::AppRedirectUrls, &app.redirect_urls, out);
}

/// A vendor id as seen in Alexa's redirect URLs: letters and digits (e.g.
/// `M1B2C3D4E5F6G7`). Amazon publishes no format, so another shape is a warning only.
fn check_vendor_id(value: &str, out: &mut Vec<Finding>) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric()) || value.len() > 40 {
        out.push(warning(
            "vendor-id-shape",
            FieldId::VendorId,
            format!(
                "{} does not look like a vendor id: it is the letters and digits after \
                 /api/skill/link/ in an Alexa redirect URL",
                shown(value)
            ),
        ));
    }
}

pub(super) fn check_unknown_keys(case: &Case, out: &mut Vec<Finding>) {
    for (prefix, map) in case.unknown_keys() {
        for key in map.keys() {
            out.push(warning(
                "unknown-key",
                Subject::UnknownKey(format!("{prefix}{key}")),
                "unknown key (kept, but linkcase ignores it)",
            ));
        }
    }
}
