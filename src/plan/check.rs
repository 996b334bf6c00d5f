//! The one check of the plan, run before anything renders, by `build`, `check` and
//! `serve` alike: every path stays inside the output folder, and no two files share a
//! path, ignoring case (names that differ only in case are one file on Windows and macOS
//! drives).
//!
//! Two files at one path are an `E-output-collision` when both come from the author's
//! sources (two pages, a page and an item, a page and a tag's page), and an
//! `E-reserved-path` when one of them is a page the build itself makes (a checklist, the
//! comparison, the coverage page, `404.html` ...): the message names every source file
//! involved, each at the place that asks for the path. A file under `static/` that loses
//! its path to an output or a theme asset is a warning, `W-static-shadowed`.

use rayon::prelude::*;

use super::{Entry, Origin, Output, Plan};
use crate::diagnostics::{Diagnostic, Diagnostics, Place, Severity, SourceText};
use crate::link::Site;
use crate::model::Model;
use crate::yaml::Seg;
use std::path::Path;

/// A source place for an origin: the file, the span to point at, and what it asks for.
struct Located<'a> {
    source: Option<&'a SourceText>,
    file: String,
    span: Option<std::ops::Range<usize>>,
    /// What asks for the path, named from elsewhere.
    what: String,
    /// The same, named from its own file (the diagnostic's primary place).
    here: String,
}

fn locate<'a>(site: &'a Site, model: &Model, origin: &Origin) -> Located<'a> {
    match origin {
        Origin::Page(p) => {
            let page = &site.pages[*p];
            let from_file = !page.source.text.text.is_empty();
            Located {
                source: from_file.then_some(&page.source.text),
                file: if from_file {
                    page.source.text.name.clone()
                } else {
                    format!("content/{}", page.key)
                },
                span: from_file.then(|| page.yaml().span_of(&[Seg::Key("title".into())], true)),
                what: if from_file {
                    format!("the page `{}`", page.source.text.name)
                } else {
                    format!("the section page of folder `content/{}`", page.key)
                },
                here: if from_file {
                    format!("`{}`", page.source.text.name)
                } else {
                    format!("the section page of folder `content/{}`", page.key)
                },
            }
        }
        Origin::Item(p, i) => {
            let page = &site.pages[*p];
            let id = &page.common.items[*i].id;
            Located {
                source: Some(&page.source.text),
                file: page.source.text.name.clone(),
                span: Some(page.yaml().span_of(
                    &[
                        Seg::Key("items".into()),
                        Seg::Index(*i),
                        Seg::Key("id".into()),
                    ],
                    false,
                )),
                what: format!("item `{id}` of `{}`", page.source.text.name),
                here: format!("item `{id}` of this page"),
            }
        }
        Origin::Alias(p, a) => {
            let page = &site.pages[*p];
            let alias = &page.common.aliases[*a];
            Located {
                source: Some(&page.source.text),
                file: page.source.text.name.clone(),
                span: Some(
                    page.yaml()
                        .span_of(&[Seg::Key("aliases".into()), Seg::Index(*a)], false),
                ),
                what: format!("the old address `{alias}` of `{}`", page.source.text.name),
                here: format!("the old address `{alias}` of this page"),
            }
        }
        Origin::Term(t, k) => {
            let taxonomy = &model.taxonomies[*t];
            let term = &taxonomy.terms[*k];
            let first = term.pages.first().map(|&p| &site.pages[p]);
            let noun = taxonomy.title.to_lowercase();
            Located {
                source: first.map(|p| &p.source.text),
                file: first
                    .map(|p| p.source.text.name.clone())
                    .unwrap_or_default(),
                span: first.map(|p| {
                    p.yaml()
                        .span_of(&term_field(p, taxonomy.slug, &term.name), false)
                }),
                what: format!("the page of `{}` in the {noun} index", term.name),
                here: format!("the page of `{}` in the {noun} index", term.name),
            }
        }
        Origin::Generated(what) => Located {
            source: None,
            file: String::new(),
            span: None,
            what: what.clone(),
            here: what.clone(),
        },
        Origin::Asset(path) => Located {
            source: None,
            file: path.clone(),
            span: None,
            what: format!("the copied file `{path}`"),
            here: format!("the copied file `{path}`"),
        },
    }
}

/// Where a page names a taxonomy value: its tag, organisation, grade or professional body.
fn term_field(page: &crate::parse::Page, slug: &str, name: &str) -> Vec<Seg> {
    let same = |v: &str| {
        crate::model::taxonomy::term_url(slug, v) == crate::model::taxonomy::term_url(slug, name)
    };
    match slug {
        "tags" => match page.common.tags.iter().position(|t| same(t)) {
            Some(i) => vec![Seg::Key("tags".into()), Seg::Index(i)],
            None => vec![Seg::Key("tags".into())],
        },
        "organisations" => vec![Seg::Key("organisation".into())],
        "grades" => vec![Seg::Key("grade".into())],
        _ => vec![Seg::Key("professional_bodies".into())],
    }
}

/// Checks the plan; every problem is reported, none stops the others.
pub fn check(plan: &Plan, site: &Site, model: &Model) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let checked = |e: &&Entry| e.output != Output::SearchIndex;
    // Each path folded to lower case once, in parallel, and sorted: a run of equal paths is
    // one clash (a sort instead of a map of lists: `serve` checks every plan again).
    let mut keyed: Vec<(String, usize)> = plan
        .entries
        .par_iter()
        .enumerate()
        .filter(|(_, e)| checked(e) && is_contained(&e.path))
        .map(|(i, e)| (e.path.to_lowercase(), i))
        .collect();
    let outside: Vec<&Entry> = plan
        .entries
        .par_iter()
        .filter(|e| checked(e) && !is_contained(&e.path))
        .collect();
    for entry in outside {
        let here = locate(site, model, &entry.origin);
        let d = Diagnostic::file_error(
            "E-output-path",
            here.file,
            format!(
                "refusing to write `{}`: it would leave the output folder",
                entry.path
            ),
        )
        .with_hint("rename the file so its path has only plain folder and file names");
        diagnostics.push(d, None);
    }
    // Names a Windows shared drive cannot hold: found in parallel, reported in plan order.
    let unportable: Vec<(&Entry, _)> = plan
        .entries
        .par_iter()
        .filter(|e| checked(e) && is_contained(&e.path))
        .filter_map(|e| portable_name_problem(&e.path).map(|p| (e, p)))
        .collect();
    for (entry, problem) in unportable {
        let here = locate(site, model, &entry.origin);
        let message = format!(
            "{} would be written to `{}`, {problem}",
            here.here, entry.path
        );
        let d = match (here.source, &here.span) {
            (Some(source), Some(span)) => {
                Diagnostic::error("W-output-name", source, span.clone(), message)
            }
            _ => Diagnostic::file_error("W-output-name", here.file.clone(), message),
        }
        .with_severity(Severity::Warning)
        .with_hint("rename the page, tag or value so its name has a letter or digit and is not a name Windows reserves (con, prn, aux, nul, com1-com9, lpt1-lpt9)");
        diagnostics.push(d, here.source);
    }
    keyed.par_sort_unstable();
    let reserved_index = format!("{}/", crate::urls::SEARCH_DIR);
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        let first = &plan.entries[run[0].1];
        let in_index = first.path.starts_with(&reserved_index) && first.path.ends_with(".js");
        if run.len() > 1 || in_index {
            let group: Vec<&Entry> = run.iter().map(|&(_, i)| &plan.entries[i]).collect();
            collision(site, model, &group, in_index, &mut diagnostics);
        }
    }
    for (source, path) in &plan.shadowed {
        let d = Diagnostic::file_error(
            "W-static-shadowed",
            source.clone(),
            format!("`{source}` is not copied: the build writes `{path}` itself"),
        )
        .with_severity(Severity::Warning)
        .with_hint("rename the file; to change a theme file, put the theme in `themes/` or override its templates in `templates/`");
        diagnostics.push(d, None);
    }
    diagnostics
}

/// One diagnostic for the entries sharing a path, at the first source that asks for it,
/// naming all the others.
fn collision(
    site: &Site,
    model: &Model,
    group: &[&Entry],
    in_index: bool,
    diagnostics: &mut Diagnostics,
) {
    let path = &group[0].path;
    let mut located: Vec<Located<'_>> = group
        .iter()
        .map(|e| locate(site, model, &e.origin))
        .collect();
    // Authors' sources first (in file order), then what the build makes.
    located.sort_by(|a, b| {
        (a.source.is_none(), a.file.is_empty(), &a.file).cmp(&(
            b.source.is_none(),
            b.file.is_empty(),
            &b.file,
        ))
    });
    let generated: Vec<&str> = group
        .iter()
        .filter_map(|e| match &e.origin {
            Origin::Generated(what) => Some(what.as_str()),
            _ => None,
        })
        .collect();
    let reserved = in_index || !generated.is_empty();
    let Some(first) = located.first() else {
        return;
    };
    let (code, message, hint) = if reserved {
        let goes = if in_index {
            "the search index's files go".to_string()
        } else {
            format!("{} goes", generated.join(" and "))
        };
        let message = if first.source.is_none() && first.file.is_empty() {
            format!(
                "`{path}` is written twice: by {}",
                generated.join(" and by ")
            )
        } else {
            format!("{} would be written to `{path}`, where {goes}", first.here)
        };
        (
            "E-reserved-path",
            message,
            "rename the file (or change the item's `id` or the value); the build writes checklists to `<role>/checklist.html`, the comparison, pathway and matrix to `recruiting/`, `roles.json`, `graph.json`, `404.html`, `search.html`, `search/`, `training/coverage.html` and `tags/`, `organisations/`, `grades/`, `professional-bodies/`",
        )
    } else {
        let names: Vec<String> = located.iter().map(|l| l.what.clone()).collect();
        (
            "E-output-collision",
            format!(
                "{} files of the site would be written to `{path}`: {}",
                located.len(),
                names.join(", ")
            ),
            "rename one of them; names that differ only in case, spaces or punctuation make the same file",
        )
    };
    let mut d = match (first.source, &first.span) {
        (Some(source), Some(span)) => Diagnostic::error(code, source, span.clone(), message),
        _ => Diagnostic::file_error(code, first.file.clone(), message),
    }
    .with_hint(hint);
    for other in located[1..].iter().filter(|l| !l.file.is_empty()) {
        let place = match (other.source, &other.span) {
            (Some(source), Some(span)) => {
                diagnostics.add_text(source);
                Place::at(
                    source,
                    span.clone(),
                    format!("{} asks for it too", other.what),
                )
            }
            _ => Place::file(other.file.clone(), format!("{} goes there", other.what)),
        };
        d = d.with_also(place);
    }
    diagnostics.push(d, first.source);
}

/// Why a file at `path` would not survive a copy to a Windows shared drive, or says
/// nothing: a segment Windows reserves (`con`, `PRN.html`, `com1`...: any extension) or one
/// with no letter or digit (an empty or punctuation-only tag collapses to `-`).
pub(crate) fn portable_name_problem(path: &str) -> Option<String> {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    for segment in path.split('/') {
        let stem = segment
            .split('.')
            .next()
            .unwrap_or("")
            .trim_end()
            .to_ascii_lowercase();
        let numbered = ["com", "lpt"].iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|n| n.len() == 1 && n.chars().all(|c| ('1'..='9').contains(&c)))
        });
        if RESERVED.contains(&stem.as_str()) || numbered {
            return Some(format!(
                "a name (`{segment}`) that a Windows drive cannot hold"
            ));
        }
        if !stem.chars().any(char::is_alphanumeric) {
            return Some(format!(
                "a name (`{segment}`) with no letter or digit, which every such name shares"
            ));
        }
    }
    None
}

/// True for a path that stays inside the folder it is joined to: relative and made only of
/// plain names (no `..`, `.`, root or drive, as the platform reads paths).
pub fn is_contained(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}
