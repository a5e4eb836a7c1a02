"""nbgrader's side of Red School: a course per circle, release, the review loop, reports."""
