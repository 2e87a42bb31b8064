//! The review screen: the text export exactly as it will be filed (the password left out on
//! screen) above every finding, one of which is highlighted to jump to: the validation
//! errors and warnings, then the checks of `linkcase check` (✗ error, ! warning, · hint).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::tui::app::{App, ReviewMark};

/// Draws the review screen into `area`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, selected: usize, scroll: u16) {
    let theme = app.theme();
    let findings = app.review_items();
    // The findings take at most half the screen: the text is what is being reviewed.
    let list_height = u16::try_from(findings.len().clamp(1, 10))
        .unwrap_or(10)
        .saturating_add(2)
        .min((area.height / 2).max(3));
    let [text_area, list_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(area);

    let wrapped = wrap(
        app.review_text(),
        usize::from(text_area.width.saturating_sub(2)),
    );
    let lines = u16::try_from(wrapped.len()).unwrap_or(u16::MAX);
    let inner_height = text_area.height.saturating_sub(2);
    let scroll = scroll.min(lines.saturating_sub(inner_height));
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(" Review ", theme.title),
            Span::styled(
                "· the text export as filed; password hidden here ",
                theme.dim,
            ),
        ]))
        .border_style(theme.border_focus);
    frame.render_widget(
        Paragraph::new(wrapped.into_iter().map(Line::from).collect::<Vec<_>>())
            .block(block)
            .scroll((scroll, 0)),
        text_area,
    );

    let visible = usize::from(list_area.height.saturating_sub(2)).max(1);
    let first = selected.saturating_sub(visible - 1);
    let rows: Vec<Line> = if findings.is_empty() {
        vec![Line::styled(
            "No errors, warnings or check findings: ready to file.",
            theme.ok,
        )]
    } else {
        findings
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(i, item)| {
                let style = match item.mark {
                    ReviewMark::Error => theme.error,
                    ReviewMark::Warning => theme.warning,
                    ReviewMark::Hint => theme.dim,
                };
                let mut spans = vec![Span::styled(format!("{} ", item.mark.symbol()), style)];
                if item.rule.is_some() {
                    spans.push(Span::styled("check · ", style));
                }
                spans.push(Span::styled(format!("{}: ", item.label), theme.title));
                spans.push(Span::raw(item.message.clone()));
                let line = Line::from(spans);
                if i == selected {
                    line.style(theme.selected)
                } else {
                    line
                }
            })
            .collect()
    };
    let title = format!(" {} · Enter goes to the field ", app.summary());
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(rows).block(block), list_area);
}

/// Splits `text` into screen lines at most `width` columns wide, breaking at spaces where it
/// can and inside a word only when the word alone is wider. Nothing is dropped or added, so
/// the review shows every character that will be filed (the form's pages wrap with it too).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for line in text.lines() {
        if line.width() <= width {
            out.push(line.to_owned());
            continue;
        }
        let mut current = String::new();
        let mut current_width = 0;
        for word in line.split_inclusive(' ') {
            let word_width = word.width();
            if current_width + word_width.min(word.trim_end().width()) > width
                && !current.is_empty()
            {
                out.push(std::mem::take(&mut current));
                current_width = 0;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if current_width + w > width && !current.is_empty() && c != ' ' {
                    out.push(std::mem::take(&mut current));
                    current_width = 0;
                }
                current.push(c);
                current_width += w;
            }
        }
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wraps_long_lines_at_spaces_and_keeps_short_ones() {
        assert_eq!(
            wrap("short\nthe quick brown fox", 9),
            ["short", "the quick ", "brown fox"]
        );
    }

    #[test]
    fn breaks_a_word_wider_than_the_line() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    proptest! {
        #[test]
        fn wrapping_keeps_every_character_and_fits_the_width(
            text in "[a-z 日本🙂é\n]{0,200}", width in 2usize..40
        ) {
            let lines = wrap(&text, width);
            let original: String = text.lines().collect();
            prop_assert_eq!(lines.concat(), original);
            for line in &lines {
                // Trailing spaces may hang past the edge; what is visible fits.
                prop_assert!(line.trim_end().width() <= width, "{:?}", line);
            }
        }
    }
}
