//! The rules of DESIGN §1, one function per field or group of fields.

use std::collections::HashSet;
use std::fmt;

use chrono::Duration;

use super::url::{UrlRules, check_url, domain_entry_problem};
use super::{
    FUTURE_SLACK_MINUTES, Finding, MAX_LIST, MIN_TOKEN_SECONDS, Validator, needs_app_version,
};
use crate::case::model::{Case, GrantType, Platform, SkillKind};
use crate::case::time::{Resolved, Unresolved, format_utc, parse_utc};

use crate::case::sanitize::excerpt as shown;

fn required(path: &str, out: &mut Vec<Finding>) {
    let label = crate::case::checklist::field_for_path(path).map_or(path, |f| f.label);
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

pub(super) fn check_skill(case: &Case, out: &mut Vec<Finding>) {
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

pub(super) fn check_test_account(case: &Case, out: &mut Vec<Finding>) {
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
    pub(super) fn check_time(&self, case: &Case, out: &mut Vec<Finding>) {
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

pub(super) fn check_failure(case: &Case, out: &mut Vec<Finding>) {
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

pub(super) fn check_configuration(case: &Case, out: &mut Vec<Finding>) {
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

pub(super) fn check_unknown_keys(case: &Case, out: &mut Vec<Finding>) {
    for (prefix, map) in case.unknown_keys() {
        for key in map.keys() {
            out.push(Finding::warning(
                format!("{prefix}{key}"),
                "unknown key (kept, but linkcase ignores it)",
            ));
        }
    }
}
