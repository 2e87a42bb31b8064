//! What the user asked for ([`Action`]), what the loop must do about it ([`Effect`]), and
//! how that went ([`Outcome`], fed back as an action).

use std::path::PathBuf;
use std::time::Instant;

use ratatui_textarea::Input;

use crate::case::Finding;
use crate::case::{Case, FieldId, StepState};
use crate::clipboard::{Copied, Password};
use crate::export::Format;
use crate::import::ImportNote;
use crate::store::{Access, DraftSummary};
use crate::tui::app::Status;

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
    /// Import SMAPI / ASK CLI / case files into the case (asks the paths).
    Import,
    /// Save an export (asks the format, the password and the file's name first).
    Save,
    /// Next field.
    NextField,
    /// Previous field.
    PrevField,
    /// The first field of the next section ("File the case" after the last).
    NextSection,
    /// The first field of the previous section.
    PrevSection,
    /// Answer the highlighted step of the steps grid (`None` clears it).
    Answer(Option<StepState>),
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
    /// Add the list input's entries exactly as typed, not as the Domain List offer has them.
    AddAsTyped,
    /// Replace the highlighted Domain List entry with the bare hostname it means.
    FixEntry,
    /// Move the highlighted list entry one place up.
    MoveEntryUp,
    /// Move the highlighted list entry one place down.
    MoveEntryDown,
    /// Undo the last change to the focused field (kept across visits).
    Undo,
    /// Put back what the last undo in the focused field took back.
    Redo,
    /// Empty the line typed in a dialog (a draft's name, the paths, a file name).
    ClearLine,
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
    /// The mouse wheel: `true` down, `false` up.
    Wheel(bool),
    /// The terminal's new size (width, height).
    Resize(u16, u16),
    /// Open or close the drafts screen.
    Drafts,
    /// Start a new draft (drafts screen).
    NewDraft,
    /// Duplicate the highlighted draft.
    DuplicateDraft,
    /// Rename the highlighted draft (asks the name).
    RenameDraft,
    /// Delete the highlighted draft (asks first).
    DeleteDraft,
    /// The loop's clock: a pending draft save that is due is asked for.
    Tick(Instant),
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
        /// The text export, for filing the case.
        text: String,
        /// Whether the password is in it (`copy_includes_password`, on by default).
        password: Password,
    },
    /// Import these files (`linkcase import`), for the app to merge into the case.
    Import {
        /// The files, as typed.
        paths: Vec<PathBuf>,
        /// The ASK CLI profile, when a file has several.
        profile: Option<String>,
    },
    /// Write an export to `path`. Unless `replace` is set, an existing file is left as it
    /// is and reported ([`Outcome::SaveExists`]); a target that is not a regular file (a
    /// FIFO, a device) is written to, never replaced.
    Save {
        /// The full path, as the save dialog showed it.
        path: PathBuf,
        /// The export.
        contents: String,
        /// Its format.
        format: Format,
        /// Whether the password is in it.
        include_secrets: bool,
        /// Whether an existing file may be replaced (the user said so).
        replace: bool,
    },
    /// Edit `text` in `$EDITOR`, then feed it back to `field`.
    EditExternally {
        /// The field being edited.
        field: FieldId,
        /// Its current text.
        text: String,
    },
    /// Save the case to its draft.
    SaveDraft(DraftSave),
    /// Work on the drafts, after saving the case's pending changes if there are any.
    Draft {
        /// The pending save, done first.
        flush: Option<DraftSave>,
        /// What to do.
        op: DraftOp,
    },
}

/// The case as its draft will hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSave {
    /// The draft; `None` for a new one (named at this first save).
    pub id: Option<String>,
    /// The canonical case file, password included.
    pub json: String,
    /// Which change this is (a save of an older one does not count as up to date).
    pub revision: u64,
}

/// An operation on the drafts folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftOp {
    /// List the drafts.
    List,
    /// Open this draft in the form.
    Open(String),
    /// Start a new case.
    New,
    /// Copy this draft to a new one.
    Duplicate(String),
    /// Rename a draft.
    Rename {
        /// Its id.
        from: String,
        /// The name typed.
        to: String,
    },
    /// Delete this draft.
    Delete(String),
}

/// How an [`Effect`] went.
#[derive(Debug, Clone, PartialEq)]
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
    /// Nothing was written: a file is already there (asked only when `replace` was not set).
    SaveExists {
        /// The file.
        path: PathBuf,
    },
    /// The export could not be written.
    SaveFailed(String),
    /// The copy was made: where it went, truthfully.
    Copied {
        /// Where the text went.
        to: Copied,
        /// Whether the password is in it.
        password: Password,
        /// When it reached no clipboard: the file it was saved to instead, or why that
        /// failed too.
        saved: Option<Result<PathBuf, String>>,
        /// "no system clipboard: …", the first time only.
        notice: Option<String>,
    },
    /// The files were imported.
    Imported {
        /// The case assembled from them.
        case: Box<Case>,
        /// What came from where, and what was left out.
        report: Vec<ImportNote>,
        /// Pitfalls only visible in the raw files.
        lints: Vec<Finding>,
    },
    /// The files could not be imported (the error names the file).
    ImportFailed(String),
    /// `$EDITOR` returned this text for the field.
    Edited {
        /// The field.
        field: FieldId,
        /// The new text.
        text: String,
    },
    /// `$EDITOR` could not be run or its file read.
    EditFailed(String),
    /// The draft was saved.
    DraftSaved {
        /// Its id.
        id: String,
        /// The revision saved.
        revision: u64,
    },
    /// The draft could not be saved (it is tried again).
    DraftSaveFailed(String),
    /// The drafts as they are now, with what the operation did (or why it failed).
    DraftsListed {
        /// Newest first.
        drafts: Vec<DraftSummary>,
        /// What to say about it.
        notice: Option<Status>,
        /// The open draft's new id, when it was renamed.
        renamed: Option<(String, String)>,
    },
    /// Another case is open now.
    DraftOpened {
        /// Its draft; `None` for a new case not saved yet.
        id: Option<String>,
        /// The case.
        case: Box<Case>,
        /// JSON paths that lost control characters on loading.
        sanitized: Vec<String>,
        /// Whether it may be edited.
        access: Access,
    },
}
