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

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form `file:line:column: error: message (hint)`, used by tests and logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {level}: {}",
                self.file, self.line, self.column, self.message
            )?;
        } else if !self.file.is_empty() {
            write!(f, "{}: {level}: {}", self.file, self.message)?;
        } else {
            write!(f, "{level}: {}", self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
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

    fn write_to(&self, out: &mut dyn termcolor::WriteColor) {
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        for (name, text) in &self.texts {
            ids.insert(name.clone(), files.add(name.clone(), text.clone()));
        }
        let config = term::Config::default();
        let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
        let mut hidden: BTreeMap<&str, usize> = BTreeMap::new();
        for d in self.sorted() {
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
            .with_message(&d.message);
            match (ids.get(&d.file), &d.span) {
                (Some(&id), Some(span)) => {
                    cs = cs.with_labels(vec![Label::primary(id, span.clone())]);
                }
                _ => {
                    if !d.file.is_empty() {
                        cs = cs.with_notes(vec![format!("in {}", d.file)]);
                    }
                }
            }
            if let Some(hint) = &d.hint {
                cs = cs.with_notes(vec![format!("hint: {hint}")]);
            }
            if term::emit_to_write_style(out, &config, &files, &cs).is_err() {
                let _ = writeln!(out, "{d}");
            }
        }
        for (file, n) in hidden {
            let note = CsDiagnostic::note()
                .with_message(format!(
                    "{n} more problems in {file} are not shown (the first {MAX_SHOWN_PER_FILE} are)"
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
}
