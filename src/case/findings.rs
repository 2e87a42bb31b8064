//! One findings model for every rule, whether it checks the case (is it complete and
//! well-formed?) or lints the configuration (would Alexa trip over it?), and the one
//! summary that every surface shows: the form's header and sidebar, the review screen, the
//! drafts list, `validate`, `check` and the exports.

use std::fmt;

use serde::Serialize;

use super::checklist::{FIELDS, FieldId, Section};
use super::model::{Case, Step};
use super::value::is_filled;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong: the case cannot be filed like this (class case), or Alexa will fail with this
    /// configuration (class configuration).
    Error,
    /// Probably wrong, or worth a second look.
    Warning,
    /// Not wrong in itself: where to look, given the symptoms.
    Hint,
}

impl Severity {
    /// The lowercase name used in output.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Hint => "hint",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a finding is about: the case itself, or the account-linking setup it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// The case is incomplete or malformed and cannot be filed as it is.
    Case,
    /// A likely cause of the failure in the account-linking setup: it informs, and never
    /// blocks filing.
    Configuration,
}

impl Class {
    /// The lowercase name used in output.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Case => "case",
            Self::Configuration => "configuration",
        }
    }
}

/// Where in the case a finding points.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A field of the checklist.
    Field(FieldId),
    /// One entry (0-based) of a list or multi-choice field.
    Entry(FieldId, usize),
    /// A key the case file holds that this version does not know, by its JSON path.
    UnknownKey(String),
}

impl Subject {
    /// The checklist field, when the subject is one.
    #[must_use]
    pub fn field(&self) -> Option<FieldId> {
        match self {
            Self::Field(id) | Self::Entry(id, _) => Some(*id),
            Self::UnknownKey(_) => None,
        }
    }

    /// The JSON path in the case file, e.g. `account_linking.domains[2]`.
    #[must_use]
    pub fn path(&self) -> String {
        match self {
            Self::Field(id) => id.path().to_owned(),
            Self::Entry(id, index) => format!("{}[{index}]", id.path()),
            Self::UnknownKey(path) => path.clone(),
        }
    }
}

impl From<FieldId> for Subject {
    fn from(id: FieldId) -> Self {
        Self::Field(id)
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where it points.
    pub subject: Subject,
    /// Error, warning or hint.
    pub severity: Severity,
    /// About the case, or about the configuration.
    pub class: Class,
    /// Stable rule id, e.g. `required` or `url-not-https`.
    pub rule: &'static str,
    /// What was found and what a right value looks like, or what to do about it.
    pub message: String,
    /// The troubleshooting step (DESIGN §4) it relates to, if any.
    pub step: Option<Step>,
    /// The problem in a few words, for a tight place such as a list's row (the entry it is
    /// about is beside it there); `None` when the message is all there is.
    pub brief: Option<String>,
}

impl Finding {
    /// A finding about the case itself.
    pub(crate) fn case(
        severity: Severity,
        rule: &'static str,
        subject: impl Into<Subject>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            subject: subject.into(),
            severity,
            class: Class::Case,
            rule,
            message: message.into(),
            step: None,
            brief: None,
        }
    }

    /// A finding about the account-linking configuration.
    pub(crate) fn config(
        severity: Severity,
        rule: &'static str,
        subject: impl Into<Subject>,
        step: Option<Step>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            subject: subject.into(),
            severity,
            class: Class::Configuration,
            rule,
            message: message.into(),
            step,
            brief: None,
        }
    }

    /// The same finding with `brief` as its few-word form.
    #[must_use]
    pub(crate) fn with_brief(mut self, brief: impl Into<String>) -> Self {
        self.brief = Some(brief.into());
        self
    }

    /// The checklist field this finding is about, when it is about one.
    #[must_use]
    pub fn field(&self) -> Option<FieldId> {
        self.subject.field()
    }

    /// The JSON path it points at.
    #[must_use]
    pub fn path(&self) -> String {
        self.subject.path()
    }

    /// Whether this finding stops the case from being filed.
    #[must_use]
    pub fn blocks_filing(&self) -> bool {
        self.class == Class::Case && self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// `error: skill.id: …`, with `[step: …]` when it relates to one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.severity, self.path(), self.message)?;
        if let Some(step) = self.step {
            write!(f, " [step: {}]", step.id())?;
        }
        Ok(())
    }
}

/// Counts of findings of one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Hints.
    pub hints: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Hint => self.hints += 1,
        }
    }
}

/// Where a case stands: the one summary every surface shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Required fields (for this configuration) that are filled and free of case errors.
    pub done: usize,
    /// Required fields, for this configuration.
    pub required: usize,
    /// Findings about the case.
    pub case: Counts,
    /// Findings about the configuration.
    pub configuration: Counts,
}

impl Summary {
    /// Counts `findings` and the required fields of `case`.
    #[must_use]
    pub fn of(case: &Case, findings: &[Finding]) -> Self {
        Self::of_part(case, findings, None)
    }

    /// The summary of one section of the checklist: its fields' findings and required fields.
    #[must_use]
    pub fn of_section(case: &Case, findings: &[Finding], section: Section) -> Self {
        Self::of_part(case, findings, Some(section))
    }

    /// Counts the findings about the fields of `section` (of every field, and those about no
    /// field, when `None`), and the required fields among them.
    fn of_part(case: &Case, findings: &[Finding], section: Option<Section>) -> Self {
        let within = |id: FieldId| section.is_none_or(|s| id.field().section == s);
        let mut summary = Self::default();
        for finding in findings {
            let counted = finding.field().map_or(section.is_none(), within);
            if !counted {
                continue;
            }
            match finding.class {
                Class::Case => summary.case.add(finding.severity),
                Class::Configuration => summary.configuration.add(finding.severity),
            }
        }
        for field in FIELDS.iter().filter(|f| within(f.id)) {
            if field.applies.holds(case) && field.required.holds(case) {
                summary.required += 1;
                let blocked = findings
                    .iter()
                    .any(|f| f.blocks_filing() && f.field() == Some(field.id));
                if is_filled(case, field.id) && !blocked {
                    summary.done += 1;
                }
            }
        }
        summary
    }

    /// Whether the case can be filed: no case errors (configuration findings never block).
    #[must_use]
    pub const fn ready(&self) -> bool {
        self.case.errors == 0
    }

    /// The case's part: `13/15 required · 2 errors · 1 warning`.
    #[must_use]
    pub fn case_part(&self) -> String {
        let mut out = format!("{}/{} required", self.done, self.required);
        push_count(&mut out, self.case.errors, "error");
        push_count(&mut out, self.case.warnings, "warning");
        out
    }

    /// The configuration's part: `checks: 1 error, 2 hints`, or `checks: nothing found`.
    #[must_use]
    pub fn configuration_part(&self) -> String {
        let c = self.configuration;
        let parts: Vec<String> = [
            (c.errors, "error"),
            (c.warnings, "warning"),
            (c.hints, "hint"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| plural(n, what))
        .collect();
        if parts.is_empty() {
            "checks: nothing found".to_owned()
        } else {
            format!("checks: {}", parts.join(", "))
        }
    }
}

impl fmt::Display for Summary {
    /// `13/15 required · 2 errors · 1 warning · checks: 1 error, 2 hints`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} · {}", self.case_part(), self.configuration_part())
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn push_count(out: &mut String, n: usize, what: &str) {
    out.push_str(" · ");
    out.push_str(&plural(n, what));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_each_class_apart_and_only_case_errors_block() {
        let findings = vec![
            Finding::case(Severity::Error, "required", FieldId::SkillId, "missing"),
            Finding::case(
                Severity::Warning,
                "unknown-key",
                Subject::UnknownKey("x".into()),
                "x",
            ),
            Finding::config(
                Severity::Error,
                "token-lifetime",
                FieldId::TokenExpiration,
                None,
                "t",
            ),
            Finding::config(Severity::Hint, "symptom", FieldId::Symptoms, None, "h"),
        ];
        let summary = Summary::of(&Case::default(), &findings);
        assert_eq!(
            summary.case,
            Counts {
                errors: 1,
                warnings: 1,
                hints: 0
            }
        );
        assert_eq!(
            summary.configuration,
            Counts {
                errors: 1,
                warnings: 0,
                hints: 1
            }
        );
        assert!(!summary.ready());
        let config_only = Summary::of(&Case::default(), &findings[2..]);
        assert!(config_only.ready());
        assert_eq!(config_only.configuration_part(), "checks: 1 error, 1 hint");
    }

    #[test]
    fn section_summaries_add_up_to_the_whole() {
        let case = Case::default();
        let findings = crate::case::Validator::new().validate(&case).findings;
        let whole = Summary::of(&case, &findings);
        let sections: Vec<Summary> = Section::ALL
            .iter()
            .map(|s| Summary::of_section(&case, &findings, *s))
            .collect();
        assert_eq!(
            sections.iter().map(|s| s.required).sum::<usize>(),
            whole.required
        );
        assert_eq!(
            sections.iter().map(|s| s.case.errors).sum::<usize>(),
            whole.case.errors
        );
        let skill = Summary::of_section(&case, &findings, Section::Skill);
        assert_eq!((skill.done, skill.required, skill.case.errors), (0, 1, 1));
    }

    #[test]
    fn an_entry_points_at_its_field_and_path() {
        let subject = Subject::Entry(FieldId::Domains, 2);
        assert_eq!(subject.field(), Some(FieldId::Domains));
        assert_eq!(subject.path(), "account_linking.domains[2]");
    }
}
