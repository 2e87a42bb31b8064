//! Drafts and config on disk (DESIGN §6): where they live (`directories::ProjectDirs` for
//! "linkcase", or `LINKCASE_DATA_DIR` / `LINKCASE_CONFIG_DIR`), private folders, and the
//! sweep of temp files an interrupted save left behind. The drafts themselves are in
//! [`drafts`].

pub mod drafts;
mod id;
mod lock;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::files;

pub use drafts::{Access, DraftSummary, Listing, MovedAside, Opened};
pub use id::{is_valid_id, slug};
pub use lock::Elsewhere;

/// The variable that overrides the data folder (drafts).
pub const DATA_ENV: &str = "LINKCASE_DATA_DIR";
/// The variable that overrides the config folder (`config.json`).
pub const CONFIG_ENV: &str = "LINKCASE_CONFIG_DIR";

/// Why the drafts could not be used as asked (each names the draft or folder).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No home folder and no override variables.
    #[error("no home folder to keep drafts and settings in; set {DATA_ENV} and {CONFIG_ENV}")]
    NoHome,
    /// The drafts folder is a symbolic link: never followed (it would be chmod-ed and swept).
    #[error(
        "{}: the drafts folder is a symbolic link, which linkcase does not follow \
         (set {DATA_ENV} to the folder that holds the real one)",
        path.display()
    )]
    SymlinkedFolder {
        /// The link.
        path: PathBuf,
    },
    /// Not a draft id.
    #[error("'{0}' is not a draft id (letters, digits, - _ .)")]
    BadId(String),
    /// No such draft.
    #[error("no draft '{0}' (linkcase drafts lists them)")]
    NoSuchDraft(String),
    /// A draft opened read-only (from a newer linkcase, or open in another): never rewritten.
    #[error("draft {0} is open read-only here and is never rewritten")]
    ReadOnly(String),
    /// A draft another linkcase has open (its lock held there).
    #[error("draft {id} is {elsewhere}")]
    OpenElsewhere {
        /// The draft.
        id: String,
        /// Who has it.
        elsewhere: Elsewhere,
    },
    /// Every candidate id is taken.
    #[error("no free draft id")]
    NoFreeId,
    /// A broken draft could not be renamed out of the way.
    #[error("{}: cannot move it aside", path.display())]
    CannotMoveAside {
        /// The draft.
        path: PathBuf,
    },
    /// A draft name with nothing usable in it.
    #[error("a draft name needs letters or digits")]
    EmptyName,
    /// A rename onto an existing draft.
    #[error("there is already a draft named {0}")]
    NameTaken(String),
    /// The last edits of the form could not be saved to the draft (why).
    #[error("the last changes were not saved: {0}")]
    Unsaved(String),
    /// The draft did not parse and was moved aside.
    #[error("{0}")]
    Broken(MovedAside),
}

/// Where a folder came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The platform's usual place (`directories::ProjectDirs`).
    Platform,
    /// An environment variable (named).
    Env(&'static str),
}

/// The folders linkcase uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The data folder; drafts are in its `drafts/`.
    pub data_dir: PathBuf,
    /// Where `data_dir` came from.
    pub data_origin: Origin,
    /// The config folder, holding `config.json`.
    pub config_dir: PathBuf,
    /// Where `config_dir` came from.
    pub config_origin: Origin,
}

impl Paths {
    /// The folders from the environment: the override variables if set (and not empty),
    /// else the platform's folders for "linkcase".
    pub fn from_env() -> Result<Self> {
        Self::resolve(|name| std::env::var_os(name))
    }

    /// [`Self::from_env`] with the variables looked up by `var`.
    pub fn resolve(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<Self> {
        let dirs = directories::ProjectDirs::from("", "", "linkcase");
        let pick = |name: &'static str, platform: Option<&Path>| match var(name)
            .filter(|v| !v.is_empty())
        {
            Some(dir) => {
                let dir = PathBuf::from(dir);
                Ok((std::path::absolute(&dir).unwrap_or(dir), Origin::Env(name)))
            }
            None => platform
                .map(|p| (p.to_owned(), Origin::Platform))
                .ok_or(Error::Store(StoreError::NoHome)),
        };
        let (data_dir, data_origin) = pick(
            DATA_ENV,
            dirs.as_ref().map(directories::ProjectDirs::data_dir),
        )?;
        let (config_dir, config_origin) = pick(
            CONFIG_ENV,
            dirs.as_ref().map(directories::ProjectDirs::config_dir),
        )?;
        Ok(Self {
            data_dir,
            data_origin,
            config_dir,
            config_origin,
        })
    }

    /// The drafts folder.
    #[must_use]
    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }

    /// The config file.
    #[must_use]
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.json")
    }
}

/// The drafts folder, ready for use: created 0700, swept of stale temp files.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// Drafts opened read-only (newer schema, or open in another linkcase): never written.
    read_only: Vec<String>,
    /// Where the drafts' lock files are (`locks/` in the data folder, beside `drafts/`).
    locks: PathBuf,
    /// The lock on the draft the form has open.
    held: std::cell::RefCell<lock::Held>,
}

impl Store {
    /// Opens (creating if needed) the drafts folder of `paths`, sets it (and a data folder
    /// created here) to 0700 whatever the umask, and removes temp files left by a save
    /// that was interrupted (a crash, `kill -9`).
    pub fn open(paths: &Paths) -> Result<Self> {
        let created_data = !paths.data_dir.exists();
        let dir = paths.drafts_dir();
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Io { path, source }
        };
        // A linked drafts folder is someone else's folder: it would be chmod-ed to 0700 and
        // its files swept and moved aside. Refused, whatever it points at.
        if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(StoreError::SymlinkedFolder { path: dir }.into());
        }
        if let Err(e) = create_private_dir(&dir) {
            // A folder that exists but cannot be changed (a read-only file system) can still
            // be listed and read; a save then fails with an error naming the draft.
            if !dir.is_dir() {
                return Err(io(&dir)(e));
            }
        }
        if created_data {
            files::set_private(&paths.data_dir, 0o700).map_err(io(&paths.data_dir))?;
        }
        let store = Self {
            dir,
            read_only: Vec::new(),
            locks: paths.data_dir.join("locks"),
            held: std::cell::RefCell::default(),
        };
        store.sweep();
        Ok(store)
    }

    /// The drafts folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes temp files of interrupted saves, and makes every draft 0600 (one copied in
    /// by hand may not be); returns how many temp files were removed.
    #[allow(clippy::must_use_candidate)] // Sweeping is the point; the count is a bonus.
    pub fn sweep(&self) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if files::is_temp_name(&name) {
                if fs::remove_file(entry.path()).is_ok() {
                    removed += 1;
                }
            } else if name.ends_with(".json") && !is_private(&entry) {
                let _ = files::set_private(&entry.path(), 0o600);
            }
        }
        if removed > 0 {
            files::sync_dir(&self.dir);
        }
        removed
    }
}

/// Whether a file is readable and writable by its owner only.
fn is_private(entry: &fs::DirEntry) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        entry
            .metadata()
            .is_ok_and(|m| !m.is_file() || m.permissions().mode() & 0o777 == 0o600)
    }
    #[cfg(not(unix))]
    {
        let _ = entry;
        true
    }
}

/// Creates `dir` (and missing parents) and makes it 0700.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if fs::metadata(dir)?.permissions().mode() & 0o777 == 0o700 {
            return Ok(());
        }
    }
    files::set_private(dir, 0o700)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn env_overrides_both_folders() {
        let paths = Paths::resolve(|name| match name {
            DATA_ENV => Some(OsString::from("/tmp/lc-data")),
            CONFIG_ENV => Some(OsString::from("/tmp/lc-config")),
            _ => None,
        })
        .unwrap();
        assert_eq!(paths.drafts_dir(), Path::new("/tmp/lc-data/drafts"));
        assert_eq!(paths.config_file(), Path::new("/tmp/lc-config/config.json"));
        assert_eq!(paths.data_origin, Origin::Env(DATA_ENV));
        assert_eq!(paths.config_origin, Origin::Env(CONFIG_ENV));
    }

    #[test]
    fn an_empty_override_is_ignored() {
        let paths = Paths::resolve(|name| (name == DATA_ENV).then(OsString::new));
        if let Ok(paths) = paths {
            assert_eq!(paths.data_origin, Origin::Platform);
        }
    }

    #[test]
    fn sweep_removes_only_temp_files() {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::resolve(|name| Some(root.path().join(name).into())).unwrap();
        let store = Store::open(&paths).unwrap();
        fs::write(store.dir().join(".linkcase-abc123.tmp"), "half").unwrap();
        fs::write(store.dir().join("keep.json"), "{}").unwrap();
        fs::write(store.dir().join("keep.json.corrupt-20261122T041500Z"), "x").unwrap();
        let store = Store::open(&paths).unwrap();
        let mut names: Vec<_> = fs::read_dir(store.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["keep.json", "keep.json.corrupt-20261122T041500Z"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_drafts_folder_is_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let theirs = root.path().join("theirs");
        fs::create_dir(&theirs).unwrap();
        fs::set_permissions(&theirs, fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(theirs.join(".linkcase-abc123.tmp"), "theirs").unwrap();
        fs::write(theirs.join("notes.json"), "not a case").unwrap();
        let paths = Paths::resolve(|name| Some(root.path().join(name).into())).unwrap();
        fs::create_dir_all(&paths.data_dir).unwrap();
        std::os::unix::fs::symlink(&theirs, paths.drafts_dir()).unwrap();
        let err = Store::open(&paths).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(
            err.to_string()
                .starts_with(&paths.drafts_dir().display().to_string()),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
        let mode = fs::metadata(&theirs).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
        assert!(theirs.join(".linkcase-abc123.tmp").exists());
        assert!(theirs.join("notes.json").exists());
    }

    #[cfg(unix)]
    #[test]
    fn saving_a_draft_that_is_a_link_replaces_the_link_never_the_file_it_points_at() {
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::resolve(|name| Some(root.path().join(name).into())).unwrap();
        let store = Store::open(&paths).unwrap();
        let outside = root.path().join("outside.txt");
        fs::write(&outside, "theirs").unwrap();
        std::os::unix::fs::symlink(&outside, store.dir().join("planted.json")).unwrap();
        let case = crate::case::Case::default();
        store
            .save(Some("planted"), &case, chrono::Utc::now())
            .unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "theirs");
        assert!(
            fs::symlink_metadata(store.dir().join("planted.json"))
                .unwrap()
                .is_file()
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_0700() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let paths = Paths::resolve(|name| Some(root.path().join("a/b").join(name).into())).unwrap();
        let store = Store::open(&paths).unwrap();
        for dir in [store.dir(), paths.data_dir.as_path()] {
            let mode = fs::metadata(dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", dir.display());
        }
    }
}
