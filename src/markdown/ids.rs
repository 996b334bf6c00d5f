//! Heading ids: the `#part` of a link, made from the heading's text in one of two styles
//! (the site's `heading_ids` setting), and kept unique within a page.
//!
//! - `handbook` (the default): lower-case letters and digits, words joined by one `-`.
//! - `github`: GitHub's rule, which mdBook follows: lower case; everything that is not a
//!   letter, a mark, a digit, `_`, `-` or a space removed (so punctuation and emoji go);
//!   each space becomes `-`, and repeated `-` stay. A repeated id gets `-1`, `-2` ... in
//!   GitHub's way: the first free one, counting per original id.
//!
//! Not for: finding the headings (`markdown::scan`).

use std::collections::HashMap;

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};

use super::Heading;
use crate::config::HeadingIds;

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

/// The id GitHub gives a heading with this text (before making it unique).
pub fn github_slug(text: &str) -> String {
    let categories = CodePointMapData::<GeneralCategory>::new();
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let category = categories.get(c);
        if c == '-' || c == ' ' || category == GeneralCategory::SpaceSeparator || c == '\t' {
            out.push('-');
        } else if c.is_alphabetic()
            || GeneralCategoryGroup::Mark.contains(category)
            || category == GeneralCategory::DecimalNumber
            || category == GeneralCategory::ConnectorPunctuation
            || matches!(c, '\u{200c}' | '\u{200d}')
        {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Gives each heading its id: an explicit `{#id}` as written, otherwise one made from its
/// text in `style`; repeats get a number, so every id on the page is different.
pub fn assign(headings: &mut [Heading], style: HeadingIds) {
    let mut ids = Unique::new(style);
    for h in headings.iter_mut() {
        let base = if h.explicit {
            h.id.clone()
        } else {
            match style {
                HeadingIds::Handbook => slugify(&h.text),
                HeadingIds::Github => github_slug(&h.text),
            }
        };
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        h.id = ids.next(base);
    }
}

/// Gives each heading of `body` its id in GitHub's style, from its text as written: GitHub
/// renders no smart punctuation, so `--` in a heading stays two hyphens in its id.
pub fn assign_github(headings: &mut [Heading], body: &str) {
    let texts: Vec<String> = headings
        .iter()
        .map(|h| match body.get(h.source.clone()) {
            Some(source) if !h.explicit => text_as_written(source),
            _ => h.text.clone(),
        })
        .collect();
    let mut ids = Unique::new(HeadingIds::Github);
    for (h, text) in headings.iter_mut().zip(texts) {
        let base = if h.explicit {
            h.id.clone()
        } else {
            github_slug(&text)
        };
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        h.id = ids.next(base);
    }
}

/// The plain text of a heading's Markdown, without smart punctuation.
fn text_as_written(source: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let options = super::options() - Options::ENABLE_SMART_PUNCTUATION;
    let mut text = String::new();
    for event in Parser::new_ext(source, options) {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(&t);
        }
    }
    text.trim().to_string()
}

/// Hands out unique ids.
struct Unique {
    style: HeadingIds,
    seen: HashMap<String, usize>,
}

impl Unique {
    fn new(style: HeadingIds) -> Self {
        Unique {
            style,
            seen: HashMap::new(),
        }
    }

    fn next(&mut self, base: String) -> String {
        match self.style {
            HeadingIds::Handbook => {
                let n = self.seen.entry(base.clone()).or_insert(0);
                let id = if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                *n += 1;
                if id != base {
                    self.seen.insert(id.clone(), 1);
                }
                id
            }
            // github-slugger: while the id is taken, count up the original's number.
            HeadingIds::Github => {
                let mut id = base.clone();
                while self.seen.contains_key(&id) {
                    let n = self.seen.entry(base.clone()).or_insert(0);
                    *n += 1;
                    id = format!("{base}-{n}");
                }
                self.seen.insert(id.clone(), 0);
                id
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> Heading {
        Heading {
            level: 2,
            id: String::new(),
            text: text.to_string(),
            explicit: false,
            hidden: false,
            source: 0..0,
        }
    }

    fn ids(style: HeadingIds, texts: &[&str]) -> Vec<String> {
        let mut hs: Vec<Heading> = texts.iter().map(|t| heading(t)).collect();
        assign(&mut hs, style);
        hs.into_iter().map(|h| h.id).collect()
    }

    /// Cases from github-slugger's fixtures, which record what GitHub does.
    #[test]
    fn github_ids_match_known_examples() {
        for (text, want) in [
            ("heading with a - dash", "heading-with-a---dash"),
            (
                "heading with an _ underscore",
                "heading-with-an-_-underscore",
            ),
            ("heading with a period.txt", "heading-with-a-periodtxt"),
            (
                "exchange.bind_headers(exchange, routing [, bindCallback])",
                "exchangebind_headersexchange-routing--bindcallback",
            ),
            (
                "apostrophe’s should be trimmed",
                "apostrophes-should-be-trimmed",
            ),
            ("I ♥ unicode", "i--unicode"),
            ("en–dash", "endash"),
            ("😄 unicode emoji", "-unicode-emoji"),
            ("😄-😄 unicode emoji", "--unicode-emoji"),
            (":smile: - a gemoji", "smile---a-gemoji"),
            ("Привет non-latin 你好", "привет-non-latin-你好"),
            ("bravoCharlieDelta", "bravocharliedelta"),
            ("a ½ b", "a--b"),
        ] {
            assert_eq!(github_slug(text), want, "{text}");
        }
    }

    #[test]
    fn github_repeats_count_like_github() {
        assert_eq!(
            ids(
                HeadingIds::Github,
                &[
                    "echo",
                    "echo",
                    "echo 1",
                    "echo-1",
                    "echo",
                    "foxtrot-1",
                    "foxtrot",
                    "foxtrot"
                ]
            ),
            [
                "echo",
                "echo-1",
                "echo-1-1",
                "echo-1-2",
                "echo-2",
                "foxtrot-1",
                "foxtrot",
                "foxtrot-2"
            ]
        );
    }

    #[test]
    fn handbook_ids_join_words_with_one_dash() {
        assert_eq!(
            ids(
                HeadingIds::Handbook,
                &["Key duties -- night", "Key duties -- night", "🎉"]
            ),
            ["key-duties-night", "key-duties-night-1", "section"]
        );
        assert_eq!(github_slug("Key duties -- night"), "key-duties----night");
    }

    #[test]
    fn github_ids_read_the_heading_as_written() {
        let body = "## Key duties -- night\n\n## \"Quoted\" *and* `code`\n";
        let mut hs = crate::markdown::scan(body).headings;
        assert_eq!(hs[0].text, "Key duties – night");
        assign_github(&mut hs, body);
        let ids: Vec<&str> = hs.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["key-duties----night", "quoted-and-code"]);
    }

    #[test]
    fn explicit_ids_are_kept_in_both_styles() {
        let mut hs = vec![heading("Anything at all")];
        hs[0].explicit = true;
        hs[0].id = "mine".into();
        assign(&mut hs, HeadingIds::Github);
        assert_eq!(hs[0].id, "mine");
    }
}
