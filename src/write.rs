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
    if is_marker && !listed.contains(LIST_HEADING) && !listed.contains(ESCAPED_HEADING) {
        return None;
    }
    let files: HashSet<String> = if let Some((_, list)) = listed.split_once(ESCAPED_HEADING) {
        list.lines()
            .filter(|l| !l.is_empty())
            .filter_map(unescape_name)
            .collect()
    } else {
        listed
            .split_once(LIST_HEADING)
            .map(|(_, list)| {
                list.lines()
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    };
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
        // Exact names, as the build wrote them (a name that is not UTF-8 included).
        let rel = crate::load::exact_name(output, entry.path())
            .unwrap_or_else(|| crate::load::display(output, entry.path()));
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

/// Where the mark listed the files the build wrote, one per line, before names were
/// escaped (still read, so an older output is replaced as before).
const LIST_HEADING: &str = "Files written by the last build:\n";

/// Where the mark lists the files the build wrote, one [`escape_name`]d name a line.
const ESCAPED_HEADING: &str = "Files written by the last build (one a line, escaped):\n";

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

/// The file that marks a staging folder (a build in progress, or the remains of one) and
/// names the output it belongs to. A running build holds a lock on it, so a second build
/// never touches a live build's folder; a killed build's lock is gone with its process.
const STAGING_MARKER: &str = ".handbook-staging";

/// Staging folders that a Ctrl-C or SIGTERM must delete before the process exits. The
/// swap holds this lock while the output is between two states, so a signal waits for it.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Deletes every staging folder of this process: the Ctrl-C and SIGTERM handler calls it
/// before exiting, so an interrupted build leaves nothing beside the output.
pub fn clean_up_after_signal() {
    // The build's threads go on writing while this runs: once the flag is set they write
    // nothing more, and a second pass removes what a write already under way put back
    // (creating a file's folders would make the staging folder again).
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    let active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    for pass in 0..2 {
        if pass > 0 {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for dir in active.iter() {
            remove_staging(dir);
        }
    }
}

/// Set by [`clean_up_after_signal`]: staging writes refuse from then on.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The error a staging write returns once the build was interrupted.
fn interrupted() -> std::io::Result<()> {
    if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(std::io::Error::other("the build was interrupted"));
    }
    Ok(())
}

/// Deletes a staging folder, its marker last, so a folder cut short by a crash is still
/// recognised as ours by the next build.
fn remove_staging(dir: &Path) {
    for entry in ["site", "old"] {
        let _ = fs::remove_dir_all(dir.join(entry));
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name() != STAGING_MARKER {
                let p = e.path();
                let _ = fs::remove_dir_all(&p).or_else(|_| fs::remove_file(&p));
            }
        }
    }
    let _ = fs::remove_file(dir.join(STAGING_MARKER));
    let _ = fs::remove_dir(dir);
}

/// The output as an absolute path with its parent canonicalised: what a staging marker
/// records, so two spellings of one output folder match.
fn output_identity(output: &Path) -> Option<PathBuf> {
    let name = output.file_name()?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// What the marker's first line holds.
fn staging_record(identity: &Path) -> String {
    format!(
        "staging folder of: {}\n",
        escape_name(&identity.to_string_lossy())
    )
}

/// Finishes or undoes a swap that a crash interrupted, and deletes what interrupted
/// builds of `output` left beside it. Only folders whose staging marker names this output
/// and that no running build holds are touched; a name alone never decides. Returns one
/// note a folder handled, for the terminal.
pub(crate) fn recover(output: &Path) -> Vec<String> {
    let mut notes = Vec::new();
    let (Some(identity), Some(name)) = (output_identity(output), output.file_name()) else {
        return notes;
    };
    let Some(parent) = identity.parent() else {
        return notes;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return notes;
    };
    let record = staging_record(&identity);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if !file_name.to_string_lossy().starts_with(&prefix)
            || !entry.file_type().is_ok_and(|t| t.is_dir())
        {
            continue;
        }
        let dir = entry.path();
        let marker = dir.join(STAGING_MARKER);
        let Ok(file) = fs::OpenOptions::new().read(true).write(true).open(&marker) else {
            // Killed between deleting the marker and the folder: an empty folder of our
            // name is all that is left, and removing an empty folder loses nothing.
            if file_name
                .to_string_lossy()
                .starts_with(&format!("{prefix}tmp-"))
            {
                let _ = fs::remove_dir(&dir);
            }
            continue;
        };
        if fs::read_to_string(&marker).map_or(true, |m| m != record) || file.try_lock().is_err() {
            continue;
        }
        let shown = file_name.to_string_lossy().into_owned();
        if fs::symlink_metadata(output).is_err() {
            let new = dir.join("site");
            let old = dir.join("old");
            if new.join(MARKER).is_file() && fs::rename(&new, output).is_ok() {
                notes.push(format!("finished the interrupted swap of `{shown}`"));
            } else if old.is_dir() && fs::rename(&old, output).is_ok() {
                notes.push(format!("restored the previous site from `{shown}`"));
            }
        }
        remove_staging(&dir);
        notes.push(format!("removed `{shown}`, left by an interrupted build"));
    }
    notes
}

/// Exchanges two paths in one step, so the output is at every instant the old or the new
/// site. `Ok(false)` when the platform or file system has no such call.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    if std::env::var_os("HANDBOOK_SWAP").is_some_and(|v| v == "rename") {
        return Ok(false);
    }
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e)
            if e == rustix::io::Errno::INVAL
                || e == rustix::io::Errno::NOSYS
                || e == rustix::io::Errno::OPNOTSUPP =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// A new site being written beside the output folder. Files go to disk as soon as they
/// are rendered, so a large build never holds its whole output in memory; the folder
/// replaces the output only on [`Staging::commit`], and is deleted if dropped before.
///
/// The staging folder holds the marker ([`STAGING_MARKER`]), the new site in `site/` and,
/// during a swap without an atomic exchange, the previous site in `old/`: whatever a crash
/// leaves, [`recover`] can tell what it was and put the output right.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    dir: PathBuf,
    tmp: PathBuf,
    dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
    _lock: fs::File,
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
        let dir = parent.join(format!(".{name}.tmp-{}-{stamp}", std::process::id()));
        let failed = |e| write_failed(output, "cannot create a temporary folder", e);
        let identity = output_identity(output).unwrap_or_else(|| output.to_path_buf());
        let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
        fs::create_dir_all(&dir).map_err(failed)?;
        active.push(dir.clone());
        drop(active);
        let lock = (|| {
            let file = fs::File::create(dir.join(STAGING_MARKER))?;
            file.lock()?;
            std::io::Write::write_all(&mut &file, staging_record(&identity).as_bytes())?;
            fs::create_dir(dir.join("site"))?;
            Ok(file)
        })();
        let lock = match lock {
            Ok(l) => l,
            Err(e) => {
                forget(&dir);
                remove_staging(&dir);
                return Err(failed(e));
            }
        };
        Ok(Staging {
            output: output.to_path_buf(),
            tmp: dir.join("site"),
            dir,
            dirs: Mutex::new(HashSet::new()),
            committed: false,
            _lock: lock,
        })
    }

    /// Writes one file. A path that would leave the folder is not written (the build
    /// reports it through [`check_paths`] before committing).
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        interrupted()?;
        if !is_contained(path) {
            return Ok(());
        }
        let target = self.tmp.join(crate::load::name_to_path(path));
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
        interrupted()?;
        if !is_contained(path) {
            return Ok(());
        }
        let target = self.tmp.join(crate::load::name_to_path(path));
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
        fs::write(self.tmp.join(MARKER), output_mark(paths))
            .map_err(|e| write_failed(&output, "cannot write the site", e))?;
        // A signal waits until the output is whole again.
        let active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
        let swapped = self.swap();
        drop(active);
        swapped?;
        self.committed = true;
        remove_staging(&self.dir);
        forget(&self.dir);
        Ok(())
    }

    /// Puts the new site in place of the output: one atomic exchange where the platform
    /// has it, else two renames through `old/` that [`recover`] can finish or undo.
    fn swap(&self) -> Result<(), Diagnostic> {
        let output = &self.output;
        let had_old = fs::symlink_metadata(output).is_ok();
        if had_old {
            match exchange(&self.tmp, output) {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => {
                    return Err(write_failed(output, "cannot swap the new site in", e));
                }
            }
        }
        let old = self.dir.join("old");
        if had_old && let Err(e) = fs::rename(output, &old) {
            return Err(write_failed(
                output,
                "cannot move the previous output aside",
                e,
            ));
        }
        if let Err(e) = fs::rename(&self.tmp, output) {
            if had_old {
                let _ = fs::rename(&old, output);
            }
            return Err(write_failed(
                output,
                "cannot move the new site into place",
                e,
            ));
        }
        Ok(())
    }
}

/// Takes a staging folder off the list a signal deletes.
fn forget(dir: &Path) {
    let mut active = ACTIVE.lock().unwrap_or_else(|e| e.into_inner());
    active.retain(|d| d != dir);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_staging(&self.dir);
            forget(&self.dir);
        }
    }
}

/// The output folder's mark: what it is, and every file written, one escaped name a line.
fn output_mark(paths: &[String]) -> String {
    let mut mark = format!(
        "This folder is written by `handbook build` and replaced on every build.\n\
         A build refuses to replace it if it holds anything not listed here.\n\n{ESCAPED_HEADING}"
    );
    let mut listed: Vec<&String> = paths.iter().collect();
    listed.sort();
    listed.dedup();
    for p in listed {
        mark.push_str(&escape_name(p));
        mark.push('\n');
    }
    mark
}

/// A name on one line: `\` becomes `\\`, and control characters (CR and LF among them,
/// which a file name may hold: the macOS Finder's `Icon\r`) become `\u{..}`.
pub(crate) fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape_name`]; `None` for a line it could not have written.
pub(crate) fn unescape_name(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
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
