//! Draft ids: the file name of a draft without `.json`. New ones are the UTC time of their
//! first save (`20261122-041500`, then `-2`, `-3`… on a collision); renamed ones are slugs.

use chrono::{DateTime, Utc};

/// The longest id accepted.
const MAX_LEN: usize = 64;

/// Whether `id` can name a draft: 1–64 of `A-Z a-z 0-9 - _ .`, not starting with a dot.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `text` made into an id: letters, digits and `_` kept, runs of anything else become one `-`,
/// cut to 64 characters; `None` when nothing is left.
#[must_use]
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.chars().take(MAX_LEN).collect();
    let out = out.trim_end_matches('-').to_owned();
    is_valid_id(&out).then_some(out)
}

/// The candidates for a new id made at `now`: the time, then the time with `-2`, `-3`…
pub fn candidates(now: DateTime<Utc>) -> impl Iterator<Item = String> {
    let base = now.format("%Y%m%d-%H%M%S").to_string();
    std::iter::once(base.clone()).chain((2..).map(move |n| format!("{base}-{n}")))
}

/// The candidates for `base` taken: `base-2`, `base-3`…
pub fn variants(base: &str) -> impl Iterator<Item = String> + '_ {
    (2..).map(move |n| format!("{base}-{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_safe_file_names() {
        assert!(is_valid_id("20261122-041500"));
        assert!(is_valid_id("acme-thermostat_2"));
        for bad in ["", ".hidden", "a/b", "../x", "a b", "ä"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
        assert!(!is_valid_id(&"x".repeat(65)));
    }

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(
            slug("Acme Thermostat / EU").as_deref(),
            Some("Acme-Thermostat-EU")
        );
        assert_eq!(slug("  ../../etc  ").as_deref(), Some("etc"));
        assert_eq!(slug("!!!"), None);
    }

    #[test]
    fn new_ids_are_the_time_then_numbered() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T04:15:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ids: Vec<String> = candidates(now).take(3).collect();
        assert_eq!(
            ids,
            ["20261122-041500", "20261122-041500-2", "20261122-041500-3"]
        );
    }
}
