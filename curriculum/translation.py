"""Translation parity: a translated notebook is the original with its words in another language.

A unit written in English may carry Spanish (or any other) versions of its notebooks,
worksheets and facilitator guide, beside the originals: ``X.ipynb`` and ``X.es.ipynb``.
The translation is released under the original's name to circles that study in its
language, and graded by the same gradebook, so it must be the *same assignment*:

- the same cells in the same order, with the same ids and cell types;
- the same nbgrader kind, grade id and points in every cell;
- the same code in every code cell, and the same solution and hidden-test regions,
  except for comments and for the strings a learner reads (messages, titles, printed
  text). Strings that name data (``table["pay_index"]``, ``"answer" in globals()``)
  are code and must stay as they are.

Markdown is the translator's to write. Whatever the masking lets through (a translated
column name in a keyword argument, say) the execution stage still catches: the check
runs every language's solution and student versions as it runs the original's.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

from curriculum import cells as C
from curriculum.errors import Problem
from curriculum.load import Unit
from core.languages import language_name
from curriculum.models import GUIDE_NAME, translated_name
from curriculum.rules import cell_label, notebook_static_problems, read_notebook_json
from curriculum.placeholders import placeholder_problems

SEE = "see docs/unit-format.md, 'Translations'"
_MARKERS = (C.BEGIN_SOLUTION, C.END_SOLUTION, C.BEGIN_HIDDEN, C.END_HIDDEN)
_HEADING = re.compile(r"^##\s+\S", re.M)


def translation_files(unit: Unit, language: str) -> list[str]:
    """Every file a translation into ``language`` consists of, by name in the unit folder."""
    names = list(unit.manifest.notebooks) + list(unit.manifest.worksheets) + [GUIDE_NAME]
    return [translated_name(name, language) for name in names]


# --- code with the words taken out ----------------------------------------------


class _MaskWords(ast.NodeTransformer):
    """Replace every string a learner reads by one placeholder; keep strings that are code
    (subscripts such as ``table["pay_index"]`` and ``"name" in globals()``)."""

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        node.value = self.visit(node.value)
        return node  # the slice keeps its strings: they name columns and keys

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        if isinstance(node.left, ast.Constant) and all(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            node.comparators = [self.visit(c) for c in node.comparators]
            return node  # `"answer" in globals()`: the name is code
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant("…") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        # An f-string's words may change; the values it shows may not (their order may: word order).
        shown = sorted(ast.dump(self.visit(v.value)) for v in node.values if isinstance(v, ast.FormattedValue))
        return ast.Constant("… " + " ".join(shown))


def _statements(code: str) -> list[tuple[int, str]]:
    """The code's statements as (line, shape), words masked and comments dropped."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return _token_lines(code)
    out = []
    for stmt in tree.body:
        masked = _MaskWords().visit(stmt)
        out.append((stmt.lineno, ast.dump(masked, include_attributes=False)))
    return out


def _token_lines(code: str) -> list[tuple[int, str]]:
    """For code Python cannot parse (IPython magics): tokens per line, comments dropped,
    every string masked."""
    lines: dict[int, list[str]] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                continue
            lines.setdefault(tok.start[0], []).append("…" if tok.type == tokenize.STRING else tok.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [(n, line.strip()) for n, line in enumerate(code.splitlines(), 1) if line.strip() and not line.strip().startswith("#")]
    return [(n, " ".join(parts)) for n, parts in sorted(lines.items())]


def _regions(code: str) -> list[tuple[str, int, str]]:
    """The cell split at nbgrader's markers: (marker that opens the region or "", first line, text)."""
    regions: list[tuple[str, int, list[str]]] = [("", 1, [])]
    for number, line in enumerate(code.splitlines(), start=1):
        marker = next((m for m in _MARKERS if line.strip() == m), None)
        if marker is not None:
            regions.append((marker, number + 1, []))
        else:
            regions[-1][2].append(line)
    return [(marker, first, "\n".join(lines)) for marker, first, lines in regions]


def _code_difference(original: str, translation: str) -> str | None:
    """What differs between two code cells once the words are set aside, or None."""
    ours, theirs = _regions(original), _regions(translation)
    if [m for m, _, _ in ours] != [m for m, _, _ in theirs]:
        return "its solution or hidden-test markers are not the original's"
    for (marker, _, a), (_, first, b) in zip(ours, theirs):
        sa, sb = _statements(a), _statements(b)
        if [s for _, s in sa] == [s for _, s in sb]:
            continue
        where = "its hidden tests differ" if marker == C.BEGIN_HIDDEN else (
            "its solution differs" if marker == C.BEGIN_SOLUTION else "its code differs")
        for index in range(max(len(sa), len(sb))):
            if index >= len(sb):
                return f"{where} from the original's: the original has more statements (line {first + sa[index][0] - 1} of the original has none here)"
            if index >= len(sa) or sa[index][1] != sb[index][1]:
                line = first + sb[index][0] - 1
                shown = translation.splitlines()[line - 1].strip() if line - 1 < len(translation.splitlines()) else ""
                return f"{where} from the original's at line {line} (`{shown[:80]}`)"
    return None


# --- notebooks ------------------------------------------------------------------


def _grading(cell: dict) -> tuple:
    meta = C.nbgrader_meta(cell) or {}
    return (C.classify(cell).value, meta.get("grade_id"), meta.get("points"))


def notebook_parity_problems(original: Path, original_data: dict, path: Path, data: dict) -> list[Problem]:
    """Every way the translated notebook ``path`` is not the same assignment as ``original``."""
    problems = []
    todo_cells = f"keep {original.name}'s cells, in its order, with their ids: copy it to {path.name} and translate the words in place"
    ocells, tcells = original_data["cells"], data["cells"]
    for index in range(max(len(ocells), len(tcells))):
        if index >= len(tcells):
            oid = cell_label(ocells[index], index)
            problems.append(Problem(path, None, f"#{index + 1}", "translation",
                                    f"cell {index + 1} ('{oid}' in {original.name}) is missing: the translation has {len(tcells)} cells, the original {len(ocells)}",
                                    todo_cells))
            break
        tcell, label = tcells[index], cell_label(tcells[index], index)
        where = f"cell {index + 1}"
        P = lambda what, todo=todo_cells: problems.append(Problem(path, None, label, "translation", what, todo))  # noqa: E731
        if index >= len(ocells):
            P(f"{where} is not in {original.name}: the translation has {len(tcells)} cells, the original {len(ocells)}")
            break
        ocell = ocells[index]
        if tcell.get("id") != ocell.get("id"):
            oid, tid = ocell.get("id"), tcell.get("id")
            tids, oids = [c.get("id") for c in tcells], [c.get("id") for c in ocells]
            if oid not in tids:
                P(f"{where} should be '{oid}', as in {original.name}, which the translation lacks (here is '{tid}')")
            elif tid not in oids:
                P(f"{where} has id '{tid}', which {original.name} has no cell with (there {where} is '{oid}')")
            else:
                P(f"{where} is '{tid}', but in {original.name} {where} is '{oid}': the cells are in another order")
            break  # every later cell would be reported for the same shift
        if tcell.get("cell_type") != ocell.get("cell_type"):
            P(f"{where} is a {tcell.get('cell_type')} cell, in {original.name} a {ocell.get('cell_type')} cell",
              f"make it a {ocell.get('cell_type')} cell, as in the original")
            continue
        ours, theirs = _grading(ocell), _grading(tcell)
        for name, a, b in zip(("kind", "grade id", "points"), ours, theirs):
            if a != b:
                P(f"{where}'s nbgrader {name} is {b!r}, in {original.name} {a!r}",
                  "give it the original's nbgrader metadata (grade id, points and kind are the gradebook's: they must match)")
                break
        else:
            if tcell.get("cell_type") == "code":
                difference = _code_difference(C.source_text(ocell), C.source_text(tcell))
                if difference:
                    P(f"{where}: {difference}",
                      "keep the original's code; translate only comments and the strings a learner reads (messages, titles, printed text)")
    return problems


def guide_parity_problems(original: Path, path: Path) -> list[Problem]:
    ours = len(_HEADING.findall(original.read_text(encoding="utf-8")))
    text = path.read_text(encoding="utf-8")
    theirs = len(_HEADING.findall(text))
    problems = placeholder_problems(path, text)
    if ours != theirs:
        problems.append(Problem(path, None, None, "translation",
                                f"the guide has {theirs} sections (`## ` headings), {original.name} has {ours}",
                                f"translate every section of {original.name}, one `## ` heading for each"))
    return problems


def _line_of_languages(unit: Unit) -> int | None:
    for number, line in enumerate(unit.manifest_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("languages:"):
            return number
    return None


def translation_problems(unit: Unit, notebooks: dict[Path, dict]) -> list[Problem]:
    """For each translated language: every file exists, reads, follows the notebook rules and
    matches its original (``notebooks`` holds the originals the check has already read)."""
    problems: list[Problem] = []
    for language in unit.manifest.languages[1:]:
        originals = list(unit.manifest.notebooks) + list(unit.manifest.worksheets) + [GUIDE_NAME]
        for name in originals:
            original = unit.folder / name
            path = unit.folder / translated_name(name, language)
            if not original.is_file():
                continue  # reported by the manifest check
            if not path.is_file():
                problems.append(Problem(unit.manifest_path, _line_of_languages(unit), None, "missing-translation",
                                        f"`languages` lists {language} but there is no {path.name} (the {language_name(language)} {name})",
                                        f"translate {name} into {path.name} beside it, or take {language} out of `languages` ({SEE})"))
                continue
            if name == GUIDE_NAME:
                problems += guide_parity_problems(original, path)
                continue
            data, found = read_notebook_json(path)
            problems += found
            original_data = notebooks.get(original)
            if original_data is None:
                original_data, _ = read_notebook_json(original)
            if data is None or original_data is None:
                continue
            if name in unit.manifest.notebooks:
                problems += notebook_static_problems(path, data)
            problems += notebook_parity_problems(original, original_data, path, data)
    return problems
