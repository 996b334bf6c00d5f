//! Stage 5, index: the search index, built from the rendered text of every published
//! page, written as script files so search works from `file://` with no server.
//!
//! ```text
//! documents  pages, items and glossary terms as titled, anchored sections
//! tokenize   words to terms: diacritics folded, abbreviations kept, Porter2 stems
//! shards     inverted index and document records cut into lazily loaded files
//! cache      page texts kept between `serve`'s incremental rebuilds
//! ```
//!
//! The browser half is `themes/default/static/js/search.js`; `docs/SEARCH.md` explains the
//! format and the measurements behind it. Nothing here reads or writes the disk.

pub mod cache;
pub mod documents;
pub mod shards;
pub mod tokenize;

use crate::link::Site;
use crate::plan::OutputFile;
use crate::render::PageText;
pub use shards::IndexStats;

/// Builds the search index files of a linked, rendered site, handing each to `emit` as
/// it is made; the page texts are consumed as they are read.
pub fn index_site(
    site: &Site,
    texts: Vec<PageText>,
    emit: &mut dyn FnMut(OutputFile),
) -> IndexStats {
    let synonyms = documents::synonyms(site);
    shards::build_into(documents::collect_owned(site, texts), &synonyms, emit)
}
