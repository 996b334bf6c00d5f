//! Stage 2, parse: each loaded file becomes a typed `Page`: its kind (from front matter or
//! folder), its common and kind-specific fields, its reference key and output URL, and
//! the headings and links of its body.
//!
//! Every problem in a file is reported, not just the first: unknown fields (with a "did
//! you mean"), wrong types, bad enum values, bad dates and a missing title.

pub mod kinds;
pub mod publish;
pub mod yaml;
mod yaml_locate;

use rayon::prelude::*;
use serde_yaml::Mapping;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Source;
use crate::markdown::{self, BodyLink, Heading};
use kinds::{Common, GlossaryFields, Kind, KindData, ModuleFields, ProgrammeFields, RoleFields};
use yaml::{Seg, YamlDoc, field_names};

/// A page ready for linking.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file it came from.
    pub source: Source,
    /// Its reference key: the content path without `.md`, normalised (`roles/x`);
    /// a section's key is its folder; the home page's is empty.
    pub key: String,
    /// Output path relative to the site root (`roles/x.html`).
    pub url: String,
    /// Its kind.
    pub kind: Kind,
    /// True for a folder's `_index.md`.
    pub is_section: bool,
    /// Fields every kind has.
    pub common: Common,
    /// Fields of its kind.
    pub data: KindData,
    /// Headings of the body, with ids.
    pub headings: Vec<Heading>,
    /// Links of the body; spans are offsets in the whole file.
    pub links: Vec<BodyLink>,
}

impl Page {
    /// The front matter, for locating problems found after parsing.
    pub fn yaml(&self) -> YamlDoc<'_> {
        YamlDoc::new(&self.source.text, self.source.front_matter.clone())
    }

    /// The folder key this page lives in (`roles` for `roles/x`, the parent for a section).
    pub fn parent_key(&self) -> Option<&str> {
        if self.key.is_empty() {
            return None;
        }
        Some(self.key.rsplit_once('/').map_or("", |(p, _)| p))
    }

    /// Role fields, if this is a role.
    pub fn role(&self) -> Option<&RoleFields> {
        match &self.data {
            KindData::Role(r) => Some(r),
            _ => None,
        }
    }

    /// Module fields, if this is a module.
    pub fn module(&self) -> Option<&ModuleFields> {
        match &self.data {
            KindData::Module(m) => Some(m),
            _ => None,
        }
    }

    /// Programme fields, if this is a programme.
    pub fn programme(&self) -> Option<&ProgrammeFields> {
        match &self.data {
            KindData::Programme(p) => Some(p),
            _ => None,
        }
    }

    /// Glossary fields, if this is a glossary.
    pub fn glossary(&self) -> Option<&GlossaryFields> {
        match &self.data {
            KindData::Glossary(g) => Some(g),
            _ => None,
        }
    }
}

/// Parses every source in parallel.
pub fn parse_all(sources: Vec<Source>) -> (Vec<Page>, Diagnostics) {
    let results: Vec<(Option<Page>, Vec<Diagnostic>, Source)> = sources
        .into_par_iter()
        .map(|s| {
            let (page, diags) = parse(&s);
            (page, diags, s)
        })
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut pages = Vec::with_capacity(results.len());
    for (page, diags, source) in results {
        for d in diags {
            diagnostics.push(d, Some(&source.text));
        }
        pages.extend(page);
    }
    (pages, diagnostics)
}

/// Normalises one path segment the way URLs are made: lower case, words joined by `-`.
pub fn slug_segment(segment: &str) -> String {
    markdown::slugify(segment)
}

/// The reference key for a path under `content/` (`Roles/My Role.md` -> `roles/my-role`).
pub fn key_for(rel: &str) -> (String, bool) {
    let rel = rel
        .strip_suffix(".md")
        .or_else(|| rel.strip_suffix(".MD"))
        .unwrap_or(rel);
    let mut parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    let is_section = parts.last() == Some(&"_index");
    if is_section {
        parts.pop();
    }
    let key = parts
        .iter()
        .map(|p| slug_segment(p))
        .collect::<Vec<_>>()
        .join("/");
    (key, is_section)
}

/// Output path for a key.
pub fn url_for(key: &str, is_section: bool) -> String {
    if key.is_empty() {
        "index.html".to_string()
    } else if is_section {
        format!("{key}/index.html")
    } else {
        format!("{key}.html")
    }
}

fn default_kind(rel: &str, is_section: bool) -> Kind {
    let parts: Vec<&str> = rel.split('/').collect();
    let top = if parts.len() > 1 { parts[0] } else { "" };
    let stem = parts.last().map_or("", |f| f.trim_end_matches(".md"));
    match top {
        "roles" if !is_section => Kind::Role,
        "frameworks" if !is_section => Kind::Framework,
        "ethos" if !is_section => Kind::Ethos,
        "guidance" if !is_section => Kind::Guidance,
        "glossary" => Kind::Glossary,
        "training" if is_section && parts.len() == 3 => Kind::Programme,
        "training" if !is_section => Kind::Module,
        "" if stem == "glossary" => Kind::Glossary,
        _ => Kind::Page,
    }
}

/// Parses one source into a page, with every problem found.
pub fn parse(source: &Source) -> (Option<Page>, Vec<Diagnostic>) {
    let doc = YamlDoc::new(&source.text, source.front_matter.clone());
    let mut diagnostics = Vec::new();
    let map = match doc.parse_mapping() {
        Ok(m) => m,
        Err(d) => return (None, vec![d]),
    };
    let (key, is_section) = key_for(&source.rel);
    let segments_ok = source
        .rel
        .trim_end_matches(".md")
        .split('/')
        .all(|s| s == "_index" || !slug_segment(s).is_empty());
    if !segments_ok {
        diagnostics.push(
            Diagnostic::file_error(
                "E-bad-file-name",
                &source.text.name,
                "file or folder name has no letters or digits to make a URL from",
            )
            .with_hint("rename it to words such as `group-psychotherapist.md`"),
        );
        return (None, diagnostics);
    }

    let mut kind = default_kind(&source.rel, is_section);
    if let Some(v) = map.get("kind") {
        match v.as_str() {
            Some(name) => match Kind::from_name(name) {
                Some(k) => kind = k,
                None => {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    let hint = match did_you_mean(name, names.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`? Kinds: {}", names.join(", ")),
                        None => format!("kinds: {}", names.join(", ")),
                    };
                    diagnostics.push(
                        doc.error_at(
                            "E-bad-value",
                            &[Seg::Key("kind".into())],
                            false,
                            format!("unknown kind `{name}`"),
                        )
                        .with_hint(hint),
                    );
                }
            },
            None => diagnostics.push(
                doc.error_at(
                    "E-wrong-type",
                    &[Seg::Key("kind".into())],
                    false,
                    "`kind` must be a piece of text",
                )
                .with_hint("e.g. `kind: guidance`"),
            ),
        }
    }

    let common_fields = field_names::<Common>();
    let own_fields = kind.own_fields();
    let mut common_map = Mapping::new();
    let mut own_map = Mapping::new();
    for (k, v) in map {
        let Some(name) = k.as_str() else {
            diagnostics.push(
                doc.error_at(
                    "E-front-matter",
                    &[],
                    false,
                    "front-matter keys must be plain names",
                )
                .with_hint("write `name: value`"),
            );
            continue;
        };
        if common_fields.contains(&name) {
            common_map.insert(k, v);
        } else if own_fields.contains(&name) {
            own_map.insert(k, v);
        } else {
            diagnostics.push(unknown_field(&doc, name, kind, common_fields, own_fields));
        }
    }

    let (common, diags) = doc.deserialize::<Common>(common_map, &[]);
    diagnostics.extend(diags);
    let data = match kind {
        Kind::Role => typed(&doc, own_map, &mut diagnostics).map(|r| KindData::Role(Box::new(r))),
        Kind::Module => {
            typed(&doc, own_map, &mut diagnostics).map(|m| KindData::Module(Box::new(m)))
        }
        Kind::Programme => typed(&doc, own_map, &mut diagnostics).map(KindData::Programme),
        Kind::Glossary => typed(&doc, own_map, &mut diagnostics).map(KindData::Glossary),
        _ => Some(KindData::None),
    };
    let (Some(common), Some(data)) = (common, data) else {
        return (None, diagnostics);
    };
    if common.title.trim().is_empty() {
        diagnostics.push(
            doc.error_at(
                "E-missing-field",
                &[Seg::Key("title".into())],
                false,
                "`title` is empty",
            )
            .with_hint("give the page a title, e.g. `title: Group psychotherapist`"),
        );
    }

    let (headings, mut links) = markdown::scan(source.body());
    for l in &mut links {
        l.span = l.span.start + source.body_start..l.span.end + source.body_start;
    }
    let url = url_for(&key, is_section);
    let page = Page {
        source: source.clone(),
        key,
        url,
        kind,
        is_section,
        common,
        data,
        headings,
        links,
    };
    (Some(page), diagnostics)
}

fn typed<T: serde::de::DeserializeOwned>(
    doc: &YamlDoc<'_>,
    map: Mapping,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let (value, diags) = doc.deserialize::<T>(map, &[]);
    diagnostics.extend(diags);
    value
}

fn unknown_field(
    doc: &YamlDoc<'_>,
    name: &str,
    kind: Kind,
    common: &[&str],
    own: &[&str],
) -> Diagnostic {
    let path = [Seg::Key(name.to_string())];
    let allowed: Vec<&str> = common.iter().chain(own.iter()).copied().collect();
    let elsewhere = Kind::ALL
        .into_iter()
        .find(|k| *k != kind && k.own_fields().contains(&name));
    let hint = if let Some(other) = elsewhere {
        format!(
            "`{name}` is a field of `{other}` pages, but this page is of kind `{kind}`; set `kind: {other}` or remove the field"
        )
    } else if let Some(s) = did_you_mean(name, allowed.iter().copied()) {
        format!("did you mean `{s}`?")
    } else {
        format!("{kind} pages accept: {}", allowed.join(", "))
    };
    doc.error_at(
        "E-unknown-field",
        &path,
        true,
        format!("unknown field `{name}` for kind `{kind}`"),
    )
    .with_hint(hint)
}
