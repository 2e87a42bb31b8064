//! Reading input files and writing files atomically (temp file in the same folder, made
//! 0600, fsync, rename, fsync the folder), private to the user: case files hold personal data.
//!
//! Inputs are regular files of at most [`MAX_INPUT_BYTES`]: a FIFO, a device or a folder is
//! refused before a byte is read (it is opened without blocking), so nothing waits forever on
//! a FIFO with no writer or reads `/dev/zero` without end. An output target that exists and is
//! not a regular file (a device, a FIFO, the terminal) is written to, never replaced.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::case::{Loaded, load};
use crate::error::{Error, Result};

/// How every temp file of an atomic write is named: `.linkcase-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".linkcase-";
const TEMP_SUFFIX: &str = ".tmp";

/// The largest input linkcase reads: 16 MiB. A case file is a few KiB; this leaves room for
/// a description with pasted logs, and bounds what a wrong file can cost.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// How long a write to a FIFO waits for a reader to open it (shorter in unit tests).
#[cfg(not(test))]
const FIFO_READER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);
#[cfg(test)]
const FIFO_READER_WAIT: std::time::Duration = std::time::Duration::from_millis(200);

/// Why an input was refused before it was parsed.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Not a regular file (named: "a FIFO", "a folder"…).
    #[error("not a regular file ({0}); linkcase reads only regular files")]
    NotAFile(&'static str),
    /// Over [`MAX_INPUT_BYTES`].
    #[error("larger than {} MiB, the most linkcase reads", MAX_INPUT_BYTES / (1024 * 1024))]
    TooLarge,
}

/// Whether a file name is one of ours left behind by an interrupted atomic write.
#[must_use]
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// What kind of thing a non-regular file is, in words.
#[must_use]
pub fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a file"
    }
}

/// Reads all of `path`, which must be a regular file of at most [`MAX_INPUT_BYTES`]. It is
/// opened without blocking (a FIFO with no writer would wait forever) and checked before
/// any read; the read stops at the cap even if the file grows meanwhile. A refusal is an
/// `io::Error` of kind `InvalidInput` wrapping an [`InputError`].
///
/// `-` is standard input (DESIGN §5), read to its end under the same cap.
pub fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    if is_stdin(path) {
        return read_capped(io::stdin().lock());
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refused(InputError::NotAFile(kind_of(meta.file_type()))));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(refused(InputError::TooLarge));
    }
    read_capped(file)
}

/// Whether `path` is `-`, standard input.
#[must_use]
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads `reader` to its end, refusing more than [`MAX_INPUT_BYTES`].
fn read_capped(reader: impl Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(refused(InputError::TooLarge));
    }
    Ok(bytes)
}

fn refused(why: InputError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, why)
}

/// Reads and parses a case file, naming the file in any error.
pub fn read_case(path: &Path) -> Result<Loaded> {
    let bytes = read_input(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    load::parse(&bytes).map_err(|source| Error::Load {
        path: path.to_owned(),
        source,
    })
}

/// Writes `contents` to `path` so that a crash leaves either the old file or the new one.
/// A new file is 0600 on Unix whatever the umask; a regular file that is replaced keeps its
/// mode. A target that exists and is not a regular file (a device such as `/dev/null`, a
/// FIFO, a socket, the terminal) is opened and written to, never renamed over. For outputs
/// the user names (`-o`, `--append`, the save dialog); drafts use [`replace_private`].
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    // A symbolic link is written through, never replaced: `-o /dev/stdout` (a link to
    // `/proc/self/fd/1`) must not turn `/dev/stdout` into a file, and a linked dotfile stays
    // linked. A target that has no path (a pipe) is judged by what it is, below.
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) if target.is_file() => {
                resolved = target;
                resolved.as_path()
            }
            _ => path,
        },
        _ => path,
    };
    let existing = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let mode = match &existing {
        Some(meta) if meta.is_dir() => {
            return Err(io(refused(InputError::NotAFile("a folder"))));
        }
        Some(meta) if !meta.is_file() => return write_in_place(path, contents).map_err(io),
        Some(meta) => mode_of(meta),
        None => 0o600,
    };
    let dir = parent(path);
    let temp = write_temp(&dir, contents, mode).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Writes `contents` to `path` atomically as a private (0600) file under exactly that name:
/// whatever is there — a symbolic link included — is replaced, never followed or written
/// into. For linkcase's own files (drafts), where a link planted in the folder must not
/// redirect a write elsewhere.
pub fn replace_private(path: &Path, contents: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = parent(path);
    let temp = write_temp(&dir, contents, 0o600).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// What [`write_new`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewWrite {
    /// There was nothing at the path: a new file holds the contents.
    Created,
    /// The target exists and is not a regular file (a FIFO, a device): written to, as
    /// [`write_atomic`] does.
    Through,
    /// A regular file (or something else that cannot be written through) is there: nothing
    /// was written.
    Exists,
}

/// Like [`write_atomic`], but never replaces anything: a new file appears atomically under
/// `path` (a hard link, so a file made there meanwhile is never overwritten), a target that
/// is not a regular file is written to, and an existing file is left as it is
/// ([`NewWrite::Exists`]), for the caller to ask before calling [`write_atomic`].
pub fn write_new(path: &Path, contents: &[u8]) -> Result<NewWrite> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io(refused(InputError::NotAFile("a folder")))),
        Ok(meta) if meta.is_file() => Ok(NewWrite::Exists),
        Ok(_) => match write_in_place(path, contents) {
            Ok(()) => Ok(NewWrite::Through),
            // It became a regular file since it was looked at.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(NewWrite::Exists),
            Err(e) => Err(io(e)),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A broken symbolic link is "not found" here and "already exists" below.
            if write_atomic_new(path, contents)? {
                Ok(NewWrite::Created)
            } else {
                Ok(NewWrite::Exists)
            }
        }
        Err(e) => Err(io(e)),
    }
}

/// Writes to a target that is not a regular file, as a shell's `>` would, except that a
/// FIFO nobody reads is an error after a short wait instead of a wait without end. A target
/// that turns out to be a regular file by the time it is opened is left unchanged (an
/// `AlreadyExists` error): this never overwrites a file in place.
fn write_in_place(path: &Path, contents: &[u8]) -> io::Result<()> {
    // Kept open until the real handle is: closing it first would show the reader an end of file.
    let reader_present = wait_for_reader(path)?;
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    drop(reader_present);
    if file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a regular file now; not written over",
        ));
    }
    file.write_all(contents)?;
    file.flush()
}

/// For a FIFO: a non-blocking write handle once a reader has it open (`None` for anything
/// else); an error when none comes within [`FIFO_READER_WAIT`].
fn wait_for_reader(path: &Path) -> io::Result<Option<fs::File>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
        if !fs::metadata(path)?.file_type().is_fifo() {
            return Ok(None);
        }
        let start = std::time::Instant::now();
        loop {
            // Opening a FIFO for writing without blocking fails (ENXIO) while it has no reader.
            match fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(path)
            {
                Ok(file) => return Ok(Some(file)),
                Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                    if start.elapsed() >= FIFO_READER_WAIT {
                        return Err(io::Error::new(
                            io::ErrorKind::BrokenPipe,
                            "a FIFO that nothing reads; start the reader first",
                        ));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(e),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(None)
    }
}

/// The permission bits of an existing file (0600 where there are none).
fn mode_of(meta: &fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0o600
    }
}

/// Like [`write_atomic`], but never replaces a file: `Ok(false)` when `path` exists
/// (nothing is written then). Creating the name is atomic (a hard link on Unix).
pub fn write_atomic_new(path: &Path, contents: &[u8]) -> Result<bool> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = parent(path);
    let temp = write_temp(&dir, contents, 0o600).map_err(io)?;
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

/// A temp file in `dir` (private, then `mode`) holding `contents`, flushed to disk.
fn write_temp(dir: &Path, contents: &[u8], mode: u32) -> io::Result<NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    set_private(temp.path(), mode)?;
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
    fn a_new_write_creates_a_file_or_leaves_the_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.txt");
        assert_eq!(write_new(&path, b"one").unwrap(), NewWrite::Created);
        assert_eq!(write_new(&path, b"two").unwrap(), NewWrite::Exists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_new(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_write_asks_before_replacing_a_link_and_writes_through_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(write_new(&link, b"new").unwrap(), NewWrite::Exists);
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("gone"), &dangling).unwrap();
        assert_eq!(write_new(&dangling, b"new").unwrap(), NewWrite::Exists);
        assert_eq!(fs::read(&real).unwrap(), b"old");

        let fifo = dir.path().join("out");
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        assert_eq!(write_new(&fifo, b"piped").unwrap(), NewWrite::Through);
        assert_eq!(reader.join().unwrap(), b"piped");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
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

    /// Makes a FIFO at `path` (with the `mkfifo` tool: no unsafe code here).
    #[cfg(unix)]
    pub(crate) fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Makes a character device node (major, minor) at `path`; `false` when not allowed.
    #[cfg(unix)]
    fn mknod(path: &Path, major: u32, minor: u32) -> bool {
        std::process::Command::new("mknod")
            .arg(path)
            .args(["c", &major.to_string(), &minor.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[cfg(unix)]
    #[test]
    fn rewriting_a_regular_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_target_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out");
        mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_target_nobody_reads_is_an_error_not_a_hang() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out");
        mkfifo(&fifo);
        let err = write_atomic(&fifo, b"lost").unwrap_err();
        assert!(err.to_string().contains("nothing reads"), "{err}");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_target_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let null = dir.path().join("null");
        if !mknod(&null, 1, 3) {
            eprintln!("skipped: mknod needs root");
            return;
        }
        write_atomic(&null, b"gone").unwrap();
        assert!(fs::metadata(&null).unwrap().file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_target_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_private_replace_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, "theirs").unwrap();
        let draft = dir.path().join("draft.json");
        std::os::unix::fs::symlink(&outside, &draft).unwrap();
        replace_private(&draft, b"ours").unwrap();
        assert_eq!(fs::read(&outside).unwrap(), b"theirs");
        assert!(fs::symlink_metadata(&draft).unwrap().is_file());
        assert_eq!(fs::read(&draft).unwrap(), b"ours");
    }

    #[test]
    fn a_folder_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_input_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("case.json");
        mkfifo(&fifo);
        // No writer ever comes: a blocking open would hang this test.
        let err = read_case(&fifo).unwrap_err();
        assert!(
            err.to_string().contains("not a regular file (a FIFO)"),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero");
        if !mknod(&zero, 1, 5) {
            eprintln!("skipped: mknod needs root");
            return;
        }
        let err = read_input(&zero).unwrap_err();
        assert!(err.to_string().contains("a character device"), "{err}");
    }

    #[test]
    fn an_input_over_the_cap_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let file = fs::File::create(&path).unwrap();
        file.set_len(MAX_INPUT_BYTES + 1).unwrap();
        let err = read_input(&path).unwrap_err();
        assert!(err.to_string().contains("16 MiB"), "{err}");
        file.set_len(MAX_INPUT_BYTES).unwrap();
        assert_eq!(read_input(&path).unwrap().len() as u64, MAX_INPUT_BYTES);
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
