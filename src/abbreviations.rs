//! The glossary's abbreviations, prepared once per build so that every page can mark up
//! their first use cheaply.
//!
//! Marking looks for the earliest whole-word use of every abbreviation not yet marked, in
//! every run of text; done naively that is one substring search per abbreviation per run,
//! which dominated the build of a large handbook. One Aho-Corasick pass over the run first
//! finds which abbreviations occur in it at all, and only those are looked at further, so
//! the marking itself (in `markdown`) is unchanged.

use aho_corasick::AhoCorasick;

/// An abbreviation to mark up on its first use.
#[derive(Debug, Clone)]
pub struct Abbreviation {
    /// The abbreviation as written (`MAPPA`).
    pub abbr: String,
    /// Its full name.
    pub title: String,
    /// Relative URL of its glossary entry.
    pub href: String,
}

/// The abbreviations to mark, longest first, with a matcher for all of them.
#[derive(Default)]
pub struct AbbreviationSet {
    list: Vec<Abbreviation>,
    /// Matches every non-empty abbreviation; pattern `k` is `list[ids[k]]`.
    matcher: Option<AhoCorasick>,
    ids: Vec<usize>,
}

impl AbbreviationSet {
    /// Prepares `list`, which must already be in marking order (longer abbreviations first).
    pub fn new(list: Vec<Abbreviation>) -> Self {
        let ids: Vec<usize> = (0..list.len())
            .filter(|&i| !list[i].abbr.is_empty())
            .collect();
        // Building only fails for patterns far beyond any glossary's size; without a
        // matcher every abbreviation is treated as present, which is slower but the same.
        let matcher = AhoCorasick::new(ids.iter().map(|&i| list[i].abbr.as_str())).ok();
        AbbreviationSet { list, matcher, ids }
    }

    /// The abbreviations, in marking order.
    pub fn list(&self) -> &[Abbreviation] {
        &self.list
    }

    /// True when there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Indexes into `list()`, ascending, of the abbreviations not yet `marked` that occur
    /// anywhere in `text` (as a substring: whole-word checks are the caller's).
    pub fn present_in(&self, text: &str, marked: &[bool]) -> Vec<usize> {
        let Some(matcher) = &self.matcher else {
            return (0..self.list.len()).filter(|&i| !marked[i]).collect();
        };
        let mut found: Vec<usize> = matcher
            .find_overlapping_iter(text)
            .map(|m| self.ids[m.pattern().as_usize()])
            .filter(|&i| !marked[i])
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr(a: &str) -> Abbreviation {
        Abbreviation {
            abbr: a.into(),
            title: String::new(),
            href: String::new(),
        }
    }

    #[test]
    fn finds_overlapping_and_unmarked_abbreviations_only() {
        let set = AbbreviationSet::new(vec![abbr("C of C"), abbr("DTC"), abbr("TC"), abbr("")]);
        assert_eq!(set.present_in("a DTC and C of C", &[false; 4]), [0, 1, 2]);
        assert_eq!(
            set.present_in("a DTC and C of C", &[true, false, false, false]),
            [1, 2]
        );
        assert!(set.present_in("nothing here", &[false; 4]).is_empty());
    }
}
