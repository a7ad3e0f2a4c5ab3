// Posture dashboard: small progressive enhancements, no dependencies.
(function () {
  "use strict";
  // Apply findings filters as soon as a select changes.
  var form = document.getElementById("filters");
  if (form) {
    form.querySelectorAll("select").forEach(function (el) {
      el.addEventListener("change", function () { form.submit(); });
    });
  }
  // Ask before approving an exception.
  document.querySelectorAll("form[action*='/approve']").forEach(function (f) {
    f.addEventListener("submit", function (ev) {
      if (!window.confirm("Approve this exception? Its findings stop counting as open.")) {
        ev.preventDefault();
      }
    });
  });
  // Highlight the hovered series of the trend chart.
  var chart = document.getElementById("trend-chart");
  if (chart) {
    chart.querySelectorAll("polyline").forEach(function (line) {
      line.addEventListener("mouseenter", function () { line.style.strokeWidth = "4"; });
      line.addEventListener("mouseleave", function () { line.style.strokeWidth = ""; });
    });
  }
})();
