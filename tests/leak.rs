//! Pages marked `classification: internal` and drafts never reach a default build, in any
//! form: not as pages, nor in search indexes, exports, graph.json, backlinks, the sitemap,
//! taxonomy pages, item pages or glossary markup. The test greps every byte and every path
//! of the whole output for words only those pages contain, so it covers whatever outputs
//! the build writes now or later, without knowing their names.

mod common;

use std::path::Path;

use common::write;
use handbook::BuildOptions;

/// Words that appear only in excluded pages: in file names, titles, summaries, tags,
/// organisations, grades, item names, glossary terms, prompts and bodies.
const SECRETS: &[&str] = &[
    "qzinternalfile",
    "Qzinternaltitle",
    "qzinternalsummary",
    "qzinternaltag",
    "Qzinternalorg",
    "qzinternalgrade",
    "qzinternalsentence",
    "qzinternalitem",
    "qzinternalheading",
    "qzdraftfile",
    "Qzdrafttitle",
    "qzdraftsentence",
    "qzdraftterm",
    "qzdraftprompt",
    "qzdraftsection",
];

fn site(root: &Path) {
    write(root, "handbook.yml", "title: Leak test\n");
    write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\nWelcome. [Public role](roles/public-role.md)\n",
    );
    write(
        root,
        "content/roles/public-role.md",
        "---\ntitle: Public role\nsummary: Open to all.\norganisation: Shared Trust\ngrade: Band 5\ntags: [shared]\ncompetencies: [frameworks/public-framework#listening]\n---\n## Duties\n\nWorks with QZDT colleagues.\n",
    );
    write(
        root,
        "content/frameworks/public-framework.md",
        "---\ntitle: Public framework\nitems: [{id: listening, name: Listening}]\n---\n",
    );
    // Internal: a role that shares the public role's tag, organisation band and
    // competency, and links to it (a backlink, if it leaked).
    write(
        root,
        "content/roles/qzinternalfile.md",
        "---\ntitle: Qzinternaltitle role\nsummary: qzinternalsummary\nclassification: internal\norganisation: Qzinternalorg Trust\ngrade: qzinternalgrade\ntags: [shared, qzinternaltag]\ncompetencies: [frameworks/public-framework#listening]\nrelated: [roles/public-role]\n---\n## qzinternalheading\n\nThe qzinternalsentence. See the [public role](public-role.md#duties).\n",
    );
    write(
        root,
        "content/frameworks/qzinternalfile-framework.md",
        "---\ntitle: Qzinternaltitle framework\nclassification: internal\nitems: [{id: qzinternalitem, name: qzinternalitem name}]\n---\n",
    );
    // Drafts: a module, a glossary whose abbreviation a public page uses, and a whole
    // section.
    write(
        root,
        "content/training/basics/qzdraftfile.md",
        "---\ntitle: Qzdrafttitle module\ndraft: true\naudience: [roles/public-role]\ndevelops: [frameworks/public-framework#listening]\nprompts: [qzdraftprompt]\ntags: [shared]\n---\nThe qzdraftsentence.\n",
    );
    write(
        root,
        "content/training/basics/_index.md",
        "---\ntitle: Basics\n---\nPublic programme.\n",
    );
    write(
        root,
        "content/glossary.md",
        "---\ntitle: Glossary\ndraft: true\nterms: [{id: qzdt, term: qzdraftterm, abbreviation: QZDT, definition: qzdraftsentence}]\n---\n",
    );
    write(
        root,
        "content/qzdraftsection/_index.md",
        "---\ntitle: qzdraftsection\ndraft: true\n---\nqzdraftsentence\n",
    );
}

/// Every file's path and bytes under `dir`, as lossy text.
fn everything(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = std::fs::read(e.path()).expect("read output");
            (rel, String::from_utf8_lossy(&bytes).to_lowercase())
        })
        .collect()
}

fn built(drafts: bool, internal: bool) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let mut options = BuildOptions::new(dir.path());
    options.drafts = drafts;
    options.include_internal = internal;
    let outcome = handbook::build(&options);
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let files = everything(&dir.path().join("public"));
    (dir, files)
}

#[test]
fn internal_pages_and_drafts_leave_no_trace_in_any_output_file() {
    let (_dir, files) = built(false, false);
    assert!(files.len() > 10, "the site was built: {files:?}");
    let mut leaks = Vec::new();
    for secret in SECRETS {
        let secret = secret.to_lowercase();
        for (path, text) in &files {
            if path.to_lowercase().contains(&secret) {
                leaks.push(format!("`{secret}` in the path {path}"));
            }
            if text.contains(&secret) {
                leaks.push(format!("`{secret}` in {path}"));
            }
        }
    }
    assert!(leaks.is_empty(), "leaked:\n{}", leaks.join("\n"));

    // The published pages are all there, without the excluded pages' traces: the public
    // role's organisation and tag pages list only it, and QZDT is not marked up.
    let text = |p: &str| {
        files
            .iter()
            .find(|(path, _)| path == p)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("{p} missing"))
    };
    assert!(text("roles/public-role.html").contains("works with qzdt colleagues"));
    assert!(!text("roles/public-role.html").contains("<abbr"));
    assert!(text("tags/shared.html").contains("public role"));
}

/// The grep above would see each word if it leaked: with drafts and internal pages
/// included, every one of them is in the output.
#[test]
fn the_same_words_are_in_a_build_that_includes_them() {
    let (_dir, files) = built(true, true);
    for secret in SECRETS {
        let secret = secret.to_lowercase();
        assert!(
            files
                .iter()
                .any(|(path, text)| path.to_lowercase().contains(&secret) || text.contains(&secret)),
            "`{secret}` is not in the inclusive build, so the leak test cannot see it"
        );
    }
}

#[test]
fn drafts_alone_and_internal_alone_include_only_what_was_asked() {
    let (_dir, files) = built(true, false);
    let all: String = files.iter().map(|(p, t)| format!("{p}\n{t}\n")).collect();
    assert!(all.contains("qzdraftsentence") && !all.contains("qzinternalsentence"));
    let (_dir, files) = built(false, true);
    let all: String = files.iter().map(|(p, t)| format!("{p}\n{t}\n")).collect();
    assert!(all.contains("qzinternalsentence") && !all.contains("qzdraftsentence"));
}
