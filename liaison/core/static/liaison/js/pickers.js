// Searchable pickers for long lists (partners, sources, key actions, contact points): each
// select the server marks with data-picker becomes a Tom Select box one can type into.
// Without JavaScript (or this file) the plain select still works and submits the same.
(function () {
  "use strict";

  function enhance(root) {
    if (typeof window.TomSelect !== "function") {
      return;
    }
    root.querySelectorAll("select[data-picker]").forEach(function (select) {
      if (select.tomselect) {
        return;
      }
      var multiple = select.multiple;
      var picker = new window.TomSelect(select, {
        plugins: multiple ? ["remove_button"] : [],
        create: false,
        allowEmptyOption: !multiple,
        maxOptions: null,
        hidePlaceholder: false,
        placeholder: select.getAttribute("data-picker-placeholder") || "",
        // Typing selects nothing by itself: Enter or a click chooses, Escape closes.
        selectOnTab: false,
      });
      // The select stays only to be sent with the form: assistive technology meets one
      // control per field, the box one types into, which the label now names.
      select.setAttribute("aria-hidden", "true");
      // The field's hint and error stay announced on the box one types into.
      var described = select.getAttribute("aria-describedby");
      if (described) {
        picker.control_input.setAttribute("aria-describedby", described);
      }
      if (select.getAttribute("aria-invalid") === "true") {
        picker.control_input.setAttribute("aria-invalid", "true");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
  // Fields htmx swaps in (the questions of "May we send this?") get their pickers too.
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt.parentNode || document);
  });
})();
