"""Per-circle course settings and release bookkeeping (no hub, no nbgrader run)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from grading.courses import course_config, learner_config_text
from grading.release import due_units, fingerprint, who_has_fetched
from core.cohort import load_roster
from core.settings import DEMO_ROSTER, Settings

COHORT = load_roster(DEMO_ROSTER)


def settings(tmp_path) -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})


def load(text: str, tmp_path, monkeypatch=None) -> Config:
    (tmp_path / "nbgrader_config.py").write_text(text)
    return PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()


def test_course_config_sets_every_path_explicitly(tmp_path):
    s = settings(tmp_path)
    c = course_config(s, "rosa")
    assert c.CourseDirectory.course_id == "rosa"
    assert c.CourseDirectory.root == str(s.data_dir / "courses" / "rosa")
    assert c.CourseDirectory.db_url == f"sqlite:///{s.data_dir / 'courses' / 'rosa' / 'gradebook.db'}"
    assert c.Exchange.root == str(s.data_dir / "exchange")
    assert c.Exchange.path_includes_course is True


def test_learner_config_uses_the_hub_for_courses_and_names_submissions_after_the_person(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "learner1")
    c = load(learner_config_text(settings(tmp_path)), tmp_path)
    assert c.Authenticator.plugin_class == "nbgrader.auth.JupyterHubAuthPlugin"
    assert c.CourseDirectory.student_id == "learner1"
    assert "course_id" not in c.CourseDirectory


def test_fingerprint_sees_content_and_names_but_not_checkpoints(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        (folder / ".ipynb_checkpoints").mkdir(parents=True)
        (folder / "unit.ipynb").write_text("{}")
    (b / ".ipynb_checkpoints" / "unit-checkpoint.ipynb").write_text("draft")
    assert fingerprint(a) == fingerprint(b) != ""
    (b / "unit.ipynb").write_text('{"changed": 1}')
    assert fingerprint(a) != fingerprint(b)
    assert fingerprint(tmp_path / "missing") == ""


def test_who_has_fetched_looks_at_homes_and_submissions(tmp_path):
    s = settings(tmp_path)
    (s.home_of("learner2") / "rosa" / "unit-x").mkdir(parents=True)
    inbound = s.exchange_dir / "rosa" / "inbound"
    (inbound / "learner3+unit-x+2026-01-01 10:00:00 UTC+abc").mkdir(parents=True)
    (s.home_of("learner5") / "lucy" / "unit-x").mkdir(parents=True)  # another circle
    assert who_has_fetched(s, COHORT, "rosa", "unit-x") == ["learner2", "learner3"]


def test_due_units_follow_the_programme_schedule():
    def entry(unit_id, opens):
        return SimpleNamespace(id=unit_id, opens=opens)

    units = {"u1": "unit one", "u2": "unit two", "u3": "unit three"}
    programme = SimpleNamespace(manifest=SimpleNamespace(entries=[
        entry("u1", dt.date(2026, 1, 5)), entry("u2", dt.date(2026, 1, 12)), entry("u3", None),
    ]))
    curriculum = SimpleNamespace(programmes={"p": programme}, find_unit=units.__getitem__)
    assert due_units(curriculum, dt.date(2026, 1, 11)) == ["unit one"]
    assert due_units(curriculum, dt.date(2026, 1, 12)) == ["unit one", "unit two"]
    assert due_units(curriculum, dt.date(2025, 12, 31)) == []


def test_every_class_the_course_config_names_can_be_imported(tmp_path):
    from traitlets.utils.importstring import import_item

    c = course_config(settings(tmp_path), "rosa")
    names = list(c.HTMLExporter.preprocessors) + list(c.GenerateFeedback.preprocessors) + list(c.Autograde.autograde_preprocessors)
    assert "grading.execution.NotebookTimeLimit" in names
    names.append(c.ExchangeFactory.release_feedback)
    for name in names:
        import_item(name)  # raises if a name is wrong: the desk would start without its formgrader


def test_autograde_runs_nbgraders_own_steps_with_our_time_and_output_limits(tmp_path):
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute
    from traitlets.utils.importstring import import_item

    from nbgrader.preprocessors import CheckCellMetadata, LimitOutput

    from grading.execution import NotebookTimeLimit
    from grading.output_limits import LimitOutputBytes
    from grading.review_outputs import ReviewOutputs

    c = course_config(settings(tmp_path), "rosa")
    steps = [import_item(name) for name in c.Autograde.autograde_preprocessors]
    upstream = Autograde.class_traits()["autograde_preprocessors"].default()
    ours = {Execute: NotebookTimeLimit, LimitOutput: LimitOutputBytes}
    # ...less the second metadata check: the sanitize pass, which still has it, has just run.
    assert CheckCellMetadata in Autograde.class_traits()["sanitize_preprocessors"].default()
    expected = [ours.get(step, step) for step in upstream if step is not CheckCellMetadata]
    # ...and, once outputs are limited, charts and checks as review pages show them.
    at = expected.index(LimitOutputBytes) + 1
    assert steps == expected[:at] + [ReviewOutputs] + expected[at:]


def test_a_cell_printing_megabytes_keeps_a_line_saying_what_was_removed():
    import nbformat

    from grading.output_limits import MB, LimitOutputBytes

    big = nbformat.v4.new_output("stream", name="stdout", text="x" * (3 * MB))  # one line: LimitOutput lets it by
    small = nbformat.v4.new_output("stream", name="stdout", text="answer: 42\n")
    cells = [nbformat.v4.new_code_cell("print('x' * 3_000_000)", outputs=[small, big]) for _ in range(12)]
    nb = nbformat.v4.new_notebook(cells=cells)
    limiter = LimitOutputBytes(max_cell_bytes=2 * MB, max_notebook_bytes=3 * MB)
    nb, _ = limiter.preprocess(nb, {})
    first = nb.cells[0].outputs
    assert first[0].text == "answer: 42\n"
    assert first[1].text == "... Output removed: 3.0 MB, over the 2 MB a cell may show when graded ...\n"
    assert len(nbformat.writes(nb).encode()) < 4 * MB
