//! Nothing lost, nothing left behind: the real binary is killed (SIGKILL, through
//! `strace -e inject=...`) at every rename and at the first deletes of its swap, and after
//! each kill the output folder must be wholly the old site or wholly the new one, and the
//! next build's recovery must leave nothing beside it. Skipped, with a note, where strace
//! is missing or ptrace is not permitted.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use handbook::BuildOptions;

/// The syscalls the swap and its clean-up make (std's rename is `rename` or `renameat`,
/// the exchange `renameat2`; `remove_dir_all` deletes with `unlinkat`).
const SYSCALLS: [&str; 6] = [
    "renameat2",
    "rename",
    "renameat",
    "unlinkat",
    "unlink",
    "rmdir",
];

/// The first deletes tried: the old site has many more, and each is the same step.
const MAX_WHEN: usize = 12;

fn strace_usable() -> bool {
    Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Every file under `dir`, relative, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn build(root: &Path, out: &Path, inject: Option<(&str, usize)>, swap: &str) -> bool {
    let bin = env!("CARGO_BIN_EXE_handbook");
    let mut cmd = match inject {
        Some((syscall, when)) => {
            let mut c = Command::new("strace");
            c.args(["-f", "-qq", "-o", "/dev/null", "-e"])
                .arg(format!("inject={syscall}:signal=SIGKILL:when={when}"))
                .arg("--")
                .arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("HANDBOOK_SWAP", swap)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd.status().is_ok_and(|s| s.success())
}

/// The names beside the output in its parent folder.
fn beside(out: &Path) -> Vec<String> {
    std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out")
        .collect()
}

fn trials(swap: &str) {
    if !strace_usable() {
        eprintln!(
            "note: strace is missing or ptrace is not permitted; kill-injection trials skipped"
        );
        return;
    }
    let a = common::copy_fixture("basic");
    let b = common::copy_fixture("basic");
    let glossary = b.path().join("content/glossary.md");
    let text = std::fs::read_to_string(&glossary).unwrap();
    std::fs::write(&glossary, format!("{text}\n\nSITE-B-MARKER\n")).unwrap();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let reference = tempfile::tempdir().unwrap();
    assert!(build(b.path(), &reference.path().join("b"), None, swap));
    let site_b = snapshot(&reference.path().join("b"));
    assert!(build(a.path(), &out, None, swap));
    let site_a = snapshot(&out);
    assert_ne!(site_a, site_b);

    let mut kills = 0;
    for syscall in SYSCALLS {
        for when in 1..=MAX_WHEN {
            // The output is site A; the build of B is killed at the `when`th `syscall`.
            let finished = build(b.path(), &out, Some((syscall, when)), swap);
            let state = snapshot(&out);
            let whole = state == site_a || state == site_b;
            if swap == "exchange" {
                assert!(
                    whole,
                    "killed at {syscall} #{when}: the output is neither the old nor the new site ({} files)",
                    state.len()
                );
            }
            let mut options = BuildOptions::new(b.path());
            options.output = Some(out.clone());
            handbook::recover_output(&options);
            let state = snapshot(&out);
            assert!(
                state == site_a || state == site_b,
                "killed at {syscall} #{when} ({swap}): after recovery the output is neither site ({} files)",
                state.len()
            );
            assert!(
                beside(&out).is_empty(),
                "killed at {syscall} #{when} ({swap}): left beside the output: {:?}",
                beside(&out)
            );
            // Back to A for the next trial; this build recovers too.
            assert!(build(a.path(), &out, None, swap));
            assert_eq!(snapshot(&out), site_a);
            assert!(beside(&out).is_empty());
            if finished {
                break;
            }
            kills += 1;
        }
    }
    eprintln!("{swap}: {kills} builds killed mid-swap, every one left a whole site");
    assert!(kills > 0, "no trial reached the swap");
}

#[test]
fn sigkill_at_every_step_of_the_exchange_leaves_a_whole_site() {
    trials("exchange");
}

#[test]
fn sigkill_at_every_step_of_the_two_rename_fallback_is_recovered() {
    trials("rename");
}

/// Ctrl-C (SIGINT) and SIGTERM while the site is being written: the staging folder is
/// deleted before the process exits, and the previous site is untouched.
#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_clean_up_before_exiting() {
    let site = common::copy_fixture_dir(Path::new(env!("CARGO_MANIFEST_DIR")));
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    assert!(build(site.path(), &out, None, "exchange"));
    let before = snapshot(&out);
    let mut interrupted = 0;
    for signal in ["INT", "TERM", "INT", "TERM"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .arg("--output")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the staging folder, then interrupt.
        let started = std::time::Instant::now();
        while beside(&out).is_empty() && started.elapsed() < std::time::Duration::from_secs(20) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let staging_seen = !beside(&out).is_empty();
        Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        if staging_seen && !status.success() {
            interrupted += 1;
        }
        assert!(
            beside(&out).is_empty(),
            "SIG{signal} left {:?}",
            beside(&out)
        );
        // The same sources: the site is the one before, whether or not the swap was reached.
        assert!(snapshot(&out) == before, "SIG{signal} broke the site");
    }
    eprintln!("{interrupted} builds interrupted mid-write, none left anything behind");
}
