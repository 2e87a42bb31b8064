//! Lints on the two endpoint URLs and the Domain List. The URL and hostname rules themselves
//! are the validator's (`case::validate::url`); this module adds the step and the advice.

use url::Url;

use super::finding;
use crate::case::validate::MAX_LIST;
use crate::case::validate::domain::domain_problem;
use crate::case::validate::url::{UrlProblem, UrlRules, inspect_url};
use crate::case::{Case, FieldId, Finding, Severity, Step, Subject};

/// A query longer than this makes the redirect back to Alexa fragile (cookies and the
/// redirect URL share one request size limit).
pub const LONG_QUERY: usize = 1500;

/// The rule, step and advice for a problem with an endpoint URL that Alexa cannot use;
/// `None` for the problems that are the case's (spaces, a URL that does not parse).
///
/// Sources: the troubleshooting guide (HTTPS with a trusted certificate, the redirect's
/// size) and the developer console's URL limits; `url-port` is Amazon's "Requirements for
/// Account Linking for Alexa Skills" (the authorization URI is served over HTTPS on port
/// 443, <https://developer.amazon.com/docs/alexa/account-linking/requirements-account-linking.html>).
fn advice(problem: &UrlProblem, token_url: bool) -> Option<(&'static str, Option<Step>, String)> {
    let what = problem.describe();
    Some(match problem {
        UrlProblem::Spaces | UrlProblem::Unparsable { .. } | UrlProblem::Credentials => {
            return None;
        }
        UrlProblem::Length(_) => (
            "url-length",
            Some(Step::PrivateWindow),
            format!("{what}; the developer console accepts 9 to 2000 characters."),
        ),
        UrlProblem::Scheme(_) => (
            "url-not-https",
            Some(Step::HttpsTrustedCa),
            format!(
                "{what}; Alexa only talks to HTTPS endpoints whose certificate comes from a CA it trusts."
            ),
        ),
        UrlProblem::NoHost | UrlProblem::IpHost | UrlProblem::PrivateHost { .. } => (
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
        // Amazon's "Requirements for Account Linking for Alexa Skills", authorization URI
        // requirements: accessible over HTTPS on port 443
        // (https://developer.amazon.com/docs/alexa/account-linking/requirements-account-linking.html).
        // The page states it for the authorization URI only, so only that is an error.
        UrlProblem::Port(_) if token_url => return None,
        UrlProblem::Port(_) => (
            "url-port",
            Some(Step::HttpsTrustedCa),
            format!(
                "{what}: Amazon requires the authorization URI to be served over HTTPS on port \
                 443. Drop the port from the URL and serve the login page on 443."
            ),
        ),
        UrlProblem::Fragment => (
            "url-fragment",
            None,
            format!(
                "{what}; Alexa appends its own query parameters, and anything after # is never sent to the server."
            ),
        ),
    })
}

/// One endpoint URL: what Alexa needs of it, plus the query length.
fn check_endpoint(id: FieldId, value: &str, token_url: bool, out: &mut Vec<Finding>) {
    if value.trim().is_empty() {
        return;
    }
    let (problems, url) = inspect_url(value, UrlRules::Endpoint);
    for problem in &problems {
        if let Some((rule, step, text)) = advice(problem, token_url) {
            out.push(finding(Severity::Error, rule, id, step, text));
        }
    }
    if let Some(query) = url.as_ref().and_then(Url::query)
        && query.chars().count() > LONG_QUERY
    {
        out.push(finding(
            Severity::Warning,
            "url-long-query",
            id,
            Some(Step::PrivateWindow),
            format!(
                "the query is {} characters long; together with Alexa's own parameters and the \
                 site's cookies, a long request can stop the redirect from working. Keep it short.",
                query.chars().count()
            ),
        ));
    }
}

pub(super) fn check_urls(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    check_endpoint(FieldId::AuthorizationUrl, &al.authorization_url, false, out);
    check_endpoint(FieldId::AccessTokenUrl, &al.access_token_url, true, out);
}

pub(super) fn check_domains(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    if al.domains.len() > MAX_LIST {
        out.push(finding(
            Severity::Error,
            "domains-too-many",
            FieldId::Domains,
            Some(Step::DomainListExact),
            format!(
                "the Domain List has {} entries and Alexa accepts at most {MAX_LIST}; keep only \
                 the hosts the login page really loads from.",
                al.domains.len()
            ),
        ));
    }
    for (i, entry) in al.domains.iter().enumerate() {
        if let Some(problem) = domain_problem(entry) {
            out.push(
                finding(
                    Severity::Error,
                    "domain-not-exact",
                    Subject::Entry(FieldId::Domains, i),
                    Some(Step::DomainListExact),
                    format!(
                        "{} — {}. Each entry must be one exact hostname.",
                        crate::case::sanitize::excerpt(entry),
                        problem.describe()
                    ),
                )
                .with_brief(problem.brief()),
            );
        }
    }
    // No check that a parent entry covers a host the configuration uses: the only hosts it
    // names are the login page's own (the guide: the Domain List is for content "from
    // domains other than your authorization URI's domain") and the token host (which the
    // page never loads). What the page loads from is not in the configuration.
}
