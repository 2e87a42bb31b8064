//! SMAPI account-linking JSON: the body of `ask smapi get-account-linking-info`
//! (`accountLinkingResponse`), the request body of `update-account-linking-info` and
//! `skill-package/accountLinking.json` (`accountLinkingRequest`), or the bare inner object.

use serde_json::{Map, Value};

use super::fill::{Filler, kind};
use crate::case::{GrantType, TokenScheme};
use crate::lint::check_raw_scheme;

/// Keys of the inner object that identify it when it comes bare.
const KNOWN: &[&str] = &[
    "type",
    "authorizationUrl",
    "domains",
    "clientId",
    "scopes",
    "accessTokenUrl",
    "accessTokenScheme",
    "defaultTokenExpirationInSeconds",
    "skipOnEnablement",
    "clientSecret",
    "redirectUrls",
    "reciprocalAccessTokenUrl",
    "authorizationUrlsByPlatform",
    "voiceForwardAccountLinking",
];

/// Whether an object is the bare inner account-linking object: an authorization URL, or a
/// grant type together with another account-linking key.
pub(super) fn looks_bare(object: &Map<String, Value>) -> bool {
    object.contains_key("authorizationUrl")
        || (object.get("type").is_some_and(Value::is_string)
            && KNOWN
                .iter()
                .filter(|k| **k != "type")
                .any(|k| object.contains_key(*k)))
}

pub(super) fn import(value: &Value, filler: &mut Filler) {
    let Some(outer) = value.as_object() else {
        return;
    };
    for wrapper in ["accountLinkingRequest", "accountLinkingResponse"] {
        if let Some(inner) = outer.get(wrapper).and_then(Value::as_object) {
            for key in outer.keys().filter(|k| *k != wrapper) {
                filler.ignore(key, "not part of the account-linking configuration");
            }
            return import_inner(wrapper, inner, filler);
        }
    }
    import_inner("", outer, filler);
}

fn import_inner(prefix: &str, inner: &Map<String, Value>, filler: &mut Filler) {
    for (key, value) in inner {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        import_key(&path, key, value, filler);
    }
}

fn import_key(path: &str, key: &str, value: &Value, filler: &mut Filler) {
    match key {
        "type" => match value.as_str().map(str::trim).map(GrantType::from_id) {
            Some(Some(grant)) => filler.set(path, "account_linking.type", grant, |c| {
                &mut c.account_linking.grant_type
            }),
            _ => filler.ignore(path, "expected AUTH_CODE or IMPLICIT"),
        },
        "authorizationUrl" => filler.text(path, "account_linking.authorization_url", value, |c| {
            &mut c.account_linking.authorization_url
        }),
        "accessTokenUrl" => filler.text(path, "account_linking.access_token_url", value, |c| {
            &mut c.account_linking.access_token_url
        }),
        "clientId" => filler.text(path, "account_linking.client_id", value, |c| {
            &mut c.account_linking.client_id
        }),
        "domains" => filler.list(path, "account_linking.domains", value, |c| {
            &mut c.account_linking.domains
        }),
        "scopes" => filler.list(path, "account_linking.scopes", value, |c| {
            &mut c.account_linking.scopes
        }),
        "accessTokenScheme" => import_scheme(path, value, filler),
        "defaultTokenExpirationInSeconds" => {
            let seconds = value
                .as_i64()
                .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()));
            match seconds {
                Some(seconds) => filler.set(
                    path,
                    "account_linking.default_token_expiration_seconds",
                    seconds,
                    |c| &mut c.account_linking.default_token_expiration_seconds,
                ),
                None => filler.ignore(
                    path,
                    format!("expected a whole number of seconds, got {}", kind(value)),
                ),
            }
        }
        "clientSecret" => filler.withhold(path),
        "skipOnEnablement" => {
            let shown = match value {
                Value::Bool(b) => b.to_string(),
                Value::String(s) if matches!(s.trim(), "true" | "false") => s.trim().to_owned(),
                other => format!("{} (expected true or false)", kind(other)),
            };
            filler.ignore(
                path,
                format!("{shown}: whether linking is optional at enablement is not part of a case"),
            );
        }
        "redirectUrls" => filler.ignore(
            path,
            "Alexa's redirect URLs are fixed per region; the case does not record them",
        ),
        "reciprocalAccessTokenUrl"
        | "authorizationUrlsByPlatform"
        | "voiceForwardAccountLinking" => {
            filler.ignore(path, "not part of the guide's checklist");
        }
        _ => filler.ignore(path, "unknown key"),
    }
}

fn import_scheme(path: &str, value: &Value, filler: &mut Filler) {
    let Some(raw) = value.as_str() else {
        return filler.ignore(path, format!("expected text, got {}", kind(value)));
    };
    if let Some(scheme) = TokenScheme::from_id(raw.trim()) {
        filler.set(path, "account_linking.access_token_scheme", scheme, |c| {
            &mut c.account_linking.access_token_scheme
        });
    } else {
        filler.ignore(
            path,
            "not a scheme Alexa supports (HTTP_BASIC or REQUEST_BODY_CREDENTIALS)",
        );
        if let Some(lint) = check_raw_scheme(raw) {
            filler.lint(lint);
        }
    }
}
