//! Filling case fields from imported values, and keeping the report of what went where.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ImportNote, Imported, Outcome, Source};
use crate::case::sanitize::excerpt;
use crate::case::value::{self, options};
use crate::case::{Case, Field, FieldId, FieldKind, Finding};

/// Accumulates one case from several files.
pub(super) struct Filler {
    case: Case,
    report: Vec<ImportNote>,
    lints: Vec<Finding>,
    file: PathBuf,
}

impl Filler {
    pub(super) fn new() -> Self {
        Self {
            case: Case::default(),
            report: Vec::new(),
            lints: Vec::new(),
            file: PathBuf::new(),
        }
    }

    /// Takes a loaded case file as the starting point.
    pub(super) fn start_from(&mut self, path: &Path, case: Case) {
        self.case = case;
        self.set_file(path, Source::CaseFile);
    }

    /// Values noted from now on come from `path`.
    pub(super) fn set_file(&mut self, path: &Path, source: Source) {
        path.clone_into(&mut self.file);
        self.note("", Outcome::Read(source));
    }

    fn note(&mut self, key: &str, outcome: Outcome) {
        self.report.push(ImportNote {
            file: self.file.clone(),
            key: key.to_owned(),
            outcome,
        });
    }

    /// The case being filled, for values read straight into fields (a text export).
    pub(super) const fn case_mut(&mut self) -> &mut Case {
        &mut self.case
    }

    /// Reports that the value at `key` filled `id`.
    pub(super) fn filled(&mut self, key: &str, id: FieldId) {
        self.note(key, Outcome::Filled(id));
    }

    /// Reports a value that does not go into the case.
    pub(super) fn ignore(&mut self, key: &str, why: impl Into<String>) {
        self.note(key, Outcome::Ignored(why.into()));
    }

    /// Reports a secret that is deliberately left out.
    pub(super) fn withhold(&mut self, key: &str) {
        self.note(key, Outcome::Withheld(None));
    }

    /// Reports a secret other than the client secret (`what`) that is deliberately left out.
    pub(super) fn withhold_other(&mut self, key: &str, what: &'static str) {
        self.note(key, Outcome::Withheld(Some(what)));
    }

    /// An error about the current file: the request cannot be met as given.
    pub(super) fn usage(&self, why: String) -> super::ImportError {
        super::ImportError::Usage {
            path: self.file.clone(),
            why,
        }
    }

    /// Adds a finding only the raw file shows.
    pub(super) fn lint(&mut self, lint: Finding) {
        self.lints.push(lint);
    }

    /// Fills an optional field, unless it already holds something else.
    pub(super) fn set<T: PartialEq>(
        &mut self,
        key: &str,
        target: FieldId,
        value: T,
        slot: fn(&mut Case) -> &mut Option<T>,
    ) {
        let current = slot(&mut self.case);
        match current {
            Some(existing) if *existing != value => self.ignore(
                key,
                format!(
                    "{} already has a different value from an earlier file",
                    target.path()
                ),
            ),
            _ => {
                *current = Some(value);
                self.note(key, Outcome::Filled(target));
            }
        }
    }

    /// Fills `field` from a JSON value, by the field's kind: text from a string, a list from
    /// an array of strings, a choice from its id, a number from a whole number. A value that
    /// disagrees with an earlier file's is left out, and the report says so. Returns whether
    /// it filled the field.
    pub(super) fn fill(&mut self, key: &str, field: &Field, value: &Value) -> bool {
        match field.kind {
            FieldKind::Text | FieldKind::Url | FieldKind::LongText => self.text(key, field, value),
            FieldKind::List => self.list(key, field, value),
            FieldKind::Choice(_) => self.choice(key, field, value),
            FieldKind::Number => self.number(key, field, value),
            FieldKind::Secret
            | FieldKind::Multi(_)
            | FieldKind::YesNo
            | FieldKind::Confirm
            | FieldKind::LocalTime
            | FieldKind::Zone
            | FieldKind::Derived => {
                self.ignore(key, format!("{} is not filled from files", field.path));
                false
            }
        }
    }

    /// Stores `text` in a text field unless it holds other text; says which.
    fn put_text(&mut self, key: &str, field: &Field, text: &str) -> bool {
        let current = value::text(&self.case, field.id).unwrap_or_default();
        if current.trim().is_empty() || current.trim() == text {
            value::set_text(&mut self.case, field.id, text);
            self.note(key, Outcome::Filled(field.id));
            true
        } else {
            let why = format!(
                "{} is already {} from an earlier file",
                field.path,
                excerpt(&current)
            );
            self.ignore(key, why);
            false
        }
    }

    fn text(&mut self, key: &str, field: &Field, value: &Value) -> bool {
        let Some(text) = value.as_str().map(str::trim) else {
            self.ignore(key, format!("expected text, got {}", kind(value)));
            return false;
        };
        if text.is_empty() {
            self.ignore(key, "empty");
            return false;
        }
        self.put_text(key, field, text)
    }

    fn number(&mut self, key: &str, field: &Field, value: &Value) -> bool {
        let number = value
            .as_i64()
            .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()));
        let Some(number) = number else {
            self.ignore(key, format!("expected a whole number, got {}", kind(value)));
            return false;
        };
        self.put_text(key, field, &number.to_string())
    }

    fn choice(&mut self, key: &str, field: &Field, value: &Value) -> bool {
        let choices = options(field.kind);
        let raw = value.as_str().map(str::trim);
        let Some(index) = raw.and_then(|raw| choices.iter().position(|o| o.id == raw)) else {
            let ids: Vec<&str> = choices.iter().map(|o| o.id).collect();
            self.ignore(key, format!("expected {}", ids.join(" or ")));
            return false;
        };
        if value::is_chosen(&self.case, field.id, index) {
            self.note(key, Outcome::Filled(field.id));
            return true;
        }
        if value::is_filled(&self.case, field.id) {
            self.ignore(
                key,
                format!(
                    "{} already has a different value from an earlier file",
                    field.path
                ),
            );
            return false;
        }
        value::toggle(&mut self.case, field.id, index);
        self.note(key, Outcome::Filled(field.id));
        true
    }

    fn list(&mut self, key: &str, field: &Field, value: &Value) -> bool {
        let Some(items) = value.as_array() else {
            self.ignore(key, format!("expected a list of text, got {}", kind(value)));
            return false;
        };
        let texts: Vec<String> = items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| crate::case::sanitize::sanitize(s.trim()).into_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if texts.len() != items.len() {
            self.ignore(key, "entries that are not text, or empty, were left out");
        }
        let Some(current) = value::list_mut(&mut self.case, field.id) else {
            return false;
        };
        if current.is_empty() || *current == texts {
            *current = texts;
            self.note(key, Outcome::Filled(field.id));
            true
        } else {
            self.ignore(
                key,
                format!(
                    "{} already has different entries from an earlier file",
                    field.path
                ),
            );
            false
        }
    }

    /// The case, with `not_applicable` answers the configuration contradicts withdrawn, and
    /// steps that cannot apply marked `not_applicable` where unanswered.
    pub(super) fn finish(mut self) -> Imported {
        self.file = PathBuf::new();
        for outcome in super::settle_steps(&mut self.case) {
            self.note("", outcome);
        }
        Imported {
            case: self.case,
            report: self.report,
            lints: self.lints,
        }
    }
}

/// What kind of JSON value this is, for messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
