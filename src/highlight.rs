//! Fenced code highlighted by syntect into CSS classes, so the theme's light and dark
//! stylesheets (generated here from syntect's themes) can restyle the same HTML.
//!
//! The syntax set is loaded once, and only if a page has a fenced code block.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::markdown::{escape_attr, escape_text};

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A `<pre><code>` block; highlighted when `lang` names a known syntax.
pub fn code_block(lang: &str, code: &str) -> String {
    let plain = || {
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape_attr(lang))
        };
        format!(
            "<pre class=\"code\"><code{class}>{}</code></pre>\n",
            escape_text(code)
        )
    };
    if lang.is_empty() {
        return plain();
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else {
        return plain();
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain();
        }
    }
    format!(
        "<pre class=\"code hl-code\"><code class=\"language-{}\">{}</code></pre>\n",
        escape_attr(lang),
        generator.finalize()
    )
}

/// The light and dark highlighting stylesheets, as (file name, CSS).
pub fn stylesheets() -> Vec<(&'static str, String)> {
    let themes = ThemeSet::load_defaults();
    let mut out = Vec::new();
    for (file, name) in [
        ("syntax-light.css", "InspiredGitHub"),
        ("syntax-dark.css", "base16-ocean.dark"),
    ] {
        let css = themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .unwrap_or_default();
        out.push((file, css));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_languages_get_classes() {
        let html = super::code_block("rust", "fn main() {}\n");
        assert!(html.contains("hl-"), "{html}");
        let plain = super::code_block("no-such-lang", "<x>\n");
        assert!(plain.contains("&lt;x&gt;"));
    }
}
