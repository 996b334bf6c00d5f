// The theme's script. Pages work without it; it only adds enhancements.
// It lives in a file (never inline) so the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();
