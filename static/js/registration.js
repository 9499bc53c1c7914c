// Shows the passport fields only when a visa invitation letter is asked for.
// The server validates them either way; without JavaScript they simply stay visible.
(function () {
  "use strict";
  var box = document.getElementById("id_needs_visa_letter");
  var fields = document.getElementById("passport-fields");
  if (!box || !fields) { return; }
  function sync() { fields.hidden = !box.checked; }
  box.addEventListener("change", sync);
  sync();
})();

// Asks before a cancel button submits its form (focal point pages).
(function () {
  "use strict";
  document.querySelectorAll("form.js-confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();

// Says at once when the chosen delegation has no seat left (the server says it again).
(function () {
  "use strict";
  var select = document.getElementById("id_member");
  var note = document.getElementById("delegation-full-note");
  if (!select || !note) { return; }
  function sync() {
    var option = select.options[select.selectedIndex];
    note.hidden = !(option && option.dataset.delegationFull === "true");
  }
  select.addEventListener("change", sync);
  sync();
})();

// After a refused submission the focus goes to the summary of what was refused at the top
// (templates/delegates/includes/_error_summary.html), so it is read out first; each of its
// links brings its field, with the field's label, into view and focus.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-error-field]");
      var field = link && document.getElementById(link.dataset.errorField);
      if (!field) { return; }
      event.preventDefault();
      (field.closest(".mb-3") || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
    return;
  }
  var invalid = document.querySelector(".registration-form .is-invalid, .registration-form [aria-invalid='true']");
  if (!invalid) { return; }
  (invalid.closest(".mb-3") || invalid).scrollIntoView({ block: "center" });
  invalid.focus({ preventScroll: true });
})();
