//! The focused field: its editor (one drawing per kind), with the live line of `live.rs`
//! under one-line text, and beside it the field's help and its validation messages.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::case::time::{Resolved, Zone, format_utc};
use crate::case::value;
use crate::case::{FieldId, FieldKind, Required, Severity};
use crate::tui::app::{App, ReviewMark};
use crate::tui::editor::{Editor, text_of};

/// The most zone matches shown at once.
const MATCHES_SHOWN: usize = 8;

/// Rows the editor block wants for the focused field, borders included.
#[must_use]
pub fn height(app: &App) -> u16 {
    let rows = match app.editor() {
        Editor::Line(_) | Editor::ReadOnly => 2,
        Editor::Lines(_) => 6,
        Editor::Choice { .. } => value::options(app.field().kind).len(),
        Editor::List { .. } => {
            let entries = value::list(app.case(), app.field().id).map_or(0, <[String]>::len);
            (entries + 1).clamp(2, 10)
        }
        Editor::Zone { matches, .. } => 2 + matches.len().min(MATCHES_SHOWN),
    };
    u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)
}

fn block(app: &App) -> Block<'static> {
    let field = app.field();
    // Whether it is required with the answers as they are now (the help says when).
    let required = if field.required.holds(app.case()) {
        " (required)"
    } else {
        ""
    };
    Block::bordered()
        .title(Line::from(vec![
            Span::styled(format!(" {}", field.label), app.theme().title),
            Span::styled(format!("{required} "), app.theme().dim),
        ]))
        .border_style(app.theme().border_focus)
}

/// The first entry shown in a list editor with `visible` entry rows.
fn list_offset(selected: Option<usize>, visible: usize) -> usize {
    selected.map_or(0, |s| s.saturating_sub(visible.saturating_sub(1)))
}

/// Which option, list entry or zone match is drawn at screen row `row` of the editor.
#[must_use]
pub fn row_at(app: &App, area: Rect, row: u16) -> Option<usize> {
    let inner = block(app).inner(area);
    if row < inner.y || row >= inner.bottom() {
        return None;
    }
    let line = usize::from(row - inner.y);
    match app.editor() {
        Editor::Choice { .. } => Some(line).filter(|&i| i < value::options(app.field().kind).len()),
        Editor::List { selected, .. } => {
            let visible = usize::from(inner.height.saturating_sub(1));
            let entries = value::list(app.case(), app.field().id).map_or(0, <[String]>::len);
            Some(list_offset(*selected, visible) + line).filter(|&i| line < visible && i < entries)
        }
        Editor::Zone { matches, .. } => line
            .checked_sub(2)
            .filter(|&i| i < matches.len().min(MATCHES_SHOWN)),
        _ => None,
    }
}

/// Draws the editor of the focused field.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let block = block(app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [first, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let theme = app.theme();
    match app.editor() {
        Editor::Line(textarea) => {
            frame.render_widget(textarea, first);
            frame.render_widget(super::live::live_line(app, &text_of(textarea)), rest);
        }
        Editor::Lines(textarea) => frame.render_widget(textarea, inner),
        Editor::Choice { cursor } => {
            frame.render_widget(Paragraph::new(choice_lines(app, *cursor)), inner);
        }
        Editor::List {
            input, selected, ..
        } => {
            let visible = usize::from(inner.height.saturating_sub(1));
            let entries = value::list(app.case(), app.field().id).unwrap_or_default();
            let first_entry = list_offset(*selected, visible);
            let lines: Vec<Line> = entries
                .iter()
                .enumerate()
                .skip(first_entry)
                .take(visible)
                .map(|(i, entry)| {
                    let style = if Some(i) == *selected {
                        theme.selected
                    } else {
                        theme.text
                    };
                    Line::styled(format!("  {entry}"), style)
                })
                .collect();
            let [list, input_row] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
            frame.render_widget(Paragraph::new(lines), list);
            let [prompt, field] =
                Layout::horizontal([Constraint::Length(7), Constraint::Min(0)]).areas(input_row);
            frame.render_widget(Span::styled("  add: ", theme.dim), prompt);
            frame.render_widget(input, field);
        }
        Editor::Zone {
            input,
            matches,
            selected,
        } => {
            let current = &app.case().failure.time_zone;
            let now = Zone::parse(current).map_or_else(
                |e| Span::styled(format!("  {e}"), theme.error),
                |_| Span::styled(format!("  {current}"), theme.text),
            );
            frame.render_widget(
                Line::from(vec![Span::styled("Zone:", theme.dim), now]),
                first,
            );
            let [search_row, list] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(rest);
            let [prompt, field] =
                Layout::horizontal([Constraint::Length(8), Constraint::Min(0)]).areas(search_row);
            frame.render_widget(Span::styled("Search: ", theme.dim), prompt);
            frame.render_widget(input, field);
            let lines: Vec<Line> = matches
                .iter()
                .take(MATCHES_SHOWN)
                .enumerate()
                .map(|(i, m)| {
                    let mut spans = vec![Span::raw(format!("  {}", m.name))];
                    if let Some(note) = m.note {
                        spans.push(Span::styled(format!("  ({note})"), theme.dim));
                    }
                    let line = Line::from(spans);
                    if i == *selected {
                        line.style(theme.selected)
                    } else {
                        line
                    }
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), list);
        }
        Editor::ReadOnly => {
            let text = match app.case().failure.utc_instant() {
                Ok(instant) => Span::styled(format_utc(instant), theme.text),
                Err(_) => Span::styled(
                    "(not yet: needs a time, a zone and any DST choice)",
                    theme.dim,
                ),
            };
            frame.render_widget(text, first);
            frame.render_widget(
                Span::styled("Worked out for you; not edited.", theme.dim),
                rest,
            );
        }
    }
}

fn choice_lines(app: &App, cursor: usize) -> Vec<Line<'static>> {
    let theme = app.theme();
    let field = app.field();
    let multi = matches!(field.kind, FieldKind::Multi(_) | FieldKind::Confirm);
    let candidates = app.dst_candidates();
    value::options(field.kind)
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let chosen = value::is_chosen(app.case(), field.id, i);
            let mark = match (multi, chosen) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(•)",
                (false, false) => "( )",
            };
            let pointer = if i == cursor { "›" } else { " " };
            let mut label = option.label.to_owned();
            if field.id == FieldId::Disambiguation
                && let Some(Resolved::Gap { earlier, later } | Resolved::Fold { earlier, later }) =
                    candidates
            {
                let instant = if i == 0 { earlier } else { later };
                label = format!("{label}: {}", format_utc(instant));
            }
            let line = Line::from(format!("{pointer} {mark} {label}"));
            if i == cursor {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect()
}

/// Draws the help text and the current messages of the focused field.
pub fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let field = app.field();
    // Messages first: at small sizes the help text is what gets cut, not the problem.
    let mut lines = Vec::new();
    for finding in app.messages(field.id) {
        let (mark, style) = match finding.severity {
            Severity::Error => ("✗ ", theme.error),
            Severity::Warning => ("! ", theme.warning),
            Severity::Hint => ("· ", theme.dim),
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(finding.message.clone(), style),
        ]));
    }
    // Then the checks (`linkcase check`) about this field, after the field was left too.
    for lint in app.lint_messages(field.id) {
        let mark = ReviewMark::of(lint.severity);
        let style = match mark {
            ReviewMark::Error => theme.error,
            ReviewMark::Warning => theme.warning,
            ReviewMark::Hint => theme.dim,
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", mark.symbol()), style),
            Span::styled(format!("check: {}", lint.message), style),
        ]));
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines.push(Line::styled(field.help, theme.text));
    if field.id == FieldId::VendorId {
        for (region, url) in crate::case::redirect::alexa_redirect_urls(app.case()) {
            lines.push(Line::styled(
                format!("Alexa redirect URL ({}): {url}", region.id()),
                theme.text,
            ));
        }
    }
    if let Editor::Lines(area) = app.editor()
        && area.wrap_mode() == ratatui_textarea::WrapMode::None
    {
        lines.push(Line::styled(
            "This text is over 64 KiB, so it is shown without wrapping; Ctrl+E opens it in your $EDITOR.",
            theme.dim,
        ));
    }
    lines.push(Line::default());
    let need = match field.required {
        Required::Yes => "Required".to_owned(),
        Required::When(when) => format!("Required {}", when.describe()),
        Required::No => "Optional".to_owned(),
    };
    lines.push(Line::styled(format!("{need} · {}", field.path), theme.dim));
    let block = Block::bordered().title(" Help ").border_style(theme.border);
    let help = Paragraph::new(lines).block(block).wrap(Wrap { trim: true });
    // As tall as its text, not the whole area: drawing styles into thousands of empty cells
    // on every key is most of a frame's cost in a large terminal.
    let height = u16::try_from(help.line_count(area.width)).unwrap_or(u16::MAX);
    frame.render_widget(
        help,
        Rect {
            height: height.min(area.height),
            ..area
        },
    );
}
