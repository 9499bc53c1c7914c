// Accessibility of the Django admin's own widgets; no inline scripts (Content-Security-Policy).
(function () {
  "use strict";

  function labelFor(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label && !label.id) { label.id = select.id + "-label"; }
    return label;
  }

  // Select2 (autocomplete_fields): its search box and its combobox get the field's label;
  // the "remove all" cross inside its list of choices is a list item of that list.
  function labelSelect2() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var label = labelFor(select);
      if (!container || !container.classList.contains("select2") || !label) { return; }
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (field.getAttribute("aria-labelledby") !== label.id) {
          field.setAttribute("aria-labelledby", label.id);
        }
      });
      var box = container.querySelector(".select2-selection");
      var names = box && (box.getAttribute("aria-labelledby") || "").split(" ");
      if (box && names.indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", [label.id].concat(names).join(" ").trim());
      }
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(
        function (shown) { shown.setAttribute("aria-labelledby", label.id); });
      container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear")
        .forEach(function (cross) { cross.setAttribute("role", "listitem"); });
    });
  }

  // Boxes in the rows of a tabular inline are named by their column's heading (Django gives
  // them none: WCAG 1.3.1, 4.1.2).
  function labelTabularInlines() {
    document.querySelectorAll('.inline-group[data-inline-type="tabular"] table').forEach(
      function (table) {
        var headings = Array.prototype.map.call(
          table.querySelectorAll("thead tr:last-child th"),
          function (th) { return th.textContent.replace(/\s+/g, " ").trim(); });
        table.querySelectorAll("tbody tr").forEach(function (row) {
          Array.prototype.forEach.call(row.children, function (cell, index) {
            var name = headings[index];
            if (!name) { return; }
            cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(
              function (field) {
                if ((field.labels && field.labels.length) || field.hasAttribute("aria-label")
                    || field.classList.contains("select2-search__field")) { return; }
                field.setAttribute("aria-label", name);
              });
          });
        });
      });
  }

  function labelAll() {
    labelSelect2();
    labelTabularInlines();
  }

  // A table wider than its box scrolls inside it: the box takes the keyboard focus and is
  // named by its heading, so that a keyboard can scroll it too (WCAG 2.1.1).
  function focusableScrolling() {
    document.querySelectorAll('.inline-group[data-inline-type="tabular"]').forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth + 1) { return; }
      var heading = box.querySelector("h2");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      if (heading && heading.id) { box.setAttribute("aria-labelledby", heading.id); }
    });
  }

  // After an action, the focus goes to its message, which is announced (a status, or an
  // alert for an error) instead of being lost at the top of the page.
  function focusMessages() {
    var list = document.querySelector("div.messages[role=alert] li")
      ? document.querySelector("div.messages[role=alert] ul")
      : document.querySelector("div.messages ul.messagelist");
    if (!list || !list.children.length) { return; }
    list.tabIndex = -1;
    list.focus({ preventScroll: false });
  }

  function start() {
    labelAll();
    focusableScrolling();
    focusMessages();
    new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", focusableScrolling);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
