#!/usr/bin/env bash
# Writes a generated handbook of PAGES pages (default 10000) into DIR, for measuring
# search and build speed at scale: deterministic, real words drawn Zipf-style, a few new
# names per page. Build it with `handbook build --root DIR`.
#   scripts/gen_search_corpus.sh /tmp/corpus-100k 100000
set -euo pipefail
dir=${1:?usage: scripts/gen_search_corpus.sh DIR [PAGES]}
pages=${2:-10000}
cd "$(dirname "$0")/.."
mkdir -p "$dir"
SEARCH_CORPUS_OUT="$(cd "$dir" && pwd)" SEARCH_CORPUS_PAGES="$pages" \
  cargo test --quiet --release --test search write_generated_corpus -- --ignored --nocapture
