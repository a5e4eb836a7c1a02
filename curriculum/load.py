"""Loading the curriculum from its folders.

``scan_curriculum()`` is lenient: it loads what it can and returns a list of
:class:`~curriculum.errors.Problem` for the rest (the check uses it).
``load_curriculum()`` and ``find_unit()`` are strict: they raise
:class:`~curriculum.errors.CurriculumError` naming every problem (the release
step and the other commands use them).

Layout::

    curriculum/                     the root (this package's folder by default)
      <programme>/programme.yaml    title, description, ordered unit list (flat, or in modules)
      <programme>/<unit-id>/unit.yaml, *.ipynb, facilitator-guide.md, data files
    readings/<slug>.md              reading guides, beside the root
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from curriculum.cells import worksheet_sections
from curriculum.errors import CurriculumError, Problem
from curriculum.models import (
    GUIDE_NAME,
    MANIFEST_NAME,
    PROGRAMME_MANIFEST_NAME,
    Benchmark,
    Capacity,
    ProgrammeManifest,
    ProgrammeModule,
    UnitManifest,
    is_unit_id,
)
from curriculum.yamlio import YamlDocument, YamlSyntaxError, read_yaml

#: The shipped curriculum: the content folders sit beside this code.
DEFAULT_ROOT = Path(__file__).resolve().parent
#: Where the check finds reading guides for a curriculum root: its sibling `readings/`.
READINGS_DIRNAME = "readings"
FORMAT_DOC = "docs/unit-format.md"


#: The environment variable core/settings.py also reads (REDSCHOOL_CURRICULUM).
ROOT_ENV = "REDSCHOOL_CURRICULUM"


def default_root() -> Path:
    """The curriculum the commands work on: ``$REDSCHOOL_CURRICULUM`` if set (as
    for the release), else the project's own ``curriculum/``."""
    return Path(os.environ.get(ROOT_ENV) or DEFAULT_ROOT)


def readings_root_for(root: Path) -> Path:
    return Path(root).resolve().parent / READINGS_DIRNAME


@dataclass(frozen=True)
class Unit:
    """A unit whose manifest is valid: the manifest plus where it lives."""

    manifest: UnitManifest
    folder: Path

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def title(self) -> str:
        return self.manifest.title

    @property
    def programme(self) -> str:
        return self.manifest.programme

    @property
    def position(self) -> int:
        return self.manifest.position

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST_NAME

    @property
    def guide_path(self) -> Path:
        return self.folder / GUIDE_NAME

    @property
    def notebook_paths(self) -> list[Path]:
        return [self.folder / name for name in self.manifest.notebooks]


@dataclass(frozen=True)
class Programme:
    """A programme: its manifest, its folder and its units in teaching order."""

    id: str
    manifest: ProgrammeManifest
    folder: Path
    units: tuple[Unit, ...] = ()

    @property
    def title(self) -> str:
        return self.manifest.title

    @property
    def manifest_path(self) -> Path:
        return self.folder / PROGRAMME_MANIFEST_NAME


@dataclass(frozen=True)
class Curriculum:
    """Every programme under a root, and the reading guides beside it."""

    root: Path
    readings_root: Path
    programmes: dict[str, Programme] = field(default_factory=dict)

    @property
    def units(self) -> dict[str, Unit]:
        """All units by id, programme by programme in teaching order."""
        return {u.id: u for p in self.programmes.values() for u in p.units}

    def find_unit(self, unit_id: str) -> Unit:
        try:
            return self.units[unit_id]
        except KeyError:
            known = ", ".join(self.units) or "none"
            raise CurriculumError(
                f"no unit '{unit_id}' under {self.root} (units: {known}) — "
                "check the id, or create it with `redschool unit new PROGRAMME UNIT_ID --title ...`"
            ) from None

    def reading_path(self, slug: str) -> Path:
        return self.readings_root / f"{slug}.md"


# --- problems from pydantic ---------------------------------------------------


def _loc_text(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _allowed_for(field_name: str) -> str | None:
    if field_name == "benchmarks":
        return "use one of the five benchmarks: " + ", ".join(b.value for b in Benchmark)
    if field_name == "capacities":
        return "use one of the four capacities: " + ", ".join(c.value for c in Capacity)
    return None


def validation_problems(
    exc: ValidationError, model: type[BaseModel], doc: YamlDocument, path: Path, kind: str
) -> list[Problem]:
    """Turn a pydantic error into problem lines that point at the YAML line."""
    problems = []
    known = ", ".join(model.model_fields)
    for error in exc.errors():
        loc = tuple(error["loc"])
        where = _loc_text(loc) or "the file"
        field_name = next((p for p in loc if isinstance(p, str)), "")
        etype = error["type"]
        value = error.get("input")
        if etype == "missing":
            what, todo = f"`{where}` is missing", f"add `{loc[-1]}:` (see {FORMAT_DOC})"
        elif etype == "extra_forbidden":
            what = f"unknown field `{where}`"
            todo = f"remove it or correct its spelling (fields: {known})"
        elif etype == "enum":
            what = f"`{where}`: {value!r} is not allowed"
            todo = _allowed_for(field_name) or f"see {FORMAT_DOC}"
        elif etype == "string_pattern_mismatch" and field_name in ("id", "programme", "readings"):
            what = f"`{where}`: {value!r} is not a valid id"
            todo = "use 2–63 lower-case letters, digits and hyphens, starting with a letter or digit"
        elif etype in ("model_type", "model_attributes_type", "dict_type") and len(loc) == 0:
            what = "the file does not hold a mapping of fields"
            todo = f"write it as `field: value` lines (see {FORMAT_DOC})"
        else:
            shown = f" (got {value!r})" if value is not None and not isinstance(value, dict) else ""
            what = f"`{where}`: {error['msg']}{shown}"
            todo = f"fix the value (see {FORMAT_DOC} for `{field_name or where}`)"
        problems.append(Problem(path, doc.line_of(loc), None, kind, what, todo))
    return problems


def _read_model(path: Path, model: type[BaseModel], kind: str) -> tuple[BaseModel | None, YamlDocument | None, list[Problem]]:
    try:
        doc = read_yaml(path)
    except YamlSyntaxError as exc:
        return None, None, [Problem(path, exc.line, None, "yaml-syntax", exc.detail,
                                    "fix the YAML at that line (indentation, a missing colon or quote)")]
    try:
        return model.model_validate(doc.data if doc.data is not None else {}), doc, []
    except ValidationError as exc:
        return None, doc, validation_problems(exc, model, doc, path, kind)


# --- scanning -----------------------------------------------------------------


@dataclass
class Scan:
    """What a lenient scan found: the valid part of the curriculum and the problems."""

    curriculum: Curriculum
    problems: list[Problem]
    #: Unit folders whose manifest could not be read, by programme id.
    broken_units: dict[str, list[Path]] = field(default_factory=dict)


def _subfolders(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.is_dir() and not child.name.startswith((".", "_")):
            yield child


def is_curriculum_root(folder: Path) -> bool:
    folder = Path(folder)
    return folder.is_dir() and any((c / PROGRAMME_MANIFEST_NAME).is_file() for c in _subfolders(folder))


def scan_curriculum(root: Path = DEFAULT_ROOT, *, readings_root: Path | None = None) -> Scan:
    """Load every programme and unit under ``root`` that can be loaded, and list
    the problems of the rest (manifest schema and cross-references)."""
    root = Path(root).resolve()
    readings_root = Path(readings_root).resolve() if readings_root else readings_root_for(root)
    problems: list[Problem] = []
    programmes: dict[str, Programme] = {}
    broken: dict[str, list[Path]] = {}
    seen_ids: dict[str, Path] = {}

    for folder in _subfolders(root):
        manifest_path = folder / PROGRAMME_MANIFEST_NAME
        if not manifest_path.is_file():
            continue
        prog_id = folder.name
        if not is_unit_id(prog_id):
            problems.append(Problem(folder, None, None, "programme-field",
                                    f"programme folder name '{prog_id}' is not a valid id",
                                    "rename it with lower-case letters, digits and hyphens"))
        pmanifest, pdoc, pproblems = _read_model(manifest_path, ProgrammeManifest, "programme-field")
        problems += pproblems
        order = pmanifest.unit_ids if pmanifest else None

        units: list[Unit] = []
        unit_folders = [f for f in _subfolders(folder) if (f / MANIFEST_NAME).is_file()]
        for unit_folder in unit_folders:
            path = unit_folder / MANIFEST_NAME
            manifest, doc, uproblems = _read_model(path, UnitManifest, "manifest-field")
            problems += uproblems
            if manifest is None:
                broken.setdefault(prog_id, []).append(unit_folder)
                continue
            problems += _unit_cross_refs(manifest, doc, unit_folder, prog_id, order, readings_root,
                                         "`modules` (one after the other)" if pmanifest and pmanifest.modules else "`units`")
            if manifest.id in seen_ids:
                problems.append(Problem(path, doc.line_of(("id",)), None, "duplicate-id",
                                        f"unit id '{manifest.id}' is already used by {seen_ids[manifest.id].relative_to(root)}",
                                        "unit ids are unique across the curriculum (they name nbgrader "
                                        "assignments): choose another id and rename the folder to match"))
                continue
            seen_ids[manifest.id] = path
            units.append(Unit(manifest, unit_folder))

        if pmanifest is None:
            continue
        folder_names = {f.name for f in unit_folders}
        listed_in = "`modules`" if pmanifest.modules else "`units`"
        for loc, entry in pmanifest.entry_locations():
            if entry.id not in folder_names:
                problems.append(Problem(manifest_path, pdoc.line_of(loc), None, "programme-order",
                                        f"unit '{entry.id}' is listed but there is no folder "
                                        f"{folder.name}/{entry.id}/ with a {MANIFEST_NAME}",
                                        f"create it with `{_unit_new_command(root, prog_id, entry.id)}` "
                                        f"(then write its title and content), or remove it from {listed_in}"))
        for unit_folder in unit_folders:
            if unit_folder.name not in pmanifest.unit_ids:
                where = "the units of one of its `modules`" if pmanifest.modules else "`units`"
                problems.append(Problem(manifest_path, pdoc.line_of(("modules" if pmanifest.modules else "units",)), None,
                                        "programme-order",
                                        f"unit folder '{unit_folder.name}' is not listed in {listed_in}",
                                        f"add its id to {where} where it is taught (or move the folder out of the programme)"))
        rank = {uid: i for i, uid in enumerate(pmanifest.unit_ids)}
        units.sort(key=lambda u: rank.get(u.id, len(rank)))
        programmes[prog_id] = Programme(prog_id, pmanifest, folder, tuple(units))

    return Scan(Curriculum(root, readings_root, programmes), problems, broken)


def _unit_new_command(root: Path, prog_id: str, unit_id: str) -> str:
    """`redschool unit new` for a unit the programme lists, as it can be pasted (see curriculum.advice)."""
    from curriculum.advice import command

    words = ["unit", "new", prog_id, unit_id, "--title", unit_id.replace("-", " ").capitalize()]
    if Path(root).resolve() != Path(default_root()).resolve():
        words += ["--root", Path(root)]
    return command("redschool", *words)


def _unit_cross_refs(
    manifest: UnitManifest, doc: YamlDocument, folder: Path, prog_id: str, order: list[str] | None, readings_root: Path,
    order_name: str = "`units`",
) -> list[Problem]:
    path = folder / MANIFEST_NAME
    problems = []
    if manifest.id != folder.name:
        problems.append(Problem(path, doc.line_of(("id",)), None, "manifest-field",
                                f"id '{manifest.id}' differs from the folder name '{folder.name}'",
                                "make them the same: the id names the folder and the nbgrader assignment"))
    if manifest.programme != prog_id:
        problems.append(Problem(path, doc.line_of(("programme",)), None, "manifest-field",
                                f"programme '{manifest.programme}' differs from the folder it sits in ('{prog_id}')",
                                f"set `programme: {prog_id}`, or move the unit to its programme's folder"))
    if order is not None and manifest.id in order:
        expected = order.index(manifest.id) + 1
        if manifest.position != expected:
            problems.append(Problem(path, doc.line_of(("position",)), None, "position",
                                    f"position is {manifest.position} but the unit is number {expected} "
                                    f"in {prog_id}/{PROGRAMME_MANIFEST_NAME}",
                                    f"set `position: {expected}` (positions run 1..N in the programme's {order_name} order)"))
    for index, slug in enumerate(manifest.readings):
        if not (readings_root / f"{slug}.md").is_file():
            problems.append(Problem(path, doc.line_of(("readings", index)), None, "unknown-reading",
                                    f"reading '{slug}' has no guide {readings_root.name}/{slug}.md",
                                    "correct the slug, or write the reading guide (see docs/unit-format.md, 'Reading guides')"))
    for index, name in enumerate(manifest.notebooks):
        if not (folder / name).is_file():
            problems.append(Problem(path, doc.line_of(("notebooks", index)), None, "missing-notebook",
                                    f"notebook '{name}' is listed but {folder.name}/{name} does not exist",
                                    "correct the file name, or add the notebook to the unit folder"))
    for index, name in enumerate(manifest.worksheets):
        if name in manifest.notebooks:
            problems.append(Problem(path, doc.line_of(("worksheets", index)), None, "worksheet-also-notebook",
                                    f"'{name}' is listed both as a notebook and as a circle worksheet",
                                    "keep it in one list: `notebooks` each learner works alone, `worksheets` the circle works together"))
        elif not (folder / name).is_file():
            problems.append(Problem(path, doc.line_of(("worksheets", index)), None, "missing-worksheet",
                                    f"worksheet '{name}' is listed but {folder.name}/{name} does not exist",
                                    "correct the file name, or add the notebook to the unit folder"))
        elif (worksheet := _notebook_json(folder / name)) is None:
            problems.append(Problem(path, doc.line_of(("worksheets", index)), None, "unreadable-worksheet",
                                    f"worksheet '{name}' is not a notebook (its JSON cannot be read)",
                                    "open it in JupyterLab and save it again, or replace it with a working copy"))
        elif not worksheet_sections(worksheet):
            problems.append(Problem(path, doc.line_of(("worksheets", index)), None, "worksheet-without-sections",
                                    f"worksheet '{name}' has no section for the circle to write in",
                                    "start each part the circle writes in with a `## ` heading in its own Markdown cell; "
                                    "the facilitator comments on each section when the worksheet is collected"))
    for link in symbolic_links(folder):
        # Named by the manifest: the link's own path resolves outside the unit (that is the danger).
        problems.append(Problem(path, None, None, "symbolic-link",
                                f"{link.relative_to(folder.parent)} is a symbolic link",
                                "put the file itself in the unit folder: a release copies what a link points to, "
                                "which could be a file from outside the unit"))
    if not (folder / GUIDE_NAME).is_file():
        problems.append(Problem(path, None, None, "missing-guide", f"the unit has no {GUIDE_NAME}",
                                "write one with the sections Session plan, Discussion questions, Common confusions and Commenting on reflections (see docs/unit-format.md, 'Facilitator guide')"))
    return problems


def symbolic_links(folder: Path) -> list[Path]:
    """Symbolic links anywhere in a unit's folder (never followed into)."""
    found = []
    for top, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            if (Path(top) / name).is_symlink():
                found.append(Path(top) / name)
    return sorted(found)


def _notebook_json(path: Path) -> dict | None:
    """A notebook's JSON, or None when it cannot be read as a notebook."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def module_of(unit: Unit) -> ProgrammeModule | None:
    """The module a unit is taught in, read from its programme's manifest (None for a
    programme without modules, or one whose manifest cannot be read)."""
    path = unit.folder.parent / PROGRAMME_MANIFEST_NAME
    try:
        manifest = ProgrammeManifest.model_validate(read_yaml(path).data or {})
    except (YamlSyntaxError, ValidationError, OSError):
        return None
    return manifest.module_of(unit.id)


def load_curriculum(root: Path = DEFAULT_ROOT, *, readings_root: Path | None = None) -> Curriculum:
    """Load the curriculum under ``root`` strictly.

    Raises :class:`CurriculumError` listing every manifest problem (schema and
    cross-references: ids, positions, notebooks and readings that must exist).
    Notebook contents are not looked at: ``redschool check`` does that.
    """
    root = Path(root)
    if not is_curriculum_root(root):
        raise CurriculumError(f"{root} holds no programme folders (with {PROGRAMME_MANIFEST_NAME}) — pass the curriculum folder")
    scan = scan_curriculum(root, readings_root=readings_root)
    if scan.problems:
        lines = "\n".join(p.format() for p in scan.problems)
        raise CurriculumError(f"the curriculum under {root} has problems (run `redschool check`):\n{lines}")
    return scan.curriculum


def find_unit(unit_id: str, *, root: Path = DEFAULT_ROOT) -> Unit:
    """The unit with id ``unit_id`` under ``root``.

    Only that unit's manifest has to be valid (so a unit in progress can be
    previewed while another unit is broken); use :func:`load_curriculum` to
    insist on a clean curriculum, as a release should.
    """
    root = Path(root)
    if not is_curriculum_root(root):
        raise CurriculumError(f"{root} holds no programme folders (with {PROGRAMME_MANIFEST_NAME}) — pass the curriculum folder")
    scan = scan_curriculum(root)
    unit = scan.curriculum.units.get(unit_id)
    if unit is not None:
        return unit
    own = [p for p in scan.problems if unit_id in p.file.parts]
    if own:
        lines = "\n".join(p.format() for p in own)
        raise CurriculumError(f"unit '{unit_id}' cannot be loaded:\n{lines}")
    return scan.curriculum.find_unit(unit_id)  # raises with the list of known units
