//! The focused field: its editor (one drawing per kind), with the live line of `live.rs`
//! under one-line text, and beside it the field's help and its validation messages.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::case::time::{Zone, describe_reading, parse_local};
use crate::case::value;
use crate::case::{Disambiguation, FieldId, FieldKind};
use crate::tui::app::App;
use crate::tui::editor::{Editor, text_of};

/// The most zone matches shown at once.
const MATCHES_SHOWN: usize = 8;

/// Rows the focused field's editor wants, `width` columns wide.
#[must_use]
pub fn height(app: &App, width: u16) -> u16 {
    let rows = match app.editor() {
        Editor::ReadOnly => 0,
        // In a box (3 rows), with the live line under it.
        Editor::Line(_) => 4,
        Editor::Lines(_) => 8,
        Editor::Choice { cursor } => choice_rows(app, *cursor, width).len(),
        Editor::List { .. } => super::list::rows(app),
        Editor::Zone { matches, .. } => 2 + matches.len().min(MATCHES_SHOWN),
    };
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Which option, list entry or zone match is drawn at screen row `row` of the editor drawn
/// in `inner`.
#[must_use]
pub fn row_at(app: &App, inner: Rect, row: u16) -> Option<usize> {
    if row < inner.y || row >= inner.bottom() {
        return None;
    }
    let line = usize::from(row - inner.y);
    match app.editor() {
        Editor::Choice { cursor } => choice_rows(app, *cursor, inner.width)
            .get(line)
            .map(|(option, _)| *option),
        Editor::List { .. } => super::list::row_at(app, inner, row),
        Editor::Zone { matches, .. } => line
            .checked_sub(2)
            .filter(|&i| i < matches.len().min(MATCHES_SHOWN)),
        _ => None,
    }
}

/// The box text is typed into.
fn input_block(app: &App) -> Block<'static> {
    Block::bordered().border_style(app.theme().border_focus)
}

/// Draws the editor of the focused field into `inner`.
pub fn draw(app: &App, frame: &mut Frame, inner: Rect) {
    let [first, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let theme = app.theme();
    match app.editor() {
        // Text is typed into a box, so an empty field still looks like a place to type.
        Editor::Line(textarea) => {
            let [input, live] =
                Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(inner);
            let block = input_block(app);
            frame.render_widget(textarea, block.inner(input));
            frame.render_widget(block, input);
            frame.render_widget(super::live::live_line(app, &text_of(textarea)), live);
        }
        Editor::Lines(textarea) => {
            let block = input_block(app);
            frame.render_widget(textarea, block.inner(inner));
            frame.render_widget(block, inner);
        }
        Editor::Choice { cursor } => {
            let lines: Vec<Line> = choice_rows(app, *cursor, inner.width)
                .into_iter()
                .map(|(_, line)| line)
                .collect();
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Editor::List { .. } => super::list::draw(app, frame, inner),
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
        Editor::ReadOnly => {}
    }
}

/// The options of the focused choice, each wrapped to `width`: `(option, line)` per row.
fn choice_rows(app: &App, cursor: usize, width: u16) -> Vec<(usize, Line<'static>)> {
    let theme = app.theme();
    let field = app.field();
    let multi = matches!(field.kind, FieldKind::Multi(_) | FieldKind::Confirm);
    let candidates = app.dst_candidates().and_then(|resolved| {
        let failure = &app.case().failure;
        let local = parse_local(&failure.local_time).ok()?;
        let zone = Zone::parse(&failure.time_zone).ok()?;
        Some((local, zone, resolved))
    });
    let room = usize::from(width).saturating_sub(6).max(8);
    let mut rows = Vec::new();
    for (i, option) in value::options(field.kind).iter().enumerate() {
        let chosen = value::is_chosen(app.case(), field.id, i);
        let mark = match (multi, chosen) {
            (true, true) => "[x]",
            (true, false) => "[ ]",
            (false, true) => "(•)",
            (false, false) => "( )",
        };
        let pointer = if i == cursor { "›" } else { " " };
        let mut label = option.label.to_owned();
        // At a DST edge each option says its reading in local terms.
        if field.id == FieldId::Disambiguation
            && let Some((local, zone, resolved)) = &candidates
            && let Some(which) = Disambiguation::ALL.get(i)
            && let Some(reading) = describe_reading(*local, zone, *resolved, *which)
        {
            label = format!("{label}: {reading}");
        }
        for (n, text) in super::page::wrap(&label, room).into_iter().enumerate() {
            let lead = if n == 0 {
                format!("{pointer} {mark} ")
            } else {
                "      ".to_owned()
            };
            let line = Line::from(format!("{lead}{text}"));
            rows.push((
                i,
                if i == cursor {
                    line.style(theme.selected)
                } else {
                    line
                },
            ));
        }
    }
    rows
}
