//! Writing to stdout without panicking when the reader goes away (`linkcase zones | head`).

use std::io::{self, Write};

use crate::error::{Error, Result};

/// Writes all of `text` to stdout. A closed pipe is [`Error::ClosedPipe`]: the reader has
/// what it wanted, so the command stops quietly with the conventional status (141).
pub fn print(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Error::ClosedPipe),
        Err(e) => Err(Error::Io {
            path: "<stdout>".into(),
            source: e,
        }),
    }
}

/// Writes one line to stderr, ignoring failures (there is nowhere left to report them).
/// A note is one line by design: anything in it that could drive the terminal or start
/// another line (it came from a file name, a key…) is escaped.
pub fn note(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", crate::escape::shown(text));
}
