// The comparison page's selection (progressive enhancement: without this script the page
// is the all-roles table). Reads `?roles=a,b` (also `?roles=a&roles=b`) from the page's
// own address, so a comparison can be shared and works from file://; shows only those
// 2-4 roles, marks again which rows differ among them, and hides criteria none of them
// has. The form rewrites the address, so the shown comparison is always linkable.
(function () {
  "use strict";
  var root = document.getElementById("compare");
  var table = document.getElementById("compare-table");
  var form = document.getElementById("compare-picker");
  if (!root || !table || !form) return;
  var status = document.getElementById("compare-status");
  var error = document.getElementById("picker-error");
  var caption = document.getElementById("compare-caption");
  var MIN = 2;
  var MAX = 4;

  var all = Array.prototype.map.call(table.querySelectorAll("thead th[data-role]"), function (th) {
    var link = th.querySelector("a");
    return { id: th.getAttribute("data-role"), title: link ? link.textContent : th.textContent };
  });
  if (all.length < MIN) return;
  var known = {};
  all.forEach(function (r) { known[r.id] = r; });

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

  function each(selector, f) { Array.prototype.forEach.call(table.querySelectorAll(selector), f); }

  function show(ids) {
    var on = {};
    ids.forEach(function (id) { on[id] = true; });
    each("[data-role]", function (cell) { cell.hidden = !on[cell.getAttribute("data-role")]; });
    each("tr.compare-row", function (row) {
      var values = Array.prototype.filter.call(row.querySelectorAll("td[data-role]"), function (td) { return !td.hidden; })
        .map(function (td) { return td.getAttribute("data-cmp"); });
      var differs = values.some(function (v) { return v !== values[0]; });
      row.classList.toggle("differs", differs);
      var flag = row.querySelector(".diff-flag");
      if (flag) flag.hidden = !differs;
      if (row.classList.contains("criterion-row")) {
        row.hidden = values.every(function (v) { return v === "none"; });
      }
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody.criteria-section"), function (tbody) {
      tbody.hidden = !Array.prototype.some.call(tbody.querySelectorAll("tr.compare-row"), function (r) { return !r.hidden; });
    });
    each("th[colspan]", function (th) { th.colSpan = ids.length + 1; });
    var titles = ids.map(function (id) { return known[id].title; });
    caption.textContent = ids.length === all.length ? "All " + all.length + " roles side by side" : titles.join(", ") + " side by side";
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
    notes.push("A comparison needs at least " + MIN + " roles: showing all roles.");
    chosen = [];
  }
  show(chosen.length ? chosen : all.map(function (r) { return r.id; }));
  Array.prototype.forEach.call(form.querySelectorAll("input[name=roles]"), function (box) {
    box.checked = chosen.indexOf(box.value) >= 0;
  });
  form.hidden = false;

  status.textContent = "";
  if (chosen.length) {
    status.appendChild(document.createTextNode("Comparing " + chosen.length + " roles: " +
      chosen.map(function (id) { return known[id].title; }).join(", ") + ". "));
    var link = document.createElement("a");
    link.href = "?roles=" + chosen.map(encodeURIComponent).join(",");
    link.textContent = "Link to this comparison";
    status.appendChild(link);
    status.appendChild(document.createTextNode(". "));
  } else {
    status.appendChild(document.createTextNode("Showing all " + all.length + " roles. Choose 2 to 4 above to compare just those. "));
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
