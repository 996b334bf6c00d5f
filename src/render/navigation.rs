//! Where a file sits in the site, for the theme's navigation: which top-level section the
//! top navigation marks, the side navigation (the section's pages in order, the current
//! one marked), and the feedback link.
//!
//! Every file of the plan says what makes it, and so which page it belongs to: a page is
//! itself; a module's sheets, a framework's item pages, a role's checklist belong to that
//! page; the coverage pages to the training section; the comparison, pathways and matrix
//! to the section that holds the roles. So the side navigation of a checklist lists its
//! role's section, with the role marked.
//!
//! Not for: breadcrumbs (each context's `Head`) or "On this page" (each page's headings).

use schemars::JsonSchema;
use serde::Serialize;

use crate::config::Feedback;
use crate::link::Site;
use crate::model::Model;
use crate::plan::{Entry, Output, SIDE_LIMIT, Templates, side_window};
use crate::urls;

/// `navigation` in every template's context.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Navigation {
    /// The URL of the top-level section this page belongs to (the top navigation marks
    /// it).
    pub section_url: Option<String>,
    /// The side navigation; null for pages at the top of the site, search, indexes, 404.
    pub side: Option<SideNav>,
    /// The "Is something wrong on this page?" link; null unless `handbook.yml` sets
    /// `feedback`.
    pub feedback: Option<FeedbackLink>,
}

/// A link in the side navigation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NavEntry {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// `page` for the page shown, `true` for the page a generated page belongs to (a
    /// role for its checklist), null otherwise: the value of `aria-current`.
    pub current: Option<&'static str>,
}

/// The parent of a nested section.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ParentLink {
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
}

/// How many pages a long section has, where only a window of them is listed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct More {
    /// Pages in the section.
    pub count: usize,
    /// The section page, which lists them all.
    pub url: String,
}

/// The side navigation: the current section and its pages.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SideNav {
    /// The section's title.
    pub title: String,
    /// The section page.
    pub url: String,
    /// `page` when the section page is shown.
    pub current: Option<&'static str>,
    /// The section it is in, when it is nested.
    pub parent: Option<ParentLink>,
    /// Its pages, in order (a window of `plan::SIDE_LIMIT` around the current one, in a
    /// long section).
    pub pages: Vec<NavEntry>,
    /// The recruiting pages, on the section that holds the roles.
    pub tools: Vec<NavEntry>,
    /// Set when only a window of the pages is listed.
    pub more: Option<More>,
}

/// The feedback link.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FeedbackLink {
    /// A `mailto:` address with the page in the subject, or the web address.
    pub href: String,
    /// The link's text.
    pub label: &'static str,
}

/// What a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A content page, by index.
    Page(usize),
    /// A file made for a page (a module's sheets, an item page, a checklist).
    Sub(usize),
    /// A recruiting page: it belongs to the section that holds the roles; the tool whose
    /// page it is (its index URL).
    Tool(&'static str),
    /// Nothing in the content: taxonomy indexes, search, the 404 page, redirects.
    None,
}

fn owner(site: &Site, model: &Model, output: Output) -> Owner {
    let training = || {
        site.by_key
            .get(urls::TRAINING_KEY)
            .map_or(Owner::None, |&t| Owner::Sub(t))
    };
    match output {
        Output::Page(i) => Owner::Page(i),
        Output::Sheet(i, _) | Output::Item(i, _) => Owner::Sub(i),
        Output::Checklist(r) | Output::SpecCsv(r) | Output::CompareRole(r) => {
            Owner::Sub(model.roles[r].index)
        }
        Output::Coverage | Output::CoverageFramework(_) | Output::CoverageRoles(_) => training(),
        Output::Compare => Owner::Tool(urls::COMPARE_URL),
        Output::PathwayIndex | Output::PathwaySetting(..) => Owner::Tool(urls::PATHWAY_URL),
        Output::MatrixIndex
        | Output::MatrixFramework(_)
        | Output::MatrixPart(..)
        | Output::MatrixSetting(_) => Owner::Tool(urls::MATRIX_URL),
        _ => Owner::None,
    }
}

/// The section page that holds page `i`, if it is in one.
fn parent(site: &Site, i: usize) -> Option<usize> {
    site.pages[i]
        .parent_key()
        .and_then(|k| site.by_key.get(k).copied())
}

/// The recruiting pages this build has, as (title, URL).
fn tools(templates: &Templates) -> Vec<(&'static str, &'static str)> {
    [
        ("Compare roles", urls::COMPARE_URL, "compare.html"),
        ("Career pathways", urls::PATHWAY_URL, "pathway.html"),
        ("Roles and competencies", urls::MATRIX_URL, "matrix.html"),
    ]
    .into_iter()
    .filter(|(_, _, t)| templates.has(t))
    .map(|(title, url, _)| (title, url))
    .collect()
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

/// The navigation of the file `entry` makes.
pub fn for_entry(site: &Site, model: &Model, templates: &Templates, entry: &Entry) -> Navigation {
    let owner = owner(site, model, entry.output);
    let roles = model.roles_section;
    // The section the side navigation lists, and the entry to mark in it.
    let (section, marked) = match owner {
        Owner::Page(i) if site.pages[i].is_section => (Some(i), None),
        Owner::Page(i) => (parent(site, i), Some((i, "page"))),
        Owner::Sub(i) if site.pages[i].is_section => (Some(i), None),
        Owner::Sub(i) => (parent(site, i), Some((i, "true"))),
        Owner::Tool(_) => (roles, None),
        Owner::None => (None, None),
    };
    let section = section.filter(|&s| !site.pages[s].key.is_empty());
    let anchor = match owner {
        Owner::Page(i) | Owner::Sub(i) => Some(i),
        Owner::Tool(_) | Owner::None => section,
    };
    let tool = match owner {
        Owner::Tool(url) => Some(url),
        _ => None,
    };
    Navigation {
        section_url: anchor
            .and_then(|a| top_section(site, a))
            .map(|t| site.pages[t].url.clone()),
        side: section.map(|s| {
            side(
                site,
                templates,
                s,
                &entry.path,
                marked,
                tool,
                roles == Some(s),
            )
        }),
        feedback: feedback(site, &entry.path, owner),
    }
}

fn side(
    site: &Site,
    templates: &Templates,
    section: usize,
    url: &str,
    marked: Option<(usize, &'static str)>,
    tool: Option<&'static str>,
    holds_roles: bool,
) -> SideNav {
    let s = &site.pages[section];
    let children: &[usize] = site.children.get(&s.key).map_or(&[], Vec::as_slice);
    let at = marked.and_then(|(m, _)| children.iter().position(|&c| c == m));
    // A recruiting page is no role's neighbour: past the window it lists the tools and
    // the link to every role, not the first roles (which every such page would repeat).
    let (from, to) = match (tool, at) {
        (Some(_), None) if children.len() > SIDE_LIMIT => (0, 0),
        _ => side_window(children.len(), at),
    };
    let pages = children[from..to]
        .iter()
        .map(|&c| NavEntry {
            title: site.pages[c].common.title.clone(),
            url: site.pages[c].url.clone(),
            current: marked.filter(|(m, _)| *m == c).map(|(_, how)| how),
        })
        .collect();
    let tools = if holds_roles {
        tools(templates)
            .into_iter()
            .map(|(title, u)| NavEntry {
                title: title.to_string(),
                url: u.to_string(),
                current: match tool {
                    Some(t) if t == u && url == u => Some("page"),
                    Some(t) if t == u => Some("true"),
                    _ => None,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    let up = parent(site, section).filter(|&p| !site.pages[p].key.is_empty());
    SideNav {
        title: s.common.title.clone(),
        url: s.url.clone(),
        current: (s.url == url).then_some("page"),
        parent: up.map(|p| ParentLink {
            title: site.pages[p].common.title.clone(),
            url: site.pages[p].url.clone(),
        }),
        pages,
        tools,
        more: (to - from < children.len()).then(|| More {
            count: children.len(),
            url: s.url.clone(),
        }),
    }
}

fn feedback(site: &Site, url: &str, owner: Owner) -> Option<FeedbackLink> {
    let target = site.config.feedback.as_deref().and_then(Feedback::parse)?;
    let href = match target {
        Feedback::Web(address) => address,
        Feedback::Mail(address) => {
            let page = match owner {
                Owner::Page(i) | Owner::Sub(i) => {
                    format!("{} ({url})", site.pages[i].common.title)
                }
                Owner::Tool(_) | Owner::None => url.to_string(),
            };
            let subject = format!("{}: {page}", site.config.title);
            format!(
                "mailto:{address}?subject={}",
                percent_encoding::utf8_percent_encode(&subject, percent_encoding::NON_ALPHANUMERIC)
            )
        }
    };
    Some(FeedbackLink {
        href,
        label: "Is something wrong on this page?",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::SIDE_LIMIT;

    #[test]
    fn a_long_section_lists_a_window_around_the_current_page() {
        assert_eq!(side_window(10, Some(3)), (0, 10));
        assert_eq!(side_window(100, None), (0, SIDE_LIMIT));
        assert_eq!(side_window(100, Some(50)), (35, 65));
        assert_eq!(side_window(100, Some(2)), (0, SIDE_LIMIT));
        assert_eq!(side_window(100, Some(99)), (70, 100));
    }
}
