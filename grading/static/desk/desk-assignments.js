// Red School review desk: the assignments table without nbgrader's authoring columns
// (Edit, Generate, Preview, Release): units are released by curriculum teams with
// `redschool release`, and the desk refuses those API calls anyway. nbgrader 0.9's
// manage_assignments.js builds each row with the global insertRow() and fills cells
// found by class; cells that do not exist are simply not filled. A browser test
// (tests/browser/test_journeys.py) fails if upstream changes this.
(function () {
  "use strict";
  window.insertRow = function (table) {
    var row = $("<tr/>");
    ["name", "text-center duedate", "text-center status", "text-center collect",
     "text-center num-submissions", "text-center generate-feedback", "text-center release-feedback"]
      .forEach(function (cls) { row.append($("<td/>").addClass(cls)); });
    table.append(row);
    return row;
  };
  var stockRender = AssignmentUI.prototype.render;  // eslint-disable-line no-undef
  AssignmentUI.prototype.render = function () {  // eslint-disable-line no-undef
    stockRender.apply(this, arguments);
    // The name linked to the source folder in a file browser the desk does not have;
    // the unit by its title (desk.js).
    this.$name.text(window.unitTitle(this.model.get("name")));
  };
})();
