//! Stage 9, write: the whole site goes to a temporary sibling of the output folder, which
//! replaces the old output only when everything was written. A failed build, a full disk
//! or a crash mid-write leaves the previous site byte-for-byte as it was.
//!
//! The output folder is marked with a file naming this tool, and a folder without that
//! mark that holds anything is never replaced: `--output .` or `--output content` must not
//! delete an author's work.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::plan::check::is_contained;

/// The file that marks a folder as this tool's output.
pub(crate) const MARKER: &str = ".handbook-output";

/// Refuses output folders that would destroy sources.
pub(crate) fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalise the deepest existing ancestor, so a not-yet-created output compares fairly.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut out = fs::canonicalize(&existing).unwrap_or(existing);
        for name in rest.into_iter().rev() {
            out.push(name);
        }
        out
    };
    let root = abs(root);
    let output = abs(output);
    let protected = ["content", "templates", "static", "themes"];
    let refuses = output == root
        || root.starts_with(&output)
        || protected.iter().any(|d| output.starts_with(root.join(d)));
    if refuses {
        return Err(Diagnostic::file_error(
            "E-output",
            output.display().to_string(),
            "refusing to write the site here: this folder holds the handbook's sources",
        )
        .with_hint("choose a separate output folder, e.g. `--output public`"));
    }
    let meta = fs::symlink_metadata(&output);
    if meta
        .as_ref()
        .is_ok_and(|m| !m.is_dir() && !m.file_type().is_symlink())
    {
        return Err(Diagnostic::file_error(
            "E-output",
            output.display().to_string(),
            "refusing to write the site here: this is a file, not a folder",
        )
        .with_hint("choose a new or empty folder, e.g. `--output public`"));
    }
    if output.is_dir()
        && let Some(foreign) = foreign_entry(&output)
    {
        return Err(Diagnostic::file_error(
            "E-output",
            output.display().to_string(),
            format!("refusing to replace a folder that holds `{foreign}`, which this tool did not write"),
        )
        .with_hint("choose an empty or new output folder, or move that file out; the tool only ever replaces its own previous output"));
    }
    Ok(())
}

/// The first entry of `output` that the last build did not write, if any. A folder
/// without this tool's mark is foreign as soon as it holds anything; a marked folder lists
/// what was written, so a file someone added to the output since is never deleted.
/// Symbolic links are looked at, never followed.
fn foreign_entry(output: &Path) -> Option<String> {
    let marker = output.join(MARKER);
    let is_marker = fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file());
    let listed = if is_marker {
        fs::read_to_string(&marker).ok()?
    } else {
        String::new()
    };
    // A mark written before the list was kept: trust it, as earlier versions did.
    if is_marker && !listed.contains(LIST_HEADING) {
        return None;
    }
    let files: HashSet<&str> = listed
        .split_once(LIST_HEADING)
        .map(|(_, list)| list.lines().filter(|l| !l.is_empty()).collect())
        .unwrap_or_default();
    let dirs: HashSet<&str> = files
        .iter()
        .flat_map(|f| f.match_indices('/').map(|(i, _)| &f[..i]))
        .collect();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .follow_links(false)
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                return Some(e.path().map_or_else(
                    || output.display().to_string(),
                    |p| crate::load::display(output, p),
                ));
            }
        };
        let rel = crate::load::display(output, entry.path());
        let ours = if entry.file_type().is_dir() {
            dirs.contains(rel.as_str())
        } else {
            (rel == MARKER && is_marker) || files.contains(rel.as_str())
        };
        if !ours {
            return Some(rel);
        }
    }
    None
}

/// Where the mark lists the files the build wrote, one per line.
const LIST_HEADING: &str = "Files written by the last build:\n";

fn outside(output: &Path, path: &str) -> Diagnostic {
    Diagnostic::file_error(
        "E-output-path",
        output.display().to_string(),
        format!("refusing to write `{path}`: it would leave the output folder"),
    )
    .with_hint("this is a bug in the tool or theme; please report it")
}

/// E-write for an error writing the site's files.
pub(crate) fn write_error(output: &Path, e: std::io::Error) -> Diagnostic {
    write_failed(output, "cannot write the site", e)
}

fn write_failed(output: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::file_error(
        "E-write",
        output.display().to_string(),
        format!("{what}: {e}"),
    )
    .with_hint("check free disk space and permissions; the previous output was left as it was")
}

/// A new site being written beside the output folder. Files go to disk as soon as they
/// are rendered, so a large build never holds its whole output in memory; the folder
/// replaces the output only on [`Staging::commit`], and is deleted if dropped before.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Creates the temporary folder beside `output`.
    pub(crate) fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| write_failed(output, "cannot create the output's parent folder", e))?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let tmp = parent.join(format!(".{name}.tmp-{}-{stamp}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}-{stamp}", std::process::id()));
        fs::create_dir_all(&tmp)
            .map_err(|e| write_failed(output, "cannot create a temporary folder", e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            tmp,
            old,
            dirs: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Writes one file. A path that would leave the folder is not written (the build
    /// reports it through [`check_paths`] before committing).
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        if !is_contained(path) {
            return Ok(());
        }
        let target = self.tmp.join(path);
        if let Some(dir) = target.parent() {
            let known = self.dirs.lock().map(|d| d.contains(dir)).unwrap_or(false);
            if !known {
                fs::create_dir_all(dir)?;
                if let Ok(mut d) = self.dirs.lock() {
                    d.insert(dir.to_path_buf());
                }
            }
        }
        fs::write(target, bytes)
    }

    /// Writes one file from what `write` writes, through a buffer: for exports too large
    /// to hold whole in memory.
    pub(crate) fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if !is_contained(path) {
            return Ok(());
        }
        let target = self.tmp.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut out = std::io::BufWriter::new(fs::File::create(target)?);
        write(&mut out)?;
        std::io::Write::flush(&mut out)
    }

    /// Marks the folder with the list of `paths` written and swaps it in for the output.
    pub(crate) fn commit(mut self, paths: &[String]) -> Result<(), Diagnostic> {
        let output = self.output.clone();
        if let Some(p) = paths.iter().find(|p| !is_contained(p)) {
            return Err(outside(&output, p));
        }
        let mut mark = format!(
            "This folder is written by `handbook build` and replaced on every build.\n\
             A build refuses to replace it if it holds anything not listed here.\n\n{LIST_HEADING}"
        );
        let mut listed: Vec<&String> = paths.iter().collect();
        listed.sort();
        listed.dedup();
        for p in listed {
            mark.push_str(p);
            mark.push('\n');
        }
        fs::write(self.tmp.join(MARKER), mark)
            .map_err(|e| write_failed(&output, "cannot write the site", e))?;
        let had_old = output.exists();
        if had_old && let Err(e) = fs::rename(&output, &self.old) {
            return Err(write_failed(
                &output,
                "cannot move the previous output aside",
                e,
            ));
        }
        if let Err(e) = fs::rename(&self.tmp, &output) {
            if had_old {
                let _ = fs::rename(&self.old, &output);
            }
            return Err(write_failed(
                &output,
                "cannot move the new site into place",
                e,
            ));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&self.old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::render::Store for Staging {
    fn put(&self, file: crate::plan::OutputFile) -> std::io::Result<()> {
        Staging::put(self, &file.path, &file.bytes)
    }

    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        Staging::stream(self, path, write)
    }
}
