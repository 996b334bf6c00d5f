//! `handbook import TOOL SRC DEST`: converts a site written for mdBook, Hugo, Jekyll,
//! Eleventy or Zola into a handbook that `handbook build --root DEST` builds.
//!
//! Each tool has its own file, which finds the pages, reads the site's settings and turns
//! the tool's own syntax into Markdown (`mdbook.rs`, `hugo.rs`, `jekyll.rs`, `zola.rs`);
//! what they share is here and in `mapping.rs`: front matter mapped to the handbook's
//! fields, pages and files written, a `handbook.yml` with the settings a migrated site
//! needs, and the report of what was changed and what needs a person.
//!
//! Pages keep their paths (and so, with `page_urls: file-name`, their addresses); an old
//! address that differs (a pretty `/x/` URL, a `permalink`) becomes an `aliases` entry.
//! The source folder is only read.

mod hugo;
pub mod jd;
mod jekyll;
mod mapping;
mod mdbook;
mod zola;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::Mapping;

pub use mapping::Draft;

/// The tools whose sites can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// mdBook: `book.toml`, `src/SUMMARY.md`.
    MdBook,
    /// Hugo: `hugo.toml` or `config.toml`, `content/`, `static/`.
    Hugo,
    /// Jekyll: `_config.yml`, pages anywhere, `_posts/`.
    Jekyll,
    /// Eleventy: pages anywhere (or under `src/`), pretty URLs.
    Eleventy,
    /// Zola: `config.toml`, `content/` with `+++` TOML front matter, `@/` links.
    Zola,
}

impl Tool {
    /// The names `handbook import` accepts.
    pub const NAMES: [&'static str; 5] = ["mdbook", "hugo", "jekyll", "eleventy", "zola"];

    /// The tool named on the command line.
    pub fn from_name(name: &str) -> Option<Tool> {
        match name.to_ascii_lowercase().as_str() {
            "mdbook" => Some(Tool::MdBook),
            "hugo" => Some(Tool::Hugo),
            "jekyll" => Some(Tool::Jekyll),
            "eleventy" | "11ty" => Some(Tool::Eleventy),
            "zola" => Some(Tool::Zola),
            _ => None,
        }
    }

    /// The tool's name as people write it.
    pub fn label(self) -> &'static str {
        match self {
            Tool::MdBook => "mdBook",
            Tool::Hugo => "Hugo",
            Tool::Jekyll => "Jekyll",
            Tool::Eleventy => "Eleventy",
            Tool::Zola => "Zola",
        }
    }
}

/// One thing the import did or could not do, at a place in the source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// The source file, relative to SRC (`src/chapter_1.md`), or empty for the whole site.
    pub file: String,
    /// 1-based line in it, when the note is about one place.
    pub line: Option<usize>,
    /// What was done, or what a person needs to do.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.line) {
            (true, _) => write!(f, "{}", self.message),
            (false, Some(l)) => write!(f, "{}:{l}: {}", self.file, self.message),
            (false, None) => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    /// Pages written.
    pub pages: usize,
    /// Other files copied (images, documents, static files).
    pub files: usize,
    /// What was changed on the way, per place.
    pub changed: Vec<Note>,
    /// What the import could not do and a person should look at.
    pub needs_person: Vec<Note>,
    /// Every file written, relative to DEST.
    pub written: Vec<String>,
}

impl Report {
    pub(crate) fn changed(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.changed.push(Note {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }

    pub(crate) fn person(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.needs_person.push(Note {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }
}

/// Why an import could not start or finish (a usage problem: exit status 2).
#[derive(Debug)]
pub struct ImportError {
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

pub(crate) fn error(message: impl Into<String>, hint: impl Into<String>) -> ImportError {
    ImportError {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Everything a tool's reader found: the site's settings, its pages and its files.
#[derive(Debug, Default)]
pub(crate) struct Site {
    /// The site's title.
    pub title: String,
    /// One sentence about it.
    pub description: Option<String>,
    /// Its language tag.
    pub language: Option<String>,
    /// GitHub-style heading ids (what mdBook, Hugo and Jekyll make).
    pub github_ids: bool,
    /// Pages to write.
    pub pages: Vec<Draft>,
    /// Files to copy: source path, path relative to DEST.
    pub files: Vec<(PathBuf, String)>,
}

/// Imports the site at `src`, written for `tool`, into the new handbook folder `dest`.
pub fn import(tool: Tool, src: &Path, dest: &Path) -> Result<Report, ImportError> {
    if !src.is_dir() {
        return Err(error(
            format!("`{}` is not a folder", src.display()),
            "give the folder of the site to import (the one holding book.toml, hugo.toml, _config.yml or config.toml)",
        ));
    }
    if dest.exists()
        && fs::read_dir(dest)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(error(
            format!("`{}` already exists and is not empty", dest.display()),
            "choose a new folder for the handbook; import never overwrites files",
        ));
    }
    let dest_parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let (Ok(s), Ok(d)) = (src.canonicalize(), dest_parent.canonicalize())
        && d.starts_with(&s)
    {
        return Err(error(
            format!("`{}` is inside the site being imported", dest.display()),
            "write the handbook to a folder outside the source site",
        ));
    }
    let mut report = Report::default();
    let site = match tool {
        Tool::MdBook => mdbook::read(src, &mut report)?,
        Tool::Hugo => hugo::read(src, &mut report)?,
        Tool::Jekyll => jekyll::read(src, false, &mut report)?,
        Tool::Eleventy => jekyll::read(src, true, &mut report)?,
        Tool::Zola => zola::read(src, &mut report)?,
    };
    write_site(tool, dest, site, &mut report)?;
    report.changed.sort();
    report.needs_person.sort();
    Ok(report)
}

fn write_site(tool: Tool, dest: &Path, site: Site, report: &mut Report) -> Result<(), ImportError> {
    let write = |rel: &str, bytes: &[u8]| -> Result<(), ImportError> {
        let path = dest.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                error(
                    format!("cannot create `{}`: {e}", parent.display()),
                    "check permissions",
                )
            })?;
        }
        fs::write(&path, bytes).map_err(|e| {
            error(
                format!("cannot write `{}`: {e}", path.display()),
                "check permissions and free space",
            )
        })
    };
    write(crate::config::FILE, config_text(tool, &site).as_bytes())?;
    report.written.push(crate::config::FILE.to_string());
    let mut taken = std::collections::HashSet::new();
    for page in &site.pages {
        let rel = format!("content/{}", page.dest_rel);
        if !taken.insert(rel.to_lowercase()) {
            report.person(
                &page.src_name,
                None,
                format!("not imported: another page was already written to `{rel}`"),
            );
            continue;
        }
        write(&rel, page.text().as_bytes())?;
        report.written.push(rel);
        report.pages += 1;
    }
    for (from, rel) in &site.files {
        if !taken.insert(rel.to_lowercase()) {
            continue;
        }
        let path = dest.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                error(
                    format!("cannot create `{}`: {e}", parent.display()),
                    "check permissions",
                )
            })?;
        }
        fs::copy(from, &path).map_err(|e| {
            error(
                format!("cannot copy `{}`: {e}", from.display()),
                "check permissions and free space",
            )
        })?;
        report.written.push(rel.clone());
        report.files += 1;
    }
    Ok(())
}

/// The `handbook.yml` of an imported site: its title and the settings content written
/// for another tool needs.
fn config_text(tool: Tool, site: &Site) -> String {
    let mut map = Mapping::new();
    let title = if site.title.trim().is_empty() {
        "Imported handbook".to_string()
    } else {
        site.title.clone()
    };
    map.insert("title".into(), title.into());
    if let Some(d) = site.description.as_ref().filter(|d| !d.trim().is_empty()) {
        map.insert("description".into(), d.clone().into());
    }
    if let Some(l) = site.language.as_ref().filter(|l| !l.trim().is_empty()) {
        map.insert("language".into(), l.clone().into());
    }
    let head = serde_yaml::to_string(&map).unwrap_or_default();
    let ids = if site.github_ids {
        "heading_ids: github      # heading ids as the old site made them, so #links keep working\n"
    } else {
        "heading_ids: handbook    # the old site's heading ids were already words joined by -\n"
    };
    format!(
        "# Written by `handbook import {}`. Every setting is in the format reference\n# (\"Authoring this handbook\" > \"Format reference\").\n{head}\n# Content written for {}:\nunknown_fields: warn     # fields only the old site used are warnings, not errors\n{ids}page_urls: file-name     # pages keep their file names, and so their addresses\n",
        tool_name(tool),
        tool.label()
    )
}

fn tool_name(tool: Tool) -> &'static str {
    match tool {
        Tool::MdBook => "mdbook",
        Tool::Hugo => "hugo",
        Tool::Jekyll => "jekyll",
        Tool::Eleventy => "eleventy",
        Tool::Zola => "zola",
    }
}

/// A path relative to `root`, with `/`.
pub(crate) fn rel_path(root: &Path, path: &Path) -> String {
    crate::load::display(root, path)
}

/// Every file under `dir` (no symbolic links, no hidden files), in name order, skipping
/// folders `skip` says no to (given the path relative to `dir`).
pub(crate) fn files_under(dir: &Path, skip: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || (!e.file_name().to_string_lossy().starts_with('.')
                    && !skip(&rel_path(dir, e.path())))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Reads a text file of the source site; a file that is not UTF-8 is read with
/// replacement characters and noted.
pub(crate) fn read_text(path: &Path, name: &str, report: &mut Report) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => Some(
                t.replace("\r\n", "\n")
                    .trim_start_matches('\u{feff}')
                    .to_string(),
            ),
            Err(e) => {
                report.person(
                    name,
                    None,
                    "not UTF-8 text: read with replacement characters; check its accented letters",
                );
                Some(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        },
        Err(e) => {
            report.person(name, None, format!("cannot be read ({e}); not imported"));
            None
        }
    }
}

/// File extensions copied as files of the site (images, documents, media).
pub(crate) const FILE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "tif", "tiff", "pdf", "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "csv", "txt", "zip", "mp3",
    "mp4", "m4a", "ogg", "webm", "wav", "vtt", "json", "xml", "epub",
];

/// True for a file to copy as it is.
pub(crate) fn is_site_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| FILE_EXTENSIONS.contains(&e.as_str()))
}
