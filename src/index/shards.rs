//! The index as files a browser can load from disk: an inverted index cut into term
//! shards, document records cut into doc shards, and a small manifest.
//!
//! Every file is a script that calls `handbookSearch(name, data)`, because `file://`
//! pages may not fetch files but may load scripts. The browser loads the manifest when
//! the search box is first used, then only the term shards its query's words fall in and
//! the doc shards of the results it shows, so the first query of a 100,000-page handbook
//! moves a few hundred kilobytes, not the whole index. `docs/SEARCH.md` has the measured
//! sizes and the reasons for this design.
//!
//! Document ids are assigned in (kind, organisation, grade) order, so the filters need
//! only a short table of id ranges rather than a value per document.
//!
//! Postings are `(document, impact)` pairs: a BM25 term weight (fields weighted: title,
//! headings, summary and tags, body) quantised to 1..31, plus flags when the word is in
//! the title or in a label (a heading, tag, organisation or grade), so the browser can
//! rank title matches first and heading matches next. Both numbers are base-64 varints
//! (the gap between document ids, then the impact): one character each for most postings.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};

use rayon::prelude::*;
use serde_json::{Value, json};

use super::documents::{SearchDoc, cap};
use super::tokenize::{self, STOP_WORDS};
use crate::parse::kinds::Kind;
use crate::plan::OutputFile;

/// Folder of the index in the output.
pub const DIR: &str = "search";
/// A term shard is closed once it holds this many bytes (a single long posting list may
/// exceed it; a term is never split).
pub const TERM_SHARD_BYTES: usize = 24 * 1024;
/// A doc shard is closed once it holds this many bytes.
pub const DOC_SHARD_BYTES: usize = 16 * 1024;
/// A word list shard (terms only, for typo tolerance) is closed once it holds this many
/// bytes.
pub const WORD_SHARD_BYTES: usize = 8 * 1024;

/// Field weights: a word in the title counts as eight in the body.
const TITLE_WEIGHT: f32 = 8.0;
const HEADING_WEIGHT: f32 = 3.0;
const SUMMARY_WEIGHT: f32 = 2.0;
const BODY_WEIGHT: f32 = 1.0;
/// BM25 parameters (the usual ones).
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Impacts are quantised to 1..=31; bit 32 marks a title word, bit 64 a label word.
const IMPACT_LEVELS: f32 = 31.0;
const TITLE_FLAG: u64 = 32;
const LABEL_FLAG: u64 = 64;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// What was built, for the build report and the benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexStats {
    /// Documents (pages, items, glossary terms).
    pub documents: usize,
    /// Distinct terms.
    pub terms: usize,
    /// (term, document) pairs.
    pub postings: usize,
    /// Term shard files.
    pub term_shards: usize,
    /// Doc shard files.
    pub doc_shards: usize,
    /// Bytes of the manifest.
    pub manifest_bytes: usize,
    /// Bytes of every index file together.
    pub total_bytes: usize,
    /// Index files written (shards and manifest).
    pub files: usize,
    /// Time the index stage took.
    pub elapsed: std::time::Duration,
}

/// Term to its postings, in document order.
type Inverted = HashMap<String, Vec<Posting>>;

#[derive(Clone, Copy)]
struct Posting {
    doc: u32,
    weight: f32,
    flags: u8,
}

/// Where in a document a term occurs, beyond its weight.
const IN_TITLE: u8 = 1;
const IN_LABEL: u8 = 2;

/// Builds the index files of `docs` (in any order).
pub fn build(docs: Vec<SearchDoc>, synonyms: &[Vec<String>]) -> (Vec<OutputFile>, IndexStats) {
    let mut files = Vec::new();
    let stats = build_into(docs, synonyms, &mut |f| files.push(f));
    (files, stats)
}

/// Builds the index files of `docs`, handing each to `emit` as soon as it is made (the
/// build writes them straight to the staging folder), and freeing what is no longer
/// needed as it goes: at 10,000 pages the texts, the postings and the records are each
/// hundreds of megabytes.
pub fn build_into(
    mut docs: Vec<SearchDoc>,
    synonyms: &[Vec<String>],
    emit: &mut dyn FnMut(OutputFile),
) -> IndexStats {
    let started = std::time::Instant::now();
    let facets = Facets::assign(&mut docs);

    // Tokenise every document, in parallel chunks, each into its own small inverted index.
    let lengths_and_maps: Vec<(Vec<u32>, Inverted)> = docs
        .par_chunks(256)
        .enumerate()
        .map(|(c, chunk)| {
            let mut map: HashMap<String, Vec<Posting>> = HashMap::new();
            let mut lengths = Vec::with_capacity(chunk.len());
            for (j, doc) in chunk.iter().enumerate() {
                let id = (c * 256 + j) as u32;
                let (length, terms) = doc_terms(doc);
                lengths.push(length);
                for (term, (weight, flags)) in terms {
                    map.entry(term).or_default().push(Posting {
                        doc: id,
                        weight,
                        flags,
                    });
                }
            }
            (lengths, map)
        })
        .collect();
    let mut lengths = Vec::with_capacity(docs.len());
    let mut inverted: HashMap<String, Vec<Posting>> = HashMap::new();
    for (l, map) in lengths_and_maps {
        lengths.extend(l);
        for (term, list) in map {
            inverted.entry(term).or_default().extend(list);
        }
    }
    let average = (lengths.iter().map(|&l| l as f64).sum::<f64>() / lengths.len().max(1) as f64)
        .max(1.0) as f32;

    let mut terms: Vec<(String, Vec<Posting>)> = inverted.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let postings: usize = terms.iter().map(|(_, l)| l.len()).sum();
    let encoded: Vec<(String, String)> = terms
        .into_par_iter()
        .map(|(term, list)| {
            let s = encode_postings(&list, &lengths, average);
            (term, s)
        })
        .collect();

    let mut stats = IndexStats {
        documents: docs.len(),
        terms: encoded.len(),
        postings,
        ..IndexStats::default()
    };
    // Every file is hashed (for the manifest's version) and counted as it goes out.
    let mut hashes: Vec<u64> = Vec::new();
    let mut send = |f: OutputFile, stats: &mut IndexStats, hashes: &mut Vec<u64>| {
        hashes.push(fnv1a(&f.bytes));
        stats.total_bytes += f.bytes.len();
        stats.files += 1;
        emit(f);
    };

    // Term shards.
    let mut firsts: Vec<String> = Vec::new();
    let mut start = 0;
    while start < encoded.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < encoded.len() && (end == start || bytes < TERM_SHARD_BYTES) {
            bytes += encoded[end].0.len() + encoded[end].1.len() + 6;
            end += 1;
        }
        let slice = &encoded[start..end];
        let name = format!("t{}", firsts.len());
        let data = json!({
            "t": slice.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            "p": slice.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>(),
        });
        firsts.push(slice[0].0.clone());
        send(script(&name, &data), &mut stats, &mut hashes);
        start = end;
    }
    stats.term_shards = firsts.len();

    // Word lists: the sorted terms alone, so a misspelt word can be matched against the
    // terms near it without loading their postings (see `docs/SEARCH.md`, typos).
    let mut word_firsts: Vec<String> = Vec::new();
    let mut start = 0;
    while start < encoded.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < encoded.len() && (end == start || bytes < WORD_SHARD_BYTES) {
            bytes += encoded[end].0.len() + 3;
            end += 1;
        }
        let slice = &encoded[start..end];
        let name = format!("w{}", word_firsts.len());
        let data = json!(slice.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>());
        word_firsts.push(slice[0].0.clone());
        send(script(&name, &data), &mut stats, &mut hashes);
        start = end;
    }
    drop(encoded);

    // Doc shards.
    let records: Vec<String> = docs
        .par_iter()
        .map(|d| doc_record(d).unwrap_or_else(|_| "null".into()))
        .collect();
    let documents = docs.len();
    drop(docs);
    let mut doc_starts: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < records.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < records.len() && (end == start || bytes < DOC_SHARD_BYTES) {
            bytes += records[end].len() + 1;
            end += 1;
        }
        let name = format!("d{}", doc_starts.len());
        let body = format!("[{}]", records[start..end].join(","));
        send(script_raw(&name, &body), &mut stats, &mut hashes);
        doc_starts.push(start);
        start = end;
    }
    stats.doc_shards = doc_starts.len();

    drop(records);
    let version = format!(
        "{:016x}",
        hashes.iter().fold(0u64, |h, x| h.rotate_left(5) ^ x)
    );
    let manifest = json!({
        "v": version,
        "n": documents,
        "stop": STOP_WORDS,
        "maxWord": tokenize::MAX_WORD_CHARS,
        "terms": firsts,
        "words": word_firsts,
        "syn": synonym_terms(synonyms),
        "docs": doc_starts,
        "kinds": facets.kinds,
        "organisations": facets.organisations,
        "grades": facets.grades,
        "scopes": facets.scopes,
        "ranges": facets.ranges,
    });
    let manifest = script("manifest", &manifest);
    stats.manifest_bytes = manifest.bytes.len();
    stats.total_bytes += manifest.bytes.len();
    stats.files += 1;
    emit(manifest);
    stats.elapsed = started.elapsed();
    stats
}

/// Each synonym group as its phrases' terms (one term a word: an abbreviation's lower
/// case, any other word's stem), phrases with no terms left out, groups of one dropped.
fn synonym_terms(groups: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|phrase| {
                    let folded = tokenize::fold(phrase);
                    let mut terms = Vec::new();
                    for w in tokenize::words(&folded) {
                        let mut last = None;
                        tokenize::terms_of(&w, |t| last = Some(t));
                        terms.extend(last);
                    }
                    terms
                })
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() > 1)
        .collect()
}

/// A document's terms with their field-weighted frequency and flags, and its length.
fn doc_terms(doc: &SearchDoc) -> (u32, HashMap<String, (f32, u8)>) {
    let mut terms: HashMap<String, (f32, u8)> = HashMap::new();
    let mut length = 0u32;
    let mut add = |text: &str, weight: f32, flags: u8, length: &mut u32| {
        tokenize::terms(text, |t| {
            *length += 1;
            let e = terms.entry(t).or_insert((0.0, 0));
            e.0 += weight;
            e.1 |= flags;
        });
    };
    add(&doc.title, TITLE_WEIGHT, IN_TITLE, &mut length);
    add(&doc.summary, SUMMARY_WEIGHT, 0, &mut length);
    for t in &doc.tags {
        add(t, SUMMARY_WEIGHT, IN_LABEL, &mut length);
    }
    for v in [&doc.organisation, &doc.grade].into_iter().flatten() {
        add(v, SUMMARY_WEIGHT, IN_LABEL, &mut length);
    }
    for s in &doc.sections {
        add(&s.heading, HEADING_WEIGHT, IN_LABEL, &mut length);
        add(&s.text, BODY_WEIGHT, 0, &mut length);
    }
    (length, terms)
}

fn encode_postings(list: &[Posting], lengths: &[u32], average: f32) -> String {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev: i64 = -1;
    for p in list {
        let gap = (p.doc as i64 - prev - 1).max(0) as u64;
        prev = p.doc as i64;
        push_varint(&mut out, gap);
        let length = lengths.get(p.doc as usize).copied().unwrap_or(1) as f32;
        let norm = K1 * (1.0 - B + B * length / average);
        let impact = p.weight * (K1 + 1.0) / (p.weight + norm);
        let level = ((impact / (K1 + 1.0)) * IMPACT_LEVELS)
            .round()
            .clamp(1.0, IMPACT_LEVELS) as u64;
        let title = if p.flags & IN_TITLE != 0 {
            TITLE_FLAG
        } else {
            0
        };
        let label = if p.flags & IN_LABEL != 0 {
            LABEL_FLAG
        } else {
            0
        };
        push_varint(&mut out, level | title | label);
    }
    String::from_utf8(out).unwrap_or_default()
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 32 {
        out.push(ALPHABET[(32 | (v & 31)) as usize]);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize]);
}

/// A decoded posting: the document, its impact level and where the term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    /// Document id.
    pub doc: u32,
    /// Impact, 1..=31.
    pub level: u8,
    /// The term is in the title.
    pub title: bool,
    /// The term is in a heading, tag, organisation or grade.
    pub label: bool,
}

/// Decodes a posting string. For tests and tools; search.js has its own decoder.
pub fn decode_postings(s: &str) -> Vec<Decoded> {
    let mut values = s
        .bytes()
        .filter_map(|b| ALPHABET.iter().position(|&a| a == b));
    let mut varint = || -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let c = values.next()? as u64;
            v |= (c & 31) << shift;
            shift += 5;
            if c & 32 == 0 || shift > 60 {
                return Some(v);
            }
        }
    };
    let mut out = Vec::new();
    let mut prev: i64 = -1;
    while let (Some(gap), Some(impact)) = (varint(), varint()) {
        prev += 1 + gap as i64;
        out.push(Decoded {
            doc: prev as u32,
            level: (impact & 31) as u8,
            title: impact & TITLE_FLAG != 0,
            label: impact & LABEL_FLAG != 0,
        });
    }
    out
}

/// What the browser shows for a result, as JSON, by position: title, URL, summary,
/// context, sections as `[heading, id, text]`.
fn doc_record(d: &SearchDoc) -> serde_json::Result<String> {
    let sections: Vec<(&str, &str, String)> = d
        .sections
        .iter()
        .filter(|s| !s.text.is_empty() || !s.heading.is_empty())
        .map(|s| (s.heading.as_str(), s.id.as_str(), cap(&s.text)))
        .collect();
    serde_json::to_string(&(&d.title, &d.url, &d.summary, &d.context, sections))
}

/// The filter values and the id ranges that carry them.
struct Facets {
    kinds: Vec<(String, String)>,
    organisations: Vec<String>,
    grades: Vec<String>,
    /// Sections searched separately (`search: own`), by title.
    scopes: Vec<String>,
    /// `[first document id, kind, organisation or -1, grade or -1, scope or -1]`.
    ranges: Vec<[i64; 5]>,
}

impl Facets {
    /// Sorts `docs` into filter order and describes the runs of equal filter values.
    fn assign(docs: &mut [SearchDoc]) -> Facets {
        let kind_order = |k: &str| {
            Kind::ALL
                .iter()
                .position(|x| x.name() == k)
                .unwrap_or(usize::MAX)
        };
        docs.par_sort_by(|a, b| {
            (
                &a.scope,
                kind_order(a.kind),
                &a.organisation,
                &a.grade,
                &a.url,
            )
                .cmp(&(
                    &b.scope,
                    kind_order(b.kind),
                    &b.organisation,
                    &b.grade,
                    &b.url,
                ))
        });
        let scopes: Vec<String> = docs
            .iter()
            .filter_map(|d| d.scope.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let kinds_present: BTreeSet<usize> = docs.iter().map(|d| kind_order(d.kind)).collect();
        let kinds: Vec<(String, String)> = kinds_present
            .iter()
            .filter_map(|&i| Kind::ALL.get(i))
            .map(|k| (k.name().to_string(), k.plural().to_string()))
            .collect();
        let organisations: Vec<String> = docs
            .iter()
            .filter_map(|d| d.organisation.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let grades: Vec<String> = docs
            .iter()
            .filter_map(|d| d.grade.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let index = |list: &[String], v: &Option<String>| -> i64 {
            v.as_ref()
                .and_then(|v| list.binary_search(v).ok())
                .map_or(-1, |i| i as i64)
        };
        let mut ranges: Vec<[i64; 5]> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            let kind = kinds
                .iter()
                .position(|(n, _)| n == d.kind)
                .map_or(-1, |k| k as i64);
            let key = [
                kind,
                index(&organisations, &d.organisation),
                index(&grades, &d.grade),
                index(&scopes, &d.scope),
            ];
            if ranges.last().is_none_or(|r| r[1..] != key) {
                ranges.push([i as i64, key[0], key[1], key[2], key[3]]);
            }
        }
        Facets {
            kinds,
            organisations,
            grades,
            scopes,
            ranges,
        }
    }
}

fn script(name: &str, data: &Value) -> OutputFile {
    script_raw(
        name,
        &serde_json::to_string(data).unwrap_or_else(|_| "null".into()),
    )
}

fn script_raw(name: &str, json: &str) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}.js"),
        bytes: format!("handbookSearch(\"{name}\",{json});\n").into_bytes(),
    }
}

/// FNV-1a of a file, for the manifest's version (cache busting over HTTP).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let list = [
            Posting {
                doc: 0,
                weight: 1.0,
                flags: 0,
            },
            Posting {
                doc: 1,
                weight: 9.0,
                flags: IN_TITLE,
            },
            Posting {
                doc: 70_000,
                weight: 3.0,
                flags: IN_LABEL,
            },
        ];
        let lengths = vec![10; 70_001];
        let s = encode_postings(&list, &lengths, 10.0);
        let back = decode_postings(&s);
        assert_eq!(
            back.iter().map(|p| p.doc).collect::<Vec<_>>(),
            vec![0, 1, 70_000]
        );
        assert_eq!(
            back.iter().map(|p| (p.title, p.label)).collect::<Vec<_>>(),
            vec![(false, false), (true, false), (false, true)]
        );
        assert!(back[1].level > back[0].level, "more weight, more impact");
    }
}
