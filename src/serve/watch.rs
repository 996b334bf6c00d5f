//! Watching the site's sources (notify, debounced by notify-debouncer-full, which keeps
//! each event's kind so reads can be told from writes) and sorting what changed into what
//! the engine must redo.
//!
//! Watched: `content/`, `templates/`, `static/`, the theme folder (`themes/NAME/`, when the
//! theme is on disk) and `handbook.yml` (through a watch on the site folder itself, which
//! also sees those folders appear). Editors save in many ways (write in place, write a
//! temporary file and rename it over the original, move the original to a backup first);
//! only paths matter here, so each of these ends as "this path changed" and the engine
//! reads whatever is there now. Editor temporaries, hidden files and the output folder are
//! ignored.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::incremental::{Changes, Engine};

/// Events for one path closer together than this are one change (an editor's save is
/// several file-system events within a few milliseconds).
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// What a changed path means for the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Not a source: ignore.
    Ignored,
    /// A page or folder under `content/`.
    Content,
    /// The config or a template: everything is rendered again.
    SiteWide,
    /// A file copied as it is (`static/`, the theme's `static/`).
    Asset,
}

/// True for the files editors write next to the one being edited: Vim's swap files and
/// `4913` probe, Emacs' `#autosave#` and `.#lock`, backups ending in `~`, `*.tmp` (and
/// `*.tmp.123`), Kate's swap files, JetBrains' safe-write files, and hidden files (which
/// the build skips too).
pub fn is_editor_temporary(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".temp",
            ".bak",
            ".kate-swp",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || lower.contains(".tmp.")
        || lower.ends_with("___jb_tmp___")
        || lower.ends_with("___jb_old___")
}

/// Sorts one changed path. `root` is the site folder, `output` the output folder and
/// `theme` the theme's name.
pub fn classify(root: &Path, output: &Path, theme: &str, path: &Path) -> PathKind {
    if path.starts_with(output) {
        return PathKind::Ignored;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return PathKind::Ignored;
    };
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.iter().any(|p| is_editor_temporary(p)) {
        return PathKind::Ignored;
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        [] => PathKind::Ignored,
        [crate::config::FILE] => PathKind::SiteWide,
        ["content", ..] => PathKind::Content,
        ["templates", ..] => PathKind::SiteWide,
        ["static", ..] => PathKind::Asset,
        ["themes", name, "static", ..] if *name == theme => PathKind::Asset,
        ["themes", name, ..] if *name == theme => PathKind::SiteWide,
        _ => PathKind::Ignored,
    }
}

/// The file watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: HashSet<PathBuf>,
}

/// The folders watched recursively, where they exist.
fn folders(engine: &Engine) -> Vec<PathBuf> {
    let root = engine.root();
    let mut out = vec![
        root.join("content"),
        root.join("templates"),
        root.join("static"),
    ];
    out.extend(engine.theme_dir());
    out
}

impl Watcher {
    /// Starts watching the site of `engine`; changed paths are sent to `events` in batches.
    pub fn start(engine: &Engine, events: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
        let rescan = [
            engine.root().join("content"),
            engine.root().join("static"),
            engine.root().join(crate::config::FILE),
        ];
        let handler = move |result: DebounceEventResult| match result {
            Ok(list) => {
                let mut paths = Vec::new();
                for e in list {
                    if e.event.need_rescan() {
                        // The system dropped events: look at everything again.
                        paths.extend(rescan.iter().cloned());
                    } else if !e.event.kind.is_access() {
                        // Reading a file (the rebuild itself does) is not a change.
                        paths.extend(e.event.paths.iter().cloned());
                    }
                }
                if !paths.is_empty() {
                    let _ = events.send(paths);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watching: {e}");
                }
            }
        };
        let debouncer = new_debouncer(DEBOUNCE, None, handler)?;
        let mut watcher = Watcher {
            debouncer,
            watched: HashSet::new(),
        };
        watcher
            .debouncer
            .watch(engine.root(), RecursiveMode::NonRecursive)?;
        watcher.refresh_roots(engine);
        Ok(watcher)
    }

    /// Watches source folders that appeared since (a new `templates/`, a theme folder).
    pub fn refresh_roots(&mut self, engine: &Engine) {
        for dir in folders(engine) {
            if dir.is_dir() {
                if !self.watched.contains(&dir)
                    && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
                {
                    self.watched.insert(dir);
                }
            } else if self.watched.remove(&dir) {
                let _ = self.debouncer.unwatch(&dir);
            }
        }
    }

    /// Sorts a batch of changed paths into what the engine must redo.
    pub fn classify(&self, engine: &Engine, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
        let root = engine.root();
        let output = engine.output_dir();
        let output = std::fs::canonicalize(&output).unwrap_or(output);
        let theme = engine
            .theme_dir()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let mut changes = Changes::default();
        let mut seen = HashSet::new();
        for path in paths {
            if !seen.insert(path.clone()) {
                continue;
            }
            match classify(root, &output, &theme, &path) {
                PathKind::Ignored => {}
                PathKind::Content => changes.content.push(path),
                PathKind::SiteWide => changes.site_wide = true,
                PathKind::Asset => changes.assets.push(path),
            }
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_paths() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let c = |p: &str| classify(root, out, "plain", Path::new(p));
        assert_eq!(c("/site/content/roles/x.md"), PathKind::Content);
        assert_eq!(c("/site/content/roles"), PathKind::Content);
        assert_eq!(c("/site/handbook.yml"), PathKind::SiteWide);
        assert_eq!(c("/site/templates/page.html"), PathKind::SiteWide);
        assert_eq!(
            c("/site/themes/plain/templates/base.html"),
            PathKind::SiteWide
        );
        assert_eq!(c("/site/themes/plain/static/css/a.css"), PathKind::Asset);
        assert_eq!(c("/site/themes/other/static/css/a.css"), PathKind::Ignored);
        assert_eq!(c("/site/static/css/site.css"), PathKind::Asset);
        assert_eq!(c("/site/public/index.html"), PathKind::Ignored);
        assert_eq!(c("/site/README.md"), PathKind::Ignored);
        assert_eq!(c("/elsewhere/content/x.md"), PathKind::Ignored);
    }

    #[test]
    fn ignores_editor_temporaries_and_hidden_files() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        for p in [
            "/site/content/roles/.x.md.swp",
            "/site/content/roles/x.md.swp",
            "/site/content/roles/x.md~",
            "/site/content/roles/.#x.md",
            "/site/content/roles/#x.md#",
            "/site/content/roles/4913",
            "/site/content/roles/x.md.tmp",
            "/site/content/roles/x.md.tmp.12345",
            "/site/content/roles/x.md___jb_tmp___",
            "/site/content/.git/HEAD",
            "/site/static/css/.goutputstream-ABC123",
            "/site/.public.tmp-1-2/index.html",
        ] {
            assert_eq!(
                classify(root, out, "default", Path::new(p)),
                PathKind::Ignored,
                "{p}"
            );
        }
    }
}
