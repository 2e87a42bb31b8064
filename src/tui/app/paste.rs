//! Pastes: made safe (line ends, banned characters, length) and put into the focused editor.

use super::list::split_entries;
use super::{AddAs, App, Tone};
use crate::case::sanitize::sanitize;
use crate::tui::editor::Editor;

/// The most characters one paste puts into a field; the rest is dropped with a notice.
pub const MAX_PASTE: usize = 10_000;

/// A paste made safe: CRLF and lone CR become LF, banned characters go, long text is cut.
/// Returns the text and whether it was cut.
#[must_use]
pub fn clean_paste(raw: &str) -> (String, bool) {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let clean = sanitize(&unified);
    let cut = clean.chars().count() > MAX_PASTE;
    let text = if cut {
        clean.chars().take(MAX_PASTE).collect()
    } else {
        clean.into_owned()
    };
    (text, cut)
}

impl App {
    /// A paste, made safe, into the focused editor. A pasted line break never moves on.
    pub(super) fn paste(&mut self, raw: &str) {
        let (text, cut) = clean_paste(raw);
        if cut {
            self.set_status(
                Tone::Warning,
                format!("Paste cut to its first {MAX_PASTE} characters"),
            );
        }
        match &mut self.editor {
            Editor::Lines(area) => {
                area.insert_str(&text);
            }
            Editor::List { input, .. } if split_entries(&text).len() > 1 => {
                input.insert_str(split_entries(&text).join(" "));
                // Entries the Domain List would take otherwise than pasted wait in the input
                // with the offer under it; the rest go in at once.
                if self.input_offer().is_none() {
                    self.add_entry(AddAs::Typed);
                    return;
                }
            }
            Editor::Line(area)
            | Editor::List { input: area, .. }
            | Editor::Zone { input: area, .. } => {
                area.insert_str(text.replace(['\n', '\t'], " ").trim());
            }
            Editor::Choice { .. } | Editor::ReadOnly => {
                self.set_status(
                    Tone::Info,
                    "Paste goes into text fields; this one is chosen",
                );
                return;
            }
        }
        self.edited();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_normalises_line_ends_and_strips_controls() {
        let (text, cut) = clean_paste("a\r\nb\rc\u{1b}[31m\u{202e}d");
        assert_eq!(text, "a\nb\nc[31md");
        assert!(!cut);
    }

    #[test]
    fn huge_paste_is_cut() {
        let (text, cut) = clean_paste(&"x".repeat(MAX_PASTE + 5));
        assert_eq!(text.chars().count(), MAX_PASTE);
        assert!(cut);
    }
}
