//! Reading the author's guide (content/authoring/) the way its tests need: each page's
//! sections by heading id, with their tables, code blocks and code spans. Shared by
//! `reference.rs`, `command_line.rs` and `tutorial.rs`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn guide(page: &str) -> String {
    let path = repo().join("content/authoring").join(page);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One table cell: its text (code spans in backticks), its code spans and its link targets.
#[derive(Debug, Default, Clone)]
pub struct Cell {
    pub text: String,
    pub code: Vec<String>,
    pub links: Vec<String>,
}

/// A `##` section of a guide page: its tables, code blocks and inline code.
#[derive(Debug, Default)]
pub struct Section {
    pub tables: Vec<Vec<Vec<Cell>>>,
    pub code_blocks: Vec<String>,
    pub code_spans: Vec<String>,
}

/// The sections of a page by heading id (explicit `{#id}`, else the slug of the heading).
/// `level` is the heading level that starts a section.
pub fn sections(markdown: &str, level: HeadingLevel) -> BTreeMap<String, Section> {
    let mut out: BTreeMap<String, Section> = BTreeMap::new();
    let mut current = String::from("_top");
    let mut heading: Option<(Option<String>, String)> = None;
    let mut row: Option<Vec<Cell>> = None;
    let mut cell: Option<Cell> = None;
    let mut block: Option<String> = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level: l, id, .. }) if l <= level => {
                heading = Some((id.map(|s| s.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(l)) if l <= level => {
                if let Some((id, text)) = heading.take() {
                    current = id.unwrap_or_else(|| handbook::markdown::slugify(&text));
                    out.entry(current.clone()).or_default();
                }
            }
            Event::Start(Tag::Table(_)) => out
                .entry(current.clone())
                .or_default()
                .tables
                .push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row = Some(Vec::new()),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let (Some(r), Some(t)) = (
                    row.take(),
                    out.entry(current.clone()).or_default().tables.last_mut(),
                ) {
                    t.push(r);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                    r.push(c);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => block = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(b) = block.take() {
                    out.entry(current.clone()).or_default().code_blocks.push(b);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(c) = cell.as_mut() {
                    c.links.push(dest_url.to_string());
                }
            }
            Event::Text(t) => {
                if let Some(b) = block.as_mut() {
                    b.push_str(&t);
                } else if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(c) = cell.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else {
                    if let Some(c) = cell.as_mut() {
                        c.text.push('`');
                        c.text.push_str(&t);
                        c.text.push('`');
                        c.code.push(t.to_string());
                    }
                    out.entry(current.clone())
                        .or_default()
                        .code_spans
                        .push(t.to_string());
                }
            }
            _ => {}
        }
    }
    out
}
