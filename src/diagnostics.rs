//! One diagnostic type for every problem the build finds, and its rendering.
//!
//! Every stage reports problems here instead of returning early, so a single run shows
//! authors everything that is wrong with their handbook. A diagnostic always names a file
//! and, where the problem has a place, the line and column, a byte span for the source
//! excerpt, and a hint that says what to do next.
//!
//! Not for: deciding what is an error. Stages decide; this module only collects and shows.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;

/// How bad a problem is: errors fail the build, warnings fail only `check --deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// The site builds, but something needs an author's attention.
    Warning,
}

/// A problem found in the handbook's sources, located where the author wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short, stable code (`E-yaml`, `E-unknown-field` ...) so docs and tests can name it.
    pub code: &'static str,
    /// The file, relative to the site root (`content/roles/x.md`), or empty for site-wide.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole file.
    pub column: usize,
    /// Byte span in the file's text, used to draw the excerpt.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The problem this one follows from, when it is a follow-on (a link to a page that
    /// failed to parse, say): shown grouped under that cause, after the primary problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// The other places the problem involves (the other files of a collision, say).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Place>,
}

/// Another place a problem involves, shown under it.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    /// The file, relative to the site root.
    pub file: String,
    /// 1-based line; 0 when the place is the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the place is the whole file.
    pub column: usize,
    /// Byte span in the file's text, for the excerpt.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// What is there.
    pub note: String,
}

impl Place {
    /// The place at `span` in `source`.
    pub fn at(source: &SourceText, span: Range<usize>, note: impl Into<String>) -> Place {
        let (line, column) = source.line_col(span.start);
        Place {
            file: source.name.clone(),
            line,
            column,
            span: Some(span),
            note: note.into(),
        }
    }

    /// A file as a whole, or something with no file (`file` empty).
    pub fn file(file: impl Into<String>, note: impl Into<String>) -> Place {
        Place {
            file: file.into(),
            line: 0,
            column: 0,
            span: None,
            note: note.into(),
        }
    }

    /// `file:line:col`, as much of it as is known.
    pub fn location(&self) -> String {
        match (self.file.is_empty(), self.line, self.column) {
            (true, _, _) => "the build".to_string(),
            (false, 0, _) => self.file.clone(),
            (false, l, 0) => format!("{}:{l}", self.file),
            (false, l, c) => format!("{}:{l}:{c}", self.file),
        }
    }
}

impl Diagnostic {
    /// An error located at `span` in `source`.
    pub fn error(
        code: &'static str,
        source: &SourceText,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self::at(Severity::Error, code, source, span, message)
    }

    /// A warning located at `span` in `source`.
    pub fn warning(
        code: &'static str,
        source: &SourceText,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self::at(Severity::Warning, code, source, span, message)
    }

    fn at(
        severity: Severity,
        code: &'static str,
        source: &SourceText,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = source.line_col(span.start);
        Diagnostic {
            severity,
            code,
            file: source.name.clone(),
            line,
            column,
            span: Some(span),
            message: message.into(),
            hint: None,
            also: Vec::new(),
            cause: None,
        }
    }

    /// A problem with a file as a whole (unreadable, not UTF-8) or with the site.
    pub fn file_error(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            span: None,
            message: message.into(),
            hint: None,
            also: Vec::new(),
            cause: None,
        }
    }

    /// Adds the hint that tells the author what to do next.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Marks this diagnostic as a follow-on of `cause` (a short description of it).
    pub fn with_cause(mut self, cause: impl Into<String>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    /// Sets the severity (used for checks whose level depends on the command).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds another place the problem involves.
    pub fn with_also(mut self, place: Place) -> Self {
        self.also.push(place);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `text` with every control character but the tab escaped (`\u{1b}`, `\r`, `\n`): file
/// names, titles and owners are printed to terminals and CI logs, where a raw escape or
/// carriage return could retitle the terminal or fake a line of output.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A source text for an excerpt with its control characters (but line breaks and tabs)
/// replaced by a placeholder of the same byte length, so spans still fit.
fn excerpt_safe(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            '\r' => " ".into(),
            c if c.is_control() => "?".repeat(c.len_utf8()),
            c => c.to_string(),
        })
        .collect()
}

impl fmt::Display for Diagnostic {
    /// The one-line form `file:line:column: error: message (hint)`, used by tests and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (file, message) = (terminal_safe(&self.file), terminal_safe(&self.message));
        if self.line > 0 {
            write!(
                f,
                "{file}:{}:{}: {level}: {message}",
                self.line, self.column
            )?;
        } else if !self.file.is_empty() {
            write!(f, "{file}: {level}: {message}")?;
        } else {
            write!(f, "{level}: {message}")?;
        }
        for place in &self.also {
            let (location, note) = (place.location(), &place.note);
            write!(
                f,
                "; also {}: {}",
                terminal_safe(&location),
                terminal_safe(note)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {})", terminal_safe(hint))?;
        }
        if let Some(cause) = &self.cause {
            write!(f, " (follows from: {})", terminal_safe(cause))?;
        }
        Ok(())
    }
}

/// A file's text with its line starts, so any byte offset can become line and column.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Display name, relative to the site root.
    pub name: String,
    /// The text as the build reads it (BOM removed, CRLF folded to LF).
    pub text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl SourceText {
    /// Indexes `text`'s lines once; later lookups are a binary search.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceText {
            name: name.into(),
            text,
            line_starts: starts.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line + 1, column)
    }

    /// Byte offset of a 1-based line and column (in characters); clamps to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let skip = column.saturating_sub(1);
        start
            + line_text
                .char_indices()
                .nth(skip)
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The span of the token starting at `offset`: up to the end of the line or the next space.
    pub fn token_span(&self, offset: usize) -> Range<usize> {
        let offset = offset.min(self.text.len());
        let rest = &self.text[offset..];
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        for (i, &b) in bytes.iter().enumerate() {
            let colon_end = b == b':' && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
            if matches!(b, b'\n' | b'\r' | b' ' | b',' | b']' | b'}') || colon_end {
                end = i;
                break;
            }
        }
        offset..offset + end.max(1).min(rest.len())
    }
}

/// Problems drawn per file: past this a file is usually not what the tool expects at all
/// (a binary, a generated dump), and thousands of excerpts would bury the first, useful ones.
/// Every problem is still counted and kept in [`Diagnostics::items`].
pub const MAX_SHOWN_PER_FILE: usize = 100;

/// Everything the build found, plus the texts needed to draw excerpts.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    texts: BTreeMap<String, Arc<str>>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a problem; `source` supplies the text for its excerpt.
    pub fn push(&mut self, diagnostic: Diagnostic, source: Option<&SourceText>) {
        if let Some(source) = source {
            self.texts
                .entry(source.name.clone())
                .or_insert_with(|| source.text.clone());
        }
        self.items.push(diagnostic);
    }

    /// Keeps `source`'s text so places in it can be drawn (a diagnostic's `also`).
    pub fn add_text(&mut self, source: &SourceText) {
        self.texts
            .entry(source.name.clone())
            .or_insert_with(|| source.text.clone());
    }

    /// Adds every problem in `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        for (name, text) in other.texts {
            self.texts.entry(name).or_insert(text);
        }
        self.items.extend(other.items);
    }

    /// The problems, sorted by file and position so output is stable across runs.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        items
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every problem, in the order found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Writes every problem with a source excerpt and caret, as rustc does.
    pub fn emit(&self, color: bool) {
        let choice = if color {
            termcolor::ColorChoice::Auto
        } else {
            termcolor::ColorChoice::Never
        };
        // Buffered: codespan writes a character at a time, and unbuffered stderr turns each
        // into a system call, which made a long list of problems take minutes to print.
        let mut stream = termcolor::BufferedStandardStream::stderr(choice);
        self.write_to(&mut stream);
        let _ = std::io::Write::flush(&mut stream);
    }

    /// Renders every problem as plain text (used by `serve`'s overlay and by tests).
    pub fn to_plain_string(&self) -> String {
        let mut buffer = termcolor::NoColor::new(Vec::new());
        self.write_to(&mut buffer);
        String::from_utf8_lossy(&buffer.into_inner()).into_owned()
    }

    /// The problems in the order they are shown: primary problems first (sorted), then
    /// the follow-ons, grouped by their cause (causes in name order, each group sorted),
    /// so the one mistake that explains many messages is read before its consequences.
    pub fn in_display_order(&self) -> Vec<&Diagnostic> {
        let (mut primary, follow_ons): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            self.sorted().into_iter().partition(|d| d.cause.is_none());
        let mut groups: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in follow_ons {
            groups
                .entry(d.cause.as_deref().unwrap_or(""))
                .or_default()
                .push(d);
        }
        for (_, group) in groups {
            primary.extend(group);
        }
        primary
    }

    fn write_to(&self, out: &mut dyn termcolor::WriteColor) {
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        for (name, text) in &self.texts {
            let shown = terminal_safe(name).into_owned();
            ids.insert(name.clone(), files.add(shown, excerpt_safe(text)));
        }
        let config = term::Config::default();
        let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
        let mut hidden: BTreeMap<&str, usize> = BTreeMap::new();
        let mut current_cause: Option<&str> = None;
        for d in self.in_display_order() {
            if let Some(cause) = d.cause.as_deref()
                && current_cause != Some(cause)
            {
                current_cause = Some(cause);
                let n = self
                    .items
                    .iter()
                    .filter(|x| x.cause.as_deref() == Some(cause))
                    .count();
                let header = CsDiagnostic::note()
                    .with_message(format!(
                        "{n} follow-on problem{} of: {}",
                        if n == 1 { "" } else { "s" },
                        terminal_safe(cause)
                    ))
                    .with_notes(vec![
                        "hint: fix that first; these may then go away by themselves".to_string(),
                    ]);
                let _ = term::emit_to_write_style(out, &config, &files, &header);
            }
            let count = shown.entry(&d.file).or_default();
            if *count >= MAX_SHOWN_PER_FILE && !d.file.is_empty() {
                *hidden.entry(&d.file).or_default() += 1;
                continue;
            }
            *count += 1;
            let mut cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(terminal_safe(&d.message));
            let mut labels = Vec::new();
            let mut notes = Vec::new();
            match (ids.get(&d.file), &d.span) {
                (Some(&id), Some(span)) => labels.push(Label::primary(id, span.clone())),
                _ => {
                    if !d.file.is_empty() {
                        notes.push(format!("in {}", terminal_safe(&d.file)));
                    }
                }
            }
            for place in &d.also {
                match (ids.get(&place.file), &place.span) {
                    (Some(&id), Some(span)) => labels.push(
                        Label::secondary(id, span.clone()).with_message(terminal_safe(&place.note)),
                    ),
                    _ => notes.push(
                        terminal_safe(&format!("also {}: {}", place.location(), place.note))
                            .into_owned(),
                    ),
                }
            }
            cs = cs.with_labels(labels).with_notes(notes);
            let mut notes = Vec::new();
            if let Some(hint) = &d.hint {
                notes.push(format!("hint: {}", terminal_safe(hint)));
            }
            if let Some(cause) = &d.cause {
                notes.push(format!("follows from: {}", terminal_safe(cause)));
            }
            if !notes.is_empty() {
                cs = cs.with_notes(notes);
            }
            if term::emit_to_write_style(out, &config, &files, &cs).is_err() {
                let _ = writeln!(out, "{d}");
            }
        }
        for (file, n) in hidden {
            let note = CsDiagnostic::note()
                .with_message(format!(
                    "{n} more problems in {} are not shown (the first {MAX_SHOWN_PER_FILE} are)",
                    terminal_safe(file)
                ))
                .with_notes(vec![
                    "hint: fix the problems shown, then run again to see the rest".to_string(),
                ]);
            let _ = term::emit_to_write_style(out, &config, &files, &note);
        }
    }
}

/// Characters of a name compared when looking for a typo. Similarity takes time quadratic
/// in length, so a hostile megabyte-long name must not be compared whole; no typo hint
/// needs more than this.
const COMPARED_CHARS: usize = 64;

/// `s` lower-cased, cut to [`COMPARED_CHARS`].
fn comparable(s: &str) -> String {
    s.chars()
        .take(COMPARED_CHARS)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The closest candidate to `wanted`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_lower = comparable(wanted);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &comparable(c)), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The closest existing name, for hints on references: a looser match than
/// [`did_you_mean`], since references are paths, but none when nothing is similar.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let last = |s: &str| comparable(s.rsplit(['/', '#']).next().unwrap_or(""));
    let wanted_lower = comparable(wanted);
    let wanted_last = last(wanted);
    candidates
        .into_iter()
        .map(|c| {
            let whole = strsim::jaro_winkler(&wanted_lower, &comparable(c));
            let tail = strsim::jaro_winkler(&wanted_last, &last(c));
            (whole.max(tail), c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = SourceText::new("x", "ab\ncé d\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        // 'd' is after "cé " = 4 bytes, 3 chars.
        assert_eq!(s.line_col(3 + 4), (2, 4));
        assert_eq!(s.offset(2, 4), 7);
    }

    #[test]
    fn suggestions_find_typos() {
        assert_eq!(did_you_mean("titel", ["title", "tags"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "tags"]), None);
    }

    #[test]
    fn follow_ons_come_after_the_primary_problems_grouped_by_cause() {
        let src = SourceText::new("content/a.md", "one\ntwo\nthree\n");
        let mut ds = Diagnostics::new();
        ds.push(
            Diagnostic::error("E-broken-ref", &src, 0..3, "follow-on one")
                .with_cause("content/b.md:2:1: malformed"),
            Some(&src),
        );
        ds.push(
            Diagnostic::error("E-yaml", &src, 8..13, "the real one"),
            Some(&src),
        );
        ds.push(
            Diagnostic::error("E-broken-ref", &src, 4..7, "follow-on two")
                .with_cause("content/b.md:2:1: malformed"),
            Some(&src),
        );
        let order: Vec<&str> = ds
            .in_display_order()
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(order, ["the real one", "follow-on one", "follow-on two"]);
        let text = ds.to_plain_string();
        let real = text.find("the real one").unwrap();
        let group = text
            .find("2 follow-on problems of: content/b.md:2:1: malformed")
            .unwrap();
        assert!(
            real < group && group < text.find("follow-on one").unwrap(),
            "{text}"
        );
        assert!(
            text.contains("follows from: content/b.md:2:1: malformed"),
            "{text}"
        );
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        let d = Diagnostic::file_error(
            "E-x",
            "static/Icon\r",
            "title \u{1b}]0;owned\u{7}\nBuilt 1 page, 0 errors",
        );
        let plain = d.to_string();
        assert!(!plain.chars().any(|c| c.is_control()), "{plain:?}");
        assert!(
            plain.contains("Icon\\r") && plain.contains("\\u{1b}"),
            "{plain}"
        );
        let mut ds = Diagnostics::new();
        ds.push(d, None);
        let shown = ds.to_plain_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\r'),
            "{shown:?}"
        );
    }
}
