"""What every room shares: settings, the cohort roster, and where things live.

`hub/`, `grading/`, `curriculum/` and the `redschool` command import this package;
it imports none of them.
"""
