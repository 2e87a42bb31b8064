//! Reading and writing case files: strict JSON in (duplicate keys, depth, encoding and
//! shape errors each name what is wrong and where), sanitized text, canonical JSON out.

use std::fmt::{self, Write as _};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::model::{Case, SCHEMA_VERSION};
use super::sanitize;
use super::time::format_utc;

/// A case read from a file, with what was noticed on the way in.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The case, its text sanitized.
    pub case: Case,
    /// JSON paths whose text held control or bidi characters that were removed.
    pub sanitized: Vec<String>,
}

/// Why bytes are not a case file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Zero bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// Not UTF-8 text.
    #[error("not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Not JSON.
    #[error("not JSON: {0}")]
    Syntax(String),
    /// Nested beyond what a case file ever needs.
    #[error("JSON nested too deeply ({0})")]
    TooDeep(String),
    /// The same key twice in one object.
    #[error("{0}")]
    DuplicateKey(String),
    /// The top level is not an object.
    #[error("expected a JSON object (a case file), got {0}")]
    NotAnObject(&'static str),
    /// `schema_version` is missing or not a whole number.
    #[error("schema_version: expected 1, got {0}")]
    BadSchemaVersion(String),
    /// Written by a newer linkcase.
    #[error(
        "schema_version: this file is version {0}, newer than this linkcase understands (1); \
         upgrade linkcase to read it (the file was not changed)"
    )]
    NewerSchema(u64),
    /// A field has the wrong JSON type or an unknown value.
    #[error("{path}: {message}")]
    Shape {
        /// JSON path of the field.
        path: String,
        /// What was wrong.
        message: String,
    },
}

impl LoadError {
    /// `2` when the input could not be read as JSON at all, or is from a newer version
    /// (DESIGN §5: unreadable input); `1` when it is JSON but not a valid case.
    #[must_use]
    pub const fn exit_code(&self) -> u8 {
        match self {
            Self::Empty
            | Self::NotUtf8 { .. }
            | Self::Syntax(_)
            | Self::TooDeep(_)
            | Self::NewerSchema(_) => 2,
            Self::DuplicateKey(_)
            | Self::NotAnObject(_)
            | Self::BadSchemaVersion(_)
            | Self::Shape { .. } => 1,
        }
    }

    /// Whether rewriting the file would lose something (a newer schema is never rewritten).
    #[must_use]
    pub const fn forbids_rewrite(&self) -> bool {
        matches!(self, Self::NewerSchema(_))
    }
}

/// Parses a case file from raw bytes.
pub fn parse(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // A byte order mark (some Windows editors write one) is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let mut value = parse_strict(text)?;
    let Value::Object(object) = &value else {
        return Err(LoadError::NotAnObject(json_kind(&value)));
    };
    check_schema_version(object.get("schema_version"))?;

    let mut sanitized = Vec::new();
    sanitize_paths(&mut value, &mut String::new(), &mut sanitized)?;

    // serde's `flatten` buffers unknown keys in a form that cannot hold every number
    // (`1e5`, 30 digits): the case is read from a copy with such numbers approximated, and
    // the unknown keys are then taken from the original, exactly as written.
    let mut approx = value.clone();
    approximate_numbers(&mut approx);
    let mut case: Case =
        serde_path_to_error::deserialize(approx).map_err(|e| LoadError::Shape {
            path: e.path().to_string(),
            message: tidy_serde_message(&e.inner().to_string()),
        })?;
    restore_unknown_keys(&mut case, &value);
    Ok(Loaded { case, sanitized })
}

/// Whether a key names a secret: `clientSecret`, `password`, `api_key`, `refresh_token`…
/// (case, `_` and `-` ignored). Only unknown keys are judged by name; the known fields
/// (`access_token_url`, the `token_*` steps) are not secrets.
#[must_use]
pub fn is_secret_key(key: &str) -> bool {
    let key: String = key
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    [
        "secret",
        "password",
        "passwd",
        "passphrase",
        "token",
        "apikey",
        "credential",
        "privatekey",
        "cookie",
        "authorization",
    ]
    .iter()
    .any(|word| key.contains(word))
}

/// Sets every unknown key named like a secret ([`is_secret_key`]), at any depth, to `null`;
/// returns the JSON paths withheld.
pub fn withhold_unknown_secrets(case: &mut Case) -> Vec<String> {
    fn walk(value: &mut Value, path: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    let here = join(path, key);
                    if is_secret_key(key) {
                        if !item.is_null() {
                            *item = Value::Null;
                            out.push(here);
                        }
                    } else {
                        walk(item, &here, out);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    walk(item, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut withheld = Vec::new();
    for (prefix, extra) in unknown_keys_mut(case) {
        let mut level = Value::Object(std::mem::take(extra));
        walk(&mut level, prefix.unwrap_or(""), &mut withheld);
        if let Value::Object(map) = level {
            *extra = map;
        }
    }
    withheld
}

/// The unknown keys of each level of a case, with the key of the level (`None` = top).
fn unknown_keys_mut(case: &mut Case) -> [(Option<&'static str>, &mut Map<String, Value>); 6] {
    [
        (None, &mut case.extra),
        (Some("skill"), &mut case.skill.extra),
        (Some("test_account"), &mut case.test_account.extra),
        (Some("failure"), &mut case.failure.extra),
        (Some("account_linking"), &mut case.account_linking.extra),
        (Some("steps_tried"), &mut case.steps_tried.extra),
    ]
}

/// Replaces every number that is not a plain 64-bit integer by its nearest `f64`.
fn approximate_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if n.as_u64().is_none() && n.as_i64().is_none() => {
            *value = n
                .as_f64()
                .and_then(Number::from_f64)
                .map_or(Value::Null, Value::Number);
        }
        Value::Array(items) => items.iter_mut().for_each(approximate_numbers),
        Value::Object(map) => map.values_mut().for_each(approximate_numbers),
        _ => {}
    }
}

/// Puts the unknown keys of `raw` back into `case` as they were in the file.
fn restore_unknown_keys(case: &mut Case, raw: &Value) {
    for (key, extra) in unknown_keys_mut(case) {
        let level = match key {
            None => Some(raw),
            Some(key) => raw.get(key),
        };
        let Some(level) = level.and_then(Value::as_object) else {
            continue;
        };
        for (k, v) in extra.iter_mut() {
            if let Some(original) = level.get(k) {
                v.clone_from(original);
            }
        }
    }
}

fn check_schema_version(version: Option<&Value>) -> Result<(), LoadError> {
    match version {
        None => Err(LoadError::BadSchemaVersion(
            "nothing (the key is missing)".to_owned(),
        )),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(SCHEMA_VERSION) => Ok(()),
            Some(v) if v > SCHEMA_VERSION => Err(LoadError::NewerSchema(v)),
            _ => Err(LoadError::BadSchemaVersion(n.to_string())),
        },
        Some(other) => Err(LoadError::BadSchemaVersion(json_kind(other).to_owned())),
    }
}

/// The canonical case file: pretty JSON, two-space indent, trailing newline, `failure.utc`
/// derived from local time and zone (`null` when it cannot be), and the password and every
/// unknown key named like a secret ([`is_secret_key`]) `null` unless `include_secrets`. Loading and saving this again gives the same bytes.
#[must_use]
pub fn to_json(case: &Case, include_secrets: bool) -> String {
    let mut case = case.clone();
    case.failure.utc = case.failure.utc_instant().ok().map(format_utc);
    if !include_secrets {
        withhold_unknown_secrets(&mut case);
    }
    let mut value = match serde_json::to_value(&case) {
        Ok(value) => value,
        // `Case` holds only strings, numbers, bools, enums and string-keyed maps, which
        // serde_json always serializes; this arm cannot be reached.
        Err(_) => Value::Null,
    };
    if !include_secrets
        && let Some(account) = value.get_mut("test_account").and_then(Value::as_object_mut)
    {
        account.insert("password".to_owned(), Value::Null);
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde's messages quote with backticks; ours use plain quotes.
fn tidy_serde_message(message: &str) -> String {
    message.replace('`', "'")
}

/// Parses JSON into a `Value`, refusing duplicate keys (`serde_json` keeps the last silently).
/// The recursion limit of `serde_json` (128) bounds the depth.
fn parse_strict(text: &str) -> Result<Value, LoadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = StrictValue::deserialize(&mut deserializer)
        .and_then(|v| deserializer.end().map(|()| v.0))
        .map_err(|e| {
            let message = e.to_string();
            if message.starts_with("recursion limit exceeded") {
                LoadError::TooDeep(message)
            } else if message.starts_with(DUPLICATE_KEY) {
                LoadError::DuplicateKey(message)
            } else if e.is_data() {
                LoadError::Shape {
                    path: String::new(),
                    message,
                }
            } else {
                LoadError::Syntax(message)
            }
        })?;
    Ok(value)
}

const DUPLICATE_KEY: &str = "duplicate key";

/// The key under which `serde_json` (`arbitrary_precision`) passes a number as its text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(d).map(|v| v.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // serde_json's `arbitrary_precision` hands every number over as a one-entry map
            // under this private key, holding the digits as written: kept as they are.
            if key == NUMBER_TOKEN && object.is_empty() {
                let digits: String = map.next_value()?;
                return digits
                    .parse::<Number>()
                    .map(Value::Number)
                    .map_err(de::Error::custom);
            }
            if object.contains_key(&key) {
                let shown = sanitize::sanitize(&key);
                return Err(de::Error::custom(format_args!("{DUPLICATE_KEY} '{shown}'")));
            }
            let StrictValue(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Sanitizes every string in `value`, recording the JSON path of each one that changed.
/// A key that only differs from another by a removed character is a duplicate.
fn sanitize_paths(
    value: &mut Value,
    path: &mut String,
    changed: &mut Vec<String>,
) -> Result<(), LoadError> {
    match value {
        Value::String(s) => {
            if sanitize::sanitize_in_place(s) {
                changed.push(path.clone());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                sanitize_paths(item, path, changed)?;
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            if map.keys().any(|k| k.chars().any(sanitize::is_banned)) {
                let old = std::mem::take(map);
                for (k, v) in old {
                    let clean = sanitize::sanitize(&k).into_owned();
                    if map.contains_key(&clean) {
                        return Err(LoadError::DuplicateKey(format!(
                            "{DUPLICATE_KEY} '{}' (once with control characters, which are removed)",
                            join(path, &clean)
                        )));
                    }
                    if clean != k {
                        changed.push(join(path, &clean));
                    }
                    map.insert(clean, v);
                }
            }
            for (key, item) in map.iter_mut() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                sanitize_paths(item, path, changed)?;
                path.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/example.json");

    #[test]
    fn example_loads_and_saves_to_the_same_bytes() {
        let loaded = parse(EXAMPLE.as_bytes()).unwrap();
        assert!(loaded.sanitized.is_empty());
        assert_eq!(to_json(&loaded.case, true), EXAMPLE);
    }

    #[test]
    fn save_without_secrets_writes_null_password() {
        let loaded = parse(EXAMPLE.as_bytes()).unwrap();
        let json = to_json(&loaded.case, false);
        assert!(json.contains("\"password\": null"));
        assert!(!json.contains("correct horse"));
    }

    #[test]
    fn unknown_keys_survive_load_and_save() {
        let text = EXAMPLE
            .replacen(
                "\"notes\": \"\"",
                "\"notes\": \"\",\n  \"x_ticket\": {\"id\": 7}",
                1,
            )
            .replacen(
                "\"name\": \"Acme Thermostat\",",
                "\"name\": \"Acme Thermostat\",\n    \"x_locale\": \"en-US\",",
                1,
            );
        let case = parse(text.as_bytes()).unwrap().case;
        assert_eq!(case.extra["x_ticket"]["id"], 7);
        assert_eq!(case.skill.extra["x_locale"], "en-US");
        let saved = to_json(&case, true);
        assert_eq!(parse(saved.as_bytes()).unwrap().case, case);
    }

    #[test]
    fn unknown_numbers_come_back_exactly_as_written() {
        let text = EXAMPLE.replacen(
            "\"notes\": \"\"",
            "\"notes\": \"\",\n  \"x_big\": 123456789012345678901234567890,\n  \"x_exp\": [1e5, -0.10, 1E-7]",
            1,
        );
        let saved = to_json(&parse(text.as_bytes()).unwrap().case, true);
        assert!(
            saved.contains("\"x_big\": 123456789012345678901234567890"),
            "{saved}"
        );
        // serde_json keeps every digit; it spells an exponent with its sign (`1e+5`).
        assert!(saved.contains("1e+5"), "{saved}");
        assert!(saved.contains("-0.10"), "{saved}");
        assert!(saved.contains("1E-7") || saved.contains("1e-7"), "{saved}");
        assert_eq!(
            parse(saved.as_bytes()).unwrap().case,
            parse(text.as_bytes()).unwrap().case
        );
    }

    #[test]
    fn a_key_differing_only_by_a_stripped_control_character_is_a_duplicate() {
        let err = parse(br#"{"schema_version": 1, "x_a": 1, "x_\u0007a": 2}"#).unwrap_err();
        assert!(
            matches!(&err, LoadError::DuplicateKey(m) if m.contains("'x_a'")),
            "{err}"
        );
    }

    #[test]
    fn a_utf8_byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{EXAMPLE}");
        assert_eq!(
            parse(text.as_bytes()).unwrap().case,
            parse(EXAMPLE.as_bytes()).unwrap().case
        );
    }

    #[test]
    fn unknown_secret_keys_are_withheld_at_any_depth_unless_secrets_are_included() {
        let text = EXAMPLE.replacen(
            "\"notes\": \"\"",
            "\"notes\": \"\",\n  \"clientSecret\": \"s3cr3t-top\",\n  \"x_vendor\": {\"API_KEY\": \"s3cr3t-key\", \"list\": [{\"refresh-token\": \"s3cr3t-rt\"}], \"region\": \"eu\"}",
            1,
        );
        let case = parse(text.as_bytes()).unwrap().case;
        let shared = to_json(&case, false);
        assert!(!shared.contains("s3cr3t"), "{shared}");
        assert!(shared.contains("\"clientSecret\": null"), "{shared}");
        assert!(shared.contains("\"region\": \"eu\""), "{shared}");
        // Known fields named like tokens are not secrets.
        assert!(
            shared.contains("https://auth.example.com/oauth2/token"),
            "{shared}"
        );
        let own = to_json(&case, true);
        assert!(
            own.contains("s3cr3t-top") && own.contains("s3cr3t-rt"),
            "{own}"
        );
    }

    #[test]
    fn rejects_empty_and_whitespace_files() {
        assert_eq!(parse(b"").unwrap_err(), LoadError::Empty);
        assert_eq!(parse(b" \n\t").unwrap_err(), LoadError::Empty);
    }

    #[test]
    fn rejects_invalid_utf8_with_its_offset() {
        assert_eq!(
            parse(b"{\"a\": \"\xff\"}").unwrap_err(),
            LoadError::NotUtf8 { offset: 7 }
        );
    }

    #[test]
    fn rejects_text_that_is_not_json() {
        assert!(matches!(
            parse(b"skill.id = x").unwrap_err(),
            LoadError::Syntax(_)
        ));
        assert!(matches!(
            parse(b"{\"schema_version\": 1} trailing").unwrap_err(),
            LoadError::Syntax(_)
        ));
    }

    #[test]
    fn rejects_raw_nul_bytes() {
        let err = parse(b"{\"schema_version\": 1, \"notes\": \"a\0b\"}").unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
    }

    #[test]
    fn rejects_deep_nesting_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(matches!(
            parse(deep.as_bytes()).unwrap_err(),
            LoadError::TooDeep(_)
        ));
        let deep_object = "{\"a\":".repeat(100_000) + "1" + &"}".repeat(100_000);
        assert!(matches!(
            parse(deep_object.as_bytes()).unwrap_err(),
            LoadError::TooDeep(_)
        ));
    }

    #[test]
    fn rejects_duplicate_keys_naming_the_key() {
        let err = parse(br#"{"schema_version": 1, "skill": {"id": "a", "id": "b"}}"#).unwrap_err();
        assert!(
            matches!(&err, LoadError::DuplicateKey(m) if m.contains("'id'")),
            "{err}"
        );
    }

    #[test]
    fn rejects_a_top_level_array() {
        assert_eq!(
            parse(b"[1]").unwrap_err(),
            LoadError::NotAnObject("an array")
        );
    }

    #[test]
    fn newer_schema_version_is_a_clear_error_that_forbids_rewriting() {
        let err = parse(br#"{"schema_version": 2, "skill": 5}"#).unwrap_err();
        assert_eq!(err, LoadError::NewerSchema(2));
        assert!(err.forbids_rewrite());
        assert!(err.to_string().contains("newer"));
    }

    #[test]
    fn missing_schema_version_is_named() {
        let err = parse(br#"{"skill": {}}"#).unwrap_err();
        assert!(err.to_string().starts_with("schema_version:"), "{err}");
    }

    #[test]
    fn wrong_types_name_the_field_path() {
        let err =
            parse(br#"{"schema_version": 1, "failure": {"regions": ["NA", "XX"]}}"#).unwrap_err();
        assert!(
            matches!(&err, LoadError::Shape { path, .. } if path == "failure.regions[1]"),
            "{err}"
        );
        let err = parse(br#"{"schema_version": 1, "account_linking": {"default_token_expiration_seconds": "1h"}}"#)
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("account_linking.default_token_expiration_seconds:"),
            "{err}"
        );
        let err = parse(br#"{"schema_version": 1, "skill": []}"#).unwrap_err();
        assert!(err.to_string().starts_with("skill:"), "{err}");
    }

    #[test]
    fn control_characters_are_stripped_on_load_and_reported() {
        let text = r#"{"schema_version": 1, "skill": {"name": "Acme\u001b[31m\u202e"}, "x\u0007": "\u0000"}"#;
        let loaded = parse(text.as_bytes()).unwrap();
        assert_eq!(loaded.case.skill.name, "Acme[31m");
        assert!(
            loaded.sanitized.contains(&"skill.name".to_owned()),
            "{:?}",
            loaded.sanitized
        );
        assert!(loaded.case.extra.contains_key("x"));
    }

    #[test]
    fn a_60_mib_description_loads() {
        let big = "x".repeat(60 * 1024 * 1024);
        let text = format!(r#"{{"schema_version": 1, "failure": {{"description": "{big}"}}}}"#);
        let case = parse(text.as_bytes()).unwrap().case;
        assert_eq!(case.failure.description.len(), big.len());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn arbitrary_json_never_panics_and_errors_name_a_field(value in arb_json()) {
            let text = value.to_string();
            if let Err(LoadError::Shape { path, .. }) = parse(text.as_bytes()) {
                prop_assert!(!path.is_empty() || text.starts_with('{'), "shape error without a path: {}", text);
            }
        }

        #[test]
        fn unknown_numbers_keep_every_digit(number in "-?[1-9][0-9]{0,40}(\\.[0-9]{1,20})?") {
            let text = format!(r#"{{"schema_version": 1, "x_n": {number}}}"#);
            let saved = to_json(&parse(text.as_bytes()).unwrap().case, true);
            prop_assert!(saved.contains(&format!("\"x_n\": {number}\n")), "{}", saved);
        }

        #[test]
        fn save_load_save_is_byte_identical(case in arb_case()) {
            let first = to_json(&case, true);
            let loaded = parse(first.as_bytes()).unwrap().case;
            prop_assert_eq!(to_json(&loaded, true), first);
        }
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
            Just(Value::from(1)),
            prop::sample::select(vec!["NA", "ios", "AUTH_CODE", "done", "earlier"])
                .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let keys = prop::sample::select(vec![
                "schema_version",
                "skill",
                "id",
                "failure",
                "regions",
                "account_linking",
                "type",
                "test_account",
                "password",
                "steps_tried",
                "auth_server_logs",
                "notes",
                "other",
            ]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(keys, inner, 0..5).prop_map(|m| Value::Object(
                    m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    fn arb_case() -> impl Strategy<Value = Case> {
        (
            any::<String>(),
            any::<String>(),
            any::<Option<i64>>(),
            prop::collection::vec(any::<String>(), 0..4),
            any::<String>(),
        )
            .prop_map(|(id, description, expiry, domains, extra)| {
                let mut case = Case::default();
                case.skill.id = sanitize::sanitize(&id).into_owned();
                case.failure.description = sanitize::sanitize(&description).into_owned();
                case.failure.local_time = "2026-11-01 01:30".to_owned();
                case.failure.time_zone = "America/New_York".to_owned();
                case.failure.disambiguation = Some(super::super::model::Disambiguation::Later);
                case.account_linking.default_token_expiration_seconds = expiry;
                case.account_linking.domains = domains
                    .iter()
                    .map(|d| sanitize::sanitize(d).into_owned())
                    .collect();
                case.extra.insert(
                    "x_extra".to_owned(),
                    Value::String(sanitize::sanitize(&extra).into_owned()),
                );
                case
            })
    }
}
