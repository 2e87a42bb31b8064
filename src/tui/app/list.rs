//! The list editor (domains, scopes): adding, changing, deleting and moving entries.

use super::{AddAs, App};
use crate::case::value;
use crate::tui::editor::{Editor, text_of};

/// A pasted list split into entries at commas, spaces and line breaks.
#[must_use]
pub fn split_entries(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl App {
    pub(super) fn add_entry(&mut self, how: AddAs) {
        let id = self.field().id;
        let offered = match how {
            AddAs::Offered => self.input_offer(),
            AddAs::Typed => None,
        };
        let Editor::List { input, editing, .. } = &mut self.editor else {
            return;
        };
        let entries = offered
            .clone()
            .unwrap_or_else(|| split_entries(&text_of(input)));
        let at = editing.take();
        *input = crate::tui::editor::textarea("", false);
        if let Some(list) = value::list_mut(&mut self.case, id) {
            let at = at.map_or(list.len(), |at| at.min(list.len()));
            list.splice(at..at, entries);
        }
        self.changed();
        self.revalidate();
        if let Some(added) = offered {
            self.offer_taken(&added);
        }
    }

    pub(super) fn delete_entry(&mut self) {
        let id = self.field().id;
        let Editor::List { selected, .. } = &mut self.editor else {
            return;
        };
        if let (Some(at), Some(list)) = (*selected, value::list_mut(&mut self.case, id))
            && at < list.len()
        {
            list.remove(at);
            *selected = if list.is_empty() {
                None
            } else {
                Some(at.min(list.len() - 1))
            };
            self.changed();
            self.revalidate();
        }
    }

    pub(super) fn edit_entry(&mut self) {
        let id = self.field().id;
        let Editor::List {
            input,
            selected,
            editing,
        } = &mut self.editor
        else {
            return;
        };
        if editing.is_some() || !text_of(input).is_empty() {
            return;
        }
        if let (Some(at), Some(list)) = (*selected, value::list_mut(&mut self.case, id))
            && at < list.len()
        {
            let entry = list.remove(at);
            *input = crate::tui::editor::textarea(&entry, false);
            *editing = Some(at);
            *selected = None;
            self.changed();
            self.revalidate();
        }
    }

    /// Moves the highlighted entry `by` places, keeping it highlighted.
    pub(super) fn move_entry(&mut self, by: isize) {
        let id = self.field().id;
        let Editor::List { selected, .. } = &mut self.editor else {
            return;
        };
        let (Some(at), Some(list)) = (*selected, value::list_mut(&mut self.case, id)) else {
            return;
        };
        let Some(to) = at.checked_add_signed(by).filter(|&to| to < list.len()) else {
            return;
        };
        if at < list.len() {
            list.swap(at, to);
            *selected = Some(to);
            self.changed();
            self.revalidate();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_paste_splits_on_commas_spaces_and_lines() {
        assert_eq!(
            split_entries("a.example.com, b.example.com\nc.example.com  d.example.com;"),
            [
                "a.example.com",
                "b.example.com",
                "c.example.com",
                "d.example.com"
            ]
        );
    }
}
