//! The system clipboard through arboard: opening it without hanging on a silent display, and
//! setting text with each platform's extensions (which selection, wait, history exclusion).

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::{Environment, Password};

/// How long opening the system clipboard may take: an X11 connection to a display that never
/// answers would otherwise hang the caller (arboard leaves timeouts to applications).
const OPEN_TIMEOUT: Duration = Duration::from_secs(3);

/// Linux and the other X11/Wayland systems: the copying process serves its copy, which ends
/// with it (arboard's `SetExtLinux` platforms). macOS and Windows keep copies by themselves.
pub(super) const COPIES_END_WITH_THE_PROCESS: bool = cfg!(all(
    unix,
    not(any(
        target_os = "macos",
        target_os = "android",
        target_os = "emscripten"
    ))
));

pub(super) const NO_DISPLAY: &str = "no display (DISPLAY and WAYLAND_DISPLAY are not set)";

pub(super) fn open_system(environment: Environment) -> Result<arboard::Clipboard, String> {
    if COPIES_END_WITH_THE_PROCESS && !environment.display {
        return Err(NO_DISPLAY.to_owned());
    }
    let (sender, receiver) = mpsc::channel();
    thread::Builder::new()
        .name("clipboard-open".to_owned())
        .spawn(move || {
            let _ = sender.send(arboard::Clipboard::new());
        })
        .map_err(|e| format!("cannot open the system clipboard: {e}"))?;
    match receiver.recv_timeout(OPEN_TIMEOUT) {
        Ok(Ok(clipboard)) => Ok(clipboard),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!(
            "the display did not answer within {} s",
            OPEN_TIMEOUT.as_secs()
        )),
    }
}

/// Whether a set blocks until something else is copied (the holder) or returns at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hold {
    No,
    UntilReplaced,
}

#[allow(unused_mut)] // `set` is only rebuilt on platforms with extensions.
pub(super) fn set_text(
    clipboard: &mut arboard::Clipboard,
    text: &str,
    password: Password,
    hold: Hold,
) -> Result<(), arboard::Error> {
    let mut set = clipboard.set();
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    {
        use arboard::{LinuxClipboardKind, SetExtLinux};
        set = set.clipboard(LinuxClipboardKind::Clipboard);
        if hold == Hold::UntilReplaced {
            set = set.wait();
        }
        if password == Password::Included {
            set = set.exclude_from_history();
        }
    }
    #[cfg(windows)]
    if password == Password::Included {
        use arboard::SetExtWindows;
        set = set.exclude_from_history();
    }
    #[cfg(target_os = "macos")]
    if password == Password::Included {
        use arboard::SetExtApple;
        set = set.exclude_from_history();
    }
    let _ = (password, hold);
    set.text(text)
}
