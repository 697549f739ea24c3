// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Filters take little room on a laptop: show them open there, folded on a phone.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.matchMedia("(min-width: 48rem)").matches) {
      document.querySelectorAll("details[data-open-on-wide-screens]").forEach(function (details) {
        details.open = true;
      });
    }
  });
})();
