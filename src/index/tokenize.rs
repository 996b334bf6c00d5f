//! Text to index terms, the one definition both sides of search share.
//!
//! `themes/default/static/js/search.js` repeats these rules for queries, and
//! `tests/search.rs` checks the two agree on a shared word list, so change both together:
//!
//! 1. Unicode NFD, combining marks removed (`Schön` -> `Schon`), then split into runs of
//!    alphanumeric characters (`self-harm` -> `self`, `harm`); dotted initials are joined
//!    (`R.E.A.C.H` -> `REACH`).
//! 2. A run written in capitals (`MAPPA`, `ACCT`, `UKCP`, two or more letters, no lower
//!    case) is an abbreviation: indexed as it is, lower-cased, never dropped as a stop
//!    word, and also under its stem so a heading in capitals still matches.
//! 3. Any other run is lower-cased; English stop words and one-letter runs (but not
//!    digits) are dropped; the rest is stemmed with the Snowball English (Porter2)
//!    stemmer, so `supervising` and `supervision` meet at `supervis`.
//!
//! Only runs of plain `a`-`z` are stemmed: the JavaScript port works on the same letters.

use std::sync::OnceLock;

use icu_normalizer::DecomposingNormalizerBorrowed;
use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to help a search; shipped in the manifest so the browser drops the
/// same ones from queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "during", "each", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "may", "me", "more", "most", "must", "my", "no", "nor", "not", "of", "off", "on",
    "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "shall", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "yours",
];

/// Runs longer than this (hashes, run-together URLs) are not words anyone types.
pub const MAX_WORD_CHARS: usize = 40;

/// One word of a text, as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower-cased.
    pub lower: String,
    /// Written in capitals: an abbreviation.
    pub caps: bool,
}

/// Removes diacritics: NFD, then every combining mark dropped. ASCII passes through.
pub fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let nfd = DecomposingNormalizerBorrowed::new_nfd().normalize(text);
    let categories = CodePointMapData::<GeneralCategory>::new();
    let marks = GeneralCategoryGroup::Mark;
    std::borrow::Cow::Owned(
        nfd.chars()
            .filter(|&c| !marks.contains(categories.get(c)))
            .collect(),
    )
}

/// Splits folded text into runs of alphanumeric characters. Initials written with dots
/// (`R.E.A.C.H`, `e.g.`: two or more one-character runs, each pair separated by exactly
/// one `.`) are joined into one word, so `R.E.A.C.H` is found as `REACH`.
pub fn words(folded: &str) -> Vec<Word> {
    let mut runs: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices().chain([(folded.len(), ' ')]) {
        match (c.is_alphanumeric() && i < folded.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &folded[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    let single = |r: &(usize, &str)| r.1.chars().count() == 1;
    let mut out = Vec::with_capacity(runs.len());
    let mut i = 0;
    while i < runs.len() {
        let mut j = i;
        while j + 1 < runs.len()
            && single(&runs[j])
            && single(&runs[j + 1])
            && &folded[runs[j].0 + runs[j].1.len()..runs[j + 1].0] == "."
        {
            j += 1;
        }
        if j > i {
            let joined: String = runs[i..=j].iter().map(|r| r.1).collect();
            out.push(word(&joined));
        } else {
            out.push(word(runs[i].1));
        }
        i = j + 1;
    }
    out
}

fn word(w: &str) -> Word {
    let mut letters = 0usize;
    let mut lower_case = false;
    for c in w.chars() {
        if c.is_alphabetic() {
            letters += 1;
            lower_case |= c.is_lowercase() || !c.is_uppercase();
        }
    }
    Word {
        lower: w.to_lowercase(),
        caps: letters >= 2 && !lower_case,
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn stop_words() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
}

/// The Porter2 stem of a lower-case word; words not made of `a`-`z` are left as they are.
///
/// Word frequencies are Zipfian, so most calls repeat a recent word: a per-thread cache
/// makes stemming a hash lookup for them.
pub fn stem(lower: &str) -> String {
    if !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return lower.to_string();
    }
    thread_local! {
        static CACHE: std::cell::RefCell<foldhash::HashMap<String, String>> =
            std::cell::RefCell::new(foldhash::HashMap::default());
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(lower) {
            return s.clone();
        }
        let stemmed = stemmer().stem(lower).into_owned();
        if cache.len() >= 200_000 {
            cache.clear();
        }
        cache.insert(lower.to_string(), stemmed.clone());
        stemmed
    })
}

/// The index terms of one word (none, one or two), passed to `emit`.
pub fn terms_of(word: &Word, mut emit: impl FnMut(String)) {
    let chars = word.lower.chars().count();
    if chars > MAX_WORD_CHARS {
        return;
    }
    if word.caps {
        let stemmed = stem(&word.lower);
        if stemmed != word.lower {
            emit(stemmed);
        }
        emit(word.lower.clone());
        return;
    }
    if chars == 1 && !word.lower.chars().all(|c| c.is_numeric()) {
        return;
    }
    if stop_words().contains(word.lower.as_str()) {
        return;
    }
    emit(stem(&word.lower));
}

/// Every index term of a text, in order, with repeats.
pub fn terms(text: &str, mut emit: impl FnMut(String)) {
    let folded = fold(text);
    for w in words(&folded) {
        terms_of(&w, &mut emit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        terms(text, |t| out.push(t));
        out
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(all("supervising"), all("supervision"));
        assert_eq!(all("supervising"), vec!["supervis"]);
    }

    #[test]
    fn abbreviations_are_kept_whole_and_never_dropped() {
        assert_eq!(all("MAPPA"), vec!["mappa"]);
        assert_eq!(all("IT and OR"), vec!["it", "or"]);
        assert_eq!(all("it and or"), Vec::<String>::new());
        assert_eq!(all("CAMHS"), vec!["camh", "camhs"]);
    }

    #[test]
    fn folds_diacritics_and_splits_on_punctuation() {
        assert_eq!(all("Schön's self-harm"), vec!["schon", "self", "harm"]);
        assert_eq!(all("Band 7, 2012"), vec!["band", "7", "2012"]);
    }
}
