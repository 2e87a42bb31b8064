//! Placeholder, replaced by the lead within minutes.
use super::model::Case;
/// Loaded case.
#[derive(Debug)]
pub struct Loaded {
    /// the case
    pub case: Case,
}
/// Load error.
#[derive(Debug, thiserror::Error)]
#[error("load error")]
pub struct LoadError;
