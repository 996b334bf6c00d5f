// Search, in the browser: a Porter2 stemmer and tokenizer that mirror src/index/tokenize.rs,
// a loader that pulls index shards in as <script> files (the only way file:// pages may
// read other files), a ranker, and two views: the header's combobox and the results page.
// Nothing of the index loads until a search box is used. All text goes into the page as
// text nodes, never as HTML.
(function () {
  "use strict";

  // ---- Porter2 (Snowball English), as rust-stemmers implements it ----------------------
  var EXCEPTIONS = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" };
  var INVARIANT = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  var STEP2 = [["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"], ["alism", "al"],
    ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"],
    ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]];
  var STEP3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "al", "er", "ic"];

  function isV(c) { return c !== undefined && "aeiouy".indexOf(c) >= 0; }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  function hasV(s) { for (var i = 0; i < s.length; i++) if (isV(s[i])) return true; return false; }
  function longest(w, list) {
    for (var i = 0; i < list.length; i++) { var s = typeof list[i] === "string" ? list[i] : list[i][0]; if (ends(w, s)) return list[i]; }
    return null;
  }
  // A short syllable ending just before index `end`.
  function shortV(w, end) {
    if (end >= 3 && !isV(w[end - 3]) && isV(w[end - 2]) && "aeiouywxY".indexOf(w[end - 1]) < 0) return true;
    return end === 2 && isV(w[0]) && !isV(w[1]);
  }
  function afterVowelConsonant(w, from) {
    var i = from;
    while (i < w.length && !isV(w[i])) i++;
    while (i < w.length && isV(w[i])) i++;
    return i < w.length ? i + 1 : -1;
  }

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word[0] === "'" ? word.slice(1) : word;
    var i;
    if (w[0] === "y") w = "Y" + w.slice(1);
    for (i = 1; i < w.length; i++) if (w[i] === "y" && isV(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    var p1 = w.length, p2 = w.length;
    var m = /^(gener|commun|arsen)/.exec(w);
    var r1 = m ? m[0].length : afterVowelConsonant(w, 0);
    if (r1 >= 0) { p1 = r1; var r2 = afterVowelConsonant(w, r1); if (r2 >= 0) p2 = r2; }

    if (ends(w, "'s'")) w = w.slice(0, -3); else if (ends(w, "'s")) w = w.slice(0, -2); else if (ends(w, "'")) w = w.slice(0, -1);
    var s = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (s === "sses") w = w.slice(0, -2);
    else if (s === "ied" || s === "ies") w = w.slice(0, -3) + (w.length - 3 >= 2 ? "i" : "ie");
    else if (s === "s" && hasV(w.slice(0, -2))) w = w.slice(0, -1);

    if (!INVARIANT[w]) {
      s = longest(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
      if (s === "eed" || s === "eedly") {
        if (w.length - s.length >= p1) w = w.slice(0, -s.length) + "ee";
      } else if (s && hasV(w.slice(0, -s.length))) {
        w = w.slice(0, -s.length);
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
        else if (w.length === p1 && shortV(w, w.length)) w += "e";
      }
      var n = w.length;
      if (n >= 3 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isV(w[n - 2])) w = w.slice(0, -1) + "i";
      var r = longest(w, STEP2);
      if (r && w.length - r[0].length >= p1) {
        var before = w[w.length - r[0].length - 1];
        if (r[0] === "ogi" ? before === "l" : r[0] === "li" ? "cdeghkmnrt".indexOf(before) >= 0 && before !== undefined : true)
          w = w.slice(0, -r[0].length) + r[1];
      }
      r = longest(w, STEP3);
      if (r && w.length - r[0].length >= p1 && (r[0] !== "ative" || w.length - 5 >= p2)) w = w.slice(0, -r[0].length) + r[1];
      s = longest(w, STEP4);
      if (s && w.length - s.length >= p2 && (s !== "ion" || /[st]$/.test(w.slice(0, -3)))) w = w.slice(0, -s.length);
      n = w.length;
      if (w[n - 1] === "e") { if (n - 1 >= p2 || (n - 1 >= p1 && !shortV(w, n - 1))) w = w.slice(0, -1); }
      else if (w[n - 1] === "l") { if (n - 1 >= p2 && w[n - 2] === "l") w = w.slice(0, -1); }
    }
    return w.replace(/Y/g, "y");
  }

  // ---- Words to terms, as src/index/tokenize.rs does it -------------------------------
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var STOP = {};
  var MAX_WORD = 40;
  function fold(text) { return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize("NFD").replace(/\p{M}/gu, ""); }
  function isCaps(w) {
    var letters = 0;
    for (var c of w) {
      if (!/\p{Alphabetic}/u.test(c)) continue;
      letters++;
      if (/\p{Lowercase}/u.test(c) || !/\p{Uppercase}/u.test(c)) return false;
    }
    return letters >= 2;
  }
  function stemIfPlain(lower) { return /^[a-z]+$/.test(lower) ? stem(lower) : lower; }
  // The index terms of one written word (what Rust's `terms_of` emits).
  function wordTerms(written, keepStop) {
    var lower = written.toLowerCase();
    var chars = Array.from(lower).length;
    if (chars > MAX_WORD) return [];
    if (isCaps(written)) { var st = stemIfPlain(lower); return st === lower ? [lower] : [st, lower]; }
    if (chars === 1 && !/^\p{N}$/u.test(lower)) return [];
    if (!keepStop && STOP[lower]) return [];
    return [stemIfPlain(lower)];
  }
  // Runs of letters and digits as [start, end, word]; dotted initials (R.E.A.C.H, e.g.)
  // are joined into one word, as Rust's `words` does.
  function runs(text) {
    var found = [], m, out = [];
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) found.push([m.index, m.index + m[0].length, m[0]]);
    function single(r) { return Array.from(r[2]).length === 1; }
    for (var i = 0; i < found.length; i++) {
      var j = i;
      while (j + 1 < found.length && single(found[j]) && single(found[j + 1]) && text.slice(found[j][1], found[j + 1][0]) === ".") j++;
      if (j > i) out.push([found[i][0], found[j][1], found.slice(i, j + 1).map(function (r) { return r[2]; }).join("")]);
      else out.push(found[i]);
      i = j;
    }
    return out;
  }
  function termsOf(text) {
    var out = [];
    runs(fold(text)).forEach(function (r) { out.push.apply(out, wordTerms(r[2], false)); });
    return out;
  }

  var api = { stem: stem, termsOf: termsOf, setStopWords: function (list) { STOP = {}; list.forEach(function (w) { STOP[w] = 1; }); } };
  if (typeof window !== "undefined") window.HandbookSearch = api;
  if (typeof document === "undefined" || !document.body) { if (typeof module !== "undefined") module.exports = api; return; }

  // ---- Loading index files as scripts -------------------------------------------------
  var base = document.body.getAttribute("data-base") || "";
  var files = {};
  var manifest = null;
  window.handbookSearch = function (name, data) { var f = files[name]; if (f) f.resolve(data); };
  function load(name) {
    if (files[name]) return files[name].promise;
    var f = {};
    f.promise = new Promise(function (resolve, reject) { f.resolve = resolve; f.reject = reject; });
    files[name] = f;
    var el = document.createElement("script");
    var v = manifest && location.protocol !== "file:" ? "?v=" + manifest.v : "";
    el.src = base + "search/" + name + ".js" + v;
    el.async = true;
    el.onerror = function () { delete files[name]; f.reject(new Error("Search is unavailable: the index file search/" + name + ".js is missing from this copy of the handbook.")); };
    document.head.appendChild(el);
    return f.promise;
  }
  function loadManifest() {
    return load("manifest").then(function (m) {
      if (!manifest) { manifest = m; api.setStopWords(m.stop); MAX_WORD = m.maxWord; }
      return m;
    });
  }

  // Code point order, as the index (sorted in Rust, by bytes) has it.
  function cmp(a, b) {
    if (!/[\ud800-\udfff]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }
  // Index of the last entry <= key in a sorted list, or -1.
  function upper(list, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(list[mid], key) <= 0) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }
  function upperNum(list, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] <= key) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }
  function shardOf(term) { return Math.max(0, upper(manifest.terms, term)); }

  var CODES = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { CODES[c] = i; });
  // A posting string to [doc, level, flags] triples; flags: 1 title, 2 label (heading,
  // tag, organisation, grade). See src/index/shards.rs.
  function postings(shard, i) {
    if (!shard.decoded) shard.decoded = [];
    if (shard.decoded[i]) return shard.decoded[i];
    var s = shard.p[i], out = [], prev = -1, pos = 0;
    function varint() {
      var v = 0, shift = 0, c;
      do { c = CODES[s[pos++]]; v += (c & 31) * Math.pow(2, shift); shift += 5; } while (c & 32 && pos < s.length);
      return v;
    }
    while (pos < s.length) {
      prev = prev + 1 + varint();
      var imp = varint();
      out.push(prev, imp & 31, imp >> 5);
    }
    shard.decoded[i] = out;
    return out;
  }

  // ---- Queries ------------------------------------------------------------------------
  // Each query word becomes a list of [term, weight, kind] to look up: its stem and its
  // lower-case form exactly; while it is being typed (the last word, no space after it),
  // every term it begins, and its own beginnings a few letters short (a word typed past
  // its stem: "supervisi" still finds "supervis").
  function parseQuery(text) {
    var words = runs(fold(text)).map(function (r) { return r[2]; });
    var typing = /[\p{Alphabetic}\p{N}]$/u.test(text);
    var out = [];
    words.forEach(function (w, i) {
      var last = typing && i === words.length - 1;
      var lower = w.toLowerCase();
      var exact = wordTerms(w, false);
      if (!exact.length && !(last && lower.length >= 2)) return;
      var q = { word: lower, exact: exact.concat(exact.indexOf(lower) < 0 && exact.length ? [lower] : []), prefix: null, shorter: [] };
      if (last && lower.length >= 2) {
        q.prefix = lower;
        for (var k = Math.max(4, lower.length - 3); k < lower.length; k++) q.shorter.push(lower.slice(0, k));
      }
      out.push(q);
    });
    return out;
  }

  function shardsFor(q) {
    var need = {};
    q.exact.concat(q.shorter).forEach(function (t) { need[shardOf(t)] = 1; });
    if (q.prefix) {
      var first = shardOf(q.prefix), last = shardOf(q.prefix + "\u{10ffff}");
      for (var s = first; s <= Math.min(last, first + 1); s++) need[s] = 1;
    }
    return Object.keys(need).map(Number);
  }

  function find(shard, term) {
    var i = upper(shard.t, term);
    return i >= 0 && shard.t[i] === term ? i : -1;
  }

  // ---- Synonyms: the manifest's groups (handbook.yml's search.synonyms and the
  // glossary's abbreviations with their expansions), each a list of phrases as terms.
  // Query words that spell a phrase become one query word whose alternatives are the
  // group's other phrases: a page matches it with the words typed, or with all the terms
  // of another phrase (ranked lower).
  function spells(qs, i, phrase) {
    if (i + phrase.length > qs.length) return false;
    for (var k = 0; k < phrase.length; k++) if (qs[i + k].exact.indexOf(phrase[k]) < 0) return false;
    return true;
  }
  function synonyms(qs) {
    var groups = manifest.syn || [], out = [];
    for (var i = 0; i < qs.length; i++) {
      var best = null;
      groups.forEach(function (g) {
        g.forEach(function (p, pi) {
          if ((!best || p.length > best.len) && spells(qs, i, p)) best = { len: p.length, group: g, at: pi };
        });
      });
      if (!best) { out.push(qs[i]); continue; }
      var span = qs.slice(i, i + best.len);
      var alts = best.group.filter(function (_, pi) { return pi !== best.at; });
      var q = best.len === 1 ? span[0] : {
        word: span.map(function (x) { return x.word; }).join(" "), exact: [], prefix: null, shorter: [],
        alts: [], phrase: best.group[best.at],
      };
      q.alts = (q.alts || []).concat(alts);
      out.push(q);
      i += best.len - 1;
    }
    return out;
  }

  // Loads the term shards the query's words (and their corrections) fall in, adding to
  // `shards`.
  function loadTerms(qs, shards) {
    var need = {};
    qs.forEach(function (q) {
      shardsFor(q).forEach(function (s) { need[s] = 1; });
      (q.fuzzy || []).forEach(function (f) { need[shardOf(f.term)] = 1; });
      (q.alts || []).concat(q.phrase ? [q.phrase] : []).forEach(function (a) { a.forEach(function (t) { need[shardOf(t)] = 1; }); });
    });
    var names = Object.keys(need).filter(function (s) { return !shards[s]; });
    return Promise.all(names.map(function (s) { return load("t" + s); })).then(function (loaded) {
      names.forEach(function (s, i) { shards[s] = loaded[i]; });
      return shards;
    });
  }

  // Whether the index has the word: one of its exact terms, or (being typed) a term it
  // begins or one of its own beginnings a few letters short.
  function known(q, shards) {
    var own = q.exact.concat(q.shorter);
    for (var i = 0; i < own.length; i++) { var sh = shards[shardOf(own[i])]; if (sh && find(sh, own[i]) >= 0) return true; }
    if (q.prefix) {
      var sh2 = shards[shardOf(q.prefix)], j = sh2 ? Math.max(0, upper(sh2.t, q.prefix)) : -1;
      for (; sh2 && j < sh2.t.length && j <= upper(sh2.t, q.prefix) + 1; j++) if (sh2.t[j].indexOf(q.prefix) === 0) return true;
      var next = shards[shardOf(q.prefix) + 1];
      if (next && next.t[0].indexOf(q.prefix) === 0) return true;
    }
    return false;
  }

  // ---- Typos: a word the index lacks matched to terms a letter or two away ------------
  // Words of 4 to 7 letters match terms within edit distance 1, longer words within 2
  // (adjacent letters swapped count as one edit). Candidates are the terms that begin with
  // the word's first two letters, or those two swapped, read from the word lists
  // (search/wN.js: terms without postings), so a correction costs a few kilobytes.
  function maxEdits(word) { var n = Array.from(word).length; return n >= 8 ? 2 : n >= 4 ? 1 : 0; }
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  // Every string one edit (a deletion, a swap of neighbours, a change or an insertion of
  // a letter of the word or of a-z) from `word`.
  function edits1(word) {
    var c = Array.from(word), out = [], letters = {}, i, k;
    "abcdefghijklmnopqrstuvwxyz".split("").concat(c).forEach(function (x) { letters[x] = 1; });
    var abc = Object.keys(letters);
    for (i = 0; i <= c.length; i++) {
      var a = c.slice(0, i).join(""), b = c.slice(i);
      if (b.length) out.push(a + b.slice(1).join(""));
      if (b.length > 1) out.push(a + b[1] + b[0] + b.slice(2).join(""));
      for (k = 0; k < abc.length; k++) {
        if (b.length) out.push(a + abc[k] + b.slice(1).join(""));
        out.push(a + abc[k] + b.join(""));
      }
    }
    return out;
  }
  function wordShards(prefix) {
    var w = manifest.words || [], out = [];
    if (!w.length) return out;
    var first = Math.max(0, upper(w, prefix)), last = Math.max(0, upper(w, prefix + "\u{10ffff}"));
    for (var s = first; s <= last; s++) out.push(s);
    return out;
  }
  function corrections(q) {
    var max = maxEdits(q.word);
    if (!max || !/^\p{Alphabetic}/u.test(q.word)) return Promise.resolve([]);
    var chars = Array.from(q.word), heads = [chars.slice(0, 2).join("")];
    if (chars.length > 1 && chars[0] !== chars[1]) heads.push(chars[1] + chars[0]);
    var forms = [q.word].concat(q.exact.filter(function (t) { return t !== q.word; }));
    var names = [];
    heads.forEach(function (h) { wordShards(h).forEach(function (s) { if (names.indexOf(s) < 0) names.push(s); }); });
    return Promise.all(names.map(function (s) { return load("w" + s); })).then(function (lists) {
      var found = {}, best = max + 1;
      lists.forEach(function (list) {
        list.forEach(function (t) {
          if (!heads.some(function (h) { return t.indexOf(h) === 0; })) return;
          var d = max + 1;
          forms.forEach(function (f) { d = Math.min(d, distance(f, t, max)); });
          if (d <= max && !(found[t] <= d)) { found[t] = d; if (d < best) best = d; }
        });
      });
      // A short word's single edits, stemmed, are candidates too: "saftey" is one swap
      // from "safety", whose stem "safeti" is two edits from anything typed.
      if (max === 1) {
        var set = {};
        lists.forEach(function (list) { list.forEach(function (t) { set[t] = 1; }); });
        edits1(q.word).forEach(function (v) {
          var t = stemIfPlain(v);
          if (set[t] && !(found[t] <= 1)) { found[t] = 1; best = 1; }
        });
      }
      // Among the closest, the terms nearest the word as typed: "comunity" is two edits
      // from both "communiti" (the word) and "combin" (its stem "comun"), but far nearer
      // the first as typed.
      var closest = Object.keys(found).filter(function (t) { return found[t] === best; });
      var typed = {}, near = Infinity;
      closest.forEach(function (t) { typed[t] = distance(q.word, t, q.word.length + t.length); if (typed[t] < near) near = typed[t]; });
      return closest.filter(function (t) { return typed[t] <= near + 1; }).slice(0, 8).map(function (t) { return { term: t, dist: found[t] }; });
    });
  }

  // Runs a query: every matching document with its score, plus the terms that matched,
  // and a "did you mean" when words were corrected or matched nothing.
  function run(text) {
    return loadManifest().then(function () {
      var qs = synonyms(parseQuery(text));
      return loadTerms(qs, {}).then(function (shards) {
        var missing = qs.filter(function (q) { return !q.alts && !known(q, shards); });
        return Promise.all(missing.map(function (q) { return corrections(q).then(function (c) { q.fuzzy = c; }); }))
          .then(function () { return loadTerms(qs, shards); })
          .then(function () { var res = rank(qs, shards); res.missing = missing; return res; });
      });
    }).then(suggest);
  }

  // The "did you mean" text: each corrected word replaced by the commonest correction
  // written as the best result writes it (the index holds stems, and "communiti" is not a
  // word to offer), words that matched nothing left out. If none of the first six
  // results writes a correction, there is no suggestion.
  var SUGGEST_FROM = 6;
  function suggest(res) {
    res.suggestion = "";
    if (!res.missing.length || !res.results.length) return res;
    var texts = [];
    function text(k) {
      if (texts[k] || k >= Math.min(SUGGEST_FROM, res.results.length)) return Promise.resolve(texts[k]);
      return record(res.results[k].id).then(function (rec) {
        texts[k] = runs(fold([rec[0], rec[2]].concat(rec[4].map(function (s) { return s[0] + " " + s[2]; })).join(" ")));
        return texts[k];
      });
    }
    // The word written in the results whose term is one of the corrections and which is
    // closest, as written, to what was typed: "comunity" gives "community" rather than
    // "common", though both stems are two edits away. The best result is read first; the
    // next ones (up to the popup's six) only while no word within the typo limit is found.
    function written(typed, terms) {
      var best = null, bestD = Infinity, limit = maxEdits(typed);
      function from(k) {
        return text(k).then(function (rs) {
          if (!rs) return best;
          for (var i = 0; i < rs.length; i++) {
            var w = rs[i][2].toLowerCase();
            if (w === best || !wordTerms(rs[i][2], true).some(function (t) { return terms.indexOf(t) >= 0; })) continue;
            var d = distance(typed, w, Math.max(typed.length, w.length));
            if (d < bestD) { best = w; bestD = d; }
          }
          return bestD <= limit ? best : from(k + 1);
        });
      }
      return from(0);
    }
    return Promise.all(res.query.map(function (q) {
      if (res.missing.indexOf(q) < 0) return q.word;
      var used = (q.fuzzy || []).filter(function (f) { return res.hits[f.term] !== undefined; });
      if (!used.length) return "";
      used.sort(function (a, b) { return (res.df[b.term] || 0) - (res.df[a.term] || 0) || cmp(a.term, b.term); });
      return written(q.word, used.map(function (f) { return f.term; }));
    })).then(function (words) {
      if (words.indexOf(null) >= 0) return res;
      var s = words.filter(Boolean).join(" ");
      if (s && s !== res.query.map(function (q) { return q.word; }).join(" ")) res.suggestion = s;
      return res;
    });
  }

  function rank(qs, shards) {
    var N = manifest.n, docs = new Map(), hits = {}, dfs = {};
    qs.forEach(function (q, qi) {
      var looked = {};
      function use(term, weight) {
        if (looked[term] >= weight) return;
        looked[term] = weight;
        var sh = shards[shardOf(term)];
        if (!sh) return;
        var i = find(sh, term);
        if (i < 0) return;
        addTerm(sh, i, weight);
      }
      function scored(sh, i, weight) {
        var list = postings(sh, i), df = list.length / 3, out = new Map();
        var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        hits[sh.t[i]] = qi;
        dfs[sh.t[i]] = df;
        for (var j = 0; j < list.length; j += 3) out.set(list[j], [weight * idf * list[j + 1], list[j + 2]]);
        return out;
      }
      // Every term of a phrase (the words of a multi-word synonym) in one document.
      function phrase(terms, weight) {
        var acc = null;
        for (var k = 0; k < terms.length; k++) {
          var sh = shards[shardOf(terms[k])], i = sh ? find(sh, terms[k]) : -1;
          if (i < 0) return;
          var m = scored(sh, i, weight), next = new Map();
          m.forEach(function (v, d) {
            if (!acc) next.set(d, v);
            else if (acc.has(d)) { var a = acc.get(d); next.set(d, [a[0] + v[0], a[1] | v[1]]); }
          });
          acc = next;
        }
        if (acc) acc.forEach(function (v, d) { put(d, v[0] / terms.length, v[1], true); });
      }
      function put(d, s, f, flagged) {
        var e = docs.get(d);
        if (!e) { e = { id: d, best: new Float64Array(qs.length), flags: new Uint8Array(qs.length) }; docs.set(d, e); }
        if (s > e.best[qi]) e.best[qi] = s;
        if (flagged) e.flags[qi] |= f;
      }
      function addTerm(sh, i, weight) {
        var list = postings(sh, i), df = list.length / 3;
        var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        hits[sh.t[i]] = qi;
        dfs[sh.t[i]] = df;
        for (var j = 0; j < list.length; j += 3) {
          var d = list[j], s = weight * idf * list[j + 1];
          var e = docs.get(d);
          if (!e) { e = { id: d, best: new Float64Array(qs.length), flags: new Uint8Array(qs.length) }; docs.set(d, e); }
          if (s > e.best[qi]) e.best[qi] = s;
          if (weight >= 0.8 || labels) e.flags[qi] |= list[j + 2];
        }
      }
      var labels = false;
      q.exact.forEach(function (t) { use(t, 1); });
      // Corrections of a word the index lacks are the best it has: they count for the
      // title and heading ranks, but weigh less than any exact or stemmed match.
      labels = true;
      (q.fuzzy || []).forEach(function (f) { use(f.term, f.dist === 1 ? 0.5 : 0.4); });
      labels = false;
      if (q.phrase) phrase(q.phrase, 1);
      (q.alts || []).forEach(function (a) { phrase(a, 0.7); });
      q.shorter.forEach(function (t) { use(t, 0.6); });
      if (q.prefix) {
        var count = 0;
        Object.keys(shards).forEach(function (k) {
          var sh = shards[k], i = Math.max(0, upper(sh.t, q.prefix));
          if (i < sh.t.length && cmp(sh.t[i], q.prefix) < 0) i++;
          for (; i < sh.t.length && sh.t[i].indexOf(q.prefix) === 0 && count < 200; i++, count++) {
            if (!(looked[sh.t[i]] >= 0.8)) { looked[sh.t[i]] = 0.8; addTerm(sh, i, 0.8); }
          }
        });
      }
    });
    // A grade or organisation spelt out in the query ("band 8", "co-op academy"): the
    // documents carrying that value rank first among those matching as many words.
    var facetHits = [{}, {}];
    [manifest.organisations, manifest.grades].forEach(function (values, f) {
      values.forEach(function (v, vi) {
        var vt = termsOf(v);
        for (var i = 0; i < qs.length; i++) {
          for (var k = 0; k < vt.length; k++) {
            var n = 0;
            while (i + n < qs.length && k + n < vt.length && qs[i + n].exact.indexOf(vt[k + n]) >= 0) n++;
            if (n >= 2 || (n && n === vt.length)) facetHits[f][vi] = 1;
          }
        }
      });
    });
    var all = [];
    // Ranked by: words matched; then every matched word in the title (a title match
    // comes first); then how many words are in the title or a heading; then BM25.
    docs.forEach(function (e) {
      var matched = 0, title = 0, labelled = 0, score = 0;
      for (var i = 0; i < qs.length; i++) {
        if (!(e.best[i] > 0)) continue;
        matched++;
        score += e.best[i];
        if (e.flags[i] & 1) title++;
        if (e.flags[i]) labelled++;
      }
      var fv = facetsOf(e.id), facet = facetHits[0][fv[1]] || facetHits[1][fv[2]] ? 1 : 0;
      all.push({ id: e.id, matched: matched, facet: facet, title: matched && title === matched ? 1 : 0, labelled: labelled, score: score });
    });
    var full = all.filter(function (r) { return r.matched === qs.length; });
    var partial = full.length === 0 && all.length > 0;
    var results = partial ? all : full;
    results.sort(function (a, b) { return b.matched - a.matched || b.facet - a.facet || b.title - a.title || b.labelled - a.labelled || b.score - a.score || a.id - b.id; });
    diversify(results);
    // Sections searched separately (`search: own`, the authors' guide) are only in `all`,
    // for the results page's filter; the popup and the default results are staff pages.
    var staff = results.filter(function (r) { return !(facetsOf(r.id)[3] >= 0); });
    return { query: qs, results: staff, all: results, partial: partial, hits: hits, df: dfs };
  }

  // Glossary entries are one-sentence documents, so length normalisation lifts them above
  // the pages that explain a term; at most two of them stay in the first three results,
  // the next result of as many matched words taking the third place.
  function diversify(results) {
    var glossary = function (r) { var k = manifest.kinds[facetsOf(r.id)[0]]; return k && k[0] === "glossary"; };
    if (results.length < 4 || !glossary(results[0]) || !glossary(results[1]) || !glossary(results[2])) return;
    for (var i = 3; i < results.length && results[i].matched === results[2].matched; i++) {
      if (!glossary(results[i])) { var r = results.splice(i, 1)[0]; results.splice(2, 0, r); return; }
    }
  }

  // ---- Filters --------------------------------------------------------------------------
  var FACETS = ["kind", "organisation", "grade", "section"];
  function facetsOf(id) {
    var r = manifest.ranges, lo = 0, hi = r.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (r[mid][0] <= id) lo = mid + 1; else hi = mid; }
    var row = r[Math.max(0, lo - 1)];
    return [row[1], row[2], row[3], row[4] === undefined ? -1 : row[4]];
  }
  function facetLabel(f, v) {
    // Plain pages (sections, the guide) are "Other pages" beside Roles, Guidance ...
    if (f === 0) return manifest.kinds[v] ? (manifest.kinds[v][0] === "page" ? "Other pages" : manifest.kinds[v][1]) : "";
    return (f === 1 ? manifest.organisations : f === 2 ? manifest.grades : manifest.scopes || [])[v] || "";
  }
  // Results passing every selected filter, and per filter value the count it would have.
  // The fourth filter, sections searched separately, differs: with none chosen only the
  // other pages pass; choosing one shows that section's pages only.
  function filter(results, selected) {
    var counts = [{}, {}, {}, {}], shown = [];
    results.forEach(function (r) {
      var f = facetsOf(r.id), pass = [];
      for (var i = 0; i < 3; i++) pass.push(!selected[i].size || selected[i].has(f[i]));
      pass.push(selected[3] && selected[3].size ? selected[3].has(f[3]) : f[3] < 0);
      for (i = 0; i < 4; i++) {
        if (f[i] < 0) continue;
        var others = true;
        for (var j = 0; j < 4; j++) if (j !== i && !pass[j]) others = false;
        if (i === 3 && !(selected[3] && selected[3].size)) others = pass[0] && pass[1] && pass[2];
        if (others) counts[i][f[i]] = (counts[i][f[i]] || 0) + 1;
      }
      if (pass[0] && pass[1] && pass[2] && pass[3]) shown.push(r);
    });
    return { shown: shown, counts: counts };
  }

  // ---- Result details: the best section and a highlighted snippet --------------------
  function record(id) {
    var starts = manifest.docs, shard = Math.max(0, upperNum(starts, id));
    return load("d" + shard).then(function (list) { return list[id - starts[shard]]; });
  }

  // Splits text into [text, isMatch] pieces, words matching the query's terms marked.
  function marks(text, hits) {
    var out = [], last = 0, found = {};
    runs(text).forEach(function (r) {
      var terms = wordTerms(fold(r[2]), true), q = -1;
      for (var i = 0; i < terms.length; i++) if (Object.prototype.hasOwnProperty.call(hits, terms[i])) q = hits[terms[i]];
      if (q < 0) return;
      found[q] = 1;
      if (r[0] > last) out.push([text.slice(last, r[0]), false]);
      out.push([text.slice(r[0], r[1]), true]);
      last = r[1];
    });
    if (last < text.length) out.push([text.slice(last), false]);
    out.found = Object.keys(found).length;
    return out;
  }
  var SNIPPET_WORDS = 28;
  function snippet(text, hits) {
    var words = text.split(" "), first = -1;
    for (var i = 0; i < words.length && first < 0; i++) if (marks(words[i], hits).found) first = i;
    var start = Math.max(0, (first < 0 ? 0 : first) - 8), end = Math.min(words.length, start + SNIPPET_WORDS);
    return (start > 0 ? "… " : "") + words.slice(start, end).join(" ") + (end < words.length ? " …" : "");
  }
  function describe(r, rec, hits) {
    var best = null, bestScore = -1;
    rec[4].forEach(function (s, i) {
      var score = marks(s[2], hits).found * 10 + marks(s[0], hits).found * 12 - i * 0.01;
      if (score > bestScore) { best = s; bestScore = score; }
    });
    var bare = rec[1].split("#")[0];
    var useSection = best && bestScore > 0;
    var text = useSection && best[2] ? best[2] : rec[2] || (best ? best[2] : "");
    return {
      id: r.id, title: rec[0],
      url: base + (useSection && best[1] ? bare + "#" + best[1] : rec[1]),
      kind: facetLabel(0, facetsOf(r.id)[0]),
      context: rec[3], section: useSection ? best[0] : "",
      snippet: snippet(text, hits), hits: hits,
    };
  }
  function details(results, hits) {
    return Promise.all(results.map(function (r) { return record(r.id).then(function (rec) { return describe(r, rec, hits); }); }));
  }

  // ---- Drawing (DOM nodes only, never HTML strings) ----------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function highlighted(tag, cls, text, hits) {
    var e = el(tag, cls);
    marks(text, hits).forEach(function (p) { e.appendChild(p[1] ? el("mark", null, p[0]) : document.createTextNode(p[0])); });
    return e;
  }
  function resultBody(d, titleTag) {
    var frag = document.createDocumentFragment();
    frag.appendChild(highlighted(titleTag, "search-title", d.title, d.hits));
    var ctx = [d.kind, d.context, d.section].filter(function (x, i, all) { return x && all.indexOf(x) === i; }).join(" › ");
    if (ctx) frag.appendChild(el("span", "search-context", ctx));
    if (d.snippet) frag.appendChild(highlighted("span", "search-snippet", d.snippet, d.hits));
    return frag;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  api.distance = distance;
  api.run = run; api.filter = filter; api.details = details; api.loadManifest = loadManifest;

  var started = false;
  function init() {
    if (started) return;
    started = true;
    var box = document.getElementById("site-search-input");
    if (box) combobox(box);
    var page = document.getElementById("search-page-input");
    if (page) resultsPage(page);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();

  // ---- The header box: an ARIA 1.2 combobox with a listbox of the best results --------
  var SUGGESTIONS = 6;
  function combobox(input) {
    var form = input.form, popup = document.getElementById("site-search-popup");
    var list = document.getElementById("site-search-listbox"), message = document.getElementById("site-search-message");
    var status = document.getElementById("site-search-status");
    var options = [], active = -1, seq = 0, timer = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    function open(show) {
      popup.hidden = !show;
      input.setAttribute("aria-expanded", show && options.length ? "true" : "false");
      if (!show) setActive(-1);
    }
    function setActive(i) {
      if (options[active]) options[active].el.setAttribute("aria-selected", "false");
      active = i;
      if (options[i]) {
        options[i].el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].el.id);
        options[i].el.scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function allUrl(q) { return base + "search.html?q=" + encodeURIComponent(q); }
    function update() {
      var q = input.value, mine = ++seq;
      if (!q.trim()) { options = []; list.replaceChildren(); list.removeAttribute("data-query"); message.textContent = ""; status.textContent = ""; open(false); return; }
      run(q).then(function (res) {
        if (mine !== seq) return;
        var top = res.results.slice(0, SUGGESTIONS);
        return details(top, res.hits).then(function (ds) {
          if (mine !== seq) return;
          options = ds.map(function (d, i) {
            var li = el("li", "search-option");
            li.id = "site-search-option-" + i;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            li.setAttribute("data-url", d.url);
            li.appendChild(resultBody(d, "span"));
            return { el: li, url: d.url };
          });
          if (res.all.length) {
            var more = el("li", "search-option search-all-results", (res.results.length ? "Show all " + plural(res.results.length, "result", "results") : "Show " + plural(res.all.length, "result", "results") + " in sections searched separately") + " for “" + q.trim() + "”");
            more.id = "site-search-option-all";
            more.setAttribute("role", "option");
            more.setAttribute("aria-selected", "false");
            more.setAttribute("data-url", allUrl(q));
            options.push({ el: more, url: allUrl(q) });
          }
          if (res.suggestion) {
            var dym = el("li", "search-option search-suggestion", "Did you mean “" + res.suggestion + "”?");
            dym.id = "site-search-option-suggestion";
            dym.setAttribute("role", "option");
            dym.setAttribute("aria-selected", "false");
            dym.setAttribute("data-url", allUrl(res.suggestion));
            options.unshift({ el: dym, url: allUrl(res.suggestion) });
          }
          list.replaceChildren.apply(list, options.map(function (o) { return o.el; }));
          list.hidden = !options.length;
          message.textContent = res.results.length ? (res.partial ? "No page has every word; these have some." : "") : "No pages match “" + q.trim() + "”.";
          status.textContent = res.results.length ? plural(res.results.length, "result", "results") + " available. Use the up and down arrows to choose one." : message.textContent;
          active = -1;
          list.setAttribute("data-query", q);
          open(document.activeElement === input);
        });
      }).catch(function (e) { if (mine === seq) { message.textContent = e.message; open(true); } });
    }
    function go(i) { if (options[i]) location.href = options[i].url; }
    input.addEventListener("focus", function () { loadManifest().catch(function () {}); if (options.length || message.textContent) open(true); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 60); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!options.length) return;
        e.preventDefault();
        if (popup.hidden) open(true);
        var n = options.length;
        setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === "Enter") {
        if (active >= 0) { e.preventDefault(); go(active); }
      } else if (e.key === "Escape") {
        if (!popup.hidden) { e.preventDefault(); open(false); } else if (input.value) { e.preventDefault(); input.value = ""; update(); }
      } else if (e.key === "Tab") open(false);
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      for (var i = 0; i < options.length; i++) if (options[i].el === li) go(i);
    });
    form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) open(false); });
  }

  // ---- The results page: filters with counts, a results list, a live count ------------
  var PAGE_SIZE = 20;
  function resultsPage(input) {
    var app = document.getElementById("search-app"), statusEl = document.getElementById("search-status");
    var listEl = document.getElementById("search-results"), moreBtn = document.getElementById("search-more");
    var filtersEl = document.getElementById("search-filters"), all = document.getElementById("search-all");
    var nojs = document.getElementById("search-nojs");
    var selected = [new Set(), new Set(), new Set(), new Set()], boxes = [{}, {}, {}, {}], groups = [];
    var current = null, shown = [], drawn = 0, seq = 0, timer = 0, renders = 0;
    if (nojs) nojs.hidden = true;
    app.hidden = false;

    function buildFilters() {
      // Folded on a phone, so the first result is on the first screen; open on a wider one.
      var fold = el("details", "search-filters-fold");
      fold.appendChild(el("summary", null, "Filter results"));
      filtersEl.appendChild(fold);
      var wide = window.matchMedia ? window.matchMedia("(min-width: 40rem)") : null;
      fold.open = !wide || wide.matches;
      if (wide && wide.addEventListener) wide.addEventListener("change", function () { fold.open = wide.matches; });
      ["Kind", "Organisation", "Grade", "Searched separately"].forEach(function (name, f) {
        var fs = el("fieldset", "search-facet");
        fs.appendChild(el("legend", null, name));
        var values = f === 0 ? manifest.kinds : f === 1 ? manifest.organisations : f === 2 ? manifest.grades : manifest.scopes || [];
        values.forEach(function (_, v) {
          var label = el("label", "search-facet-value");
          var cb = el("input");
          cb.type = "checkbox";
          cb.name = FACETS[f];
          cb.value = String(v);
          cb.addEventListener("change", function () {
            if (cb.checked) selected[f].add(v); else selected[f].delete(v);
            draw(true);
          });
          var text = el("span", null, facetLabel(f, v)), count = el("span", "search-count");
          label.append(cb, " ", text, " ", count);
          boxes[f][v] = { label: label, count: count };
          fs.appendChild(label);
        });
        groups.push(fs);
        fold.appendChild(fs);
      });
    }
    function draw(announce) {
      var f = filter(current.all, selected);
      shown = f.shown;
      for (var i = 0; i < 4; i++) {
        var any = false;
        Object.keys(boxes[i]).forEach(function (v) {
          var n = f.counts[i][v] || 0, b = boxes[i][v], on = selected[i].has(Number(v));
          b.label.hidden = !n && !on;
          b.count.textContent = "(" + n + ")";
          any = any || !b.label.hidden;
        });
        groups[i].hidden = !any;
      }
      filtersEl.hidden = !current.all.length;
      var dym = document.getElementById("search-suggestion");
      if (!dym) { dym = el("p", "search-suggestion"); dym.id = "search-suggestion"; listEl.parentNode.insertBefore(dym, listEl); }
      dym.replaceChildren();
      dym.hidden = !current.suggestion;
      if (current.suggestion) {
        var link = el("a", null, current.suggestion);
        link.href = "?q=" + encodeURIComponent(current.suggestion);
        link.addEventListener("click", function (e) { e.preventDefault(); input.value = current.suggestion; update(); });
        dym.append("Did you mean “", link, "”?");
      }
      listEl.replaceChildren();
      drawn = 0;
      return more(false).then(function () {
        var q = input.value.trim();
        var text = shown.length ? plural(shown.length, "result", "results") + " for “" + q + "”" : "No pages match “" + q + "”" + (current.all.length ? " with these filters." : ".");
        if (current.partial && shown.length) text += " No page has every word; these have some.";
        if (announce !== false) statusEl.textContent = text;
        app.setAttribute("data-renders", String(++renders));
      });
    }
    function more(focusFirst) {
      var mine = seq, batch = shown.slice(drawn, drawn + PAGE_SIZE);
      return details(batch, current.hits).then(function (ds) {
        if (mine !== seq) return;
        var firstNew = null;
        ds.forEach(function (d) {
          var li = el("li", "search-result"), a = el("a", "search-result-link");
          a.href = d.url;
          a.appendChild(resultBody(d, "span"));
          li.appendChild(a);
          listEl.appendChild(li);
          firstNew = firstNew || a;
        });
        drawn += batch.length;
        moreBtn.hidden = drawn >= shown.length;
        if (focusFirst && firstNew) firstNew.focus();
      });
    }
    function update() {
      var q = input.value, mine = ++seq;
      try { history.replaceState(null, "", q.trim() ? "?q=" + encodeURIComponent(q.trim()) : location.pathname); } catch (e) { /* file:// may refuse */ }
      if (all) all.hidden = !!q.trim();
      if (!q.trim()) { current = null; listEl.replaceChildren(); moreBtn.hidden = true; filtersEl.hidden = true; statusEl.textContent = ""; return; }
      statusEl.textContent = "Searching…";
      run(q).then(function (res) {
        if (mine !== seq) return;
        if (!groups.length) buildFilters();
        current = res;
        return draw(true);
      }).catch(function (e) { if (mine === seq) statusEl.textContent = e.message; });
    }
    moreBtn.addEventListener("click", function () { more(true); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 60); });
    input.form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); update(); });
    input.addEventListener("keydown", function (e) {
      var first = listEl.querySelector("a");
      if (e.key === "ArrowDown" && first) { e.preventDefault(); first.focus(); }
    });
    listEl.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(listEl.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < links.length) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); (i ? links[i - 1] : input).focus(); }
      else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; update(); }
    else filtersEl.hidden = true;
  }
})();
