//! The text export, for the contact-us form's description box: the guide's items as
//! `Label: value` lines, then titled blocks for the configuration and the steps tried.
//! Long text goes on the lines after its label, indented by two spaces; empty optional
//! items are left out.

use super::Options;
use super::items::{Block, Item, Layout, MISSING, Value, blocks};
use crate::case::Case;

/// How the lines of a multi-line value are indented under their label.
pub(crate) const INDENT: &str = "  ";

/// The case as plain text, blocks separated by one blank line.
pub(super) fn render(case: &Case, options: Options) -> String {
    let rendered: Vec<String> = blocks(case, options, options.with_checks)
        .iter()
        .filter_map(render_block)
        .collect();
    let mut out = rendered.join("\n");
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// The block's lines, each ending in a newline, or `None` when it has nothing to show.
fn render_block(block: &Block) -> Option<String> {
    let mut lines: Vec<String> = block
        .items
        .iter()
        .filter_map(|item| match block.layout {
            Layout::Fields => render_field(item),
            Layout::Checklist => value_text(&item.value).map(|v| format!("- {}: {v}", item.label)),
        })
        .collect();
    if lines.is_empty() {
        return None;
    }
    if let Some(title) = block.title {
        lines.insert(0, format!("{title}:"));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    Some(out)
}

fn value_text(value: &Value) -> Option<&str> {
    match value {
        Value::Line(text) | Value::Text(text) => Some(text),
        Value::Missing => Some(MISSING),
        Value::Empty => None,
    }
}

fn render_field(item: &Item) -> Option<String> {
    let text = value_text(&item.value)?;
    if !text.contains('\n') {
        return Some(format!("{}: {text}", item.label));
    }
    let mut out = format!("{}:", item.label);
    for line in text.lines() {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(INDENT);
            out.push_str(line);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{example_case, fold_case, gap_case};

    fn text(case: &Case) -> String {
        render(case, Options::default())
    }

    #[test]
    fn text_head_matches_design_example() {
        let out = text(&example_case());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[..8],
            [
                "Skill ID: amzn1.ask.skill.0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
                "Skill stage: Live",
                "Account linking test credentials: tester@example.com / (password shared separately)",
                "Customer ID of the account that failed: A2Z2SH760RV43M",
                "Time of failure (UTC): 2026-11-21 19:03:00 UTC (entered as 2026-11-21 14:03 America/New_York)",
                "Region(s): NA, EU",
                "Device/platform: iOS",
                "Alexa app version: 2.2.596798.0",
            ]
        );
        let configuration = [
            "Authorization URL: https://auth.example.com/oauth2/authorize",
            "Domain List: cdn.example.com, fonts.example.net",
            "Account Linking Type: Authorization Code Grant",
        ];
        let at = lines.iter().position(|l| *l == configuration[0]).unwrap();
        assert_eq!(lines[at..at + 3], configuration);
    }

    #[test]
    fn credentials_include_the_password_only_when_asked() {
        let out = render(
            &example_case(),
            Options {
                include_secrets: true,
                with_checks: false,
            },
        );
        assert_eq!(
            out.lines().nth(2),
            Some(
                "Account linking test credentials: tester@example.com / correct horse battery staple"
            )
        );
    }

    #[test]
    fn a_description_line_cannot_pose_as_a_label() {
        let mut case = example_case();
        case.failure.description = "It fails.\nSkill ID: amzn1.ask.skill.forged".to_owned();
        let out = text(&case);
        assert!(out.contains("Description:\n  It fails.\n  Skill ID: amzn1.ask.skill.forged\n"));
    }

    #[test]
    fn snapshot_example() {
        insta::assert_snapshot!(text(&example_case()));
    }

    #[test]
    fn snapshot_example_with_secrets() {
        insta::assert_snapshot!(render(
            &example_case(),
            Options {
                include_secrets: true,
                with_checks: false,
            }
        ));
    }

    #[test]
    fn snapshot_fold_with_disambiguation() {
        insta::assert_snapshot!(text(&fold_case()));
    }

    #[test]
    fn snapshot_unresolvable_time() {
        insta::assert_snapshot!(text(&gap_case()));
    }

    #[test]
    fn snapshot_empty_case() {
        insta::assert_snapshot!(text(&Case::default()));
    }

    /// A case with a finding of every kind: a case error, configuration errors and
    /// warnings, symptom hints, an unknown key, and steps left unanswered.
    fn troubled_case() -> Case {
        let mut case = example_case();
        case.failure.customer_id = "x".to_owned();
        case.failure.symptoms = vec![crate::case::Symptom::EmptyPage];
        case.account_linking.authorization_url = "http://localhost/login#x".to_owned();
        case.account_linking.default_token_expiration_seconds = Some(60);
        case.account_linking.domains = vec!["https://cdn.example.com/x".to_owned()];
        case.steps_tried = crate::case::StepsTried::default();
        case.extra
            .insert("x_ticket".to_owned(), serde_json::json!(7));
        case
    }

    #[test]
    fn the_text_export_has_no_json_paths_and_no_advice() {
        let out = text(&troubled_case());
        for path in crate::case::FIELDS.iter().map(|f| f.path) {
            assert!(!out.contains(path), "{path} in:\n{out}");
        }
        for advice in [
            "Checks",
            "step:",
            "Alexa only talks",
            "x_ticket",
            "Hint",
            "Warning",
        ] {
            assert!(!out.contains(advice), "{advice} in:\n{out}");
        }
    }

    #[test]
    fn checks_come_only_when_asked_and_name_fields_by_label() {
        let out = render(
            &troubled_case(),
            Options {
                include_secrets: false,
                with_checks: true,
            },
        );
        let checks = out.split("\nChecks:\n").nth(1).expect("a Checks block");
        assert!(checks.starts_with("- Summary: "), "{checks}");
        assert!(
            checks.contains("- Error: Authorization URL — must use https://"),
            "{checks}"
        );
        assert!(
            checks.contains("- Error: Domain List entry 1 — "),
            "{checks}"
        );
        assert!(checks.contains("- Hint: What happened — "), "{checks}");
        assert!(!checks.contains("account_linking."), "{checks}");
    }

    #[test]
    fn steps_never_answered_are_listed_as_not_answered() {
        let out = text(&troubled_case());
        let steps = out
            .split("Steps already tried:\n")
            .nth(1)
            .expect("the steps block");
        assert!(
            steps.contains("- Tried a private window: Not answered"),
            "{steps}"
        );
        // A step that cannot apply (implicit grant on an Authorization Code case) is left out.
        assert!(!steps.contains("Implicit grant"), "{steps}");
    }
}
