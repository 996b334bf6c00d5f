//! A generated handbook of any size, for measuring search at scale.
//!
//! Deterministic (a fixed seed): roles (with organisations and grades), guidance, training
//! modules in programmes, frameworks with items, and one glossary. Pages read like
//! handbook pages to the indexer: real words from the bundled handbook drawn with a Zipf
//! distribution, plus a few new names per page so the vocabulary grows with the corpus the
//! way real text does (Heaps' law). About 700 words a page.

use std::fmt::Write as _;
use std::path::Path;

/// Real English: the shared stemming list's words (from the bundled handbook).
const WORDS: &str = include_str!("../fixtures/search/stems.tsv");

/// A small, fast, deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A rank in 0..n, log-uniform: the Zipf shape of word frequencies.
    pub fn zipf(&mut self, n: usize) -> usize {
        (((n as f64).ln() * self.unit()).exp() as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ven", "dor", "mi", "sa", "tur", "bel", "no", "rin", "ga", "thu", "pe", "las",
    "cor", "vi", "den", "mo", "ral", "si", "quen", "ta", "bro", "lin",
];

fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// The vocabulary and the growing list of names.
struct Vocabulary {
    words: Vec<&'static str>,
    names: Vec<String>,
}

impl Vocabulary {
    fn new(rng: &mut Rng) -> Vocabulary {
        let mut words: Vec<&'static str> = WORDS
            .lines()
            .filter_map(|l| l.split('\t').next())
            .filter(|w| w.len() > 2)
            .collect();
        for i in (1..words.len()).rev() {
            words.swap(i, rng.below(i + 1));
        }
        Vocabulary {
            words,
            names: Vec::new(),
        }
    }
    fn word(&self, rng: &mut Rng) -> String {
        if !self.names.is_empty() && rng.below(25) == 0 {
            return self.names[rng.zipf(self.names.len())].clone();
        }
        self.words[rng.zipf(self.words.len())].to_string()
    }
    fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = self.word(rng);
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(&w);
            }
        }
        s.push('.');
        s
    }
    fn title(&self, rng: &mut Rng) -> String {
        let n = 2 + rng.below(4);
        let s = self.sentence(rng, n);
        s.trim_end_matches('.').to_string()
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes a site of about `pages` pages under `root`.
pub fn write(root: &Path, pages: usize, seed: u64) {
    let mut rng = Rng::new(seed);
    let mut vocab = Vocabulary::new(&mut rng);
    let content = root.join("content");
    let put = |rel: &str, text: &str| {
        let path = content.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(root.join("handbook.yml"), "title: Generated handbook\n").expect("config");
    put(
        "_index.md",
        "---\ntitle: Generated handbook\n---\n\nA generated handbook for measuring search.\n",
    );
    for (dir, title) in [
        ("roles", "Roles"),
        ("guidance", "Guidance"),
        ("frameworks", "Frameworks"),
        ("training", "Training"),
    ] {
        put(
            &format!("{dir}/_index.md"),
            &format!("---\ntitle: {title}\n---\n\nThe {dir}.\n"),
        );
    }
    let frameworks = (pages / 500).max(1);
    let programmes = (pages / 200).max(1);
    let mut terms = String::from("---\ntitle: Glossary\nkind: glossary\nterms:\n");
    for t in 0..(pages / 20).clamp(10, 2000) {
        let abbr: String = (0..3 + rng.below(2))
            .map(|_| (b'A' + rng.below(26) as u8) as char)
            .collect();
        let _ = writeln!(
            terms,
            "  - id: t{t}\n    term: {}\n    abbreviation: {abbr}\n    definition: {}",
            quote(&vocab.title(&mut rng)),
            quote(&vocab.sentence(&mut rng, 20))
        );
    }
    terms.push_str("---\n\nEvery term used in the generated handbook.\n");
    put("glossary.md", &terms);
    for f in 0..frameworks {
        let mut fm = format!("---\ntitle: {}\nitems:\n", quote(&vocab.title(&mut rng)));
        for i in 0..20 {
            let _ = writeln!(
                fm,
                "  - id: item-{i}\n    name: {}\n    number: {}\n    summary: {}",
                quote(&vocab.title(&mut rng)),
                i + 1,
                quote(&vocab.sentence(&mut rng, 18))
            );
        }
        fm.push_str("---\n\n");
        fm.push_str(&vocab.sentence(&mut rng, 40));
        put(&format!("frameworks/framework-{f}.md"), &fm);
    }
    for p in 0..programmes {
        put(
            &format!("training/programme-{p}/_index.md"),
            &format!(
                "---\ntitle: {}\n---\n\n{}\n",
                quote(&vocab.title(&mut rng)),
                vocab.sentence(&mut rng, 30)
            ),
        );
    }
    let written = 6 + frameworks + programmes;
    let mut pages_rng = Rng::new(seed ^ 0x5eed);
    for page in bulk_pages(
        pages.saturating_sub(written),
        programmes,
        &mut pages_rng,
        &mut vocab,
    ) {
        put(&page.path, &page.markdown());
    }
}

/// One generated content page.
pub struct GenPage {
    pub path: String,
    pub title: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub organisation: Option<String>,
    pub grade: Option<String>,
    pub minutes: Option<usize>,
    pub intro: String,
    pub sections: Vec<(String, Vec<String>)>,
}

impl GenPage {
    fn markdown(&self) -> String {
        let mut fm = format!(
            "---\ntitle: {}\nsummary: {}\ntags: [{}]\n",
            quote(&self.title),
            quote(&self.summary),
            self.tags.join(", ")
        );
        if let Some(o) = &self.organisation {
            let _ = writeln!(fm, "organisation: {}", quote(o));
        }
        if let Some(g) = &self.grade {
            let _ = writeln!(fm, "grade: {g}");
        }
        if let Some(m) = self.minutes {
            let _ = writeln!(fm, "duration_minutes: {m}");
        }
        fm.push_str("---\n\n");
        fm.push_str(&self.intro);
        fm.push_str("\n\n");
        for (heading, paragraphs) in &self.sections {
            let _ = write!(fm, "## {heading}\n\n");
            for p in paragraphs {
                fm.push_str(p);
                fm.push_str("\n\n");
            }
        }
        fm
    }

    /// The search document the build makes of this page (without rendering it).
    pub fn document(&self) -> handbook::index::documents::SearchDoc {
        use handbook::index::documents::{SearchDoc, Section, collapse};
        let kind = match self.path.split('/').next() {
            Some("roles") => "role",
            Some("guidance") => "guidance",
            _ => "module",
        };
        let mut sections = vec![Section {
            heading: String::new(),
            id: String::new(),
            text: self.intro.clone(),
        }];
        for (heading, paragraphs) in &self.sections {
            sections.push(Section {
                heading: heading.clone(),
                id: handbook::markdown::slugify(heading),
                text: collapse(&paragraphs.join(" ")),
            });
        }
        SearchDoc {
            title: self.title.clone(),
            url: self.path.replace(".md", ".html"),
            kind,
            organisation: self.organisation.clone(),
            grade: self.grade.clone(),
            tags: self.tags.clone(),
            summary: self.summary.clone(),
            context: String::new(),
            sections,
            scope: None,
        }
    }
}

fn bulk_pages(
    count: usize,
    programmes: usize,
    rng: &mut Rng,
    vocab: &mut Vocabulary,
) -> Vec<GenPage> {
    let organisations: Vec<String> = (0..24)
        .map(|_| format!("{} Trust", vocab.title(rng)))
        .collect();
    let grades: Vec<String> = (1..=9).map(|b| format!("Band {b}")).collect();
    let tags: Vec<String> = (0..40).map(|_| vocab.word(rng)).collect();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        for _ in 0..2 {
            let n = name(rng);
            vocab.names.push(n);
        }
        let title = vocab.title(rng);
        let summary = vocab.sentence(rng, 18);
        let page_tags = vec![
            tags[rng.below(tags.len())].clone(),
            tags[rng.below(tags.len())].clone(),
        ];
        let (path, organisation, grade, minutes) = match i % 10 {
            0 => (
                format!("roles/role-{i}.md"),
                Some(organisations[rng.zipf(organisations.len())].clone()),
                Some(grades[rng.below(grades.len())].clone()),
                None,
            ),
            1..=4 => (format!("guidance/page-{i}.md"), None, None, None),
            _ => (
                format!("training/programme-{}/module-{i}.md", rng.below(programmes)),
                None,
                None,
                Some(30 + rng.below(8) * 15),
            ),
        };
        let intro = vocab.sentence(rng, 30);
        let mut sections = Vec::new();
        for _ in 0..5 + rng.below(3) {
            let heading = vocab.title(rng);
            let mut paragraphs = Vec::new();
            for _ in 0..2 + rng.below(2) {
                let mut para = String::new();
                for _ in 0..3 + rng.below(3) {
                    let n = 8 + rng.below(12);
                    para.push_str(&vocab.sentence(rng, n));
                    para.push(' ');
                }
                paragraphs.push(para.trim_end().to_string());
            }
            sections.push((heading, paragraphs));
        }
        out.push(GenPage {
            path,
            title,
            summary,
            tags: page_tags,
            organisation,
            grade,
            minutes,
            intro,
            sections,
        });
    }
    out
}

/// The search documents of a generated handbook of `pages` pages, without building it:
/// for measuring the index alone (fast enough for a debug-mode test).
pub fn documents(pages: usize, seed: u64) -> Vec<handbook::index::documents::SearchDoc> {
    let mut rng = Rng::new(seed);
    let mut vocab = Vocabulary::new(&mut rng);
    let programmes = (pages / 200).max(1);
    let mut pages_rng = Rng::new(seed ^ 0x5eed);
    bulk_pages(pages, programmes, &mut pages_rng, &mut vocab)
        .iter()
        .map(GenPage::document)
        .collect()
}
