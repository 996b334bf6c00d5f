//! The theme: Tera templates and static assets. The default theme is compiled into the
//! binary, so `handbook init` sites build anywhere; a `themes/NAME/` folder in the site
//! replaces it, and a site's `templates/` folder overrides single templates by name.

use std::path::Path;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Theme assets only `serve` uses; `build` leaves them out of the site.
pub(crate) const SERVE_ONLY_ASSETS: &[&str] = &["js/livereload.js"];

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates and assets, by path relative to the theme's `templates/` and `static/`.
pub struct Theme {
    /// (name, text) of each template.
    pub templates: Vec<(String, String)>,
    /// (path, bytes) of each asset, copied to the output root.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Loads the theme named in the config, then applies the site's template overrides.
pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    // The theme is one folder inside `themes/`: `../..` or an absolute path would read
    // templates from anywhere on the machine.
    let inside = std::path::Path::new(name)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside || name.is_empty() || name.contains('\\') {
        diagnostics.push(
            Diagnostic::file_error(
                "E-theme",
                "handbook.yml",
                format!("theme `{name}` is not a folder inside themes/"),
            )
            .with_hint("name a folder of `themes/`, e.g. `theme: my-theme`, or `theme: default`"),
            None,
        );
        return Err(diagnostics);
    }
    let on_disk = root.join("themes").join(name);
    let mut theme = if on_disk.is_dir() {
        Theme {
            templates: read_dir_text(&on_disk.join("templates"), &mut diagnostics, root),
            assets: read_dir_bytes(&on_disk.join("static")),
        }
    } else if name == "default" {
        embedded()
    } else {
        diagnostics.push(
            Diagnostic::file_error(
                "E-theme",
                "handbook.yml",
                format!("theme `{name}` not found in themes/"),
            )
            .with_hint("use `theme: default` or create `themes/NAME/templates/`"),
            None,
        );
        return Err(diagnostics);
    };
    let overrides = read_dir_text(&root.join("templates"), &mut diagnostics, root);
    for (name, text) in overrides {
        match theme.templates.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = text,
            None => theme.templates.push((name, text)),
        }
    }
    if diagnostics.error_count() > 0 {
        return Err(diagnostics);
    }
    Ok(theme)
}

fn embedded() -> Theme {
    let mut templates = Vec::new();
    let mut assets = Vec::new();
    fn walk(dir: &Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEFAULT_THEME, &mut files);
    for (path, bytes) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.push((
                name.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
            ));
        } else if let Some(name) = path.strip_prefix("static/") {
            assets.push((name.to_string(), bytes.to_vec()));
        }
    }
    Theme { templates, assets }
}

fn files_under(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    files_and_links(dir, &[]).files
}

/// What a walk of a `static/` folder found.
struct Walked {
    /// Files to publish, by their path relative to the folder.
    files: Vec<(String, std::path::PathBuf)>,
    /// Symbolic links, skipped.
    links: Vec<std::path::PathBuf>,
    /// Files whose name holds one of the private-use characters that stand for bytes
    /// that are not UTF-8 ([`crate::load::exact_name`]): they could not keep their name.
    /// Skipped.
    unnameable: Vec<std::path::PathBuf>,
}

/// The files under `dir` (hidden files and folders left out unless their path relative
/// to `dir` is in `publish_hidden`), by their exact names (bytes that are not UTF-8
/// kept), the symbolic links skipped and the files that cannot keep their name.
fn files_and_links(dir: &Path, publish_hidden: &[String]) -> Walked {
    let mut walked = Walked {
        files: Vec::new(),
        links: Vec::new(),
        unnameable: Vec::new(),
    };
    let Walked {
        files,
        links,
        unnameable,
    } = &mut walked;
    if !dir.is_dir() {
        return walked;
    }
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_name().to_string_lossy().starts_with('.')
                || publish_hidden
                    .iter()
                    .any(|p| p.trim_matches('/') == crate::load::display(dir, e.path()))
        });
    for e in walker.filter_map(Result::ok) {
        if e.path_is_symlink() {
            links.push(e.into_path());
        } else if e.file_type().is_file() {
            match crate::load::exact_name(dir, e.path()) {
                Some(name) => files.push((name, e.into_path())),
                None => unnameable.push(e.into_path()),
            }
        }
    }
    walked
}

/// A path with each byte that is not UTF-8 shown as `\xNN`, so a message names the file
/// exactly (a lossy `\u{fffd}` would not tell two such names apart).
pub(crate) fn exact_display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in rel.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        rel.to_string_lossy().replace('\\', "/")
    }
}

/// The site's `static/` files, and a warning for each symbolic link skipped there.
pub(crate) fn read_static(
    root: &Path,
    publish_hidden: &[String],
) -> (Vec<(String, Vec<u8>)>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let Walked {
        files,
        links,
        unnameable,
    } = files_and_links(&root.join("static"), publish_hidden);
    for path in unnameable {
        diagnostics.push(
            Diagnostic::file_error(
                "W-output-name",
                exact_display(root, &path),
                "file name holds a character (U+10FF80 to U+10FFFF) that stands for a byte that is not UTF-8 in other names: skipped",
            )
            .with_severity(crate::diagnostics::Severity::Warning)
            .with_hint("rename the file (letters, digits, `-` and `.` travel best)"),
            None,
        );
    }
    for link in links {
        diagnostics.push(
            Diagnostic::file_error(
                "W-symlink",
                crate::load::display(root, &link),
                "symbolic link skipped: the build never follows links, which could leave the site or loop",
            )
            .with_severity(crate::diagnostics::Severity::Warning)
            .with_hint("copy the file into `static/` instead of linking it"),
            None,
        );
    }
    let files = files
        .into_iter()
        .filter_map(|(name, path)| std::fs::read(path).ok().map(|b| (name, b)))
        .collect();
    (files, diagnostics)
}

fn read_dir_text(dir: &Path, diagnostics: &mut Diagnostics, root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, path) in files_under(dir) {
        match std::fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => out.push((name, text)),
            _ => diagnostics.push(
                Diagnostic::file_error(
                    "E-template",
                    crate::load::display(root, &path),
                    "template is not readable UTF-8 text",
                )
                .with_hint("save templates as UTF-8"),
                None,
            ),
        }
    }
    out
}

/// Every file under `dir`, by path relative to it.
pub(crate) fn read_dir_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .filter_map(|(name, path)| std::fs::read(path).ok().map(|b| (name, b)))
        .collect()
}
