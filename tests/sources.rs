//! The copies of the handbook's sources in `tests/fixtures/sources/` match the shared
//! originals, where those are on this machine: a changed source must not leave the content
//! tests checking against a stale copy.

use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder beside the repository (`../shared`), or beside its worktree folder.
fn shared() -> Option<PathBuf> {
    [repo().join("../shared"), repo().join("../../shared")]
        .into_iter()
        .find(|p| p.join("seeds/README.md").is_file())
}

#[test]
fn the_copied_sources_match_the_shared_originals() {
    let Some(shared) = shared() else {
        eprintln!("no shared folder beside the repository; the copies are the sources");
        return;
    };
    let copies = repo().join("tests/fixtures/sources");
    let mut pairs = vec![(
        shared.join("reference/domain-facts.md"),
        copies.join("domain-facts.md"),
    )];
    for e in std::fs::read_dir(shared.join("seeds"))
        .expect("seeds folder")
        .flatten()
    {
        pairs.push((e.path(), copies.join("seeds").join(e.file_name())));
    }
    for (original, copy) in pairs {
        let a = std::fs::read(&original).expect("original");
        let b = std::fs::read(&copy).unwrap_or_else(|e| {
            panic!(
                "{} has no copy at {}: {e}",
                original.display(),
                copy.display()
            )
        });
        assert!(
            a == b,
            "{} differs from {}: copy it again (tests/fixtures/sources/README.md)",
            copy.display(),
            original.display()
        );
    }
    let copied = std::fs::read_dir(copies.join("seeds"))
        .expect("copies")
        .count();
    let originals = std::fs::read_dir(shared.join("seeds"))
        .expect("seeds")
        .count();
    assert_eq!(
        copied, originals,
        "a copied seed no longer exists in the shared folder"
    );
}
