/* Charts of the secretariat dashboard; the numbers come from a json_script element, the
   words from the page (its labels) and from the JavaScript catalogue (gettext). */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b4f8a", "#0e6b63", "#bf5700", "#9b1c31", "#5f6368", "#6a1b9a", "#2e7d32"];
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.animation = reduceMotion ? false : Chart.defaults.animation;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { return new Chart(canvas, config); }
    return null;
  }

  draw("chart-status", {
    type: "doughnut",
    data: { labels: data.status.labels,
            datasets: [{ data: data.status.values, backgroundColor: palette }] },
    options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } }
  });
  draw("chart-region", {
    type: "bar",
    data: { labels: data.region.labels,
            datasets: [{ label: gettext("Seats held"), data: data.region.values,
                         backgroundColor: palette.slice(0, 3) }] },
    options: { maintainAspectRatio: false, plugins: { legend: { display: false } },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  draw("chart-time", {
    type: "line",
    data: { labels: data.time.labels,
            datasets: [{ label: gettext("Registrations"), data: data.time.values,
                         borderColor: palette[0],
                         backgroundColor: "rgba(11,79,138,.15)", fill: true, tension: 0.2 }] },
    options: { maintainAspectRatio: false, plugins: { legend: { display: false } },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
