//! Stage 2, parse: each loaded file becomes a typed `Page`: its kind (from front matter or
//! folder), its common and kind-specific fields, its reference key and output URL, and
//! the headings and links of its body.
//!
//! Every problem in a file is reported, not just the first: wrong types, bad enum values,
//! bad dates and a missing title (unknown fields are reported by `link`, which knows the
//! site's `unknown_fields` setting). A file without front matter is a plain page, titled
//! by its first heading (`plain`); a file whose front matter cannot be read is still a
//! page, so the rest of the site links to it and one mistake gives one error.

pub mod kinds;
pub mod plain;
pub mod publish;

use rayon::prelude::*;
use serde_yaml::Mapping;

use crate::config::PageUrls;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{FrontMatter, Source};
use crate::markdown::{self, BodyLink, Heading};
use crate::yaml::{Seg, YamlDoc, field_names};
use kinds::{Common, GlossaryFields, Kind, KindData, ModuleFields, ProgrammeFields, RoleFields};
pub use plain::{TitleFrom, alias_path};

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
    /// True for a folder's `_index.md` (or `index.md`).
    pub is_section: bool,
    /// Fields every kind has.
    pub common: Common,
    /// Fields of its kind.
    pub data: KindData,
    /// Headings of the body, with ids.
    pub headings: Vec<Heading>,
    /// Links of the body; spans are offsets in the whole file.
    pub links: Vec<BodyLink>,
    /// Ids defined by raw HTML in the body (`<a id="x">`), also targets of `#x` links.
    pub anchors: Vec<String>,
    /// Where the title came from (front matter, the first heading, the file name).
    pub title_from: TitleFrom,
    /// Top-level front-matter keys the page's kind does not have, in order; the link
    /// stage reports them as errors or, with `unknown_fields: warn`, warnings.
    pub unknown_fields: Vec<String>,
    /// When the front matter could not be read in full: what went wrong, so problems
    /// elsewhere that follow from it (a reference to an item it failed to define) are
    /// reported as its follow-ons, not as problems of their own.
    pub failure: Option<Failure>,
}

/// What of a page's front matter could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The first problem, as `file:line:column: message`: the cause of any follow-on.
    pub cause: String,
    /// The top-level fields that were dropped; empty when the whole front matter was lost.
    pub fields: Vec<String>,
}

impl Failure {
    /// True if `field` is missing because of the failure.
    pub fn covers(&self, field: &str) -> bool {
        self.fields.is_empty() || self.fields.iter().any(|f| f == field)
    }
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

/// Whether a file or folder name is kept as written in an address with `page_urls: auto`:
/// ASCII letters, digits, `-`, `_` and `.`, with a letter or digit, and no `.` at either
/// end or twice in a row. Such a name needs no escaping in a URL, a query string or an
/// HTML id, and means the same on every disk; any other name is made a slug.
pub fn is_address_safe(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !name.contains("..")
}

/// One path segment as `page_urls: auto` makes it (see [`is_address_safe`]).
pub fn auto_segment(segment: &str) -> String {
    if is_address_safe(segment) {
        segment.to_string()
    } else {
        slug_segment(segment)
    }
}

/// The reference key for a path under `content/` (`Roles/My Role.md` -> `roles/my-role`),
/// and whether it is a folder's own page (`_index.md`, or `index.md`).
pub fn key_for(rel: &str) -> (String, bool) {
    key_for_style(rel, PageUrls::Slug)
}

/// The reference key for a path under `content/` in a site's URL style: segments as slugs,
/// exactly as written (`page_urls: file-name`: `guide/from_into.md` -> `guide/from_into`),
/// or as written where that is safe and as slugs otherwise (`auto`).
pub fn key_for_style(rel: &str, style: PageUrls) -> (String, bool) {
    let rel = [".md", ".MD", ".markdown"]
        .iter()
        .find_map(|ext| rel.strip_suffix(ext))
        .unwrap_or(rel);
    let mut parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    let is_section = matches!(parts.last(), Some(&("_index" | "index")));
    if is_section {
        parts.pop();
    }
    let key = match style {
        PageUrls::Slug => parts
            .iter()
            .map(|p| slug_segment(p))
            .collect::<Vec<_>>()
            .join("/"),
        PageUrls::FileName => parts.join("/"),
        PageUrls::Auto => parts
            .iter()
            .map(|p| auto_segment(p))
            .collect::<Vec<_>>()
            .join("/"),
    };
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

/// Parses one source into a page, with every problem found. A page whose front matter
/// cannot be read is still returned (kind from its folder, title from its first heading
/// or file name, its headings and links), with `failure` set, so the rest of the site
/// links to it as usual and one mistake is reported once.
pub fn parse(source: &Source) -> (Option<Page>, Vec<Diagnostic>) {
    let doc = YamlDoc::new(&source.text, source.front_matter.clone());
    let mut diagnostics = Vec::new();
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

    let mut failure: Option<Failure> = None;
    let fail = |d: &Diagnostic, fields: Vec<String>| Failure {
        cause: format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message),
        fields,
    };
    if source.text.text.trim().is_empty() {
        let d = Diagnostic::error("E-empty", &source.text, 0..0, "file is empty")
            .with_hint("write the page's text, starting with a `# Title` line (or front matter: `---`, `title: ...`, `---`)");
        failure = Some(fail(&d, Vec::new()));
        diagnostics.push(d);
    }
    let map = match source.format {
        FrontMatter::Absent => Mapping::new(),
        FrontMatter::Unclosed => {
            let d = Diagnostic::error(
                "E-unclosed-front-matter",
                &source.text,
                0..3,
                "front matter is never closed",
            )
            .with_hint("add a line containing only `---` after the last front-matter field");
            failure = Some(fail(&d, Vec::new()));
            diagnostics.push(d);
            Mapping::new()
        }
        FrontMatter::Toml => {
            let d = Diagnostic::error(
                "E-toml-front-matter",
                &source.text,
                0..3,
                "front matter written in TOML (between `+++` lines) is not read",
            )
            .with_hint("write it in YAML between `---` lines (`title: My page`), or convert the whole site with `handbook import hugo` or `handbook import zola`");
            failure = Some(fail(&d, Vec::new()));
            diagnostics.push(d);
            Mapping::new()
        }
        FrontMatter::Yaml => match doc.parse_mapping() {
            Ok(m) => m,
            Err(d) => {
                failure = Some(fail(&d, Vec::new()));
                diagnostics.push(d);
                Mapping::new()
            }
        },
    };
    let readable = failure.is_none();

    let mut scanned = markdown::scan(source.body());
    for l in &scanned.leftovers {
        let span = l.span.start + source.body_start..l.span.end + source.body_start;
        let written = &source.text.text[span.clone()];
        let shown: String = written.chars().take(60).collect();
        let ellipsis = if shown.len() < written.len() {
            "..."
        } else {
            ""
        };
        diagnostics.push(
            Diagnostic::warning(
                "W-template-syntax",
                &source.text,
                span,
                format!(
                    "{} `{shown}{ellipsis}` is shown to readers as written",
                    l.what
                ),
            )
            .with_hint(l.hint),
        );
    }

    let mut kind = default_kind(&source.rel, is_section);
    let mut kind_failed = false;
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
                    kind_failed = true;
                }
            },
            None => {
                diagnostics.push(
                    doc.error_at(
                        "E-wrong-type",
                        &[Seg::Key("kind".into())],
                        false,
                        "`kind` must be a piece of text",
                    )
                    .with_hint("e.g. `kind: guidance`"),
                );
                kind_failed = true;
            }
        }
    }

    let common_fields = field_names::<Common>();
    let own_fields = kind.own_fields();
    let mut common_map = Mapping::new();
    let mut own_map = Mapping::new();
    let mut unknown_fields = Vec::new();
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
            unknown_fields.push(name.to_string());
        }
    }

    // The title: from the front matter, else the first `#` heading, else the file name.
    let mut title_from = TitleFrom::FrontMatter;
    if !common_map.contains_key("title") {
        let title = match plain::title_heading(&scanned.headings, scanned.opening_h1) {
            Some(i) => {
                title_from = TitleFrom::Heading;
                scanned.headings[i].hidden = scanned.opening_h1 == Some(i);
                scanned.headings[i].text.clone()
            }
            None => {
                title_from = TitleFrom::FileName;
                if readable && source.format == FrontMatter::Yaml {
                    let start = source.front_matter.start.saturating_sub(4);
                    diagnostics.push(
                        Diagnostic::error(
                            "E-missing-field",
                            &source.text,
                            start..start + 3,
                            "missing required field `title` in front matter",
                        )
                        .with_hint(
                            "add `title: ...`, or start the page's text with a `# Title` line",
                        ),
                    );
                }
                plain::title_from_path(&source.rel)
            }
        };
        common_map.insert("title".into(), title.into());
    }

    let (common, diags, dropped) = doc.deserialize_dropping::<Common>(common_map, &[]);
    let mut dropped: Vec<String> = dropped.into_iter().collect();
    if kind_failed {
        dropped.push("kind".into());
    }
    let typing_errors = !diags.is_empty();
    diagnostics.extend(diags);
    let mut data_failed = false;
    let data = match kind {
        Kind::Role => typed(&doc, own_map, &mut diagnostics, &mut dropped)
            .map(|r| KindData::Role(Box::new(r))),
        Kind::Module => typed(&doc, own_map, &mut diagnostics, &mut dropped)
            .map(|m| KindData::Module(Box::new(m))),
        Kind::Programme => {
            typed(&doc, own_map, &mut diagnostics, &mut dropped).map(KindData::Programme)
        }
        Kind::Glossary => {
            typed(&doc, own_map, &mut diagnostics, &mut dropped).map(KindData::Glossary)
        }
        _ => Some(KindData::None),
    }
    .unwrap_or_else(|| {
        data_failed = true;
        default_data(kind)
    });
    let common = match common {
        Some(c) => c,
        None => {
            dropped.clear();
            Common {
                title: plain::title_from_path(&source.rel),
                ..Common::default()
            }
        }
    };
    if failure.is_none()
        && (typing_errors || data_failed || kind_failed || !dropped.is_empty())
        && let Some(first) = diagnostics
            .iter()
            .find(|d| d.is_error() && d.code != "W-template-syntax")
    {
        let fields = if data_failed { Vec::new() } else { dropped };
        failure = Some(fail(first, fields));
    }
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
    if title_from == TitleFrom::FrontMatter
        && let Some(i) = scanned.opening_h1
        && plain::repeats_title(&scanned.headings[i], &common.title)
    {
        scanned.headings[i].hidden = true;
    }
    for (i, alias) in common.aliases.iter().enumerate() {
        if let Err(why) = plain::alias_path(alias) {
            diagnostics.push(
                doc.error_at(
                    "E-bad-alias",
                    &[Seg::Key("aliases".into()), Seg::Index(i)],
                    false,
                    why,
                )
                .with_hint("write the old path from the site's root, e.g. `/guide/old-name/` or `guide/old-name.html`"),
            );
        }
    }

    let mut links = scanned.links;
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
        headings: scanned.headings,
        links,
        anchors: scanned.anchors,
        title_from,
        unknown_fields,
        failure,
    };
    (Some(page), diagnostics)
}

/// A kind's fields when its front matter could not be read: every field empty.
fn default_data(kind: Kind) -> KindData {
    match kind {
        Kind::Role => KindData::Role(Box::default()),
        Kind::Module => KindData::Module(Box::default()),
        Kind::Programme => KindData::Programme(ProgrammeFields::default()),
        Kind::Glossary => KindData::Glossary(GlossaryFields::default()),
        _ => KindData::None,
    }
}

fn typed<T: serde::de::DeserializeOwned>(
    doc: &YamlDoc<'_>,
    map: Mapping,
    diagnostics: &mut Vec<Diagnostic>,
    dropped: &mut Vec<String>,
) -> Option<T> {
    let (value, diags, gone) = doc.deserialize_dropping::<T>(map, &[]);
    diagnostics.extend(diags);
    dropped.extend(gone);
    value
}

/// The diagnostic for an unknown top-level front-matter field of `page` (an error; the
/// link stage makes it a warning when the site has `unknown_fields: warn`), located at
/// the key, with a "did you mean" or the kind that has such a field.
/// `doc` is the page's front matter (`page.yaml()`), made once for all of a page's keys:
/// it indexes where each value is the first time a place is needed.
pub fn unknown_field(page: &Page, doc: &YamlDoc<'_>, name: &str, warn: bool) -> Diagnostic {
    let kind = page.kind;
    let common = field_names::<Common>();
    let own = kind.own_fields();
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
    } else if warn {
        "the field is ignored; to keep its value without a warning, move it under `extra:`".into()
    } else {
        format!(
            "{kind} pages accept: {}; keep other values under `extra:`, or set `unknown_fields: warn` in handbook.yml for migrated content",
            allowed.join(", ")
        )
    };
    let d = doc.error_at(
        "E-unknown-field",
        &path,
        true,
        format!("unknown field `{name}` for kind `{kind}`"),
    );
    let d = if warn {
        Diagnostic {
            code: "W-unknown-field",
            ..d.with_severity(crate::diagnostics::Severity::Warning)
        }
    } else {
        d
    };
    d.with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_keeps_a_name_only_where_it_is_safe_in_an_address() {
        for kept in [
            "from_into",
            "Night_Shift",
            "v1.2",
            "a-b",
            "2024-01-01-visit",
        ] {
            assert!(is_address_safe(kept), "{kept}");
        }
        for slugged in [
            "Key Duties",
            "Café",
            "a..b",
            ".hidden",
            "end.",
            "q&a",
            "_",
            "x,y",
        ] {
            assert!(!is_address_safe(slugged), "{slugged}");
        }
        let key = |rel| key_for_style(rel, PageUrls::Auto).0;
        assert_eq!(key("guide/From_Into.md"), "guide/From_Into");
        assert_eq!(key("Key Duties/Night Shift.md"), "key-duties/night-shift");
        assert_eq!(key("Guide/_index.md"), "Guide");
        assert_eq!(
            key_for_style("Guide/From_Into.md", PageUrls::Slug).0,
            "guide/from-into"
        );
    }
}
