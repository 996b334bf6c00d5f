// The comparison page's selection (progressive enhancement: without this script the page
// is the all-roles table, or on a large handbook the list of roles). Reads `?roles=a,b`
// (also `?roles=a&roles=b`) from the page's own address, so a comparison can be shared and
// works from file://, loads the data scripts of just those 2-4 roles (recruiting/compare/
// <id>.js, named by the picker's boxes, so nothing but the site's own files is ever loaded)
// and builds their table: rows that differ among them are marked in words, and criteria
// none of them has are left out. The form rewrites the address, so what is shown is always
// linkable.
(function () {
  "use strict";
  var form = document.getElementById("compare-picker");
  var region = document.getElementById("compare-region");
  var list = document.getElementById("compare-roles");
  if (!form || !region || !list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-id]"));
  if (items.length < 2) return;
  var status = document.getElementById("compare-status");
  var error = document.getElementById("picker-error");
  var base = document.body.getAttribute("data-base") || "";
  var MIN = 2;
  var MAX = 4;
  var known = {};
  // The picker's boxes, one per role of the page's list (which readers without JavaScript see).
  var holder = document.getElementById("picker-boxes");
  var boxes = items.map(function (li) {
    var id = li.getAttribute("data-id");
    known[id] = { src: li.getAttribute("data-src"), title: li.getAttribute("data-title") || id };
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "pick-" + id;
    box.name = "roles";
    box.value = id;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = li.textContent;
    var wrap = document.createElement("div");
    wrap.className = "check";
    wrap.appendChild(box);
    wrap.appendChild(label);
    holder.appendChild(wrap);
    return box;
  });
  // A long list gets a filter: typing narrows the boxes shown (checked ones stay).
  if (boxes.length > 20) {
    var filterLabel = document.createElement("label");
    filterLabel.htmlFor = "picker-filter";
    filterLabel.textContent = "Show only roles whose name contains";
    var filter = document.createElement("input");
    filter.type = "search";
    filter.id = "picker-filter";
    filter.autocomplete = "off";
    var line = document.createElement("p");
    line.className = "picker-filter";
    line.appendChild(filterLabel);
    line.appendChild(document.createTextNode(" "));
    line.appendChild(filter);
    holder.parentNode.insertBefore(line, holder);
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      boxes.forEach(function (b) {
        var text = known[b.value].title.toLowerCase();
        b.parentNode.hidden = !!q && !b.checked && text.indexOf(q) < 0;
      });
    });
  }
  var roles = window.HandbookCompareRoles = window.HandbookCompareRoles || {};

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (kid) {
      if (kid !== null && kid !== undefined) el.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return el;
  }
  function link(url, text) { return url ? h("a", { href: base + url, text: text }) : document.createTextNode(text); }
  function flagged(label, differs) {
    return h("th", { scope: "row" }, [label + " ", h("span", { class: "diff-flag", hidden: !differs, text: "Differs" })]);
  }
  function differ(values) { return values.some(function (v) { return v !== values[0]; }); }
  function section(label, columns, rows) {
    return h("tbody", {}, [h("tr", { class: "section-row" }, [h("th", { scope: "rowgroup", colspan: String(columns) }, [h("span", { class: "sticky-label", text: label })])])].concat(rows));
  }

  function factCell(id, c) {
    var content;
    if (c && c.links && c.links.length) {
      content = h("ul", { class: "cell-list" }, c.links.map(function (l) { return h("li", {}, [link(l.url, l.title)]); }));
    } else if (c && c.text) {
      content = document.createTextNode(c.text);
    } else {
      content = h("span", { class: "none", text: "Not stated" });
    }
    return h("td", { "data-role": id, "data-cmp": c ? c.cmp : "" }, [content]);
  }
  /** Rows of the facts (or counts) every role's data lists in the same order. */
  function factRows(field, ids) {
    var first = roles[ids[0]][field];
    return first.map(function (row, i) {
      var cells = ids.map(function (id) { return roles[id][field][i]; });
      var differs = differ(cells.map(function (c) { return c ? c.cmp : ""; }));
      return h("tr", { class: "compare-row" + (differs ? " differs" : "") }, [flagged(row.label, differs)].concat(
        cells.map(function (c, k) { return factCell(ids[k], c); })));
    });
  }
  function criterionCell(id, list) {
    if (!list) return h("td", { "data-role": id, "data-cmp": "none" }, [h("span", { class: "none", text: "Not in this role\u2019s person specification" })]);
    return h("td", { "data-role": id, "data-cmp": needs(list) }, list.map(function (x) {
      return h("p", {}, [
        x.need === "unspecified"
          ? h("span", { class: "need-label need-unspecified", text: "Listed; need not stated" })
          : h("strong", { class: "need-label need-" + x.need, text: x.need_label }),
        x.own_wording ? h("span", { class: "wording", text: " Worded: \u201c" + x.text + "\u201d" }) : null
      ]);
    }));
  }
  /** What a cell is compared by: its criteria's needs, sorted, once each. */
  function needs(list) {
    var seen = [];
    list.forEach(function (x) { if (seen.indexOf(x.need) < 0) seen.push(x.need); });
    return seen.sort().join("+");
  }

  /** The table of the roles `ids`, from their data. */
  function table(ids) {
    var columns = ids.length + 1;
    var titles = ids.map(function (id) { return roles[id].role.title; });
    var head = h("tr", {}, [h("th", { scope: "col", text: "Compared" })].concat(ids.map(function (id) {
      var r = roles[id].role;
      var checklist = r.recruiting && r.recruiting.checklist_url;
      return h("th", { scope: "col", "data-role": id }, [
        link(r.url, r.title),
        r.grade ? h("span", { class: "grade", text: r.grade }) : null,
        checklist ? h("a", { class: "checklist-link", href: base + checklist }, ["Checklist", h("span", { class: "visually-hidden", text: " for " + r.title })]) : null
      ]);
    })));
    var parts = [
      h("caption", { id: "compare-caption" }, [h("span", { class: "sticky-label", text: titles.join(", ") + " side by side" })]),
      h("thead", {}, [head]),
      section("The post", columns, factRows("facts", ids)),
      section("Person specification in numbers", columns, factRows("counts", ids))
    ];
    // Rows: one per alignment group any of the roles has, by section, then group order.
    // A criterion is the role's own (`role.person_spec[].criteria[]`, as on its page); its
    // group's row (section, order, label) comes with the role's data.
    var rows = {};
    ids.forEach(function (id) {
      var data = roles[id];
      var own = data.own_wording || [];
      (data.role.person_spec || []).forEach(function (part) {
        part.criteria.forEach(function (c) {
          var at = data.rows[c.group] || { rank: 0, section: part.label, label: c.text };
          var row = rows[c.group] || (rows[c.group] = { order: parseInt(c.group.slice(1), 10) || 0, rank: at.rank, section: at.section, label: at.label, cells: {} });
          (row.cells[id] = row.cells[id] || []).push({ need: c.need, need_label: c.need_label, text: c.text, own_wording: own.indexOf(c.number) >= 0 });
        });
      });
    });
    var ordered = Object.keys(rows).map(function (g) { return rows[g]; });
    ordered.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    var current = null;
    var body = [];
    function flush() { if (current && body.length) parts.push(section("Person specification: " + current, columns, body)); body = []; }
    ordered.forEach(function (row) {
      if (row.section !== current) { flush(); current = row.section; }
      var cells = ids.map(function (id) { return row.cells[id] || null; });
      var differs = differ(cells.map(function (c) { return c ? needs(c) : "none"; }));
      body.push(h("tr", { class: "compare-row criterion-row" + (differs ? " differs" : "") }, [flagged(row.label, differs)].concat(
        cells.map(function (c, i) { return criterionCell(ids[i], c); }))));
    });
    flush();
    return h("table", { class: "compare-table sticky-first", id: "compare-table" }, parts);
  }

  function requested() {
    var ids = [];
    new URLSearchParams(location.search).getAll("roles").forEach(function (v) {
      v.split(",").forEach(function (x) {
        x = x.trim();
        if (x && ids.indexOf(x) < 0) ids.push(x);
      });
    });
    return ids;
  }

  /** Loads the data scripts of `ids` (only known roles: their paths come from the page), then calls `done`. */
  function load(ids, done) {
    var waiting = 0;
    var failed = [];
    function settle() { if (--waiting === 0) done(failed); }
    ids.forEach(function (id) {
      if (roles[id]) return;
      waiting++;
      var s = document.createElement("script");
      s.src = known[id].src;
      s.onload = function () { if (!roles[id]) failed.push(id); settle(); };
      s.onerror = function () { failed.push(id); settle(); };
      document.head.appendChild(s);
    });
    if (waiting === 0) done(failed);
  }

  var asked = requested();
  var unknown = asked.filter(function (id) { return !known[id]; });
  var chosen = asked.filter(function (id) { return known[id]; });
  var notes = [];
  if (unknown.length) notes.push("No role has the id " + unknown.join(", ") + ", so it is left out.");
  if (chosen.length > MAX) {
    notes.push("At most " + MAX + " roles can be compared at once: showing the first " + MAX + ".");
    chosen = chosen.slice(0, MAX);
  }
  if (asked.length && chosen.length < MIN) {
    notes.push("A comparison needs at least " + MIN + " roles.");
    chosen = [];
  }
  boxes.forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
  form.hidden = false;

  function report() {
    status.textContent = "";
    if (chosen.length) {
      status.appendChild(document.createTextNode("Comparing " + chosen.length + " roles: " +
        chosen.map(function (id) { return known[id].title; }).join(", ") + ". "));
      status.appendChild(h("a", { href: "?roles=" + chosen.map(encodeURIComponent).join(","), text: "Link to this comparison" }));
      status.appendChild(document.createTextNode(". "));
    } else if (document.getElementById("compare-table")) {
      status.appendChild(document.createTextNode("Showing all " + boxes.length + " roles. Choose 2 to 4 above to compare just those. "));
    } else {
      status.appendChild(document.createTextNode("Choose 2 to 4 of the " + boxes.length + " roles above to compare them. "));
    }
    if (notes.length) status.appendChild(document.createTextNode(notes.join(" ")));
  }

  if (chosen.length) {
    load(chosen, function (failed) {
      if (failed.length) {
        notes.push("The data of " + failed.map(function (id) { return known[id].title; }).join(", ") + " could not be loaded, so it is left out.");
        chosen = chosen.filter(function (id) { return failed.indexOf(id) < 0; });
      }
      if (chosen.length >= MIN) {
        region.textContent = "";
        region.appendChild(table(chosen));
      } else {
        chosen = [];
      }
      report();
    });
  } else {
    report();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var ids = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (ids.length < MIN || ids.length > MAX) {
      error.textContent = "Error: choose between " + MIN + " and " + MAX + " roles (" + ids.length + " chosen).";
      error.hidden = false;
      if (boxes[0]) boxes[0].focus();
      return;
    }
    error.hidden = true;
    location.search = "?roles=" + ids.map(encodeURIComponent).join(",");
  });
})();
