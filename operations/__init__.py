"""Operating a cohort: backups that restore, each learner's writing exportable and
erasable, upgrades that keep everything, and the admins' health page."""
