//! ASK CLI project files: v2 `.ask/ask-states.json` (`profiles.<profile>.skillId`), v1
//! `.ask/config` (`deploy_settings.<profile>.skill_id`), and the skill manifest
//! `skill-package/skill.json` (name, kind, Send Alexa Events permission), and the ASK CLI's
//! own `~/.ask/cli_config` (`profiles.<profile>.vendor_id`).

use serde_json::{Map, Value};

use super::ImportError;
use super::fill::Filler;
use crate::case::{FieldId, SkillKind};

/// The permission a smart home skill needs to send events to the Alexa event gateway.
const ASYNC_EVENT_PERMISSION: &str = "alexa::async_event:write";

pub(super) fn import_states(
    value: &Value,
    profile: Option<&str>,
    filler: &mut Filler,
) -> Result<(), ImportError> {
    import_skill_id(value, "profiles", "skillId", profile, filler)
}

pub(super) fn import_config(
    value: &Value,
    profile: Option<&str>,
    filler: &mut Filler,
) -> Result<(), ImportError> {
    import_skill_id(value, "deploy_settings", "skill_id", profile, filler)
}

/// Whether an object is the ASK CLI's own `cli_config`: profiles that hold a `vendor_id`
/// or a login `token` (an `ask-states.json` has neither).
pub(super) fn is_cli_config(object: &Map<String, Value>) -> bool {
    object
        .get("profiles")
        .and_then(Value::as_object)
        .is_some_and(|profiles| {
            profiles.values().any(|p| {
                p.get("vendor_id").is_some_and(Value::is_string)
                    || p.get("token").is_some_and(Value::is_object)
            })
        })
}

/// `~/.ask/cli_config`: the vendor id of one profile. The profile's login tokens are
/// secrets, withheld like a client secret.
pub(super) fn import_cli_config(
    value: &Value,
    profile: Option<&str>,
    filler: &mut Filler,
) -> Result<(), ImportError> {
    let Some(chosen) = choose_profile(value, "profiles", profile, filler)? else {
        return Ok(());
    };
    let Some(entries) = value
        .get("profiles")
        .and_then(|p| p.get(&chosen))
        .and_then(Value::as_object)
    else {
        filler.ignore(&format!("profiles.{chosen}"), "not an object");
        return Ok(());
    };
    for (key, entry) in entries {
        let path = format!("profiles.{chosen}.{key}");
        match key.as_str() {
            "vendor_id" => {
                filler.fill(&path, FieldId::VendorId.field(), entry);
            }
            "token" => filler.withhold_other(&path, "the ASK CLI's login tokens"),
            _ => filler.ignore(&path, "not part of a case"),
        }
    }
    Ok(())
}

/// Takes the skill id of one profile: the only one, or the one asked for.
fn import_skill_id(
    value: &Value,
    section: &str,
    id_key: &str,
    profile: Option<&str>,
    filler: &mut Filler,
) -> Result<(), ImportError> {
    let Some(chosen) = choose_profile(value, section, profile, filler)? else {
        return Ok(());
    };
    let key = format!("{section}.{chosen}.{id_key}");
    match value
        .get(section)
        .and_then(|p| p.get(&chosen))
        .and_then(|p| p.get(id_key))
    {
        Some(id) => {
            filler.fill(&key, FieldId::SkillId.field(), id);
        }
        None => filler.ignore(
            &key,
            "missing: the skill was never deployed with this profile",
        ),
    }
    Ok(())
}

/// The profile of `section` to read: the only one, or the one asked for; `None` when there
/// is none. The others are reported as left out.
fn choose_profile(
    value: &Value,
    section: &str,
    profile: Option<&str>,
    filler: &mut Filler,
) -> Result<Option<String>, ImportError> {
    let empty = Map::new();
    let profiles = value
        .get(section)
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let names: Vec<&str> = profiles.keys().map(String::as_str).collect();
    let chosen = match (profile, names.as_slice()) {
        (Some(wanted), _) if profiles.contains_key(wanted) => wanted,
        (Some(wanted), _) => {
            return Err(filler.usage(format!(
                "no profile '{wanted}' in {section}; it has: {}",
                list_or_none(&names)
            )));
        }
        (None, [only]) => only,
        (None, []) => {
            filler.ignore(section, "no profiles");
            return Ok(None);
        }
        (None, _) => {
            return Err(filler.usage(format!(
                "several ASK CLI profiles ({}): choose one with --profile",
                names.join(", ")
            )));
        }
    };
    for name in names.iter().filter(|n| **n != chosen) {
        filler.ignore(&format!("{section}.{name}"), "another profile");
    }
    Ok(Some(chosen.to_owned()))
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// Reads a skill manifest, `{"manifest": …}` or the older `{"skillManifest": …}` that
/// Amazon's skill manifest reference still documents.
pub(super) fn import_manifest(value: &Value, filler: &mut Filler) {
    let Some((root, manifest)) = ["manifest", "skillManifest"]
        .into_iter()
        .find_map(|root| Some((root, value.get(root)?.as_object()?)))
    else {
        return;
    };
    import_name(root, manifest, filler);
    let apis = manifest.get("apis").and_then(Value::as_object);
    // A skill with several APIs is classified by the one that constrains linking most: a
    // smart home API (AcceptGrant, Send Alexa Events) wins over video, video over custom,
    // whatever the order of the keys.
    let kind = apis.and_then(|apis| {
        [
            ("smartHome", SkillKind::SmartHome),
            ("video", SkillKind::Video),
            ("custom", SkillKind::Custom),
        ]
        .into_iter()
        .find_map(|(api, kind)| apis.contains_key(api).then_some(kind))
    });
    let kind = match (kind, apis) {
        (Some(kind), _) => Some(kind),
        (None, Some(apis)) if !apis.is_empty() => Some(SkillKind::Other),
        _ => None,
    };
    if let Some(kind) = kind {
        filler.set(&format!("{root}.apis"), FieldId::SkillKind, kind, |c| {
            &mut c.skill.kind
        });
    }
    if kind == Some(SkillKind::SmartHome) {
        let events = manifest
            .get("permissions")
            .and_then(Value::as_array)
            .is_some_and(|perms| {
                perms
                    .iter()
                    .any(|p| p.get("name").and_then(Value::as_str) == Some(ASYNC_EVENT_PERMISSION))
            });
        filler.set(
            &format!("{root}.permissions"),
            FieldId::SendAlexaEvents,
            events,
            |c| &mut c.skill.send_alexa_events,
        );
    }
    for key in manifest.keys() {
        if !matches!(
            key.as_str(),
            "publishingInformation" | "apis" | "permissions"
        ) {
            filler.ignore(&format!("{root}.{key}"), "not part of a case");
        }
    }
}

/// The skill's name: the en-US locale's, else the first locale's.
fn import_name(root: &str, manifest: &Map<String, Value>, filler: &mut Filler) {
    let Some(locales) = manifest
        .get("publishingInformation")
        .and_then(|p| p.get("locales"))
        .and_then(Value::as_object)
    else {
        return;
    };
    let locale = if locales.contains_key("en-US") {
        Some("en-US")
    } else {
        locales.keys().next().map(String::as_str)
    };
    if let Some(locale) = locale
        && let Some(name) = locales.get(locale).and_then(|l| l.get("name"))
    {
        let key = format!("{root}.publishingInformation.locales.{locale}.name");
        filler.fill(&key, FieldId::SkillName.field(), name);
    }
}
