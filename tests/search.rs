//! Search: what `handbook build` writes under `search/`, read back the way the browser
//! reads it. The browser half (ranking, the UI) is tested in tests/browser/search.test.mjs.

mod common;
#[path = "search/corpus.rs"]
mod corpus;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use common::{build, copy_fixture, read};
use handbook::BuildOptions;
use handbook::index::shards::decode_postings;
use handbook::index::tokenize;
use serde_json::Value;

const STEMS: &str = "tests/fixtures/search/stems.tsv";
const TERMS: &str = "tests/fixtures/search/terms.tsv";

/// A built index, read from disk.
struct Index {
    dir: PathBuf,
    manifest: Value,
}

/// The JSON inside a `handbookSearch("name", ...);` script.
fn script_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = text.find(',').expect("a registration call") + 1;
    let end = text.rfind(");").expect("a closed call");
    serde_json::from_str(&text[start..end]).expect("JSON data")
}

impl Index {
    fn open(site: &Path) -> Index {
        let dir = site.join("search");
        let manifest = script_json(&dir.join("manifest.js"));
        Index { dir, manifest }
    }

    fn shard_of(&self, term: &str) -> usize {
        let firsts: Vec<&str> = self.manifest["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        firsts.partition_point(|f| *f <= term).saturating_sub(1)
    }

    /// Postings of an exact term.
    fn postings(&self, term: &str) -> Vec<handbook::index::shards::Decoded> {
        let shard = script_json(&self.dir.join(format!("t{}.js", self.shard_of(term))));
        let terms = shard["t"].as_array().unwrap();
        match terms.iter().position(|t| t == term) {
            Some(i) => decode_postings(shard["p"][i].as_str().unwrap()),
            None => Vec::new(),
        }
    }

    /// Every document record, by id.
    fn records(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for i in 0..self.manifest["docs"].as_array().unwrap().len() {
            let shard = script_json(&self.dir.join(format!("d{i}.js")));
            out.extend(shard.as_array().unwrap().iter().cloned());
        }
        assert_eq!(out.len() as u64, self.manifest["n"].as_u64().unwrap());
        out
    }

    fn url(&self, records: &[Value], doc: u32) -> String {
        records[doc as usize][1].as_str().unwrap().to_string()
    }

    /// URLs of the documents holding every term of `query`, as the browser looks them up.
    fn find(&self, query: &str) -> BTreeSet<String> {
        let records = self.records();
        let mut result: Option<BTreeSet<String>> = None;
        let mut words = Vec::new();
        tokenize::terms(query, |t| words.push(t));
        for t in words {
            let urls: BTreeSet<String> = self
                .postings(&t)
                .iter()
                .map(|p| self.url(&records, p.doc))
                .collect();
            result = Some(match result {
                Some(r) => r.intersection(&urls).cloned().collect(),
                None => urls,
            });
        }
        result.unwrap_or_default()
    }

    /// `[kind, organisation, grade]` labels of a document, from the range table.
    fn facets(&self, doc: u32) -> [Option<String>; 3] {
        let ranges = self.manifest["ranges"].as_array().unwrap();
        let row = ranges
            .iter()
            .rev()
            .find(|r| r[0].as_u64().unwrap() <= doc as u64)
            .unwrap();
        let pick = |list: &str, i: &Value, col: usize| -> Option<String> {
            let i = i.as_i64()?;
            if i < 0 {
                return None;
            }
            let v = &self.manifest[list][i as usize];
            Some(if col == 0 {
                v[0].as_str()?.to_string()
            } else {
                v.as_str()?.to_string()
            })
        };
        [
            pick("kinds", &row[1], 0),
            pick("organisations", &row[2], 1),
            pick("grades", &row[3], 2),
        ]
    }
}

fn bundled() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out =
            std::env::temp_dir().join(format!("handbook-search-bundled-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let mut options = BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
        options.output = Some(out.clone());
        let outcome = handbook::build(&options);
        assert!(outcome.ok(), "{:?}", outcome.diagnostics);
        out
    })
}

fn all_files_text(dir: &Path) -> String {
    let mut all = String::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            all.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    all
}

#[test]
fn stems_match_the_shared_list() {
    // The same list is checked against search.js by the browser tests, so the Rust and the
    // JavaScript stemmers agree. UPDATE_SEARCH_STEMS=1 rewrites the expected column.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(STEMS);
    let text = std::fs::read_to_string(&path).expect("stems list");
    let mut fixed = String::new();
    let mut wrong = Vec::new();
    for line in text.lines() {
        let (word, expected) = line.split_once('\t').unwrap_or((line, ""));
        let got = tokenize::stem(word);
        if got != expected {
            wrong.push(format!("{word}: expected {expected}, got {got}"));
        }
        fixed.push_str(&format!("{word}\t{got}\n"));
    }
    if std::env::var_os("UPDATE_SEARCH_STEMS").is_some() {
        std::fs::write(&path, fixed).expect("write stems");
        return;
    }
    assert!(
        text.lines().count() > 2000,
        "the list covers the handbook's words"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(tokenize::stem("supervising"), tokenize::stem("supervision"));
}

#[test]
fn tokenizer_matches_the_shared_sentences() {
    // Also checked against search.js. UPDATE_SEARCH_STEMS=1 rewrites the expected column.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TERMS);
    let text = std::fs::read_to_string(&path).expect("terms list");
    let mut fixed = String::new();
    for line in text.lines() {
        let (sentence, expected) = line.split_once('\t').unwrap_or((line, ""));
        let mut got = Vec::new();
        tokenize::terms(sentence, |t| got.push(t));
        fixed.push_str(&format!("{sentence}\t{}\n", got.join(" ")));
        if std::env::var_os("UPDATE_SEARCH_STEMS").is_none() {
            assert_eq!(got.join(" "), expected, "terms of {sentence:?}");
        }
    }
    if std::env::var_os("UPDATE_SEARCH_STEMS").is_some() {
        std::fs::write(&path, fixed).expect("write terms");
    }
}

#[test]
fn drafts_and_internal_pages_never_reach_the_index() {
    let site = copy_fixture("basic");
    let outcome = build(site.path());
    assert!(outcome.ok(), "{:?}", outcome.diagnostics);
    let out = site.path().join("public");
    let mut index_text = all_files_text(&out.join("search"));
    index_text.push_str(&read(&out, "search.html"));
    for needle in [
        "DRAFT-ONLY-SENTENCE",
        "INTERNAL-ONLY-SENTENCE",
        "drafts/secret.html",
        "internal.html",
        "Draft page",
        "Internal page",
    ] {
        assert!(
            !index_text.contains(needle),
            "{needle} leaked into the search index"
        );
    }
    // The same check finds them when the build includes them, so it can see a leak.
    let mut options = BuildOptions::new(site.path());
    options.drafts = true;
    options.include_internal = true;
    options.output = Some(site.path().join("with-all"));
    assert!(handbook::build(&options).ok());
    let all = all_files_text(&site.path().join("with-all/search"));
    assert!(all.contains("DRAFT-ONLY-SENTENCE") && all.contains("INTERNAL-ONLY-SENTENCE"));
}

#[test]
fn every_published_page_is_indexed_with_its_fields() {
    let site = copy_fixture("basic");
    assert!(build(site.path()).ok());
    let out = site.path().join("public");
    let index = Index::open(&out);
    let records = index.records();
    let urls: BTreeSet<String> = records
        .iter()
        .map(|r| r[1].as_str().unwrap().to_string())
        .collect();
    // Every published content page is a document (the fixture's draft and internal pages
    // are not published), and so is every framework item's page.
    let content = site.path().join("content");
    for e in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".md") || rel == "drafts/secret.md" || rel == "internal.md" {
            continue;
        }
        let (key, section) = handbook::parse::key_for(&rel);
        let url = handbook::parse::url_for(&key, section);
        assert!(urls.contains(&url), "{url} is not in the index");
    }
    assert!(
        urls.contains("frameworks/skills/listening.html"),
        "{urls:?}"
    );
    // A role: title, summary, headings with ids, kind, organisation, grade, tags.
    let (id, worker) = records
        .iter()
        .enumerate()
        .find(|(_, r)| r[1] == "roles/worker.html")
        .expect("the worker role");
    assert_eq!(worker[0], "Support worker");
    assert_eq!(worker[2], "Supports residents.");
    let sections = worker[4].as_array().unwrap();
    assert!(
        sections.iter().any(|s| s[0] == "Main duties"
            && s[1] == "main-duties"
            && s[2].as_str().unwrap().contains("MAPPA arrangements")),
        "{sections:?}"
    );
    assert!(
        sections
            .iter()
            .any(|s| s[1] == "spec-heading" && s[2].as_str().unwrap().contains("driving licence"))
    );
    assert_eq!(
        index.facets(id as u32),
        [
            Some("role".into()),
            Some("Example Trust".into()),
            Some("Band 4".into())
        ]
    );
    for (query, expected) in [
        ("support worker", "roles/worker.html"),     // title
        ("main duties", "roles/worker.html"),        // heading
        ("supports residents", "roles/worker.html"), // summary
        ("residential care", "roles/worker.html"),   // tag and setting
        ("example trust", "roles/worker.html"),      // organisation
        ("band 4", "roles/worker.html"),             // grade
        ("driving licence", "roles/worker.html"),    // person specification
    ] {
        assert!(
            index.find(query).contains(expected),
            "{query} should find {expected}"
        );
    }
    // Title and heading words carry the flags the browser ranks by.
    let support = index.postings(&tokenize::stem("support"));
    assert!(support.iter().any(|p| p.doc == id as u32 && p.title));
    let duties = index.postings(&tokenize::stem("duties"));
    assert!(
        duties
            .iter()
            .any(|p| p.doc == id as u32 && p.label && !p.title)
    );
}

#[test]
fn stemming_finds_supervision_when_asked_for_supervising() {
    let index = Index::open(bundled());
    let found = index.find("supervising");
    for page in [
        "guidance/clinical-supervision.html",
        "training/reflective-practice/clinical-supervision.html",
    ] {
        assert!(found.contains(page), "{page} missing from {found:?}");
    }
}

#[test]
fn an_abbreviation_finds_every_page_that_mentions_it() {
    // Every source file that says MAPPA (in front matter or body) must be found by it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut expected = BTreeSet::new();
    for e in walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file()
            && std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains("MAPPA")
        {
            let rel = e
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let (key, section) = handbook::parse::key_for(&rel);
            expected.insert(handbook::parse::url_for(&key, section));
        }
    }
    assert!(
        expected.len() >= 5,
        "the handbook mentions MAPPA on several pages: {expected:?}"
    );
    let index = Index::open(bundled());
    let found: BTreeSet<String> = index
        .find("MAPPA")
        .into_iter()
        .map(|u| u.split('#').next().unwrap().to_string())
        .collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    assert!(missing.is_empty(), "MAPPA not found on {missing:?}");
    // Short capitals are kept whole even where a stop word looks the same.
    assert_eq!(tokenize::stem("mappa"), "mappa");
}

#[test]
fn every_page_has_a_search_box_and_the_results_page_works_without_javascript() {
    let out = bundled();
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let html = read(out, &rel);
        let base = "../".repeat(rel.matches('/').count());
        assert!(
            html.contains(&format!("<form class=\"site-search no-print\" role=\"search\" action=\"{base}search.html\" method=\"get\"")),
            "{rel} has no search form to the results page"
        );
        assert!(html.contains("name=\"q\""));
        assert!(html.contains(&format!("src=\"{base}js/search.js\" defer")));
        assert!(!html.contains("<script>"), "{rel}: no inline script");
    }
    let page = read(out, "search.html");
    assert!(page.contains("Searching needs JavaScript"));
    assert!(page.contains("id=\"search-page-input\""));
    // Readers without JavaScript get every page as a list.
    for link in [
        "roles/dtc-group-psychotherapist.html",
        "glossary.html",
        "guidance/risk-processes.html",
    ] {
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "{link} missing from the static list"
        );
    }
}

/// Bytes the browser loads for a query typed letter by letter into the results page and
/// shown there: the manifest, every term shard a keystroke needs (as search.js chooses
/// them), and the doc shards of the first page of results, bounded by the largest ones.
fn first_query_bytes(site: &Path, query: &str) -> (usize, usize, usize) {
    let index = Index::open(site);
    let size = |name: String| {
        std::fs::metadata(index.dir.join(name))
            .map(|m| m.len() as usize)
            .unwrap_or(0)
    };
    let mut term_shards = BTreeSet::new();
    for end in 2..=query.len() {
        let typed = &query[..end];
        let typing = !typed.ends_with(' ');
        let words: Vec<&str> = typed.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let lower = w.to_lowercase();
            let mut exact = Vec::new();
            tokenize::terms(w, |t| exact.push(t));
            exact.push(lower.clone());
            for t in &exact {
                term_shards.insert(index.shard_of(t));
            }
            if typing && i + 1 == words.len() && lower.len() >= 2 {
                for k in 4.max(lower.len().saturating_sub(3))..lower.len() {
                    term_shards.insert(index.shard_of(&lower[..k]));
                }
                let first = index.shard_of(&lower);
                let last = index.shard_of(&format!("{lower}\u{10ffff}"));
                for s in first..=last.min(first + 1) {
                    term_shards.insert(s);
                }
            }
        }
    }
    let manifest = size("manifest.js".into());
    let terms: usize = term_shards.iter().map(|s| size(format!("t{s}.js"))).sum();
    let mut doc_sizes: Vec<usize> = (0..index.manifest["docs"].as_array().unwrap().len())
        .map(|i| size(format!("d{i}.js")))
        .collect();
    doc_sizes.sort_unstable_by(|a, b| b.cmp(a));
    let docs: usize = doc_sizes.iter().take(20).sum();
    (manifest, terms, docs)
}

const SAMPLE_QUERIES: &[&str] = &[
    "supervising",
    "risk assessment",
    "reflective practice groups",
    "therapeutic community meetings",
];

fn generated_site(
    pages: usize,
) -> (
    tempfile::TempDir,
    PathBuf,
    std::time::Duration,
    handbook::index::IndexStats,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write(dir.path(), pages, 42);
    let started = std::time::Instant::now();
    let outcome = build(dir.path());
    let elapsed = started.elapsed();
    assert!(outcome.ok(), "{}", outcome.diagnostics.to_plain_string());
    let out = dir.path().join("public");
    (dir, out, elapsed, outcome.search.expect("index stats"))
}

/// The index alone of a generated handbook, written to a temporary folder.
fn generated_index(pages: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (files, stats) = handbook::index::shards::build(corpus::documents(pages, 42), &[]);
    assert_eq!(stats.documents, pages);
    for f in files {
        let path = dir.path().join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.bytes).unwrap();
    }
    let out = dir.path().to_path_buf();
    (dir, out)
}

#[test]
fn the_first_query_of_a_10000_page_handbook_loads_at_most_1_mb() {
    // The index stage on 10,000 generated pages (the whole build of them is measured by
    // `figures_for_large_handbooks`, too slow for a debug-mode test).
    let (_dir, out) = generated_index(10_000);
    let index = Index::open(&out);
    for q in SAMPLE_QUERIES {
        let (manifest, terms, docs) = first_query_bytes(&out, q);
        let total = manifest + terms + docs;
        assert!(
            total <= 1_000_000,
            "{q}: manifest {manifest} + terms {terms} + docs {docs} = {total} bytes"
        );
        assert!(terms > 0 && docs > 0);
    }
    // The queries are real: their words are in the generated text.
    assert!(!index.find("supervising").is_empty());
    assert!(!index.find("risk assessment").is_empty());
}

#[test]
fn the_first_query_of_a_100000_page_handbook_loads_at_most_3_mb() {
    // The index stage alone on 100,000 generated pages (a whole build of them is in
    // `figures_for_large_handbooks` and docs/SEARCH.md).
    let (_dir, out) = generated_index(100_000);
    for q in SAMPLE_QUERIES {
        let (manifest, terms, docs) = first_query_bytes(&out, q);
        let total = manifest + terms + docs;
        assert!(
            total <= 3_000_000,
            "{q}: manifest {manifest} + terms {terms} + docs {docs} = {total} bytes"
        );
    }
    assert!(!Index::open(&out).find("supervising").is_empty());
}

/// Misspelt forms of words the generated text uses (a swap, a dropped letter, a wrong
/// letter, two edits in a long word), with the word each must be corrected to.
const MISSPELT_QUERIES: &[(&str, &str)] = &[
    ("supervsing", "supervising"),
    ("risk asessment", "risk assessment"),
    ("reflectvie practice groups", "reflective practice groups"),
    (
        "therapeutic comunity meetings",
        "therapeutic community meetings",
    ),
    ("safegaurding", "safeguarding"),
    ("psychodrma", "psychodrama"),
];

/// What each query costs to download, as the real search.js loads it in node: typed letter
/// by letter into the popup, then the first page of results (`tests/browser/search-bytes.mjs`).
/// `None` where node is not installed (CI has it: `.ci/run` runs the browser tests).
fn downloaded_by_search_js(site: &Path, queries: &[&str]) -> Option<Vec<Value>> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(site.join("js")).unwrap();
    std::fs::copy(
        repo.join("themes/default/static/js/search.js"),
        site.join("js/search.js"),
    )
    .unwrap();
    let out = match std::process::Command::new("node")
        .arg(repo.join("tests/browser/search-bytes.mjs"))
        .arg(site)
        .args(queries)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: node is not available ({e})");
            return None;
        }
    };
    assert!(
        out.status.success(),
        "search-bytes.mjs failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), queries.len());
    Some(lines)
}

/// Point 1 of the forgiving-search issue: a misspelt word costs its correction's word
/// lists and term shards on top of the query's own, and the whole still fits the budget.
/// Every query is checked to have gone through the correction (its suggestion), so the
/// figure is the cost of the typo path, not of a query that happened to match.
fn misspelt_queries_fit(pages: usize, limit: u64) {
    let (_dir, out) = generated_index(pages);
    let queries: Vec<&str> = MISSPELT_QUERIES
        .iter()
        .map(|(q, _)| *q)
        .chain(SAMPLE_QUERIES.iter().copied())
        .collect();
    let Some(lines) = downloaded_by_search_js(&out, &queries) else {
        return;
    };
    // The suggestion is written as the best result writes the corrected term (a stem), so
    // it is compared by its terms: "supervsing" may be suggested as "supervision".
    let terms = |text: &str| {
        let mut out = Vec::new();
        tokenize::terms(text, |t| out.push(t));
        out
    };
    for (line, (q, want)) in lines.iter().zip(MISSPELT_QUERIES) {
        let suggestion = line["suggestion"].as_str().unwrap_or_default();
        assert_eq!(terms(suggestion), terms(want), "{q}: {line}");
        assert!(line["wordLists"].as_u64().unwrap() > 0, "{q}: {line}");
    }
    for line in &lines {
        let bytes = line["bytes"].as_u64().unwrap();
        eprintln!("{pages} pages: {line}");
        assert!(line["results"].as_u64().unwrap() > 0, "{line}");
        assert!(bytes <= limit, "{pages} pages: over {limit} bytes: {line}");
    }
}

#[test]
fn misspelt_first_queries_of_a_10000_page_handbook_load_at_most_1_mb() {
    misspelt_queries_fit(10_000, 1_000_000);
}

#[test]
fn misspelt_first_queries_of_a_100000_page_handbook_load_at_most_3_mb() {
    misspelt_queries_fit(100_000, 3_000_000);
}

fn dir_stats(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            files += 1;
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (files, bytes)
}

/// Figures for docs/SEARCH.md: `cargo test --release --test search -- --ignored --nocapture`.
#[test]
#[ignore]
fn figures_for_large_handbooks() {
    let sizes: Vec<usize> = std::env::var("SEARCH_FIGURE_PAGES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let mut report = HashMap::new();
    for pages in sizes {
        let (_dir, out, elapsed, stats) = generated_site(pages);
        let (site_files, site_bytes) = dir_stats(&out);
        println!(
            "{pages} pages: build {:.1} s (index stage {:.1} s); site {site_files} files, {:.1} MB; \
             index {} documents, {} terms, {} postings, {} files ({} term shards, {} doc shards), {:.1} MB, manifest {:.0} kB",
            elapsed.as_secs_f64(),
            stats.elapsed.as_secs_f64(),
            site_bytes as f64 / 1e6,
            stats.documents,
            stats.terms,
            stats.postings,
            stats.files,
            stats.term_shards,
            stats.doc_shards,
            stats.total_bytes as f64 / 1e6,
            stats.manifest_bytes as f64 / 1e3,
        );
        for q in SAMPLE_QUERIES {
            let (m, t, d) = first_query_bytes(&out, q);
            println!(
                "  first query {q:?}: manifest {:.0} kB + term shards {:.0} kB + doc shards (20 largest) {:.0} kB = {:.0} kB",
                m as f64 / 1e3,
                t as f64 / 1e3,
                d as f64 / 1e3,
                (m + t + d) as f64 / 1e3
            );
            report.insert((pages, *q), m + t + d);
        }
    }
    for ((pages, q), bytes) in report {
        let limit = if pages <= 10_000 {
            1_000_000
        } else {
            3_000_000
        };
        assert!(bytes <= limit, "{pages} pages, {q}: {bytes} bytes");
    }
}

/// Writes a generated handbook for benchmarks: `scripts/gen_search_corpus.sh DIR PAGES`.
#[test]
#[ignore]
fn write_generated_corpus() {
    let Some(out) = std::env::var_os("SEARCH_CORPUS_OUT") else {
        return;
    };
    let pages = std::env::var("SEARCH_CORPUS_PAGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    corpus::write(Path::new(&out), pages, 42);
    println!(
        "wrote a {pages}-page handbook to {}",
        Path::new(&out).display()
    );
}

/// Writes a generated index (no pages) for measuring search.js by hand:
/// `SEARCH_INDEX_OUT=DIR SEARCH_INDEX_PAGES=10000 cargo test --test search write_generated_index -- --ignored`,
/// then `node tests/browser/search-bytes.mjs DIR QUERY...` (copy search.js to DIR/js/ first).
#[test]
#[ignore]
fn write_generated_index() {
    let Some(out) = std::env::var_os("SEARCH_INDEX_OUT") else {
        return;
    };
    let pages = std::env::var("SEARCH_INDEX_PAGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let (files, _) = handbook::index::shards::build(corpus::documents(pages, 42), &[]);
    for f in files {
        let path = Path::new(&out).join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.bytes).unwrap();
    }
}
