//! The second pass: a page body rendered to HTML, with links rewritten (broken ones
//! marked), the title heading left out, code highlighted, abbreviations marked up and,
//! unless the site allows raw HTML, the result sanitised.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::{
    Abbreviation, BROKEN_LINK_CLASS, Heading, LinkAction, Rendered, escape_attr, escape_text, html,
    level_num, options, sanitise_html,
};
use crate::abbreviations::AbbreviationSet;
use crate::highlight;

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
