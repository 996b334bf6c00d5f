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

  // While the overlay is up, the page behind it is inert: keyboard focus stays on it.
  function setInert(on) {
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child.id !== OVERLAY_ID) child.inert = on;
    });
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
    setInert(false);
  }

  function showOverlay(report) {
    removeOverlay();
    var shown = (report && report.shown) || [];
    var total = (report && report.total) || shown.length;
    var box = el("section", null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);" +
      "color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem;");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    var title = el("h2", "The handbook did not build: " + total + (total === 1 ? " error" : " errors"),
      "margin:0 0 .5rem;font-size:1.4rem;color:#ffb4a8;");
    title.id = OVERLAY_ID + "-title";
    box.appendChild(title);
    box.appendChild(el("p", "The last good version stays served. Fix the errors and save; this page reloads.", "margin:0 0 1rem;"));
    var list = el("ol", null, "margin:0;padding-left:1.5rem;");
    shown.forEach(function (d) {
      var item = el("li", null, "margin:0 0 1rem;");
      item.className = "handbook-serve-error";
      var where = el("code", d.location, "font:600 14px/1.4 ui-monospace,monospace;color:#ffd479;");
      where.className = "location";
      item.appendChild(where);
      var message = el("p", d.message, "margin:.25rem 0;white-space:pre-wrap;");
      message.className = "message";
      item.appendChild(message);
      if (d.hint) item.appendChild(el("p", "hint: " + d.hint, "margin:0;color:#c8e6c9;white-space:pre-wrap;"));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (total > shown.length) box.appendChild(el("p", "and " + (total - shown.length) + " more (all are printed where handbook serve runs)."));
    var close = el("button", "Hide (Esc)", "font:inherit;margin-top:1rem;padding:.4rem 1rem;border-radius:4px;border:1px solid #fff;background:#333;color:#fff;cursor:pointer;");
    close.type = "button";
    close.addEventListener("click", removeOverlay);
    box.appendChild(close);
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") removeOverlay(); });
    document.body.appendChild(box);
    setInert(true);
    close.focus();
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
