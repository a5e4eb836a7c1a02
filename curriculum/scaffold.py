"""``redschool unit new``: a new unit, complete but for the writer's own words.

The scaffold is a working miniature of the notebook anatomy in CONTENT.md
(goals → context → data with provenance → worked example → exercise with
step-by-step checks → reflection → how to submit), so a writer replaces content
rather than learning the nbgrader metadata by hand. What only the writer can say
is left as a placeholder, ``(Writer: …)`` (:mod:`curriculum.placeholders`), and
``redschool check`` fails with one line per placeholder until each is written.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import nbformat
import yaml

from curriculum import cells
from curriculum.errors import CurriculumError
from curriculum.load import DEFAULT_ROOT, Unit, scan_curriculum
from curriculum.models import GUIDE_NAME, MANIFEST_NAME, PROGRAMME_MANIFEST_NAME, UnitManifest, is_unit_id
from curriculum.placeholders import writer_note
from curriculum.rules import SUBMIT_TEXT
from curriculum.yamlio import YamlSyntaxError, parse_yaml
from pydantic import ValidationError


#: The scaffold's time for its own notebook; `estimated_minutes` starts equal to it.
SCAFFOLD_MINUTES = 45


def scaffold_notebook(title: str) -> nbformat.NotebookNode:
    """The starter notebook: one worked example, one autograded exercise, one reflection."""
    md, code = cells.read_only_markdown, cells.read_only_code
    return cells.new_notebook(
        [
            md(
                f"""
                # {title}

                **In this notebook you will**
                - work through an example step by step;
                - try one yourself and check your answer;
                - write a short reflection for your circle.

                **Time.** About {SCAFFOLD_MINUTES} minutes. Run each grey cell with **Shift-Enter**,
                from top to bottom.
                """,
                cell_id="goals",
            ),
            md(
                f"""
                ## Context

                *{writer_note("two or three short paragraphs in plain words. Why does this matter for organising? Use a concrete example from a workplace, a building or a campaign.")}*
                """,
                cell_id="context",
            ),
            md(
                f"""
                ## The numbers

                **Source:** made-up numbers for this example, chosen to be easy to follow.
                **Licence:** none needed. **Units:** hours in one working day.

                *{writer_note("for real data, name the source, its licence and the units here, as `exercises/` provenance does.")}*
                """,
                cell_id="provenance",
            ),
            code(
                """
                # A worked example. A worker is paid for an 8-hour day. In the first
                # 3 hours they produce as much as their wage is worth.
                # How many hours of the day are left over?
                hours_worked = 8
                hours_to_cover_wage = 3

                hours_left_over = hours_worked - hours_to_cover_wage
                hours_left_over
                """,
                cell_id="worked-example",
            ),
            md(
                """
                ## Your turn

                Another worker works a 10-hour day, and 4 hours cover their wage.
                In the cell below, replace the three dots `...` with a calculation of
                the hours left over, written like the example above. Then press
                **Shift-Enter**, and run the check below it.
                """,
                cell_id="exercise-instructions",
            ),
            code(
                """
                other_hours_worked = 10
                other_hours_to_cover_wage = 4
                """,
                cell_id="exercise-data",
            ),
            cells.exercise(
                f"""
                # Replace the three dots with your calculation, then press Shift-Enter.
                other_hours_left_over = ...
                {cells.BEGIN_SOLUTION}
                other_hours_left_over = other_hours_worked - other_hours_to_cover_wage
                {cells.END_SOLUTION}
                """,
                cell_id="exercise-answer",
            ),
            cells.autograded_test(
                f"""
                # Checks your answer: run this cell after the one above.
                assert "other_hours_left_over" in globals(), "Run the cell above first: click in it and press Shift-Enter."
                assert other_hours_left_over is not ..., "Replace the three dots ... in the cell above with your calculation."
                assert isinstance(other_hours_left_over, (int, float)), "Your answer should be a number, like 5 - without quotes."
                assert other_hours_left_over != other_hours_worked + other_hours_to_cover_wage, "You added the hours. The hours left over are what remains after the hours that cover the wage: subtract."
                {cells.BEGIN_HIDDEN}
                assert other_hours_left_over == 6, "Not quite: start from the hours worked and take away the hours that cover the wage."
                {cells.END_HIDDEN}
                """,
                cell_id="exercise-check",
                points=1,
            ),
            md(
                """
                ## Reflect

                Think of a job you or someone close to you has done. Who decided how
                long the working day was, and why? Write a few sentences in the cell
                below. Your facilitator reads it and comments; there is no wrong answer.
                """,
                cell_id="reflection-question",
            ),
            cells.reflection(
                "*(A learner's answer goes here; nbgrader replaces this text in the student version.)*",
                cell_id="reflection-answer",
                points=1,
            ),
            md(f"## Hand it in\n\n{SUBMIT_TEXT}", cell_id="hand-in"),
        ],
        title=title,
    )


def guide_skeleton(manifest: UnitManifest, programme_title: str) -> str:
    """A facilitator guide with the 2-hour session plan blocks from CONTENT.md."""
    return textwrap.dedent(
        f"""\
        # Facilitator guide: {manifest.title}

        {programme_title}, unit {manifest.position} (`{manifest.id}`). One session of two hours.
        Learners work the notebook before the session (about {manifest.estimated_minutes} minutes).

        ## Before the session

        - Work through the notebook yourself, including the exercise and the reflection.
        - Read the learners' reflections from the formgrader and note two or three
          threads to bring into the discussion (without naming anyone).

        ## Session plan

        | time | block | what happens |
        |---|---|---|
        | 0:00–0:15 | Opening check-in | Each person: one sentence on how they arrive today, and one thing from the notebook that stayed with them. |
        | 0:15–1:05 | Discussion | The discussion questions below, in pairs first, then all together. |
        | 1:05–1:45 | Exercise debrief | Go through the exercise together: what did people try, where did they get stuck, what does the result say? |
        | 1:45–2:00 | Closing | What do we take into our organising this week? Name the next unit and its reading. |

        ## Discussion questions

        1. *{writer_note("a question that links the unit to learners' own organising.")}*
        2. *{writer_note("a question where the tradition disagrees with itself; present the positions fairly.")}*

        ## Common confusions

        - *{writer_note("what learners often misread, and a plain way to untangle it.")}*

        ## Commenting on reflections

        - Look for: the learner connecting the idea to a concrete situation they know.
        - Comment on one strength and ask one question that takes the thought further.
        - Reflections are political writing and stay within the circle.
        """
    )


def _insert_into_programme(path: Path, unit_id: str, position: int) -> None:
    """Insert ``- unit_id`` into the programme's block-style ``units:`` list at
    ``position`` (1-based), keeping the file's comments and layout."""
    text = path.read_text(encoding="utf-8")
    doc = parse_yaml(text, path)
    data = doc.data or {}
    if data.get("modules"):
        _insert_into_module(path, text, doc, unit_id, position)
        return
    units = data.get("units") or []
    lines = text.splitlines(keepends=True)
    node = next((v for k, v in doc.node.value if k.value == "units"), None) if doc.node else None
    if node is None or not isinstance(node, yaml.SequenceNode) or node.flow_style or not units:
        # No list yet (or a flow list): rewrite just the units key.
        new_units = [u.get("id") if isinstance(u, dict) and set(u) == {"id"} else u for u in units]
        new_units.insert(position - 1, unit_id)
        block = yaml.safe_dump({"units": new_units}, sort_keys=False, allow_unicode=True, default_flow_style=False)
        if node is None:
            text = text.rstrip("\n") + "\n" + block
        else:
            key_line = next(k for k, v in doc.node.value if k.value == "units").start_mark.line
            end = node.end_mark.line + (1 if node.end_mark.column else 0)
            lines[key_line:end] = [block]
            text = "".join(lines)
        path.write_text(text, encoding="utf-8")
        return
    _insert_item(path, lines, node.value, position - 1, unit_id)


def _insert_item(path: Path, lines: list[str], items: list, at_item: int, unit_id: str) -> None:
    """Write ``- unit_id`` into a block list whose YAML nodes are ``items``, before item
    ``at_item`` (after the last one when it is past the end), in the list's own indent,
    keeping every other line of the file as it was."""
    indent = " " * max(items[0].start_mark.column - 2, 0)
    if at_item < len(items):
        at = items[at_item].start_mark.line
    else:
        last = items[-1]
        at = last.end_mark.line + (1 if last.end_mark.column else 0)
        # skip trailing blank or comment lines that belong to the next key
        while at > 0 and lines[at - 1].strip() == "":
            at -= 1
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(at, f"{indent}- {unit_id}\n")
    path.write_text("".join(lines), encoding="utf-8")


def _mapping_value(node: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if k.value == key), None)


def _insert_into_module(path: Path, text: str, doc, unit_id: str, position: int) -> None:
    """Insert ``- unit_id`` into the module that holds the unit now at ``position``
    (at the end of the last module when ``position`` is past the end), keeping the
    file's comments and layout."""
    modules = _mapping_value(doc.node, "modules")
    sequences = [_mapping_value(m, "units") for m in modules.value]
    if not all(isinstance(q, yaml.SequenceNode) and not q.flow_style and q.value for q in sequences):
        raise CurriculumError(f"{path}: write every module's `units` as a block list (one `- id` per line) "
                              "so that `unit new` can add to it, or add the unit by hand")
    before = position - 1  # units before the new one, across modules
    for sequence in sequences:
        if before < len(sequence.value):
            at_item, items = before, sequence.value
            break
        before -= len(sequence.value)
    else:
        items, at_item = sequences[-1].value, len(sequences[-1].value)
    _insert_item(path, text.splitlines(keepends=True), items, at_item, unit_id)


def _shift_positions(units: list[Unit], from_position: int) -> None:
    """Units at or after ``from_position`` move down one place (their manifests say so)."""
    for unit in units:
        if unit.position >= from_position:
            text = unit.manifest_path.read_text(encoding="utf-8")
            new = re.sub(r"(?m)^position:\s*\d+\s*$", f"position: {unit.position + 1}", text, count=1)
            unit.manifest_path.write_text(new, encoding="utf-8")


def new_unit(
    programme: str,
    unit_id: str,
    *,
    title: str,
    position: int | None = None,
    root: Path = DEFAULT_ROOT,
    summary: str | None = None,
    notebook_name: str | None = None,
) -> Path:
    """Create ``root/<programme>/<unit_id>/`` with a manifest, a facilitator guide
    and a starter notebook, and add the unit to the programme's list (at the end,
    or at ``position``, moving later units down). Returns the unit folder.

    Refuses (:class:`CurriculumError`) if the id is invalid or already used, the
    programme does not exist or its manifest is broken, or the folder exists.
    """
    root = Path(root).resolve()
    if not is_unit_id(unit_id):
        raise CurriculumError(f"'{unit_id}' is not a valid unit id — use 2–63 lower-case letters, digits and hyphens, starting with a letter or digit")
    prog_folder = root / programme
    prog_manifest = prog_folder / PROGRAMME_MANIFEST_NAME
    if not prog_manifest.is_file():
        known = ", ".join(sorted(p.parent.name for p in root.glob(f"*/{PROGRAMME_MANIFEST_NAME}"))) or "none"
        raise CurriculumError(f"no programme '{programme}' under {root} (programmes: {known}) — check the name")
    folder = prog_folder / unit_id
    if folder.exists():
        raise CurriculumError(f"{folder} already exists — choose another id; `unit new` never overwrites a unit")
    scan = scan_curriculum(root)
    if unit_id in scan.curriculum.units:
        raise CurriculumError(f"unit id '{unit_id}' is already used by {scan.curriculum.units[unit_id].folder} — ids are unique across the curriculum")
    prog = scan.curriculum.programmes.get(programme)
    if prog is None:
        own = [p.format() for p in scan.problems if p.file == prog_manifest]
        raise CurriculumError(f"{prog_manifest} cannot be read — fix it first:\n" + "\n".join(own))
    count = len(prog.manifest.entries)
    listed = unit_id in prog.manifest.unit_ids  # the programme names it already: write its folder
    if listed:
        at = prog.manifest.unit_ids.index(unit_id) + 1
        if position not in (None, at):
            raise CurriculumError(f"'{unit_id}' is number {at} in {prog_manifest} — leave out --position, or move it in that list first")
        position = at
    if position is None:
        position = count + 1
    if not 1 <= position <= count + 1:
        raise CurriculumError(f"--position must be between 1 and {count + 1} for programme '{programme}' (it has {count} units)")

    nb_name = notebook_name or f"{unit_id}.ipynb"
    try:
        manifest = _manifest(unit_id, title, programme, position, summary, nb_name)
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise CurriculumError(f"cannot make a manifest from these values ({details}) — see docs/unit-format.md") from None

    if not listed:
        try:
            _insert_into_programme(prog_manifest, unit_id, position)
        except YamlSyntaxError as exc:  # scanned fine above, so only a race could get here
            raise CurriculumError(str(exc)) from exc
        _shift_positions(list(prog.units), position)

    folder.mkdir(parents=True)
    data = manifest.model_dump(mode="json")
    (folder / MANIFEST_NAME).write_text(manifest_text(data), encoding="utf-8")
    (folder / GUIDE_NAME).write_text(guide_skeleton(manifest, prog.manifest.title), encoding="utf-8")
    nbformat.write(scaffold_notebook(title), folder / nb_name)
    return folder


#: Notes above the fields whose values the scaffold can only guess.
_CHOOSE = {
    "benchmarks": "choose the benchmarks this unit develops from the five in docs/unit-format.md, then delete this note.",
    "capacities": "choose the capacities this unit develops from the four in docs/unit-format.md, then delete this note.",
}


def manifest_text(data: dict, *, notes: bool = True) -> str:
    """The unit.yaml a new unit starts with: the fields, and a placeholder comment above
    each choice only the writer can make."""
    text = "# Unit manifest: see docs/unit-format.md for every field.\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    if notes:
        for key, note in _CHOOSE.items():
            text = re.sub(rf"(?m)^{key}:", f"# {writer_note(note)}\n{key}:", text, count=1)
    return text


def _manifest(unit_id: str, title: str, programme: str, position: int, summary: str | None, nb_name: str) -> UnitManifest:
    return UnitManifest(
        id=unit_id,
        title=title,
        programme=programme,
        position=position,
        summary=summary or writer_note("one or two sentences on what the unit is about, shown to learners in their list of units."),
        estimated_minutes=SCAFFOLD_MINUTES,
        learning_goals=[writer_note("what a learner can do after the unit, one sentence starting with a verb; add one line per goal.")],
        benchmarks=["dialectical-materialism"],
        capacities=["ideological"],
        readings=[],
        notebooks=[nb_name],
        languages=["en"],
    )
