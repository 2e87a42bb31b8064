//! What the user asked for ([`Action`]), what the loop must do about it ([`Effect`]), and
//! how that went ([`Outcome`], fed back as an action).

use std::path::PathBuf;

use ratatui_textarea::Input;

use crate::case::FieldId;
use crate::export::Format;

/// One thing the user did, already mapped from a terminal event by the keymap.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Open or close the key help.
    Help,
    /// Open or close the review screen.
    Review,
    /// Copy the case for filing.
    Copy,
    /// Save an export (asks format and password first).
    Save,
    /// Next field.
    NextField,
    /// Previous field.
    PrevField,
    /// Toggle the highlighted option of a choice.
    Toggle,
    /// Highlight the previous option / entry / match.
    Prev,
    /// Highlight the next option / entry / match.
    Next,
    /// Confirm: pick the zone match, add the list entry, choose in a dialog, jump to a finding.
    Confirm,
    /// Close a dialog or a search, or go back.
    Cancel,
    /// Insert a line break in multi-line text.
    Newline,
    /// Show or hide the password.
    Reveal,
    /// Edit multi-line text in `$EDITOR`.
    EditExternally,
    /// Delete the highlighted list entry.
    DeleteEntry,
    /// Move the highlighted list entry into the input to change it.
    EditEntry,
    /// Move the highlighted list entry one place up.
    MoveEntryUp,
    /// Move the highlighted list entry one place down.
    MoveEntryDown,
    /// Undo the last edit in a text field.
    Undo,
    /// Scroll up a page (review, help).
    PageUp,
    /// Scroll down a page (review, help).
    PageDown,
    /// Jump to this field.
    Focus(FieldId),
    /// A key for the focused text editor.
    Input(Input),
    /// Bracketed paste.
    Paste(String),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The terminal's new size (width, height).
    Resize(u16, u16),
    /// What came of an [`Effect`].
    Outcome(Outcome),
}

/// I/O that `update` asks the loop to do; drawing and updating never do I/O themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Put this text on the clipboard.
    Copy {
        /// The text export, password included (it is made to file the case).
        text: String,
    },
    /// Write an export to `file_name` in the current directory.
    Save {
        /// `linkcase-case.<ext>`.
        file_name: String,
        /// The export.
        contents: String,
        /// Its format.
        format: Format,
        /// Whether the password is in it.
        include_secrets: bool,
    },
    /// Edit `text` in `$EDITOR`, then feed it back to `field`.
    EditExternally {
        /// The field being edited.
        field: FieldId,
        /// Its current text.
        text: String,
    },
}

/// How an [`Effect`] went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The export was written.
    Saved {
        /// Where.
        path: PathBuf,
        /// Whether it replaced an earlier file.
        replaced: bool,
        /// Whether the password is in it.
        include_secrets: bool,
    },
    /// The export could not be written.
    SaveFailed(String),
    /// There is no clipboard support yet.
    NoClipboard,
    /// `$EDITOR` returned this text for the field.
    Edited {
        /// The field.
        field: FieldId,
        /// The new text.
        text: String,
    },
    /// `$EDITOR` could not be run or its file read.
    EditFailed(String),
}
