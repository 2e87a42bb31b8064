//! The review screen's findings: the validation findings (is the case complete and
//! well-formed) and then the lint findings (would Alexa trip over this configuration, as
//! `linkcase check` says), one of which is highlighted to jump to.

use super::{App, Screen};
use crate::case::{Class, FieldId, Finding, Severity, Subject, checklist};
use crate::tui::action::Action;

/// How a finding on the review screen is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMark {
    /// A validation error or a lint error: ✗.
    Error,
    /// A validation warning or a lint warning: !.
    Warning,
    /// A lint hint (where to look, given the symptoms): ·.
    Hint,
}

impl ReviewMark {
    /// The mark drawn before the finding.
    #[must_use]
    pub const fn symbol(self) -> &'static str {
        match self {
            Self::Error => "✗",
            Self::Warning => "!",
            Self::Hint => "·",
        }
    }

    /// The mark of a severity.
    #[must_use]
    pub const fn of(severity: Severity) -> Self {
        match severity {
            Severity::Error => Self::Error,
            Severity::Warning => Self::Warning,
            Severity::Hint => Self::Hint,
        }
    }
}

/// One row of the review screen's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// Error, warning or hint.
    pub mark: ReviewMark,
    /// The lint rule (e.g. `url-not-https`); `None` for a validation finding.
    pub rule: Option<&'static str>,
    /// The field's label, or the JSON path when no field holds it.
    pub label: String,
    /// What is wrong (validation) or the advice (lint).
    pub message: String,
    /// The field Enter jumps to.
    pub field: Option<FieldId>,
}

/// The field's label (with the entry's number for a list entry), or the key's path.
fn label(subject: &Subject) -> String {
    match subject {
        Subject::Field(id) => checklist::field(*id).label.to_owned(),
        Subject::Entry(id, i) => format!("{} #{}", checklist::field(*id).label, i + 1),
        Subject::UnknownKey(path) => path.clone(),
    }
}

impl App {
    /// The review screen's findings: the case's first, then the checks of the
    /// configuration, in the report's order.
    #[must_use]
    pub fn review_items(&self) -> Vec<ReviewItem> {
        self.report
            .findings
            .iter()
            .map(|f| ReviewItem {
                mark: ReviewMark::of(f.severity),
                rule: (f.class == Class::Configuration).then_some(f.rule),
                label: label(&f.subject),
                message: f.message.clone(),
                field: f.field(),
            })
            .collect()
    }

    /// The configuration findings shown for a field: none until it has been left once (as
    /// for its case findings).
    #[must_use]
    pub fn lint_messages(&self, id: FieldId) -> Vec<&Finding> {
        if !self.is_touched(id) {
            return Vec::new();
        }
        self.lints().filter(|l| l.field() == Some(id)).collect()
    }

    pub(super) fn review_action(&mut self, action: &Action) {
        let Screen::Review { selected, scroll } = self.screen else {
            return;
        };
        let items = self.review_items();
        let last = items.len().saturating_sub(1);
        self.screen = match action {
            Action::Prev => Screen::Review {
                selected: selected.saturating_sub(1),
                scroll,
            },
            Action::Next => Screen::Review {
                selected: (selected + 1).min(last),
                scroll,
            },
            Action::PageUp => Screen::Review {
                selected,
                scroll: scroll.saturating_sub(10),
            },
            Action::PageDown => Screen::Review {
                selected,
                scroll: scroll.saturating_add(10),
            },
            Action::Review | Action::Cancel => Screen::Form,
            Action::Confirm => {
                if let Some(id) = items.get(selected).and_then(|item| item.field) {
                    self.screen = Screen::Form;
                    self.focus_field(id);
                }
                return;
            }
            _ => return,
        };
    }
}
