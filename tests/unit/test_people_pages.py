"""What the hub's pages and every workspace get for issue 13: the admin's cohort home, the
mode the login page speaks for, the My units page and the learners' kernel (pure or tmp files)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from core.cohort import load_roster
from core.settings import DEMO_ROSTER
from hub.home import cohort_overview, home_context
from hub.workspace import CHECK_REPORTER, UNITS_EXTENSION, WARMUP, ensure_workspace_extras
from tests.support.hub_config import built, settings

COHORT = load_roster(DEMO_ROSTER)


def test_the_admins_home_is_the_cohort_as_the_roster_says():
    rows = {r["circle"]: r for r in cohort_overview(COHORT)}
    assert set(rows) == {"rosa", "lucy"}
    assert rows["rosa"]["facilitators"] == ["Ines (facilitator)"] and rows["rosa"]["learners"] == 4
    assert rows["lucy"]["desk_url"] == "services/lucy/formgrader"
    assert home_context(COHORT, SimpleNamespace(name="admin"))["cohort"] == cohort_overview(COHORT)
    assert home_context(COHORT, SimpleNamespace(name="facilitator1"))["cohort"] == []  # admins only


def test_pages_know_the_mode_they_may_promise_privacy_for():
    assert built().JupyterHub.template_vars["redschool_mode"] == "demo"


def test_every_workspace_loads_my_units_and_learners_kernels_report_checks(tmp_path):
    s = settings(REDSCHOOL_DATA_DIR=str(tmp_path))
    ensure_workspace_extras(s)
    ensure_workspace_extras(s)  # idempotent
    extensions = json.loads((s.workspace_config_dir / "jupyter_server_config.d" / "redschool.json").read_text())
    assert extensions["ServerApp"]["jpserver_extensions"] == {UNITS_EXTENSION: True}
    kernel = json.loads((s.workspace_data_dir / "kernels" / "python3" / "kernel.json").read_text())
    assert kernel["argv"][-1] == f"--ext={CHECK_REPORTER}" and "{connection_file}" in kernel["argv"]
    assert f"--ext={WARMUP}" in kernel["argv"]  # pandas and plotly imported while the learner reads


def test_the_nbgrader_views_the_desks_names_script_wraps_are_still_there():
    """grading/static/desk/names.js wraps these (nbgrader 0.9): if upstream renames them, this fails."""
    from pathlib import Path

    import nbgrader

    js = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "static" / "js"
    gradebook = (js / "gradebook_notebook_submissions.js").read_text()
    submissions = (js / "manage_submissions.js").read_text()
    for needle in ("var SubmittedNotebookUI = Backbone.View.extend", "this.$name = ", "this.$reveal = ", "addClass(\"name-shown\")"):
        assert needle in gradebook, needle
    for needle in ("var SubmissionUI = Backbone.View.extend", "this.$student_name = ", "autograde: function"):
        assert needle in submissions, needle
