//! Strips characters that must never reach the screen, an export or the clipboard
//! (DESIGN §1): C0 controls but `\n` and `\t`, DEL, C1 controls, and bidi
//! overrides and isolates. Applied where text enters: input, paste, load, import.

use std::borrow::Cow;

/// Whether `c` is one of the characters DESIGN §1 bans from case text.
#[must_use]
pub const fn is_banned(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` without banned characters; borrowed when there were none.
///
/// A lone `\r` is dropped like any other control, so CRLF becomes LF.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_banned) {
        Cow::Owned(text.chars().filter(|c| !is_banned(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Sanitizes `text` in place; returns whether anything was removed.
pub fn sanitize_in_place(text: &mut String) -> bool {
    if let Cow::Owned(clean) = sanitize(text) {
        *text = clean;
        true
    } else {
        false
    }
}

/// Sanitizes every string (keys included) inside a JSON value; returns whether anything changed.
pub fn sanitize_json(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(s) => sanitize_in_place(s),
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |acc, v| sanitize_json(v) | acc),
        Value::Object(map) => {
            let dirty_keys = map.keys().any(|k| k.chars().any(is_banned));
            let mut changed = dirty_keys;
            if dirty_keys {
                let old = std::mem::take(map);
                for (k, v) in old {
                    map.insert(sanitize(&k).into_owned(), v);
                }
            }
            for v in map.values_mut() {
                changed |= sanitize_json(v);
            }
            changed
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// A value as quoted inside a one-line message: `'…'`, newlines and tabs escaped, banned
/// characters replaced, cut after 40 characters so a huge value never floods a message.
#[must_use]
pub fn excerpt(value: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("'");
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_banned(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_newlines_tabs_and_ordinary_unicode() {
        let text = "line one\n\tline two — ünïcödé 日本語 🙂";
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
    }

    #[test]
    fn strips_c0_del_c1_and_bidi_controls() {
        let text = "a\u{0}b\u{1b}[31mc\u{7f}d\u{85}e\u{202e}f\u{2066}g\r\nh";
        assert_eq!(sanitize(text), "ab[31mcdefg\nh");
    }

    #[test]
    fn sanitizes_keys_and_nested_values_in_json() {
        let mut value = serde_json::json!({"k\u{202e}": ["x\u{1}", {"y": "z\u{9b}"}]});
        assert!(sanitize_json(&mut value));
        assert_eq!(value, serde_json::json!({"k": ["x", {"y": "z"}]}));
    }

    #[test]
    fn excerpt_is_one_short_line() {
        assert_eq!(excerpt("a\nb\tc"), "'a\\nb\\tc'");
        let long = excerpt(&"x".repeat(1000));
        assert_eq!(long.chars().count(), 43);
        assert!(long.ends_with("…'"));
    }

    proptest! {
        #[test]
        fn output_never_contains_a_banned_character(text in any::<String>()) {
            let clean = sanitize(&text);
            prop_assert!(!clean.chars().any(is_banned));
            prop_assert!(clean.len() <= text.len());
        }
    }
}
