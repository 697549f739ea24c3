// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // Filters take little room on a laptop: show them open there, folded on a phone.
    if (window.matchMedia("(min-width: 48rem)").matches) {
      document.querySelectorAll("details[data-open-on-wide-screens]").forEach(function (details) {
        details.open = true;
      });
    }
    // After a failed submit, a screen reader reads what went wrong first (WCAG 3.3.1).
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  });

  // A link of the error summary takes the focus to its field, and shows the field's label.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var caption = field.closest("fieldset") && field.type === "radio"
      ? field.closest("fieldset").querySelector("legend")
      : document.querySelector("label[for='" + field.id + "']");
    (caption || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // A list's results change as one types: say how many there are now, not the whole table.
  document.addEventListener("htmx:afterSwap", function (event) {
    var results = event.detail.target;
    var status = document.getElementById("results-status");
    if (!results || results.id !== "results" || !status) {
      return;
    }
    var summary = results.querySelector(".result-count, .empty-state");
    var text = "";
    if (summary) {
      var copy = document.createElement("div");
      copy.appendChild(summary.cloneNode(true));
      copy.querySelectorAll(".result-count a").forEach(function (link) {
        link.remove();
      });
      text = copy.textContent.replace(/\s+/g, " ").replace(/[\s·]+$/, "").trim();
    }
    status.textContent = text;
  });
})();
