//! Stage 6, write: the whole site goes to a temporary sibling of the output folder, which
//! replaces the old output only when everything was written. A failed build, a full disk
//! or a crash mid-write leaves the previous site byte-for-byte as it was.
//!
//! The output folder is marked with a file naming this tool, and a folder without that
//! mark that holds anything is never replaced: `--output .` or `--output content` must not
//! delete an author's work.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// The file that marks a folder as this tool's output.
pub const MARKER: &str = ".handbook-output";

/// Refuses output folders that would destroy sources.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
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
    if output.is_dir() && !output.join(MARKER).exists() {
        let has_files = fs::read_dir(&output)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        if has_files {
            return Err(Diagnostic::file_error(
                "E-output",
                output.display().to_string(),
                "refusing to replace a folder that holds files this tool did not write",
            )
            .with_hint("choose an empty or new output folder; the tool only ever replaces its own previous output"));
        }
    }
    Ok(())
}

/// Writes `files` into `output`, atomically replacing what was there.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::file_error(
            "E-write",
            output.display().to_string(),
            format!("{what}: {e}"),
        )
        .with_hint("check free disk space and permissions; the previous output was left as it was")
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| fail("cannot create the output's parent folder", e))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = parent.join(format!(".{name}.tmp-{}-{stamp}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}-{stamp}", std::process::id()));

    let result = (|| {
        fs::create_dir_all(&tmp)?;
        let mut dirs: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| Path::new(&f.path).parent().map(|p| tmp.join(p)))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            fs::create_dir_all(d)?;
        }
        files
            .par_iter()
            .try_for_each(|f| fs::write(tmp.join(&f.path), &f.bytes))?;
        fs::write(
            tmp.join(MARKER),
            "This folder is written by `handbook build` and replaced on every build.\n",
        )?;
        Ok::<(), std::io::Error>(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(fail("cannot write the site", e));
    }
    let had_old = output.exists();
    if had_old && let Err(e) = fs::rename(output, &old) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(fail("cannot move the previous output aside", e));
    }
    if let Err(e) = fs::rename(&tmp, output) {
        if had_old {
            let _ = fs::rename(&old, output);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(fail("cannot move the new site into place", e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}
