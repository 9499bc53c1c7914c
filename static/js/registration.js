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
