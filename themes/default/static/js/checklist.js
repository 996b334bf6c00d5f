// The checklist page's two tools, added on top of the printable list (progressive
// enhancement: without this script the page is a paper form).
//
// Shortlisting: add candidates by name or reference, score each criterion 0-3 with a
// note, see totals, whether each candidate meets the essentials (rules in shortlist.js)
// and all candidates side by side.
//
// Printing: after scoring, the paper form prints filled in with the current candidate's
// scores, notes, total and essentials verdict; "Print a blank form" prints it empty (as
// does the browser's Print command in self-assessment, or with no candidate).
//
// Self-assessment: for staff, "I meet this" and an evidence note per criterion, with the
// training that develops each criterion's competencies (listed by the page itself).
//
// State lives in this browser only (localStorage, one key per role and tool) and never
// leaves it: there is no network code here. Where storage is unavailable (some file://
// setups, private modes) the tools still work for the visit and say so. Export and import
// (CSV and JSON) go through files the user chooses. Confirmations are in the page, not
// window.confirm, so they work by keyboard and with assistive technology.
(function () {
  "use strict";
  var root = document.getElementById("checklist");
  var app = document.getElementById("checklist-app");
  var Shortlist = window.HandbookShortlist;
  if (!root || !app || !window.HandbookCSV || !Shortlist) return;

  var role = {
    key: root.getAttribute("data-role") || "",
    id: root.getAttribute("data-role-id") || "role",
    title: root.getAttribute("data-role-title") || ""
  };
  var baseKey = root.getAttribute("data-storage-key") || "handbook:" + role.key;
  var KEYS = { shortlist: baseKey + ":shortlist:v1", self: baseKey + ":self:v1" };
  var SCORE_LABELS = Shortlist.SCORE_LABELS;
  var NEED_LABEL = Shortlist.NEED_LABEL;
  var scoreOf = Shortlist.scoreOf;
  var label = Shortlist.label;

  var criteria = Array.prototype.map.call(root.querySelectorAll("li.criterion"), function (li) {
    return {
      number: Number(li.getAttribute("data-number")),
      need: li.getAttribute("data-need") || "unspecified",
      category: li.getAttribute("data-category") || "",
      text: li.getAttribute("data-text") || "",
      el: li,
      training: Array.prototype.map.call(li.querySelectorAll(".develops a"), function (a) { return a.textContent; })
    };
  });
  var byNumber = {};
  criteria.forEach(function (c) { byNumber[c.number] = c; });
  var rules = Shortlist.create(role, criteria);
  var essentials = rules.essentials;

  // ---- small helpers -------------------------------------------------------------------

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (kid) {
      if (kid !== null && kid !== undefined) el.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return el;
  }
  function str(v) { return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v); }

  // ---- storage ---------------------------------------------------------------------------

  var store = (function () {
    try {
      var s = window.localStorage;
      var probe = baseKey + ":probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();
  var problems = [];
  function load(key) {
    if (!store) return null;
    var raw = null;
    try {
      raw = store.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      try { store.setItem(key + ":unreadable", raw); } catch (ignored) { /* nothing more to do */ }
      problems.push("Saved answers for this role could not be read; they were set aside and this starts afresh.");
      return null;
    }
  }
  function save(key, value) {
    if (!store) return;
    try {
      store.setItem(key, JSON.stringify(value));
    } catch (e) {
      storageNote.hidden = false;
      storageNote.textContent = "This browser refused to save (its storage may be full or blocked), so recent changes will be lost when the page closes. Export to keep them.";
    }
  }

  // ---- state -------------------------------------------------------------------------------

  var shortlist = { candidates: [], current: null };
  (function () {
    var saved = load(KEYS.shortlist);
    if (!saved) return;
    var errors = [];
    (Array.isArray(saved.candidates) ? saved.candidates : []).forEach(function (raw, i) {
      var c = rules.candidateFrom(raw, "Saved candidate " + (i + 1), errors);
      if (c) shortlist.candidates.push(c);
    });
    shortlist.current = typeof saved.current === "string" ? saved.current : null;
  })();
  var self = { answers: {} };
  (function () {
    var saved = load(KEYS.self);
    if (!saved || typeof saved.answers !== "object" || !saved.answers) return;
    Object.keys(saved.answers).forEach(function (k) {
      var a = saved.answers[k];
      if (byNumber[k] && a) self.answers[k] = { meets: a.meets === true, evidence: str(a.evidence) };
    });
  })();
  function current() {
    var found = shortlist.candidates.filter(function (c) { return c.id === shortlist.current; })[0];
    return found || shortlist.candidates[0] || null;
  }
  function saveShortlist() { save(KEYS.shortlist, { version: 1, role: role.key, candidates: shortlist.candidates, current: shortlist.current }); }
  function saveSelf() { save(KEYS.self, { version: 1, role: role.key, answers: self.answers }); }

  // ---- the panel -------------------------------------------------------------------------

  var message = h("p", { class: "app-message", role: "status" });
  function say(text) { message.textContent = text; }
  var storageNote = h("p", { class: "storage-note", role: "note", hidden: !!store }, [
    "This browser is not letting the page save (this happens with some files opened from disk and in private windows). Scores and answers last only until you close or reload the page: export them to keep them."
  ]);

  var confirmText = h("p", { id: "confirm-text" });
  var confirmYes = h("button", { type: "button", class: "danger" });
  var confirmNo = h("button", { type: "button", text: "Cancel" });
  var confirmBox = h("div", { class: "confirm", role: "group", "aria-labelledby": "confirm-text", tabindex: "-1", hidden: true }, [
    confirmText, h("p", { class: "actions" }, [confirmYes, " ", confirmNo])
  ]);
  var pending = null;
  function ask(question, yes, onYes, from) {
    confirmText.textContent = question;
    confirmYes.textContent = yes;
    pending = { onYes: onYes, from: from };
    confirmBox.hidden = false;
    confirmBox.focus();
  }
  function closeConfirm(done) {
    var p = pending;
    pending = null;
    confirmBox.hidden = true;
    if (p && done) p.onYes();
    if (p && p.from && !done) p.from.focus();
  }
  confirmYes.addEventListener("click", function () { closeConfirm(true); });
  confirmNo.addEventListener("click", function () { closeConfirm(false); });
  confirmBox.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); closeConfirm(false); } });

  var modeButtons = {
    shortlist: h("button", { type: "button", "aria-pressed": "false", text: "Shortlist candidates" }),
    self: h("button", { type: "button", "aria-pressed": "false", text: "Assess yourself" })
  };
  Object.keys(modeButtons).forEach(function (m) { modeButtons[m].addEventListener("click", function () { setMode(m, true); }); });

  // Shortlisting controls.
  var nameInput = h("input", { id: "candidate-name", type: "text", autocomplete: "off" });
  var refInput = h("input", { id: "candidate-reference", type: "text", autocomplete: "off" });
  var addError = h("p", { id: "candidate-error", class: "error", hidden: true });
  var addForm = h("form", { class: "add-candidate", novalidate: true }, [
    h("div", { class: "field" }, [h("label", { for: "candidate-name", text: "Name" }), nameInput]),
    h("div", { class: "field" }, [h("label", { for: "candidate-reference", text: "Reference" }), refInput]),
    addError,
    h("button", { type: "submit", text: "Add candidate" })
  ]);
  var picker = h("select", { id: "current-candidate" });
  var currentStatus = h("p", { class: "candidate-status", id: "current-status" });
  var currentBox = h("div", { class: "current-candidate" }, [
    h("label", { for: "current-candidate", text: "Scoring" }), " ", picker, currentStatus
  ]);
  var noCandidates = h("p", { class: "empty", text: "Add a candidate to start scoring. Every criterion then gets a score from 0 to 3 and a note." });
  var importInput = h("input", { id: "import-file", type: "file", accept: ".csv,.json,text/csv,application/json" });
  var removeButton = h("button", { type: "button", text: "Remove this candidate" });
  var clearButton = h("button", { type: "button", class: "danger", text: "Clear all candidates" });
  var exportCsvButton = h("button", { type: "button", text: "Export CSV" });
  var exportJsonButton = h("button", { type: "button", text: "Export JSON" });
  var printCandidateButton = h("button", { type: "button", "data-print-candidate": true, text: "Print this candidate's scores" });
  var printBlankButton = h("button", { type: "button", "data-print-blank": true, text: "Print a blank form" });
  var shortlistPanel = h("section", { class: "panel mode-shortlist", "aria-labelledby": "shortlist-heading" }, [
    h("h2", { id: "shortlist-heading", text: "Shortlist candidates" }),
    h("p", { text: "Scores are kept in this browser only, for this role, and are never sent anywhere." }),
    addForm, noCandidates, currentBox,
    h("p", { class: "actions" }, [exportCsvButton, " ", exportJsonButton, " ", removeButton, " ", clearButton]),
    h("p", { class: "actions" }, [printCandidateButton, " ", printBlankButton]),
    h("p", { class: "field import" }, [h("label", { for: "import-file", text: "Import candidates from a CSV or JSON export" }), " ", importInput]),
    h("p", {}, [h("a", { href: "#side-by-side", text: "All candidates side by side" })])
  ]);

  // Self-assessment controls.
  var selfSummary = h("p", { class: "self-summary", id: "self-summary" });
  var selfExport = h("button", { type: "button", text: "Export my self-assessment (CSV)" });
  var selfClear = h("button", { type: "button", class: "danger", text: "Clear my answers" });
  var selfPrintBlank = h("button", { type: "button", text: "Print a blank form" });
  var selfPanel = h("section", { class: "panel mode-self", "aria-labelledby": "self-heading" }, [
    h("h2", { id: "self-heading", text: "Assess yourself against this role" }),
    h("p", { text: "Tick each criterion you meet and note your evidence. Where a criterion relates to a competency, the training that develops it is listed with it. Your answers stay in this browser." }),
    selfSummary,
    h("p", { class: "actions" }, [selfExport, " ", selfClear, " ", selfPrintBlank])
  ]);

  app.appendChild(h("div", { class: "mode-switch", role: "group", "aria-label": "What to do with this checklist" }, [modeButtons.shortlist, " ", modeButtons.self]));
  app.appendChild(storageNote);
  problems.forEach(function (p) { app.appendChild(h("p", { class: "storage-note", role: "note", text: p })); });
  app.appendChild(message);
  app.appendChild(confirmBox);
  app.appendChild(shortlistPanel);
  app.appendChild(selfPanel);
  app.hidden = false;
  root.classList.add("enhanced");

  // ---- per-criterion controls --------------------------------------------------------------

  criteria.forEach(function (cr) {
    var n = cr.number;
    var legendName = h("span", { class: "legend-name" });
    var radios = [];
    var options = [{ value: "", text: "Not scored" }].concat(SCORE_LABELS.map(function (l, i) { return { value: String(i), text: i + " " + l }; }));
    var fieldset = h("fieldset", { class: "score" }, [
      h("legend", {}, ["Score", legendName, h("span", { class: "visually-hidden", text: " on criterion " + n })])
    ].concat(options.map(function (o) {
      var id = "score-" + n + "-" + (o.value === "" ? "none" : o.value);
      var input = h("input", { type: "radio", name: "score-" + n, id: id, value: o.value });
      radios.push(input);
      input.addEventListener("change", function () { setScore(n, scoreOf(input.value)); });
      return h("label", { for: id, class: "score-option" }, [input, " ", o.text]);
    })));
    var note = h("textarea", { id: "note-" + n, rows: "2" });
    note.addEventListener("input", function () { setNote(n, note.value); });
    var flag = h("p", { class: "flag", hidden: true, text: "\u2717 Scored 0 on an essential criterion: does not meet the essentials" });
    var shortlistControls = h("div", { class: "row-controls mode-shortlist" }, [
      fieldset,
      h("p", { class: "field" }, [h("label", { for: "note-" + n }, ["Note", h("span", { class: "visually-hidden", text: " on criterion " + n })]), note]),
      flag
    ]);
    var meets = h("input", { type: "checkbox", id: "meets-" + n });
    var evidence = h("textarea", { id: "evidence-" + n, rows: "2" });
    meets.addEventListener("change", function () { setAnswer(n, { meets: meets.checked }); });
    evidence.addEventListener("input", function () { setAnswer(n, { evidence: evidence.value }); });
    var selfControls = h("div", { class: "row-controls mode-self" }, [
      h("p", { class: "check" }, [meets, " ", h("label", { for: "meets-" + n }, ["I meet this", h("span", { class: "visually-hidden", text: " (criterion " + n + ")" })])]),
      h("p", { class: "field" }, [h("label", { for: "evidence-" + n }, ["Evidence", h("span", { class: "visually-hidden", text: " for criterion " + n })]), evidence])
    ]);
    cr.ui = { radios: radios, note: note, flag: flag, legendName: legendName, shortlist: shortlistControls, meets: meets, evidence: evidence };
    cr.el.appendChild(shortlistControls);
    cr.el.appendChild(selfControls);
  });

  // The side-by-side view goes after the last group of criteria.
  var sideBySide = h("section", { id: "side-by-side", class: "side-by-side mode-shortlist no-print", "aria-labelledby": "sbs-heading", tabindex: "-1" }, [
    h("h2", { id: "sbs-heading", text: "All candidates side by side" })
  ]);
  var sbsBody = h("div");
  sideBySide.appendChild(sbsBody);
  var groups = root.querySelectorAll(".criteria-group");
  var after = groups.length ? groups[groups.length - 1] : app;
  after.parentNode.insertBefore(sideBySide, after.nextSibling);

  // ---- behaviour ---------------------------------------------------------------------------

  /** An unscored criterion without a note is not stored, so exports hold only answers. */
  function keep(c, n, s) {
    if (s.score === null && s.note === "") delete c.scores[n];
    else c.scores[n] = s;
  }
  function setScore(n, score) {
    var c = current();
    if (!c) return;
    var s = c.scores[n] || { score: null, note: "" };
    s.score = score;
    keep(c, n, s);
    saveShortlist();
    renderScores();
  }
  function setNote(n, text) {
    var c = current();
    if (!c) return;
    var s = c.scores[n] || { score: null, note: "" };
    s.note = text;
    keep(c, n, s);
    saveShortlist();
    renderSummary();
  }
  function setAnswer(n, change) {
    var a = self.answers[n] || { meets: false, evidence: "" };
    if ("meets" in change) a.meets = change.meets;
    if ("evidence" in change) a.evidence = change.evidence;
    self.answers[n] = a;
    saveSelf();
    renderSelfSummary();
  }

  addForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var name = nameInput.value.trim();
    var reference = refInput.value.trim();
    if (!name && !reference) {
      addError.textContent = "Error: give the candidate a name or a reference.";
      addError.hidden = false;
      nameInput.setAttribute("aria-invalid", "true");
      nameInput.setAttribute("aria-describedby", "candidate-error");
      nameInput.focus();
      return;
    }
    addError.hidden = true;
    nameInput.removeAttribute("aria-invalid");
    nameInput.removeAttribute("aria-describedby");
    var c = { id: Shortlist.newId(), name: name, reference: reference, scores: {} };
    shortlist.candidates.push(c);
    shortlist.current = c.id;
    nameInput.value = "";
    refInput.value = "";
    saveShortlist();
    render();
    say("Added " + label(c) + ". Now scoring " + label(c) + ".");
  });
  picker.addEventListener("change", function () {
    shortlist.current = picker.value;
    saveShortlist();
    render();
  });
  removeButton.addEventListener("click", function () {
    var c = current();
    if (!c) return;
    ask("Remove " + label(c) + " and all their scores and notes? This cannot be undone.", "Remove " + label(c), function () {
      shortlist.candidates = shortlist.candidates.filter(function (x) { return x.id !== c.id; });
      shortlist.current = shortlist.candidates.length ? shortlist.candidates[0].id : null;
      saveShortlist();
      render();
      say("Removed " + label(c) + ".");
      (shortlist.candidates.length ? picker : nameInput).focus();
    }, removeButton);
  });
  clearButton.addEventListener("click", function () {
    var n = shortlist.candidates.length;
    if (!n) { say("There are no candidates to clear."); return; }
    ask("Delete all " + n + " " + (n === 1 ? "candidate" : "candidates") + " for this role, with every score and note? This cannot be undone: export first if you may need them.", "Delete all candidates", function () {
      shortlist.candidates = [];
      shortlist.current = null;
      saveShortlist();
      render();
      say("All candidates were deleted.");
      nameInput.focus();
    }, clearButton);
  });
  selfClear.addEventListener("click", function () {
    ask("Clear all your self-assessment answers and evidence for this role? This cannot be undone.", "Clear my answers", function () {
      self.answers = {};
      saveSelf();
      render();
      say("Your answers were cleared.");
      modeButtons.self.focus();
    }, selfClear);
  });

  // ---- export and import -------------------------------------------------------------------

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }
  exportCsvButton.addEventListener("click", function () {
    download("shortlist-" + role.id + ".csv", "text/csv;charset=utf-8", rules.toCsv(shortlist.candidates));
    say("Exported " + shortlist.candidates.length + " candidates as CSV.");
  });
  exportJsonButton.addEventListener("click", function () {
    download("shortlist-" + role.id + ".json", "application/json", rules.toJson(shortlist.candidates));
    say("Exported " + shortlist.candidates.length + " candidates as JSON.");
  });
  selfExport.addEventListener("click", function () {
    var text = rules.selfCsv(self.answers);
    download("self-assessment-" + role.id + ".csv", "text/csv;charset=utf-8", text);
    say("Exported your self-assessment as CSV.");
  });

  function importText(text, fileName) {
    var result = rules.fromText(text);
    if (result.errors.length) {
      var shown = result.errors.slice(0, 3).join(" ");
      var more = result.errors.length > 3 ? " (and " + (result.errors.length - 3) + " more problems)" : "";
      say("Nothing was imported from " + fileName + ". " + shown + more);
      return;
    }
    var replaced = 0;
    result.candidates.forEach(function (c) {
      var at = -1;
      shortlist.candidates.forEach(function (x, i) { if (x.id === c.id) at = i; });
      if (at >= 0) { shortlist.candidates[at] = c; replaced += 1; } else shortlist.candidates.push(c);
    });
    if (result.candidates.length) shortlist.current = result.candidates[0].id;
    saveShortlist();
    render();
    var n = result.candidates.length;
    say("Imported " + n + " " + (n === 1 ? "candidate" : "candidates") + " from " + fileName + (replaced ? ", replacing " + replaced + " with the same id" : "") + ".");
  }
  importInput.addEventListener("change", function () {
    var file = importInput.files && importInput.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { importText(String(reader.result), file.name); importInput.value = ""; };
    reader.onerror = function () { say("The file " + file.name + " could not be read."); importInput.value = ""; };
    reader.readAsText(file, "utf-8");
  });

  // ---- rendering -----------------------------------------------------------------------------

  function renderScores() {
    var c = current();
    criteria.forEach(function (cr) {
      var s = c ? c.scores[cr.number] : null;
      var v = s ? s.score : null;
      cr.ui.radios.forEach(function (r) { r.checked = r.value === (v === null ? "" : String(v)); });
      var zero = !!c && cr.need === "essential" && v === 0;
      cr.ui.flag.hidden = !zero;
      cr.el.classList.toggle("essential-missed", zero);
    });
    renderSummary();
  }
  function renderSummary() {
    var c = current();
    printCandidateButton.disabled = !c;
    preparePaper();
    if (c) {
      var a = rules.assess(c);
      currentStatus.textContent = "";
      currentStatus.appendChild(h("span", { class: "total", text: "Total " + rules.totalText(a) + ". " }));
      currentStatus.appendChild(h("strong", { class: "status status-" + a.status, text: rules.verdict(a) }));
    }
    renderSideBySide();
  }
  function render() {
    var c = current();
    if (c) shortlist.current = c.id;
    picker.textContent = "";
    shortlist.candidates.forEach(function (x) {
      picker.appendChild(h("option", { value: x.id, text: label(x), selected: x === c }));
    });
    currentBox.hidden = !c;
    noCandidates.hidden = !!c;
    removeButton.disabled = !c;
    criteria.forEach(function (cr) {
      cr.ui.shortlist.hidden = !c;
      cr.ui.legendName.textContent = c ? " for " + label(c) : "";
      var s = c ? c.scores[cr.number] : null;
      var note = s ? s.note : "";
      if (cr.ui.note.value !== note) cr.ui.note.value = note;
      var a = self.answers[cr.number] || { meets: false, evidence: "" };
      cr.ui.meets.checked = a.meets;
      if (cr.ui.evidence.value !== a.evidence) cr.ui.evidence.value = a.evidence;
    });
    renderScores();
    renderSelfSummary();
  }
  function renderSideBySide() {
    sbsBody.textContent = "";
    if (!shortlist.candidates.length) {
      sbsBody.appendChild(h("p", { text: "No candidates yet." }));
      return;
    }
    var results = shortlist.candidates.map(rules.assess);
    var head = h("tr", {}, [h("th", { scope: "col", text: "Criterion" }), h("th", { scope: "col", text: "Need" })].concat(
      shortlist.candidates.map(function (c) { return h("th", { scope: "col", text: label(c) }); })));
    var body = criteria.map(function (cr) {
      return h("tr", {}, [
        h("th", { scope: "row", text: cr.number + ". " + cr.text }),
        h("td", { text: NEED_LABEL[cr.need] || cr.need })
      ].concat(shortlist.candidates.map(function (c) {
        var s = c.scores[cr.number];
        var v = s ? s.score : null;
        var cell = h("td", { class: v === 0 && cr.need === "essential" ? "missed" : null });
        cell.appendChild(h("span", { class: "sbs-score", text: v === null ? "Not scored" : v + " " + SCORE_LABELS[v] + (v === 0 && cr.need === "essential" ? " \u2717 essential not met" : "") }));
        if (s && s.note) cell.appendChild(h("span", { class: "sbs-note", text: s.note }));
        return cell;
      })));
    });
    var foot = [
      h("tr", {}, [h("th", { scope: "row", colspan: "2", text: "Total" })].concat(results.map(function (a) { return h("td", { text: rules.totalText(a) }); }))),
      h("tr", {}, [h("th", { scope: "row", colspan: "2", text: "Essentials" })].concat(results.map(function (a) {
        return h("td", {}, [h("strong", { class: "status status-" + a.status, text: rules.verdict(a) })]);
      })))
    ];
    var table = h("table", { class: "sbs-table sticky-first" }, [
      h("caption", {}, [h("span", { class: "sticky-label", text: shortlist.candidates.length + " " + (shortlist.candidates.length === 1 ? "candidate" : "candidates") + " for " + role.title + ". Scores: 0 none, 1 mentioned, 2 evidenced, 3 strong evidence." })]),
      h("thead", {}, [head]), h("tbody", {}, body), h("tfoot", {}, foot)
    ]);
    sbsBody.appendChild(h("div", { class: "table-wrap", role: "region", "aria-label": "Candidates side by side", tabindex: "0" }, [table]));
  }
  function renderSelfSummary() {
    var met = 0;
    var metEssential = 0;
    criteria.forEach(function (cr) {
      var a = self.answers[cr.number];
      if (a && a.meets) { met += 1; if (cr.need === "essential") metEssential += 1; }
    });
    selfSummary.textContent = "You meet " + met + " of " + criteria.length + " criteria" +
      (essentials.length ? " (" + metEssential + " of " + essentials.length + " essential)." : ".");
  }

  // ---- the printed form -----------------------------------------------------------------

  var paper = {
    candidate: root.querySelector("[data-fill='candidate']"),
    total: root.querySelector("[data-fill='total']"),
    yes: root.querySelector("[data-fill='essentials-yes']"),
    no: root.querySelector("[data-fill='essentials-no']")
  };
  criteria.forEach(function (cr) {
    cr.paper = {
      met: cr.el.querySelector(".paper-met .box"),
      note: cr.el.querySelector("[data-fill='note']"),
      scores: Array.prototype.slice.call(cr.el.querySelectorAll(".paper-score .box"))
    };
  });
  function fill(el, text) { if (el) el.textContent = text; }
  /** The paper form filled in for `c`, or empty for null. */
  function fillPaper(c) {
    var a = c ? rules.assess(c) : null;
    root.classList.toggle("paper-filled", !!c);
    fill(paper.candidate, c ? label(c) : "");
    fill(paper.total, c ? rules.totalText(a) : "");
    fill(paper.yes, a && a.status === "pass" ? "\u2713" : "");
    fill(paper.no, a && a.status === "fail" ? "\u2713" : "");
    criteria.forEach(function (cr) {
      var s = c ? c.scores[cr.number] : null;
      var v = s ? s.score : null;
      fill(cr.paper.met, v !== null && v >= 1 ? "\u2713" : "");
      fill(cr.paper.note, s ? s.note : "");
      cr.paper.scores.forEach(function (box, i) { box.classList.toggle("chosen", v === i); });
    });
  }
  var blank = false;
  /** What prints now: the current candidate when shortlisting, unless a blank form was asked for. */
  function preparePaper() {
    var c = root.getAttribute("data-mode") === "shortlist" && !blank ? current() : null;
    fillPaper(c);
  }
  function printBlank() {
    blank = true;
    preparePaper();
    window.print();
  }
  window.addEventListener("beforeprint", preparePaper);
  window.addEventListener("afterprint", function () { blank = false; preparePaper(); });
  printBlankButton.addEventListener("click", printBlank);
  selfPrintBlank.addEventListener("click", printBlank);
  printCandidateButton.addEventListener("click", function () {
    blank = false;
    preparePaper();
    window.print();
  });

  function setMode(mode, fromUser) {
    root.setAttribute("data-mode", mode);
    preparePaper();
    Object.keys(modeButtons).forEach(function (m) { modeButtons[m].setAttribute("aria-pressed", String(m === mode)); });
    if (fromUser) {
      try { history.replaceState(null, "", "?mode=" + mode + location.hash); } catch (e) { /* file:// may refuse; the mode still changes */ }
    }
  }

  var params = new URLSearchParams(location.search);
  setMode(params.get("mode") === "self" ? "self" : "shortlist", false);
  render();
})();
