//! Reading linkcase's own text and Markdown exports back into a case (support staff receive
//! cases as pasted text). Items are found by the field table's labels, so a field added to
//! the table is read back without a change here; only the guide's composite items (the
//! credentials line, the failure time) are taken apart by hand, as `export::items` puts
//! them together. Every line that is not read is reported.

use super::Source;
use super::fill::Filler;
use crate::case::time::{Zone, format_utc, parse_local};
use crate::case::value::{self, options};
use crate::case::{Disambiguation, FIELDS, Field, FieldId, FieldKind, Place, Secret, Section};
use crate::export::items::{
    ALEXA_REDIRECT_LABEL, CHECKS_TITLE, CREDENTIALS_LABEL, MISSING, NO_DOMAINS, NOT_ANSWERED,
    PASSWORD_WITHHELD, human_utc,
};
use crate::export::markdown::NO_RESPONSE;
use crate::export::text::INDENT;

/// One labelled value read from an export.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    label: String,
    value: String,
}

/// What a document was read as: its items, and what could not be read (line number, why).
#[derive(Debug, Default)]
struct Read {
    items: Vec<Item>,
    unread: Vec<(usize, String)>,
}

/// Whether `text` is a linkcase text or Markdown export: its first line is an item
/// (`Label: value`) or a heading (`### Label`) with a label linkcase knows.
pub(super) fn recognise(text: &str) -> Option<Source> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim_end();
    if let Some(heading) = first.strip_prefix("### ") {
        return is_label(heading).then_some(Source::MarkdownExport);
    }
    labelled(first).map(|_| Source::TextExport)
}

/// Reads an export into the filler's case, noting each item and each line left out.
pub(super) fn import(text: &str, source: Source, filler: &mut Filler) {
    let read = if source == Source::MarkdownExport {
        read_markdown(text)
    } else {
        read_text(text)
    };
    for (line, why) in read.unread {
        filler.ignore(&format!("line {line}"), why);
    }
    for item in read.items {
        apply(&item, filler);
    }
}

/// Every label an export may show an item under: the table's own (parts of other items
/// aside), the composite credentials line, and the Alexa redirect URLs worked out from the
/// vendor id.
fn labels() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .filter(|f| !matches!(f.place, Place::Part(_)))
        .map(|f| f.label)
        .chain([CREDENTIALS_LABEL, ALEXA_REDIRECT_LABEL])
}

fn is_label(text: &str) -> bool {
    labels().any(|label| label == text)
}

/// `Label: value` or `Label:` (a long text follows) for the longest known label.
fn labelled(line: &str) -> Option<(&'static str, &str)> {
    labels()
        .filter_map(|label| {
            let rest = line.strip_prefix(label)?.strip_prefix(':')?;
            if rest.is_empty() {
                Some((label, rest))
            } else {
                rest.strip_prefix(' ').map(|value| (label, value))
            }
        })
        .max_by_key(|(label, _)| label.len())
}

/// A `- label: value` line of a list block.
fn list_item(line: &str) -> Option<Item> {
    let (label, value) = line.strip_prefix("- ")?.split_once(": ")?;
    Some(Item {
        label: label.to_owned(),
        value: value.to_owned(),
    })
}

fn read_text(text: &str) -> Read {
    let lines: Vec<&str> = text.lines().collect();
    let mut read = Read::default();
    // Inside a list block: `Some(true)` keeps its items, `Some(false)` skips them (checks).
    let mut list: Option<bool> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        i += 1;
        if line.is_empty() {
            // Blocks are separated by a blank line: a list ends there.
            list = None;
            continue;
        }
        if let Some(title) = line.strip_suffix(':')
            && (title == Section::Configuration.title()
                || title == Section::StepsTried.title()
                || title == CHECKS_TITLE)
        {
            // The steps tried are kept; the checks are linkcase's own findings, not the case.
            list = if title == Section::StepsTried.title() {
                Some(true)
            } else if title == CHECKS_TITLE {
                Some(false)
            } else {
                None
            };
            continue;
        }
        if let Some(keep) = list {
            match (keep, list_item(line)) {
                (true, Some(item)) => read.items.push(item),
                (false, Some(_)) => {}
                (_, None) => read.unread.push((i, "not a list item".to_owned())),
            }
            continue;
        }
        let Some((label, first)) = labelled(line) else {
            read.unread.push((i, "no label linkcase knows".to_owned()));
            continue;
        };
        let mut value = first.trim().to_owned();
        if first.is_empty() {
            // A long text: the indented lines (and blank lines between them) that follow.
            let mut body: Vec<&str> = Vec::new();
            while let Some(next) = lines.get(i) {
                if next.trim().is_empty() {
                    body.push("");
                } else if let Some(indented) = next.strip_prefix(INDENT) {
                    body.push(indented.trim_end());
                } else {
                    break;
                }
                i += 1;
            }
            while body.last() == Some(&"") {
                body.pop();
            }
            value = body.join("\n");
        }
        read.items.push(Item {
            label: label.to_owned(),
            value,
        });
    }
    read
}

fn read_markdown(text: &str) -> Read {
    let lines: Vec<&str> = text.lines().collect();
    let mut read = Read::default();
    let mut i = 0;
    let mut heading: Option<(usize, &str)> = None;
    let mut body: Vec<&str> = Vec::new();
    let flush = |heading: Option<(usize, &str)>, body: &mut Vec<&str>, read: &mut Read| {
        let Some((at, title)) = heading else {
            if body.iter().any(|l| !l.trim().is_empty()) {
                read.unread
                    .push((1, "text before the first heading".to_owned()));
            }
            body.clear();
            return;
        };
        if title == Section::StepsTried.title() {
            for line in body.iter().filter(|l| !l.trim().is_empty()) {
                match list_item(line) {
                    Some(item) => read.items.push(Item {
                        value: unescape(&item.value),
                        ..item
                    }),
                    None if line.trim() == NO_RESPONSE => {}
                    None => read.unread.push((at, "not a list item".to_owned())),
                }
            }
        } else if title != CHECKS_TITLE {
            if is_label(title) {
                read.items.push(Item {
                    label: title.to_owned(),
                    value: markdown_value(body),
                });
            } else {
                read.unread.push((at, "no label linkcase knows".to_owned()));
            }
        }
        body.clear();
    };
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        // A fenced long text: kept whole, whatever it holds.
        if let Some(fence) = fence_of(line) {
            body.push(line);
            while let Some(next) = lines.get(i) {
                i += 1;
                body.push(next);
                if next.trim_end() == fence {
                    break;
                }
            }
            continue;
        }
        if let Some(title) = line.strip_prefix("### ") {
            flush(heading, &mut body, &mut read);
            heading = Some((i, title.trim_end()));
        } else if let Some(title) = line.strip_prefix("## ") {
            flush(heading, &mut body, &mut read);
            heading = None;
            if title.trim_end() != Section::Configuration.title() {
                read.unread
                    .push((i, "a section linkcase does not export".to_owned()));
            }
        } else {
            body.push(line);
        }
    }
    flush(heading, &mut body, &mut read);
    read
}

/// The fence of a ```` ```text ```` opening line (its backticks), if it is one.
fn fence_of(line: &str) -> Option<&str> {
    let fence = line.strip_suffix("text")?;
    (fence.len() >= 3 && fence.chars().all(|c| c == '`')).then_some(fence)
}

/// The value under a Markdown heading: a fenced text, `_No response_`, or one line.
fn markdown_value(body: &[&str]) -> String {
    let lines: Vec<&str> = body
        .iter()
        .copied()
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |e| e + 1);
    let lines = &lines[..end];
    match lines {
        [open, inner @ .., close] if fence_of(open).is_some_and(|f| f == close.trim_end()) => {
            inner.join("\n")
        }
        [one] if one.trim() == NO_RESPONSE => String::new(),
        _ => unescape(&lines.join(" ")),
    }
}

/// Undoes the Markdown export's escaping of a one-line value.
fn unescape(text: &str) -> String {
    let text = text.trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    if (1..=9).contains(&digits) && (rest.starts_with("\\.") || rest.starts_with("\\)")) {
        return format!("{}{}", &text[..digits], &rest[1..]);
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (
            Some('\\'),
            Some(
                '#' | '>' | '-' | '+' | '*' | '=' | '_' | '|' | '`' | '~' | '<' | '[' | '!' | '\\',
            ),
        ) => text[1..].to_owned(),
        _ => text.to_owned(),
    }
}

/// Puts one item into the case, by its label.
fn apply(item: &Item, filler: &mut Filler) {
    let value = item.value.trim();
    let label = item.label.as_str();
    if label == CREDENTIALS_LABEL {
        return credentials(label, value, filler);
    }
    if label == ALEXA_REDIRECT_LABEL {
        return filler.ignore(
            label,
            "worked out from the vendor id and regions; not stored",
        );
    }
    let Some(field) = FIELDS
        .iter()
        .find(|f| f.label == label && !matches!(f.place, Place::Part(_)))
    else {
        return filler.ignore(label, "no label linkcase knows");
    };
    if value.is_empty() || value == MISSING || value == NOT_ANSWERED {
        return;
    }
    if field.id == FieldId::Utc {
        return failure_time(label, value, filler);
    }
    match put(field, value, filler) {
        Ok(()) => filler.filled(label, field.id),
        Err(why) => filler.ignore(label, why),
    }
}

/// Stores `text` in `field` by its kind; says why not when it cannot.
fn put(field: &Field, text: &str, filler: &mut Filler) -> Result<(), String> {
    let case = filler.case_mut();
    let id = field.id;
    match field.kind {
        FieldKind::Text | FieldKind::Url | FieldKind::LongText | FieldKind::Secret => {
            value::set_text(case, id, text);
        }
        FieldKind::Number => {
            // "3600 seconds": the number and its unit.
            let number = text.split_whitespace().next().unwrap_or_default();
            let n: i64 = number
                .parse()
                .map_err(|_| format!("not a whole number: {}", excerpt(text)))?;
            value::set_text(case, id, &n.to_string());
        }
        FieldKind::Choice(_) | FieldKind::YesNo | FieldKind::Confirm => {
            let index = option_index(field, text)
                .ok_or_else(|| format!("not one of the choices: {}", excerpt(text)))?;
            if !value::is_chosen(case, id, index) {
                value::toggle(case, id, index);
            }
        }
        FieldKind::Multi(_) => {
            let picked = options_in(field, text)
                .ok_or_else(|| format!("not a list of the choices: {}", excerpt(text)))?;
            for i in 0..options(field.kind).len() {
                if value::is_chosen(case, id, i) != picked.contains(&i) {
                    value::toggle(case, id, i);
                }
            }
        }
        FieldKind::List => {
            if let Some(list) = value::list_mut(case, id) {
                *list = if text == NO_DOMAINS {
                    Vec::new()
                } else {
                    text.split(", ")
                        .map(|e| crate::case::sanitize::sanitize(e.trim()).into_owned())
                        .filter(|e| !e.is_empty())
                        .collect()
                };
            }
        }
        FieldKind::LocalTime | FieldKind::Zone | FieldKind::Derived => {
            return Err("shown as part of another item".to_owned());
        }
    }
    Ok(())
}

/// The option whose label (or id) is `text`.
fn option_index(field: &Field, text: &str) -> Option<usize> {
    options(field.kind)
        .iter()
        .position(|o| o.label == text || o.id == text)
}

/// The options of a multi-choice written as `Label, Label`; labels may hold `, `
/// themselves, so the longest label that fits is taken first.
fn options_in(field: &Field, text: &str) -> Option<Vec<usize>> {
    let choices = options(field.kind);
    let mut picked = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (index, len) = choices
            .iter()
            .enumerate()
            .flat_map(|(i, o)| [(i, o.label), (i, o.id)])
            .filter(|(_, name)| {
                rest.strip_prefix(name)
                    .is_some_and(|after| after.is_empty() || after.starts_with(", "))
            })
            .map(|(i, name)| (i, name.len()))
            .max_by_key(|(_, len)| *len)?;
        picked.push(index);
        rest = rest[len..].strip_prefix(", ").unwrap_or_default();
    }
    Some(picked)
}

/// `user / password`: the username, and the password unless it was withheld (then the case
/// says so, as a JSON export's `null` does). The statement that these are not Amazon
/// credentials is not in the text: linkcase takes it as made, and says so.
fn credentials(label: &str, value: &str, filler: &mut Filler) {
    let (username, password) = match value.split_once(" / ") {
        Some((user, password)) => (user.trim(), password.trim()),
        None => (value, ""),
    };
    let case = filler.case_mut();
    let username = if username == MISSING { "" } else { username };
    value::set_text(case, FieldId::Username, username);
    let withheld = password == PASSWORD_WITHHELD;
    if withheld {
        case.test_account.password = Secret::withheld();
    } else if password != MISSING {
        value::set_text(case, FieldId::Password, password);
    }
    case.test_account.not_amazon_credentials = true;
    if !username.is_empty() {
        filler.filled(label, FieldId::Username);
    }
    if withheld {
        filler.ignore(
            label,
            "the password was shared separately: add it before filing",
        );
    } else if password != MISSING && !password.is_empty() {
        filler.filled(label, FieldId::Password);
    }
    filler.filled(label, FieldId::NotAmazonCredentials);
    filler.ignore(
        label,
        "the text does not repeat that these are not Amazon credentials; taken as confirmed",
    );
}

/// `2026-11-21 19:03:00 UTC (entered as 2026-11-21 14:03 America/New_York[, …the later of
/// two])`: the local time, the zone and the DST choice; the UTC shown must agree.
fn failure_time(label: &str, value: &str, filler: &mut Filler) {
    let Some((shown, entered)) = value
        .strip_suffix(')')
        .and_then(|v| v.split_once(" (entered as "))
    else {
        return filler.ignore(
            label,
            format!("no time linkcase can read: {}", excerpt(value)),
        );
    };
    let (local_zone, how) = entered.split_once(", ").unwrap_or((entered, ""));
    let Some((local, zone)) = local_zone.rsplit_once(' ') else {
        return filler.ignore(label, "no time zone after the local time");
    };
    let (Ok(local_time), Ok(zone)) = (parse_local(local), Zone::parse(zone)) else {
        return filler.ignore(label, format!("not a time and zone: {}", excerpt(entered)));
    };
    let choice = if how.ends_with("the earlier of two") {
        Some(Disambiguation::Earlier)
    } else if how.ends_with("the later of two") {
        Some(Disambiguation::Later)
    } else {
        None
    };
    let case = filler.case_mut();
    value::set_text(
        case,
        FieldId::LocalTime,
        &crate::case::time::format_local(local_time),
    );
    value::set_text(case, FieldId::TimeZone, &zone.name());
    case.failure.disambiguation = choice;
    let utc = case.failure.utc_instant().ok();
    case.failure.utc = utc.map(format_utc);
    for id in [FieldId::LocalTime, FieldId::TimeZone] {
        filler.filled(label, id);
    }
    if choice.is_some() {
        filler.filled(label, FieldId::Disambiguation);
    }
    if utc.map(human_utc).as_deref() != Some(shown) {
        filler.ignore(
            label,
            format!("the UTC shown, {shown}, does not follow from the local time and zone"),
        );
    }
}

fn excerpt(text: &str) -> String {
    crate::case::sanitize::excerpt(text)
}

#[cfg(test)]
mod tests;
