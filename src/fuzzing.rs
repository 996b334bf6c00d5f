//! Entry points for the fuzz targets in `fuzz/` and for the tests that replay their corpus.
//!
//! Each function takes arbitrary bytes, drives one part of the real pipeline with them and
//! panics only when the pipeline misbehaves: the pipeline itself must never panic, and the
//! HTML it produces must never carry executable script ([`check_inert_html`]). Keeping the
//! targets here, not in `fuzz/`, lets `cargo test` replay every seed and every input that
//! once crashed (tests/fixtures/fuzz-regressions/) on the stable toolchain.
//!
//! Not for: building sites. Nothing in the product calls this module.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::Diagnostics;
use crate::markdown;
use crate::pipeline::{self, BuildOptions};
use crate::{config, load, parse};

/// Front matter and its typing: decoding, splitting, YAML, every kind's fields and the
/// site configuration, and drawing every diagnostic found with its source excerpt.
pub fn front_matter(data: &[u8]) {
    let mut diagnostics = Diagnostics::new();
    let text = match load::decode("content/fuzz.md", data.to_vec()) {
        Ok(t) => t,
        Err((d, source)) => {
            diagnostics.push(d, source.as_ref());
            let _ = diagnostics.to_plain_string();
            return;
        }
    };
    // The same text as the site configuration.
    if let Err(d) = config::parse(&text) {
        let _ = d.to_plain_string();
    }
    for rel in [
        "fuzz.md",
        "roles/fuzz.md",
        "training/p/_index.md",
        "glossary.md",
    ] {
        match load::split(format!("content/{rel}"), rel.to_string(), text.clone()) {
            Ok(source) => {
                let (_, diags) = parse::parse(&source);
                for d in diags {
                    diagnostics.push(d, Some(&source.text));
                }
            }
            Err((d, source)) => diagnostics.push(d, source.as_ref()),
        }
    }
    let _ = diagnostics.to_plain_string();
}

/// A small site the Markdown target links against: pages with headings, items and a
/// glossary, in nested folders, so relative links, anchors and abbreviations all resolve.
const SITE_PAGES: &[(&str, &str)] = &[
    (
        "_index.md",
        "---\ntitle: Home\n---\nWelcome. See [roles](roles/_index.md).\n",
    ),
    ("roles/_index.md", "---\ntitle: Roles\n---\n## Overview\n"),
    (
        "roles/worker.md",
        "---\ntitle: Worker\ncompetencies: [frameworks/skills#listening]\n---\n## Main duties\n\n## Key duties\n",
    ),
    (
        "frameworks/skills.md",
        "---\ntitle: Skills\nitems:\n  - {id: listening, name: Listening}\n  - {id: writing, name: Writing}\n---\n## About\n",
    ),
    (
        "glossary.md",
        "---\ntitle: Glossary\nterms:\n  - {id: mappa, term: Multi-Agency Public Protection Arrangements, abbreviation: MAPPA}\n  - {id: dtc, term: Democratic Therapeutic Community, abbreviation: DTC}\n---\n",
    ),
];

/// Where the fuzzed page sits: two folders deep, so `../` links have somewhere to go.
const FUZZ_PAGE: &str = "guidance/deep/fuzz.md";

/// The inputs of the Markdown target's site (the default theme, no static files), made
/// once per process: raw HTML sanitised, or allowed.
fn fuzz_inputs(allow_raw_html: bool) -> &'static pipeline::Inputs {
    static SANITISED: OnceLock<pipeline::Inputs> = OnceLock::new();
    static RAW: OnceLock<pipeline::Inputs> = OnceLock::new();
    let cell = if allow_raw_html { &RAW } else { &SANITISED };
    cell.get_or_init(|| {
        let yml = format!("title: Fuzz\nallow_raw_html: {allow_raw_html}\n");
        let config = match config::parse(&yml) {
            Ok(c) => c,
            Err(_) => panic!("the fixed configuration must parse"),
        };
        let theme = match crate::theme::load(Path::new("/nonexistent-fuzz-site"), "default") {
            Ok(t) => t,
            Err(_) => panic!("the built-in theme must load"),
        };
        match pipeline::Inputs::new(config, theme, Vec::new()) {
            Ok(i) => i,
            Err(_) => panic!("the built-in theme must compile"),
        }
    })
}

/// Markdown rendering with link rewriting: `data` is the body of a page in a small site,
/// which goes through the build's own stages (`pipeline::prepare`, then the renderer on
/// the page's plan entry), with raw HTML sanitised and allowed. The sanitised page must be
/// inert.
pub fn markdown(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let mut sources: Vec<load::Source> = Vec::new();
    for (rel, text) in SITE_PAGES {
        if let Ok(s) = load::split(format!("content/{rel}"), rel.to_string(), text.to_string()) {
            sources.push(s);
        }
    }
    let page_text = format!("---\ntitle: Fuzz\n---\n{body}");
    let Ok(source) = load::split(
        format!("content/{FUZZ_PAGE}"),
        FUZZ_PAGE.to_string(),
        page_text,
    ) else {
        panic!("a page with valid front matter must split");
    };
    sources.push(source);
    let key = parse::key_for(FUZZ_PAGE).0;
    let today = crate::parse::kinds::Date::from_days(20_454);
    for allow_raw_html in [false, true] {
        let inputs = fuzz_inputs(allow_raw_html);
        let (pages, mut diagnostics) = parse::parse_all(sources.clone());
        let pages = pipeline::Pages {
            pages,
            excluded: Default::default(),
            files: Vec::new(),
        };
        let (prepared, diags) = pipeline::prepare(inputs, pages);
        diagnostics.extend(diags);
        let _ = diagnostics.to_plain_string();
        let Some(&index) = prepared.site.by_key.get(&key) else {
            panic!("the fuzzed page must be in the site");
        };
        let entries: Vec<usize> = prepared
            .plan
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.output == crate::plan::Output::Page(index))
            .map(|(e, _)| e)
            .collect();
        let kept = crate::render::Memory::default();
        let sink = crate::render::Sink::new(&kept);
        let renderer = prepared.renderer(inputs, today);
        let _ = renderer.render(
            &prepared.site,
            &prepared.model,
            &prepared.plan,
            crate::render::Which::Only(&entries),
            &sink,
        );
        drop(sink);
        if allow_raw_html {
            continue;
        }
        for file in kept.into_files() {
            let html = String::from_utf8_lossy(&file.bytes);
            if let Err(e) = check_inert_html(&html) {
                panic!("the sanitised page carries script: {e}\n--- html ---\n{html}");
            }
        }
    }
}

static BUILDS: AtomicUsize = AtomicUsize::new(0);

/// A whole one-page build, written to disk: `data` is the only page of a site. Whatever
/// it holds, the build must not panic, must write nothing outside its output folder, and
/// every HTML file it writes must be inert.
pub fn one_page_build(data: &[u8]) {
    let n = BUILDS.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!("handbook-fuzz-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let result = (|| {
        std::fs::create_dir_all(root.join("content/guidance"))?;
        std::fs::write(root.join("handbook.yml"), "title: Fuzz\n")?;
        std::fs::write(root.join("content/guidance/page.md"), data)
    })();
    if let Err(e) = result {
        panic!("cannot prepare the fuzz site at {}: {e}", root.display());
    }
    let mut options = BuildOptions::new(&root);
    options.today = crate::parse::kinds::Date::parse("2026-01-01");
    let outcome = crate::pipeline::build(&options);
    let _ = outcome.diagnostics.to_plain_string();
    let checked = check_site_folder(&root, outcome.output.as_deref());
    let _ = std::fs::remove_dir_all(&root);
    if let Err(e) = checked {
        panic!("{e}");
    }
}

/// After a build of a site at `root`: only the sources and the output are there, and the
/// output's HTML is inert.
fn check_site_folder(root: &Path, output: Option<&Path>) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let allowed = ["content", "handbook.yml", "public"];
    if let Some(extra) = names.iter().find(|n| !allowed.contains(&n.as_str())) {
        return Err(format!(
            "the build left `{extra}` in the site folder: {names:?}"
        ));
    }
    let Some(output) = output else {
        return Ok(());
    };
    for file in html_files(output) {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        check_inert_html(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// Checks that HTML carries no executable script: no `<script>` element but the theme's
/// own external, same-site file, no event-handler attribute, no `javascript:`, `vbscript:`
/// or `data:` URL in a link or source, and no element that can run or embed code.
///
/// A tag scanner rather than a full parser: the HTML checked here comes from
/// pulldown-cmark, ammonia and autoescaping templates, which all write well-formed markup;
/// anything they would write that a browser reads as script is what this looks for.
pub fn check_inert_html(html: &str) -> Result<(), String> {
    for tag in tags(html) {
        let name = tag.name.to_ascii_lowercase();
        if [
            "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta",
        ]
        .contains(&name.as_str())
            && !(name == "meta" && tag.is_safe_meta())
        {
            return Err(format!("element <{name}> in {}", tag.raw));
        }
        if name == "script" {
            let src = tag.attr("src").unwrap_or_default();
            if src.is_empty() || src.contains(':') || !src.ends_with(".js") {
                return Err(format!("script element {}", tag.raw));
            }
        }
        for (attr, value) in &tag.attrs {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                return Err(format!("event handler `{attr}` in {}", tag.raw));
            }
            if markdown::URL_ATTRIBUTES.contains(&attr.as_str()) && dangerous_url(value) {
                return Err(format!("dangerous URL in `{attr}` of {}", tag.raw));
            }
        }
    }
    Ok(())
}

/// True when a URL, as a browser reads it, runs script or embeds content.
fn dangerous_url(value: &str) -> bool {
    let decoded = decode_entities(value);
    // Browsers drop ASCII whitespace and control characters anywhere in a scheme.
    let squeezed: String = decoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

/// Decodes the character references a browser would in an attribute value.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One start tag found by [`tags`].
struct Tag<'a> {
    raw: &'a str,
    name: &'a str,
    attrs: Vec<(&'a str, String)>,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(name))
            .map(|(_, v)| decode_entities(v))
    }

    /// The theme's own `<meta>` tags: charset, viewport, CSP, referrer, description, and
    /// a redirect page's refresh to a relative address of the site.
    fn is_safe_meta(&self) -> bool {
        self.attr("http-equiv").is_none_or(|h| {
            h.eq_ignore_ascii_case("content-security-policy")
                || (h.eq_ignore_ascii_case("refresh")
                    && self.attr("content").is_some_and(|c| {
                        let url = c.split_once("url=").map_or("", |(_, u)| u);
                        !url.contains(':') && !url.starts_with("//")
                    }))
        })
    }
}

/// Every start tag in `html`, outside comments, with its attributes.
fn tags(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let start = i;
        i += 1;
        if !bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'>'
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let name = &html[name_start..i];
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let a_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attr = &html[a_start..i];
            let mut value = String::new();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v_start = i + 1;
                        let v_end = html[v_start..]
                            .find(q as char)
                            .map_or(bytes.len(), |e| v_start + e);
                        value = html[v_start..v_end].to_string();
                        i = (v_end + 1).min(bytes.len());
                    }
                    _ => {
                        let v_start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = html[v_start..i].to_string();
                    }
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            } else {
                i += 1;
            }
        }
        out.push(Tag {
            raw: &html[start..i.min(bytes.len())],
            name,
            attrs,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::check_inert_html;

    #[test]
    fn the_checker_finds_script_in_its_forms() {
        for bad in [
            "<script>alert(1)</script>",
            "<p><img src=x onerror=alert(1)></p>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\" java\tscript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"x.html\"></iframe>",
            "<script src=\"https://evil.example/x.js\"></script>",
            "<img src='data:image/svg+xml,x'>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        ] {
            assert!(check_inert_html(bad).is_err(), "{bad}");
        }
        for good in [
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1) javascript:x</p>",
            "<script src=\"../js/handbook.js\" defer></script>",
            "<a href=\"../roles/a.html#x\" title=\"onload\">x</a>",
            "<!-- <script>x</script> -->",
            "<meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">",
            "<meta http-equiv=\"refresh\" content=\"0; url=../guide/new.html\">",
        ] {
            assert!(check_inert_html(good).is_ok(), "{good}");
        }
    }
}
