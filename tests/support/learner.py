"""Play a unit as a learner would: take the student version nbgrader makes, fill in
answers, run every cell top to bottom, and read what each autograded check said."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import nbformat


def student_version(unit_id: str, notebook: str | None = None, *, language: str | None = None) -> dict:
    """The notebook a learner fetches (built by nbgrader, as the release does), in the unit's
    original language or the translation a circle studying in ``language`` gets."""
    from curriculum.build import build_assignment
    from curriculum.load import find_unit

    unit = find_unit(unit_id)
    name = notebook or unit.manifest.notebooks[0]
    with tempfile.TemporaryDirectory() as tmp:
        release = build_assignment(unit, Path(tmp) / "course", course_id="play", language=language)
        return json.loads((release / name).read_text())


def fill(nb: dict, answers: dict[str, str]) -> dict:
    """Replace the source of answer cells, by nbgrader grade id."""
    missing = set(answers)
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
            missing.discard(grade_id)
    assert not missing, f"no cells with grade ids {sorted(missing)}"
    return nb


def run(nb: dict, *, timeout: int = 120) -> dict:
    """Execute every cell, in a folder of its own, carrying on after errors (as nbgrader does)."""
    from nbclient import NotebookClient

    from core.sandbox import SandboxedKernelManager

    node = nbformat.reads(json.dumps(nb), as_version=4)  # joins list-of-lines sources
    with tempfile.TemporaryDirectory() as tmp:
        NotebookClient(node, timeout=timeout, kernel_name="python3", allow_errors=True,
                       kernel_manager_class=SandboxedKernelManager, resources={"metadata": {"path": tmp}}).execute()
    return json.loads(nbformat.writes(node))


def check_results(executed: dict) -> dict[str, str | None]:
    """Each autograded check's grade id -> None if it passed, else the message it raised."""
    results: dict[str, str | None] = {}
    for cell in executed["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and cell["cell_type"] == "code":
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            results[meta["grade_id"]] = f"{errors[0]['ename']}: {errors[0]['evalue']}" if errors else None
    return results


def with_hidden_tests(nb: dict, unit_id: str, notebook: str | None = None, *, language: str | None = None) -> dict:
    """Put the source's test cells (hidden tests included) back, as nbgrader's
    autograde does before it runs a submission (from the translation in ``language``)."""
    from curriculum.load import find_unit
    from curriculum.models import translated_name

    unit = find_unit(unit_id)
    name = notebook or unit.manifest.notebooks[0]
    if language not in (None, unit.manifest.original_language):
        name = translated_name(name, language)
    source = json.loads((unit.folder / name).read_text())
    tests = {
        c["metadata"]["nbgrader"]["grade_id"]: c["source"]
        for c in source["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade") and not c["metadata"]["nbgrader"].get("solution")
    }
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in tests:
            cell["source"] = tests[grade_id]
    return nb


def play(unit_id: str, answers: dict[str, str]) -> dict:
    """Fill the learner's version, put the hidden tests back (as autograde does), run it."""
    return run(with_hidden_tests(fill(student_version(unit_id), answers), unit_id))


def cell_errors(executed: dict, *, include_checks: bool = True) -> dict[str, str]:
    """Every code cell that raised, by cell id, with its error (autograded checks optional)."""
    errors = {}
    for cell in executed["cells"]:
        is_check = cell["metadata"].get("nbgrader", {}).get("grade") and not cell["metadata"]["nbgrader"].get("solution")
        if cell["cell_type"] != "code" or (is_check and not include_checks):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors[cell["id"]] = f"{out['ename']}: {out['evalue']}"
    return errors
