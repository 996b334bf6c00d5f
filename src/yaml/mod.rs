//! YAML front matter into typed values, with every problem located at its line and column.
//!
//! serde_yaml does the parsing and typing. Its errors for a whole document carry a position,
//! but errors found while typing a value (wrong type, unknown field, bad enum value) and
//! references checked later do not. So, only when a location is needed, the same YAML is
//! walked once more with yaml-rust2's marked events to map each path
//! (`person_spec.3.need`) to the place it was written.
//!
//! Shared by front matter (`parse`) and `handbook.yml` (`config`).
//!
//! Not for: deciding which fields a kind has (see `parse::kinds`).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_yaml::{Mapping, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

mod locate;

use crate::diagnostics::{Diagnostic, SourceText, did_you_mean};

/// Path -> (offset of its key, offset of its value), relative to the YAML text.
type SpanIndex = HashMap<String, (Option<usize>, Option<usize>)>;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path such as `person_spec.3.need`, built from segments.
pub fn path_string(path: &[Seg]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.clone(),
            Seg::Index(i) => i.to_string(),
        })
        .collect();
    parts.join(".")
}

/// The front matter of one file: where it is, and (lazily) where each value is.
pub struct YamlDoc<'a> {
    /// The file.
    pub source: &'a SourceText,
    /// Byte range of the YAML text inside the file.
    pub range: Range<usize>,
    spans: std::cell::OnceCell<SpanIndex>,
}

impl<'a> YamlDoc<'a> {
    /// Front matter at `range` of `source`.
    pub fn new(source: &'a SourceText, range: Range<usize>) -> Self {
        YamlDoc {
            source,
            range,
            spans: std::cell::OnceCell::new(),
        }
    }

    fn yaml(&self) -> &str {
        &self.source.text[self.range.clone()]
    }

    /// Parses the YAML into a mapping, or one error at the place serde_yaml stopped.
    pub fn parse_mapping(&self) -> Result<Mapping, Diagnostic> {
        let yaml = self.yaml();
        if yaml.trim().is_empty() {
            return Ok(Mapping::new());
        }
        match serde_yaml::from_str::<Value>(yaml) {
            Ok(Value::Mapping(m)) => Ok(m),
            Ok(Value::Null) => Ok(Mapping::new()),
            Ok(other) => Err(Diagnostic::error(
                "E-front-matter",
                self.source,
                self.source.token_span(self.range.start),
                format!(
                    "front matter must be a mapping of fields, found {}",
                    value_kind(&other)
                ),
            )
            .with_hint("write one `field: value` per line, e.g. `title: My page`")),
            Err(e) => {
                let message = clean_yaml_message(&e.to_string());
                let offset = locate::offset_for(yaml, &message)
                    .map(|o| self.range.start + o)
                    .or_else(|| e.location().map(|l| self.offset_of(l.line(), l.column())))
                    .unwrap_or(self.range.start);
                let hint = yaml_hint(&message);
                Err(Diagnostic::error(
                    "E-yaml",
                    self.source,
                    self.source.token_span(offset),
                    format!("malformed YAML in front matter: {message}"),
                )
                .with_hint(hint))
            }
        }
    }

    /// File offset of a 1-based line and column inside the YAML text.
    fn offset_of(&self, line: usize, column: usize) -> usize {
        let (first_line, _) = self.source.line_col(self.range.start);
        self.source
            .offset(first_line + line.saturating_sub(1), column.max(1))
    }

    /// Where the value (or, with `key`, the key) at `path` was written; falls back to the
    /// nearest enclosing value, then to the start of the front matter.
    pub fn span_of(&self, path: &[Seg], key: bool) -> Range<usize> {
        let spans = self.spans.get_or_init(|| index_spans(self.yaml()));
        for len in (0..=path.len()).rev() {
            let p = path_string(&path[..len]);
            if let Some(&(k, v)) = spans.get(&p) {
                let want = if key && len == path.len() {
                    k.or(v)
                } else {
                    v.or(k)
                };
                if let Some(rel) = want {
                    return self.source.token_span(self.range.start + rel);
                }
            }
        }
        let start = self.range.start.saturating_sub(4);
        start..start + 3
    }

    /// An error at `path`.
    pub fn error_at(
        &self,
        code: &'static str,
        path: &[Seg],
        key: bool,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, self.source, self.span_of(path, key), message)
    }

    /// Types `map` as `T`, reporting one problem per top-level field rather than stopping at
    /// the first: a field that fails is reported, dropped, and typing goes on without it.
    pub fn deserialize<T: DeserializeOwned>(
        &self,
        map: Mapping,
        prefix: &[Seg],
    ) -> (Option<T>, Vec<Diagnostic>) {
        let (value, diagnostics, _) = self.deserialize_dropping(map, prefix);
        (value, diagnostics)
    }

    /// As [`YamlDoc::deserialize`], also returning the top-level fields that were dropped
    /// because their value was wrong (so later stages know what the page is missing).
    pub fn deserialize_dropping<T: DeserializeOwned>(
        &self,
        mut map: Mapping,
        prefix: &[Seg],
    ) -> (Option<T>, Vec<Diagnostic>, BTreeSet<String>) {
        let mut diagnostics = Vec::new();
        let mut dropped: BTreeSet<String> = BTreeSet::new();
        for _ in 0..=map.len() {
            let value = Value::Mapping(map.clone());
            match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(t) => return (Some(t), diagnostics, dropped),
                Err(e) => {
                    let mut path = prefix.to_vec();
                    path.extend(convert_path(e.path()));
                    let message = e.inner().to_string();
                    let missing = missing_field(&message);
                    if let Some(field) = &missing
                        && dropped.contains(field)
                    {
                        return (None, diagnostics, dropped);
                    }
                    diagnostics.push(self.type_error(&path, &message));
                    let top = path.get(prefix.len()).and_then(|s| match s {
                        Seg::Key(k) => Some(k.clone()),
                        Seg::Index(_) => None,
                    });
                    match top {
                        Some(k) if missing.is_none() && map.remove(k.as_str()).is_some() => {
                            dropped.insert(k);
                        }
                        _ => return (None, diagnostics, dropped),
                    }
                }
            }
        }
        (None, diagnostics, dropped)
    }

    /// Turns a serde message into a located diagnostic with a hint.
    fn type_error(&self, path: &[Seg], message: &str) -> Diagnostic {
        let field = path_string(path);
        if let Some(name) = missing_field(message) {
            let mut full = path.to_vec();
            full.push(Seg::Key(name.clone()));
            let where_ = if path.is_empty() {
                "front matter".to_string()
            } else {
                format!("`{field}`")
            };
            let span = if path.is_empty() {
                let start = self.range.start.saturating_sub(4);
                start..start + 3
            } else {
                self.span_of(path, false)
            };
            let message = format!(
                "missing required field `{}` in {where_}",
                path_string(&full)
            );
            return Diagnostic::error("E-missing-field", self.source, span, message)
                .with_hint(format!("add `{name}: ...`"));
        }
        if let Some((wanted, expected)) = unknown_name(message) {
            let is_field = message.starts_with("unknown field");
            let (code, what) = if is_field {
                ("E-unknown-field", "unknown field")
            } else {
                ("E-bad-value", "unknown value")
            };
            let suggestion = did_you_mean(&wanted, expected.iter().map(String::as_str));
            let hint = match suggestion {
                Some(s) => format!("did you mean `{s}`? Allowed: {}", expected.join(", ")),
                None => format!("allowed: {}", expected.join(", ")),
            };
            let at = if is_field {
                let mut p = path.to_vec();
                if !matches!(p.last(), Some(Seg::Key(k)) if *k == wanted) {
                    p.push(Seg::Key(wanted.clone()));
                }
                self.span_of(&p, true)
            } else {
                self.span_of(path, false)
            };
            return Diagnostic::error(
                code,
                self.source,
                at,
                format!("{what} `{wanted}` in `{field}`"),
            )
            .with_hint(hint);
        }
        let clean = clean_yaml_message(message);
        let hint = if clean.contains("expected a date") {
            "write dates as YYYY-MM-DD, e.g. 2027-03-31".to_string()
        } else if clean.contains("expected a list") {
            format!("`{field}` is a list: write each entry on its own line starting with `- `")
        } else if clean.contains("expected a piece of text") {
            format!(
                "`{field}` is text: put the value in quotes if it looks like a number or a list"
            )
        } else if clean.contains("invalid type") {
            format!("`{field}` has the wrong type; see the format reference")
        } else {
            "see the format reference for this field".to_string()
        };
        let code = if clean.contains("date") {
            "E-bad-date"
        } else {
            "E-wrong-type"
        };
        self.error_at(code, path, false, format!("`{field}`: {clean}"))
            .with_hint(hint)
    }
}

fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a piece of text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// serde_yaml appends " at line L column C" (the diagnostic shows the place itself) and
/// names Rust types; authors get plain words.
fn clean_yaml_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    let mut out = message.to_string();
    for (rust, plain) in [
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected a piece of text"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
    ] {
        out = out.replace(rust, plain);
    }
    out
}

fn yaml_hint(message: &str) -> String {
    if message.contains("duplicate entry") {
        "each field may appear only once; remove or merge the repeated one".into()
    } else if message.contains("mapping values are not allowed") {
        "a value containing `: ` must be quoted, e.g. `title: \"Part 1: basics\"`".into()
    } else if message.contains("control character") {
        "remove the invisible control character (a NUL or similar byte) from this line".into()
    } else if message.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation".into()
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the front matter nests or repeats too deeply; simplify it".into()
    } else {
        "check indentation and quoting on this line and the one before it".into()
    }
}

fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// From "unknown field `x`, expected one of `a`, `b`" the name and the allowed names.
fn unknown_name(message: &str) -> Option<(String, Vec<String>)> {
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return None;
    }
    let mut names = message.split('`').skip(1).step_by(2).map(str::to_string);
    let wanted = names.next()?;
    Some((wanted, names.collect()))
}

fn convert_path(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

/// Maps each path in `yaml` to (key offset, value offset), both relative to `yaml`.
fn index_spans(yaml: &str) -> SpanIndex {
    let mut indexer = SpanIndexer {
        yaml,
        line_starts: std::iter::once(0)
            .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        stack: Vec::new(),
        path: Vec::new(),
        out: HashMap::new(),
    };
    let mut parser = Parser::new_from_str(yaml);
    // A document yaml-rust2 rejects was already reported by serde_yaml; keep what was indexed.
    let _ = parser.load(&mut indexer, false);
    indexer.out
}

enum Frame {
    Map { expecting_key: bool },
    Seq { next: usize },
}

struct SpanIndexer<'y> {
    yaml: &'y str,
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    path: Vec<String>,
    out: SpanIndex,
}

impl SpanIndexer<'_> {
    fn offset(&self, mark: &Marker) -> usize {
        let line = mark.line().max(1) - 1;
        let Some(&start) = self.line_starts.get(line) else {
            return self.yaml.len();
        };
        let text = &self.yaml[start..];
        start
            + text
                .char_indices()
                .nth(mark.col())
                .map_or(text.len(), |(i, _)| i)
    }

    /// Called for each node; returns true when the node was a mapping key.
    fn node(&mut self, offset: usize, key_text: Option<&str>) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key }) if *expecting_key => {
                *expecting_key = false;
                let key = key_text.unwrap_or("?").to_string();
                self.path.push(key);
                let p = self.path.join(".");
                self.out.entry(p).or_default().0 = Some(offset);
                true
            }
            Some(Frame::Seq { next }) => {
                let i = *next;
                *next += 1;
                self.path.push(i.to_string());
                let p = self.path.join(".");
                self.out.entry(p).or_default().1 = Some(offset);
                false
            }
            _ => {
                let p = self.path.join(".");
                self.out.entry(p).or_default().1 = Some(offset);
                false
            }
        }
    }

    /// After a value (scalar or closed container) completes: leave its path segment.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key }) => {
                *expecting_key = true;
                self.path.pop();
            }
            Some(Frame::Seq { .. }) => {
                self.path.pop();
            }
            None => {}
        }
    }
}

impl MarkedEventReceiver for SpanIndexer<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let offset = self.offset(&mark);
        match ev {
            Event::Scalar(text, ..) => {
                let was_key = self.node(offset, Some(&text));
                if !was_key {
                    self.value_done();
                }
            }
            Event::Alias(_) => {
                let was_key = self.node(offset, None);
                if !was_key {
                    self.value_done();
                }
            }
            Event::MappingStart(..) => {
                self.node(offset, None);
                self.stack.push(Frame::Map {
                    expecting_key: true,
                });
            }
            Event::SequenceStart(..) => {
                self.node(offset, None);
                self.stack.push(Frame::Seq { next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

/// The field names a struct accepts, read from its `Deserialize` impl, so the list used
/// for "unknown field" hints and the format reference can never drift from the code.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe(Option<&'static [&'static str]>);
    impl<'de> Deserializer<'de> for &mut Probe {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0.unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_nested_values() {
        let text = "---\ntitle: x\nperson_spec:\n  - text: a\n    need: esential\n---\n";
        let src = SourceText::new("f.md", text);
        let doc = YamlDoc::new(&src, 4..text.len() - 4);
        let span = doc.span_of(
            &[
                Seg::Key("person_spec".into()),
                Seg::Index(0),
                Seg::Key("need".into()),
            ],
            false,
        );
        assert_eq!(&text[span.clone()], "esential");
        assert_eq!(src.line_col(span.start), (5, 11));
        let key = doc.span_of(&[Seg::Key("title".into())], true);
        assert_eq!(&text[key], "title");
    }
}
