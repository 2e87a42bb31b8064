//! The JSON Schema of a case file (`assets/case.schema.json`, generated from the field table
//! and pinned in `case::schema`): every fixture conforms to it, it names exactly the keys of
//! the serde model, and each kind of wrong value is caught. The check is a small reader of
//! the few keywords the generated schema uses (`type`, `enum`, `const`, `properties`,
//! `items`, `required`); unknown keys are allowed, as linkcase keeps them.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use linkcase::case::Case;
use linkcase::case::schema::schema;
use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("fixtures/example.json");
/// Whole case files that must conform; the CLI tests use them too.
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

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    }
}

/// Every place where `value` does not conform to `schema`, as JSON pointers.
fn violations(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    match &schema["type"] {
        Value::String(name) if !type_matches(name, value) => out.push(format!("{at}: type")),
        Value::Array(names)
            if !names
                .iter()
                .any(|n| n.as_str().is_some_and(|n| type_matches(n, value))) =>
        {
            out.push(format!("{at}: type"));
        }
        _ => {}
    }
    if let Some(choices) = schema["enum"].as_array()
        && !choices.contains(value)
    {
        out.push(format!("{at}: enum"));
    }
    if let Some(constant) = schema.get("const")
        && constant != value
    {
        out.push(format!("{at}: const"));
    }
    if let (Some(properties), Some(object)) = (schema["properties"].as_object(), value.as_object())
    {
        for key in schema["required"].as_array().into_iter().flatten() {
            if let Some(key) = key.as_str()
                && !object.contains_key(key)
            {
                out.push(format!("{at}/{key}: required"));
            }
        }
        for (key, child) in object {
            if let Some(child_schema) = properties.get(key) {
                violations(child_schema, child, &format!("{at}/{key}"), out);
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            violations(items, item, &format!("{at}/{i}"), out);
        }
    }
}

fn errors(case: &Value) -> Vec<String> {
    let mut out = Vec::new();
    violations(&schema(), case, "", &mut out);
    out
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).expect("example.json is JSON")
}

#[test]
fn every_valid_fixture_conforms_to_the_schema() {
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

#[test]
fn each_kind_of_wrong_value_is_caught_where_it_is() {
    let wrong = [
        ("/skill/stage", json!("beta"), "/skill/stage: enum"),
        (
            "/failure/regions",
            json!(["NA", "ASIA"]),
            "/failure/regions/1: enum",
        ),
        (
            "/failure/description",
            json!(42),
            "/failure/description: type",
        ),
        (
            "/test_account/not_amazon_credentials",
            json!("yes"),
            "/test_account/not_amazon_credentials: type",
        ),
        (
            "/account_linking/default_token_expiration_seconds",
            json!("1h"),
            "/account_linking/default_token_expiration_seconds: type",
        ),
        (
            "/steps_tried/no_popups",
            json!("skipped"),
            "/steps_tried/no_popups: enum",
        ),
        ("/schema_version", json!(2), "/schema_version: const"),
    ];
    for (pointer, value, expected) in wrong {
        let mut case = example();
        *case.pointer_mut(pointer).expect(pointer) = value;
        assert_eq!(errors(&case), [expected.to_owned()], "{pointer}");
    }
    let mut case = example();
    case["skill"].as_object_mut().expect("skill").remove("id");
    assert_eq!(errors(&case), ["/skill/id: required"]);
}

#[test]
fn a_withheld_password_and_unknown_keys_conform() {
    let mut case = example();
    case["test_account"]["password"] = Value::Null;
    case["failure"]["x_ticket"] = json!({"id": 7});
    case["x_origin"] = json!("crm");
    assert_eq!(errors(&case), Vec::<String>::new());
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
