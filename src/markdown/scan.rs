//! The first pass over a page body: headings, links (Markdown and raw HTML), raw-HTML
//! anchors and other tools' template syntax, for the link stage.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use super::{BodyLink, Heading, Scan, html, ids, leftovers, level_num, options};

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
