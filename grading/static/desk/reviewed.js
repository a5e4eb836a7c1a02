// Red School review desk: a reflection is "read", never scored. The submission page
// (templates/desk/nbconvert/formgrade/index.html.j2) gives each reflection nbgrader's own
// full-credit button, relabelled "Mark as read"; its one point is what lets feedback go
// back (grading/feedback.py). This wraps GradeUI.render (nbgrader 0.9's formgrade_models.js,
// loaded before this file) to show the state, and a comment saved on an unread
// reflection marks it read too: writing to someone is reading them.
(function () {
  "use strict";
  if (typeof GradeUI === "undefined") { return; }  // eslint-disable-line no-undef
  var render = GradeUI.prototype.render;  // eslint-disable-line no-undef
  GradeUI.prototype.render = function () {  // eslint-disable-line no-undef
    render.apply(this, arguments);
    var score = this.model.get("manual_score");
    var read = score !== null && score !== undefined;
    // A check needs a person only when nbgrader flags it (changed in the submission).
    this.$el.find(".rs-check-review").prop("hidden", !read && !this.model.get("needs_manual_grade"));
    this.$el.find(".rs-mark-read")
      .toggleClass("rs-is-read btn-success", read)
      .toggleClass("btn-default", !read)
      .text(read ? "\u2713 Read" : "Mark as read");
  };
  $(document).on("change", ".nbgrader_cell textarea.comment", function () {
    if (this.value.trim()) {
      $(this).parents(".nbgrader_cell").find(".rs-mark-read:not(.rs-is-read)").click();
    }
  });
})();
