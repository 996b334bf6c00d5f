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

use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::abbreviations::AbbreviationSet;
use crate::highlight;
pub use ids::slugify;
pub use leftovers::Leftover;

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

/// Finds headings (assigning unique ids), links, HTML anchors and leftovers in a body.
pub fn scan(body: &str) -> Scan {
    let mut out = Scan::default();
    let mut current: Option<(u8, Option<String>, String, Range<usize>)> = None;
    let mut in_code = false;
    let mut content_before = false;
    let mut html_block: Option<Vec<(String, usize)>> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Some(pieces) = html_block.as_mut() {
            match event {
                Event::Html(h) => {
                    let at = body
                        .get(range.clone())
                        .and_then(|s| s.find(h.as_ref()))
                        .map_or(range.start, |i| range.start + i);
                    pieces.push((h.to_string(), at));
                    continue;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let pieces = html_block.take().unwrap_or_default();
                    if out.headings.is_empty()
                        && !pieces.iter().all(|(h, _)| {
                            let t = h.trim();
                            t.is_empty() || t.starts_with("<!--")
                        })
                    {
                        content_before = true;
                    }
                    scan_html(&pieces, &mut out);
                    continue;
                }
                _ => {}
            }
        }
        let neutral = matches!(
            event,
            Event::Start(Tag::HtmlBlock) | Event::Start(Tag::Heading { .. })
        );
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(Vec::new()),
            Event::Start(Tag::Heading { level, id, .. }) => {
                if out.headings.is_empty() && !content_before && level == HeadingLevel::H1 {
                    out.opening_h1 = Some(0);
                }
                current = Some((
                    level_num(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                    range.clone(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text, source)) = current.take() {
                    out.headings.push(Heading {
                        level,
                        explicit: explicit.is_some(),
                        id: explicit.unwrap_or_default(),
                        text: text.trim().to_string(),
                        hidden: false,
                        source,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) => {
                if let Some((_, _, text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
                if !in_code && (t.contains("{{") || t.contains("{%")) {
                    leftovers::find(body, range.clone(), &mut out.leftovers);
                }
            }
            Event::Code(t) => {
                if let Some((_, _, text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::InlineHtml(h) => scan_html(&[(h.to_string(), range.start)], &mut out),
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => {}
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let written = &body[range.clone()];
                let span = match written.rfind(dest_url.as_ref()) {
                    Some(i) if !dest_url.is_empty() => {
                        range.start + i..range.start + i + dest_url.len()
                    }
                    _ => range.clone(),
                };
                out.links.push(BodyLink {
                    dest: dest_url.to_string(),
                    span,
                });
            }
            _ => {}
        }
        if out.headings.is_empty() && current.is_none() && !neutral {
            content_before = true;
        }
    }
    ids::assign(&mut out.headings, crate::config::HeadingIds::Handbook);
    out
}

/// Reads the links and anchors of raw HTML given as pieces (text, offset in the body).
fn scan_html(pieces: &[(String, usize)], out: &mut Scan) {
    let mut html = String::new();
    let mut starts = Vec::with_capacity(pieces.len());
    for (text, at) in pieces {
        starts.push((html.len(), *at));
        html.push_str(text);
    }
    let found = html::scan(&html);
    out.anchors.extend(found.anchors);
    for url in found.urls {
        let (piece_start, body_start) = starts
            .iter()
            .rev()
            .find(|(s, _)| *s <= url.value_span.start)
            .copied()
            .unwrap_or((0, 0));
        let start = body_start + url.value_span.start - piece_start;
        out.links.push(BodyLink {
            dest: url.value,
            span: start..start + url.value_span.len(),
        });
    }
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

/// An abbreviation to mark up on its first use.
#[derive(Debug, Clone)]
pub struct Abbreviation {
    /// The abbreviation as written (`MAPPA`).
    pub abbr: String,
    /// Its full name.
    pub title: String,
    /// Relative URL of its glossary entry.
    pub href: String,
}

/// Rendered body: HTML and the plain text search indexes.
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Text content, for search and summaries.
    pub text: String,
}

/// Renders a body to HTML.
pub fn render(
    body: &str,
    headings: &[Heading],
    links: &mut dyn FnMut(&str) -> LinkAction,
    abbreviations: &[Abbreviation],
    sanitise: bool,
) -> Rendered {
    let set = AbbreviationSet::new(abbreviations.to_vec());
    render_with(body, headings, links, &set, "", sanitise)
}

/// How an open link or image is being rendered.
enum Open {
    /// As itself.
    Kept,
    /// Left out (its text stays).
    Dropped,
    /// As a broken-link mark, closed with `</span>`.
    Marked,
}

fn broken_mark(why: &str) -> String {
    format!(
        "<span class=\"{BROKEN_LINK_CLASS}\" title=\"{}\">",
        escape_attr(why)
    )
}

/// Renders a body to HTML, with abbreviations prepared once for the whole site: their
/// hrefs are relative to the site root and `href_base` (the `../` path from the page to
/// the root) is put in front of each.
pub fn render_with(
    body: &str,
    headings: &[Heading],
    links: &mut dyn FnMut(&str) -> LinkAction,
    abbreviations: &AbbreviationSet,
    href_base: &str,
    sanitise: bool,
) -> Rendered {
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut text = String::new();
    let mut heading_index = 0;
    let mut code: Option<(String, String)> = None;
    let mut open_links: Vec<Open> = Vec::new();
    let mut open_images: Vec<Open> = Vec::new();
    let mut heading_depth = 0usize;
    let mut hiding = false;
    let mut html_block: Option<String> = None;
    let mut raw_html = false;
    let mut marked: Vec<bool> = vec![false; abbreviations.list().len()];

    for event in Parser::new_ext(body, options()) {
        if let Some((_, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    buf.push_str(&t);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, buf) = code.take().unwrap_or_default();
                    text.push_str(&buf);
                    text.push('\n');
                    out.push(Event::Html(CowStr::from(highlight::code_block(
                        &lang, &buf,
                    ))));
                    continue;
                }
                _ => continue,
            }
        }
        if let Some(buf) = html_block.as_mut() {
            match event {
                Event::Html(h) => {
                    buf.push_str(&h);
                    continue;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let buf = html_block.take().unwrap_or_default();
                    let buf = html::rewrite(&buf, links).unwrap_or(buf);
                    out.push(Event::Html(CowStr::from(buf)));
                    continue;
                }
                _ => {}
            }
        }
        // The title heading: its text is searchable, but the template shows it.
        if hiding {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    hiding = false;
                    text.push('\n');
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => {
                raw_html = true;
                html_block = Some(String::new());
            }
            Event::Start(Tag::Heading { level, classes, .. }) => {
                let heading = headings.get(heading_index);
                heading_index += 1;
                let id = heading.map_or("", |h| h.id.as_str());
                if heading.is_some_and(|h| h.hidden) {
                    hiding = true;
                    // Links to the heading's id still land at the top of the text.
                    out.push(Event::Html(CowStr::from(format!(
                        "<span id=\"{}\"></span>\n",
                        escape_attr(id)
                    ))));
                    continue;
                }
                heading_depth += 1;
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_attr(&classes.join(" ")))
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<h{} id=\"{}\"{class}>",
                    level_num(level),
                    escape_attr(id)
                ))));
            }
            Event::End(TagEnd::Heading(level)) => {
                heading_depth = heading_depth.saturating_sub(1);
                let id = headings
                    .get(heading_index.saturating_sub(1))
                    .map_or("", |h| h.id.as_str());
                out.push(Event::Html(CowStr::from(format!(
                    " <a class=\"heading-anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{}>\n",
                    escape_attr(id),
                    level_num(level)
                ))));
                text.push('\n');
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                title,
                id,
            }) => {
                open_links.push(Open::Kept);
                out.push(Event::Start(Tag::Link {
                    link_type: LinkType::Email,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match links(&dest_url) {
                LinkAction::Drop => open_links.push(Open::Dropped),
                LinkAction::Broken(why) => {
                    open_links.push(Open::Marked);
                    out.push(Event::Html(CowStr::from(broken_mark(&why))));
                }
                action => {
                    open_links.push(Open::Kept);
                    let dest_url = match action {
                        LinkAction::Rewrite(url) => CowStr::from(url),
                        _ => dest_url,
                    };
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            },
            Event::End(TagEnd::Link) => match open_links.pop() {
                Some(Open::Kept) | None => out.push(Event::End(TagEnd::Link)),
                Some(Open::Marked) => out.push(Event::Html(CowStr::Borrowed("</span>"))),
                Some(Open::Dropped) => {}
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match links(&dest_url) {
                    LinkAction::Rewrite(url) => CowStr::from(url),
                    LinkAction::Drop => CowStr::from(""),
                    LinkAction::Keep => dest_url,
                    LinkAction::Broken(why) => {
                        open_images.push(Open::Marked);
                        out.push(Event::Html(CowStr::from(broken_mark(&why))));
                        continue;
                    }
                };
                open_images.push(Open::Kept);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => match open_images.pop() {
                Some(Open::Marked) => out.push(Event::Html(CowStr::Borrowed("</span>"))),
                _ => out.push(event),
            },
            Event::Text(t) => {
                text.push_str(&t);
                if open_links.is_empty()
                    && heading_depth == 0
                    && open_images.is_empty()
                    && !abbreviations.is_empty()
                {
                    mark_abbreviations(t, abbreviations, href_base, &mut marked, &mut out);
                } else {
                    out.push(Event::Text(t));
                }
            }
            Event::Code(t) => {
                text.push_str(&t);
                out.push(Event::Code(t));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                raw_html = true;
                let h = match html::rewrite(&h, links) {
                    Some(rewritten) => CowStr::from(rewritten),
                    None => h,
                };
                out.push(Event::Html(h));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                out.push(event);
            }
            // Wide tables scroll inside their own keyboard-reachable box, never the page.
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n",
                )));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                text.push('\n');
                out.push(event);
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if sanitise && raw_html {
        html = sanitise_html(&html);
    }
    // CommonMark replaces NUL with U+FFFD; pulldown-cmark passes it through, and a NUL in
    // HTML is a parse error browsers treat differently.
    if html.contains('\0') {
        html = html.replace('\0', "\u{fffd}");
    }
    if text.contains('\0') {
        text = text.replace('\0', "\u{fffd}");
    }
    Rendered { html, text }
}

/// Splits `t` so the first use of each abbreviation becomes a linked `<abbr>`.
fn mark_abbreviations<'a>(
    t: CowStr<'a>,
    set: &AbbreviationSet,
    href_base: &str,
    marked: &mut [bool],
    out: &mut Vec<Event<'a>>,
) {
    // Only abbreviations that occur in this text at all can match in it.
    let present = set.present_in(&t, marked);
    if present.is_empty() {
        out.push(Event::Text(t));
        return;
    }
    let abbreviations = set.list();
    let s: &str = &t;
    let mut cursor = 0;
    let mut pieces: Vec<Event<'a>> = Vec::new();
    loop {
        // The earliest whole-word match of an abbreviation not yet marked.
        let mut best: Option<(usize, usize)> = None;
        for &i in &present {
            let a = &abbreviations[i];
            if marked[i] || a.abbr.is_empty() {
                continue;
            }
            if let Some(pos) = find_word(&s[cursor..], &a.abbr)
                && best.is_none_or(|(p, _)| cursor + pos < p)
            {
                best = Some((cursor + pos, i));
            }
        }
        let Some((pos, i)) = best else { break };
        let a = &abbreviations[i];
        marked[i] = true;
        if pos > cursor {
            pieces.push(Event::Text(CowStr::from(s[cursor..pos].to_string())));
        }
        pieces.push(Event::Html(CowStr::from(format!(
            "<a class=\"abbr\" href=\"{}{}\"><abbr title=\"{}\">{}</abbr></a>",
            escape_attr(href_base),
            escape_attr(&a.href),
            escape_attr(&a.title),
            escape_text(&a.abbr)
        ))));
        cursor = pos + a.abbr.len();
    }
    if pieces.is_empty() {
        out.push(Event::Text(t));
    } else {
        if cursor < s.len() {
            pieces.push(Event::Text(CowStr::from(s[cursor..].to_string())));
        }
        out.extend(pieces);
    }
}

/// Position of `word` in `hay` where it is not part of a longer word.
fn find_word(hay: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = hay[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(start);
        }
        from = start + word.len().max(1);
    }
    None
}

/// Escapes text for an HTML attribute value.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content.
pub fn escape_text(s: &str) -> String {
    escape_attr(s)
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
