// The checklist's data rules, with no page or storage code, so they can be tested on
// their own: candidates and their scores, totals and the essentials verdict, and the CSV
// and JSON formats of exports and imports.
//
// The essentials rule: a 0 on any essential criterion means "does not meet the
// essentials"; otherwise an essential criterion not yet scored means "incomplete" (an
// unscored criterion never counts as met); only when every essential criterion scores 1
// or more does the candidate "meet the essentials". A role whose source marks nothing
// essential gets no verdict.
//
// Formats (the round trip keeps every id, name, reference, score and note):
//   CSV:  role, candidate_id, candidate_name, candidate_reference, criterion_number,
//         category, need, criterion, score, note: one row per candidate and criterion,
//         score blank when not scored (see csv.js for quoting).
//   JSON: { format: "handbook-shortlist", version: 1, role, role_title, criteria: [...],
//           candidates: [{ id, name, reference, scores: [{ criterion, score, note }] }] }
// Importing checks everything first and imports nothing if any row is wrong.
//
// A classic script that defines window.HandbookShortlist (needs window.HandbookCSV).
(function (global) {
  "use strict";

  var SCORE_LABELS = ["none", "mentioned", "evidenced", "strong evidence"];
  var NEED_LABEL = { essential: "Essential", desirable: "Desirable", unspecified: "Not stated" };
  var CSV_HEADER = ["role", "candidate_id", "candidate_name", "candidate_reference", "criterion_number", "category", "need", "criterion", "score", "note"];
  var SELF_HEADER = ["role", "criterion_number", "category", "need", "criterion", "i_meet_this", "evidence", "training"];

  function str(v) { return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v); }
  /** 0-3, null for "not scored", undefined for anything else. */
  function scoreOf(v) {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
    var n = typeof v === "number" ? v : Number(String(v).trim());
    return n === 0 || n === 1 || n === 2 || n === 3 ? n : undefined;
  }
  function newId() { return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }
  function label(c) { return c.name && c.reference ? c.name + " (" + c.reference + ")" : c.name || c.reference; }

  /**
   * The rules for one role. `role` is { key, id, title }; `criteria` is a list of
   * { number, need, category, text, training: [module titles] } in page order.
   */
  function create(role, criteria) {
    var CSV = global.HandbookCSV;
    var byNumber = {};
    criteria.forEach(function (c) { byNumber[c.number] = c; });
    var essentials = criteria.filter(function (c) { return c.need === "essential"; });

    /** A candidate from stored or imported data; problems go to `errors`, never thrown. */
    function candidateFrom(raw, where, errors) {
      if (!raw || typeof raw !== "object") { errors.push(where + " is not a candidate."); return null; }
      var c = { id: str(raw.id) || newId(), name: str(raw.name), reference: str(raw.reference), scores: {} };
      if (!c.name && !c.reference) errors.push(where + " has neither a name nor a reference.");
      var list = Array.isArray(raw.scores) ? raw.scores : Object.keys(raw.scores || {}).map(function (k) {
        var s = raw.scores[k] || {};
        return { criterion: k, score: s.score, note: s.note };
      });
      list.forEach(function (s, i) {
        var n = Number(s && s.criterion);
        var score = scoreOf(s && s.score);
        if (!byNumber[n]) { errors.push(where + ", score " + (i + 1) + ": criterion " + str(s && s.criterion) + " is not in this role's person specification."); return; }
        if (score === undefined) { errors.push(where + ", criterion " + n + ": score \u201c" + str(s.score) + "\u201d is not 0, 1, 2 or 3."); return; }
        var note = str(s.note);
        if (score !== null || note !== "") c.scores[n] = { score: score, note: note };
      });
      return c;
    }

    /** Totals and the essentials verdict for one candidate. */
    function assess(c) {
      var a = { total: 0, scored: 0, max: criteria.length * 3, zero: [], unscored: [] };
      criteria.forEach(function (cr) {
        var s = c.scores[cr.number];
        var v = s ? s.score : null;
        if (v !== null) { a.total += v; a.scored += 1; }
        if (cr.need === "essential") {
          if (v === 0) a.zero.push(cr.number);
          else if (v === null) a.unscored.push(cr.number);
        }
      });
      a.status = essentials.length === 0 ? "none" : a.zero.length ? "fail" : a.unscored.length ? "incomplete" : "pass";
      return a;
    }
    function verdict(a) {
      if (a.status === "fail") return "\u2717 Does not meet the essentials (scored 0 on criterion " + a.zero.join(", ") + ")";
      if (a.status === "incomplete") return "\u2026 Essentials incomplete: " + a.unscored.length + " essential " + (a.unscored.length === 1 ? "criterion" : "criteria") + " not scored yet";
      if (a.status === "pass") return "\u2713 Meets the essentials";
      return "No criteria are marked essential in the source";
    }
    function totalText(a) { return a.total + " of " + a.max + " (" + a.scored + " of " + criteria.length + " criteria scored)"; }

    function toCsv(candidates) {
      var rows = [CSV_HEADER];
      candidates.forEach(function (c) {
        var base = [role.key, c.id, c.name, c.reference];
        if (!criteria.length) rows.push(base.concat(["", "", "", "", "", ""]));
        criteria.forEach(function (cr) {
          var s = c.scores[cr.number] || { score: null, note: "" };
          rows.push(base.concat([String(cr.number), cr.category, NEED_LABEL[cr.need] || cr.need, cr.text, s.score === null ? "" : String(s.score), s.note]));
        });
      });
      return CSV.stringify(rows);
    }
    function toJson(candidates) {
      return JSON.stringify({
        format: "handbook-shortlist",
        version: 1,
        role: role.key,
        role_title: role.title,
        criteria: criteria.map(function (c) { return { number: c.number, category: c.category, need: c.need, text: c.text }; }),
        candidates: candidates.map(function (c) {
          return {
            id: c.id, name: c.name, reference: c.reference,
            scores: criteria.filter(function (cr) { return c.scores[cr.number]; }).map(function (cr) {
              var s = c.scores[cr.number];
              return { criterion: cr.number, score: s.score, note: s.note };
            })
          };
        })
      }, null, 2) + "\n";
    }
    function selfCsv(answers) {
      var rows = [SELF_HEADER];
      criteria.forEach(function (cr) {
        var a = answers[cr.number] || { meets: false, evidence: "" };
        rows.push([role.key, String(cr.number), cr.category, NEED_LABEL[cr.need] || cr.need, cr.text, a.meets ? "yes" : "no", a.evidence, (cr.training || []).join("; ")]);
      });
      return CSV.stringify(rows);
    }

    function fromCsv(text) {
      var errors = [];
      var rows;
      try { rows = CSV.parse(text); } catch (e) { return { candidates: [], errors: ["The file is not valid CSV: " + e.message + "."] }; }
      if (!rows.length) return { candidates: [], errors: ["The file is empty."] };
      var col = {};
      rows[0].forEach(function (name, i) {
        name = name.trim().toLowerCase();
        if (!(name in col)) col[name] = i;
      });
      var missing = ["candidate_name", "candidate_reference", "criterion_number", "score", "note"].filter(function (n) { return !(n in col); });
      if (missing.length) return { candidates: [], errors: ["The file is not a shortlist export: it has no " + missing.join(", ") + " column."] };
      var get = function (row, name) { return name in col ? str(row[col[name]]) : ""; };
      var order = [];
      var byKey = {};
      var wrongRole = false;
      rows.slice(1).forEach(function (row, i) {
        var r = get(row, "role");
        if (r && r !== role.key) {
          if (!wrongRole) errors.push("The file is for another role (" + r + "), not " + role.title + ".");
          wrongRole = true;
          return;
        }
        var id = get(row, "candidate_id");
        var name = get(row, "candidate_name");
        var reference = get(row, "candidate_reference");
        var key = id || "\u0000" + name + "\u0000" + reference;
        var c = byKey[key];
        if (!c) {
          c = { id: id, name: name, reference: reference, scores: [] };
          byKey[key] = c;
          order.push(c);
        }
        var num = get(row, "criterion_number").trim();
        if (!num) return;
        var n = Number(num);
        var text = get(row, "criterion");
        if (byNumber[n] && text && byNumber[n].text !== text) {
          // The specification changed since the export: match the criterion by its words.
          var same = criteria.filter(function (cr) { return cr.text === text; })[0];
          if (!same) { errors.push("Row " + (i + 2) + ": criterion " + num + " (\u201c" + text + "\u201d) is not in this role's person specification."); return; }
          n = same.number;
        }
        c.scores.push({ criterion: byNumber[n] ? n : num, score: get(row, "score"), note: get(row, "note") });
      });
      var candidates = [];
      order.forEach(function (raw, i) {
        var c = candidateFrom(raw, "Candidate " + (i + 1) + " (" + (label(raw) || "no name") + ")", errors);
        if (c) candidates.push(c);
      });
      return { candidates: candidates, errors: errors };
    }
    function fromJson(text) {
      var data;
      try { data = JSON.parse(text); } catch (e) { return { candidates: [], errors: ["The file is not valid JSON."] }; }
      if (!data || data.format !== "handbook-shortlist" || !Array.isArray(data.candidates)) {
        return { candidates: [], errors: ["The file is not a shortlist export from this handbook."] };
      }
      if (data.role && data.role !== role.key) {
        return { candidates: [], errors: ["The file is for another role (" + str(data.role_title || data.role) + "), not " + role.title + "."] };
      }
      var errors = [];
      var candidates = [];
      data.candidates.forEach(function (raw, i) {
        var c = candidateFrom(raw, "Candidate " + (i + 1), errors);
        if (c) candidates.push(c);
      });
      return { candidates: candidates, errors: errors };
    }
    /** An export of either format: { candidates, errors }. */
    function fromText(text) {
      var body = str(text).replace(/^\ufeff/, "");
      return /^\s*\{/.test(body) ? fromJson(body) : fromCsv(body);
    }

    return {
      candidateFrom: candidateFrom, assess: assess, verdict: verdict, totalText: totalText,
      toCsv: toCsv, toJson: toJson, selfCsv: selfCsv, fromText: fromText, essentials: essentials
    };
  }

  global.HandbookShortlist = {
    create: create, scoreOf: scoreOf, label: label, newId: newId,
    SCORE_LABELS: SCORE_LABELS, NEED_LABEL: NEED_LABEL
  };
})(typeof window !== "undefined" ? window : this);
