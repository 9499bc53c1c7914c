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
