// Live reload for `handbook serve` (only `serve` adds this script, to the pages it
// serves; `build` never ships it). Listens to the server's event stream and:
// - reloads the page after a rebuild;
// - swaps stylesheets in place when only CSS changed (no reload, page state kept);
// - shows the build's errors over the page, as text, while the last good site is served.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var script = document.currentScript;
  var generation = Number(script && script.dataset.generation) || 0;
  var server = null;
  var OVERLAY_ID = "handbook-serve-overlay";

  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (css) node.style.cssText = css;
    return node;
  }

  // While the overlay is up, the page behind it is inert (keyboard focus stays on the
  // overlay) and does not scroll: the overlay is the whole window, opaque, and opens at
  // its top with focus on it, so its title is the first thing read.
  function setInert(on) {
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child.id !== OVERLAY_ID) child.inert = on;
    });
    document.documentElement.style.overflow = on ? "hidden" : "";
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
    setInert(false);
  }

  function errorItem(d) {
    var item = el("li", null, "margin:0 0 1rem;");
    item.className = "handbook-serve-error";
    var where = el("code", d.location, "font:600 14px/1.4 ui-monospace,monospace;color:#ffd479;");
    where.className = "location";
    item.appendChild(where);
    var message = el("p", d.message, "margin:.25rem 0;white-space:pre-wrap;");
    message.className = "message";
    item.appendChild(message);
    if (d.hint) item.appendChild(el("p", "hint: " + d.hint, "margin:0;color:#c8e6c9;white-space:pre-wrap;"));
    return item;
  }

  function showOverlay(report) {
    removeOverlay();
    var shown = (report && report.shown) || [];
    var total = (report && report.total) || shown.length;
    var box = el("section", null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#141414;" +
      "color:#fff;font:15px/1.5 system-ui,sans-serif;padding:1.5rem 2rem 2rem;margin:0;");
    box.id = OVERLAY_ID;
    box.tabIndex = -1;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    var head = el("div", null, "display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between;");
    var title = el("h2", "The handbook did not build: " + total + (total === 1 ? " error" : " errors"),
      "margin:0;font-size:1.4rem;color:#ffb4a8;");
    title.id = OVERLAY_ID + "-title";
    head.appendChild(title);
    var close = el("button", "Hide (Esc)", "font:inherit;padding:.4rem 1rem;border-radius:4px;border:1px solid #fff;background:#333;color:#fff;cursor:pointer;");
    close.type = "button";
    close.addEventListener("click", removeOverlay);
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(el("p", "The last good version stays served. Fix the errors and save; this page reloads.", "margin:.5rem 0 1rem;"));
    var primary = shown.filter(function (d) { return !d.cause; });
    var list = el("ol", null, "margin:0;padding-left:1.5rem;");
    primary.forEach(function (d) { list.appendChild(errorItem(d)); });
    box.appendChild(list);
    // Follow-on errors, under the problem each follows from: fixing that cause clears them.
    var groups = [];
    shown.forEach(function (d) {
      if (!d.cause) return;
      var g = groups[groups.length - 1];
      if (!g || g.cause !== d.cause) groups.push(g = { cause: d.cause, errors: [] });
      g.errors.push(d);
    });
    if (groups.length) {
      var follow = el("section", null, "margin-top:1.5rem;border-top:1px solid #777;padding-top:.5rem;");
      follow.className = "handbook-serve-follow-ons";
      follow.appendChild(el("h3", "Follow-on errors", "margin:.5rem 0;font-size:1.1rem;color:#ffb4a8;"));
      follow.appendChild(el("p", "These follow from another problem; fixing it clears them.", "margin:0 0 .5rem;"));
      groups.forEach(function (g) {
        var group = el("section", null, "margin:0 0 1rem;");
        group.className = "handbook-serve-cause";
        group.appendChild(el("h4", "Caused by: " + g.cause, "margin:.5rem 0;font-size:1rem;"));
        var sub = el("ol", null, "margin:0;padding-left:1.5rem;");
        g.errors.forEach(function (d) { sub.appendChild(errorItem(d)); });
        group.appendChild(sub);
        follow.appendChild(group);
      });
      box.appendChild(follow);
    }
    if (total > shown.length) box.appendChild(el("p", "and " + (total - shown.length) + " more (all are printed where handbook serve runs)."));
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") removeOverlay(); });
    document.body.appendChild(box);
    setInert(true);
    box.scrollTop = 0;
    box.focus({ preventScroll: true });
  }

  function sameFile(href, files) {
    var path;
    try { path = new URL(href, location.href).pathname; } catch (e) { return false; }
    return files.some(function (f) { return path === "/" + f || path.endsWith("/" + f); });
  }

  function swapStyles(files) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"]'));
    var matching = links.filter(function (l) { return sameFile(l.href, files); });
    (matching.length ? matching : links).forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("handbook-reload", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.href = url.pathname + url.search;
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { fresh.remove(); });
      link.after(fresh);
    });
  }

  var source = new EventSource("/__handbook/events");
  source.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    // A rebuild this page missed, or a restarted server: reload to catch up.
    if ((server !== null && d.server !== server) || d.generation !== generation) {
      location.reload();
      return;
    }
    server = d.server;
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function (e) {
    var d = JSON.parse(e.data);
    generation = d.generation;
    removeOverlay();
    swapStyles(d.files || []);
  });
  source.addEventListener("errors", function (e) {
    var d = JSON.parse(e.data);
    generation = d.generation;
    showOverlay(d.errors);
  });
})();
