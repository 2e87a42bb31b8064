//! Lints on the two endpoint URLs and the Domain List. The URL and hostname rules themselves
//! are the validator's (`case::validate::url`); this module adds the step and the advice.

use url::Url;

use super::{Level, Lint};
use crate::case::validate::MAX_LIST;
use crate::case::validate::url::{UrlRules, check_url, domain_entry_problem};
use crate::case::{Case, Severity, Step};

/// A query longer than this makes the redirect back to Alexa fragile (cookies and the
/// redirect URL share one request size limit).
pub const LONG_QUERY: usize = 1500;

const AUTHORIZATION_URL: &str = "account_linking.authorization_url";
const ACCESS_TOKEN_URL: &str = "account_linking.access_token_url";
const DOMAINS: &str = "account_linking.domains";

/// Which part of a URL a validator finding is about, for the step and the advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aspect {
    Spaces,
    Length,
    Unparsable,
    Scheme,
    Host,
    Fragment,
}

/// Sorts a finding of `check_url` by the part of the URL it names. The messages are the
/// validator's; `aspect_of_every_url_message_is_known` in the tests pins them.
fn aspect(message: &str) -> Aspect {
    if message.starts_with("surrounding spaces") {
        Aspect::Spaces
    } else if message.starts_with("must be 9") {
        Aspect::Length
    } else if message.starts_with("not a URL") {
        Aspect::Unparsable
    } else if message.starts_with("must use https") {
        Aspect::Scheme
    } else if message.contains("fragment") {
        Aspect::Fragment
    } else {
        Aspect::Host
    }
}

fn advice(aspect: Aspect, message: &str, token_url: bool) -> (&'static str, Option<Step>, String) {
    let what = message.trim_end_matches('.');
    match aspect {
        Aspect::Spaces => (
            "url-spaces",
            None,
            format!("{what}; paste the URL without them."),
        ),
        Aspect::Length => (
            "url-length",
            Some(Step::PrivateWindow),
            format!("{what}; the developer console accepts 9 to 2000 characters."),
        ),
        Aspect::Unparsable => ("url-unparsable", None, format!("{what}.")),
        Aspect::Scheme => (
            "url-not-https",
            Some(Step::HttpsTrustedCa),
            format!(
                "{what}; Alexa only talks to HTTPS endpoints whose certificate comes from a CA it trusts."
            ),
        ),
        Aspect::Host => (
            "url-unreachable-host",
            Some(Step::HttpsTrustedCa),
            format!(
                "{what}: {} runs on Amazon's servers, which cannot reach local or private addresses.",
                if token_url {
                    "the token exchange"
                } else {
                    "the redirect to the login page"
                }
            ),
        ),
        Aspect::Fragment => (
            "url-fragment",
            None,
            format!(
                "{what}; Alexa appends its own query parameters, and anything after # is never sent to the server."
            ),
        ),
    }
}

/// One endpoint URL: the validator's URL rules, plus the query length.
fn check_endpoint(path: &str, value: &str, token_url: bool, out: &mut Vec<Lint>) {
    if value.trim().is_empty() {
        return;
    }
    let mut findings = Vec::new();
    let url = check_url(path, value, UrlRules::Endpoint, &mut findings);
    for finding in findings {
        let level = match finding.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let (rule, step, text) = advice(aspect(&finding.message), &finding.message, token_url);
        out.push(Lint::new(level, rule, path, step, text));
    }
    if let Some(query) = url.as_ref().and_then(Url::query)
        && query.chars().count() > LONG_QUERY
    {
        out.push(Lint::new(
            Level::Warning,
            "url-long-query",
            path,
            Some(Step::PrivateWindow),
            format!(
                "the query is {} characters long; together with Alexa's own parameters and the \
                 site's cookies, a long request can stop the redirect from working. Keep it short.",
                query.chars().count()
            ),
        ));
    }
}

pub(super) fn check_urls(case: &Case, out: &mut Vec<Lint>) {
    let al = &case.account_linking;
    check_endpoint(AUTHORIZATION_URL, &al.authorization_url, false, out);
    check_endpoint(ACCESS_TOKEN_URL, &al.access_token_url, true, out);
}

/// The lowercase hostname of a URL, when it has one.
pub(super) fn host_of(url: &str) -> Option<String> {
    let url = Url::parse(url.trim()).ok()?;
    Some(url.host_str()?.trim_end_matches('.').to_ascii_lowercase())
}

pub(super) fn check_domains(case: &Case, out: &mut Vec<Lint>) {
    let al = &case.account_linking;
    if al.domains.len() > MAX_LIST {
        out.push(Lint::new(
            Level::Error,
            "domains-too-many",
            DOMAINS,
            Some(Step::DomainListExact),
            format!(
                "the Domain List has {} entries and Alexa accepts at most {MAX_LIST}; keep only \
                 the hosts the login page really loads from.",
                al.domains.len()
            ),
        ));
    }
    let listed: Vec<String> = al
        .domains
        .iter()
        .map(|d| d.trim().trim_end_matches('.').to_ascii_lowercase())
        .collect();
    for (i, entry) in al.domains.iter().enumerate() {
        if let Some(problem) = domain_entry_problem(entry) {
            out.push(Lint::new(
                Level::Error,
                "domain-not-exact",
                format!("{DOMAINS}[{i}]"),
                Some(Step::DomainListExact),
                format!(
                    "{} — {problem}. Each entry must be one exact hostname.",
                    crate::case::sanitize::excerpt(entry)
                ),
            ));
        }
    }
    // Hosts the configuration itself uses; the login page may load from others we cannot see.
    let mut used: Vec<String> = [&al.authorization_url, &al.access_token_url]
        .into_iter()
        .filter_map(|u| host_of(u))
        .collect();
    used.dedup();
    for (i, parent) in listed.iter().enumerate() {
        if parent.is_empty() || domain_entry_problem(parent).is_some() {
            continue;
        }
        let suffix = format!(".{parent}");
        for host in &used {
            if host.ends_with(&suffix) && !listed.contains(host) {
                out.push(Lint::new(
                    Level::Warning,
                    "domain-parent-only",
                    format!("{DOMAINS}[{i}]"),
                    Some(Step::DomainListExact),
                    format!(
                        "{parent} does not cover {host}: Domain List entries match exact \
                         hostnames, not their subdomains. Add {host} if the login page loads \
                         anything from it."
                    ),
                ));
            }
        }
    }
}
