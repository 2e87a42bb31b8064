//! The one error type at the boundary, and the exit codes it maps to (DESIGN §5).

use std::path::PathBuf;

use crate::case::LoadError;
use crate::import::ImportError;
use crate::store::StoreError;

/// Exit code: success (for `validate`: no errors, warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit code: a case has errors, or the answer is "no" (`utc` at a DST edge, `zones` with no match).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: unreadable input or bad usage.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the reader of standard output went away (`linkcase zones | head -1`). The
/// shells' status for a process ended by SIGPIPE, 128 + 13, which the Unix tools report.
pub const EXIT_CLOSED_PIPE: u8 = 128 + 13;
/// Exit code: stopped with Ctrl+C at a prompt (128 + SIGINT, as the shells report it).
pub const EXIT_INTERRUPTED: u8 = 128 + 2;

/// Everything a command can fail with, each naming the file and field where there is one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Arguments that cannot work.
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not a loadable case.
    #[error("{}: {source}", path.display())]
    Load {
        /// The file.
        path: PathBuf,
        /// Why.
        source: LoadError,
    },
    /// Files given to `import`, `check` or the form could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The drafts could not be read or written as asked.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The terminal failed (reading keys, drawing).
    #[error("terminal: {0}")]
    Terminal(std::io::Error),
    /// The live probe could not be made (bad URL, no connection…).
    #[error("probe: {0}")]
    Probe(String),
    /// A definite "no" that is not a malfunction: the message says what and why.
    #[error("{0}")]
    No(String),
    /// Standard output was closed by its reader: nothing is reported, the status says it.
    #[error("standard output was closed")]
    ClosedPipe,
    /// Ctrl+C at a prompt of plain mode (the answers so far are saved).
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// The process exit code for this error.
    #[must_use]
    pub const fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_)
            | Self::Io { .. }
            | Self::Store(_)
            | Self::Terminal(_)
            | Self::Probe(_) => EXIT_USAGE,
            Self::Load { source, .. } => source.exit_code(),
            Self::Import(source) => source.exit_code(),
            Self::No(_) => EXIT_FINDINGS,
            Self::ClosedPipe => EXIT_CLOSED_PIPE,
            Self::Interrupted => EXIT_INTERRUPTED,
        }
    }
}

/// Shorthand for command results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each failure has its own variant, and the exit code is decided here, not by message.
    #[test]
    fn io_store_terminal_and_import_failures_have_their_own_variants_and_codes() {
        let io = || std::io::Error::other("boom");
        let cases: Vec<(Error, u8)> = vec![
            (Error::Usage("bad".into()), EXIT_USAGE),
            (
                Error::Io {
                    path: "f".into(),
                    source: io(),
                },
                EXIT_USAGE,
            ),
            (Error::Terminal(io()), EXIT_USAGE),
            (
                Error::Store(StoreError::NoSuchDraft("x".into())),
                EXIT_USAGE,
            ),
            (Error::Probe("refused".into()), EXIT_USAGE),
            (
                Error::Import(ImportError::Unrecognised {
                    path: "f".into(),
                    why: "x".into(),
                }),
                EXIT_FINDINGS,
            ),
            (
                Error::Import(ImportError::Io {
                    path: "f".into(),
                    source: io(),
                }),
                EXIT_USAGE,
            ),
            (
                Error::Load {
                    path: "f".into(),
                    source: LoadError::Empty,
                },
                EXIT_USAGE,
            ),
            (Error::No("no".into()), EXIT_FINDINGS),
            (Error::ClosedPipe, EXIT_CLOSED_PIPE),
            (Error::Interrupted, EXIT_INTERRUPTED),
        ];
        for (error, code) in cases {
            assert_eq!(error.exit_code(), code, "{error:?}");
            assert!(!matches!(error, Error::Usage(_)) || code == EXIT_USAGE);
        }
        let terminal = Error::Terminal(io()).to_string();
        assert_eq!(terminal, "terminal: boom");
    }
}
