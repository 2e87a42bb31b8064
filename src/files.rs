//! Reading case files and writing files atomically (temp file in the same folder, fsync,
//! rename, fsync the folder), private to the user: case files hold personal data.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::case::{Loaded, load};
use crate::error::{Error, Result};

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
/// The file is created 0600 on Unix.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    // tempfile creates the file 0600 on Unix.
    let mut temp = tempfile::Builder::new()
        .prefix(".linkcase-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    temp.write_all(contents).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(&dir) {
        // Makes the rename durable; a failure here loses nothing already written.
        let _ = dir.sync_all();
    }
    Ok(())
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
    fn read_case_names_the_file() {
        let err = read_case(Path::new("/nonexistent/case.json")).unwrap_err();
        assert!(
            err.to_string().starts_with("/nonexistent/case.json: "),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
    }
}
