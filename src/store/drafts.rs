//! The drafts: one canonical case file each (`drafts/<id>.json`, password included: it is
//! the user's own private copy), listed newest first. A draft that does not parse is moved
//! aside (`<id>.json.corrupt-<UTC time>`), never overwritten or deleted; one from a newer
//! `schema_version`, or one open in another linkcase (see [`super::lock`]), opens read-only
//! and is never written.

use std::fmt;
use std::fs;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::id::{self, is_valid_id};
use super::{Store, StoreError};
use crate::case::Summary;
use crate::case::load::{self, LoadError, Loaded};
use crate::case::{Case, Validator};
use crate::error::{Error, Result};
use crate::files;

/// Whether a draft may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Edits are saved to it.
    ReadWrite,
    /// Written by a newer linkcase (this `schema_version`): shown, never rewritten.
    ReadOnly {
        /// The draft's schema version.
        version: u64,
    },
    /// Open in another linkcase, which holds its lock: shown, never written here.
    OpenElsewhere(super::Elsewhere),
}

/// One line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSummary {
    /// The id (`linkcase open ID`).
    pub id: String,
    /// When it was last saved.
    pub updated: DateTime<Utc>,
    /// Its skill id (may be empty).
    pub skill_id: String,
    /// Where the case stands (the summary every surface shows); `None` when it cannot be
    /// read as a case.
    pub summary: Option<Summary>,
    /// Whether it can be edited.
    pub access: Access,
}

/// A draft that did not parse and was moved out of the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedAside {
    /// Its id.
    pub id: String,
    /// Where it is now.
    pub to: PathBuf,
    /// Why it did not parse.
    pub why: LoadError,
}

impl fmt::Display for MovedAside {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "draft {} does not parse ({}); moved aside to {}",
            self.id,
            self.why,
            self.to.display()
        )
    }
}

/// The drafts, newest first, and any moved aside while listing them.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Newest first.
    pub drafts: Vec<DraftSummary>,
    /// Drafts that did not parse.
    pub moved: Vec<MovedAside>,
}

/// A draft opened for the form.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Its id.
    pub id: String,
    /// The case.
    pub loaded: Loaded,
    /// Whether edits may be saved.
    pub access: Access,
}

/// What reading a draft gave.
enum Read {
    Case(Box<Loaded>, Access),
    Moved(MovedAside),
}

impl Store {
    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn check_id(id: &str) -> Result<()> {
        if is_valid_id(id) {
            Ok(())
        } else {
            Err(StoreError::BadId(id.to_owned()).into())
        }
    }

    /// Whether a draft with this id exists.
    #[must_use]
    pub fn exists(&self, id: &str) -> bool {
        is_valid_id(id) && self.path(id).is_file()
    }

    /// Every draft, newest first; drafts that do not parse are moved aside and reported.
    pub fn list(&self) -> Result<Listing> {
        let entries = fs::read_dir(&self.dir).map_err(|source| Error::Io {
            path: self.dir.clone(),
            source,
        })?;
        let validator = Validator::new();
        let mut listing = Listing::default();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".json").filter(|id| is_valid_id(id)) else {
                continue;
            };
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let updated = meta
                .modified()
                .map_or_else(|_| Utc::now(), DateTime::<Utc>::from);
            match self.read(id) {
                Ok(Read::Case(loaded, access)) => {
                    let access = match (access, self.held_elsewhere(id)) {
                        (Access::ReadWrite, Some(elsewhere)) => Access::OpenElsewhere(elsewhere),
                        (access, _) => access,
                    };
                    let report = validator.validate(&loaded.case);
                    listing.drafts.push(DraftSummary {
                        id: id.to_owned(),
                        updated,
                        skill_id: loaded.case.skill.id.clone(),
                        summary: Some(report.summary),
                        access,
                    });
                }
                Ok(Read::Moved(moved)) => listing.moved.push(moved),
                // Gone since the folder was read, or unreadable: not listed.
                Err(_) => {}
            }
        }
        listing
            .drafts
            .sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
        Ok(listing)
    }

    /// Opens draft `id` for the form, taking its lock (see [`Store::lock`]); read-only when
    /// another linkcase has it open. `Ok(Err(_))` when it did not parse and was moved aside.
    pub fn open_draft(&mut self, id: &str) -> Result<std::result::Result<Opened, MovedAside>> {
        Self::check_id(id)?;
        if !self.path(id).is_file() {
            return Err(StoreError::NoSuchDraft(id.to_owned()).into());
        }
        // Locked before reading, so what is read is what the other window saved last.
        let elsewhere = self.lock(id)?;
        Ok(match self.read(id)? {
            Read::Case(loaded, access) => {
                let access = match (access, elsewhere) {
                    (Access::ReadWrite, Some(elsewhere)) => Access::OpenElsewhere(elsewhere),
                    (access, _) => access,
                };
                let loaded = *loaded;
                if access != Access::ReadWrite && !self.read_only.iter().any(|r| r == id) {
                    self.read_only.push(id.to_owned());
                }
                Ok(Opened {
                    id: id.to_owned(),
                    loaded,
                    access,
                })
            }
            Read::Moved(moved) => Err(moved),
        })
    }

    fn read(&self, id: &str) -> Result<Read> {
        let path = self.path(id);
        let bytes = files::read_input(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        match load::parse(&bytes) {
            Ok(loaded) => Ok(Read::Case(Box::new(loaded), Access::ReadWrite)),
            Err(LoadError::NewerSchema(version)) => match as_current(&bytes) {
                Some(loaded) => Ok(Read::Case(Box::new(loaded), Access::ReadOnly { version })),
                None => Ok(Read::Case(
                    Box::new(Loaded {
                        case: Case::default(),
                        sanitized: Vec::new(),
                    }),
                    Access::ReadOnly { version },
                )),
            },
            Err(why) => self.move_aside(id, why).map(Read::Moved),
        }
    }

    /// Renames a draft that does not parse to `<id>.json.corrupt-<UTC time>` (never over
    /// another file).
    fn move_aside(&self, id: &str, why: LoadError) -> Result<MovedAside> {
        let from = self.path(id);
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let base = format!("{id}.json.corrupt-{stamp}");
        for name in std::iter::once(base.clone())
            .chain(id::variants(&base))
            .take(100)
        {
            let to = self.dir.join(&name);
            match fs::hard_link(&from, &to) {
                Ok(()) => {
                    let _ = fs::remove_file(&from);
                    files::sync_dir(&self.dir);
                    return Ok(MovedAside {
                        id: id.to_owned(),
                        to,
                        why,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(Error::Io { path: from, source }),
            }
        }
        Err(StoreError::CannotMoveAside { path: from }.into())
    }

    /// Saves `case` to draft `id`, or to a new draft (id from `now`) when `id` is `None`;
    /// returns the id. Refuses a draft opened read-only.
    pub fn save(&self, id: Option<&str>, case: &Case, now: DateTime<Utc>) -> Result<String> {
        self.save_json(id, &load::to_json(case, true), now)
    }

    /// [`Self::save`] for a case already rendered by [`load::to_json`].
    pub fn save_json(&self, id: Option<&str>, json: &str, now: DateTime<Utc>) -> Result<String> {
        let Some(id) = id else {
            let id = self.create(id::candidates(now), json.as_bytes())?;
            // A new draft is the form's: no other linkcase knows its id yet.
            self.lock(&id)?;
            return Ok(id);
        };
        Self::check_id(id)?;
        if self.read_only.iter().any(|r| r == id) {
            return Err(StoreError::ReadOnly(id.to_owned()).into());
        }
        self.check_not_open_elsewhere(id)?;
        files::replace_private(&self.path(id), json.as_bytes())?;
        Ok(id.to_owned())
    }

    /// Writes `bytes` under the first free id of `ids`.
    fn create(&self, ids: impl Iterator<Item = String>, bytes: &[u8]) -> Result<String> {
        for id in ids.take(1000) {
            if files::write_atomic_new(&self.path(&id), bytes)? {
                return Ok(id);
            }
        }
        Err(StoreError::NoFreeId.into())
    }

    /// Copies draft `id` byte for byte to a new draft (`<id>-2`…); returns the new id.
    pub fn duplicate(&self, id: &str) -> Result<String> {
        Self::check_id(id)?;
        let path = self.path(id);
        let bytes = files::read_input(&path).map_err(|source| Error::Io { path, source })?;
        self.create(id::variants(id), &bytes)
    }

    /// Renames draft `from` to `to` (a slug of what was typed); never over another draft.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<String> {
        Self::check_id(from)?;
        self.check_not_open_elsewhere(from)?;
        let to = id::slug(to).ok_or(StoreError::EmptyName)?;
        if to == from {
            return Ok(to);
        }
        let (old, new) = (self.path(from), self.path(&to));
        fs::hard_link(&old, &new).map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => StoreError::NameTaken(to.clone()).into(),
            _ => Error::Io {
                path: old.clone(),
                source,
            },
        })?;
        fs::remove_file(&old).map_err(|source| Error::Io { path: old, source })?;
        self.rename_lock(from, &to);
        files::sync_dir(&self.dir);
        for r in &mut self.read_only {
            if r == from {
                r.clone_from(&to);
            }
        }
        Ok(to)
    }

    /// Deletes draft `id`.
    pub fn delete(&self, id: &str) -> Result<()> {
        Self::check_id(id)?;
        self.check_not_open_elsewhere(id)?;
        let path = self.path(id);
        fs::remove_file(&path).map_err(|source| Error::Io { path, source })?;
        self.remove_lock(id);
        files::sync_dir(&self.dir);
        Ok(())
    }
}

/// A newer-schema draft read as far as this version understands it (to show, never to save).
fn as_current(bytes: &[u8]) -> Option<Loaded> {
    let mut value: Value = serde_json::from_slice(bytes).ok()?;
    value.as_object_mut()?.insert(
        "schema_version".to_owned(),
        Value::from(crate::case::SCHEMA_VERSION),
    );
    load::parse(value.to_string().as_bytes()).ok()
}

#[cfg(test)]
mod tests;
