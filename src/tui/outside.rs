//! The effects that reach outside the app: the clipboard (copy, and the hand-over at quit),
//! importing files, saving an export, and `$EDITOR`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use super::action::Outcome;
use super::signals::{Ending, Signals};
use crate::clipboard::{Clipboard, Handover, Password, save_instead};
use crate::files::{self, NewWrite};
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

/// Writes an export to `path`. A new file is created without ever replacing one made
/// meanwhile; an existing file is replaced only when `replace` says the user agreed, else
/// it is reported ([`Outcome::SaveExists`]) with nothing written. A target that is not a
/// regular file (a FIFO, a device) is written to, never replaced.
pub(super) fn save(path: &Path, contents: &str, replace: bool, include_secrets: bool) -> Outcome {
    let written = if replace {
        let replaced = std::fs::metadata(path).is_ok_and(|meta| meta.is_file());
        files::write_atomic(path, contents.as_bytes()).map(|()| replaced)
    } else {
        match files::write_new(path, contents.as_bytes()) {
            Ok(NewWrite::Exists) => {
                return Outcome::SaveExists {
                    path: path.to_owned(),
                };
            }
            other => other.map(|_| false),
        }
    };
    match written {
        Ok(replaced) => Outcome::Saved {
            path: path.to_owned(),
            replaced,
            include_secrets,
        },
        Err(crate::error::Error::Io { source, .. }) => Outcome::SaveFailed(reason(&source)),
        Err(e) => Outcome::SaveFailed(e.to_string()),
    }
}

/// Why a save failed, in the few words the status line has room for: the dialog shows the
/// path (and the temp file's path that `tempfile` adds to its errors means nothing to the
/// user).
fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the folder is on a read-only file system".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        _ => error.to_string(),
    }
}

/// How often the wait for `$EDITOR` looks at the signals.
const EDITOR_POLL: Duration = Duration::from_millis(50);

/// Lets `$VISUAL` / `$EDITOR` (else `vi`) edit `text` in a private temp file. A signal that
/// ends linkcase meanwhile (SIGTERM, SIGHUP) is passed on to the editor; once it has exited
/// the temp file is removed and the edit is an error. SIGTSTP stops linkcase beside the
/// editor (which stops itself on Ctrl+Z), so the shell's `fg` continues both.
pub(super) fn edit_externally(text: &str, signals: &Signals) -> io::Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("linkcase-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    // Through the shell, so an $EDITOR with arguments ("code --wait") works; `exec`, so the
    // editor takes the shell's place and a Ctrl+C typed into it reaches no shell that would
    // die of it.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("exec {editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .spawn()?;
    let mut passed_on = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if passed_on.is_none()
            && let Some(Ending::Signal(signal)) = signals.ending_beside_a_program()
        {
            pass_on(&child, signal);
            passed_on = Some(signal);
        }
        if signals.take_stop() && super::signals::under_job_control() {
            super::signals::stop_here();
        }
        std::thread::sleep(EDITOR_POLL);
    };
    if let Some(signal) = passed_on {
        // `file` is removed as it drops.
        return Err(io::Error::other(format!(
            "{editor} was ended by signal {signal}, passed on from linkcase"
        )));
    }
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

/// Sends `signal` to the editor: to what its shell (`sh -c`) started, so the shell exits
/// once its editor has (and reaps it); to the shell itself when it has no child (it exec'd
/// the editor).
fn pass_on(child: &Child, signal: i32) {
    use rustix::process::{Pid, Signal, kill_process};

    let Some(signal) = [Signal::TERM, Signal::HUP, Signal::INT, Signal::QUIT]
        .into_iter()
        .find(|s| s.as_raw() == signal)
    else {
        return;
    };
    let editors = children(child.id());
    if editors.is_empty() {
        let _ = kill_process(Pid::from_child(child), signal);
    }
    for pid in editors {
        let _ = kill_process(pid, signal);
    }
}

/// The child processes of `pid` (Linux: `/proc/<pid>/task/*/children`; elsewhere none).
fn children(pid: u32) -> Vec<rustix::process::Pid> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|n| n.parse::<i32>().ok())
                .filter_map(rustix::process::Pid::from_raw)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_save_creates_a_new_file_and_never_replaces_one_unasked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acme-2026-11-30.txt");
        assert_eq!(
            save(&path, "first", false, false),
            Outcome::Saved {
                path: path.clone(),
                replaced: false,
                include_secrets: false,
            }
        );
        assert_eq!(
            save(&path, "second", false, true),
            Outcome::SaveExists { path: path.clone() }
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn a_save_told_to_replace_replaces_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.md");
        fs::write(&path, "old").unwrap();
        assert_eq!(
            save(&path, "new", true, true),
            Outcome::Saved {
                path: path.clone(),
                replaced: true,
                include_secrets: true,
            }
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let fresh = dir.path().join("fresh.md");
        assert!(matches!(
            save(&fresh, "x", true, false),
            Outcome::Saved {
                replaced: false,
                ..
            }
        ));
    }

    #[test]
    fn a_save_into_a_missing_folder_fails_saying_why_in_few_words() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("case.txt");
        let Outcome::SaveFailed(why) = save(&path, "x", false, false) else {
            panic!("saved into a missing folder");
        };
        assert_eq!(why, "no such folder");
    }

    #[cfg(unix)]
    #[test]
    fn a_save_to_a_fifo_writes_through_it_without_asking() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        assert_eq!(
            save(&fifo, "through the pipe", false, false),
            Outcome::Saved {
                path: fifo.clone(),
                replaced: false,
                include_secrets: false,
            }
        );
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}
