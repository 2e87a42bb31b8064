//! SMAPI account-linking JSON: the body of `ask smapi get-account-linking-info`
//! (`accountLinkingResponse`), the request body of `update-account-linking-info` and
//! `skill-package/accountLinking.json` (`accountLinkingRequest`), or the bare inner object.

use serde_json::{Map, Value};

use super::fill::{Filler, kind};
use crate::case::redirect::parse_alexa_redirect;
use crate::case::{FIELDS, FieldId};
use crate::lint::check_raw_scheme;

/// Keys of the inner object that identify it when it comes bare.
pub(super) const KNOWN: &[&str] = &[
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
    // The field table says which SMAPI key fills which field.
    if let Some(field) = FIELDS.iter().find(|f| f.import_keys.contains(&key)) {
        let taken = filler.fill(path, field, value);
        // A client authentication scheme the case cannot hold is a finding of its own.
        if !taken
            && field.id == FieldId::AccessTokenScheme
            && let Some(lint) = value.as_str().and_then(check_raw_scheme)
        {
            filler.lint(lint);
        }
        return;
    }
    match key {
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
        "redirectUrls" => import_redirect_urls(path, value, filler),
        "authorizationUrlsByPlatform" => import_platform_urls(path, value, filler),
        "reciprocalAccessTokenUrl" | "voiceForwardAccountLinking" => {
            filler.ignore(path, "not part of the guide's checklist");
        }
        _ => filler.ignore(path, "unknown key"),
    }
}

/// `redirectUrls`: in Amazon's account-linking schema, the skill's own redirect URLs for
/// app-to-app linking ("Your Redirect URLs"). `get-account-linking-info` also lists Alexa's
/// own redirect URLs there; those give the vendor id instead.
fn import_redirect_urls(path: &str, value: &Value, filler: &mut Filler) {
    let Some(entries) = value.as_array() else {
        filler.ignore(
            path,
            format!("expected a list of URLs, got {}", kind(value)),
        );
        return;
    };
    let mut own = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match entry.as_str().and_then(parse_alexa_redirect) {
            Some((_, vendor)) => {
                filler.fill(
                    &format!("{path}[{i}]"),
                    FieldId::VendorId.field(),
                    &Value::String(vendor),
                );
            }
            None => own.push(entry.clone()),
        }
    }
    if !own.is_empty() {
        filler.fill(path, FieldId::AppRedirectUrls.field(), &Value::Array(own));
    }
}

/// `authorizationUrlsByPlatform`: `[{"platformType": "iOS" | "Android",
/// "platformAuthorizationUrl": …}]`, the authorization URLs of app-to-app linking.
fn import_platform_urls(path: &str, value: &Value, filler: &mut Filler) {
    let Some(entries) = value.as_array() else {
        filler.ignore(path, format!("expected a list, got {}", kind(value)));
        return;
    };
    for (i, entry) in entries.iter().enumerate() {
        let key = format!("{path}[{i}]");
        let platform = entry.get("platformType").and_then(Value::as_str);
        let field = match platform.map(|p| p.trim().to_ascii_lowercase()).as_deref() {
            Some("ios") => FieldId::IosAuthorizationUrl,
            Some("android") => FieldId::AndroidAuthorizationUrl,
            _ => {
                filler.ignore(&key, "expected platformType iOS or Android");
                continue;
            }
        };
        match entry.get("platformAuthorizationUrl") {
            Some(url) => {
                filler.fill(
                    &format!("{key}.platformAuthorizationUrl"),
                    field.field(),
                    url,
                );
            }
            None => filler.ignore(&key, "no platformAuthorizationUrl"),
        }
    }
}
