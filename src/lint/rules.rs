//! Lints on tokens, identity providers, the grant type, `AcceptGrant` and the symptoms: one
//! function per pitfall of the guide, each finding tied to a step of DESIGN §4.

use url::Url;

use super::finding;
use crate::case::validate::url::{host_is, host_of, is_google};
use crate::case::validate::{MAX_LIST, MIN_TOKEN_SECONDS};
use crate::case::{
    Case, FieldId, Finding, GrantType, Severity, SkillKind, Step, StepState, Subject, Symptom,
    TokenScheme,
};

const TOKEN_EXPIRATION: FieldId = FieldId::TokenExpiration;
const SCHEME: FieldId = FieldId::AccessTokenScheme;

pub(super) fn check_token(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    if al.grant_type == Some(GrantType::Implicit) {
        let ignored = [
            (
                al.access_token_scheme.is_some(),
                SCHEME,
                "the client authentication scheme",
            ),
            (
                al.default_token_expiration_seconds.is_some(),
                TOKEN_EXPIRATION,
                "the default token expiration",
            ),
        ];
        for (set, id, what) in ignored {
            if set {
                out.push(finding(
                    Severity::Warning,
                    "implicit-ignores",
                    id,
                    Some(Step::ImplicitFragment),
                    format!(
                        "{what} is only used by Authorization Code Grant; Implicit Grant \
                         ignores it."
                    ),
                ));
            }
        }
    }
    if let Some(seconds) = al.default_token_expiration_seconds
        && seconds < MIN_TOKEN_SECONDS
    {
        out.push(finding(
            Severity::Error,
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
pub fn check_raw_scheme(raw: &str) -> Option<Finding> {
    if TokenScheme::from_id(raw.trim()).is_some() {
        return None;
    }
    Some(finding(
        Severity::Error,
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

pub(super) fn check_providers(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    let implicit = al.grant_type == Some(GrantType::Implicit);
    if !implicit && is_google(&al.authorization_url) {
        let offline = Url::parse(al.authorization_url.trim()).is_ok_and(|url| {
            url.query_pairs()
                .any(|(k, v)| k == "access_type" && v == "offline")
        });
        if !offline {
            out.push(finding(
                Severity::Error,
                "google-offline",
                FieldId::AuthorizationUrl,
                Some(Step::GoogleOffline),
                "Google only issues a refresh token when the authorization URL asks for \
                 access_type=offline, and only on the first consent: add the parameter, and \
                 revoke the app's access in the Google account before testing again.",
            ));
        }
    }
    if host_of(&al.access_token_url).is_some_and(|h| host_is(&h, "github.com")) {
        out.push(finding(
            Severity::Error,
            "github-token",
            FieldId::AccessTokenUrl,
            Some(Step::TokenJson200),
            "GitHub's token endpoint answers form-encoded by default, and Alexa only reads \
             JSON: put an intermediary (e.g. an API gateway) in front that returns JSON.",
        ));
    }
}

/// Grant-type rules. A non-custom skill with the implicit grant: Amazon's "Requirements for
/// Account Linking for Alexa Skills" (authentication framework requirements: only custom
/// skills may use the implicit grant; every other type must support the authorization code
/// grant) and the account-linking schema's `type` ("You must use `AUTH_CODE` with smart home
/// skills"), <https://developer.amazon.com/docs/alexa/account-linking/requirements-account-linking.html>
/// and <https://developer.amazon.com/docs/alexa/smapi/account-linking-schemas-v0.html>.
/// An implicit grant with a token URL: the troubleshooting guide's implicit grant section.
pub(super) fn check_grant(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    if al.grant_type == Some(GrantType::Implicit)
        && let Some(kind) = case.skill.kind
        && kind != SkillKind::Custom
    {
        out.push(finding(
            Severity::Error,
            "grant-not-custom",
            FieldId::GrantType,
            Some(Step::ImplicitFragment),
            format!(
                "Amazon allows the implicit grant for custom skills only, and this skill's type \
                 is {}: use the authorization code grant (AUTH_CODE).",
                kind.label().to_lowercase()
            ),
        ));
    }
    let has_token_url = !al.access_token_url.trim().is_empty();
    if al.grant_type == Some(GrantType::Implicit) && has_token_url {
        out.push(finding(
            Severity::Warning,
            "implicit-with-token-url",
            FieldId::AccessTokenUrl,
            Some(Step::ImplicitFragment),
            "Implicit Grant never calls the token URL: the login page must return the token \
             and state in the redirect's #fragment. If your server issues codes, choose \
             AUTH_CODE instead.",
        ));
    }
}

pub(super) fn check_accept_grant(case: &Case, out: &mut Vec<Finding>) {
    let events =
        case.skill.kind == Some(SkillKind::SmartHome) && case.skill.send_alexa_events == Some(true);
    if events && case.steps_tried.accept_grant != Some(StepState::Done) {
        out.push(finding(
            Severity::Warning,
            "accept-grant",
            FieldId::SendAlexaEvents,
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

pub(super) fn check_symptoms(case: &Case, out: &mut Vec<Finding>) {
    for (symptom, step, advice) in SYMPTOM_HINTS {
        if case.failure.symptoms.contains(symptom)
            && case.steps_tried.get(*step) != Some(StepState::Done)
        {
            out.push(finding(
                Severity::Hint,
                "symptom",
                FieldId::Symptoms,
                Some(*step),
                *advice,
            ));
        }
    }
}

/// Scope rules, from the account-linking schema's `scopes` ("required for smart home
/// skills", "up to 15 scopes"),
/// <https://developer.amazon.com/docs/alexa/smapi/account-linking-schemas-v0.html>.
pub(super) fn check_scopes(case: &Case, out: &mut Vec<Finding>) {
    let scopes = &case.account_linking.scopes;
    let configured = case.account_linking.grant_type.is_some()
        || !case.account_linking.authorization_url.trim().is_empty();
    if configured
        && case.skill.kind == Some(SkillKind::SmartHome)
        && scopes.iter().all(|s| s.trim().is_empty())
    {
        out.push(finding(
            Severity::Error,
            "scopes-required",
            FieldId::Scopes,
            None,
            "smart home skills must list at least one scope: Alexa asks your server for the \
             scopes configured here when the customer links.",
        ));
    }
    if scopes.len() > MAX_LIST {
        out.push(finding(
            Severity::Error,
            "scopes-too-many",
            FieldId::Scopes,
            None,
            format!(
                "{} scopes are listed and Alexa accepts at most {MAX_LIST}: keep only the ones \
                 the skill needs.",
                scopes.len()
            ),
        ));
    }
    for (i, scope) in scopes.iter().enumerate() {
        if scope.trim().contains(char::is_whitespace) {
            out.push(finding(
                Severity::Warning,
                "scope-spaces",
                Subject::Entry(FieldId::Scopes, i),
                None,
                format!(
                    "{} has spaces: Alexa sends the scopes space-separated, so list each scope \
                     as its own entry.",
                    crate::case::sanitize::excerpt(scope)
                ),
            ));
        }
    }
}

/// PKCE: Amazon's "Requirements for Account Linking for Alexa Skills" recommends it for
/// every authorization server, and "Implement the Authorization Flow" above all for
/// app-to-app linking, where the code passes through apps
/// (<https://developer.amazon.com/docs/alexa/account-linking/requirements-account-linking.html>).
/// A recommendation, and the configuration does not say whether PKCE is on: a hint, and only
/// where it matters most, when app-to-app linking is configured.
pub(super) fn check_pkce(case: &Case, out: &mut Vec<Finding>) {
    let al = &case.account_linking;
    let app = &al.app_to_app;
    let app_to_app = !app.redirect_urls.is_empty()
        || !app.ios_authorization_url.trim().is_empty()
        || !app.android_authorization_url.trim().is_empty();
    if app_to_app && al.grant_type != Some(GrantType::Implicit) {
        out.push(finding(
            Severity::Hint,
            "pkce",
            FieldId::AppRedirectUrls,
            None,
            "app-to-app linking passes the authorization code through apps: Amazon recommends \
             that your server supports PKCE, and that it is turned on in the account-linking \
             settings.",
        ));
    }
}
