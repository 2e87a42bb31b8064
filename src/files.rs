//! Reading case files and writing files atomically (temp file in the same folder, made
//! 0600, fsync, rename, fsync the folder), private to the user: case files hold personal data.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::case::{Loaded, load};
use crate::error::{Error, Result};

/// How every temp file of an atomic write is named: `.linkcase-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".linkcase-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether a file name is one of ours left behind by an interrupted atomic write.
#[must_use]
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Reads and parses a case file, naming the file in any error.
pub fn read_case(path: &Path) -> Result<Loaded> {
    let bytes = fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    load::parse(&bytes).map_err(|source| Error::Load {
        path: path.to_owned(),
        source,
    })
}

/// Writes `contents` to `path` so that a crash leaves either the old file or the new one.
/// The file is 0600 on Unix whatever the umask.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = parent(path);
    let temp = write_temp(&dir, contents).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Like [`write_atomic`], but never replaces a file: `Ok(false)` when `path` exists
/// (nothing is written then). Creating the name is atomic (a hard link on Unix).
pub fn write_atomic_new(path: &Path, contents: &[u8]) -> Result<bool> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = parent(path);
    let temp = write_temp(&dir, contents).map_err(io)?;
    match temp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir(&dir);
            Ok(true)
        }
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io(e.error)),
    }
}

/// Makes a rename or removal in `dir` durable; a failure here loses nothing already written.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A private temp file in `dir` holding `contents`, flushed to disk.
fn write_temp(dir: &Path, contents: &[u8]) -> io::Result<NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    set_private(temp.path(), 0o600)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Sets `mode` on `path` (Unix); a no-op elsewhere.
pub fn set_private(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn atomic_new_write_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.json");
        assert!(write_atomic_new(&path, b"one").unwrap());
        assert!(!write_atomic_new(&path, b"two").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_name(".linkcase-a1B2c3.tmp"));
        assert!(!is_temp_name("20261122-041500.json"));
    }

    #[test]
    fn read_case_names_the_file() {
        let err = read_case(Path::new("/nonexistent/case.json")).unwrap_err();
        assert!(
            err.to_string().starts_with("/nonexistent/case.json: "),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
    }
}
