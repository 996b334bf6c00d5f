// The comparison page's selection (progressive enhancement: without this script the page
// is the all-roles table). Reads `?roles=a,b` (also `?roles=a&roles=b`) from the page's
// own address, so a comparison can be shared and works from file://, and builds the table
// of those 2-4 roles from window.HandbookCompareData (compare-data.js, generated with the
// page): rows that differ among them are marked in words, and criteria none of them has
// are left out. The form rewrites the address, so what is shown is always linkable.
(function () {
  "use strict";
  var data = window.HandbookCompareData;
  var form = document.getElementById("compare-picker");
  var region = document.getElementById("compare-region");
  if (!data || !form || !region || data.roles.length < 2) return;
  var status = document.getElementById("compare-status");
  var error = document.getElementById("picker-error");
  var base = document.body.getAttribute("data-base") || "";
  var MIN = 2;
  var MAX = 4;
  var known = {};
  data.roles.forEach(function (r, i) { known[r.id] = { role: r, index: i }; });

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
    if (c.links && c.links.length) {
      content = h("ul", { class: "cell-list" }, c.links.map(function (l) { return h("li", {}, [link(l.url, l.title)]); }));
    } else if (c.text) {
      content = document.createTextNode(c.text);
    } else {
      content = h("span", { class: "none", text: "Not stated" });
    }
    return h("td", { "data-role": id, "data-cmp": c.cmp }, [content]);
  }
  function factRows(rows, ids) {
    return rows.map(function (row) {
      var cells = ids.map(function (id) { return row.cells[known[id].index]; });
      var differs = differ(cells.map(function (c) { return c.cmp; }));
      return h("tr", { class: "compare-row" + (differs ? " differs" : "") }, [flagged(row.label, differs)].concat(
        cells.map(function (c, i) { return factCell(ids[i], c); })));
    });
  }
  function criterionCell(id, c) {
    if (!c) return h("td", { "data-role": id, "data-cmp": "none" }, [h("span", { class: "none", text: "Not in this role\u2019s person specification" })]);
    return h("td", { "data-role": id, "data-cmp": c.cmp }, c.criteria.map(function (x) {
      return h("p", {}, [
        x.need === "unspecified"
          ? h("span", { class: "need-label need-unspecified", text: "Listed; need not stated" })
          : h("strong", { class: "need-label need-" + x.need, text: x.need_label }),
        x.own_wording ? h("span", { class: "wording", text: " Worded: \u201c" + x.text + "\u201d" }) : null
      ]);
    }));
  }

  /** The table of the roles `ids`, built from the data. */
  function table(ids) {
    var columns = ids.length + 1;
    var titles = ids.map(function (id) { return known[id].role.title; });
    var head = h("tr", {}, [h("th", { scope: "col", text: "Compared" })].concat(ids.map(function (id) {
      var r = known[id].role;
      return h("th", { scope: "col", "data-role": id }, [
        link(r.url, r.title),
        r.grade ? h("span", { class: "grade", text: r.grade }) : null,
        r.checklist_url ? h("a", { class: "checklist-link", href: base + r.checklist_url }, ["Checklist", h("span", { class: "visually-hidden", text: " for " + r.title })]) : null
      ]);
    })));
    var parts = [
      h("caption", { id: "compare-caption" }, [h("span", { class: "sticky-label", text: titles.join(", ") + " side by side" })]),
      h("thead", {}, [head]),
      section("The post", columns, factRows(data.fact_rows, ids)),
      section("Person specification in numbers", columns, factRows(data.count_rows, ids))
    ];
    data.criteria_sections.forEach(function (s) {
      var rows = [];
      s.rows.forEach(function (row) {
        var cells = ids.map(function (id) { return row.cells[id] || null; });
        if (cells.every(function (c) { return !c; })) return;
        var differs = differ(cells.map(function (c) { return c ? c.cmp : "none"; }));
        rows.push(h("tr", { class: "compare-row criterion-row" + (differs ? " differs" : "") }, [flagged(row.label, differs)].concat(
          cells.map(function (c, i) { return criterionCell(ids[i], c); }))));
      });
      if (rows.length) parts.push(section("Person specification: " + s.label, columns, rows));
    });
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
  if (chosen.length) {
    region.textContent = "";
    region.appendChild(table(chosen));
  }
  Array.prototype.forEach.call(form.querySelectorAll("input[name=roles]"), function (box) {
    box.checked = chosen.indexOf(box.value) >= 0;
  });
  form.hidden = false;

  status.textContent = "";
  if (chosen.length) {
    status.appendChild(document.createTextNode("Comparing " + chosen.length + " roles: " +
      chosen.map(function (id) { return known[id].role.title; }).join(", ") + ". "));
    status.appendChild(h("a", { href: "?roles=" + chosen.map(encodeURIComponent).join(","), text: "Link to this comparison" }));
    status.appendChild(document.createTextNode(". "));
  } else if (document.getElementById("compare-table")) {
    status.appendChild(document.createTextNode("Showing all " + data.roles.length + " roles. Choose 2 to 4 above to compare just those. "));
  } else {
    status.appendChild(document.createTextNode("Choose 2 to 4 of the " + data.roles.length + " roles above to compare them. "));
  }
  if (notes.length) status.appendChild(document.createTextNode(notes.join(" ")));

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var ids = Array.prototype.filter.call(form.querySelectorAll("input[name=roles]"), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    if (ids.length < MIN || ids.length > MAX) {
      error.textContent = "Error: choose between " + MIN + " and " + MAX + " roles (" + ids.length + " chosen).";
      error.hidden = false;
      var first = form.querySelector("input[name=roles]");
      if (first) first.focus();
      return;
    }
    error.hidden = true;
    location.search = "?roles=" + ids.map(encodeURIComponent).join(",");
  });
})();
