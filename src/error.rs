//! The one error type at the boundary, and the exit codes it maps to (DESIGN §5).

use std::path::PathBuf;

use crate::case::LoadError;

/// Exit code: success (for `validate`: no errors, warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit code: a case has errors, or the answer is "no" (`utc` at a DST edge, `zones` with no match).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: unreadable input or bad usage.
pub const EXIT_USAGE: u8 = 2;

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
    /// A definite "no" that is not a malfunction: the message says what and why.
    #[error("{0}")]
    No(String),
}

impl Error {
    /// The process exit code for this error.
    #[must_use]
    pub const fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) | Self::Io { .. } => EXIT_USAGE,
            Self::Load { source, .. } => source.exit_code(),
            Self::No(_) => EXIT_FINDINGS,
        }
    }
}

/// Shorthand for command results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
