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

/// Rows the list editor wants inside its borders: the entries, the input and the line
/// under it, within limits.
#[must_use]
pub fn rows(app: &App) -> usize {
    let entries = value::list(app.case(), app.field().id).map_or(0, <[String]>::len);
    (entries + 2).clamp(3, 11)
}

/// Where the parts of the editor go inside its borders.
struct Parts {
    list: Rect,
    input: Rect,
    note: Option<Rect>,
}

/// The entries on top, the input under them, then the note; the note goes first when
/// there is no room.
fn parts(inner: Rect) -> Parts {
    let note = inner.height >= 3;
    let under = 1 + u16::from(note);
    let list = Rect {
        height: inner.height.saturating_sub(under),
        ..inner
    };
    let input = Rect {
        y: list.bottom(),
        height: inner.height.min(1),
        ..inner
    };
    Parts {
        list,
        input,
        note: note.then_some(Rect {
            y: input.bottom(),
            height: 1,
            ..inner
        }),
    }
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
    let list = parts(inner).list;
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
    let parts = parts(inner);
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
    if let Some(area) = parts.note {
        frame.render_widget(note(app, entries, width), area);
    }
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
        let reason_style = if selected {
            base
        } else {
            style.patch(theme.dim)
        };
        spans.push(Span::styled(format!("  {reason}"), reason_style));
    } else {
        spans.push(Span::styled("  ", base));
        spans.push(Span::styled(entry.to_owned(), base));
    }
    fit(spans, width).style(base)
}

/// The line under the input: what Enter adds when it is not what was typed; else the fix
/// for the highlighted entry; else, when some entry has a fix, how to get to it.
fn note(app: &App, entries: &[String], width: usize) -> Line<'static> {
    let theme = app.theme();
    let key = |action: Action, context: Context| {
        Span::styled(key_for(&action, context).unwrap_or_default(), theme.key)
    };
    let dim = |text: &str| Span::styled(text.to_owned(), theme.dim);
    let Editor::List { selected, .. } = app.editor() else {
        return Line::default();
    };
    let spans = if let Some(offer) = app.input_offer() {
        let mut spans = vec![
            Span::raw("  "),
            key(Action::Confirm, Context::ListInput),
            dim(" adds "),
            Span::styled(offer.join(", "), theme.text),
        ];
        if offer.iter().any(|o| entries.contains(o)) {
            spans.push(Span::styled(" (already listed)", theme.warning));
        }
        // The other key is in the footer too: it gives way to what Enter adds.
        let tail = [
            dim(" · "),
            key(Action::AddAsTyped, Context::ListOffer),
            dim(": as typed"),
        ];
        let taken: usize = spans.iter().chain(&tail).map(Span::width).sum();
        if taken <= width {
            spans.extend(tail);
        }
        spans
    } else if let Some(fixed) = app.highlighted_fix() {
        vec![
            Span::raw("  "),
            key(Action::FixEntry, Context::ListFix),
            dim(" makes it "),
            Span::styled(fixed, theme.text),
        ]
    } else if selected.is_none() && (0..entries.len()).any(|i| app.entry_fix(i).is_some()) {
        vec![
            Span::raw("  "),
            key(Action::Prev, Context::List),
            dim(" then "),
            key(Action::FixEntry, Context::ListFix),
            dim(": fix a marked entry"),
        ]
    } else {
        Vec::new()
    };
    fit(spans, width)
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
        let p = parts(Rect::new(0, 0, 20, 5));
        assert_eq!(
            (p.list.height, p.input.y, p.note.map(|n| n.y)),
            (3, 3, Some(4))
        );
        let p = parts(Rect::new(0, 0, 20, 2));
        assert_eq!((p.list.height, p.input.y, p.note), (1, 1, None));
    }
}
