//! Merging an imported case into a case being edited: every field the files filled
//! replaces the case's value (a case file fills every field it has); every other field keeps
//! what the case holds. The caller then marks the steps that cannot apply.

use serde_json::Value;

use super::{ImportNote, Outcome, Source};
use crate::case::value::is_filled;
use crate::case::{Case, FIELDS, FieldId};

/// Merges an imported case into `base`: the fields the import filled (all filled fields of
/// a case file) replace `base`'s values. Returns the fields replaced.
pub fn merge_imported(
    base: &mut Case,
    imported: &Case,
    report: &[ImportNote],
) -> Result<Vec<FieldId>, String> {
    let from_case_file = report
        .iter()
        .any(|n| n.outcome == Outcome::Read(Source::CaseFile));
    let candidates: Vec<FieldId> = if from_case_file {
        FIELDS
            .iter()
            .map(|f| f.id)
            .filter(|id| *id != FieldId::Utc && is_filled(imported, *id))
            .collect()
    } else {
        report
            .iter()
            .filter_map(|n| match n.outcome {
                Outcome::Filled(id) => Some(id),
                _ => None,
            })
            .collect()
    };
    let mut fields = Vec::new();
    for id in candidates {
        if !fields.contains(&id) {
            fields.push(id);
        }
    }
    if fields.is_empty() {
        return Ok(fields);
    }
    let mut target = serde_json::to_value(&*base).map_err(|e| e.to_string())?;
    let source = serde_json::to_value(imported).map_err(|e| e.to_string())?;
    for id in &fields {
        let pointer = format!("/{}", id.field().path.replace('.', "/"));
        if let (Some(value), Some(slot)) = (source.pointer(&pointer), target.pointer_mut(&pointer))
        {
            slot.clone_from(value);
        } else if let (Some(value), Some((parent, key))) =
            (source.pointer(&pointer), pointer.rsplit_once('/'))
            && let Some(Value::Object(map)) = target.pointer_mut(parent)
        {
            map.insert(key.to_owned(), value.clone());
        }
    }
    *base = serde_json::from_value(target).map_err(|e| e.to_string())?;
    Ok(fields)
}
