// Red School review desk: learners by the roster's name, and a word while autograde runs.
// Loaded after nbgrader's own list scripts; it wraps their views' public render and
// autograde methods (nbgrader 0.9, pinned) instead of copying them:
// - nbgrader writes "last, first" (", Ana" with the roster's one name) and hides names
//   behind "Submission #1" until a button is pressed; a facilitator knows their circle,
//   so the name shows, as the roster spells it;
// - autograde said "Please wait..." for as long as a notebook runs.
(function () {
  "use strict";
  function rosterName(model) {
    return model.get("first_name") || model.get("last_name") || model.get("student");
  }
  // The Manual Grading list of units (gradebook_assignments.js): titles, not ids.
  if (typeof AssignmentUI !== "undefined" && document.getElementById("rs-gradebook-units")) {  // eslint-disable-line no-undef
    var renderUnit = AssignmentUI.prototype.render;  // eslint-disable-line no-undef
    AssignmentUI.prototype.render = function () {  // eslint-disable-line no-undef
      renderUnit.apply(this, arguments);
      this.$name.find("a").text(window.unitTitle(this.model.get("name")));
    };
  }
  if (typeof SubmittedNotebookUI !== "undefined") {  // eslint-disable-line no-undef
    var renderNotebook = SubmittedNotebookUI.prototype.render;  // eslint-disable-line no-undef
    SubmittedNotebookUI.prototype.render = function () {  // eslint-disable-line no-undef
      renderNotebook.apply(this, arguments);
      this.$name.find("a.name-shown").text(rosterName(this.model)).show();
      this.$name.find("a.name-hidden").remove();
      this.$reveal.empty();
    };
  }
  if (typeof SubmissionUI !== "undefined") {  // eslint-disable-line no-undef
    var renderSubmission = SubmissionUI.prototype.render;  // eslint-disable-line no-undef
    SubmissionUI.prototype.render = function () {  // eslint-disable-line no-undef
      renderSubmission.apply(this, arguments);
      var link = this.$student_name.find("a");
      (link.length ? link : this.$student_name).text(rosterName(this.model));
    };
    var autograde = SubmissionUI.prototype.autograde;  // eslint-disable-line no-undef
    SubmissionUI.prototype.autograde = function () {  // eslint-disable-line no-undef
      autograde.apply(this, arguments);
      this.$student_name.text("Autograding " + rosterName(this.model) + "… (runs the whole notebook: up to a minute)");
    };
  }
})();
