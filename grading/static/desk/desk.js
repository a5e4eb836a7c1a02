// Red School review desk. The desk's Content-Security-Policy allows no inline script, so
// the values nbgrader's templates put in inline <script> blocks arrive here as data
// attributes (escaped by the template) and become the globals formgrader's scripts read:
// data-assignment-id -> assignment_id, and so on.
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  Object.keys(data).forEach(function (key) {
    window[key.replace(/[A-Z]/g, function (c) { return "_" + c.toLowerCase(); })] = data[key];
  });
  // Units by their titles in the lists nbgrader's scripts draw (data-unit-titles: a JSON
  // object of unit id -> title, from grading/units.py); the id when a title is unknown.
  var titles = {};
  try { titles = JSON.parse(data.unitTitles || "{}"); } catch (e) { titles = {}; }
  window.unitTitle = function (id) { return titles[id] || id; };
  // The submission page's formgrader scripts want base_url to end in /formgrader.
  if (data.formgraderUrl) {
    window.base_url = data.formgraderUrl;
  }

  // What nbgrader wired with onclick= attributes, wired here instead.
  window.toggle_name = function (on) {
    $(".name-shown").tooltip("hide");
    $(".name-hidden").tooltip("hide");
    $(on ? ".name-shown" : ".name-hidden").show();
    $(on ? ".name-hidden" : ".name-shown").hide();
  };
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("toggle_names");
    if (button && typeof toggleAllNames === "function") {
      button.addEventListener("click", function () { toggleAllNames(); });  // eslint-disable-line no-undef
    }
    $("span.glyphicon.name-hidden")
      .tooltip({title: "Show student name", placement: "bottom", trigger: "hover"})
      .on("click", function () { window.toggle_name(true); });
    $("span.glyphicon.name-shown")
      .tooltip({title: "Hide student name", placement: "bottom", trigger: "hover"})
      .on("click", function () { window.toggle_name(false); });
  });
})();
