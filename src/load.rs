//! Stage 1, load: find every Markdown file under `content/`, read it as UTF-8 and split
//! its front matter from its body; list the other files there (images, documents beside
//! the pages that use them), which are linked and copied as they are.
//!
//! A file without front matter is a plain page (its title comes from its first `#`
//! heading, see `parse`), so a folder of Markdown written for GitHub or mdBook loads as it
//! is. TOML front matter between `+++` lines (Hugo, Zola) is split off too, so the body
//! does not show it; `parse` reports it.
//!
//! Symlinks are not followed (a link could leave the site or loop) and hidden files and
//! folders are skipped. A BOM is dropped and CRLF folded to LF, so Windows editors work and
//! later stages see one kind of line ending; positions stay valid because only `\r` bytes
//! are removed from line ends.
//!
//! Not for: interpreting front matter (stage 2, `parse`).

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};

/// How a file's front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrontMatter {
    /// YAML between `---` lines: the handbook's own format.
    #[default]
    Yaml,
    /// None: the file is all Markdown (a plain page).
    Absent,
    /// TOML between `+++` lines, as Hugo and Zola write it: split off, but not read.
    Toml,
    /// An opening `---` with no closing line: everything after it is taken as front matter.
    Unclosed,
}

/// One Markdown file, read and split.
#[derive(Debug, Clone)]
pub struct Source {
    /// The text and its name relative to the site root (`content/roles/x.md`).
    pub text: SourceText,
    /// Path relative to `content/`, with `/` separators (`roles/x.md`).
    pub rel: String,
    /// Byte range of the front matter between its fence lines (empty when absent).
    pub front_matter: Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// How the front matter is written.
    pub format: FrontMatter,
}

/// A file under `content/` that is not Markdown: an image or a document beside the page
/// that links to it. Pages link to it by its path; the build copies it to the same path
/// relative to the output folder. Only its path is read here, never its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentFile {
    /// Path relative to `content/`, with `/` separators (`guide/diagram.png`); also its
    /// path relative to the output folder.
    pub rel: String,
    /// Where it is on disk, to copy it from.
    pub path: PathBuf,
}

impl Source {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text.text[self.body_start..]
    }
}

/// Reads every page under `content_dir`; `root` is used to name files in diagnostics.
pub fn load(root: &Path, content_dir: &Path) -> (Vec<Source>, Diagnostics) {
    let (sources, _, diagnostics) = load_with_files(root, content_dir);
    (sources, diagnostics)
}

/// Reads every page under `content_dir` and lists the other files there, in one walk:
/// the pages, the non-Markdown files (by path, not read), and the problems found.
pub fn load_with_files(
    root: &Path,
    content_dir: &Path,
) -> (Vec<Source>, Vec<ContentFile>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::file_error(
                "E-no-content",
                display(root, content_dir),
                "the site has no content folder",
            )
            .with_hint(
                "create `content/` and put Markdown pages in it, or run `handbook init DIR`",
            ),
            None,
        );
        return (Vec::new(), Vec::new(), diagnostics);
    }
    let (paths, others, diags) = walk(root, content_dir);
    diagnostics.extend(diags);
    let files = others
        .into_iter()
        .map(|path| ContentFile {
            rel: display(content_dir, &path),
            path,
        })
        .collect();

    let results: Vec<Result<Source, (Diagnostic, Option<SourceText>)>> = paths
        .par_iter()
        .map(|path| read_source(root, content_dir, path))
        .collect();
    let mut sources = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(s) => sources.push(s),
            Err((d, text)) => diagnostics.push(d, text.as_ref()),
        }
    }
    (sources, files, diagnostics)
}

/// Every Markdown file under `dir` (the content folder, or a folder in it that changed),
/// in name order; symbolic links are reported and skipped, never followed.
pub fn find_sources(root: &Path, dir: &Path) -> (Vec<PathBuf>, Diagnostics) {
    let (paths, _, diagnostics) = walk(root, dir);
    (paths, diagnostics)
}

/// Every non-Markdown file under `dir`, by path relative to `content_dir`, in name order
/// (hidden files and symbolic links left out, as for pages).
pub fn find_content_files(root: &Path, content_dir: &Path) -> Vec<ContentFile> {
    if !content_dir.is_dir() {
        return Vec::new();
    }
    walk(root, content_dir)
        .1
        .into_iter()
        .map(|path| ContentFile {
            rel: display(content_dir, &path),
            path,
        })
        .collect()
}

/// Markdown files and other files under `dir`, each in name order, and the problems met.
fn walk(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut paths = Vec::new();
    let mut others = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            // A linked `content/` itself is followed (walkdir follows the root): no warning.
            Ok(e) if e.path_is_symlink() && e.depth() > 0 => {
                diagnostics.push(
                    Diagnostic::file_error(
                        "W-symlink",
                        display(root, e.path()),
                        "symbolic link skipped: the build never follows links, which could leave the site or loop",
                    )
                    .with_severity(crate::diagnostics::Severity::Warning)
                    .with_hint("copy the file into `content/` instead of linking it"),
                    None,
                );
            }
            Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => paths.push(e.into_path()),
            Ok(e) if e.file_type().is_file() => others.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(|p| display(root, p)).unwrap_or_default();
                diagnostics.push(
                    Diagnostic::file_error("E-read", path, format!("cannot read: {err}"))
                        .with_hint("check the file's permissions"),
                    None,
                );
            }
        }
    }
    (paths, others, diagnostics)
}

/// True for a `.md` file name (or `.markdown`, as Jekyll writes it).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The private-use character that stands for byte `b` (0x80-0xFF) of a file name that is
/// not UTF-8: U+10FF80 to U+10FFFF, the end of Supplementary Private Use Area-B, which no
/// real file name uses (a name that does is refused by [`exact_name`], so the mapping is
/// never ambiguous).
const RAW_BYTE_BASE: u32 = 0x10_FF00;

/// `path` relative to `root`, with `/`, keeping every byte of a name that is not UTF-8 as
/// a private-use character, so a `static/` file is published under its exact name and
/// the output's list of files (the marker) round-trips it. `None` for a name that already
/// holds one of those characters, which would read back as a different name.
pub fn exact_name(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut out = String::new();
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        let os = c.as_os_str();
        if let Some(text) = os.to_str() {
            if text.chars().any(|ch| ch as u32 >= RAW_BYTE_BASE + 0x80) {
                return None;
            }
            out.push_str(text);
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            out.push_str(&bytes_to_name(os.as_bytes())?);
        }
        #[cfg(not(unix))]
        return None;
    }
    Some(out)
}

/// A name's bytes as [`exact_name`] writes them: UTF-8 kept, every other byte as its
/// private-use character. `serve` maps a request's percent-decoded bytes the same way,
/// so `caf%E9.txt` finds the file published as `caf\xE9.txt`.
pub fn bytes_to_name(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        if chunk
            .valid()
            .chars()
            .any(|ch| ch as u32 >= RAW_BYTE_BASE + 0x80)
        {
            return None;
        }
        out.push_str(chunk.valid());
        for &b in chunk.invalid() {
            out.push(char::from_u32(RAW_BYTE_BASE + u32::from(b))?);
        }
    }
    Some(out)
}

/// The file-system path of an output name made by [`exact_name`]: its private-use
/// characters turned back into the bytes they stand for.
pub fn name_to_path(name: &str) -> std::path::PathBuf {
    if !name.chars().any(|ch| ch as u32 >= RAW_BYTE_BASE + 0x80) {
        return std::path::PathBuf::from(name);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let mut bytes = Vec::with_capacity(name.len());
        for ch in name.chars() {
            let n = ch as u32;
            if n >= RAW_BYTE_BASE + 0x80 {
                bytes.push((n - RAW_BYTE_BASE) as u8);
            } else {
                let mut buf = [0; 4];
                bytes.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
        }
        std::path::PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    std::path::PathBuf::from(name)
}

/// A path as shown to authors: relative to the site root, with `/`.
pub fn display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads and splits one page; `root` names it in diagnostics, `content_dir` gives its `rel`.
pub fn read_source(
    root: &Path,
    content_dir: &Path,
    path: &Path,
) -> Result<Source, (Diagnostic, Option<SourceText>)> {
    let name = display(root, path);
    let rel = display(content_dir, path);
    let bytes = std::fs::read(path).map_err(|e| {
        (
            Diagnostic::file_error("E-read", &name, format!("cannot read: {e}"))
                .with_hint("check the file's permissions"),
            None,
        )
    })?;
    let text = decode(&name, bytes)?;
    split(name, rel, text)
}

/// UTF-8 text with the BOM dropped and CRLF folded; a non-UTF-8 file is an error located
/// at its first bad byte.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, (Diagnostic, Option<SourceText>)> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let lossy = SourceText::new(name, String::from_utf8_lossy(&bytes).into_owned());
            let prefix = String::from_utf8_lossy(&bytes[..at]);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let offset = lossy.offset(line, column);
            let d = Diagnostic::error(
                "E-not-utf8",
                &lossy,
                offset..offset + 1,
                format!("file is not UTF-8 text (invalid byte at line {line}, column {column})"),
            )
            .with_hint("save the file as UTF-8 in your editor (\"Save with encoding\" / \"Reopen with encoding\")");
            return Err((d, Some(lossy)));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    })
}

/// Splits `---` front matter (or `+++` TOML) from the body; a file that starts with
/// neither is a plain page, all body. An empty file or unclosed front matter is split
/// too (`parse` reports them), so the page still takes part in linking.
pub fn split(
    name: String,
    rel: String,
    text: String,
) -> Result<Source, (Diagnostic, Option<SourceText>)> {
    let source = SourceText::new(name, text);
    let t = &*source.text;
    let (fence, format) = if t.starts_with("+++") {
        ("+++", FrontMatter::Toml)
    } else {
        ("---", FrontMatter::Yaml)
    };
    let opened = t.strip_prefix(fence).and_then(|r| {
        r.strip_prefix('\n')
            .or_else(|| r.trim().is_empty().then_some(r))
    });
    let Some(after_open) = opened else {
        return Ok(Source {
            front_matter: 0..0,
            body_start: 0,
            rel,
            text: source,
            format: FrontMatter::Absent,
        });
    };
    let open_len = t.len() - after_open.len();
    let mut offset = open_len;
    for line in after_open.split_inclusive('\n') {
        let l = line.trim_end();
        if l == fence || (format == FrontMatter::Yaml && l == "...") {
            let front_matter = open_len..offset;
            let body_start = offset + line.len();
            return Ok(Source {
                front_matter,
                body_start,
                rel,
                text: source,
                format,
            });
        }
        offset += line.len();
    }
    let len = t.len();
    Ok(Source {
        front_matter: open_len..len,
        body_start: len,
        rel,
        text: source,
        format: FrontMatter::Unclosed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_accepts_bom_and_crlf() {
        let text = decode(
            "x",
            b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n".to_vec(),
        )
        .unwrap();
        let s = split("x".into(), "x.md".into(), text).unwrap();
        assert_eq!(&s.text.text[s.front_matter.clone()], "title: A\n");
        assert_eq!(s.body(), "Body\n");
        assert_eq!(s.format, FrontMatter::Yaml);
    }

    #[test]
    fn a_file_without_front_matter_is_all_body() {
        let s = split("x".into(), "x.md".into(), "# Title\n\nText\n".into()).unwrap();
        assert_eq!(s.format, FrontMatter::Absent);
        assert_eq!(
            (s.front_matter.clone(), s.body()),
            (0..0, "# Title\n\nText\n")
        );
        // A thematic break later in the file is not a fence.
        let s = split("x".into(), "x.md".into(), "Intro\n\n---\n\nMore\n".into()).unwrap();
        assert_eq!(s.format, FrontMatter::Absent);
    }

    #[test]
    fn toml_front_matter_is_split_off() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n".to_string();
        let s = split("x".into(), "x.md".into(), text).unwrap();
        assert_eq!(s.format, FrontMatter::Toml);
        assert_eq!(&s.text.text[s.front_matter.clone()], "title = \"A\"\n");
        assert_eq!(s.body(), "Body\n");
    }

    #[test]
    fn non_utf8_is_located() {
        let (d, _) = decode("x", b"---\ntitle: \xff\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 8));
    }

    #[test]
    fn unclosed_front_matter_takes_the_rest_of_the_file() {
        let s = split("x".into(), "x".into(), "---\ntitle: a\n".into()).unwrap();
        assert_eq!(s.format, FrontMatter::Unclosed);
        assert_eq!((s.front_matter.clone(), s.body()), (4..13, ""));
    }
}
