/* Check-in desk: submit a typed or scanned badge code without leaving the page, scan QR
   codes with the camera (jsQR, served locally), and keep the room count fresh. */
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var input = document.getElementById("badge-code");
  var result = document.getElementById("checkin-result");
  var roomUrl = form.getAttribute("data-room-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var lastCode = "";
  var lastAt = 0;

  function show(kind, text) {
    result.className = "checkin-result alert alert-" + kind;
    result.textContent = text;
  }

  function submit(code) {
    code = (code || "").trim();
    if (!code) { return; }
    var now = Date.now();
    if (code === lastCode && now - lastAt < 3000) { return; }  // same badge held in view
    lastCode = code;
    lastAt = now;
    var body = new FormData();
    body.append("code", code);
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf }
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      if (answer.ok) {
        show(answer.already ? "warning" : "success",
             answer.message + " — " + answer.member + ", " + answer.role);
      } else {
        show("danger", answer.message);
      }
      input.value = "";
      input.focus();
      refreshRoom();
    }).catch(function () {
      show("danger", form.getAttribute("data-error") || "The check-in could not be sent.");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit(input.value);
  });

  function refreshRoom() {
    fetch(roomUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
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

  // Camera scanning.
  var toggle = document.getElementById("camera-toggle");
  var box = document.getElementById("camera-box");
  var video = document.getElementById("camera-video");
  var canvas = document.getElementById("camera-canvas");
  var stream = null;

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    box.hidden = true;
    toggle.textContent = toggle.getAttribute("data-start");
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
      if (code && code.data) { submit(code.data); }
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
        show("warning", toggle.getAttribute("data-denied") || "The camera is not available.");
      });
  });
})();
