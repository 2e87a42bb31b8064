//! The list editor (Domain List, scopes, redirect URLs): each entry with its findings marked
//! beside it (`✗`/`!` before, a few words after), the input line, and under it what Enter
//! adds when that is not what was typed, or the fix for the highlighted entry.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::case::{Finding, Severity, Subject, value};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::keymap::{Context, key_for};

/// Rows the list editor wants inside its borders: the entries, the input and the note
/// under it, within limits.
#[must_use]
pub fn rows(app: &App) -> usize {
    let entries = value::list(app.case(), app.field().id).map_or(0, <[String]>::len);
    entries.clamp(1, 9) + 1 + usize::from(note_rows(app))
}

/// Rows the note under the input wants: two for an offer (what Enter adds, and the key
/// that adds as typed), else one.
fn note_rows(app: &App) -> u16 {
    if app.input_offer().is_some() { 2 } else { 1 }
}

/// Where the parts of the editor go inside its borders.
struct Parts {
    list: Rect,
    input: Rect,
    note: Rect,
}

/// The entries on top, the input under them, then `note` rows of note; the note gives way
/// first when there is no room, down to no row at all.
fn parts(inner: Rect, note: u16) -> Parts {
    let note = note.min(inner.height.saturating_sub(2));
    let list = Rect {
        height: inner.height.saturating_sub(1 + note),
        ..inner
    };
    let input = Rect {
        y: list.bottom(),
        height: inner.height.min(1),
        ..inner
    };
    let note = Rect {
        y: input.bottom(),
        height: note,
        ..inner
    };
    Parts { list, input, note }
}

/// The first entry shown when `visible` entry rows show the highlighted one.
fn offset(selected: Option<usize>, visible: usize) -> usize {
    selected.map_or(0, |s| s.saturating_sub(visible.saturating_sub(1)))
}

/// Which entry is drawn at screen row `row`, given the editor's area inside its borders.
#[must_use]
pub fn row_at(app: &App, inner: Rect, row: u16) -> Option<usize> {
    let Editor::List { selected, .. } = app.editor() else {
        return None;
    };
    let list = parts(inner, note_rows(app)).list;
    if row < list.y || row >= list.bottom() {
        return None;
    }
    let entries = value::list(app.case(), app.field().id).map_or(0, <[String]>::len);
    Some(offset(*selected, usize::from(list.height)) + usize::from(row - list.y))
        .filter(|&i| i < entries)
}

/// Draws the list editor into `inner`, the area inside its borders.
pub fn draw(app: &App, frame: &mut Frame, inner: Rect) {
    let Editor::List {
        input, selected, ..
    } = app.editor()
    else {
        return;
    };
    let theme = app.theme();
    let parts = parts(inner, note_rows(app));
    let width = usize::from(inner.width);
    let entries = value::list(app.case(), app.field().id).unwrap_or_default();
    let visible = usize::from(parts.list.height);
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(offset(*selected, visible))
        .take(visible)
        .map(|(i, entry)| entry_line(app, i, entry, Some(i) == *selected, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), parts.list);
    let prompt = Rect {
        width: parts.input.width.min(7),
        ..parts.input
    };
    frame.render_widget(Span::styled("  add: ", theme.dim), prompt);
    let field = Rect {
        x: prompt.right(),
        width: parts.input.width - prompt.width,
        ..parts.input
    };
    frame.render_widget(input, field);
    frame.render_widget(Paragraph::new(note(app, entries, width)), parts.note);
}

/// The most severe finding about entry `index` of the focused list.
fn worst_finding(app: &App, index: usize) -> Option<&Finding> {
    let subject = Subject::Entry(app.field().id, index);
    app.report()
        .findings
        .iter()
        .filter(|f| f.subject == subject)
        .min_by_key(|f| f.severity)
}

/// One entry: its mark, the entry, and the finding's few words.
fn entry_line(app: &App, index: usize, entry: &str, selected: bool, width: usize) -> Line<'static> {
    let theme = app.theme();
    let base = if selected { theme.selected } else { theme.text };
    let mut spans = Vec::new();
    if let Some(finding) = worst_finding(app, index) {
        let (mark, style) = match finding.severity {
            Severity::Error => ("✗ ", theme.error),
            Severity::Warning => ("! ", theme.warning),
            Severity::Hint => ("· ", theme.dim),
        };
        spans.push(Span::styled(mark, base.patch(style)));
        spans.push(Span::styled(entry.to_owned(), base));
        let reason = finding.brief.as_deref().unwrap_or(&finding.message);
        // Dim grey is unreadable on the highlight's background: there the reason keeps it.
        let reason_style = if selected { base } else { theme.dim };
        spans.push(Span::styled(format!("  {reason}"), reason_style));
    } else {
        spans.push(Span::styled("  ", base));
        spans.push(Span::styled(entry.to_owned(), base));
    }
    fit(spans, width).style(base)
}

/// The note under the input: what Enter adds when it is not what was typed, and the key
/// that adds it as typed; else the fix for the highlighted entry; else, when some entry has
/// a fix, how to get to it.
fn note(app: &App, entries: &[String], width: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let key = |action: Action, context: Context| {
        Span::styled(key_for(&action, context).unwrap_or_default(), theme.key)
    };
    let dim = |text: &str| Span::styled(text.to_owned(), theme.dim);
    let Editor::List { selected, .. } = app.editor() else {
        return Vec::new();
    };
    let lines = if let Some(offer) = app.input_offer() {
        let mut adds = vec![
            Span::raw("  "),
            key(Action::Confirm, Context::ListInput),
            dim(" adds "),
            Span::styled(offer.join(", "), theme.text),
        ];
        if offer.iter().any(|o| entries.contains(o)) {
            adds.push(Span::styled(" (already listed)", theme.warning));
        }
        let typed = vec![
            Span::raw("  "),
            key(Action::AddAsTyped, Context::ListOffer),
            dim(if offer.len() == 1 {
                " adds it as typed"
            } else {
                " adds them as typed"
            }),
        ];
        vec![adds, typed]
    } else if let Some(fixed) = app.highlighted_fix() {
        vec![vec![
            Span::raw("  "),
            key(Action::FixEntry, Context::ListFix),
            dim(" makes it "),
            Span::styled(fixed, theme.text),
        ]]
    } else if selected.is_none() && (0..entries.len()).any(|i| app.entry_fix(i).is_some()) {
        vec![vec![
            Span::raw("  "),
            key(Action::Prev, Context::List),
            dim(" then "),
            key(Action::FixEntry, Context::ListFix),
            dim(": fix a marked entry"),
        ]]
    } else {
        Vec::new()
    };
    lines.into_iter().map(|spans| fit(spans, width)).collect()
}

/// `spans` cut to `width` columns, never through a wide character, ending in `…` when cut.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    // Room for the ellipsis.
    let mut room = width.saturating_sub(1);
    let mut out = Vec::new();
    let mut last_style = Style::new();
    for span in spans {
        last_style = span.style;
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            kept.push(c);
        }
        let full = kept.len() == span.content.len();
        out.push(Span::styled(kept, span.style));
        if !full {
            break;
        }
    }
    if width > 0 {
        out.push(Span::styled("…", last_style));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn fit_keeps_what_fits_and_cuts_with_an_ellipsis() {
        let spans = || vec![Span::raw("✗ "), Span::raw("界界界"), Span::raw("  why")];
        assert_eq!(text(&fit(spans(), 20)), "✗ 界界界  why");
        assert_eq!(text(&fit(spans(), 7)), "✗ 界界…");
        // Never half a wide character: 6 columns hold "✗ 界" and the ellipsis.
        assert_eq!(text(&fit(spans(), 6)), "✗ 界…");
        assert_eq!(text(&fit(spans(), 1)), "…");
        assert_eq!(text(&fit(spans(), 0)), "");
    }

    #[test]
    fn parts_put_the_note_last_and_drop_it_first() {
        let rows = |p: &Parts| (p.list.height, p.input.y, p.note.y, p.note.height);
        assert_eq!(rows(&parts(Rect::new(0, 0, 20, 5), 1)), (3, 3, 4, 1));
        assert_eq!(rows(&parts(Rect::new(0, 0, 20, 5), 2)), (2, 2, 3, 2));
        assert_eq!(rows(&parts(Rect::new(0, 0, 20, 3), 2)), (1, 1, 2, 1));
        assert_eq!(rows(&parts(Rect::new(0, 0, 20, 2), 2)), (1, 1, 2, 0));
        assert_eq!(rows(&parts(Rect::new(0, 0, 20, 1), 1)), (0, 0, 1, 0));
    }
}
