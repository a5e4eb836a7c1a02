"""Regenerate the fixture curriculum: `python tests/files/curriculum/make_fixtures.py`.

Each unit under units/fixtures/ is the `redschool unit new` scaffold, its writer's
placeholders written (`fill_placeholders`), with exactly one defect of one kind
`redschool check` detects (its folder name says which); good-unit has none. The
translation-* units carry a Spanish translation (`translate`) with one defect in it. units/repeats/good-unit/ repeats the id of
units/fixtures/good-unit/ (the duplicate-id defect). readings/ holds one guide.
The expected problem lines are in tests/support/fixture_curriculum.py.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import nbformat
import yaml

from curriculum import cells as C
from curriculum.models import UnitManifest
from curriculum.scaffold import SCAFFOLD_MINUTES, guide_skeleton, scaffold_notebook

HERE = Path(__file__).resolve().parent
UNITS = HERE / "units"

FIXTURES = [
    "good-unit",
    "bad-manifest-field",
    "unknown-reading",
    "missing-notebook",
    "bad-position",
    "duplicate-grade-id",
    "points-missing",
    "unlocked-test",
    "solution-raises",
    "solution-fails-test",
    "student-passes",
    "no-reflection",
    "committed-outputs",
    "network-access",
    "network-hidden",
    "malformed-yaml",
    "malformed-notebook",
    "placeholder-left",
    "estimated-time",
    "no-submit",
    "translation-missing-notebook",
    "translation-code-differs",
    "translation-hidden-test-differs",
    "translation-points-differ",
    "translation-cell-missing",
    "translation-guide-missing",
]
READING_MINUTES = 30


def fill_placeholders(text: str) -> str:
    """What a writer does to the scaffold: every `(Writer: …)` note replaced by text."""
    return re.sub(r"\(Writer:[^)]*\)", "Written by the writer.", text)


def fill_notebook(nb, keep: str | None = None):
    for c in nb.cells:
        if c.id != keep:
            c.source = fill_placeholders(c.source)


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.id == cell_id)


def manifest(unit_id: str, programme: str, position: int) -> dict:
    return UnitManifest(
        id=unit_id, title=unit_id.replace("-", " ").capitalize(), programme=programme, position=position,
        summary="A fixture unit for the check's tests.", estimated_minutes=SCAFFOLD_MINUTES + READING_MINUTES,
        learning_goals=["Show one defect to the check."], benchmarks=["dialectical-materialism"],
        capacities=["ideological"], readings=["a-reading"], notebooks=[f"{unit_id}.ipynb"], languages=["en"],
    ).model_dump(mode="json", exclude={"worksheets", "translations"})  # optional fields the fixtures leave out


def write_unit(programme: str, unit_id: str, position: int, edit_manifest=None, edit_nb=None, nb_text=None, yaml_text=None,
               keep=None):
    folder = UNITS / programme / unit_id
    folder.mkdir(parents=True)
    data = manifest(unit_id, programme, position)
    if edit_manifest:
        edit_manifest(data)
    (folder / "unit.yaml").write_text(yaml_text or yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    guide = guide_skeleton(UnitManifest.model_construct(**manifest(unit_id, programme, position)), "Fixtures")
    (folder / "facilitator-guide.md").write_text(fill_placeholders(guide), encoding="utf-8")
    nb = scaffold_notebook(unit_id)
    fill_notebook(nb, keep=keep)
    if edit_nb:
        edit_nb(nb)
    if data["notebooks"] == [f"{unit_id}.ipynb"]:
        path = folder / f"{unit_id}.ipynb"
        nbformat.write(nb, path)
        if nb_text:
            path.write_text(nb_text(path.read_text(encoding="utf-8")), encoding="utf-8")


def _set(cell_id, key, value):
    def edit(nb):
        meta = cell(nb, cell_id).metadata.nbgrader
        if value is None:
            del meta[key]
        else:
            meta[key] = value
    return edit


def _replace(cell_id, old, new):
    def edit(nb):
        c = cell(nb, cell_id)
        assert old in c.source, (cell_id, old)
        c.source = c.source.replace(old, new)
    return edit


def _outputs(nb):
    c = cell(nb, "worked-example")
    c.execution_count = 1
    c.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "5"}, execution_count=1)]


def _network_cell(source, cell_id):
    def edit(nb):
        index = nb.cells.index(cell(nb, "worked-example"))
        nb.cells.insert(index, C.read_only_code(source, cell_id=cell_id))
    return edit


def _drop_reflection(nb):
    nb.cells.remove(cell(nb, "reflection-answer"))


EDITS = {
    "bad-manifest-field": dict(edit_manifest=lambda d: d.update(benchmarks=["strategic-genius"])),
    "unknown-reading": dict(edit_manifest=lambda d: d.update(readings=["no-such-reading"])),
    "missing-notebook": dict(edit_manifest=lambda d: d.update(notebooks=["missing-notebook-lesson.ipynb"])),
    "bad-position": dict(edit_manifest=lambda d: d.update(position=9)),
    "duplicate-grade-id": dict(edit_nb=_set("exercise-check", "grade_id", "exercise-answer")),
    "points-missing": dict(edit_nb=_set("exercise-check", "points", None)),
    "unlocked-test": dict(edit_nb=_set("exercise-check", "locked", False)),
    "solution-raises": dict(edit_nb=_replace("worked-example", "hours_worked - hours_to_cover_wage", "hours_workd - hours_to_cover_wage")),
    "solution-fails-test": dict(edit_nb=_replace("exercise-answer", "other_hours_worked - other_hours_to_cover_wage", "other_hours_worked + other_hours_to_cover_wage")),
    "student-passes": dict(edit_nb=_replace("exercise-answer", "other_hours_left_over = ...", "other_hours_left_over = 6")),
    "no-reflection": dict(edit_nb=_drop_reflection),
    "committed-outputs": dict(edit_nb=_outputs),
    "network-access": dict(edit_nb=_network_cell(
        'import urllib.request\n\nrows = urllib.request.urlopen("https://example.org/hours.csv").read()', "fetch-data")),
    # Hidden from the static scan, and around any guard in Python's `socket` module:
    # only the sandbox's missing network stops it (a documentation address, RFC 5737).
    "network-hidden": dict(edit_nb=_network_cell(
        'net = __import__("importlib").import_module("_so" + "cket")\n'
        'conn = net.socket(net.AF_INET, net.SOCK_STREAM)\nconn.settimeout(5)\nconn.connect(("198.51.100.7", 80))', "lookup")),
    "malformed-yaml": dict(yaml_text="id: malformed-yaml\ntitle: Malformed yaml\n  programme: fixtures\nposition: 16\n"),
    "malformed-notebook": dict(nb_text=lambda text: text.replace('"cells": [', '"cells": [,', 1)),
    "placeholder-left": dict(keep="context"),
    "estimated-time": dict(edit_manifest=lambda d: d.update(estimated_minutes=30)),
    "no-submit": dict(edit_nb=lambda nb: nb.cells.remove(cell(nb, "hand-in"))),
}


#: The Spanish fixture translation: every Markdown cell's text, and the strings and comments of
#: code cells a translator changes (the parity check lets these differ).
SPANISH_MARKDOWN = "Texto de la celda, en español."
SPANISH_WORDS = {
    "# Replace the three dots with your calculation, then press Shift-Enter.":
        "# Cambia los tres puntos por tu cálculo y pulsa Shift-Enter.",
    "Run the cell above first: click in it and press Shift-Enter.":
        "Primero ejecuta la celda de arriba: haz clic en ella y pulsa Shift-Enter.",
    "# A worked example.": "# Un ejemplo resuelto.",
}


def translate(nb):
    """The fixture's Spanish version of a notebook: same cells, ids, metadata and code."""
    nb = copy.deepcopy(nb)
    for c in nb.cells:
        if c.cell_type == "markdown" and C.classify(c) is not C.CellKind.REFLECTION:
            c.source = SPANISH_MARKDOWN
        for english, spanish in SPANISH_WORDS.items():
            c.source = c.source.replace(english, spanish)
    return nb


def _drop_es_cell(cell_id):
    def edit(nb):
        nb.cells.remove(cell(nb, cell_id))
    return edit


TRANSLATION_EDITS = {
    "translation-missing-notebook": dict(skip="notebook"),
    "translation-guide-missing": dict(skip="guide"),
    "translation-code-differs": dict(edit_es=_replace("worked-example", "hours_worked - hours_to_cover_wage\nhours_left_over",
                                                      "hours_worked + hours_to_cover_wage\nhours_left_over")),
    "translation-hidden-test-differs": dict(edit_es=_replace("exercise-check", "other_hours_left_over == 6", "other_hours_left_over == 7")),
    "translation-points-differ": dict(edit_es=_set("exercise-check", "points", 2)),
    "translation-cell-missing": dict(edit_es=_drop_es_cell("reflection-question")),
}


def write_translation(folder: Path, unit_id: str, skip: str | None = None, edit_es=None) -> None:
    data = yaml.safe_load((folder / "unit.yaml").read_text(encoding="utf-8"))
    data["languages"] = ["en", "es"]
    data["translations"] = {"es": {"title": f"Unidad {unit_id}", "summary": "Una unidad de prueba para el check."}}
    (folder / "unit.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if skip != "guide":
        guide = (folder / "facilitator-guide.md").read_text(encoding="utf-8")
        spanish = re.sub(r"^(#+) .*$", lambda m: f"{m.group(1)} Sección", guide, flags=re.M)
        (folder / "facilitator-guide.es.md").write_text(spanish, encoding="utf-8")
    if skip != "notebook":
        nb = translate(nbformat.read(folder / f"{unit_id}.ipynb", as_version=4))
        if edit_es:
            edit_es(nb)
        nbformat.write(nb, folder / f"{unit_id}.es.ipynb")


def main() -> None:
    shutil.rmtree(UNITS, ignore_errors=True)
    for programme, title, ids in (("fixtures", "Fixtures", FIXTURES), ("repeats", "Repeats", ["good-unit"])):
        (UNITS / programme).mkdir(parents=True)
        (UNITS / programme / "programme.yaml").write_text(
            yaml.safe_dump({"title": title, "description": f"Fixture programme: {title.lower()}.", "units": ids}, sort_keys=False),
            encoding="utf-8",
        )
        for position, unit_id in enumerate(ids, start=1):
            write_unit(programme, unit_id, position, **EDITS.get(unit_id, {}) if programme == "fixtures" else {})
            if programme == "fixtures" and unit_id in TRANSLATION_EDITS:
                write_translation(UNITS / programme / unit_id, unit_id, **TRANSLATION_EDITS[unit_id])
    readings = HERE / "readings"
    readings.mkdir(exist_ok=True)
    (readings / "a-reading.md").write_text(
        f"---\ntitle: A Reading\nauthors:\n  - A. Writer\nminutes: {READING_MINUTES}\nkey_concepts:\n  - a concept\n---\n\n"
        "# A reading\n\n## Summary\n\nA fixture.\n\n## Discussion questions\n\n1. Does the check find it?\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
