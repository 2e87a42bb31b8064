//! Placeholder, replaced by the lead within minutes.
/// Severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// e
    Error,
    /// w
    Warning,
}
/// Finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// s
    pub severity: Severity,
    /// p
    pub path: String,
    /// m
    pub message: String,
}
/// Report.
#[derive(Debug, Default)]
pub struct Report {
    /// f
    pub findings: Vec<Finding>,
}
/// Validator.
#[derive(Debug)]
pub struct Validator;
