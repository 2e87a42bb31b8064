//! Draft locks (DESIGN §6: "a draft open in one instance is locked against a second"): the
//! draft the form has open is locked with an advisory lock (`flock`) on `locks/<id>.lock` in
//! the data folder (beside `drafts/`), which holds the owner's process id for the notice of a
//! second instance. The draft itself cannot carry the lock, as every save replaces its file. The kernel releases the lock when
//! the process ends, however it ends (a `kill -9` included); a lock file left behind is free
//! and is reused.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

use super::Store;
use crate::error::{Error, Result};

/// Another linkcase holds a draft's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elsewhere {
    /// Its process id, when its lock file says.
    pub pid: Option<u32>,
}

impl std::fmt::Display for Elsewhere {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "open in another linkcase (process {pid})"),
            None => write!(f, "open in another linkcase"),
        }
    }
}

impl Elsewhere {
    /// "open in process N" (or "open elsewhere"), for a tag in a list of drafts.
    #[must_use]
    pub fn tag(&self) -> String {
        match self.pid {
            Some(pid) => format!("open in process {pid}"),
            None => "open elsewhere".to_owned(),
        }
    }
}

/// The lock this process holds: at most one, on the draft the form has open.
#[derive(Debug, Default)]
pub(super) struct Held {
    id: Option<String>,
    #[expect(dead_code, reason = "held for its lock, which is released as it drops")]
    file: Option<File>,
}

impl Store {
    fn lock_path(&self, id: &str) -> PathBuf {
        self.locks.join(format!("{id}.lock"))
    }

    /// Takes draft `id`'s lock for this process, letting go of the one held before (the form
    /// has one draft open). `Ok(Some(_))` when another linkcase holds it: nothing is held then.
    pub fn lock(&self, id: &str) -> Result<Option<Elsewhere>> {
        let mut held = self.held.borrow_mut();
        if held.id.as_deref() == Some(id) {
            return Ok(None);
        }
        *held = Held::default();
        let path = self.lock_path(id);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        super::create_private_dir(&self.locks).map_err(|source| Error::Io {
            path: self.locks.clone(),
            source,
        })?;
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(Some(owner(&mut file))),
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(io)?;
        *held = Held {
            id: Some(id.to_owned()),
            file: Some(file),
        };
        Ok(None)
    }

    /// Lets go of the lock held (the form moved to a new case, not saved yet).
    pub fn unlock(&self) {
        *self.held.borrow_mut() = Held::default();
    }

    /// Whether another linkcase holds draft `id`'s lock (this process's own lock is not
    /// "elsewhere"). Creates nothing.
    #[must_use]
    pub fn held_elsewhere(&self, id: &str) -> Option<Elsewhere> {
        if self.held.borrow().id.as_deref() == Some(id) {
            return None;
        }
        let mut file = File::open(self.lock_path(id)).ok()?;
        match file.try_lock_shared() {
            // Released again as `file` drops.
            Ok(()) | Err(TryLockError::Error(_)) => None,
            Err(TryLockError::WouldBlock) => Some(owner(&mut file)),
        }
    }

    /// Refuses to change draft `id` when another linkcase has it open.
    pub(super) fn check_not_open_elsewhere(&self, id: &str) -> Result<()> {
        match self.held_elsewhere(id) {
            Some(elsewhere) => Err(super::StoreError::OpenElsewhere {
                id: id.to_owned(),
                elsewhere,
            }
            .into()),
            None => Ok(()),
        }
    }

    /// Moves draft `from`'s lock file (and the lock, if held here) along with a rename.
    pub(super) fn rename_lock(&self, from: &str, to: &str) {
        let _ = fs::rename(self.lock_path(from), self.lock_path(to));
        let mut held = self.held.borrow_mut();
        if held.id.as_deref() == Some(from) {
            held.id = Some(to.to_owned());
        }
    }

    /// Removes draft `id`'s lock file (the draft is deleted).
    pub(super) fn remove_lock(&self, id: &str) {
        let mut held = self.held.borrow_mut();
        if held.id.as_deref() == Some(id) {
            *held = Held::default();
        }
        let _ = fs::remove_file(self.lock_path(id));
    }
}

/// Who holds a lock, as its lock file says.
fn owner(file: &mut File) -> Elsewhere {
    let mut text = String::new();
    let _ = file.take(32).read_to_string(&mut text);
    Elsewhere {
        pid: text.trim().parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Access, Paths};
    use chrono::Utc;

    /// Two stores on one folder stand for two linkcase processes: `flock` locks belong to an
    /// open file, so a second open of the lock file conflicts even within one process.
    fn two_stores() -> (tempfile::TempDir, Store, Store) {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::resolve(|name| Some(root.path().join(name).into())).unwrap();
        let first = Store::open(&paths).unwrap();
        let second = Store::open(&paths).unwrap();
        (root, first, second)
    }

    #[test]
    fn a_draft_open_in_one_instance_opens_read_only_in_another_naming_the_process() {
        let (_root, mut first, mut second) = two_stores();
        let id = first
            .save(None, &crate::case::Case::default(), Utc::now())
            .unwrap();
        let opened = first.open_draft(&id).unwrap().unwrap();
        assert_eq!(opened.access, Access::ReadWrite);

        let opened = second.open_draft(&id).unwrap().unwrap();
        let me = Elsewhere {
            pid: Some(std::process::id()),
        };
        assert_eq!(opened.access, Access::OpenElsewhere(me));
        assert_eq!(
            me.to_string(),
            format!("open in another linkcase (process {})", std::process::id())
        );
        let listed = second.list().unwrap();
        assert_eq!(listed.drafts[0].access, Access::OpenElsewhere(me));
        // The first instance's own lock is not "elsewhere" to it.
        assert_eq!(first.list().unwrap().drafts[0].access, Access::ReadWrite);
    }

    #[test]
    fn a_draft_open_elsewhere_is_never_saved_renamed_or_deleted() {
        let (_root, first, mut second) = two_stores();
        let case = crate::case::Case::default();
        let id = first.save(None, &case, Utc::now()).unwrap();
        let before = fs::read(first.dir().join(format!("{id}.json"))).unwrap();
        second.open_draft(&id).unwrap().unwrap();
        let mut changed = case.clone();
        changed.notes = "from the second window".to_owned();
        let saved = second.save(Some(&id), &changed, Utc::now());
        assert!(saved.is_err(), "saved over the first window's draft");
        assert!(second.rename(&id, "other").is_err());
        assert!(second.delete(&id).is_err());
        assert_eq!(
            fs::read(first.dir().join(format!("{id}.json"))).unwrap(),
            before
        );
        // The first instance still saves.
        first.save(Some(&id), &changed, Utc::now()).unwrap();
    }

    #[test]
    fn the_lock_ends_with_the_instance_and_its_file_is_reused() {
        let (_root, first, mut second) = two_stores();
        let id = first
            .save(None, &crate::case::Case::default(), Utc::now())
            .unwrap();
        assert!(
            second.held_elsewhere(&id).is_some(),
            "a new draft is locked"
        );
        drop(first);
        assert_eq!(second.held_elsewhere(&id), None);
        let opened = second.open_draft(&id).unwrap().unwrap();
        assert_eq!(opened.access, Access::ReadWrite);
    }

    #[test]
    fn opening_another_draft_lets_go_of_the_first() {
        let (_root, mut first, second) = two_stores();
        let case = crate::case::Case::default();
        let a = first.save(None, &case, Utc::now()).unwrap();
        let b = first.save(None, &case, Utc::now()).unwrap();
        first.open_draft(&a).unwrap().unwrap();
        assert!(second.held_elsewhere(&a).is_some());
        first.open_draft(&b).unwrap().unwrap();
        assert_eq!(second.held_elsewhere(&a), None);
        assert!(second.held_elsewhere(&b).is_some());
        first.unlock();
        assert_eq!(second.held_elsewhere(&b), None);
    }
}
