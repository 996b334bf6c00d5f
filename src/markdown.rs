//! Markdown: one pass to find headings and links (for the link stage), and one to render
//! HTML with stable heading ids, rewritten links, highlighted code and, unless the site
//! opts in to raw HTML, sanitised output.
//!
//! Two passes because links can only be rewritten once every page's headings are known.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::abbreviations::{Abbreviation, AbbreviationSet};
use crate::highlight;
use crate::html::{escape_attr, escape_text};

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
}

/// A link or image written in the body, with where it was written.
#[derive(Debug, Clone)]
pub struct BodyLink {
    /// The destination as written.
    pub dest: String,
    /// Byte span of the destination in the body.
    pub span: Range<usize>,
}

/// The slug for a heading: lower-case letters and digits, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            dash = true;
        }
    }
    out
}

/// Finds headings (assigning unique ids) and links in a page body.
pub fn scan(body: &str) -> (Vec<Heading>, Vec<BodyLink>) {
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level_num(level), id.map(|s| s.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = current.take() {
                    let base = explicit.unwrap_or_else(|| slugify(&text));
                    let base = if base.is_empty() {
                        "section".to_string()
                    } else {
                        base
                    };
                    let id = unique(&mut seen, base);
                    headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let written = &body[range.clone()];
                let span = match written.rfind(dest_url.as_ref()) {
                    Some(i) if !dest_url.is_empty() => {
                        range.start + i..range.start + i + dest_url.len()
                    }
                    _ => range.clone(),
                };
                links.push(BodyLink {
                    dest: dest_url.to_string(),
                    span,
                });
            }
            _ => {}
        }
    }
    (headings, links)
}

fn unique(seen: &mut HashMap<String, usize>, base: String) -> String {
    let n = seen.entry(base.clone()).or_insert(0);
    let id = if *n == 0 {
        base.clone()
    } else {
        format!("{base}-{n}")
    };
    *n += 1;
    if id != base {
        seen.insert(id.clone(), 1);
    }
    id
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
    /// Drop the link and keep its text (a dangerous or broken target).
    Drop,
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
    let mut dropped_links = 0usize;
    let mut link_depth = 0usize;
    let mut heading_depth = 0usize;
    let mut image_depth = 0usize;
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
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) => {
                heading_depth += 1;
                let id = headings.get(heading_index).map_or("", |h| h.id.as_str());
                heading_index += 1;
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
                link_type,
                dest_url,
                title,
                id,
            }) => match links(&dest_url) {
                LinkAction::Drop => dropped_links += 1,
                action => {
                    link_depth += 1;
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
            Event::End(TagEnd::Link) => {
                if dropped_links > 0 && link_depth == 0 {
                    dropped_links -= 1;
                } else {
                    link_depth = link_depth.saturating_sub(1);
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image_depth += 1;
                let dest_url = match links(&dest_url) {
                    LinkAction::Rewrite(url) => CowStr::from(url),
                    LinkAction::Drop => CowStr::from(""),
                    LinkAction::Keep => dest_url,
                };
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Text(t) => {
                text.push_str(&t);
                if link_depth == 0
                    && heading_depth == 0
                    && image_depth == 0
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
                out.push(Event::Html(h));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                out.push(event);
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
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
        let (h, _) =
            scan("## Key duties\n\n## Key duties\n\n## Schön's modes {#modes}\n\n### Café & co.\n");
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["key-duties", "key-duties-1", "modes", "café-co"]);
    }

    #[test]
    fn links_are_found_with_their_span() {
        let body = "See [x](../roles/a.md#duties) now.";
        let (_, links) = scan(body);
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
            &scan("## MAPPA").0,
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
}
