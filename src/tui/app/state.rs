//! What the app shows about itself: the screen, the status line, draft changes, and how
//! each field is marked once it has been visited.

use std::fmt::Write as _;

use super::{App, Env};
use crate::case::load::Loaded;
use crate::case::validate::is_filled;
use crate::case::{FieldId, Finding, Severity, checklist};

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The form: sidebar, editor, help.
    Form,
    /// The case as it will be filed, and every finding.
    Review {
        /// The highlighted finding.
        selected: usize,
        /// How far the export text is scrolled.
        scroll: u16,
    },
    /// The drafts: open, new, duplicate, rename, delete.
    Drafts {
        /// The highlighted draft.
        selected: usize,
    },
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Neutral news.
    Info,
    /// Something worked.
    Success,
    /// Worth knowing.
    Warning,
    /// Something failed.
    Error,
}

/// The one-line status message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What it says.
    pub text: String,
    /// How it reads.
    pub tone: Tone,
}

/// Whether the case's draft holds every change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changes {
    /// Nothing changed since it was opened.
    None,
    /// Changed, and the draft save is pending.
    Unsaved,
    /// Changed, and the draft holds it.
    Saved,
}

/// How a field is marked in the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Not visited yet, or visited and left empty without a problem.
    Empty,
    /// Filled and fine.
    Ok,
    /// Has a warning.
    Warning,
    /// Has an error.
    Error,
}

/// How many fields the notice about removed characters names before it says "and N more".
const NAMED: usize = 3;

/// The status notice for a case whose text lost control or bidi characters on loading
/// (`Removed control characters from Skill name, Notes`); `None` when nothing was removed.
#[must_use]
pub fn sanitized_notice(paths: &[String]) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for path in paths {
        let name = checklist::field_for_path(path).map_or(path.as_str(), |f| f.label);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let (first, rest) = names.split_at(names.len().min(NAMED));
    let mut text = format!("Removed control characters from {}", first.first()?);
    for name in &first[1..] {
        text.push_str(", ");
        text.push_str(name);
    }
    if !rest.is_empty() {
        let _ = write!(text, " and {} more", rest.len());
    }
    Some(text)
}

impl App {
    /// An app editing a case read from a file; the status line says once which fields lost
    /// control or bidi characters on the way in.
    #[must_use]
    pub fn open(loaded: Loaded, env: Env) -> Self {
        let mut app = Self::new(loaded.case, env);
        if let Some(notice) = sanitized_notice(&loaded.sanitized) {
            app.set_status(Tone::Warning, notice);
        }
        app
    }

    /// Whether the field has been visited and left (its messages are shown).
    #[must_use]
    pub fn is_touched(&self, id: FieldId) -> bool {
        self.touched.contains(&id)
    }

    /// The findings shown for a field: none until it has been left once.
    #[must_use]
    pub fn messages(&self, id: FieldId) -> Vec<&Finding> {
        if self.is_touched(id) {
            self.report.for_field(id).collect()
        } else {
            Vec::new()
        }
    }

    /// The sidebar mark of a field.
    #[must_use]
    pub fn mark(&self, id: FieldId) -> Mark {
        let messages = self.messages(id);
        if messages.iter().any(|f| f.severity == Severity::Error) {
            Mark::Error
        } else if !messages.is_empty() {
            Mark::Warning
        } else if self.is_touched(id) && is_filled(&self.case, id) {
            Mark::Ok
        } else {
            Mark::Empty
        }
    }
}
