//! "Steps already tried" as one grid: a row per step that can apply, its answer in a
//! column, one key per answer. Steps the answers rule out are not rows (a line says how many).

use ratatui::text::{Line, Span};

use super::page::{Body, Page, Target, wrap};
use crate::case::{FIELDS, Section, value};
use crate::tui::app::App;

/// Columns of the answer column, its padding included.
const ANSWER: usize = 10;

/// Lays the grid out on `page`, `width` columns wide and `visible` rows tall, keeping the focused step in view.
pub fn layout(app: &App, page: &mut Page, width: usize, visible: u16) {
    let theme = app.theme();
    let focus = app.focus_index();
    let intro = "Which of the guide's checks were tried? d done · n not done · a not applicable · Backspace clears · Tab leaves the grid";
    let lines = wrap(intro, width.saturating_sub(2).max(8))
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.dim))
        .chain(std::iter::once(Line::default()))
        .collect();
    page.push(Body::Lines(lines), None);
    let label_room = width.saturating_sub(ANSWER + 3).max(8);
    let mut hidden = 0;
    let mut focused_rows = (0, 0);
    for (index, field) in FIELDS.iter().enumerate() {
        if field.section != Section::StepsTried {
            continue;
        }
        if !app.shows(index) {
            hidden += 1;
            continue;
        }
        let answer = (0..value::options(field.kind).len())
            .find(|&i| value::is_chosen(app.case(), field.id, i));
        let (tag, style) = match answer {
            Some(0) => ("Done", theme.ok),
            Some(1) => ("Not done", theme.warning),
            Some(_) => ("N/A", theme.dim),
            None => ("·", theme.dim),
        };
        let focused = index == focus;
        let pointer = if focused { "›" } else { " " };
        let mut lines: Vec<Line> = wrap(field.label, label_room)
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let lead = if i == 0 {
                    vec![
                        Span::raw(format!(" {pointer} ")),
                        Span::styled(format!("{tag:<ANSWER$}"), style),
                    ]
                } else {
                    vec![Span::raw(format!("{:1$}", "", ANSWER + 3))]
                };
                let mut spans = lead;
                spans.push(Span::styled(
                    text,
                    if focused { theme.title } else { theme.text },
                ));
                let line = Line::from(spans);
                if focused {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect();
        let from = page.height();
        if focused {
            lines.extend(
                wrap(field.help, label_room)
                    .into_iter()
                    .map(|l| Line::styled(format!("{:1$}{l}", "", ANSWER + 3), theme.dim)),
            );
        }
        page.push(Body::Lines(lines), Some(Target::Field(index)));
        if focused {
            focused_rows = (from, page.height());
        }
    }
    if hidden > 0 {
        let text = if hidden == 1 {
            "1 step does not apply to this case (its answers rule it out).".to_owned()
        } else {
            format!("{hidden} steps do not apply to this case (its answers rule them out).")
        };
        page.push(
            Body::Lines(vec![
                Line::default(),
                Line::styled(format!(" {text}"), theme.dim),
            ]),
            None,
        );
    }
    page.show(focused_rows.0, focused_rows.1, visible);
}
