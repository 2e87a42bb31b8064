//! What the status line says after a copy (Ctrl+Y): truthfully where the text went, whether
//! the password is in it, and, once, why there is no system clipboard.

use std::path::PathBuf;

use super::Tone;
use crate::clipboard::{Copied, Password};

/// The status line for a copy that went `to`, with `password`; `saved` is the file the text
/// went to instead when it reached no clipboard (or why that failed), `notice` the one-time
/// "no system clipboard: …".
#[must_use]
pub fn copied_status(
    to: &Copied,
    password: Password,
    saved: Option<&Result<PathBuf, String>>,
    notice: Option<String>,
) -> (Tone, String) {
    let password = password.describe();
    let (tone, mut text) = match (to, saved) {
        (Copied::System, _) => (
            Tone::Success,
            format!("Copied to the clipboard ({password})"),
        ),
        (Copied::Osc52, _) => (
            Tone::Success,
            format!("Sent to the terminal's clipboard (OSC 52; {password})"),
        ),
        (Copied::Both, _) => (
            Tone::Success,
            format!(
                "Copied to the clipboard and sent to the terminal's clipboard (OSC 52; {password})"
            ),
        ),
        (Copied::Nowhere(_), Some(Ok(path))) => (
            Tone::Warning,
            format!(
                "No clipboard: saved to {} instead ({password})",
                path.display()
            ),
        ),
        (Copied::Nowhere(reason), Some(Err(why))) => (
            Tone::Error,
            format!("Not copied: no clipboard ({reason}), and saving to a file failed: {why}"),
        ),
        (Copied::Nowhere(reason), None) => {
            (Tone::Error, format!("Not copied: no clipboard ({reason})"))
        }
    };
    // The reason matters when the copy went somewhere else than the system clipboard; when it
    // went nowhere the file (or the failure) says enough.
    if let Some(notice) = notice
        && to.reached_a_clipboard()
    {
        text.push_str(" · ");
        text.push_str(&notice);
    }
    (tone, text)
}
