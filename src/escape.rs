//! One escaping function for everything printed that came from outside: file names, JSON
//! keys, profile names, ids, and the one-line messages that carry them. A control
//! character (C0, DEL, C1) or a bidi override is shown as an escape (`\e`, `\n`, `\u{9b}`),
//! as ripgrep and `ls` show such names, so a name can neither drive the terminal (set the
//! window title, move the cursor) nor forge extra lines of a report.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// Whether `c` is shown escaped.
#[must_use]
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `text` as it may reach a terminal: unchanged (borrowed) when it holds nothing to escape.
#[must_use]
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as it may reach a terminal: [`shown`], after replacing bytes that are not UTF-8.
#[must_use]
pub fn path(path: &Path) -> Cow<'_, str> {
    match path.to_string_lossy() {
        Cow::Borrowed(text) => shown(text),
        Cow::Owned(text) => Cow::Owned(shown(&text).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(shown("case ü.json"), Cow::Borrowed("case ü.json")));
    }

    #[test]
    fn escape_sequences_and_newlines_are_shown_not_sent() {
        assert_eq!(shown("a\u{1b}]0;pwned\u{7}b"), "a\\e]0;pwned\\u{7}b");
        assert_eq!(shown("x\nerror: forged"), "x\\nerror: forged");
        assert_eq!(shown("\u{9b}31m\u{202e}"), "\\u{9b}31m\\u{202e}");
        assert_eq!(shown("tab\there\r"), "tab\\there\\r");
    }

    proptest! {
        #[test]
        fn nothing_shown_drives_a_terminal_or_breaks_a_line(text in any::<String>()) {
            let out = shown(&text);
            prop_assert!(!out.chars().any(needs_escape), "{:?}", out);
        }
    }
}
