//! Markdown: one pass to find headings, links and anchors (for the link stage), and one
//! to render HTML with stable heading ids, rewritten links, highlighted code and, unless
//! the site opts in to raw HTML, sanitised output.
//!
//! Two passes because links can only be rewritten once every page's headings are known.
//! Links and images in raw HTML (`<a href>`, `<img src>`) are found and rewritten like
//! Markdown ones (`html`); heading ids are made in the site's style (`ids`); another
//! tool's template syntax left in the text is found for a warning (`leftovers`).

mod html;
pub mod ids;
pub mod leftovers;
mod render;
mod scan;

use std::ops::Range;

pub use ids::slugify;
pub use leftovers::Leftover;
use pulldown_cmark::{HeadingLevel, Options};
pub use render::{render, render_with};
pub use scan::scan;

pub use crate::abbreviations::Abbreviation;
pub use crate::html::{escape_attr, escape_text};

/// The class of the mark a broken link or image becomes when a page is rendered anyway
/// (`build --keep-going`, `serve`): `<span class="broken-link" title="why">text</span>`,
/// for the theme to make visible.
pub const BROKEN_LINK_CLASS: &str = "broken-link";

/// The Markdown extensions the format promises: CommonMark plus these.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A heading of a page, with the id it is reachable by.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Unique within the page.
    pub id: String,
    /// Plain text.
    pub text: String,
    /// True when the id was written (`{#id}`), so no id style changes it.
    #[serde(skip)]
    pub explicit: bool,
    /// True for the page's title heading: the `# Title` a page without a front-matter
    /// title opens with (or one repeating its title). The template shows the title, so
    /// `render_with` leaves this heading out of the body instead of showing it twice.
    #[serde(skip)]
    pub hidden: bool,
    /// Byte range of the whole heading in the body, so an id style can read the text as
    /// written (GitHub's ids are made without smart punctuation: `--` stays `--`).
    #[serde(skip)]
    pub source: Range<usize>,
}

/// A link or image written in the body, with where it was written.
#[derive(Debug, Clone)]
pub struct BodyLink {
    /// The destination as written.
    pub dest: String,
    /// Byte span of the destination in the body.
    pub span: Range<usize>,
}

/// What one pass over a page body finds.
#[derive(Debug, Default)]
pub struct Scan {
    /// Headings, with unique ids in the handbook's style (`ids::assign` redoes them in
    /// another style).
    pub headings: Vec<Heading>,
    /// Links and images, Markdown and raw HTML, in order; e-mail autolinks are left out.
    pub links: Vec<BodyLink>,
    /// Ids defined by raw HTML (`<a id="x">`, `<a name="x">`, `<div id="x">`).
    pub anchors: Vec<String>,
    /// Another tool's template syntax in the text.
    pub leftovers: Vec<Leftover>,
    /// The heading (index into `headings`) the body opens with, when it is a `#` heading
    /// with nothing before it but HTML comments: a plain page's title.
    pub opening_h1: Option<usize>,
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

/// What the renderer should do with a link destination.
pub enum LinkAction {
    /// Keep it as written.
    Keep,
    /// Replace it (a resolved page link).
    Rewrite(String),
    /// Drop the link and keep its text (a refused target, such as `javascript:`).
    Drop,
    /// Mark it as broken, keeping its text, with the problem as the mark's title: the
    /// link stage has reported it, and a page rendered anyway shows where it is.
    Broken(String),
}

/// Rendered body: HTML and the plain text search indexes.
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Text content, for search and summaries.
    pub text: String,
}

/// Removes scripts, event handlers and dangerous URLs from raw HTML, keeping what the
/// renderer itself produces (ids, classes, task-list checkboxes, abbreviations).
pub fn sanitise_html(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes([
            "id",
            "class",
            "title",
            "aria-hidden",
            "tabindex",
            "role",
            "aria-label",
            "style",
            "align",
        ])
        .add_tags([
            "input",
            "abbr",
            "details",
            "summary",
            "figure",
            "figcaption",
            "mark",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("a", ["href", "title"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .attribute_filter(|_, attribute, value| {
            // ammonia reads `javascr\u{6}ipt:` as a relative URL (so do browsers), but a
            // URL with an invisible control character in it is never what an author
            // meant, and a later tool that strips such characters would arm it. Drop it.
            if URL_ATTRIBUTES.contains(&attribute) && value.chars().any(char::is_control) {
                None
            } else {
                Some(value.into())
            }
        })
        .link_rel(Some("noopener noreferrer"));
    builder.clean(html).to_string()
}

/// Attributes whose value a browser loads or follows as a URL (also what the fuzz
/// targets' script check looks at).
pub const URL_ATTRIBUTES: [&str; 9] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "poster",
    "data",
    "cite",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_stable_and_unique() {
        let h =
            scan("## Key duties\n\n## Key duties\n\n## Schön's modes {#modes}\n\n### Café & co.\n")
                .headings;
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["key-duties", "key-duties-1", "modes", "café-co"]);
    }

    #[test]
    fn links_are_found_with_their_span() {
        let body = "See [x](../roles/a.md#duties) now.";
        let links = scan(body).links;
        assert_eq!(links[0].dest, "../roles/a.md#duties");
        assert_eq!(&body[links[0].span.clone()], "../roles/a.md#duties");
    }

    #[test]
    fn abbreviations_marked_once_outside_code_and_links() {
        let abbr = [Abbreviation {
            abbr: "MAPPA".into(),
            title: "Multi-Agency Public Protection Arrangements".into(),
            href: "glossary.html#mappa".into(),
        }];
        let r = render(
            "## MAPPA\n\n`MAPPA` and [MAPPA](x) and ![MAPPA](i.png) then MAPPA and MAPPA.",
            &scan("## MAPPA").headings,
            &mut |_| LinkAction::Keep,
            &abbr,
            true,
        );
        assert_eq!(r.html.matches("<abbr").count(), 1, "{}", r.html);
        assert!(r.html.contains("then <a class=\"abbr\""), "{}", r.html);
    }

    #[test]
    fn urls_with_control_characters_are_dropped() {
        // Found by the `markdown` fuzz target: the control characters hide the scheme
        // from the sanitiser; stripped later, the link would run script.
        let r = render(
            "<a href=\"javascr\u{6}\u{6}ipt:alert(3)\">x</a> <img src=\"java\u{1}script:x\">",
            &[],
            &mut |_| LinkAction::Keep,
            &[],
            true,
        );
        assert!(
            !r.html.contains("href") && !r.html.contains("src="),
            "{}",
            r.html
        );
        assert!(r.html.contains(">x</a>"), "{}", r.html);
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = render(
            "<script>alert(1)</script><b onclick=\"x()\">hi</b>",
            &[],
            &mut |_| LinkAction::Keep,
            &[],
            true,
        );
        assert!(
            !r.html.contains("script") && !r.html.contains("onclick"),
            "{}",
            r.html
        );
    }

    fn keep(_: &str) -> LinkAction {
        LinkAction::Keep
    }

    #[test]
    fn a_plain_page_opens_with_its_title_heading() {
        assert_eq!(scan("<!-- note -->\n# Title\n\nText\n").opening_h1, Some(0));
        assert_eq!(scan("Intro\n\n# Title\n").opening_h1, None);
        assert_eq!(scan("## Part\n\n# Title\n").opening_h1, None);
        assert_eq!(scan("[![badge](b.svg)](x)\n\n# Title\n").opening_h1, None);
    }

    #[test]
    fn a_hidden_heading_is_not_rendered_but_stays_searchable_and_linkable() {
        let mut s = scan("# Title\n\nText\n\n## Part\n");
        s.headings[0].hidden = true;
        let r = render(
            "# Title\n\nText\n\n## Part\n",
            &s.headings,
            &mut keep,
            &[],
            true,
        );
        assert!(!r.html.contains("<h1"), "{}", r.html);
        assert!(r.html.contains("<span id=\"title\"></span>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"part\">"), "{}", r.html);
        assert!(r.text.starts_with("Title\n"), "{}", r.text);
    }

    #[test]
    fn email_autolinks_are_not_links_to_check() {
        let s = scan("Write to <someone@example.org> or [us](mailto:us@example.org).");
        let dests: Vec<&str> = s.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["mailto:us@example.org"]);
        let r = render(
            "<someone@example.org>",
            &[],
            &mut |_| LinkAction::Broken("never asked".into()),
            &[],
            true,
        );
        assert!(
            r.html.contains("href=\"mailto:someone@example.org\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_links_and_anchors_are_scanned_with_spans() {
        let body = "<a id=\"top\"></a>\n\nSee <a href=\"b.md#x\">b</a>.\n\n<div>\n<img\n  src=\"pic.png\">\n</div>\n";
        let s = scan(body);
        assert_eq!(s.anchors, ["top"]);
        let found: Vec<(&str, &str)> = s
            .links
            .iter()
            .map(|l| (l.dest.as_str(), &body[l.span.clone()]))
            .collect();
        assert_eq!(found, [("b.md#x", "b.md#x"), ("pic.png", "pic.png")]);
    }

    #[test]
    fn raw_html_links_are_rewritten_when_rendered() {
        let r = render(
            "See <a href=\"b.md\">b</a>.\n\n<div><img src=\"pic.png\"></div>\n",
            &[],
            &mut |d| match d {
                "b.md" => LinkAction::Rewrite("b.html".into()),
                _ => LinkAction::Rewrite(format!("../{d}")),
            },
            &[],
            true,
        );
        assert!(r.html.contains("<a href=\"b.html\""), "{}", r.html);
        assert!(r.html.contains("<img src=\"../pic.png\">"), "{}", r.html);
    }

    #[test]
    fn broken_links_and_images_are_marked_not_dropped() {
        let r = render(
            "A [gone](x.md) link and ![a chart](c.png).",
            &[],
            &mut |d| LinkAction::Broken(format!("no page `{d}`")),
            &[],
            true,
        );
        assert!(
            r.html
                .contains("<span class=\"broken-link\" title=\"no page `x.md`\">gone</span>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<span class=\"broken-link\" title=\"no page `c.png`\">a chart</span>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<img"), "{}", r.html);
    }

    #[test]
    fn template_syntax_in_code_is_not_a_leftover() {
        let s = scan("Text {{ page.title }} here.\n\n`{{ x }}` and\n\n```\n{% raw %}\n```\n");
        let found: Vec<&str> = s.leftovers.iter().map(|l| l.what).collect();
        assert_eq!(found, ["a template expression"]);
    }
}
