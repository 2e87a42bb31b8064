//! Importing an account-linking configuration into a case, from the files developers already
//! have: SMAPI account-linking JSON (`ask smapi get-account-linking-info` or the request body),
//! `skill-package/accountLinking.json`, `skill-package/skill.json` (or the older
//! `{"skillManifest": …}`), ASK CLI v2 `ask-resources.json` (recognised, nothing to take), ASK CLI v2
//! `.ask/ask-states.json`, ASK CLI v1 `.ask/config`, or an existing case file.
//!
//! Files are recognised by content, never by name. Each value that fills a field, and each
//! that does not, is reported as an [`ImportNote`]. A `clientSecret` is never taken into the
//! case. All text is sanitized (DESIGN §1) before it is looked at.

mod ask;
mod fill;
mod merge;
mod smapi;
mod text;

pub use merge::merge_imported;

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::case::Finding;
use crate::case::sanitize::sanitize_json;
use crate::case::{Case, FieldId, LoadError, Step, load};

/// What kind of file an import read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A linkcase case file.
    CaseFile,
    /// SMAPI account-linking JSON, wrapped (`accountLinkingRequest` / `…Response`) or bare;
    /// also the shape of `skill-package/accountLinking.json`.
    Smapi,
    /// A skill manifest, `skill-package/skill.json`.
    SkillManifest,
    /// ASK CLI v2 `.ask/ask-states.json`.
    AskStatesV2,
    /// ASK CLI v2 `ask-resources.json`: where the skill's files are, no skill id.
    AskResourcesV2,
    /// The ASK CLI's own `~/.ask/cli_config`: per profile the vendor id (and tokens, never
    /// imported).
    AskCliConfig,
    /// ASK CLI v1 `.ask/config`.
    AskConfigV1,
    /// linkcase's own text export (pasted into a ticket, sent back as text).
    TextExport,
    /// linkcase's own Markdown export.
    MarkdownExport,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CaseFile => "case file",
            Self::Smapi => "SMAPI account-linking JSON",
            Self::SkillManifest => "skill manifest",
            Self::AskStatesV2 => "ASK CLI v2 states (.ask/ask-states.json)",
            Self::AskResourcesV2 => "ASK CLI v2 resources (ask-resources.json)",
            Self::AskCliConfig => "ASK CLI config (~/.ask/cli_config)",
            Self::AskConfigV1 => "ASK CLI v1 config (.ask/config)",
            Self::TextExport => "a linkcase text export",
            Self::MarkdownExport => "a linkcase Markdown export",
        })
    }
}

/// What became of one value of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file was read as this kind of file.
    Read(Source),
    /// It filled this field of the case.
    Filled(FieldId),
    /// It was left out, for the reason given.
    Ignored(String),
    /// A secret, deliberately not taken into the case: the client secret, or (with this
    /// name) another kind, e.g. the ASK CLI's login tokens.
    Withheld(Option<&'static str>),
    /// Not from a file: a step that cannot apply to the configuration was marked
    /// `not_applicable` (see [`crate::lint::default_steps`]).
    NotApplicable(Step),
    /// Not from a file: a step answered `not_applicable` that the imported configuration
    /// makes applicable again was left unanswered (see
    /// [`crate::lint::reopen_contradicted_steps`]).
    Reopened(Step),
}

/// One line of the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    /// The file the value came from.
    pub file: PathBuf,
    /// Where in that file, e.g. `accountLinkingRequest.clientId`; empty for the whole file.
    pub key: String,
    /// What became of it.
    pub outcome: Outcome,
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        let key = if self.key.is_empty() { "" } else { &self.key };
        match &self.outcome {
            Outcome::Read(Source::CaseFile) => {
                write!(f, "{file}: read as a case file (the starting point)")
            }
            Outcome::Read(source) => write!(f, "{file}: read as {source}"),
            Outcome::Filled(id) => write!(f, "{file}: {key} -> {}", id.path()),
            Outcome::Ignored(why) if key.is_empty() => write!(f, "{file}: {why}"),
            Outcome::Ignored(why) => write!(f, "{file}: {key}: ignored ({why})"),
            Outcome::NotApplicable(step) => write!(
                f,
                "steps_tried.{}: set to not_applicable, as it cannot apply to this configuration",
                step.id()
            ),
            Outcome::Reopened(step) => write!(
                f,
                "steps_tried.{}: not_applicable withdrawn, as the imported configuration makes \
                 it apply (answer it again)",
                step.id()
            ),
            Outcome::Withheld(None) => write!(
                f,
                "{file}: {key}: not imported: linkcase never stores the client secret"
            ),
            Outcome::Withheld(Some(what)) => write!(
                f,
                "{file}: {key}: not imported: linkcase never stores {what}"
            ),
        }
    }
}

/// A case assembled from files, with what was taken from where.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The case: the fields the files filled, the rest empty (or from a case file).
    pub case: Case,
    /// What each file contributed and what was left out, in file order.
    pub report: Vec<ImportNote>,
    /// Pitfalls only visible in the raw files (e.g. a token scheme the case cannot hold).
    pub lints: Vec<Finding>,
}

/// Why files could not be imported. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not JSON (or not UTF-8, or empty).
    #[error("{}: cannot import: {why}", path.display())]
    Broken {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// JSON, but none of the shapes linkcase imports.
    #[error(
        "{}: cannot import: not a case file, SMAPI account-linking JSON, skill manifest or ASK CLI file ({why})",
        path.display()
    )]
    Unrecognised {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        why: String,
    },
    /// A case file that does not load.
    #[error("{}: {source}", path.display())]
    Case {
        /// The file.
        path: PathBuf,
        /// Why.
        source: LoadError,
    },
    /// The file is fine but the request cannot be met (several profiles, two case files…).
    #[error("{}: {why}", path.display())]
    Usage {
        /// The file.
        path: PathBuf,
        /// What to do.
        why: String,
    },
}

impl ImportError {
    /// `2` for unreadable input and bad usage, `1` for JSON that is not importable
    /// (as for case files: DESIGN §5).
    #[must_use]
    pub const fn exit_code(&self) -> u8 {
        match self {
            Self::Io { .. } | Self::Broken { .. } | Self::Usage { .. } => 2,
            Self::Unrecognised { .. } => 1,
            Self::Case { source, .. } => source.exit_code(),
        }
    }
}

/// After an import: withdraws the `not_applicable` answers the configuration now
/// contradicts, then marks the unanswered steps that cannot apply. What it did, as the
/// report's [`Outcome::Reopened`] and [`Outcome::NotApplicable`] lines.
pub fn settle_steps(case: &mut Case) -> Vec<Outcome> {
    let reopened = crate::lint::reopen_contradicted_steps(case);
    let marked = crate::lint::apply_default_steps(case);
    reopened
        .into_iter()
        .map(Outcome::Reopened)
        .chain(marked.into_iter().map(Outcome::NotApplicable))
        .collect()
}

/// Recognises what a JSON document is, by its keys.
#[must_use]
pub fn recognise(value: &Value) -> Option<Source> {
    let object = value.as_object()?;
    let has_object = |key: &str| object.get(key).is_some_and(Value::is_object);
    if object.contains_key("schema_version") {
        Some(Source::CaseFile)
    } else if has_object("accountLinkingRequest") || has_object("accountLinkingResponse") {
        Some(Source::Smapi)
    } else if has_object("manifest") || has_object("skillManifest") {
        Some(Source::SkillManifest)
    } else if object.contains_key("askcliResourcesVersion") {
        Some(Source::AskResourcesV2)
    } else if ask::is_cli_config(object) {
        Some(Source::AskCliConfig)
    } else if has_object("profiles") || object.contains_key("askcliStatesVersion") {
        Some(Source::AskStatesV2)
    } else if has_object("deploy_settings") {
        Some(Source::AskConfigV1)
    } else if smapi::looks_bare(object) {
        Some(Source::Smapi)
    } else {
        None
    }
}

/// Imports `paths` into one case. A case file, if any, is the starting point (at most one);
/// the other files fill what is still empty, in the order given; a value that disagrees with
/// one already filled is reported and left out. `profile` picks the ASK CLI profile when a
/// states or config file has several.
pub fn import_files(paths: &[PathBuf], profile: Option<&str>) -> Result<Imported, ImportError> {
    let mut documents = Vec::new();
    for path in paths {
        let bytes = crate::files::read_input(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        documents.push((path.as_path(), read(path, &bytes)?));
    }
    // The case file goes first, whatever the order on the command line.
    documents.sort_by_key(|(_, doc)| !matches!(doc, Document::Case(_)));
    let mut filler = fill::Filler::new();
    for (i, (path, document)) in documents.into_iter().enumerate() {
        match document {
            Document::Case(case) if i == 0 => filler.start_from(path, *case),
            Document::Case(_) => {
                return Err(ImportError::Usage {
                    path: path.to_owned(),
                    why: "a second case file: import from one case file at most".to_owned(),
                });
            }
            Document::Json(source, value) => {
                filler.set_file(path, source);
                match source {
                    Source::Smapi => smapi::import(&value, &mut filler),
                    Source::SkillManifest => ask::import_manifest(&value, &mut filler),
                    Source::AskStatesV2 => ask::import_states(&value, profile, &mut filler)?,
                    Source::AskConfigV1 => ask::import_config(&value, profile, &mut filler)?,
                    Source::AskCliConfig => ask::import_cli_config(&value, profile, &mut filler)?,
                    Source::AskResourcesV2 => filler.ignore(
                        "",
                        "where the skill's files are; the skill id is in .ask/ask-states.json",
                    ),
                    Source::CaseFile | Source::TextExport | Source::MarkdownExport => {}
                }
            }
            Document::Export(source, text) => {
                filler.set_file(path, source);
                text::import(&text, source, &mut filler);
            }
        }
    }
    Ok(filler.finish())
}

/// A file read and recognised.
enum Document {
    Case(Box<Case>),
    Json(Source, Value),
    /// A text or Markdown export, sanitized.
    Export(Source, String),
}

fn read(path: &Path, bytes: &[u8]) -> Result<Document, ImportError> {
    let broken = |why: String| ImportError::Broken {
        path: path.to_owned(),
        why,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        broken(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(broken("the file is empty".to_owned()));
    }
    let mut value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let text = crate::case::sanitize::sanitize(text);
            return match text::recognise(&text) {
                Some(source) => Ok(Document::Export(source, text.into_owned())),
                None => Err(broken(format!(
                    "not JSON ({e}), nor a linkcase text or Markdown export"
                ))),
            };
        }
    };
    sanitize_json(&mut value);
    match recognise(&value) {
        Some(Source::CaseFile) => load::parse(bytes)
            .map(|loaded| Document::Case(Box::new(loaded.case)))
            .map_err(|source| ImportError::Case {
                path: path.to_owned(),
                source,
            }),
        Some(source) => Ok(Document::Json(source, value)),
        None => Err(ImportError::Unrecognised {
            path: path.to_owned(),
            why: describe(&value),
        }),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => "an empty object".to_owned(),
        Value::Object(map) => format!("an object with keys {}", key_list(map)),
        Value::Array(_) => "an array".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Number(_) => "a number".to_owned(),
        Value::Bool(_) => "a boolean".to_owned(),
        Value::Null => "null".to_owned(),
    }
}

/// Up to five keys of an object, for messages.
fn key_list(map: &Map<String, Value>) -> String {
    let mut keys: Vec<String> = map
        .keys()
        .take(5)
        .map(|k| crate::case::sanitize::excerpt(k))
        .collect();
    if map.len() > 5 {
        keys.push("…".to_owned());
    }
    keys.join(", ")
}

#[cfg(test)]
mod tests;
