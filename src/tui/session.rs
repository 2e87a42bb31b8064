//! The I/O around the form's drafts: which case the form starts on (`linkcase`, `new`,
//! `open ID|FILE`), and performing the draft effects [`App::update`] asks for.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::action::{DraftOp, DraftSave, Outcome};
use super::app::{Status, Tone};
use crate::case::Case;
use crate::case::load::Loaded;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::import::merge_imported;
use crate::import::{Imported, import_files};
use crate::store::{Access, Store};
use crate::tui::app::import_report_lines;

/// Which case the form opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The most recent draft, or a new case when there is none.
    Resume,
    /// A new case (saved as a new draft once something is typed).
    New,
    /// A draft id, else a case file. A case file is copied into a new draft, which the
    /// form works on; the file itself is not changed.
    Open(PathBuf),
    /// A new case filled from SMAPI / ASK CLI / case files (`linkcase new --import`), saved
    /// as a new draft at once.
    Import {
        /// The files.
        files: Vec<PathBuf>,
        /// The ASK CLI profile, when a file has several.
        profile: Option<String>,
    },
}

/// The case the form starts on, its draft, and what to say about it.
#[derive(Debug)]
pub struct Begin {
    /// The case.
    pub loaded: Loaded,
    /// Its draft (`None`: a new case not saved yet).
    pub id: Option<String>,
    /// Whether it may be edited.
    pub access: Access,
    /// The first status message.
    pub notice: Option<Status>,
    /// What an import took from where, shown in a dialog at start (empty: none).
    pub report: Vec<String>,
}

#[allow(clippy::unnecessary_wraps)] // Notices are optional everywhere they go.
fn info(text: String) -> Option<Status> {
    Some(Status {
        text,
        tone: Tone::Info,
    })
}

#[allow(clippy::unnecessary_wraps)]
fn warning(text: String) -> Option<Status> {
    Some(Status {
        text,
        tone: Tone::Warning,
    })
}

/// What [`Start`] names, checked before the form starts (a file that cannot be read is an
/// error naming it, terminal or not).
#[derive(Debug)]
pub enum Target {
    /// The most recent draft, or a new case.
    Resume,
    /// A new case.
    New,
    /// A draft, by id.
    Draft(String),
    /// A case file, read.
    File(PathBuf, Box<Loaded>),
    /// Files imported.
    Imported(Box<Imported>),
}

/// Finds what `start` names; reads a case file, writes nothing.
pub fn resolve(store: &Store, start: Start) -> Result<Target> {
    Ok(match start {
        Start::Resume => Target::Resume,
        Start::New => Target::New,
        Start::Import { files, profile } => {
            Target::Imported(Box::new(import_files(&files, profile.as_deref())?))
        }
        Start::Open(target) => match target.to_str().filter(|id| store.exists(id)) {
            Some(id) => Target::Draft(id.to_owned()),
            None if target.exists() || target.components().count() > 1 => {
                let loaded = crate::files::read_case(&target)?;
                Target::File(target, Box::new(loaded))
            }
            None => {
                return Err(Error::Usage(format!(
                    "{}: no such draft or case file (linkcase drafts lists the drafts)",
                    target.display()
                )));
            }
        },
    })
}

/// Finds (or makes) the case the form opens on.
pub fn begin(store: &mut Store, config: &Config, target: Target) -> Result<Begin> {
    let fresh = |notice| Begin {
        loaded: Loaded {
            case: config.new_case(),
            sanitized: Vec::new(),
        },
        id: None,
        access: Access::ReadWrite,
        notice,
        report: Vec::new(),
    };
    match target {
        Target::New => Ok(fresh(None)),
        Target::Resume => {
            let listing = store.list()?;
            let moved = listing.moved.first().map(ToString::to_string);
            let Some(latest) = listing.drafts.first() else {
                return Ok(fresh(moved.and_then(warning)));
            };
            if let Access::OpenElsewhere(elsewhere) = latest.access {
                // Resuming it here would show it read-only at best; a new case it is.
                return Ok(fresh(warning(format!(
                    "Draft {} is {elsewhere}: new case",
                    latest.id
                ))));
            }
            match store.open_draft(&latest.id)? {
                Ok(opened) => Ok(Begin {
                    notice: moved.and_then(warning).or_else(|| {
                        info(format!("Resumed draft {} (Ctrl+O lists drafts)", opened.id))
                    }),
                    loaded: opened.loaded,
                    id: Some(opened.id),
                    access: opened.access,
                    report: Vec::new(),
                }),
                Err(moved) => Ok(fresh(warning(moved.to_string()))),
            }
        }
        Target::Draft(id) => open_draft(store, &id),
        Target::File(path, loaded) => open_file(store, &path, *loaded),
        Target::Imported(imported) => open_imported(store, config, &imported),
    }
}

fn open_draft(store: &mut Store, id: &str) -> Result<Begin> {
    match store.open_draft(id)? {
        Ok(opened) => Ok(Begin {
            notice: info(format!("Opened draft {}", opened.id)),
            loaded: opened.loaded,
            id: Some(opened.id),
            access: opened.access,
            report: Vec::new(),
        }),
        Err(moved) => Err(crate::store::StoreError::Broken(moved).into()),
    }
}

/// A new case from the config's defaults, the imported fields put in, saved as a new draft.
fn open_imported(store: &Store, config: &Config, imported: &Imported) -> Result<Begin> {
    let mut case = config.new_case();
    let fields = merge_imported(&mut case, &imported.case, &imported.report)
        .map_err(|why| Error::Usage(format!("cannot merge the imported files: {why}")))?;
    let steps = crate::import::settle_steps(&mut case);
    let id = store.save(None, &case, Utc::now())?;
    let report = import_report_lines(&imported.report, &steps, &imported.lints);
    Ok(Begin {
        notice: info(format!(
            "New draft {id}: {} imported (Ctrl+R reviews the checks)",
            super::ui::plural(fields.len(), "field")
        )),
        loaded: Loaded {
            case,
            sanitized: Vec::new(),
        },
        id: Some(id),
        access: Access::ReadWrite,
        report,
    })
}

fn open_file(store: &Store, path: &Path, loaded: Loaded) -> Result<Begin> {
    let id = store.save(None, &loaded.case, Utc::now())?;
    Ok(Begin {
        notice: info(format!(
            "Opened {} as new draft {id}; the file itself is not changed (Ctrl+S exports)",
            path.display()
        )),
        loaded,
        id: Some(id),
        access: Access::ReadWrite,
        report: Vec::new(),
    })
}

/// Saves a draft; says how it went.
#[must_use]
pub fn save(store: &Store, save: &DraftSave) -> Outcome {
    match store.save_json(save.id.as_deref(), &save.json, Utc::now()) {
        Ok(id) => Outcome::DraftSaved {
            id,
            revision: save.revision,
        },
        Err(e) => Outcome::DraftSaveFailed(e.to_string()),
    }
}

/// Performs a drafts operation; says how it went.
pub fn perform(store: &mut Store, config: &Config, op: DraftOp) -> Outcome {
    let done = |text: String| {
        Some(Status {
            text,
            tone: Tone::Success,
        })
    };
    let (notice, renamed) = match op {
        DraftOp::New => {
            store.unlock();
            return opened(None, config.new_case(), Vec::new(), Access::ReadWrite);
        }
        DraftOp::Open(id) => match store.open_draft(&id) {
            Ok(Ok(o)) => return opened(Some(o.id), o.loaded.case, o.loaded.sanitized, o.access),
            Ok(Err(moved)) => (warning(moved.to_string()), None),
            Err(e) => (failed(&e), None),
        },
        DraftOp::List => (None, None),
        DraftOp::Duplicate(id) => match store.duplicate(&id) {
            Ok(copy) => (done(format!("Duplicated {id} as {copy}")), None),
            Err(e) => (failed(&e), None),
        },
        DraftOp::Rename { from, to } => match store.rename(&from, &to) {
            Ok(to) => (done(format!("Renamed {from} to {to}")), Some((from, to))),
            Err(e) => (failed(&e), None),
        },
        DraftOp::Delete(id) => match store.delete(&id) {
            Ok(()) => (done(format!("Deleted draft {id}")), None),
            Err(e) => (failed(&e), None),
        },
    };
    match store.list() {
        Ok(listing) => Outcome::DraftsListed {
            notice: notice.or_else(|| {
                listing
                    .moved
                    .first()
                    .map(ToString::to_string)
                    .and_then(warning)
            }),
            drafts: listing.drafts,
            renamed,
        },
        Err(e) => Outcome::DraftsListed {
            drafts: Vec::new(),
            notice: failed(&e),
            renamed,
        },
    }
}

#[allow(clippy::unnecessary_wraps)]
fn failed(e: &Error) -> Option<Status> {
    Some(Status {
        text: e.to_string(),
        tone: Tone::Error,
    })
}

fn opened(id: Option<String>, case: Case, sanitized: Vec<String>, access: Access) -> Outcome {
    Outcome::DraftOpened {
        id,
        case: Box::new(case),
        sanitized,
        access,
    }
}
