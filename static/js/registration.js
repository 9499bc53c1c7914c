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

// After a refused submission, brings the first wrong field into view and focus (on a phone
// the message at the top says nothing about a field three screens down).
(function () {
  "use strict";
  var invalid = document.querySelector(".registration-form .is-invalid, .registration-form [aria-invalid='true']");
  if (!invalid) { return; }
  var wrapper = invalid.closest(".mb-3") || invalid;
  wrapper.scrollIntoView({ block: "center" });
  invalid.focus({ preventScroll: true });
})();
