//! The case's draft: every change is saved, debounced ([`DEBOUNCE`] after the first
//! unsaved change, so never much more behind), through an effect the loop performs; the
//! drafts screen (open, new, duplicate, rename, delete); read-only drafts.

use std::time::{Duration, Instant};

use ratatui_textarea::{Input, Key};

use super::status::About;
use super::{App, Dialog, Screen, Status, Tone};
use crate::case::load::{Loaded, to_json};
use crate::store::{Access, DraftSummary};
use crate::tui::action::{Action, DraftOp, DraftSave, Effect, Outcome};

/// How long after the first unsaved change the draft is saved.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// The case's draft and what of it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The draft's id; `None` until a new case is first saved.
    pub id: Option<String>,
    /// Whether edits may be saved.
    pub access: Access,
    /// Bumped by every change.
    pub(super) revision: u64,
    /// The revision on disk.
    saved: u64,
    /// When the pending save is due.
    due: Option<Instant>,
    /// Whether quitting with a draft that cannot be saved was asked about.
    quit: QuitQuestion,
}

/// Quitting while the draft cannot be saved (a full disk): asked once, a second Ctrl+Q quits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitQuestion {
    /// Not asked (or another key came since).
    NotAsked,
    /// Asked: Ctrl+Q again quits, losing the changes not saved.
    Asked,
}

impl Draft {
    /// A draft with nothing unsaved.
    #[must_use]
    pub const fn new(id: Option<String>, access: Access) -> Self {
        Self {
            id,
            access,
            revision: 0,
            saved: 0,
            due: None,
            quit: QuitQuestion::NotAsked,
        }
    }

    /// Whether there are changes not on disk yet.
    #[must_use]
    pub const fn is_dirty(&self) -> bool {
        self.revision != self.saved
    }

    /// Whether anything changed since the case was opened.
    #[must_use]
    pub const fn is_changed(&self) -> bool {
        self.revision != 0
    }
}

impl App {
    /// The case's draft.
    #[must_use]
    pub const fn draft(&self) -> &Draft {
        &self.draft
    }

    /// The drafts as last listed (drafts screen).
    #[must_use]
    pub fn drafts(&self) -> &[DraftSummary] {
        &self.drafts
    }

    /// The name typed in the rename dialog.
    #[must_use]
    pub fn draft_name(&self) -> &str {
        &self.draft_name
    }

    /// Sets which draft the case is saved to (at start).
    pub fn set_draft(&mut self, id: Option<String>, access: Access) {
        self.draft = Draft::new(id, access);
        if access != Access::ReadWrite {
            self.read_only_notice();
        }
    }

    /// Shows a message in the status line.
    pub fn notify(&mut self, tone: Tone, text: impl Into<String>) {
        self.set_status(tone, text);
    }

    /// At quit the draft could not be saved (`why`): the first time this asks whether to quit
    /// anyway and returns `false` (stay); asked already, it returns `true` (quit).
    pub fn quit_unsaved(&mut self, why: &str) -> bool {
        if self.draft.quit == QuitQuestion::Asked {
            return true;
        }
        self.draft.quit = QuitQuestion::Asked;
        self.set_status_about(
            About::QuitQuestion,
            Tone::Error,
            format!(
                "The draft could not be saved: quit anyway? Ctrl+Q again quits and loses the last changes ({why})"
            ),
        );
        false
    }

    /// The quit question is no longer asked (its message went).
    pub(super) const fn withdraw_quit(&mut self) {
        self.draft.quit = QuitQuestion::NotAsked;
    }

    /// Any action but quitting (and the loop's own) withdraws the quit question.
    pub(super) fn withdraw_quit_question(&mut self, action: &Action) {
        if !matches!(
            action,
            Action::Quit | Action::Tick(_) | Action::Outcome(_) | Action::Resize(..)
        ) {
            self.draft.quit = QuitQuestion::NotAsked;
        }
    }

    /// Records a change to the case: the draft save is scheduled.
    pub(super) fn changed(&mut self) {
        self.draft.revision += 1;
    }

    /// How long the loop may wait before the next [`Action::Tick`] is due; `None` when no
    /// save is pending.
    #[must_use]
    pub fn save_due_in(&self, now: Instant) -> Option<Duration> {
        if !self.draft.is_dirty() || self.draft.access != Access::ReadWrite {
            return None;
        }
        Some(
            self.draft
                .due
                .map_or(Duration::ZERO, |due| due.saturating_duration_since(now)),
        )
    }

    /// The save of every pending change, now (on quit and on SIGTERM/SIGHUP).
    pub fn flush(&mut self) -> Option<Effect> {
        self.pending_save().map(Effect::SaveDraft)
    }

    fn pending_save(&mut self) -> Option<DraftSave> {
        (self.draft.is_dirty() && self.draft.access == Access::ReadWrite).then(|| {
            self.draft.due = None;
            DraftSave {
                id: self.draft.id.clone(),
                json: to_json(&self.case, true),
                revision: self.draft.revision,
            }
        })
    }

    pub(super) fn tick(&mut self, now: Instant) -> Option<Effect> {
        if !self.draft.is_dirty() {
            self.draft.due = None;
            return None;
        }
        let due = *self.draft.due.get_or_insert(now + DEBOUNCE);
        if now >= due { self.flush() } else { None }
    }

    pub(super) fn read_only_notice(&mut self) {
        let text = match self.draft.access {
            Access::ReadWrite => return,
            Access::ReadOnly { version } => format!(
                "Read-only: this draft is from a newer linkcase (schema {version}); it is shown, never changed"
            ),
            Access::OpenElsewhere(elsewhere) => format!(
                "Read-only: draft {} is {elsewhere}",
                self.draft.id.as_deref().unwrap_or_default()
            ),
        };
        self.set_status(Tone::Warning, text);
    }

    /// Undoes an edit of a read-only draft and says why.
    pub(super) fn refuse_edit(&mut self, before: crate::case::Case) {
        self.case = before;
        self.draft.revision = self.draft.saved;
        self.editor = crate::tui::editor::Editor::for_field(self.field(), &self.case, self.reveal);
        self.revalidate();
        self.read_only_notice();
    }

    fn draft_op(&mut self, op: DraftOp) -> Effect {
        Effect::Draft {
            flush: self.pending_save(),
            op,
        }
    }

    fn selected_draft(&self) -> Option<&DraftSummary> {
        match self.screen {
            Screen::Drafts { selected } => self.drafts.get(selected),
            _ => None,
        }
    }

    /// Opens the drafts screen (listing them afresh).
    pub(super) fn open_drafts(&mut self) -> Effect {
        self.screen = Screen::Drafts { selected: 0 };
        self.draft_op(DraftOp::List)
    }

    /// Keys on the drafts screen.
    pub(super) fn drafts_action(&mut self, action: &Action) -> Option<Effect> {
        let Screen::Drafts { selected } = self.screen else {
            return None;
        };
        let last = self.drafts.len().saturating_sub(1);
        let id = self.selected_draft().map(|d| d.id.clone());
        match action {
            Action::Prev => {
                self.screen = Screen::Drafts {
                    selected: selected.saturating_sub(1),
                }
            }
            Action::Next => {
                self.screen = Screen::Drafts {
                    selected: (selected + 1).min(last),
                }
            }
            Action::Drafts | Action::Cancel => self.screen = Screen::Form,
            Action::Confirm => match id {
                Some(id) if self.draft.id.as_ref() == Some(&id) => self.screen = Screen::Form,
                Some(id) => return Some(self.draft_op(DraftOp::Open(id.clone()))),
                None => {}
            },
            Action::NewDraft => return Some(self.draft_op(DraftOp::New)),
            Action::DuplicateDraft => return id.map(|id| self.draft_op(DraftOp::Duplicate(id))),
            Action::RenameDraft => {
                if let Some(id) = id {
                    self.draft_name = id;
                    self.dialog = Some(Dialog::RenameDraft);
                }
            }
            Action::DeleteDraft => match id {
                Some(id) if self.draft.id.as_ref() == Some(&id) => self.set_status(
                    Tone::Warning,
                    "This draft is open: open another one (or a new one) to delete it",
                ),
                Some(_) => self.dialog = Some(Dialog::DeleteDraft { selected: 0 }),
                None => {}
            },
            _ => {}
        }
        None
    }

    /// The rename dialog's typing.
    pub(super) fn type_draft_name(&mut self, action: &Action) {
        type_line(&mut self.draft_name, action, 64);
    }

    /// Confirming the rename or delete dialog.
    pub(super) fn confirm_draft_dialog(&mut self, dialog: Dialog) -> Option<Effect> {
        let id = self.selected_draft()?.id.clone();
        match dialog {
            Dialog::RenameDraft => {
                let to = std::mem::take(&mut self.draft_name);
                Some(self.draft_op(DraftOp::Rename { from: id, to }))
            }
            Dialog::DeleteDraft { selected: 1 } => Some(self.draft_op(DraftOp::Delete(id))),
            _ => None,
        }
    }

    /// What came of a draft effect.
    pub(super) fn draft_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::DraftSaved { id, revision } => {
                let first = self.draft.id.is_none();
                self.draft.id = Some(id.clone());
                self.draft.saved = self.draft.saved.max(revision);
                self.draft_saved_after_failure();
                if first && self.status.is_none() {
                    self.set_status(
                        Tone::Info,
                        format!("Saving as draft {id} (Ctrl+O lists drafts)"),
                    );
                }
            }
            Outcome::DraftSaveFailed(why) => {
                self.draft.due = None;
                self.set_status_about(
                    About::DraftSaveFailed,
                    Tone::Error,
                    format!("Draft not saved (trying again): {why}"),
                );
            }
            Outcome::DraftsListed {
                drafts,
                notice,
                renamed,
            } => {
                self.drafts = drafts;
                if let Screen::Drafts { selected } = self.screen {
                    let selected = selected.min(self.drafts.len().saturating_sub(1));
                    self.screen = Screen::Drafts { selected };
                }
                if let Some((from, to)) = renamed
                    && self.draft.id.as_deref() == Some(from.as_str())
                {
                    self.draft.id = Some(to);
                }
                if let Some(Status { text, tone }) = notice {
                    self.set_status(tone, text);
                }
            }
            Outcome::DraftOpened {
                id,
                case,
                sanitized,
                access,
            } => {
                let env = self.env();
                let drafts = std::mem::take(&mut self.drafts);
                let size = self.size;
                let save_format = self.save_format;
                let copy_password = self.copy_password;
                let text = match (&id, access) {
                    (_, Access::ReadOnly { .. } | Access::OpenElsewhere(_)) => None,
                    (Some(id), _) => Some(format!("Opened draft {id}")),
                    (None, _) => Some("New case: it is saved as a draft as you type".to_owned()),
                };
                *self = Self::open(
                    Loaded {
                        case: *case,
                        sanitized,
                    },
                    env,
                );
                self.size = size;
                self.drafts = drafts;
                self.save_format = save_format;
                self.copy_password = copy_password;
                self.set_draft(id, access);
                if let (Some(text), None) = (text, &self.status) {
                    self.set_status(Tone::Info, text);
                }
            }
            _ => {}
        }
    }
}

/// Typing into a one-line dialog: characters up to `max`, Backspace, and a paste on one line.
pub(super) fn type_line(buffer: &mut String, action: &Action, max: usize) {
    match action {
        Action::Input(Input {
            key: Key::Char(c),
            ctrl: false,
            alt: false,
            ..
        }) if buffer.chars().count() < max => buffer.push(*c),
        Action::Input(Input {
            key: Key::Backspace,
            ..
        }) => {
            buffer.pop();
        }
        Action::ClearLine => buffer.clear(),
        Action::Paste(text) => {
            let (clean, _) = super::paste::clean_paste(text);
            let room = max.saturating_sub(buffer.chars().count());
            let line = clean.replace(['\n', '\t'], " ");
            buffer.extend(line.trim().chars().take(room));
        }
        _ => {}
    }
}
