//! Filling case fields from imported values, and keeping the report of what went where.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ImportNote, Imported, Outcome, Source};
use crate::case::Case;
use crate::case::Finding;
use crate::case::sanitize::excerpt;

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

    /// Reports a value that does not go into the case.
    pub(super) fn ignore(&mut self, key: &str, why: impl Into<String>) {
        self.note(key, Outcome::Ignored(why.into()));
    }

    /// Reports a secret that is deliberately left out.
    pub(super) fn withhold(&mut self, key: &str) {
        self.note(key, Outcome::Withheld);
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
        target: &'static str,
        value: T,
        slot: fn(&mut Case) -> &mut Option<T>,
    ) {
        let current = slot(&mut self.case);
        match current {
            Some(existing) if *existing != value => self.ignore(
                key,
                format!("{target} already has a different value from an earlier file"),
            ),
            _ => {
                *current = Some(value);
                self.note(key, Outcome::Filled(target));
            }
        }
    }

    /// Fills a text field from a JSON string.
    pub(super) fn text(
        &mut self,
        key: &str,
        target: &'static str,
        value: &Value,
        slot: fn(&mut Case) -> &mut String,
    ) {
        let Some(text) = value.as_str().map(str::trim) else {
            return self.ignore(key, format!("expected text, got {}", kind(value)));
        };
        if text.is_empty() {
            return self.ignore(key, "empty");
        }
        let current = slot(&mut self.case);
        if current.trim().is_empty() || current.trim() == text {
            text.clone_into(current);
            self.note(key, Outcome::Filled(target));
        } else {
            let why = format!(
                "{target} is already {} from an earlier file",
                excerpt(current)
            );
            self.ignore(key, why);
        }
    }

    /// Fills a list field from a JSON array of strings.
    pub(super) fn list(
        &mut self,
        key: &str,
        target: &'static str,
        value: &Value,
        slot: fn(&mut Case) -> &mut Vec<String>,
    ) {
        let Some(items) = value.as_array() else {
            return self.ignore(key, format!("expected a list of text, got {}", kind(value)));
        };
        let texts: Vec<String> = items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if texts.len() != items.len() {
            self.ignore(key, "entries that are not text, or empty, were left out");
        }
        let current = slot(&mut self.case);
        if current.is_empty() || *current == texts {
            *current = texts;
            self.note(key, Outcome::Filled(target));
        } else {
            self.ignore(
                key,
                format!("{target} already has different entries from an earlier file"),
            );
        }
    }

    /// The case, with steps that cannot apply marked `not_applicable` where unanswered.
    pub(super) fn finish(mut self) -> Imported {
        self.file = PathBuf::new();
        for step in crate::lint::apply_default_steps(&mut self.case) {
            self.note("", Outcome::NotApplicable(step));
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
