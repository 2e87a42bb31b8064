//! The `linkcase` binary: parse arguments, run, exit with the command's code.

// No `unwrap`/`expect` in shipped code; tests may use them.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

fn main() -> ExitCode {
    // Exit 101 (a panic) must never happen (DESIGN §5). Every error is handled; should a bug
    // panic anyway, say so plainly and exit 2 instead. The default hook has already printed
    // the panic message, which never contains a password (`Secret` has a redacting `Debug`).
    if let Ok(code) = std::panic::catch_unwind(|| linkcase::run(std::env::args_os())) {
        ExitCode::from(code)
    } else {
        eprintln!(
            "linkcase: internal error (a bug in linkcase); please report it with the command you ran"
        );
        ExitCode::from(2)
    }
}
