//! Sections: the order of a section's pages, and the page made for a folder that has
//! pages but no `_index.md`.

use crate::config::Config;
use crate::diagnostics::SourceText;
use crate::load::Source;
use crate::parse::kinds::{Common, Kind, KindData};
use crate::parse::{Page, TitleFrom};

/// A page's place among its section's children: by `weight` (pages without one after),
/// then by title, or, for a page whose title is not in its front matter (a plain page),
/// by its file name, so `01-intro.md`, `02-setup.md` ... keep the order they were named
/// in. Numbers in file names compare as numbers (`2-x` before `10-x`); titles compare as
/// text, as they always have.
pub(super) fn sort_key(p: &Page) -> (bool, i64, Vec<NamePart>) {
    let name = match p.title_from {
        TitleFrom::FrontMatter => {
            return (
                p.common.weight.is_none(),
                p.common.weight.unwrap_or(0),
                vec![NamePart::Text(p.common.title.to_lowercase())],
            );
        }
        TitleFrom::Heading | TitleFrom::FileName => {
            let rel = p.source.rel.trim_end_matches(".md");
            let rel = rel
                .strip_suffix("/_index")
                .or_else(|| rel.strip_suffix("/index"))
                .unwrap_or(rel);
            rel.rsplit('/').next().unwrap_or(rel).to_lowercase()
        }
    };
    (
        p.common.weight.is_none(),
        p.common.weight.unwrap_or(0),
        natural(&name),
    )
}

/// One run of a name: digits compare by value, other text as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum NamePart {
    Number(u128, usize),
    Text(String),
}

fn natural(name: &str) -> Vec<NamePart> {
    let mut parts = Vec::new();
    let mut rest = name;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            let (n, r) = rest.split_at(digits);
            // Leading zeros break ties (`01` before `1`), never the order of values.
            parts.push(NamePart::Number(n.parse().unwrap_or(u128::MAX), n.len()));
            rest = r;
        } else {
            let text = rest.len() - rest.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
            let (t, r) = rest.split_at(text);
            parts.push(NamePart::Text(t.to_string()));
            rest = r;
        }
    }
    parts
}

/// A section page for a folder that has pages but no `_index.md`, so navigation and
/// breadcrumbs never have gaps.
pub(super) fn implicit_section(key: &str, config: &Config) -> Page {
    let title = if key.is_empty() {
        config.title.clone()
    } else {
        let last = key.rsplit('/').next().unwrap_or(key);
        let mut t = last.replace(['-', '_'], " ");
        if let Some(first) = t.get(0..1) {
            t.replace_range(0..1, &first.to_uppercase());
        }
        t
    };
    let rel = if key.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{key}/_index.md")
    };
    let text = SourceText::new(format!("content/{rel}"), "");
    Page {
        source: Source {
            text,
            rel,
            front_matter: 0..0,
            body_start: 0,
            format: crate::load::FrontMatter::Absent,
        },
        key: key.to_string(),
        url: crate::parse::url_for(key, true),
        kind: Kind::Page,
        is_section: true,
        common: Common {
            title,
            ..Common::default()
        },
        data: KindData::None,
        headings: Vec::new(),
        links: Vec::new(),
        anchors: Vec::new(),
        title_from: TitleFrom::FrontMatter,
        unknown_fields: Vec::new(),
        failure: None,
    }
}

/// True for a section page the build made itself (a folder without `_index.md`).
pub(crate) fn is_implicit(page: &Page) -> bool {
    page.is_section && page.source.text.text.is_empty() && page.source.body_start == 0
}
