//! The JSON Schema of a case file (`assets/case.schema.json`): it is valid draft 2020-12,
//! every fixture matches it, each broken variant of the example fails on the rule it breaks,
//! and it names exactly the keys and choice ids of the serde model, so the two cannot drift.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use jsonschema::Validator;
use linkcase::case::{
    Case, ChoiceOption, Disambiguation, GrantType, Platform, Region, SkillKind, Step, StepState,
    Symptom, TokenScheme,
};
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../assets/case.schema.json");
const EXAMPLE: &str = include_str!("fixtures/example.json");
/// Whole case files that must match; the CLI tests use them too.
const VALID_FIXTURES: &[&str] = &[
    "example.json",
    "implicit_minimal.json",
    "dst_fold_later.json",
];

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    fs::read_to_string(&path).expect("the fixture is readable")
}

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

fn validator() -> Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).expect("example.json is JSON")
}

/// Every error the schema reports for `case`, as `path: message` lines.
fn errors(case: &Value) -> Vec<String> {
    validator()
        .iter_errors(case)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The example with the value at `pointer` replaced (or added), or removed when `None`.
fn example_with(pointer: &str, value: Option<Value>) -> Value {
    let mut case = example();
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    let parent = case.pointer_mut(parent).expect("the parent exists");
    match (parent, value) {
        (Value::Object(map), Some(value)) => drop(map.insert(key.to_owned(), value)),
        (Value::Object(map), None) => drop(map.remove(key)),
        (Value::Array(items), Some(value)) => items[key.parse::<usize>().expect("index")] = value,
        (other, _) => panic!("cannot change {pointer} under {other}"),
    }
    case
}

fn hosts(count: usize) -> Value {
    (0..count).map(|i| format!("cdn{i}.example.com")).collect()
}

#[test]
fn schema_is_valid_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("not a valid 2020-12 schema: {error}");
    }
    validator();
}

#[test]
fn example_case_matches_schema() {
    assert_eq!(errors(&example()), Vec::<String>::new());
}

#[test]
fn every_valid_fixture_matches_schema() {
    for name in VALID_FIXTURES {
        let case: Value = serde_json::from_str(&fixture(name)).expect(name);
        assert_eq!(errors(&case), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn fixtures_are_exactly_what_the_model_writes() {
    for name in VALID_FIXTURES {
        let text = fixture(name);
        let case: Case = serde_json::from_str(&text).expect(name);
        let written = serde_json::to_string_pretty(&case).expect("serializes") + "\n";
        assert_eq!(written, text, "{name}");
    }
}

macro_rules! accepts {
    ($($name:ident: $pointer:literal => $value:expr;)+) => {$(
        #[test]
        fn $name() {
            assert_eq!(errors(&example_with($pointer, Some($value))), Vec::<String>::new());
        }
    )+};
}

accepts! {
    accepts_repeated_region_which_validate_only_warns_about: "/failure/regions" => json!(["EU", "EU"]);
    accepts_legacy_skill_id: "/skill/id" => json!("amzn1.echo-sdk-ams.app.0f1e2d3c-4b5a-4697-8899-aabbccddeeff");
    accepts_password_left_out_of_an_export: "/test_account/password" => Value::Null;
    accepts_unknown_key_in_a_section: "/failure/x_ticket" => json!({"id": 7});
    accepts_unknown_top_level_key: "/x_origin" => json!("crm");
    accepts_unknown_step: "/steps_tried/x_called_support" => json!("yes");
    accepts_token_expiration_of_exactly_360: "/account_linking/default_token_expiration_seconds" => json!(360);
    accepts_utc_with_an_offset: "/failure/utc" => json!("2026-11-21T14:03:00-05:00");
    accepts_app_version_of_unusual_shape: "/failure/app_version" => json!("596798");
    accepts_fifteen_domains: "/account_linking/domains" => hosts(15);
    accepts_authorization_url_with_port_and_query: "/account_linking/authorization_url" => json!("https://auth.example.com:8443/login?client=alexa");
}

/// Asserts the case fails, and only at `pointer` (or on its key's presence in the parent).
fn assert_rejected_at(case: &Value, pointer: &str) {
    let validator = validator();
    let errors: Vec<_> = validator.iter_errors(case).collect();
    assert!(!errors.is_empty(), "{pointer} matched the schema");
    for error in errors {
        let path = error.instance_path().to_string();
        let under = path == pointer || path.starts_with(&format!("{pointer}/"));
        let parent = error.kind().keyword() == "required" && pointer.starts_with(&path);
        assert!(under || parent, "{path}: {error}, not at {pointer}");
    }
}

/// One test per rule: the example with one value broken (or one key removed) must not match.
macro_rules! rejects {
    ($($name:ident: $pointer:literal => $value:expr;)+) => {$(
        #[test]
        fn $name() {
            assert_rejected_at(&example_with($pointer, $value), $pointer);
        }
    )+};
}

rejects! {
    rejects_schema_version_2: "/schema_version" => Some(json!(2));
    rejects_missing_schema_version: "/schema_version" => None;
    rejects_empty_skill_id: "/skill/id" => Some(json!(""));
    rejects_skill_id_with_uppercase_hex: "/skill/id" => Some(json!("amzn1.ask.skill.0F1E2D3C-4B5A-4697-8899-AABBCCDDEEFF"));
    rejects_unknown_skill_kind: "/skill/kind" => Some(json!("smarthome"));
    rejects_blank_username: "/test_account/username" => Some(json!("  "));
    rejects_empty_password: "/test_account/password" => Some(json!(""));
    rejects_missing_password: "/test_account/password" => None;
    rejects_unconfirmed_amazon_credentials: "/test_account/not_amazon_credentials" => Some(json!(false));
    rejects_blank_customer_id: "/failure/customer_id" => Some(json!(""));
    rejects_local_time_in_day_month_order: "/failure/local_time" => Some(json!("21/11/2026 14:03"));
    rejects_local_time_hour_24: "/failure/local_time" => Some(json!("2026-11-21 24:00"));
    rejects_time_zone_with_spaces: "/failure/time_zone" => Some(json!("Eastern Time"));
    rejects_compatible_as_stored_disambiguation: "/failure/disambiguation" => Some(json!("compatible"));
    rejects_utc_without_offset: "/failure/utc" => Some(json!("2026-11-21 19:03:00"));
    rejects_lowercase_region: "/failure/regions/0" => Some(json!("na"));
    rejects_asia_as_region: "/failure/regions/0" => Some(json!("ASIA"));
    rejects_no_region: "/failure/regions" => Some(json!([]));
    rejects_uppercase_platform: "/failure/platforms/0" => Some(json!("IOS"));
    rejects_ios_without_app_version: "/failure/app_version" => Some(json!(""));
    rejects_ios_with_app_version_key_missing: "/failure/app_version" => None;
    rejects_blank_scope: "/account_linking/scopes/0" => Some(json!(" "));
    rejects_unknown_symptom: "/failure/symptoms/0" => Some(json!("crash"));
    rejects_no_symptom: "/failure/symptoms" => Some(json!([]));
    rejects_blank_description: "/failure/description" => Some(json!("\n\t "));
    rejects_screenshot_over_http: "/failure/screenshot_url" => Some(json!("http://files.example.com/a.png"));
    rejects_lowercase_grant_type: "/account_linking/type" => Some(json!("auth_code"));
    rejects_missing_grant_type: "/account_linking/type" => Some(Value::Null);
    rejects_authorization_url_over_http: "/account_linking/authorization_url" => Some(json!("http://auth.example.com/authorize"));
    rejects_authorization_url_on_ip_address: "/account_linking/authorization_url" => Some(json!("https://192.168.1.10/authorize"));
    rejects_authorization_url_on_ipv6_address: "/account_linking/authorization_url" => Some(json!("https://[::1]/authorize"));
    rejects_authorization_url_on_localhost: "/account_linking/authorization_url" => Some(json!("https://localhost:8443/authorize"));
    rejects_authorization_url_on_local_network_name: "/account_linking/authorization_url" => Some(json!("https://sso.corp.internal/authorize"));
    rejects_authorization_url_with_fragment: "/account_linking/authorization_url" => Some(json!("https://auth.example.com/authorize#login"));
    rejects_authorization_url_over_2000_characters: "/account_linking/authorization_url" => Some(json!(format!("https://auth.example.com/{}", "a".repeat(1976))));
    rejects_sixteen_domains: "/account_linking/domains" => Some(hosts(16));
    rejects_duplicate_domain: "/account_linking/domains" => Some(json!(["cdn.example.com", "cdn.example.com"]));
    rejects_domain_with_scheme: "/account_linking/domains/0" => Some(json!("https://cdn.example.com"));
    rejects_domain_with_path: "/account_linking/domains/0" => Some(json!("cdn.example.com/assets"));
    rejects_domain_with_port: "/account_linking/domains/0" => Some(json!("cdn.example.com:443"));
    rejects_wildcard_domain: "/account_linking/domains/0" => Some(json!("*.example.com"));
    rejects_single_label_domain: "/account_linking/domains/0" => Some(json!("cdn"));
    rejects_ip_address_domain: "/account_linking/domains/0" => Some(json!("203.0.113.7"));
    rejects_access_token_url_over_http: "/account_linking/access_token_url" => Some(json!("http://auth.example.com/token"));
    rejects_unsupported_token_scheme: "/account_linking/access_token_scheme" => Some(json!("CLIENT_SECRET_JWT"));
    rejects_token_expiration_below_360: "/account_linking/default_token_expiration_seconds" => Some(json!(359));
    rejects_fractional_token_expiration: "/account_linking/default_token_expiration_seconds" => Some(json!(3600.5));
    rejects_sixteen_scopes: "/account_linking/scopes" => Some(hosts(16));
    rejects_unknown_step_state: "/steps_tried/no_popups" => Some(json!("skipped"));
    rejects_notes_that_are_not_text: "/notes" => Some(json!(42));
}

#[test]
fn serialized_default_case_is_only_incomplete() {
    let draft = serde_json::to_value(Case::default()).expect("serializes");
    let validator = validator();
    let errors: Vec<_> = validator.iter_errors(&draft).collect();
    assert!(!errors.is_empty(), "an empty draft is not a complete case");
    for error in errors {
        let empty = match error.instance().as_ref() {
            Value::Null | Value::Bool(false) => true,
            Value::String(s) => s.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        };
        assert!(
            empty || error.kind().keyword() == "required",
            "{}: {error}",
            error.instance_path()
        );
    }
}

/// Every key path under `node` ("failure.regions", …); `children` picks the object to descend.
fn key_paths(node: &Value, children: fn(&Value) -> &Value, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (key, child) in children(node).as_object().into_iter().flatten() {
        let path = format!("{prefix}{key}");
        out.extend(key_paths(child, children, &format!("{path}.")));
        out.insert(path);
    }
    out
}

#[test]
fn schema_properties_are_exactly_the_model_keys() {
    let case: Case = serde_json::from_str(EXAMPLE).expect("example.json loads");
    let model = serde_json::to_value(case).expect("serializes");
    let described = key_paths(&schema(), |s| &s["properties"], "");
    assert_eq!(described, key_paths(&model, |v| v, ""));
}

#[test]
fn schema_choices_are_exactly_the_model_ids() {
    let fields: [(&str, &[ChoiceOption]); 9] = [
        ("skill/kind", SkillKind::OPTIONS),
        ("failure/disambiguation", Disambiguation::OPTIONS),
        ("failure/regions/items", Region::OPTIONS),
        ("failure/platforms/items", Platform::OPTIONS),
        ("failure/symptoms/items", Symptom::OPTIONS),
        ("account_linking/type", GrantType::OPTIONS),
        ("account_linking/access_token_scheme", TokenScheme::OPTIONS),
        ("steps_tried/no_popups", StepState::OPTIONS),
        ("steps_tried", Step::OPTIONS),
    ];
    let schema = schema();
    for (field, options) in fields {
        let pointer: String = field
            .split('/')
            .map(|p| match p {
                "items" => "/items".to_owned(),
                _ => format!("/properties/{p}"),
            })
            .collect();
        let mut node = schema.pointer(&pointer).expect("the field is described");
        if let Some(reference) = node["$ref"].as_str() {
            node = schema.pointer(&reference[1..]).expect("$ref resolves");
        }
        // Nullable choices list `null` beside the ids; a section lists its keys instead.
        let described: BTreeSet<String> = match node.get("enum") {
            Some(values) => values
                .as_array()
                .expect("an array")
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            None => node["properties"]
                .as_object()
                .expect("a section")
                .keys()
                .cloned()
                .collect(),
        };
        let ids = options.iter().map(|o| o.id.to_owned()).collect();
        assert_eq!(described, ids, "{field}");
    }
}
