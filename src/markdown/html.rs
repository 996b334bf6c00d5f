//! Links, images and anchors inside raw HTML in Markdown (`<a href="b.md">`,
//! `<img src="diagram.png">`, `<a id="top">`): found with their places for the link
//! stage, and rewritten like Markdown links when the page is rendered.
//!
//! html5gum tokenizes the HTML (a WHATWG tokenizer, as the lychee link checker uses), so
//! comments, script and style content, entities and every quoting style are read the way
//! a browser reads them; only the value of a URL attribute is replaced, so the rest of
//! the author's HTML is kept byte for byte.
//!
//! Not for: sanitising (`sanitise_html` runs on the whole page afterwards).

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{LinkAction, escape_attr};

/// Elements whose attribute is a link or an embedded resource the build checks.
const URL_ATTRS: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("img", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("embed", "src"),
];

/// One URL attribute in a fragment of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HtmlUrl {
    /// The value, entities decoded (what the browser would follow).
    pub value: String,
    /// Byte span of the value as written (inside the quotes, if any).
    pub value_span: Range<usize>,
    /// Byte span of the whole attribute, `name="value"`.
    pub attr_span: Range<usize>,
    /// True for a link (`a`, `area`), false for an embedded file (`img` ...).
    pub is_link: bool,
}

/// What a fragment of HTML holds that the link stage needs.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// URL attributes, in order.
    pub urls: Vec<HtmlUrl>,
    /// Values of `id` attributes, and `name` of `<a>`: targets of `#fragment` links.
    pub anchors: Vec<String>,
}

/// Reads the URL attributes and anchors of `html`.
pub(super) fn scan(html: &str) -> Found {
    let mut found = Found::default();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(Token::StartTag(tag)) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        for (attr, value) in &tag.attributes {
            let attr = String::from_utf8_lossy(attr).to_ascii_lowercase();
            if attr == "id" || (attr == "name" && name == "a") {
                let v = String::from_utf8_lossy(&value.value).trim().to_string();
                if !v.is_empty() {
                    found.anchors.push(v);
                }
            }
            if URL_ATTRS.iter().any(|(t, a)| *t == name && *a == attr)
                && !left_to_sanitiser(&String::from_utf8_lossy(&value.value))
            {
                let written = value.span.start..value.span.end.min(html.len());
                let Some(value_span) = value_span(html, written.clone()) else {
                    continue;
                };
                let quoted = matches!(html.as_bytes().get(value_span.end), Some(b'"' | b'\''));
                let attr_span = written.start..value_span.end + usize::from(quoted);
                found.urls.push(HtmlUrl {
                    value: String::from_utf8_lossy(&value.value).into_owned(),
                    value_span,
                    attr_span,
                    is_link: name == "a" || name == "area",
                });
            }
        }
    }
    found.urls.sort_by_key(|u| u.value_span.start);
    found
}

/// True for a URL that runs or embeds code (`javascript:`, `data:`, `vbscript:`, as a
/// browser reads it: spaces and control characters ignored). In raw HTML such a URL is the
/// sanitiser's business, as everything else that can run is: removed by default, kept
/// when the site allows raw HTML (and with it, script). It is neither checked nor
/// rewritten here.
fn left_to_sanitiser(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

/// The span of an attribute's value inside `attr_span` (`href="x"`, `href='x'`,
/// `href=x`): html5gum gives the attribute's span, and the value is read from it.
fn value_span(html: &str, attr_span: Range<usize>) -> Option<Range<usize>> {
    let text = html.get(attr_span.clone())?;
    let eq = text.find('=')?;
    let rest = &text[eq + 1..];
    let skipped = rest.len() - rest.trim_start().len();
    let start = attr_span.start + eq + 1 + skipped;
    let rest = rest.trim_start();
    match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let inner = &rest[1..];
            let end = inner.find(q).unwrap_or(inner.len());
            Some(start + 1..start + 1 + end)
        }
        _ => {
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(rest.len());
            Some(start..start + end)
        }
    }
}

/// `html` with every URL attribute resolved by `links`: a page link rewritten, an
/// external one kept, a broken one turned into a visible mark (`class="broken-link"`
/// with the problem as its title), a refused one removed.
pub(super) fn rewrite(html: &str, links: &mut dyn FnMut(&str) -> LinkAction) -> Option<String> {
    let found = scan(html);
    if found.urls.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut cursor = 0;
    let mut changed = false;
    for url in &found.urls {
        let (range, replacement) = match links(&url.value) {
            LinkAction::Keep => continue,
            LinkAction::Rewrite(to) => (url.value_span.clone(), escape_attr(&to)),
            LinkAction::Drop => (url.attr_span.clone(), String::new()),
            LinkAction::Broken(why) => (
                url.attr_span.clone(),
                format!(
                    "class=\"{}\" title=\"{}\"",
                    super::BROKEN_LINK_CLASS,
                    escape_attr(&why)
                ),
            ),
        };
        if range.start < cursor || range.end > html.len() {
            continue;
        }
        out.push_str(&html[cursor..range.start]);
        // A rewritten value goes back between the quotes it had; an unquoted one gets some.
        let quoted = range == url.value_span
            && !matches!(html[..range.start].chars().next_back(), Some('"' | '\''));
        if quoted {
            out.push('"');
            out.push_str(&replacement);
            out.push('"');
        } else {
            out.push_str(&replacement);
        }
        cursor = range.end;
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(&html[cursor..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_anchors_are_found_with_their_places() {
        let html = "<p id=\"top\"><a name=intro></a><a href='b.md#x'>b</a> <img\n  src=i.png alt=\"x\"> <!-- <a href=c.md> --></p>";
        let f = scan(html);
        assert_eq!(f.anchors, ["top", "intro"]);
        let values: Vec<(&str, &str)> = f
            .urls
            .iter()
            .map(|u| (u.value.as_str(), &html[u.value_span.clone()]))
            .collect();
        assert_eq!(values, [("b.md#x", "b.md#x"), ("i.png", "i.png")]);
        assert!(f.urls[0].is_link && !f.urls[1].is_link);
    }

    #[test]
    fn entities_are_decoded_and_script_is_not_html() {
        let f = scan("<script>x = '<a href=no.md>'</script><a href=\"a.md?x=1&amp;y=2\">");
        assert_eq!(f.urls.len(), 1);
        assert_eq!(f.urls[0].value, "a.md?x=1&y=2");
    }

    #[test]
    fn script_urls_are_left_to_the_sanitiser() {
        let f = scan(
            "<a href=\"java\tscript:alert(1)\">x</a><iframe src=\" data:text/html,x\"></iframe><a href=\"b.md\">",
        );
        let values: Vec<&str> = f.urls.iter().map(|u| u.value.as_str()).collect();
        assert_eq!(values, ["b.md"]);
    }

    #[test]
    fn rewriting_keeps_the_rest_of_the_html() {
        let html =
            "<a class=\"c\" href=\"b.md\">b</a><img src=gone.png alt=x><a href='https://x.org'>";
        let out = rewrite(html, &mut |dest| match dest {
            "b.md" => LinkAction::Rewrite("b.html".into()),
            "gone.png" => LinkAction::Broken("no file `gone.png`".into()),
            _ => LinkAction::Keep,
        })
        .unwrap();
        assert_eq!(
            out,
            "<a class=\"c\" href=\"b.html\">b</a><img class=\"broken-link\" title=\"no file `gone.png`\" alt=x><a href='https://x.org'>"
        );
        assert_eq!(rewrite("<b>no links</b>", &mut |_| LinkAction::Keep), None);
    }
}
