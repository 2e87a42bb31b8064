//! The JSON Schema (draft 2020-12) of a case file, generated from the field table: every
//! field's path, type, choices, help and required-ness come from its row, so the schema
//! cannot drift from the form, the rules and the exports. `assets/case.schema.json` is this
//! output, pinned by a snapshot test.

use serde_json::{Map, Value, json};

use super::checklist::{FIELDS, FieldKind, Required, Section};
use super::model::SCHEMA_VERSION;
use super::value::options;

/// What the schema says of the file as a whole.
const DESCRIPTION: &str = "An Alexa skill account-linking support case as written by \
    linkcase (export --format json, saved drafts). Generated from linkcase's field table: the \
    shape of every field, its choices, and which fields a complete case always has. \
    `linkcase validate` is authoritative: it also checks the rules a schema cannot (ID \
    shapes, the time zone, DST gaps and folds, fields required only in some configurations, \
    a failure time in the future). Unknown keys are allowed at every level: linkcase keeps \
    and ignores them.";

/// The schema of a value of this kind.
fn kind_schema(kind: FieldKind) -> Value {
    let ids = |kind| -> Vec<Value> { options(kind).iter().map(|o| json!(o.id)).collect() };
    match kind {
        FieldKind::Text
        | FieldKind::LongText
        | FieldKind::Url
        | FieldKind::LocalTime
        | FieldKind::Zone => json!({"type": "string"}),
        FieldKind::Secret | FieldKind::Derived => json!({"type": ["string", "null"]}),
        FieldKind::Number => json!({"type": ["integer", "null"]}),
        FieldKind::Choice(_) => {
            let mut choices = ids(kind);
            choices.push(Value::Null);
            json!({"enum": choices})
        }
        FieldKind::Multi(_) => json!({"type": "array", "items": {"enum": ids(kind)}}),
        FieldKind::YesNo => json!({"type": ["boolean", "null"]}),
        FieldKind::Confirm => json!({"type": "boolean"}),
        FieldKind::List => json!({"type": "array", "items": {"type": "string"}}),
    }
}

/// The object schema at `path` under `root`, created as an empty object schema when missing.
fn object_at<'a>(root: &'a mut Value, path: &[&str]) -> Option<&'a mut Map<String, Value>> {
    let mut here = root;
    for key in path {
        here = here
            .as_object_mut()?
            .entry("properties")
            .or_insert_with(|| json!({}))
            .as_object_mut()?
            .entry((*key).to_owned())
            .or_insert_with(|| json!({"type": "object"}));
    }
    here.as_object_mut()
}

/// The case file's JSON Schema.
#[must_use]
pub fn schema() -> Value {
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert(
        "$id".into(),
        json!(format!(
            "https://linkcase.invalid/schema/case-{SCHEMA_VERSION}.json"
        )),
    );
    root.insert(
        "title".into(),
        json!(format!(
            "linkcase case file, schema_version {SCHEMA_VERSION}"
        )),
    );
    root.insert("description".into(), json!(DESCRIPTION));
    root.insert("type".into(), json!("object"));
    root.insert("required".into(), json!(["schema_version"]));
    root.insert(
        "properties".into(),
        json!({"schema_version": {
            "description": "Version of this file format; linkcase refuses newer files rather than rewrite them.",
            "const": SCHEMA_VERSION
        }}),
    );
    let mut root = Value::Object(root);
    for field in FIELDS {
        let parts: Vec<&str> = field.path.split('.').collect();
        let Some((key, parents)) = parts.split_last() else {
            continue;
        };
        let Some(parent) = object_at(&mut root, parents) else {
            continue;
        };
        if !parents.is_empty() && !parent.contains_key("description") {
            let section = match parents[0] {
                "skill" => Section::Skill,
                "test_account" => Section::TestAccount,
                "failure" => Section::Failure,
                "steps_tried" => Section::StepsTried,
                _ => Section::Configuration,
            };
            parent.insert("description".into(), json!(section.title()));
        }
        let mut property = kind_schema(field.kind);
        if let Some(object) = property.as_object_mut() {
            object.insert(
                "description".into(),
                json!(format!("{}. {}", field.label, field.help)),
            );
        }
        let properties = parent.entry("properties").or_insert_with(|| json!({}));
        if let Some(properties) = properties.as_object_mut() {
            properties.insert((*key).to_owned(), property);
        }
        if field.required == Required::Yes {
            let required = parent.entry("required").or_insert_with(|| json!([]));
            if let Some(list) = required.as_array_mut() {
                list.push(json!(key));
            }
        }
    }
    root
}

/// The schema as `assets/case.schema.json` holds it: pretty-printed, ending in a newline.
#[must_use]
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_schema_is_pinned() {
        insta::assert_snapshot!(schema_text());
    }

    #[test]
    fn the_asset_is_the_generated_schema() {
        assert_eq!(
            include_str!("../../assets/case.schema.json"),
            schema_text(),
            "assets/case.schema.json is stale: write `schema_text()` to it"
        );
    }

    #[test]
    fn every_field_has_a_property_at_its_path() {
        let schema = schema();
        for field in FIELDS {
            let pointer = format!("/properties/{}", field.path.replace('.', "/properties/"));
            assert!(schema.pointer(&pointer).is_some(), "{}", field.path);
        }
        let stage = schema
            .pointer("/properties/skill/properties/stage/enum")
            .unwrap();
        assert_eq!(
            stage,
            &json!(["development", "certification", "live", null])
        );
    }
}
