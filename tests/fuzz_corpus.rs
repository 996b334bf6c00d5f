//! The fuzz targets on the stable toolchain: every seed of `fuzz/corpus/` and every input a
//! fuzzer once crashed on (`tests/fixtures/fuzz-regressions/TARGET/`) is replayed through
//! the same functions the cargo-fuzz targets call, and then a bounded number of inputs
//! mutated from the seeds by a seeded PRNG (the same inputs on every run).
//!
//! A crash found by `cargo fuzz` becomes a regression by copying its artifact into
//! `tests/fixtures/fuzz-regressions/TARGET/` (see fuzz/README.md).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use handbook::fuzzing;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 3] = [
    ("front_matter", fuzzing::front_matter),
    ("markdown", fuzzing::markdown),
    ("one_page_build", fuzzing::one_page_build),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Runs `target` on `input`; a panic becomes a failure naming the input.
fn run(name: &str, target: Target, label: &str, input: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| target(input))).map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let shown: String = String::from_utf8_lossy(input).chars().take(400).collect();
        format!("{name} on {label}: {msg}\ninput: {shown:?}")
    })
}

fn replay(dir_of: impl Fn(&str) -> PathBuf, require_files: bool) {
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let inputs = files(&dir_of(name));
        assert!(
            !require_files || !inputs.is_empty(),
            "no inputs in {}",
            dir_of(name).display()
        );
        for path in inputs {
            let bytes = std::fs::read(&path).expect("read input");
            if let Err(e) = run(name, target, &path.display().to_string(), &bytes) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_seed_of_the_fuzz_corpus_passes() {
    replay(|t| repo(&format!("fuzz/corpus/{t}")), true);
}

#[test]
fn every_input_that_once_crashed_a_fuzzer_passes() {
    replay(
        |t| repo(&format!("tests/fixtures/fuzz-regressions/{t}")),
        false,
    );
}

/// xorshift64*: a fixed seed gives the same inputs on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that matter to YAML, Markdown, links and HTML.
const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    "\t",
    "\0",
    "\u{feff}",
    "\r\n",
    ": ",
    "- ",
    "> ",
    "  ",
    "[",
    "]",
    "](",
    ")",
    "{",
    "}",
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "? ",
    "|\n",
    "\"",
    "'",
    "#",
    "../",
    "%2e%2e/",
    ".md",
    "javascript:",
    "data:",
    "<script>",
    "</script>",
    "<img src=x onerror=",
    "{{ ",
    " }}",
    "```",
    "`",
    "*",
    "_",
    "~~",
    "|",
    "[^1]",
    "<!--",
    "-->",
    "&#x6a;",
    "é",
    "🎉",
    "\u{202e}",
    "title: ",
    "kind: role\n",
    "items:\n  - id: ",
    "person_spec:\n  - text: ",
    "terms:\n  - id: ",
    "draft: true\n",
    "classification: internal\n",
    "tags: [",
    "MAPPA",
    "DTC",
    "\u{ff}",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = at.min(data.len() - 1);
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, rng.next() as u8),
            2 => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(64)).min(data.len());
                let copy = data[at..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(128)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, t.iter().copied());
            }
        }
    }
    data.truncate(64 * 1024);
    data
}

/// Mutated inputs for each target, bounded in number (not time), so the test is as fast
/// and as repeatable on a loaded machine as on an idle one.
#[test]
fn seeded_mutations_of_the_corpus_pass() {
    let mut failures = Vec::new();
    for ((name, target), count) in TARGETS.into_iter().zip([600, 300, 25]) {
        let seeds: Vec<Vec<u8>> = files(&repo(&format!("fuzz/corpus/{name}")))
            .iter()
            .map(|p| std::fs::read(p).expect("read seed"))
            .collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
        for i in 0..count {
            let input = mutate(&mut rng, &seeds);
            if let Err(e) = run(name, target, &format!("mutation {i}"), &input) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
