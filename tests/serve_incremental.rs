//! Incremental rebuilds give the same site as a full build, after every kind of edit, and
//! render only what an edit affects.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use handbook::BuildOptions;
use handbook::incremental::{Changes, Engine, Update};
use handbook::parse::kinds::Date;

fn options(root: &Path) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.today = Some(Date {
        year: 2026,
        month: 1,
        day: 1,
    });
    o
}

fn site(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine
        .files()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect()
}

/// The engine's site equals a fresh full build of the same sources.
fn assert_same_as_full(engine: &Engine, root: &Path, step: &str) {
    let (fresh, update) = Engine::new(options(root));
    assert!(
        update.ok(),
        "{step}: full build failed:\n{}",
        update.diagnostics.to_plain_string()
    );
    let (a, b) = (site(engine), site(&fresh));
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{step}: stale {only_a:?}, missing {only_b:?}"
    );
    for (k, v) in &a {
        assert!(
            v == &b[k],
            "{step}: {k} differs from a full build:\n--- incremental\n{}\n--- full\n{}",
            String::from_utf8_lossy(v),
            String::from_utf8_lossy(&b[k])
        );
    }
}

struct Site {
    dir: tempfile::TempDir,
    engine: Engine,
}

impl Site {
    fn new() -> Site {
        let dir = common::copy_fixture("basic");
        let (engine, update) = Engine::new(options(dir.path()));
        assert!(update.ok(), "{}", update.diagnostics.to_plain_string());
        Site { dir, engine }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        common::read(self.root(), rel)
    }

    /// Writes files, then tells the engine about them as the watcher would.
    fn edit(&mut self, files: &[(&str, &str)]) -> Update {
        for (rel, text) in files {
            common::write(self.root(), rel, text);
        }
        let paths: Vec<&str> = files.iter().map(|(r, _)| *r).collect();
        self.changed(&paths)
    }

    fn changed(&mut self, rels: &[&str]) -> Update {
        let mut changes = Changes::default();
        for rel in rels {
            let p = self.path(rel);
            if rel.starts_with("content") {
                changes.content.push(p);
            } else if rel.starts_with("static") {
                changes.assets.push(p);
            } else {
                changes.site_wide = true;
            }
        }
        self.engine.apply(&changes)
    }

    fn replace(&mut self, rel: &str, from: &str, to: &str) -> Update {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.edit(&[(rel, &text.replacen(from, to, 1))])
    }

    fn ok(&self, update: &Update, step: &str) {
        assert!(
            update.ok(),
            "{step}: {}",
            update.diagnostics.to_plain_string()
        );
        assert_same_as_full(&self.engine, self.root(), step);
    }
}

#[test]
fn a_body_edit_renders_only_that_page() {
    let mut s = Site::new();
    let u = s.replace(
        "content/guidance/forms.md",
        "---\n\n",
        "---\n\nA new first paragraph.\n\n",
    );
    s.ok(&u, "body edit");
    // The search index holds the page's text, so its files change too.
    let (index, pages): (Vec<&String>, Vec<&String>) =
        u.changed.iter().partition(|p| p.starts_with("search/"));
    assert_eq!(pages, vec!["guidance/forms.html"]);
    assert!(
        index.iter().any(|p| *p == "search/manifest.js"),
        "{index:?}"
    );
    assert!(u.rendered <= 1, "rendered {}", u.rendered);
}

#[test]
fn a_title_change_renders_the_pages_that_show_it() {
    let mut s = Site::new();
    let u = s.replace(
        "content/roles/worker.md",
        "title: Support worker",
        "title: Senior support worker",
    );
    s.ok(&u, "title change");
    for expected in [
        "roles/worker.html",                // the page
        "roles/index.html",                 // its section lists it
        "roles/manager.html",               // a neighbour, and the page it reports to (backlinks)
        "guidance/meetings.html",           // lists it under See also
        "frameworks/skills/listening.html", // the item it requires lists it
        "training/intro/listening.html",    // a module for this role
    ] {
        assert!(
            u.changed.iter().any(|c| c == expected),
            "{expected} not re-rendered: {:?}",
            u.changed
        );
    }
    for unrelated in ["guidance/forms.html", "ethos/values.html"] {
        assert!(
            !u.changed.iter().any(|c| c == unrelated),
            "unrelated {unrelated} re-rendered: {:?}",
            u.changed
        );
    }
}

#[test]
fn every_kind_of_edit_matches_a_full_build() {
    let mut s = Site::new();

    let u = s.replace(
        "content/guidance/meetings.md",
        "## Community meeting",
        "## Community meetings",
    );
    s.ok(&u, "heading renamed");

    let u = s.edit(&[("content/guidance/new/first.md", "---\ntitle: First new page\ntags: [fresh]\n---\n\nSee [meetings](../meetings.md#community-meetings).\n")]);
    s.ok(&u, "page in a new folder");
    assert!(
        u.changed.iter().any(|c| c == "guidance/new/index.html"),
        "implied section: {:?}",
        u.changed
    );

    std::fs::rename(
        s.path("content/guidance/new/first.md"),
        s.path("content/guidance/new/renamed.md"),
    )
    .unwrap();
    let u = s.changed(&[
        "content/guidance/new/first.md",
        "content/guidance/new/renamed.md",
    ]);
    s.ok(&u, "rename");
    assert!(
        u.removed.iter().any(|r| r == "guidance/new/first.html"),
        "{:?}",
        u.removed
    );

    std::fs::remove_dir_all(s.path("content/guidance/new")).unwrap();
    let u = s.changed(&["content/guidance/new"]);
    s.ok(&u, "folder deleted");
    assert!(
        u.removed.iter().any(|r| r == "guidance/new/index.html"),
        "{:?}",
        u.removed
    );
    assert!(
        u.removed.iter().any(|r| r == "tags/fresh.html"),
        "{:?}",
        u.removed
    );

    let u = s.replace("content/roles/manager.md", "weight: 1", "weight: 9");
    s.ok(&u, "weight (sibling order)");

    let u = s.replace(
        "content/guidance/forms.md",
        "title:",
        "tags: [paperwork]\ntitle:",
    );
    s.ok(&u, "tag added");

    let u = s.replace(
        "content/glossary.md",
        "abbreviation: MAPPA",
        "abbreviation: MAPPAS",
    );
    s.ok(&u, "glossary abbreviation");

    let u = s.replace(
        "content/roles/_index.md",
        "title:",
        "summary: Everyone who works here.\ntitle:",
    );
    s.ok(&u, "section front matter");

    let u = s.replace(
        "content/_index.md",
        "title: Basic home",
        "title: Basic home page",
    );
    s.ok(&u, "home page");

    // Atomic save: write a temporary file, rename it over the page.
    let text = s
        .read("content/guidance/forms.md")
        .replace("title: ", "title: Forms and ");
    common::write(s.root(), "content/guidance/.forms.md.tmp", &text);
    std::fs::rename(
        s.path("content/guidance/.forms.md.tmp"),
        s.path("content/guidance/forms.md"),
    )
    .unwrap();
    let u = s.changed(&[
        "content/guidance/.forms.md.tmp",
        "content/guidance/forms.md",
    ]);
    s.ok(&u, "atomic save");

    let u = s.replace(
        "content/guidance/meetings.md",
        "title: Meetings",
        "draft: true\ntitle: Meetings",
    );
    s.ok(&u, "page made a draft");
    assert!(
        u.removed.iter().any(|r| r == "guidance/meetings.html"),
        "{:?}",
        u.removed
    );
    let u = s.replace("content/guidance/meetings.md", "draft: true\n", "");
    s.ok(&u, "draft published again");

    let u = s.edit(&[("static/forms/extra.txt", "extra")]);
    s.ok(&u, "static file added");
    std::fs::remove_file(s.path("static/forms/extra.txt")).unwrap();
    let u = s.changed(&["static/forms/extra.txt"]);
    s.ok(&u, "static file removed");
    assert!(
        u.removed.iter().any(|r| r == "forms/extra.txt"),
        "{:?}",
        u.removed
    );

    let u = s.replace(
        "handbook.yml",
        "title: Basic fixture",
        "title: Renamed fixture",
    );
    s.ok(&u, "config");

    let u = s.edit(&[(
        "templates/404.html",
        "<!doctype html><title>Lost</title><p>Nothing here.</p>",
    )]);
    s.ok(&u, "template override");
}

/// A body edit that leaves everything other pages see as it was is patched into the
/// linked site; one that changes a link, an anchor or a heading is linked again, so what
/// other pages show of it (backlinks, broken anchors) is never stale.
#[test]
fn body_edits_change_other_pages_only_through_links_anchors_and_headings() {
    let mut s = Site::new();
    // Text only: the page alone.
    let u = s.replace(
        "content/guidance/forms.md",
        "---\n\n",
        "---\n\nPlain words.\n\n",
    );
    s.ok(&u, "text");
    assert_eq!(u.rendered, 1, "{:?}", u.changed);
    // A raw-HTML anchor, then a link to it from another page.
    let u = s.replace(
        "content/guidance/forms.md",
        "Plain words.",
        "Plain words. <a id=\"later\"></a>",
    );
    s.ok(&u, "anchor added");
    let u = s.replace(
        "content/guidance/meetings.md",
        "Everyone attends.",
        "Everyone attends. See [the forms](forms.md#later).",
    );
    s.ok(&u, "link to the anchor");
    assert!(
        u.changed.iter().any(|c| c == "guidance/forms.html"),
        "the new backlink shows on the linked page: {:?}",
        u.changed
    );
    // Taking the anchor away breaks that link: an error at the link, not a stale site.
    let u = s.replace("content/guidance/forms.md", " <a id=\"later\"></a>", "");
    assert!(!u.ok(), "the broken anchor is found");
    assert!(
        u.diagnostics
            .items()
            .iter()
            .any(|d| d.file == "content/guidance/meetings.md" && d.line > 0),
        "{}",
        u.diagnostics.to_plain_string()
    );
    let u = s.replace(
        "content/guidance/forms.md",
        "Plain words.",
        "Plain words. <a id=\"later\"></a>",
    );
    s.ok(&u, "anchor back");
    // A heading: the other page's table of contents does not show it, but its own does,
    // and links to it resolve.
    let u = s.replace(
        "content/guidance/forms.md",
        "Plain words.",
        "## Sending a form\n\nPlain words.",
    );
    s.ok(&u, "heading added");
    let u = s.replace(
        "content/guidance/meetings.md",
        "forms.md#later",
        "forms.md#sending-a-form",
    );
    s.ok(&u, "link to the heading");
    // Text above a link moves it; the page stays right.
    let u = s.replace(
        "content/guidance/meetings.md",
        "Everyone attends.",
        "Everyone always attends.",
    );
    s.ok(&u, "text before a link");
    assert_eq!(u.rendered, 1, "{:?}", u.changed);
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_the_fix_catches_up() {
    let mut s = Site::new();
    let before = site(&s.engine);
    let u = s.replace(
        "content/frameworks/skills.md",
        "id: listening",
        "id: hearing",
    );
    assert!(!u.ok());
    let located = u.diagnostics.items().iter().any(|d| {
        d.file == "content/roles/worker.md" && d.line > 0 && d.message.contains("listening")
    });
    assert!(located, "{}", u.diagnostics.to_plain_string());
    assert_eq!(
        site(&s.engine),
        before,
        "a failed rebuild changed the served site"
    );

    // Meanwhile an unrelated page changes too; both reach the site once it builds.
    let u = s.replace(
        "content/guidance/forms.md",
        "---\n\n",
        "---\n\nWhile broken.\n\n",
    );
    assert!(!u.ok());
    let u = s.replace(
        "content/frameworks/skills.md",
        "id: hearing",
        "id: listening",
    );
    s.ok(&u, "fixed");
    assert!(
        String::from_utf8_lossy(&s.engine.files()["guidance/forms.html"]).contains("While broken.")
    );
}

#[test]
fn a_duplicate_page_is_not_lost_when_it_is_renamed_away() {
    let mut s = Site::new();
    let u = s.edit(&[("content/guidance/Forms.md", "---\ntitle: Copy\n---\n")]);
    assert!(!u.ok(), "two pages with one URL must be an error");
    std::fs::rename(
        s.path("content/guidance/Forms.md"),
        s.path("content/guidance/copy.md"),
    )
    .unwrap();
    let u = s.changed(&["content/guidance/Forms.md", "content/guidance/copy.md"]);
    s.ok(&u, "duplicate renamed");
    assert!(s.engine.files().contains_key("guidance/forms.html"));
}

#[test]
fn the_served_site_is_the_built_site() {
    let s = Site::new();
    let out = tempfile::tempdir().unwrap();
    let mut o = options(s.root());
    o.output = Some(out.path().join("public"));
    let outcome = handbook::build(&o);
    assert!(outcome.ok());
    let served = site(&s.engine);
    let mut built = BTreeMap::new();
    for e in walkdir::WalkDir::new(out.path().join("public")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(out.path().join("public")).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel != ".handbook-output" {
                built.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    assert!(served == built, "serve renders differently from build");
}

/// A small deterministic random generator, so a failing sequence can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn stable_page(
    title: &str,
    weight: usize,
    tags: &[&str],
    related: Option<&str>,
    links: &[String],
    extra: &str,
) -> String {
    let related = related
        .map(|r| format!("related: [{r}]\n"))
        .unwrap_or_default();
    let links: Vec<String> = links
        .iter()
        .map(|l| format!("[{l}](../{l}.md#part-one)"))
        .collect();
    format!(
        "---\ntitle: {title}\nweight: {weight}\ntags: [{}]\n{related}---\n\n## Part one\n\nSee {}.\n\n{extra}\n",
        tags.join(", "),
        links.join(", ")
    )
}

#[test]
fn random_edits_always_match_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "handbook.yml", "title: Random site\n");
    common::write(
        root,
        "content/_index.md",
        "---\ntitle: Home\n---\n\nWelcome.\n",
    );
    common::write(root, "content/a/_index.md", "---\ntitle: Section A\n---\n");
    common::write(root, "content/b/_index.md", "---\ntitle: Section B\n---\n");
    let stable: Vec<String> = ["a", "b", "c"]
        .iter()
        .flat_map(|s| (0..5).map(move |i| format!("{s}/p{i}")))
        .collect();
    let tags = ["alpha", "beta", "gamma", "delta"];
    let mut rng = Lcg(7);
    let write_stable = |rng: &mut Lcg, key: &str, extra: &str| {
        let links: Vec<String> = (0..rng.next(3))
            .map(|_| stable[rng.next(stable.len())].clone())
            .filter(|l| l != key)
            .collect();
        let t = [tags[rng.next(4)], tags[rng.next(4)]];
        let related = (rng.next(2) == 0)
            .then(|| stable[rng.next(stable.len())].clone())
            .filter(|r| r != key);
        let text = stable_page(
            &format!("Page {key} v{}", rng.next(1000)),
            rng.next(5),
            &t,
            related.as_deref(),
            &links,
            extra,
        );
        common::write(root, &format!("content/{key}.md"), text);
    };
    for key in stable.clone() {
        write_stable(&mut rng, &key, "");
    }
    let (mut engine, update) = Engine::new(options(root));
    assert!(update.ok(), "{}", update.diagnostics.to_plain_string());

    let mut volatile: Vec<String> = Vec::new();
    for step in 0..60 {
        let mut changes = Changes::default();
        let op = rng.next(7);
        let what = match op {
            0 | 1 => {
                let key = stable[rng.next(stable.len())].clone();
                write_stable(
                    &mut rng,
                    &key,
                    if op == 0 { "" } else { "## Another part\n" },
                );
                changes.content.push(root.join(format!("content/{key}.md")));
                format!("rewrote {key}")
            }
            2 => {
                let key = stable[rng.next(stable.len())].clone();
                let path = root.join(format!("content/{key}.md"));
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, format!("{text}\nMore words {step}.\n")).unwrap();
                changes.content.push(path);
                format!("body of {key}")
            }
            3 | 4 => {
                let folder = ["a", "b", "c", "v"][rng.next(4)];
                let key = format!("{folder}/x{step}");
                let target = &stable[rng.next(stable.len())];
                common::write(
                    root,
                    &format!("content/{key}.md"),
                    format!(
                        "---\ntitle: Extra {step}\ntags: [{}]\nweight: {}\n---\n\nSee [it](../{target}.md).\n",
                        tags[rng.next(4)],
                        rng.next(5)
                    ),
                );
                changes.content.push(root.join(format!("content/{key}.md")));
                volatile.push(key.clone());
                format!("added {key}")
            }
            5 if !volatile.is_empty() => {
                let key = volatile.remove(rng.next(volatile.len()));
                let path = root.join(format!("content/{key}.md"));
                std::fs::remove_file(&path).unwrap();
                changes.content.push(path);
                format!("deleted {key}")
            }
            _ => {
                let s = ["a", "b"][rng.next(2)];
                let path = root.join(format!("content/{s}/_index.md"));
                std::fs::write(
                    &path,
                    format!(
                        "---\ntitle: Section {s} {step}\nsummary: Summary {}\n---\n",
                        rng.next(9)
                    ),
                )
                .unwrap();
                changes.content.push(path);
                format!("section {s}")
            }
        };
        let update = engine.apply(&changes);
        assert!(
            update.ok(),
            "step {step} ({what}): {}",
            update.diagnostics.to_plain_string()
        );
        assert_same_as_full(&engine, root, &format!("step {step} ({what})"));
    }
}

#[test]
fn serve_serves_the_edited_page_first_and_the_index_when_it_is_built() {
    // `serve` calls apply_pages, then builds the index on another thread: the edited
    // page is served at once, the index follows, and the two together are the built site.
    let mut s = Site::new();
    let before = site(&s.engine);
    let rel = "content/guidance/forms.md";
    let text = s.read(rel);
    common::write(
        s.root(),
        rel,
        format!("{text}\nA sentence about pelicans, found by search.\n"),
    );
    let changes = Changes {
        content: vec![s.path(rel)],
        ..Changes::default()
    };
    let pages = s.engine.apply_pages(&changes);
    assert!(pages.ok(), "{}", pages.diagnostics.to_plain_string());
    assert!(pages.changed.iter().any(|p| p.ends_with(".html")));
    assert!(
        pages.changed.iter().all(|p| !p.starts_with("search/")),
        "the index waits for its own build: {:?}",
        pages.changed
    );
    let served = site(&s.engine);
    for (path, bytes) in &before {
        if path.starts_with("search/") {
            assert_eq!(
                served.get(path),
                Some(bytes),
                "{path}: the last index stays served"
            );
        }
    }
    let job = s
        .engine
        .index_job()
        .expect("the text changed, so an index is due");
    assert!(s.engine.index_job().is_none(), "one job per change");
    let index = s.engine.accept_index(job.run());
    assert!(
        index.changed.iter().any(|p| p.starts_with("search/")),
        "{:?}",
        index.changed
    );
    let all: String = site(&s.engine)
        .iter()
        .filter(|(p, _)| p.starts_with("search/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(all.contains("pelican"), "the new word is in the index");
    assert_same_as_full(&s.engine, s.root(), "after the index");
}

#[test]
fn a_role_title_edit_in_a_long_roles_section_stays_local() {
    // Past `plan::SIDE_LIMIT` roles, a recruiting page's side navigation lists the tools,
    // not the first roles, so renaming one of those roles does not touch every checklist.
    let dir = common::copy_fixture("basic");
    for i in 0..40 {
        common::write(
            dir.path(),
            &format!("content/roles/r{i:02}.md"),
            format!(
                "---\ntitle: Role {i:02}\nsummary: A role.\nsetting: Setting {}\nweight: {}\n\
                 person_spec:\n  - text: Criterion of role {i}\n    category: experience\n    \
                 need: essential\n    assessed_by: [interview]\n---\n\nBody.\n",
                i % 4,
                i + 10
            ),
        );
    }
    let (engine, update) = Engine::new(options(dir.path()));
    assert!(update.ok(), "{}", update.diagnostics.to_plain_string());
    let mut s = Site { dir, engine };
    let u = s.replace("content/roles/r01.md", "title: Role 01", "title: Role one");
    s.ok(&u, "role title edit");
    let changed: Vec<&str> = u.changed.iter().map(String::as_str).collect();
    assert!(changed.contains(&"roles/r01.html"), "{changed:?}");
    // Its neighbours in the side navigation (a window of 30 around it) show its title;
    // the roles further down do not.
    for far in [
        "roles/r30.html",
        "roles/r30/checklist.html",
        "roles/r39/checklist.html",
    ] {
        assert!(!changed.contains(&far), "{far} re-rendered: {changed:?}");
    }
    // The recruiting pages of other settings list no roles in their side navigation.
    for other in [
        "recruiting/matrix-by-setting/setting-0.html",
        "recruiting/pathway/setting-2.html",
        "recruiting/matrix.html",
        "recruiting/pathway.html",
    ] {
        assert!(
            !changed.contains(&other),
            "{other} re-rendered: {changed:?}"
        );
    }
}

#[test]
fn exports_follow_the_pages_of_an_edit() {
    // serve reloads the pages of a role-title edit first, then writes roles.json and
    // graph.json (`Engine::render_exports`); `apply` does both.
    let mut s = Site::new();
    let text = s.read("content/roles/worker.md");
    common::write(
        s.root(),
        "content/roles/worker.md",
        text.replacen("title: Support worker", "title: Night support worker", 1),
    );
    let mut changes = Changes::default();
    changes.content.push(s.path("content/roles/worker.md"));
    let pages = s.engine.apply_pages(&changes);
    assert!(pages.ok(), "{}", pages.diagnostics.to_plain_string());
    assert!(pages.changed.iter().any(|c| c == "roles/worker.html"));
    assert!(
        !pages.changed.iter().any(|c| c == "roles.json"),
        "{:?}",
        pages.changed
    );
    assert!(s.engine.exports_due());
    let stale = String::from_utf8_lossy(&s.engine.files()["roles.json"]).into_owned();
    assert!(!stale.contains("Night support worker"));
    let exports = s.engine.render_exports();
    assert!(!s.engine.exports_due());
    assert!(
        exports.changed.iter().any(|c| c == "roles.json"),
        "{:?}",
        exports.changed
    );
    let fresh = String::from_utf8_lossy(&s.engine.files()["roles.json"]).into_owned();
    assert!(fresh.contains("Night support worker"));
    s.engine.apply(&Changes::default());
    assert_same_as_full(&s.engine, s.root(), "after the exports");
}

#[test]
fn card_edits_patched_into_the_linked_site_match_a_full_build() {
    // Edits that change what other pages show of a page (a title, a summary, an item's
    // name, a weight that reorders a section) but no reference, link or id: `serve` puts
    // the page into the linked site in place and derives the model and the plan again.
    // Every output must still be a clean build's, byte for byte.
    let mut s = Site::new();
    let steps: [(&str, &str, &str, &str); 6] = [
        (
            "role title",
            "content/roles/worker.md",
            "title: Support worker",
            "title: Senior support worker",
        ),
        (
            "role title again",
            "content/roles/worker.md",
            "title: Senior support worker",
            "title: Assistant support worker",
        ),
        (
            "framework item name",
            "content/frameworks/skills.md",
            "name: Listening",
            "name: Active listening",
        ),
        (
            "framework item summary",
            "content/frameworks/skills.md",
            "summary: Hearing what is said.",
            "summary: Hearing what is said, and what is not.",
        ),
        (
            "guidance title",
            "content/guidance/meetings.md",
            "title: Meetings",
            "title: Zebra meetings",
        ),
        (
            "guidance title that moves it first",
            "content/guidance/meetings.md",
            "title: Zebra meetings",
            "title: Agendas and meetings",
        ),
    ];
    for (step, rel, from, to) in steps {
        let u = s.replace(rel, from, to);
        s.ok(&u, step);
    }
    // A title and a body edited together, and a page given a weight.
    let text = s.read("content/roles/manager.md");
    let edited = text.replacen("title: ", "title: Deputy ", 1).replacen(
        "---\n\n",
        "---\n\nA new first paragraph.\n\n",
        1,
    );
    let u = s.edit(&[("content/roles/manager.md", &edited)]);
    s.ok(&u, "title and body");
    let u = s.replace(
        "content/guidance/meetings.md",
        "title: Agendas and meetings\n",
        "title: Agendas and meetings\nweight: 1\n",
    );
    s.ok(&u, "weight");
    // A reference added: the graph changes, so the site is linked again.
    let u = s.replace(
        "content/guidance/meetings.md",
        "related: [roles/worker]",
        "related: [roles/worker, roles/manager]",
    );
    s.ok(&u, "reference added");
}

/// The first line of `rel` that starts with `field`, for a test to edit.
fn line_starting(root: &Path, rel: &str, field: &str) -> String {
    common::read(root, rel)
        .lines()
        .find(|l| l.trim_start().starts_with(field))
        .unwrap_or_else(|| panic!("{rel} has no `{field}` line"))
        .to_string()
}

#[test]
fn card_edits_on_a_generated_roles_heavy_site_match_a_full_build() {
    // Many roles sharing settings and frameworks (split matrices, pathways, comparison
    // data): a role's title, a framework item's name and a guidance page's title, each
    // patched in and compared with a full build, file by file.
    let generated = tempfile::tempdir().expect("tempdir");
    let from = common::generate_corpus("roles-heavy", 400, generated.path());
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["content", "handbook.yml"] {
        std::fs::rename(from.join(name), dir.path().join(name)).expect("move the corpus");
    }
    let (engine, update) = Engine::new(options(dir.path()));
    assert!(update.ok(), "{}", update.diagnostics.to_plain_string());
    let mut s = Site { dir, engine };
    let role = "content/roles/role-00100.md";
    let framework = "content/frameworks/framework-005.md";
    let guidance = "content/guidance/guidance-00005.md";
    let title = line_starting(s.root(), role, "title:");
    let renamed = title.replacen("title: \"", "title: \"Acting ", 1);
    let u = s.replace(role, &title, &renamed);
    s.ok(&u, "generated role title");
    let item = line_starting(s.root(), framework, "name:");
    let revised = match item.strip_suffix('"') {
        Some(open) => format!("{open} (revised)\""),
        None => format!("{item} (revised)"),
    };
    let u = s.replace(framework, &item, &revised);
    s.ok(&u, "generated item name");
    let title = line_starting(s.root(), guidance, "title:");
    let u = s.replace(
        guidance,
        &title,
        &title.replacen("title: \"", "title: \"A ", 1),
    );
    s.ok(&u, "generated guidance title");
}
