//! The roles of a site as the recruiting pages see them: every role with its criteria
//! numbered and resolved, each criterion in an alignment group (criteria that mean the
//! same across roles), and grades parsed where they can be ordered.
//!
//! Computed once per build from the linked `Site` (see [`crate::model::Model`]); the
//! checklist, comparison, pathway, matrix and export outputs, and the plan that decides
//! their paths, all read it, so they agree on numbering, ids and which criteria line up.
//! Owned data (page indexes, not borrows), so `serve` keeps it beside the site.

use rayon::prelude::*;
use std::collections::HashMap;

use crate::link::{Relation, Site, Target};
use crate::parse::Page;
use crate::parse::kinds::{Assessment, Category, Need, RoleFields};

/// One role, ready for the recruiting pages.
#[derive(Debug, Clone)]
pub struct RoleView {
    /// Index of the role's page in `Site::pages`.
    pub index: usize,
    /// Short id, unique among roles, used in `?roles=a,b` (the file name, or the whole key).
    pub id: String,
    /// Its criteria, numbered from 1 in source order.
    pub criteria: Vec<CriterionView>,
    /// Per criterion, what it says and the URLs it refers to, which alignment compares:
    /// kept so `serve` can align again without resolving every role's references.
    said: Vec<(String, Vec<String>)>,
}

impl RoleView {
    /// The role's page.
    pub fn page<'a>(&self, site: &'a Site) -> &'a Page {
        &site.pages[self.index]
    }

    /// Its role fields (every `RoleView` is made from a page that has them).
    pub fn fields<'a>(&self, site: &'a Site) -> &'a RoleFields {
        static NONE: std::sync::OnceLock<RoleFields> = std::sync::OnceLock::new();
        site.pages[self.index]
            .role()
            .unwrap_or_else(|| NONE.get_or_init(RoleFields::default))
    }

    /// The role's title.
    pub fn title<'a>(&self, site: &'a Site) -> &'a str {
        &site.pages[self.index].common.title
    }
}

/// One person-specification criterion.
#[derive(Debug, Clone)]
pub struct CriterionView {
    /// 1-based position in the role's `person_spec`; the id exports and scores use.
    pub number: usize,
    /// As the source states it.
    pub text: String,
    /// Its group, if given.
    pub category: Option<Category>,
    /// Essential, desirable or unspecified.
    pub need: Need,
    /// How it is assessed.
    pub assessed_by: Vec<Assessment>,
    /// Its references, resolved where they resolve (the link stage has already reported
    /// the ones that don't).
    pub refs: Vec<(String, Option<Target>)>,
    /// Alignment group: criteria of any role with the same group mean the same thing.
    pub group: usize,
}

/// Every role of the site, in display order, with criteria grouped across roles.
pub(crate) fn roles(site: &Site) -> Vec<RoleView> {
    // Each role's view is made in parallel (refs resolved, texts copied), kept in page
    // order.
    let roles: Vec<RoleView> = site
        .pages
        .par_iter()
        .enumerate()
        .filter_map(|(index, _)| view(site, index))
        .collect();
    finish(site, roles)
}

/// The roles of `site` again after the pages `patched` were put into it in place with the
/// same graph (`serve`, an edit of what other pages show of a page): every other role's
/// references resolve as they did, so its view is taken from `previous`; order, ids and
/// alignment groups are made again, as [`roles`] makes them.
pub(crate) fn roles_again(
    site: &Site,
    previous: Vec<RoleView>,
    patched: &[usize],
) -> Vec<RoleView> {
    let mut kept: HashMap<usize, RoleView> = previous
        .into_iter()
        .filter(|r| patched.binary_search(&r.index).is_err())
        .map(|r| (r.index, r))
        .collect();
    let roles: Vec<RoleView> = (0..site.pages.len())
        .filter_map(|index| {
            site.pages[index].role()?;
            kept.remove(&index).or_else(|| view(site, index))
        })
        .collect();
    finish(site, roles)
}

/// The view of page `index`, if it is a role: criteria numbered and resolved, before
/// ordering and alignment.
fn view(site: &Site, index: usize) -> Option<RoleView> {
    let fields = site.pages[index].role()?;
    let criteria: Vec<CriterionView> = fields
        .person_spec
        .iter()
        .enumerate()
        .map(|(i, c)| CriterionView {
            number: i + 1,
            text: c.text.clone(),
            category: c.category,
            need: c.need,
            assessed_by: c.assessed_by.clone(),
            refs: c
                .refs
                .iter()
                .map(|r| (r.clone(), site.resolve_ref(r).ok()))
                .collect(),
            group: 0,
        })
        .collect();
    let said = criteria
        .iter()
        .map(|criterion| {
            let mut refs: Vec<String> = criterion
                .refs
                .iter()
                .filter_map(|(_, t)| t.as_ref().map(|t| site.target_url(t)))
                .collect();
            refs.sort();
            refs.dedup();
            (normalise_text(&criterion.text), refs)
        })
        .collect();
    Some(RoleView {
        index,
        id: String::new(),
        criteria,
        said,
    })
}

/// Display order, ids and alignment groups of the roles' views (in page order).
fn finish(site: &Site, mut roles: Vec<RoleView>) -> Vec<RoleView> {
    roles.sort_by_cached_key(|r| {
        let page = &site.pages[r.index];
        let c = &page.common;
        (
            page.parent_key().unwrap_or("").to_string(),
            c.weight.is_none(),
            c.weight.unwrap_or(0),
            c.title.to_lowercase(),
            page.key.clone(),
        )
    });
    assign_ids(site, &mut roles);
    align(&mut roles);
    roles
}

/// Ids are the last segment of the key; where two roles share it, the whole key with `/`
/// turned into `--` (keys never contain `--` at a folder boundary, so these stay unique).
fn assign_ids(site: &Site, roles: &mut [RoleView]) {
    let last = |key: &str| key.rsplit('/').next().unwrap_or(key).to_string();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for r in roles.iter() {
        *counts.entry(last(&site.pages[r.index].key)).or_default() += 1;
    }
    for r in roles.iter_mut() {
        let key = &site.pages[r.index].key;
        let short = last(key);
        r.id = if counts[&short] == 1 && !short.is_empty() {
            short
        } else if key.is_empty() {
            "home".into()
        } else {
            key.replace('/', "--")
        };
    }
}

/// Puts criteria that mean the same into one group: the same normalised text, or the same
/// (non-empty) set of resolved references. Groups are numbered in display order: by
/// category, then by first appearance.
fn align(roles: &mut [RoleView]) {
    let mut flat: Vec<(usize, usize)> = Vec::new();
    for (r, role) in roles.iter().enumerate() {
        for c in 0..role.criteria.len() {
            flat.push((r, c));
        }
    }
    let mut parent: Vec<usize> = (0..flat.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // What each criterion says and refers to was made with its view; the grouping is a
    // pass of hash lookups.
    let said: Vec<(&str, &[String])> = flat
        .iter()
        .map(|&(r, c)| {
            let (text, refs) = &roles[r].said[c];
            (text.as_str(), refs.as_slice())
        })
        .collect();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    let mut by_refs: HashMap<&[String], usize> = HashMap::new();
    for (n, (text, refs)) in said.into_iter().enumerate() {
        let mut keys = Vec::new();
        if !text.is_empty() {
            keys.push(*by_text.entry(text).or_insert(n));
        }
        if !refs.is_empty() {
            keys.push(*by_refs.entry(refs).or_insert(n));
        }
        for k in keys {
            let (a, b) = (find(&mut parent, n), find(&mut parent, k));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    // Order groups by the category of their first criterion, then first appearance.
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    let mut seen: HashMap<usize, ()> = HashMap::new();
    for n in 0..flat.len() {
        let root = find(&mut parent, n);
        if seen.insert(root, ()).is_none() {
            firsts.push((root, n));
        }
    }
    firsts.sort_by_key(|&(_, n)| {
        let (r, c) = flat[n];
        (category_rank(roles[r].criteria[c].category), n)
    });
    let numbering: HashMap<usize, usize> = firsts
        .iter()
        .enumerate()
        .map(|(g, &(root, _))| (root, g))
        .collect();
    for (n, &(r, c)) in flat.iter().enumerate() {
        let root = find(&mut parent, n);
        roles[r].criteria[c].group = numbering[&root];
    }
}

/// Display order of a category; uncategorised criteria come last.
pub(crate) fn category_rank(c: Option<Category>) -> usize {
    c.and_then(|c| Category::ALL.iter().position(|x| *x == c))
        .unwrap_or(Category::ALL.len())
}

/// Heading text of a category.
pub(crate) fn category_label(c: Option<Category>) -> &'static str {
    c.map_or("Other requirements", Category::label)
}

/// Front-matter value of a category (`other` when none was given).
pub(crate) fn category_name(c: Option<Category>) -> &'static str {
    c.map_or("other", Category::name)
}

/// Front-matter value of a need.
pub(crate) fn need_name(n: Need) -> &'static str {
    match n {
        Need::Essential => "essential",
        Need::Desirable => "desirable",
        Need::Unspecified => "unspecified",
    }
}

/// Text reduced to what it says: lower case, typographic quotes and `&` folded, a leading
/// list number (`3.`, `b)`, `(iv)`) dropped, punctuation turned to spaces.
/// `"3. Making Effective Decisions"` and `"Making effective decisions."` are equal.
pub(crate) fn normalise_text(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace('&', " and ");
    let rest = strip_list_marker(&lower);
    let mut out = String::with_capacity(rest.len());
    let mut space = false;
    for c in rest.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if c == '\u{2019}' || c == '\'' {
            // "children's" and "children’s" are the same word.
        } else {
            space = true;
        }
    }
    out
}

fn strip_list_marker(s: &str) -> &str {
    let t = s.trim_start();
    let inner = t.strip_prefix('(').unwrap_or(t);
    let marker_len = inner
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, c)| i + c.len_utf8())
        .or_else(|| {
            // One letter, or a short roman numeral, as in `b)` or `iv.`.
            let word: String = inner.chars().take_while(|c| c.is_alphabetic()).collect();
            let roman =
                !word.is_empty() && word.len() <= 4 && word.chars().all(|c| "ivx".contains(c));
            (word.chars().count() == 1 || roman).then_some(word.len())
        });
    if let Some(n) = marker_len {
        let after = &inner[n..];
        for close in ['.', ')'] {
            if let Some(rest) = after.strip_prefix(close)
                && (rest.is_empty() || rest.starts_with(char::is_whitespace))
            {
                return rest.trim_start();
            }
        }
    }
    t
}

/// A grade that can be ordered: an optional scheme word and a number with an optional
/// letter, and nothing else (`Band 7`, `Band 8a`, `Grade 5`, `7`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Grade {
    /// The scheme word, lower case (`band`); grades of different schemes never compare.
    pub scheme: String,
    /// The number.
    pub number: u32,
    /// A letter after the number (`a` in `8a`), lower case.
    pub suffix: String,
}

/// Parses a grade; anything that is not exactly an optional word plus a number (and
/// optional letter) is left unordered rather than guessed (`SO1, SCP 23-25` is `None`).
pub(crate) fn parse_grade(text: &str) -> Option<Grade> {
    let t = text.trim();
    let word_end = t
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() || *c == ' '))
        .map_or(t.len(), |(i, _)| i);
    let scheme = t[..word_end].trim().to_lowercase();
    if scheme.contains(' ') {
        return None;
    }
    let rest = &t[word_end..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let suffix = rest[digits.len()..].trim();
    if suffix.chars().count() > 1 || !suffix.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(Grade {
        scheme,
        number: digits.parse().ok()?,
        suffix: suffix.to_lowercase(),
    })
}

/// The training modules that develop an item: `develops` backlinks, by title.
pub(crate) fn modules_developing(site: &Site, target: &Target) -> Vec<usize> {
    let Target::Item(p, i) = target else {
        return Vec::new();
    };
    let Some(item) = site.pages[*p].common.items.get(*i) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = site
        .item_backlinks
        .get(&(*p, item.id.clone()))
        .map(|b| {
            b.iter()
                .filter(|b| b.relation == Relation::Develops)
                .map(|b| b.from)
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| {
        site.pages[*a]
            .common
            .title
            .cmp(&site.pages[*b].common.title)
    });
    out.dedup();
    out
}

/// The section that holds every role, when they share one.
pub(crate) fn roles_section(site: &Site, roles: &[RoleView]) -> Option<usize> {
    let first = roles.first()?;
    let key = first.page(site).parent_key()?;
    if roles.iter().any(|r| r.page(site).parent_key() != Some(key)) {
        return None;
    }
    site.by_key.get(key).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_text_ignores_numbering_case_and_punctuation() {
        assert_eq!(
            normalise_text("3. Making Effective Decisions"),
            "making effective decisions"
        );
        assert_eq!(
            normalise_text("Making effective decisions."),
            "making effective decisions"
        );
        assert_eq!(
            normalise_text("(b) Leading & Communicating"),
            "leading and communicating"
        );
        assert_eq!(normalise_text("iv. Children’s needs"), "childrens needs");
        assert_eq!(normalise_text("Children's needs"), "childrens needs");
        // A number that is part of the text stays.
        assert_eq!(normalise_text("6 months probation"), "6 months probation");
        assert_eq!(
            normalise_text("A relevant level 4 qualification"),
            "a relevant level 4 qualification"
        );
        assert_eq!(normalise_text("I am fine"), "i am fine");
    }

    #[test]
    fn grades_are_ordered_only_when_they_are_plain() {
        let g = |s| parse_grade(s).map(|g| (g.scheme, g.number, g.suffix));
        assert_eq!(g("Band 7"), Some(("band".into(), 7, String::new())));
        assert_eq!(g("band 8a"), Some(("band".into(), 8, "a".into())));
        assert_eq!(g("Band8B"), Some(("band".into(), 8, "b".into())));
        assert_eq!(g("7"), Some((String::new(), 7, String::new())));
        assert_eq!(g("SO1, SCP 23-25"), None);
        assert_eq!(g("Band 7 or 8"), None);
        assert_eq!(g("Pay band 3"), None);
        assert_eq!(g(""), None);
        assert!(parse_grade("Band 8a") < parse_grade("Band 8b"));
        assert!(parse_grade("Band 8c") < parse_grade("Band 9"));
        assert!(parse_grade("Band 10") > parse_grade("Band 9"));
    }
}
