//! Where a page sits in the site, for the theme's navigation: which top-level section the
//! top navigation marks, the side navigation (the current section's pages in order, the
//! current one marked), the feedback link, and a page's "Sources" section moved to its
//! end.
//!
//! Every output has a URL, and the URL alone says where it belongs: a content page's URL
//! is its key (`roles/x.html`, `roles/index.html`), and every generated page sits beside
//! or under the page it belongs to (`roles/x/checklist.html`, `training/p/m.handout.html`,
//! `frameworks/f/item.html`, `training/coverage.html`), so one lookup by key finds it.
//! The site-wide recruiting pages (`recruiting/...`) belong to the section that holds the
//! roles.
//!
//! Not for: breadcrumbs (`Site::ancestors`, in each page's context) or the "On this page"
//! list (each template lists the headings it draws).

use serde_json::{Value, json};

use crate::config::Feedback;
use crate::link::Site;

/// A section longer than this shows a window of its pages around the current one, and a
/// link to the section page that lists them all (a handbook of 5,000 guidance pages must
/// not repeat 5,000 links on each of them).
pub const SIDE_LIMIT: usize = 30;

/// What an output URL belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// The page itself, by index.
    Page(usize),
    /// A page generated for this page: a role's checklist, a module's sheets, a
    /// framework's item pages, the training section's coverage page.
    Sub(usize),
    /// Nothing in the content: taxonomy indexes, search, the 404 page, recruiting pages.
    None,
}

fn key_of(url: &str) -> &str {
    if url == "index.html" {
        return "";
    }
    url.strip_suffix("/index.html")
        .or_else(|| url.strip_suffix(".html"))
        .unwrap_or(url)
}

fn owner(site: &Site, url: &str) -> Owner {
    let key = key_of(url);
    if let Some(&i) = site.by_key.get(key) {
        return Owner::Page(i);
    }
    // `training/p/m.handout` -> `training/p/m`: a sheet beside its module.
    let (folder, name) = key.rsplit_once('/').unwrap_or(("", key));
    if let Some((stem, _)) = name.split_once('.') {
        let beside = if folder.is_empty() {
            stem.to_string()
        } else {
            format!("{folder}/{stem}")
        };
        if let Some(&i) = site.by_key.get(&beside) {
            return Owner::Sub(i);
        }
    }
    // `roles/x/checklist` -> `roles/x`; `frameworks/f/item` -> `frameworks/f`.
    if key.contains('/')
        && let Some(&i) = site.by_key.get(folder)
        && !site.pages[i].key.is_empty()
    {
        return Owner::Sub(i);
    }
    Owner::None
}

/// The index of the section page that holds page `i`, if it is a page.
fn parent(site: &Site, i: usize) -> Option<usize> {
    site.pages[i]
        .parent_key()
        .and_then(|k| site.by_key.get(k).copied())
}

/// The section holding the roles, when they share one (the recruiting pages' home).
fn roles_section(site: &Site, recruiting: &Value) -> Option<usize> {
    match recruiting["sections"].as_array().map(Vec::as_slice) {
        Some([one]) => one.as_str().and_then(|k| site.by_key.get(k).copied()),
        _ => None,
    }
}

/// The recruiting pages this build has, as (title, URL).
fn recruiting_tools(recruiting: &Value) -> Vec<(&'static str, &str)> {
    [
        ("Compare roles", "compare_url"),
        ("Career pathways", "pathway_url"),
        ("Roles and competencies", "matrix_url"),
    ]
    .into_iter()
    .filter_map(|(title, field)| recruiting[field].as_str().map(|u| (title, u)))
    .collect()
}

/// `navigation` in every template's context:
///
/// - `section_url`: the URL of the top-level section this output belongs to (the top
///   navigation marks it), or null;
/// - `side`: the side navigation, or null (pages at the top of the site, the search,
///   index and 404 pages): `title`, `url` and `current` of the section, its `parent`
///   section (`title`, `url`) when it is nested, its `pages` in order (`title`, `url`,
///   `current`), `tools` (the recruiting pages, on the section that holds the roles), and
///   `more` (`count`, `url`) when only a window of [`SIDE_LIMIT`] pages is listed.
///   `current` is `"page"` for the page shown, `"true"` for the page a generated page
///   belongs to (a role for its checklist), null otherwise;
/// - `feedback`: `href` and `label` of the "Is something wrong on this page?" link, or
///   null when `handbook.yml` sets no `feedback`.
///
/// `recruiting` is the site-wide `recruiting` value (`recruiting::site_links`).
pub fn for_url(site: &Site, url: &str, recruiting: &Value) -> Value {
    let owner = owner(site, url);
    let tool = recruiting_tools(recruiting)
        .into_iter()
        .any(|(_, u)| u == url);
    // The page whose section the side navigation lists, and the entry to mark in it.
    let (section, marked) = match owner {
        Owner::Page(i) if site.pages[i].is_section => (Some(i), None),
        Owner::Page(i) => (parent(site, i), Some((i, "page"))),
        Owner::Sub(i) if site.pages[i].is_section => (Some(i), None),
        Owner::Sub(i) => (parent(site, i), Some((i, "true"))),
        Owner::None if tool => (roles_section(site, recruiting), None),
        Owner::None => (None, None),
    };
    let section = section.filter(|&s| !site.pages[s].key.is_empty());
    let anchor = match owner {
        Owner::Page(i) | Owner::Sub(i) => Some(i),
        Owner::None => section,
    };
    json!({
        "section_url": anchor.and_then(|a| top_section(site, a)).map(|t| site.pages[t].url.clone()),
        "side": section.map(|s| side(site, s, url, marked, recruiting)),
        "feedback": feedback(site, url, owner),
    })
}

/// The top-level section (a child of the home page) that page `i` is in, or is.
fn top_section(site: &Site, i: usize) -> Option<usize> {
    let mut at = i;
    loop {
        match site.pages[at].parent_key() {
            Some("") => return Some(at),
            Some(_) => at = parent(site, at)?,
            None => return None,
        }
    }
}

fn side(
    site: &Site,
    section: usize,
    url: &str,
    marked: Option<(usize, &str)>,
    recruiting: &Value,
) -> Value {
    let s = &site.pages[section];
    let children: &[usize] = site.children.get(&s.key).map_or(&[], Vec::as_slice);
    let at = marked.and_then(|(m, _)| children.iter().position(|&c| c == m));
    let (from, to) = window(children.len(), at);
    let pages: Vec<Value> = children[from..to]
        .iter()
        .map(|&c| {
            let current = marked.filter(|(m, _)| *m == c).map(|(_, how)| how);
            json!({ "title": site.pages[c].common.title, "url": site.pages[c].url, "current": current })
        })
        .collect();
    let holds_roles = roles_section(site, recruiting) == Some(section);
    let tools: Vec<Value> = if holds_roles {
        recruiting_tools(recruiting)
            .into_iter()
            .map(|(title, u)| {
                json!({ "title": title, "url": u, "current": (u == url).then_some("page") })
            })
            .collect()
    } else {
        Vec::new()
    };
    let up = parent(site, section).filter(|&p| !site.pages[p].key.is_empty());
    json!({
        "title": s.common.title,
        "url": s.url,
        "current": (s.url == url).then_some("page"),
        "parent": up.map(|p| json!({ "title": site.pages[p].common.title, "url": site.pages[p].url })),
        "pages": pages,
        "tools": tools,
        "more": (to - from < children.len()).then(|| json!({ "count": children.len(), "url": s.url })),
    })
}

/// The range of a section's `len` pages to list: all of them, or [`SIDE_LIMIT`] around
/// the current one (the first ones when none is current).
fn window(len: usize, at: Option<usize>) -> (usize, usize) {
    if len <= SIDE_LIMIT {
        return (0, len);
    }
    let from = at
        .map_or(0, |a| a.saturating_sub(SIDE_LIMIT / 2))
        .min(len - SIDE_LIMIT);
    (from, from + SIDE_LIMIT)
}

fn feedback(site: &Site, url: &str, owner: Owner) -> Value {
    let Some(target) = site.config.feedback.as_deref().and_then(Feedback::parse) else {
        return Value::Null;
    };
    let href = match target {
        Feedback::Web(address) => address,
        Feedback::Mail(address) => {
            let page = match owner {
                Owner::Page(i) | Owner::Sub(i) => {
                    format!("{} ({url})", site.pages[i].common.title)
                }
                Owner::None => url.to_string(),
            };
            let subject = format!("{}: {page}", site.config.title);
            format!(
                "mailto:{address}?subject={}",
                percent_encoding::utf8_percent_encode(&subject, percent_encoding::NON_ALPHANUMERIC)
            )
        }
    };
    json!({ "href": href, "label": "Is something wrong on this page?" })
}

/// Arranges a content page's context for reading, after its body is rendered: the
/// "Sources" section moves to the end ([`move_sources`]) and a glossary's terms are
/// grouped by initial ([`glossary_letters`]).
pub fn arrange(page: &mut Value) {
    move_sources(page);
    if page["glossary"].is_object() {
        let letters = glossary_letters(&page["glossary"]["terms"]);
        page["glossary"]["letters"] = letters;
    }
}

/// A glossary's terms (already sorted) grouped by the initial they are sorted by, for
/// the A-Z jump list: every letter A-Z in order, each with its `id` (`letter-a`) and
/// `terms` (empty for a letter no term starts with), then a group `0-9` and a group `#`
/// for terms starting with a digit or another character, when there are any.
pub fn glossary_letters(terms: &Value) -> Value {
    let terms = terms.as_array().map(Vec::as_slice).unwrap_or_default();
    let initial = |t: &Value| -> char {
        let sort = t["sort"]
            .as_str()
            .or(t["term"].as_str())
            .unwrap_or_default();
        match sort.chars().find(|c| c.is_alphanumeric()) {
            Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
            Some(c) if c.is_ascii_digit() => '0',
            _ => '#',
        }
    };
    let group = |letter: char, label: &str, id: &str| {
        let list: Vec<&Value> = terms.iter().filter(|t| initial(t) == letter).collect();
        json!({ "letter": label, "id": id, "terms": list })
    };
    let mut out: Vec<Value> = ('A'..='Z')
        .map(|c| {
            let label = c.to_string();
            group(c, &label, &format!("letter-{}", c.to_ascii_lowercase()))
        })
        .collect();
    for (c, label, id) in [('0', "0-9", "letter-digits"), ('#', "#", "letter-other")] {
        let g = group(c, label, id);
        if g["terms"].as_array().is_some_and(|t| !t.is_empty()) {
            out.push(g);
        }
    }
    Value::Array(out)
}

/// Moves the page's "Sources" section (a `## Sources` heading and what follows it, up to
/// the next `h2`) out of `page.content` into `page.sources` (`html`: the section without
/// its heading), and its entries (with those of its subheadings) out of `page.toc`, so the theme can show the page's
/// provenance once, at its end. A page without one gets `sources: null`.
pub fn move_sources(page: &mut Value) {
    const HEADING: &str = "<h2 id=\"sources\"";
    let content = page["content"].as_str().unwrap_or_default();
    let moved = content.find(HEADING).and_then(|start| {
        let body = start + content[start..].find("</h2>")? + "</h2>".len();
        let end = content[body..]
            .find("<h2")
            .map_or(content.len(), |e| body + e);
        let rest = format!("{}{}", &content[..start], &content[end..]);
        Some((rest, content[body..end].trim().to_string()))
    });
    match moved {
        Some((rest, sources)) => {
            page["content"] = Value::String(rest);
            page["sources"] = json!({ "html": sources });
            if let Some(toc) = page["toc"].as_array_mut()
                && let Some(at) = toc.iter().position(|h| h["id"] == "sources")
            {
                // The heading and the subheadings under it.
                let end = toc[at + 1..]
                    .iter()
                    .position(|h| h["level"].as_u64().is_none_or(|l| l <= 2))
                    .map_or(toc.len(), |e| at + 1 + e);
                toc.drain(at..end);
            }
        }
        None => page["sources"] = Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_urls() {
        assert_eq!(key_of("index.html"), "");
        assert_eq!(key_of("roles/index.html"), "roles");
        assert_eq!(key_of("roles/x.html"), "roles/x");
        assert_eq!(key_of("roles/x/checklist.html"), "roles/x/checklist");
    }

    #[test]
    fn a_long_section_lists_a_window_around_the_current_page() {
        assert_eq!(window(10, Some(3)), (0, 10));
        assert_eq!(window(100, None), (0, SIDE_LIMIT));
        assert_eq!(window(100, Some(50)), (35, 65));
        assert_eq!(window(100, Some(2)), (0, SIDE_LIMIT));
        assert_eq!(window(100, Some(99)), (70, 100));
    }

    #[test]
    fn glossary_terms_are_grouped_by_initial_for_every_letter() {
        let terms = json!([
            { "term": "Assessment", "sort": "acct" },
            { "term": "Ability", "sort": "ability" },
            { "term": "Zone", "sort": "zone" },
            { "term": "1:1 work", "sort": "1:1 work" },
            { "term": "École", "sort": "école" },
        ]);
        let letters = glossary_letters(&terms);
        let letters = letters.as_array().unwrap();
        assert_eq!(
            letters.len(),
            28,
            "A-Z, then 0-9 and # groups that have terms"
        );
        assert_eq!(letters[0]["id"], "letter-a");
        assert_eq!(letters[0]["terms"].as_array().unwrap().len(), 2);
        assert_eq!(letters[1]["terms"], json!([]));
        assert_eq!(letters[25]["terms"][0]["term"], "Zone");
        assert_eq!(letters[26]["letter"], "0-9");
        assert_eq!(letters[27]["terms"][0]["term"], "École");
    }

    #[test]
    fn sources_move_to_the_end_with_their_toc_entry() {
        let mut page = json!({
            "content": "<p>a</p><h2 id=\"sources\">Sources <a href=\"#sources\">#</a></h2><ul><li>x</li></ul><h2 id=\"more\">More</h2><p>b</p>",
            "toc": [{ "id": "sources", "level": 2 }, { "id": "how", "level": 3 }, { "id": "more", "level": 2 }],
        });
        move_sources(&mut page);
        assert_eq!(page["content"], "<p>a</p><h2 id=\"more\">More</h2><p>b</p>");
        assert_eq!(page["sources"]["html"], "<ul><li>x</li></ul>");
        assert_eq!(page["toc"], json!([{ "id": "more", "level": 2 }]));

        let mut none = json!({ "content": "<h2 id=\"sourced\">Sourced</h2>", "toc": [] });
        move_sources(&mut none);
        assert_eq!(none["sources"], Value::Null);
        assert_eq!(none["content"], "<h2 id=\"sourced\">Sourced</h2>");
    }
}
