/* Check-in desk: submit a typed or scanned badge code without leaving the page, find a person
   by name, undo a check-in, scan QR codes with the camera (jsQR, served locally), and keep the
   room count fresh. Every answer of the server is 200 JSON {result, message, person}; the page
   shows its message, so a refused badge is no error in the console. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var input = document.getElementById("badge-code");
  var result = document.getElementById("checkin-result");
  var undoBox = document.getElementById("checkin-undo");
  var undoButton = document.getElementById("checkin-undo-button");
  var searchForm = document.getElementById("checkin-search-form");
  var searchInput = document.getElementById("checkin-search");
  var searchResults = document.getElementById("checkin-search-results");
  var roomUrl = form.getAttribute("data-room-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var KINDS = {
    checked_in: "success", already: "warning", undone: "info",
    not_found: "danger", not_registered_here: "danger"
  };
  var lastUndoId = null;

  function text(name) { return form.getAttribute("data-" + name); }

  function show(kind, message) {
    result.className = "checkin-result alert alert-" + kind;
    if (result.textContent === message) {
      // The same words again (a badge read a third time): emptied first, so that screen
      // readers announce them again instead of nothing.
      result.textContent = "";
      window.requestAnimationFrame(function () { result.textContent = message; });
      return;
    }
    result.textContent = message;
  }

  // The photo of the person just scanned, to compare with the face at the desk.
  var photo = document.getElementById("checkin-photo");
  function photoAlt(person) { return text("photo-alt").replace("%(name)s", person.name); }
  function showPhoto(person) {
    if (!photo) { return; }
    if (person && person.photo) {
      photo.src = person.photo;
      photo.alt = photoAlt(person);
      photo.hidden = false;
    } else {
      photo.hidden = true;
      photo.removeAttribute("src");
      photo.alt = "";
    }
  }

  function showAnswer(answer, prefix) {
    var message = prefix ? prefix + " " + answer.message : answer.message;
    if (answer.person && (answer.result === "checked_in" || answer.result === "already")) {
      message += " — " + answer.person.member + ", " + answer.person.role;
    }
    show(KINDS[answer.result] || "info", message);
    showPhoto(answer.person && answer.result !== "undone" ? answer.person : null);
    lastUndoId = answer.result === "checked_in" ? answer.person.id : null;
    undoBox.hidden = lastUndoId === null;
  }

  function send(url, fields, prefix) {
    var body = new FormData();
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || type.indexOf("application/json") !== 0) {
        // The session ran out: the server sent the sign-in page instead of an answer.
        show("danger", text("signed-out"));
        undoBox.hidden = true;
        return null;
      }
      return response.json();
    }).then(function (answer) {
      if (!answer) { return; }
      showAnswer(answer, prefix);
      refreshRoom();
      if (searchInput.value.trim()) { search(); }
    }).catch(function () {
      show("danger", text("error"));
    });
  }

  // The field is emptied as soon as a code is sent, so that the next code (a hand scanner
  // types fast) never lands behind the last one; a code sent twice in a row is said to be.
  var lastCode = "";
  function normalCode(code) { return code.toUpperCase().replace(/[^0-9A-Z]/g, ""); }

  function checkIn(code) {
    code = (code || "").trim();
    input.value = "";
    input.focus();
    if (!code) { return; }
    var repeated = normalCode(code) === lastCode;
    lastCode = normalCode(code);
    send(form.action, { code: code }, repeated ? text("repeated") : "");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    checkIn(input.value);
  });

  undoButton.addEventListener("click", function () {
    if (lastUndoId !== null) { send(text("undo-url"), { registration: lastUndoId }); }
  });

  // Search by name: the same list the page shows without script, kept fresh while typing.
  function personRow(person) {
    var item = document.createElement("li");
    item.className = "list-group-item d-flex flex-wrap align-items-center justify-content-between gap-2 checkin-person";
    if (person.photo) {
      var image = document.createElement("img");
      image.src = person.photo;
      image.className = "checkin-photo checkin-photo-small";
      image.width = 45;
      image.height = 60;
      image.alt = photoAlt(person);
      item.appendChild(image);
    }
    var who = document.createElement("div");
    who.className = "me-auto";
    var name = document.createElement("div");
    name.className = "fw-semibold";
    name.textContent = person.name;
    if (person.lang) { name.lang = person.lang; }
    var details = document.createElement("div");
    details.className = "small text-body-secondary";
    details.textContent = [person.member, person.role, person.status].join(" · ")
      + (person.checked_in_at ? " · " + text("checked-in-at") + " " + person.checked_in_at : "");
    who.appendChild(name);
    who.appendChild(details);
    item.appendChild(who);
    if (person.checked_in_at || person.can_check_in) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = person.checked_in_at ? "btn btn-outline-secondary" : "btn btn-primary";
      button.textContent = person.checked_in_at ? text("undo-label") : text("check-in-label");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + person.name;
      button.appendChild(hidden);
      button.addEventListener("click", function () {
        send(person.checked_in_at ? text("undo-url") : form.action, { registration: person.id });
      });
      item.appendChild(button);
    }
    return item;
  }

  function renderPeople(data) {
    searchResults.textContent = "";
    if (!data.query) { return; }
    if (!data.people.length) {
      var none = document.createElement("p");
      none.className = "mt-2";
      none.textContent = text("none-found");
      searchResults.appendChild(none);
      return;
    }
    var list = document.createElement("ul");
    list.className = "list-group mt-2";
    list.id = "checkin-people";
    data.people.forEach(function (person) { list.appendChild(personRow(person)); });
    searchResults.appendChild(list);
    if (data.more) {
      var more = document.createElement("p");
      more.className = "form-text";
      more.textContent = text("more");
      searchResults.appendChild(more);
    }
  }

  var searchTimer = null;
  function search() {
    var query = searchInput.value.trim();
    var minimum = parseInt(searchInput.getAttribute("minlength"), 10) || 2;
    if (query.length < minimum) { searchResults.textContent = ""; return; }
    fetch(text("search-url") + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || type.indexOf("application/json") !== 0) {
        show("danger", text("signed-out"));
        return null;
      }
      return response.json();
    }).then(function (data) {
      if (data && data.query === searchInput.value.trim()) { renderPeople(data); }
    }).catch(function () { show("danger", text("error")); });
  }
  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  searchInput.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(search, 250);
  });
  // The list the server rendered (?q=...): its buttons answer in place as well.
  searchResults.addEventListener("submit", function (event) {
    var action = event.target;
    if (!action.classList.contains("checkin-action")) { return; }
    event.preventDefault();
    send(action.action, { registration: action.querySelector("input[name=registration]").value });
  });

  function refreshRoom() {
    fetch(roomUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        document.getElementById("room-total").textContent = data.total;
        var tbody = document.getElementById("room-rows");
        tbody.textContent = "";
        data.members.forEach(function (row) {
          var tr = document.createElement("tr");
          var name = document.createElement("td");
          name.textContent = row.member;
          var count = document.createElement("td");
          count.className = "text-end";
          count.textContent = row.count;
          tr.appendChild(name);
          tr.appendChild(count);
          tbody.appendChild(tr);
        });
      })
      .catch(function () { /* the next poll tries again */ });
  }
  window.setInterval(refreshRoom, 5000);
  refreshRoom();

  // Camera scanning. A badge held in view is read many times a second: the same code is sent
  // again only after 3 s (the answer to the first one is on the screen meanwhile).
  var toggle = document.getElementById("camera-toggle");
  var box = document.getElementById("camera-box");
  var video = document.getElementById("camera-video");
  var canvas = document.getElementById("camera-canvas");
  var stream = null;
  var lastScanned = "";
  var lastScannedAt = 0;

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    box.hidden = true;
    toggle.textContent = toggle.getAttribute("data-start");
  }

  function scanned(code) {
    var now = Date.now();
    if (code === lastScanned && now - lastScannedAt < 3000) { return; }
    lastScanned = code;
    lastScannedAt = now;
    checkIn(code);
  }

  function tick() {
    if (!stream) { return; }
    if (video.readyState === video.HAVE_ENOUGH_DATA && typeof jsQR === "function") {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (code && code.data) { scanned(code.data); }
    }
    window.requestAnimationFrame(tick);
  }

  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    toggle.hidden = true;
    return;
  }
  toggle.addEventListener("click", function () {
    if (stream) { stopCamera(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (mediaStream) {
        stream = mediaStream;
        video.srcObject = mediaStream;
        box.hidden = false;
        toggle.textContent = toggle.getAttribute("data-stop");
        video.play();
        window.requestAnimationFrame(tick);
      })
      .catch(function () {
        show("warning", toggle.getAttribute("data-denied") || gettext("The camera is not available."));
      });
  });
})();
