//! Template syntax of other tools left in a page's text: Liquid and Nunjucks tags
//! (`{% include x.html %}`), template expressions (`{{ page.title }}`), mdBook's
//! `{{#include file}}` and Hugo shortcodes (`{{< figure >}}`, `{{% notice %}}`). The
//! handbook runs none of them, so each would be shown to readers exactly as written; the
//! scan finds them in text only, so code spans and code blocks (where such syntax is
//! usually being shown on purpose) are exempt, and so is a `\{{` escape.
//!
//! Not for: resolving them (`handbook import` does that for mdBook includes).

use std::ops::Range;

/// One piece of another tool's template syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// Byte span in the body.
    pub span: Range<usize>,
    /// Which tool writes it, and what it is.
    pub what: &'static str,
    /// What to do instead.
    pub hint: &'static str,
}

/// How far past its opening a construct's closing is looked for (they are short, and one
/// line long).
const MAX_LEN: usize = 400;

/// Finds the constructs that open inside `range` of `body` (the source of one text event).
pub(super) fn find(body: &str, range: Range<usize>, out: &mut Vec<Leftover>) {
    let Some(text) = body.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let at = range.start + from + i;
        from += i + 1;
        let rest = &body[at..];
        let Some((what, hint, close)) = classify(rest) else {
            continue;
        };
        if body[..at].ends_with('\\') {
            continue;
        }
        let line_end = rest.floor_char_boundary(rest.find('\n').unwrap_or(rest.len()).min(MAX_LEN));
        let Some(end) = rest[..line_end].find(close) else {
            continue;
        };
        let span = at..at + end + close.len();
        if out.iter().any(|l| l.span.start <= at && at < l.span.end) {
            continue;
        }
        from = (span.end - range.start).min(text.len()).max(from);
        out.push(Leftover { span, what, hint });
    }
}

fn classify(rest: &str) -> Option<(&'static str, &'static str, &'static str)> {
    const MDBOOK: &str = "mdBook runs `{{#include}}` and its kind when it builds a book; here it is shown as written. `handbook import mdbook` pastes the file in; or paste it yourself (in a code block if it is code)";
    const HUGO: &str = "Hugo runs shortcodes when it builds a site; here they are shown as written. Write the Markdown the shortcode stood for (a link, an image, a note), or run `handbook import hugo`";
    const TAG: &str = "template tags (Liquid, Nunjucks, Zola) are not run; write the text or link the tag made, or put it in a code span (`` `{% ... %}` ``) if it is meant to be shown";
    const EXPR: &str = "template expressions (Liquid, Hugo, Nunjucks, Zola) are not run; write the value it stood for, or put it in a code span if it is meant to be shown";
    if [
        "{{#include",
        "{{#rustdoc_include",
        "{{#playground",
        "{{#title",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
    {
        Some(("an mdBook include", MDBOOK, "}}"))
    } else if rest.starts_with("{{<") {
        Some(("a Hugo shortcode", HUGO, ">}}"))
    } else if rest.starts_with("{{%") {
        Some(("a Hugo shortcode", HUGO, "%}}"))
    } else if rest.starts_with("{%") {
        Some(("a template tag", TAG, "%}"))
    } else if rest.starts_with("{{") {
        Some(("a template expression", EXPR, "}}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(body: &str) -> Vec<(&str, &'static str)> {
        let mut out = Vec::new();
        find(body, 0..body.len(), &mut out);
        out.iter()
            .map(|l| (&body[l.span.clone()], l.what))
            .collect()
    }

    #[test]
    fn each_tool_is_recognised() {
        assert_eq!(
            all(
                "See {{#include ../x.rs:2:4}} and {{< figure src=\"a.png\" >}} then {{% notice %}}."
            ),
            [
                ("{{#include ../x.rs:2:4}}", "an mdBook include"),
                ("{{< figure src=\"a.png\" >}}", "a Hugo shortcode"),
                ("{{% notice %}}", "a Hugo shortcode")
            ]
        );
        assert_eq!(
            all("{% include note.html %} by {{ page.author }}"),
            [
                ("{% include note.html %}", "a template tag"),
                ("{{ page.author }}", "a template expression")
            ]
        );
    }

    #[test]
    fn unclosed_braces_and_escapes_are_prose() {
        assert!(all("a set {x} and {{ half an idea\nnext line }}").is_empty());
        assert!(all("\\{{#include x.rs}}").is_empty());
    }

    #[test]
    fn a_long_unclosed_line_of_wide_characters_is_not_cut_inside_one() {
        // The scan limit fell inside a three-byte character (found by the fuzzer).
        for pad in 0..3 {
            let body = format!("{{{{ {}{}", "x".repeat(pad), "\u{FFFD}".repeat(200));
            assert!(all(&body).is_empty());
        }
    }
}
