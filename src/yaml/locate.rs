//! Better places for two YAML errors whose reported position is not where the problem is:
//! a duplicate key (serde_yaml points at the start of the mapping, not at the repeated
//! key) and a control character (reported as a byte position inside the message).
//!
//! Not for: any other error; serde_yaml's positions are right for those.

use std::collections::HashSet;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// For an error `message` about `yaml`, a more precise byte offset into `yaml`, if known.
pub(super) fn offset_for(yaml: &str, message: &str) -> Option<usize> {
    if message.contains("duplicate entry") {
        duplicate_key(yaml)
    } else if message.contains("control character") {
        yaml.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    } else {
        None
    }
}

/// Offset of the first key that repeats a key of the same mapping.
fn duplicate_key(yaml: &str) -> Option<usize> {
    let mut finder = Finder {
        stack: Vec::new(),
        found: None,
    };
    let mut parser = Parser::new_from_str(yaml);
    let _ = parser.load(&mut finder, false);
    let (line, col) = finder.found?;
    let start = yaml
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &yaml[start.min(yaml.len())..];
    Some(start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i))
}

enum Frame {
    Map {
        keys: HashSet<String>,
        expecting_key: bool,
    },
    Seq,
}

struct Finder {
    stack: Vec<Frame>,
    /// 1-based line, 0-based column in characters.
    found: Option<(usize, usize)>,
}

impl Finder {
    /// A node starts; returns true when it is a mapping key.
    fn node(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key, .. }) => {
                let was_key = *expecting_key;
                *expecting_key = !*expecting_key;
                was_key
            }
            _ => false,
        }
    }
}

impl MarkedEventReceiver for Finder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.found.is_some() {
            return;
        }
        match ev {
            Event::Scalar(text, ..) => {
                if self.node()
                    && let Some(Frame::Map { keys, .. }) = self.stack.last_mut()
                    && !keys.insert(text)
                {
                    self.found = Some((mark.line(), mark.col()));
                }
            }
            Event::Alias(_) => {
                self.node();
            }
            Event::MappingStart(..) => {
                self.node();
                self.stack.push(Frame::Map {
                    keys: HashSet::new(),
                    expecting_key: true,
                });
            }
            Event::SequenceStart(..) => {
                self.node();
                self.stack.push(Frame::Seq);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::offset_for;

    #[test]
    fn a_repeated_key_is_found_where_it_repeats() {
        let yaml = "title: x\nitems:\n  - id: a\n    id: b\nsummary: s\ntitle: y\n";
        let at = offset_for(yaml, "duplicate entry with key \"id\"").unwrap();
        assert_eq!(&yaml[at..at + 5], "id: b");
        let yaml = "title: x\nsummary: s\ntitle: y\n";
        let at = offset_for(yaml, "duplicate entry").unwrap();
        assert_eq!(&yaml[at..], "title: y\n");
    }

    #[test]
    fn a_control_character_is_found() {
        assert_eq!(
            offset_for("a: b\u{0}c\n", "control characters are not allowed"),
            Some(4)
        );
    }
}
