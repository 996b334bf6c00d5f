//! Helpers shared by the training integration tests.
#![allow(dead_code)]

use assert_cmd::Command;

#[path = "../common/mod.rs"]
pub mod common;

/// The `handbook` binary.
pub fn handbook() -> Command {
    Command::cargo_bin("handbook").expect("binary")
}

/// Builds the training fixture; it has exactly one warning, the overdue review.
pub fn built_fixture() -> tempfile::TempDir {
    let site = common::copy_fixture("training-programme");
    let outcome = common::build(site.path());
    let text = outcome.diagnostics.to_plain_string();
    assert!(outcome.ok(), "{text}");
    let codes: Vec<&str> = outcome.diagnostics.items().iter().map(|d| d.code).collect();
    assert_eq!(codes, ["W-review-overdue"], "{text}");
    site
}

/// The built site's folder.
pub fn public(site: &tempfile::TempDir) -> std::path::PathBuf {
    site.path().join("public")
}

/// The part of `html` from `from` up to the next `to` (or the end), so an assertion
/// looks only at the section it is about.
pub fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in page"));
    let rest = &html[start..];
    let end = rest.find(to).unwrap_or(rest.len());
    &rest[..end]
}

/// True when a build found anything but "no page links here" (these sites are small).
pub fn has_other_than_orphans(d: &handbook::diagnostics::Diagnostics) -> bool {
    d.items().iter().any(|x| x.code != "W-orphan")
}
