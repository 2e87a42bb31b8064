//! The Markdown export, shaped like a GitHub issue form's body: `### Label`, a blank line,
//! the value, and `_No response_` for empty optional items. The configuration sits under a
//! `##` title; the steps tried are one list. Long text is fenced, and a one-line value is
//! escaped where it could start a heading, list, quote, HTML block or the like, so no value
//! can break the structure.

use super::Options;
use super::items::{Block, Layout, MISSING, Value, blocks};
use crate::case::Case;

/// What GitHub issue forms write for an empty optional field.
pub(crate) const NO_RESPONSE: &str = "_No response_";

/// The case as Markdown, paragraphs separated by one blank line.
pub(super) fn render(case: &Case, options: Options) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in blocks(case, options, true) {
        render_block(&block, &mut paragraphs);
    }
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out
}

fn render_block(block: &Block, paragraphs: &mut Vec<String>) {
    match block.layout {
        Layout::Fields => {
            if let Some(title) = block.title {
                paragraphs.push(format!("## {title}"));
            }
            for item in &block.items {
                paragraphs.push(format!("### {}", item.label));
                paragraphs.push(value(&item.value));
            }
        }
        Layout::Checklist => {
            paragraphs.push(format!("### {}", block.title.unwrap_or_default()));
            let list: Vec<String> = block
                .items
                .iter()
                .map(|item| format!("- {}: {}", item.label, value(&item.value)))
                .collect();
            if list.is_empty() {
                paragraphs.push(NO_RESPONSE.to_owned());
            } else {
                paragraphs.push(list.join("\n"));
            }
        }
    }
}

fn value(value: &Value) -> String {
    match value {
        Value::Line(text) => escape_line(text),
        Value::Text(text) => fence(text),
        Value::Missing => MISSING.to_owned(),
        Value::Empty => NO_RESPONSE.to_owned(),
    }
}

/// `text` in a ```` ```text ```` block whose fence is longer than any run of backticks
/// inside, so nothing in it is read as Markdown and it cannot close the block early.
fn fence(text: &str) -> String {
    let longest_run = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest_run.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}")
}

/// A one-line value as a paragraph of its own: a backslash before a first character that
/// would start a block (heading, quote, list, rule, table, fence, HTML, link definition),
/// and before the `.`/`)` of an ordered-list marker.
fn escape_line(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    if (1..=9).contains(&digits)
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        return format!("{}\\{rest}", &text[..digits]);
    }
    match text.chars().next() {
        Some(
            '#' | '>' | '-' | '+' | '*' | '=' | '_' | '|' | '`' | '~' | '<' | '[' | '!' | '\\',
        ) => {
            format!("\\{text}")
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{example_case, fold_case, gap_case};

    fn markdown(case: &Case) -> String {
        render(case, Options::default())
    }

    #[test]
    fn a_description_cannot_add_headings_or_close_its_fence() {
        let mut case = example_case();
        case.failure.description = "### Skill ID\n```\n<!-- hide the rest".to_owned();
        let out = markdown(&case);
        assert!(out.contains(
            "### Description\n\n````text\n### Skill ID\n```\n<!-- hide the rest\n````\n"
        ));
        assert_eq!(out.matches("### Skill ID").count(), 2);
    }

    #[test]
    fn one_line_values_cannot_start_a_block() {
        assert_eq!(escape_line("### Forged"), "\\### Forged");
        assert_eq!(escape_line("<!-- hide"), "\\<!-- hide");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("1. first"), "1\\. first");
        assert_eq!(escape_line("2.2.596798.0"), "2.2.596798.0");
        assert_eq!(escape_line("A2Z2SH760RV43M"), "A2Z2SH760RV43M");
    }

    #[test]
    fn empty_optional_items_say_no_response() {
        let out = markdown(&Case::default());
        assert!(out.contains("### Screenshot\n\n_No response_\n"));
        assert!(out.contains("### Skill ID\n\n(missing)\n"));
    }

    #[test]
    fn snapshot_example() {
        insta::assert_snapshot!(markdown(&example_case()));
    }

    #[test]
    fn snapshot_fold_with_disambiguation() {
        insta::assert_snapshot!(markdown(&fold_case()));
    }

    #[test]
    fn snapshot_unresolvable_time() {
        insta::assert_snapshot!(markdown(&gap_case()));
    }

    #[test]
    fn snapshot_empty_case() {
        insta::assert_snapshot!(markdown(&Case::default()));
    }
}
