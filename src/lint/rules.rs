//! Lints on tokens, identity providers, the grant type, `AcceptGrant` and the symptoms: one
//! function per pitfall of the guide, each finding tied to a step of DESIGN §4.

use url::Url;

use super::urls::host_of;
use super::{Level, Lint};
use crate::case::validate::MIN_TOKEN_SECONDS;
use crate::case::{Case, GrantType, SkillKind, Step, StepState, Symptom, TokenScheme};

const TOKEN_EXPIRATION: &str = "account_linking.default_token_expiration_seconds";
const SCHEME: &str = "account_linking.access_token_scheme";

fn host_is(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// Whether the authorization URL is Google's OAuth server.
pub(super) fn is_google(authorization_url: &str) -> bool {
    host_of(authorization_url).is_some_and(|h| host_is(&h, "google.com"))
}

pub(super) fn check_token(case: &Case, out: &mut Vec<Lint>) {
    let al = &case.account_linking;
    if let Some(seconds) = al.default_token_expiration_seconds
        && seconds < MIN_TOKEN_SECONDS
    {
        out.push(Lint::new(
            Level::Error,
            "token-lifetime",
            TOKEN_EXPIRATION,
            Some(Step::TokenTtl6min),
            format!(
                "access tokens live {seconds} s; Alexa needs at least {MIN_TOKEN_SECONDS} s (6 \
                 minutes) or it cannot refresh in time and customers must link again. Raise it \
                 here and in the expires_in of your token responses."
            ),
        ));
    }
}

/// A client authentication scheme as found in a SMAPI or skill-package file, which may hold
/// values the case model cannot: a lint when it is not one Alexa supports.
#[must_use]
pub fn check_raw_scheme(raw: &str) -> Option<Lint> {
    if TokenScheme::from_id(raw.trim()).is_some() {
        return None;
    }
    Some(Lint::new(
        Level::Error,
        "token-scheme",
        SCHEME,
        Some(Step::ClientAuthScheme),
        format!(
            "{} is not a client authentication scheme Alexa supports: use HTTP_BASIC (HTTP \
             Basic) or REQUEST_BODY_CREDENTIALS (client id and secret in the request body).",
            crate::case::sanitize::excerpt(raw)
        ),
    ))
}

pub(super) fn check_providers(case: &Case, out: &mut Vec<Lint>) {
    let al = &case.account_linking;
    let implicit = al.grant_type == Some(GrantType::Implicit);
    if !implicit && is_google(&al.authorization_url) {
        let offline = Url::parse(al.authorization_url.trim()).is_ok_and(|url| {
            url.query_pairs()
                .any(|(k, v)| k == "access_type" && v == "offline")
        });
        if !offline {
            out.push(Lint::new(
                Level::Error,
                "google-offline",
                "account_linking.authorization_url",
                Some(Step::GoogleOffline),
                "Google only issues a refresh token when the authorization URL asks for \
                 access_type=offline, and only on the first consent: add the parameter, and \
                 revoke the app's access in the Google account before testing again.",
            ));
        }
    }
    if host_of(&al.access_token_url).is_some_and(|h| host_is(&h, "github.com")) {
        out.push(Lint::new(
            Level::Error,
            "github-token",
            "account_linking.access_token_url",
            Some(Step::TokenJson200),
            "GitHub's token endpoint answers form-encoded by default, and Alexa only reads \
             JSON: put an intermediary (e.g. an API gateway) in front that returns JSON.",
        ));
    }
}

pub(super) fn check_grant(case: &Case, out: &mut Vec<Lint>) {
    let al = &case.account_linking;
    let has_token_url = !al.access_token_url.trim().is_empty();
    match al.grant_type {
        Some(GrantType::Implicit) if has_token_url => out.push(Lint::new(
            Level::Warning,
            "implicit-with-token-url",
            "account_linking.access_token_url",
            Some(Step::ImplicitFragment),
            "Implicit Grant never calls the token URL: the login page must return the token \
             and state in the redirect's #fragment. If your server issues codes, choose \
             AUTH_CODE instead.",
        )),
        Some(GrantType::AuthCode) if !has_token_url => out.push(Lint::new(
            Level::Error,
            "auth-code-without-token-url",
            "account_linking.access_token_url",
            None,
            "Authorization Code Grant exchanges the code at the access token URL, and none is \
             set: copy it from the Account Linking page.",
        )),
        _ => {}
    }
}

pub(super) fn check_accept_grant(case: &Case, out: &mut Vec<Lint>) {
    let events =
        case.skill.kind == Some(SkillKind::SmartHome) && case.skill.send_alexa_events == Some(true);
    if events && case.steps_tried.accept_grant != Some(StepState::Done) {
        out.push(Lint::new(
            Level::Warning,
            "accept-grant",
            "skill.send_alexa_events",
            Some(Step::AcceptGrant),
            "with Send Alexa Events on, linking only completes when the skill answers the \
             AcceptGrant directive. Check the handler, or turn the permission off once to see \
             whether linking then works.",
        ));
    }
}

/// Where to look first for each symptom, as the guide's problem sections say.
const SYMPTOM_HINTS: &[(Symptom, Step, &str)] = &[
    (
        Symptom::RelinkRequired,
        Step::TokenTtl6min,
        "links that expire usually mean Alexa could not refresh: access tokens must live at \
         least 6 minutes.",
    ),
    (
        Symptom::RelinkRequired,
        Step::RefreshTokenKept,
        "links that expire usually mean Alexa could not refresh: refresh tokens must stay \
         valid for a while after the access token expires.",
    ),
    (
        Symptom::DeviceSpecific,
        Step::DomainListExact,
        "linking that works on one device only often means a host the login page loads from \
         is missing from the Domain List (exact hostnames).",
    ),
    (
        Symptom::RedirectFails,
        Step::PrivateWindow,
        "a failing redirect points at the redirect URL or its size: try a private window, and \
         shorten the query parameters and authorization codes.",
    ),
    (
        Symptom::EmptyPage,
        Step::DomainListExact,
        "an empty page often means the login page loads content from a host missing from the \
         Domain List.",
    ),
    (
        Symptom::EmptyPage,
        Step::NoPopups,
        "an empty page can also come from a popup: the Alexa app does not support them.",
    ),
];

pub(super) fn check_symptoms(case: &Case, out: &mut Vec<Lint>) {
    for (symptom, step, advice) in SYMPTOM_HINTS {
        if case.failure.symptoms.contains(symptom)
            && case.steps_tried.get(*step) != Some(StepState::Done)
        {
            out.push(Lint::new(
                Level::Hint,
                "symptom",
                "failure.symptoms",
                Some(*step),
                *advice,
            ));
        }
    }
}
