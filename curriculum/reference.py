"""Generate ``docs/unit-format.md`` from the manifest models.

    python -m curriculum.reference            # print it
    python -m curriculum.reference --write    # write docs/unit-format.md
    redschool unit docs                       # write it and readings/index.md

A unit test fails when the committed file differs from what this produces, so
the reference cannot drift from the code (as JupyterHub does for its config docs).
"""

from __future__ import annotations

import argparse
import datetime
import enum
import json
import sys
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from curriculum.load import DEFAULT_ROOT, readings_root_for
from curriculum.rules import SUBMIT_PLACES, SUBMIT_TEXT, TIME_SLACK_MINUTES
from curriculum.models import (
    GUIDE_NAME,
    MANIFEST_NAME,
    PROGRAMME_MANIFEST_NAME,
    BENCHMARK_TITLES,
    Benchmark,
    Capacity,
    ProgrammeEntry,
    ProgrammeManifest,
    ProgrammeModule,
    ReadingFrontMatter,
    UnitManifest,
    UnitTranslation,
)

REPO = DEFAULT_ROOT.parent
DOC_PATH = REPO / "docs" / "unit-format.md"


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return f"one of: {', '.join(f'`{m.value}`' for m in annotation)}"
        if issubclass(annotation, BaseModel):
            return f"{annotation.__name__} (below)"
        return {str: "text", int: "whole number", float: "number", bool: "true/false", datetime.date: "date (YYYY-MM-DD)"}.get(
            annotation, annotation.__name__
        )
    return str(annotation)


def _example(value: object) -> str:
    return "`" + json.dumps(value, ensure_ascii=False, default=str) + "`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def model_table(model: type[BaseModel]) -> str:
    rows = ["| field | type | required | description | example |", "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        kind = _type_name(info.annotation)
        if name == "units" and model in (ProgrammeManifest, ProgrammeModule):
            kind = "list of unit id, or ProgrammeEntry (below)"
        required = "yes" if info.is_required() else "no"
        example = _example(info.examples[0]) if info.examples else ""
        rows.append(f"| `{name}` | {_cell(kind)} | {required} | {_cell(info.description or '')} | {_cell(example)} |")
    return "\n".join(rows)


def example_manifest() -> str:
    data = {name: info.examples[0] for name, info in UnitManifest.model_fields.items() if info.examples}
    UnitManifest.model_validate(data)  # the documented example must be valid
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def example_programme() -> str:
    data = {
        "title": "Membership Bootcamp",
        "description": "Six weekly sessions, studied in circles, that every new member starts with.",
        "units": ["bootcamp-01-where-we-stand", {"id": "bootcamp-02-points-of-unity", "opens": datetime.date(2026, 2, 9)}],
    }
    ProgrammeManifest.model_validate(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def example_programme_with_modules() -> str:
    data = {
        "title": "Little Red School",
        "description": "A year of study in small circles of the tools Marxists use to analyse the world.",
        "modules": [
            {
                "id": "political-economy",
                "title": "Political economy",
                "purpose": "How capitalism produces and shares out surplus value, and why it runs into crises.",
                "units": [
                    {"id": "lrs-pe-01-commodity-and-value", "opens": datetime.date(2027, 1, 11)},
                    {"id": "lrs-pe-02-surplus-value-and-exploitation", "opens": datetime.date(2027, 1, 25)},
                ],
            },
            {
                "id": "dialectical-materialism",
                "title": "Dialectical materialism",
                "purpose": "Reading organising situations as contradictions that change through struggle.",
                "units": [{"id": "lrs-dm-01-contradiction-and-change", "opens": datetime.date(2027, 3, 8)}],
            },
        ],
    }
    ProgrammeManifest.model_validate(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def example_reading() -> str:
    data = {name: info.examples[0] for name, info in ReadingFrontMatter.model_fields.items() if info.examples}
    ReadingFrontMatter.model_validate(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def render() -> str:
    from curriculum.check import KINDS
    from curriculum.rules import GUIDE_SECTIONS
    from curriculum.readings import REQUIRED_SECTIONS

    benchmarks = "\n".join(f"| `{b.value}` | {BENCHMARK_TITLES[b]} |" for b in Benchmark)
    capacities = "\n".join(f"| `{c.value}` | {c.title} |" for c in Capacity)
    kinds = "\n".join(f"| `{k}` | {v} |" for k, v in KINDS.items())
    return f"""# The unit format

<!-- Generated from curriculum/models.py by `python -m curriculum.reference --write`
     (or `redschool unit docs`). Do not edit by hand: a test fails when it drifts. -->

A unit is a folder of files that the curriculum team writes and reviews like code.
`redschool unit new PROGRAMME UNIT_ID --title ...` makes one that is complete but for
the writer's own words: each is a `(Writer: …)` note, and `redschool check` lists every
note left until it is written. `redschool preview UNIT_ID` shows a unit as learners will get it.

```
curriculum/
  <programme>/{PROGRAMME_MANIFEST_NAME}        the programme: title, description, units in order (flat or in modules)
  <programme>/<unit-id>/{MANIFEST_NAME}        the unit manifest
  <programme>/<unit-id>/*.ipynb          source notebooks, with nbgrader metadata, no outputs
  <programme>/<unit-id>/{GUIDE_NAME}   the facilitator guide
  <programme>/<unit-id>/<data files>     copied into the assignment with the notebooks
readings/<slug>.md                       reading guides (front matter + summary + questions)
readings/index.md                        generated list of the guides
```

The programme's id is its folder name; a unit's id is its folder name and the
nbgrader assignment name, so it matches `^[a-z0-9][a-z0-9-]{{1,62}}$`.

## Programme manifest (`{PROGRAMME_MANIFEST_NAME}`)

{model_table(ProgrammeManifest)}

A programme lists its units in one of two ways: flat, under `units` (the
Bootcamp does), or grouped into named modules, under `modules` (the Little Red
School does). Either way a unit's `position` is its place in the whole programme
(1..N, through the modules one after the other), so the order of releases and of
the learners' *My units* page is the teaching order. Opening dates may not go
back in teaching order.

### ProgrammeModule

{model_table(ProgrammeModule)}

### ProgrammeEntry

{model_table(ProgrammeEntry)}

Example, flat:

```yaml
{example_programme().rstrip()}
```

Example, in modules:

```yaml
{example_programme_with_modules().rstrip()}
```

## Unit manifest (`{MANIFEST_NAME}`)

Unknown fields are errors, so a misspelt field never goes unnoticed.

{model_table(UnitManifest)}

Example:

```yaml
{example_manifest().rstrip()}
```

### UnitTranslation

{model_table(UnitTranslation)}

## Translations

A unit may be studied in more than one language. Each circle studies in one
(`circle_language` in the roster, default `en`): the facilitator reads and comments
in it and the circle argues together in it. Releasing a unit to a circle releases
the circle's language version under the same assignment and notebook names, so
fetching, submitting, the review desk, feedback and progress are the same in every
language. A unit without the circle's language is refused for that circle, with a
message saying so; the other circles still get it.

To add a translation, say into Spanish (`es`):

1. add the code to `languages` after the original (`languages: [en, es]`) and the
   translated title and summary under `translations` (`translations: {{es: {{title: ..., summary: ...}}}}`);
2. copy every notebook and worksheet `X.ipynb` to `X.es.ipynb` beside it, and translate
   the words in place: Markdown cells, comments, and the strings a learner reads
   (check messages, chart titles, printed text). Keep every cell, in its order, with its
   id, cell type and nbgrader metadata; keep the code, the solution and the hidden tests.
   Strings that name data stay as they are: column names (`table["pay_index"]`), variable
   names in checks (`"answer" in globals()`);
3. write `facilitator-guide.es.md` with a `## ` heading for each section of the original
   guide (the headings translated);
4. run `redschool check` on the unit. It refuses a translation whose cells, ids, kinds,
   grade ids, points, code or hidden tests differ from the original, naming the file,
   the cell (id and number) and what differs, and a missing translated notebook,
   worksheet or guide. It then runs each language's solution and student versions as
   it runs the original's;
5. read it as a Spanish circle will: `redschool preview UNIT_ID --language es`.

Where a notebook calls into `exercises/` for words of its own (a chart's title, an
explorer's sentences), the original passes `language="en"` and the translation
`language="es"` (e.g. `charts.productivity_pay_chart(language="es")`): a string, so the
cells stay the same code. The same holds for a chart's axes, whose default titles come
from the data's (English) units: name them in both notebooks, e.g. `x_title="Year"` in
the original and `x_title="Año"` in the translation.

A check cell's first line is `# Checks your answer: …`; in a Spanish notebook it is
`# Comprueba tu respuesta: …`. Both are how the workspace knows a check (it then says
"Bien" under a passing one, and only the hint under a failing one) and how review pages
shorten a failed check to its hint.

Reading guides are not translated yet: a translated unit's card links the original
reading guides.

### The five cadrefication benchmarks

| value | benchmark |
|---|---|
{benchmarks}

### The four capacities

| value | capacity |
|---|---|
{capacities}

## Notebook cells

Every cell carries nbgrader metadata (schema 3) and an id; the grade id is the
cell id. Source notebooks are committed without outputs or execution counts
(`nbstripout` keeps the nbgrader metadata).

| kind | cell type | `solution` | `grade` | `locked` | `points` | in the student version |
|---|---|---|---|---|---|---|
| read-only (instructions, context, provenance, worked examples, data) | Markdown or code | false | false | true | — | restored by nbgrader if edited |
| exercise (answer) | code | true | false | false | — | lines between `### BEGIN SOLUTION` and `### END SOLUTION` removed |
| autograded test | code | false | true | true | 1 or more | lines between `### BEGIN HIDDEN TESTS` and `### END HIDDEN TESTS` removed |
| reflection (answer) | Markdown | true | true | false | 1 ("reviewed by the facilitator") | replaced by a prompt to write |
| code answer (nbgrader's manually graded answer in code) | code | true | true | false | 1 or more | solution removed (the whole cell, or the solution region); the facilitator reads the learner's code and its output, e.g. their own chart |
| task (nbgrader's manually graded task) | Markdown | false | false | true, and `task: true` | 1 or more | kept; the learner answers in cells they add under it, which the facilitator reads and scores as a whole |

`redschool unit import PATH...` brings existing notebooks in, plain Jupyter or nbgrader
source notebooks: each nbgrader cell keeps its kind, plain cells are locked read-only,
cells get ids and the notebook the Python 3 kernel; it adds a closing reflection when there
is none and a cell saying how to submit. It writes the unit only if the check's static rules
pass, and otherwise lists, per cell, what it could not convert and why.

An exercise puts the placeholder line above the solution region, so learners
see a blank to fill rather than an error:

```python
# Replace the three dots with your calculation, then press Shift-Enter.
hours_left_over = ...
### BEGIN SOLUTION
hours_left_over = hours_worked - hours_to_cover_wage
### END SOLUTION
```

Its test cell follows it and checks step by step, each assertion with a message
a non-programmer understands: the answer exists → it changed from the
placeholder → a common mistake, with a hint → (hidden) the exact value. The
visible checks must fail on the blank: `redschool check` runs nbgrader's
validator on the student version and fails any test that already passes.

```python
assert "hours_left_over" in globals(), "Run the cell above first: click in it and press Shift-Enter."
assert hours_left_over is not ..., "Replace the three dots ... in the cell above with your calculation."
assert hours_left_over != hours_worked + hours_to_cover_wage, "You added the hours: subtract."
### BEGIN HIDDEN TESTS
assert hours_left_over == 5, "Not quite: take the hours that cover the wage away from the hours worked."
### END HIDDEN TESTS
```

Every unit has at least one reflection. No cell may reach the network: not by
importing a network module, running `pip`/`curl`, naming a remote address, or
embedding a remote image.

A Markdown cell tells learners how to hand their work in: it says to submit, and
where ({" or ".join(f"**{p}**" for p in SUBMIT_PLACES)}), e.g. *{SUBMIT_TEXT}*

The first Markdown cell of each notebook may say how long the notebook takes,
"about 50 minutes" (or "about an hour", "about 2 hours"). Where every notebook says so,
`estimated_minutes` must be near those times plus the reading guides' `minutes`: it
may be off by {TIME_SLACK_MINUTES} minutes or a tenth, whichever is more, which absorbs
rounding each figure to 5 or 10 minutes (or long units to half-hours); more would mislead
a learner who plans their week by it.

## Facilitator guide (`{GUIDE_NAME}`)

Markdown, with these sections (`## ` headings): {", ".join(f"**{s}**" for s in GUIDE_SECTIONS)}.
The session plan is two hours in time blocks: opening check-in, discussion,
exercise debrief, closing.

## Reading guides (`readings/<slug>.md`)

YAML front matter between `---` lines, then the sections {", ".join(f"**{s}**" for s in REQUIRED_SECTIONS)}.
Give bibliographic facts only where certain; never invent page numbers,
quotations or links.

{model_table(ReadingFrontMatter)}

Example front matter:

```yaml
{example_reading().rstrip()}
```

## What `redschool check` reports

One line per problem, `<file>[:line][:cell <id>]: <what is wrong> — <what to do>`,
exit status 1 if there is any. The problem kinds:

| kind | meaning |
|---|---|
{kinds}
"""


def write_generated(*, check_only: bool = False) -> list[Path]:
    """Regenerate docs/unit-format.md and readings/index.md. Returns the files
    that were out of date (and, unless ``check_only``, have been rewritten)."""
    from curriculum.readings import INDEX_NAME, index_text

    wanted = {DOC_PATH: render(), readings_root_for(DEFAULT_ROOT) / INDEX_NAME: index_text()}
    stale = []
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(path)
            if not check_only:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curriculum.reference", description="Print (or --write) docs/unit-format.md.")
    parser.add_argument("--write", action="store_true", help="write docs/unit-format.md instead of printing it")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOC_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {DOC_PATH}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
