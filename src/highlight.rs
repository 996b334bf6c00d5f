//! Fenced code highlighted by syntect into CSS classes, so the theme's light and dark
//! stylesheets (generated here from syntect's themes) can restyle the same HTML.
//!
//! Highlighting is most of a build's work on documentation with many code blocks, so:
//! syntect runs on Oniguruma (the regex engine its grammars are written for, several
//! times faster than fancy-regex on them; `docs/performance.md`), the syntax set is
//! loaded once, and only if a page has a fenced code block, and a block that recurs
//! (the same language and code on several pages) is highlighted once and then copied
//! ([`Repeats`]).

use std::hash::BuildHasher;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::{escape_attr, escape_text};

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A `<pre><code>` block; highlighted when `lang` names a known syntax. The `<pre>` is
/// focusable because a long line makes it scroll sideways, and a region that scrolls
/// must be reachable by keyboard (WCAG 2.1.1; axe's `scrollable-region-focusable`).
pub(crate) fn code_block(lang: &str, code: &str) -> String {
    let plain = || {
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape_attr(lang))
        };
        format!(
            "<pre class=\"code\" tabindex=\"0\"><code{class}>{}</code></pre>\n",
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
    let repeats = Repeats::shared();
    let hash = Repeats::hash(lang, code);
    if let Some(html) = repeats.get(hash, lang, code) {
        return html;
    }
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain();
        }
    }
    let html = format!(
        "<pre class=\"code hl-code\" tabindex=\"0\"><code class=\"language-{}\">{}</code></pre>\n",
        escape_attr(lang),
        generator.finalize()
    );
    repeats.seen(hash, lang, code, &html);
    html
}

/// Highlighted blocks that recur, shared by every thread and every build of the process
/// (`serve` rebuilds too). Highlighting depends only on the language and the code, so a
/// copy is the same HTML. A block is kept once it has been seen twice: documentation
/// repeats its install commands and configuration snippets, but most blocks appear once,
/// and keeping those would hold the highlighted HTML of a whole code-heavy site in
/// memory. The first sight leaves only a hash; what is kept is capped at
/// [`Repeats::MAX_BYTES`].
struct Repeats {
    state: Mutex<RepeatsState>,
}

#[derive(Default)]
struct RepeatsState {
    /// Hashes of the blocks highlighted once so far.
    once: foldhash::HashSet<u64>,
    /// Blocks seen more than once, by hash.
    kept: foldhash::HashMap<u64, Kept>,
    /// Bytes of code and HTML in `kept`.
    bytes: usize,
}

/// A block kept by [`Repeats`]: its language and code (to tell it from another block
/// with the same hash) and its HTML.
struct Kept {
    lang: Box<str>,
    code: Box<str>,
    html: Box<str>,
}

impl Repeats {
    /// The most code and HTML kept, in bytes.
    const MAX_BYTES: usize = 64 << 20;
    /// Hashes of blocks seen once are forgotten past this many (a long fuzzing run).
    const MAX_ONCE: usize = 1 << 20;

    fn shared() -> &'static Repeats {
        static REPEATS: OnceLock<Repeats> = OnceLock::new();
        REPEATS.get_or_init(|| Repeats {
            state: Mutex::new(RepeatsState::default()),
        })
    }

    fn hash(lang: &str, code: &str) -> u64 {
        foldhash::fast::FixedState::default().hash_one((lang, code))
    }

    /// The HTML of a kept block with this language and code.
    fn get(&self, hash: u64, lang: &str, code: &str) -> Option<String> {
        let state = self.state.lock().ok()?;
        let kept = state.kept.get(&hash)?;
        (*kept.lang == *lang && *kept.code == *code).then(|| kept.html.to_string())
    }

    /// Records a highlighted block: the first time as a hash, the second time in full.
    fn seen(&self, hash: u64, lang: &str, code: &str, html: &str) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        if !state.once.remove(&hash) {
            if state.once.len() >= Self::MAX_ONCE {
                state.once.clear();
            }
            state.once.insert(hash);
            return;
        }
        let size = code.len() + html.len();
        if state.bytes + size <= Self::MAX_BYTES && !state.kept.contains_key(&hash) {
            state.bytes += size;
            let kept = Kept {
                lang: lang.into(),
                code: code.into(),
                html: html.into(),
            };
            state.kept.insert(hash, kept);
        }
    }
}

/// The light and dark highlighting stylesheets, as (file name, CSS).
pub(crate) fn stylesheets() -> Vec<(&'static str, String)> {
    let themes = ThemeSet::load_defaults();
    let mut out = Vec::new();
    // Backgrounds of code blocks: the theme's `--panel` colours (style.css).
    for (file, name, background) in [
        ("syntax-light.css", "InspiredGitHub", (0xf3, 0xf2, 0xf1)),
        ("syntax-dark.css", "base16-ocean.dark", (0x21, 0x27, 0x2b)),
    ] {
        let css = themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .unwrap_or_default();
        out.push((file, with_readable_colours(&css, background)));
    }
    out
}

type Rgb = (u8, u8, u8);

/// WCAG 2.2 AA wants 4.5:1 for text; syntect's stock themes fall short on some tokens.
const MIN_CONTRAST: f64 = 4.6;

/// `css` with every token colour darkened (on a light background) or lightened (on a
/// dark one) until it reaches [`MIN_CONTRAST`] against `background`. Rules that set their
/// own background are left as they are.
fn with_readable_colours(css: &str, background: Rgb) -> String {
    let dark_bg = luminance(background) < 0.5;
    let mut out = String::with_capacity(css.len());
    for rule in css.split_inclusive('}') {
        if rule.contains("background-color") {
            out.push_str(rule);
            continue;
        }
        let mut rest = rule;
        while let Some(at) = rest.find("color: #") {
            let (head, tail) = rest.split_at(at + "color: #".len());
            out.push_str(head);
            let hex: String = tail.chars().take_while(char::is_ascii_hexdigit).collect();
            match parse_hex(&hex) {
                Some(c) => out.push_str(&to_hex(readable(c, background, dark_bg))),
                None => out.push_str(&hex),
            }
            rest = &tail[hex.len()..];
        }
        out.push_str(rest);
    }
    out
}

fn readable(mut c: Rgb, background: Rgb, towards_white: bool) -> Rgb {
    for _ in 0..64 {
        if contrast(c, background) >= MIN_CONTRAST {
            break;
        }
        let step = |v: u8| {
            if towards_white {
                v.saturating_add(8)
            } else {
                v.saturating_sub(8)
            }
        };
        c = (step(c.0), step(c.1), step(c.2));
    }
    c
}

fn parse_hex(hex: &str) -> Option<Rgb> {
    let v = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    (hex.len() == 6).then_some(())?;
    Some((v(0)?, v(2)?, v(4)?))
}

fn to_hex(c: Rgb) -> String {
    format!("{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn luminance(c: Rgb) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_languages_get_classes() {
        let html = super::code_block("rust", "fn main() {}\n");
        assert!(html.contains("hl-"), "{html}");
        let plain = super::code_block("no-such-lang", "<x>\n");
        assert!(plain.contains("&lt;x&gt;"));
        // Both kinds can scroll sideways, so both are keyboard-focusable.
        assert!(
            html.starts_with("<pre class=\"code hl-code\" tabindex=\"0\">"),
            "{html}"
        );
        assert!(
            plain.starts_with("<pre class=\"code\" tabindex=\"0\">"),
            "{plain}"
        );
    }

    #[test]
    fn a_recurring_block_is_highlighted_the_same_every_time() {
        let code = "let kept = \"a block that recurs on many pages\";\nprintln!(\"{kept}\");\n";
        let first = super::code_block("rust", code);
        let again: Vec<String> = (0..3).map(|_| super::code_block("rust", code)).collect();
        assert!(first.contains("hl-"), "{first}");
        assert!(again.iter().all(|html| *html == first));
        // The same code in another language is another block.
        let js = super::code_block("js", code);
        assert!(js.contains("language-js") && js != first, "{js}");
        // A kept block is found only by its own language and code.
        let repeats = super::Repeats::shared();
        let hash = super::Repeats::hash("rust", code);
        assert_eq!(repeats.get(hash, "rust", code), Some(first));
        assert_eq!(repeats.get(hash, "rust", "other code"), None);
    }

    #[test]
    fn every_token_colour_meets_aa_contrast_on_its_background() {
        for (file, css) in super::stylesheets() {
            let bg = if file.contains("dark") {
                (0x21, 0x27, 0x2b)
            } else {
                (0xf3, 0xf2, 0xf1)
            };
            for rule in css
                .split_inclusive('}')
                .filter(|r| !r.contains("background-color"))
            {
                for part in rule.split("color: #").skip(1) {
                    let c = super::parse_hex(&part[..6]).expect("hex colour");
                    assert!(
                        super::contrast(c, bg) >= 4.5,
                        "{file}: #{} in {rule}",
                        &part[..6]
                    );
                }
            }
        }
    }
}
