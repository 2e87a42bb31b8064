//! The effects that reach outside the app: the clipboard (copy, and the hand-over at quit),
//! importing files, and `$EDITOR`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::action::Outcome;
use crate::clipboard::{Clipboard, Handover, Password, save_instead};
use crate::import::import_files;

/// At quit, after the terminal is restored: the last copy is handed to a holder process so
/// it outlives linkcase (Linux). Without a display there is nothing to hand over, and the
/// clipboard module bounds every wait, so this never hangs.
pub(super) fn hand_over_clipboard(clipboard: Clipboard) {
    if let Handover::Failed(why) = clipboard.finish() {
        let _ = writeln!(
            io::stderr().lock(),
            "linkcase: the last copy ends with linkcase: {why}"
        );
    }
}

/// Copies `text` and says where it went; a copy that reached no clipboard is saved to a
/// private file (0600) in the data folder, else the current folder.
pub(super) fn copy(
    clipboard: &mut Clipboard,
    data_dir: &Path,
    text: &str,
    password: Password,
) -> Outcome {
    let to = clipboard.copy(text, password);
    let saved = (!to.reached_a_clipboard()).then(|| {
        save_instead(data_dir, text)
            .or_else(|_| save_instead(Path::new("."), text))
            .map_err(|e| e.to_string())
    });
    Outcome::Copied {
        to,
        password,
        saved,
        notice: clipboard.take_notice(),
    }
}

/// Imports `paths` (a leading `~/` is the home folder).
pub(super) fn import(paths: &[PathBuf], profile: Option<&str>) -> Outcome {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let paths: Vec<PathBuf> = paths
        .iter()
        .map(|path| match (path.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => home.join(rest),
            _ => path.clone(),
        })
        .collect();
    match import_files(&paths, profile) {
        Ok(imported) => Outcome::Imported {
            case: Box::new(imported.case),
            report: imported.report,
            lints: imported.lints,
        },
        Err(e) => Outcome::ImportFailed(e.to_string()),
    }
}

/// Lets `$VISUAL` / `$EDITOR` (else `vi`) edit `text` in a private temp file.
pub(super) fn edit_externally(text: &str) -> io::Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("linkcase-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    // Through the shell, so an $EDITOR with arguments ("code --wait") works.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(io::Error::other(format!("{editor} exited with {status}")));
    }
    let mut edited = std::fs::read_to_string(file.path())?;
    // Editors end the file with a newline the field did not have.
    if edited.ends_with('\n') && !text.ends_with('\n') {
        edited.pop();
    }
    Ok(edited)
}
