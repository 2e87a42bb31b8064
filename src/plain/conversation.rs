//! The checklist asked one field at a time, as plain lines: every row of [`FIELDS`] that
//! applies to the answers so far, in table order. Generic over its input and output, so it
//! runs the same on a terminal, a pipe and in tests.

use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

use chrono::{DateTime, Utc};

use super::answer::{self, Answer, Context};
use crate::case::friendly::wall_clock;
use crate::case::time::{Resolved, Zone, format_utc};
use crate::case::validate::domain::suggest_domain;
use crate::case::{
    Case, Class, FIELDS, Field, FieldId, FieldKind, Required, Section, Severity, Validator, value,
};
use crate::error::{Error, Result};
use crate::escape::shown;

/// How a conversation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every field that applies was asked.
    Finished,
    /// The input ended first (Ctrl+D, or the piped answers ran out).
    InputClosed,
}

/// Whether the terminal echo is turned off for the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// Standard input is a terminal: the password is typed unseen.
    Hidden,
    /// A pipe or a file: lines are read as they come.
    Plain,
}

/// One plain-mode session's input and output.
pub struct Conversation<R, W> {
    input: R,
    out: W,
    echo: Echo,
    /// The clock: `now` and `14:03` are read against it, and "in the future" judged.
    clock: fn() -> DateTime<Utc>,
}

/// What the user typed at a prompt.
enum Line {
    Typed(String),
    Closed,
}

impl<R: BufRead, W: Write> Conversation<R, W> {
    /// A conversation reading answers from `input` and writing prompts to `out`.
    pub fn new(input: R, out: W, echo: Echo, clock: fn() -> DateTime<Utc>) -> Self {
        Self {
            input,
            out,
            echo,
            clock,
        }
    }

    /// Writes `text` to the output.
    pub fn say(&mut self, text: &str) -> Result<()> {
        self.out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(output_error)
    }

    /// Asks every field that applies, in table order; `save` is called after each change.
    pub fn fill(
        &mut self,
        case: &mut Case,
        save: &mut dyn FnMut(&Case) -> Result<()>,
    ) -> Result<Ended> {
        self.say(
            "Each field is asked in turn. Enter keeps the value shown, a new value replaces it, \
             - empties it, ? shows the full help.\n",
        )?;
        let mut section: Option<Section> = None;
        // By position, with `applies` read again each time: an answer decides what follows.
        for field in FIELDS {
            if !field.applies.holds(case) {
                continue;
            }
            if section != Some(field.section) {
                section = Some(field.section);
                self.say(&format!("\n== {} ==\n", field.section.title()))?;
            }
            if field.kind == FieldKind::Derived {
                let derived = derived_value(case, field.id);
                self.say(&format!("\n{}: {derived}\n", field.label))?;
                continue;
            }
            if self.ask(case, field, save)? == Ended::InputClosed {
                return Ok(Ended::InputClosed);
            }
        }
        Ok(Ended::Finished)
    }

    /// Asks one question with numbered choices (not a field): the answer's index, `None`
    /// for Enter (`default`) or the end of input.
    pub fn choose(&mut self, question: &str, choices: &[&str]) -> Result<Option<usize>> {
        loop {
            let mut text = format!("\n{question}\n");
            for (i, choice) in choices.iter().enumerate() {
                let _ = writeln!(text, "  {}) {choice}", i + 1);
            }
            text.push_str("> ");
            self.say(&text)?;
            let Line::Typed(typed) = self.read_line(false)? else {
                return Ok(None);
            };
            let typed = typed.trim();
            if typed.is_empty() {
                return Ok(None);
            }
            match typed.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) {
                Some(i) if i < choices.len() => return Ok(Some(i)),
                _ => self.say(&format!(
                    "  Type a number from 1 to {}, or Enter.\n",
                    choices.len()
                ))?,
            }
        }
    }

    /// Asks a question answered with one line: `None` for Enter or the end of input.
    pub fn ask_line(&mut self, question: &str) -> Result<Option<String>> {
        self.say(&format!("\n{question}\n> "))?;
        Ok(match self.read_line(false)? {
            Line::Typed(typed) if !typed.trim().is_empty() => Some(typed.trim().to_owned()),
            Line::Typed(_) | Line::Closed => None,
        })
    }

    fn ask(
        &mut self,
        case: &mut Case,
        field: &Field,
        save: &mut dyn FnMut(&Case) -> Result<()>,
    ) -> Result<Ended> {
        let mut context = Context::default();
        let mut prompt = prompt(case, field);
        loop {
            self.say(&prompt)?;
            let typed = match self.read_line(field.kind == FieldKind::Secret)? {
                Line::Closed => return Ok(Ended::InputClosed),
                Line::Typed(typed) => typed,
            };
            let typed = if field.kind == FieldKind::LongText {
                self.continued(typed)?
            } else {
                typed
            };
            match typed.trim() {
                "" => return Ok(Ended::Finished),
                "?" => {
                    self.say(&full_help(case, field))?;
                    "> ".clone_into(&mut prompt);
                    continue;
                }
                _ => {}
            }
            context.now = self.wall_clock(case);
            match answer::read(field, &typed, &context) {
                Err(why) => {
                    self.say(&format!("  Not taken: {}\n", shown(&why)))?;
                    "> ".clone_into(&mut prompt);
                }
                Ok(Answer::Suggest(found)) => {
                    let mut text = String::from("  That is not a zone name. Did you mean:\n");
                    for (i, name) in found.iter().enumerate() {
                        let _ = writeln!(text, "  {}) {name}", i + 1);
                    }
                    text.push_str("  Type a number, or another zone.\n> ");
                    self.say(&text)?;
                    context.suggestions = found;
                    prompt = String::new();
                }
                Ok(answer) => {
                    let answer = self.offer_hostnames(field, answer)?;
                    apply(case, field, answer);
                    save(case)?;
                    let (problems, blocking) = self.problems(case, field.id);
                    self.say(&problems)?;
                    if !blocking {
                        return Ok(Ended::Finished);
                    }
                    self.say("  Type it again, or press Enter to keep it as it is.\n")?;
                    "> ".clone_into(&mut prompt);
                }
            }
        }
    }

    /// The Domain List's entries that are URLs (or carry a port, a path) offered as the
    /// hostnames they mean, yes or no (Enter: yes); the answer as typed otherwise.
    fn offer_hostnames(&mut self, field: &Field, answer: Answer) -> Result<Answer> {
        let typed = match answer {
            Answer::Entries(typed) if field.id == FieldId::Domains => typed,
            other => return Ok(other),
        };
        let offered: Vec<String> = typed
            .iter()
            .map(|e| suggest_domain(e).unwrap_or_else(|| e.clone()))
            .collect();
        if offered == typed {
            return Ok(Answer::Entries(typed));
        }
        let mut question = String::from(
            "  Domain List entries are bare hostnames:
",
        );
        for (was, now) in typed.iter().zip(&offered).filter(|(was, now)| was != now) {
            let _ = writeln!(question, "    {} → {now}", shown(was));
        }
        question.push_str("  Use the hostnames? [Y/n] ");
        loop {
            self.say(&question)?;
            let Line::Typed(reply) = self.read_line(false)? else {
                return Ok(Answer::Entries(typed));
            };
            match reply.trim().to_ascii_lowercase().as_str() {
                "" | "y" | "yes" => {
                    self.say("  Enter them the same way in the developer console.\n")?;
                    return Ok(Answer::Entries(offered));
                }
                "n" | "no" => return Ok(Answer::Entries(typed)),
                _ => self.say("  Type y or n.\n")?,
            }
        }
    }

    /// A long text: a line ending in `\` goes on with the next line.
    fn continued(&mut self, first: String) -> Result<String> {
        let mut text = first;
        while let Some(head) = text.strip_suffix('\\') {
            let mut joined = head.to_owned();
            joined.push('\n');
            self.say("… ")?;
            match self.read_line(false)? {
                Line::Typed(next) => joined.push_str(&next),
                Line::Closed => return Ok(joined),
            }
            text = joined;
        }
        Ok(text)
    }

    /// The findings about `id` after an answer, as lines, and whether one of them is a case
    /// error (the answer is asked again).
    fn problems(&self, case: &Case, id: FieldId) -> (String, bool) {
        let report = Validator::at((self.clock)()).validate(case);
        let mut text = String::new();
        let mut blocking = false;
        for finding in report.for_field(id) {
            blocking |= finding.class == Class::Case && finding.severity == Severity::Error;
            let _ = writeln!(
                text,
                "  {}{}: {}",
                if finding.class == Class::Configuration {
                    "check "
                } else {
                    ""
                },
                finding.severity,
                shown(&finding.message)
            );
        }
        (text, blocking)
    }

    fn wall_clock(&self, case: &Case) -> chrono::NaiveDateTime {
        let now = (self.clock)();
        Zone::parse(&case.failure.time_zone).map_or(now.naive_utc(), |zone| wall_clock(&zone, now))
    }

    fn read_line(&mut self, secret: bool) -> Result<Line> {
        let read = if secret && self.echo == Echo::Hidden {
            let line = super::hidden::read_hidden_line(&mut self.input);
            // The Enter typed was not echoed: end the prompt's line.
            self.say("\n")?;
            line
        } else {
            let mut line = String::new();
            let read = self
                .input
                .read_line(&mut line)
                .map(|n| (n > 0).then_some(line));
            if self.echo == Echo::Plain
                && let Ok(Some(line)) = &read
            {
                // No terminal echoed it: the transcript shows each answer after its prompt
                // (never the password).
                let shown_line = if secret {
                    "(not shown)".to_owned()
                } else {
                    shown(line.trim_end_matches(['\n', '\r'])).into_owned()
                };
                self.say(&format!("{shown_line}\n"))?;
            }
            read
        };
        match read {
            Ok(Some(line)) => Ok(Line::Typed(line.trim_end_matches(['\n', '\r']).to_owned())),
            Ok(None) => Ok(Line::Closed),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(Error::Interrupted),
            Err(e) => Err(Error::Io {
                path: "<stdin>".into(),
                source: e,
            }),
        }
    }
}

fn output_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::ClosedPipe
    } else {
        Error::Io {
            path: "<stdout>".into(),
            source: e,
        }
    }
}

/// Puts an understood answer into the case, through the field table's accessors.
fn apply(case: &mut Case, field: &Field, answer: Answer) {
    let id = field.id;
    let options = value::options(field.kind);
    match answer {
        Answer::Clear => {
            value::set_text(case, id, "");
            if let Some(list) = value::list_mut(case, id) {
                list.clear();
            }
            for i in 0..options.len() {
                if value::is_chosen(case, id, i) {
                    value::toggle(case, id, i);
                }
            }
            if matches!(field.kind, FieldKind::LocalTime | FieldKind::Zone) {
                case.failure.disambiguation = None;
            }
        }
        Answer::Text(text) => {
            let text = match id {
                FieldId::SkillId => crate::case::validate::normalize_id(&text).to_owned(),
                _ => text,
            };
            value::set_text(case, id, &text);
        }
        Answer::Time(text) | Answer::Zone(text) => {
            // A DST choice was made for another time; it is never applied to this one.
            if value::text(case, id).as_deref() != Some(text.as_str()) {
                value::set_text(case, id, &text);
                case.failure.disambiguation = None;
            }
        }
        Answer::Pick(picked) => {
            for i in 0..options.len() {
                if value::is_chosen(case, id, i) != picked.contains(&i) {
                    value::toggle(case, id, i);
                }
            }
        }
        Answer::Entries(entries) => {
            if let Some(list) = value::list_mut(case, id) {
                *list = entries
                    .iter()
                    .map(|e| crate::case::sanitize::sanitize(e).into_owned())
                    .collect();
            }
        }
        Answer::Suggest(_) => {}
    }
}

/// The question for one field: label, whether it is required, the help in one line, the
/// choices (numbered), the current value, then the `> ` prompt.
fn prompt(case: &Case, field: &Field) -> String {
    let mut text = format!(
        "\n{} — {}\n  {}\n",
        field.label,
        required(case, field.required),
        first_sentence(field.help)
    );
    if field.id == FieldId::Disambiguation {
        text.push_str(&dst_question(case));
    } else {
        let options = value::options(field.kind);
        for (i, option) in options.iter().enumerate() {
            let mark = if value::is_chosen(case, field.id, i) {
                "  (chosen)"
            } else {
                ""
            };
            let _ = writeln!(text, "  {}) {}{mark}", i + 1, option.label);
        }
        if matches!(field.kind, FieldKind::Multi(_)) {
            text.push_str("  Several numbers may be given, e.g. 1 3.\n");
        }
    }
    let _ = write!(text, "  Now: {}\n> ", current(case, field));
    text
}

/// The DST question in local terms: what happened to the clocks, and the two instants as
/// wall-clock times with their offsets (and in UTC), numbered as the field's options.
fn dst_question(case: &Case) -> String {
    let Ok((resolved, zone)) = case.failure.resolve() else {
        return String::new();
    };
    let (what, earlier, later) = match resolved {
        Resolved::Gap { earlier, later } => {
            ("never happened: the clocks skipped it", earlier, later)
        }
        Resolved::Fold { earlier, later } => {
            ("happened twice: the clocks went back", earlier, later)
        }
        Resolved::Unique(_) => return String::new(),
    };
    let local = |instant: DateTime<Utc>| {
        let offset = zone.offset_at(instant);
        format!(
            "{} at UTC{offset} ({})",
            instant.with_timezone(&offset).format("%Y-%m-%d %H:%M"),
            format_utc(instant)
        )
    };
    format!(
        "  {} in {zone} {what}. Which instant is meant?\n  1) Earlier: {}\n  2) Later: {}\n",
        shown(case.failure.local_time.trim()),
        local(earlier),
        local(later)
    )
}

fn required(case: &Case, required: Required) -> String {
    match required {
        Required::Yes => "required".to_owned(),
        Required::No => "optional".to_owned(),
        Required::When(when) if when.holds(case) => format!("required ({})", when.describe()),
        Required::When(when) => format!("optional (required {})", when.describe()),
    }
}

/// The field's value as the prompt shows it: the password never.
fn current(case: &Case, field: &Field) -> String {
    let none = "(empty)".to_owned();
    match value::get(case, field.id) {
        value::Value::Secret(secret) if secret.is_withheld() => "(withheld)".to_owned(),
        value::Value::Secret(secret) if secret.is_empty() => none,
        value::Value::Secret(_) => "(set, not shown)".to_owned(),
        value::Value::Text(text) if text.trim().is_empty() => none,
        value::Value::Text(text) => shown(&text.replace('\n', " / ")).into_owned(),
        value::Value::Number(n) => n.map_or(none, |n| n.to_string()),
        value::Value::List([]) => none,
        value::Value::List(entries) => shown(&entries.join(", ")).into_owned(),
        value::Value::Confirm(yes) => if yes { "confirmed" } else { "not confirmed" }.to_owned(),
        value::Value::Choice(_) | value::Value::Multi(_) => {
            let labels: Vec<&str> = value::options(field.kind)
                .iter()
                .enumerate()
                .filter(|(i, _)| value::is_chosen(case, field.id, *i))
                .map(|(_, o)| o.label)
                .collect();
            if labels.is_empty() {
                none
            } else {
                labels.join(", ")
            }
        }
        value::Value::Derived(_) => derived_value(case, field.id),
    }
}

fn derived_value(case: &Case, id: FieldId) -> String {
    match id {
        FieldId::Utc => case.failure.utc_instant().map_or_else(
            |_| "(not yet: needs the local time and zone)".to_owned(),
            format_utc,
        ),
        _ => "(worked out by linkcase)".to_owned(),
    }
}

/// What `?` shows: the whole help, how to answer this kind of field, and when it is required.
fn full_help(case: &Case, field: &Field) -> String {
    let how = match field.kind {
        FieldKind::Text | FieldKind::Url => "Type the value.",
        FieldKind::Secret => "Type the password; it is not shown.",
        FieldKind::LongText => "Type the text; end a line with \\ to go on on the next line.",
        FieldKind::Number => "Type a whole number.",
        FieldKind::Choice(_) | FieldKind::YesNo => "Type the number of one choice.",
        FieldKind::Confirm => "Type 1 (or yes) to confirm.",
        FieldKind::Multi(_) => "Type the numbers of every choice that applies, e.g. 1 3.",
        FieldKind::List => "Type the entries, separated by commas or spaces.",
        FieldKind::LocalTime => "YYYY-MM-DD HH:MM, or now, 14:03 (today), yesterday 14:03.",
        FieldKind::Zone => "A zone name such as Europe/Dublin, UTC, or +05:30; a city finds zones.",
        FieldKind::Derived => "Worked out by linkcase.",
    };
    format!(
        "  {}\n  {how} Enter keeps the value, - empties it.\n  {} ({}).\n",
        field.help,
        required(case, field.required),
        field.path
    )
}

/// The help's first sentence ("e.g." and "i.e." do not end one).
fn first_sentence(help: &str) -> &str {
    let mut from = 0;
    while let Some(at) = help[from..].find(". ").map(|i| i + from) {
        let before = &help[..at];
        if !(before.ends_with("e.g") || before.ends_with("i.e")) {
            return &help[..=at];
        }
        from = at + 2;
    }
    help
}

#[cfg(test)]
mod tests;
