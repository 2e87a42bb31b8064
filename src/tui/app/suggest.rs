//! The Domain List's offers: an entry typed, pasted or already listed as a URL (or with a
//! port, a path, a trailing dot) is offered as the bare hostname it means, from
//! [`suggest_domain`]; one key takes the offer, another keeps the entry as typed (the case
//! reports the console's configuration: a URL that really is in the console stays one, and
//! a fix taken here is one to make in the console too).

use super::list::split_entries;
use super::{App, Tone};
use crate::case::FieldId;
use crate::case::validate::domain::suggest_domain;
use crate::case::value;
use crate::tui::editor::{Editor, text_of};

/// How Enter adds the list input's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddAs {
    /// As offered: each Domain List entry that has a suggestion becomes it.
    Offered,
    /// Exactly as typed.
    Typed,
}

/// The entry as the Domain List wants it, when that differs from `entry`.
fn fix_for(id: FieldId, entry: &str) -> Option<String> {
    (id == FieldId::Domains)
        .then(|| suggest_domain(entry))
        .flatten()
}

impl App {
    /// What Enter adds from the list input, when it is not what was typed: every entry, each
    /// as the Domain List wants it. `None` outside the Domain List or when nothing changes.
    #[must_use]
    pub fn input_offer(&self) -> Option<Vec<String>> {
        let id = self.field().id;
        let Editor::List { input, .. } = &self.editor else {
            return None;
        };
        let typed = split_entries(&text_of(input));
        let offered: Vec<String> = typed
            .iter()
            .map(|entry| fix_for(id, entry).unwrap_or_else(|| entry.clone()))
            .collect();
        (offered != typed).then_some(offered)
    }

    /// The fix for entry `index` of the focused list, if it has one.
    #[must_use]
    pub fn entry_fix(&self, index: usize) -> Option<String> {
        let id = self.field().id;
        let entry = value::list(&self.case, id)?.get(index)?;
        fix_for(id, entry)
    }

    /// The fix for the highlighted entry of the focused list, if it has one.
    #[must_use]
    pub fn highlighted_fix(&self) -> Option<String> {
        match &self.editor {
            Editor::List {
                selected: Some(at), ..
            } => self.entry_fix(*at),
            _ => None,
        }
    }

    /// Replaces the highlighted entry with its fix, keeping it highlighted.
    pub(super) fn fix_entry(&mut self) {
        let id = self.field().id;
        let (
            Editor::List {
                selected: Some(at), ..
            },
            Some(fixed),
        ) = (&self.editor, self.highlighted_fix())
        else {
            return;
        };
        let at = *at;
        if let Some(entry) = value::list_mut(&mut self.case, id).and_then(|l| l.get_mut(at)) {
            entry.clone_from(&fixed);
            self.changed();
            self.revalidate();
            // The entry as it was is on screen a moment ago; the status fits 80 columns.
            self.set_status(
                Tone::Info,
                format!("Fixed to {fixed}; change it in the developer console too"),
            );
        }
    }

    /// Says what an offer that Enter took added.
    pub(super) fn offer_taken(&mut self, added: &[String]) {
        self.set_status(
            Tone::Info,
            format!(
                "Added {}: enter {} the same way in the developer console",
                added.join(", "),
                if added.len() == 1 { "it" } else { "them" }
            ),
        );
    }
}
