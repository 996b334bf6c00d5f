// The theme's script. Pages work without it; it only adds enhancements:
// - the header's "Menu" closes with Escape or a click elsewhere, and on a wide screen the
//   sections are shown in the header even in browsers that cannot style a closed
//   details element;
// - a table wider than its box says so above it ("Scroll sideways for more");
// - "On this page" marks the section being read;
// - a printed page carries the date it was printed at its head.
// It lives in a file (never inline) so the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // ---- the menu -------------------------------------------------------------------------
  var menu = document.getElementById("site-menu");
  if (menu) {
    var summary = menu.querySelector("summary");
    var wide = window.matchMedia ? window.matchMedia("(min-width: 56rem)") : null;
    var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    var openedHere = false;
    var place = function () {
      if (styled || !wide) return;
      if (wide.matches) {
        if (!menu.open) { menu.open = true; openedHere = true; }
        menu.classList.add("menu-inline");
      } else {
        menu.classList.remove("menu-inline");
        if (openedHere) { menu.open = false; openedHere = false; }
      }
    };
    place();
    if (wide && wide.addEventListener) wide.addEventListener("change", place);
    var dropped = function () { return menu.open && !menu.classList.contains("menu-inline") && getComputedStyle(summary).display !== "none"; };
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && dropped() && menu.contains(document.activeElement)) {
        menu.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (dropped() && !menu.contains(e.target)) menu.open = false;
    });
  }

  // ---- wide tables ----------------------------------------------------------------------
  function markScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
      var over = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var has = hint && hint.classList.contains("scroll-hint");
      if (over && !has) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "Scroll sideways for more of this table";
        wrap.parentNode.insertBefore(hint, wrap);

      } else if (!over && has) {
        hint.remove();
      }
    });
  }
  var pending = null;
  function later() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () { pending = null; markScrolling(); });
  }
  window.addEventListener("resize", later);
  if (window.MutationObserver) {
    // Tables that scripts build later (the comparison, the shortlist side by side).
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
  }
  markScrolling();

  // ---- "On this page" follows the reading ---------------------------------------------
  var toc = document.querySelector("article.page > .toc");
  if (toc && window.IntersectionObserver) {
    var links = {};
    Array.prototype.forEach.call(toc.querySelectorAll("a[href^='#']"), function (a) {
      links[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
    });
    var targets = Object.keys(links).map(function (id) { return document.getElementById(id); }).filter(Boolean);
    var current = null;
    var seen = new IntersectionObserver(function () {
      // The last heading above the top third of the window is the section being read.
      var line = window.innerHeight / 3;
      var at = null;
      targets.forEach(function (t) { if (t.getBoundingClientRect().top < line) at = t; });
      var link = at ? links[at.id] : null;
      if (link === current) return;
      if (current) current.classList.remove("is-current");
      if (link) link.classList.add("is-current");
      current = link;
    }, { rootMargin: "0px 0px -66% 0px" });
    targets.forEach(function (t) { seen.observe(t); });
  }

  // ---- the date a page is printed -------------------------------------------------------
  try {
    var when = new Date().toLocaleDateString(document.documentElement.lang || "en-GB", { day: "numeric", month: "long", year: "numeric" });
    var style = document.createElement("style");
    style.media = "print";
    style.textContent = "@page { @top-right { content: \"Printed " + when.replace(/["\\\n]/g, "") + "\"; } }";
    document.head.appendChild(style);
  } catch (e) { /* an unknown language tag: no date, the page still prints */ }
})();
