//! Dialogs (help, save, the drafts' rename and delete, import), and what the loop reports
//! back after performing an effect. The save's last steps are in [`super::save`].

use super::{App, Tone};
use crate::clipboard::Password;
use crate::export::{self, Format, Options};
use crate::tui::action::{Action, Effect, Outcome};
use crate::tui::editor::Editor;

/// The choices of the save dialog's second step.
pub const SECRET_CHOICES: [&str; 2] = ["Leave the password out", "Include the password"];
/// The choices of the delete question.
pub const DELETE_CHOICES: [&str; 2] = ["Keep it", "Delete it"];

/// A dialog over the screen; it takes the keys until it is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// The key help, scrolled this far.
    Help {
        /// Lines scrolled.
        scroll: u16,
    },
    /// Save, step one: the format.
    SaveFormat {
        /// Index into [`Format::ALL`].
        selected: usize,
    },
    /// Save, step two: with or without the password (an explicit choice).
    SaveSecrets {
        /// The format chosen.
        format: Format,
        /// Index into [`SECRET_CHOICES`].
        selected: usize,
    },
    /// Save, step three: the file's name ([`App::save_name`]), shown as the full path it
    /// saves to ([`App::save_path`]).
    SaveName {
        /// The format chosen.
        format: Format,
        /// Whether the password is in the export.
        include_secrets: bool,
    },
    /// The file is there already ([`App::save_replacing`]): replace it?
    SaveReplace {
        /// The format chosen.
        format: Format,
        /// Whether the password is in the export.
        include_secrets: bool,
        /// Index into [`super::REPLACE_CHOICES`]: 0 keeps the file.
        selected: usize,
    },
    /// The new name of the highlighted draft (the text is [`App::draft_name`]).
    RenameDraft,
    /// Delete the highlighted draft?
    DeleteDraft {
        /// 0 = keep, 1 = delete.
        selected: usize,
    },
    /// The files to import (the text is [`App::import_paths`]).
    Import,
    /// What the last import took from where ([`App::import_report`]), scrolled this far.
    ImportReport {
        /// Lines scrolled.
        scroll: u16,
    },
}

impl Dialog {
    /// How many choices the dialog offers (0 for help).
    #[must_use]
    pub const fn choices(self) -> usize {
        match self {
            Self::Help { .. }
            | Self::RenameDraft
            | Self::Import
            | Self::ImportReport { .. }
            | Self::SaveName { .. } => 0,
            Self::SaveSecrets { .. } | Self::SaveReplace { .. } | Self::DeleteDraft { .. } => 2,
            Self::SaveFormat { .. } => Format::ALL.len(),
        }
    }

    /// Whether the dialog takes typed text (all keys but Enter and Esc go to it).
    #[must_use]
    pub const fn takes_text(self) -> bool {
        matches!(
            self,
            Self::RenameDraft | Self::Import | Self::SaveName { .. }
        )
    }

    /// Whether this is a step of saving an export.
    #[must_use]
    pub const fn is_save(self) -> bool {
        matches!(
            self,
            Self::SaveFormat { .. }
                | Self::SaveSecrets { .. }
                | Self::SaveName { .. }
                | Self::SaveReplace { .. }
        )
    }
}

impl App {
    pub(super) fn copy(&mut self) -> Effect {
        let include_secrets = self.copy_password;
        Effect::Copy {
            text: export::render(
                &self.case,
                Format::Text,
                Options {
                    include_secrets,
                    with_checks: false,
                },
            ),
            password: if include_secrets {
                Password::Included
            } else {
                Password::LeftOut
            },
        }
    }

    pub(super) fn dialog_action(&mut self, action: &Action) -> Option<Effect> {
        let dialog = self.dialog?;
        let step = |selected: usize, by: isize| {
            selected
                .saturating_add_signed(by)
                .min(dialog.choices().saturating_sub(1))
        };
        let moved = |by: isize| match dialog {
            Dialog::Help { scroll } => Dialog::Help {
                scroll: scroll.saturating_add_signed(i16::try_from(by).unwrap_or(0)),
            },
            Dialog::SaveFormat { selected } => Dialog::SaveFormat {
                selected: step(selected, by),
            },
            Dialog::SaveSecrets { format, selected } => Dialog::SaveSecrets {
                format,
                selected: step(selected, by),
            },
            Dialog::SaveReplace {
                format,
                include_secrets,
                selected,
            } => Dialog::SaveReplace {
                format,
                include_secrets,
                selected: step(selected, by),
            },
            Dialog::RenameDraft | Dialog::Import | Dialog::SaveName { .. } => dialog,
            Dialog::ImportReport { scroll } => Dialog::ImportReport {
                scroll: scroll.saturating_add_signed(i16::try_from(by).unwrap_or(0)),
            },
            Dialog::DeleteDraft { selected } => Dialog::DeleteDraft {
                selected: step(selected, by),
            },
        };
        match action {
            Action::Prev => self.dialog = Some(moved(-1)),
            Action::Next => self.dialog = Some(moved(1)),
            Action::PageUp => self.dialog = Some(moved(-10)),
            Action::PageDown => self.dialog = Some(moved(10)),
            Action::Cancel => {
                self.dialog = None;
                if dialog.is_save() {
                    self.cancel_save();
                }
            }
            Action::Confirm => return self.confirm(dialog),
            _ if dialog == Dialog::RenameDraft => self.type_draft_name(action),
            _ if dialog == Dialog::Import => {
                super::draft::type_line(&mut self.import_paths, action, 4096);
            }
            _ if matches!(dialog, Dialog::SaveName { .. }) => self.type_save_name(action),
            _ => {}
        }
        None
    }

    fn confirm(&mut self, dialog: Dialog) -> Option<Effect> {
        self.dialog = None;
        match dialog {
            Dialog::Help { .. } | Dialog::ImportReport { .. } => None,
            Dialog::Import => self.confirm_import(),
            Dialog::RenameDraft | Dialog::DeleteDraft { .. } => self.confirm_draft_dialog(dialog),
            Dialog::SaveFormat { selected } => {
                let format = Format::ALL.get(selected).copied().unwrap_or_default();
                self.dialog = Some(Dialog::SaveSecrets {
                    format,
                    selected: 0,
                });
                None
            }
            Dialog::SaveSecrets { format, selected } => {
                self.ask_save_name(format, selected == 1);
                None
            }
            Dialog::SaveName {
                format,
                include_secrets,
            } => self.confirm_save_name(format, include_secrets),
            Dialog::SaveReplace {
                format,
                include_secrets,
                selected,
            } => self.confirm_replace(format, include_secrets, selected),
        }
    }

    pub(super) fn outcome(&mut self, outcome: Outcome) {
        match outcome {
            saved @ (Outcome::Saved { .. }
            | Outcome::SaveExists { .. }
            | Outcome::SaveFailed(_)) => {
                self.save_outcome(saved);
            }
            Outcome::Copied {
                to,
                password,
                saved,
                notice,
            } => {
                let (tone, text) =
                    super::clip::copied_status(&to, password, saved.as_ref(), notice);
                self.set_status(tone, text);
            }
            Outcome::Imported {
                case,
                report,
                lints,
            } => self.imported(&case, &report, &lints),
            Outcome::ImportFailed(why) => self.import_failed(&why),
            Outcome::Edited { field, text } => {
                crate::case::value::set_text(&mut self.case, field, &text);
                self.changed();
                if self.field().id == field {
                    self.editor = Editor::for_field(self.field(), &self.case, self.reveal);
                }
                self.revalidate();
                self.set_status(Tone::Info, "Text read back from the editor");
            }
            Outcome::EditFailed(why) => {
                self.set_status(Tone::Error, format!("External editor failed: {why}"));
            }
            other => self.draft_outcome(other),
        }
    }
}
