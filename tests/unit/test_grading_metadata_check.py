"""Autograde's metadata check (grading/metadata_check.py) refuses and accepts exactly what
nbgrader's CheckCellMetadata does: it only compiles the schema once."""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.preprocessors import CheckCellMetadata

from grading.metadata_check import CheckCellMetadataOnce, CompiledMetadataValidator


def _meta(**changes) -> dict:
    meta = {"grade": True, "grade_id": "exercise-check", "locked": True, "points": 2, "schema_version": 3, "solution": False}
    meta.update(changes)
    return {k: v for k, v in meta.items() if v is not None}


def _notebook(answer_meta: dict) -> nbformat.NotebookNode:
    answer = nbformat.v4.new_code_cell("hours = 2", metadata={"nbgrader": answer_meta})
    check = nbformat.v4.new_code_cell("# Checks your answer\nassert hours == 2", metadata={"nbgrader": _meta()})
    words = nbformat.v4.new_markdown_cell("Some words.")
    return nbformat.v4.new_notebook(cells=[words, answer, check])


SOLUTION = {"grade": False, "grade_id": "exercise-answer", "locked": False, "schema_version": 3, "solution": True}
SUBMISSIONS = {
    "as released": SOLUTION,
    "points as text": {**_meta(grade_id="exercise-other"), "points": "lots"},
    "an unknown field": {**SOLUTION, "extra": 1},
    "grade is not a flag": {**SOLUTION, "grade": "yes"},
    "no grade id": {k: v for k, v in SOLUTION.items() if k != "grade_id"},
    "an empty grade id": {**SOLUTION, "grade_id": ""},
    "a grade cell without points": _meta(grade_id="exercise-other", points=None),
    "the check's grade id twice": _meta(),
    "an old schema": {**SOLUTION, "schema_version": 2},
    "a newer schema": {**SOLUTION, "schema_version": 4},
    "a grade id that is not text": {"schema_version": 3, "grade": False, "solution": True, "locked": False, "grade_id": 5},
    "metadata that is not an object": 5,
    "metadata set to null": None,
}


def _verdict(check, nb) -> str:
    try:
        check(copy.deepcopy(nb))
    except Exception as exc:  # nbgrader raises its ValidationError, or a schema-version error
        return f"{type(exc).__name__}: {exc}"
    return "accepted"


@pytest.mark.parametrize("name", sorted(SUBMISSIONS))
def test_the_compiled_check_gives_nbgraders_verdict_and_reason(name):
    nb = _notebook(SUBMISSIONS[name])
    theirs = _verdict(MetadataValidator().validate_nb, nb)
    assert _verdict(CompiledMetadataValidator().validate_nb, nb) == theirs
    assert (theirs == "accepted") == (name == "as released")
    ours_refusal = _verdict(lambda n: CheckCellMetadataOnce().preprocess(n, {}), nb)
    assert ours_refusal == _verdict(lambda n: CheckCellMetadata().preprocess(n, {}), nb)


def test_a_tampered_cell_is_refused_and_the_released_one_accepted():
    assert _verdict(lambda n: CheckCellMetadataOnce().preprocess(n, {}), _notebook(SOLUTION)) == "accepted"
    with pytest.raises(ValidationError, match="nbgrader metadata may be corrupted"):
        CheckCellMetadataOnce().preprocess(_notebook({**SOLUTION, "grade": "yes"}), {})


def test_the_course_config_sanitizes_with_nbgraders_steps_and_the_compiled_check(tmp_path):
    from nbgrader.converters import Autograde
    from traitlets.utils.importstring import import_item

    from core.settings import Settings
    from grading.courses import course_config

    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path)})
    steps = [import_item(name) for name in course_config(settings, "rosa").Autograde.sanitize_preprocessors]
    upstream = Autograde.class_traits()["sanitize_preprocessors"].default()
    assert steps == [CheckCellMetadataOnce if step is CheckCellMetadata else step for step in upstream]


def test_the_schema_is_checked_once_not_once_per_cell(monkeypatch):
    from jsonschema.validators import validator_for

    import grading.metadata_check as metadata_check

    cls = validator_for(CompiledMetadataValidator().schema)
    calls = []
    original = cls.check_schema.__func__
    monkeypatch.setattr(cls, "check_schema", classmethod(lambda c, schema, *a, **k: (calls.append(1), original(c, schema, *a, **k))[1]))
    monkeypatch.setattr(metadata_check, "_COMPILED", {})
    for _ in range(3):
        CompiledMetadataValidator().validate_nb(_notebook(SOLUTION))
    assert len(calls) == 1
    MetadataValidator().validate_nb(_notebook(SOLUTION))  # nbgrader's own: once for each of its two cells
    assert len(calls) == 3
