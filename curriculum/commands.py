"""The curriculum's sub-commands of ``redschool``: a thin layer over keyword-only functions.

- ``redschool unit new PROGRAMME UNIT_ID --title ... [--position N]``  → :func:`curriculum.scaffold.new_unit`
- ``redschool unit import PATH... [--id ID --programme P]``           → :func:`curriculum.importer.import_unit`
- ``redschool unit list``                                           → :func:`curriculum.load.load_curriculum`
- ``redschool unit docs [--check]``                                 → :mod:`curriculum.reference`, :mod:`curriculum.readings`
- ``redschool check [PATH...] [--workers N] [--static] [--timeout S]`` → :func:`curriculum.check.check`
- ``redschool preview UNIT_ID [--out DIR] [--execute] [--language CODE]`` → :func:`curriculum.preview.preview_unit`
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curriculum.errors import CurriculumError

USER_ERRORS = (CurriculumError,)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    unit = subparsers.add_parser("unit", help="create and list curriculum units", description="Create and list curriculum units.")
    unit_sub = unit.add_subparsers(dest="unit_command", metavar="UNIT_COMMAND", required=True)

    new = unit_sub.add_parser(
        "new",
        help="scaffold a unit: everything but the writer's own words",
        description="Create curriculum/PROGRAMME/UNIT_ID/ with a manifest, a facilitator guide and a starter notebook "
        "(worked example, autograded exercise, reflection), and add it to the programme's unit list. What only the "
        "writer can say is left as `(Writer: ...)` notes, and `redschool check` lists each until it is written.",
    )
    new.add_argument("programme", metavar="PROGRAMME", help="programme folder name, e.g. bootcamp or little-red-school")
    new.add_argument("unit_id", metavar="UNIT_ID", help="the new unit's id (lower-case letters, digits, hyphens), e.g. bootcamp-02-points-of-unity")
    new.add_argument("--title", required=True, help="the unit's title as learners see it")
    new.add_argument("--position", type=_positive_int, help="place in the programme (default: last); later units move down")
    new.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    new.set_defaults(func=_unit_new)

    imp = unit_sub.add_parser(
        "import",
        help="turn existing notebooks (plain Jupyter or nbgrader) into a unit",
        description="Make a unit from existing notebooks: plain Jupyter notebooks, or nbgrader source notebooks with any "
        "of nbgrader's cell kinds. Writes the unit only if it passes the check's static rules; otherwise prints one line "
        "per cell it could not convert, and writes nothing.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="notebooks, or folders of notebooks, in the order learners work them")
    imp.add_argument("--id", dest="unit_id", default=None, help="the unit's id (default: from the folder or notebook name)")
    imp.add_argument("--programme", default=None, help="programme folder name (needed when there is more than one)")
    imp.add_argument("--title", default=None, help="the unit's title (default: the first notebook's first heading)")
    imp.add_argument("--minutes", type=_positive_int, default=None, help="estimated minutes for the notebooks (default: 60)")
    imp.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    imp.set_defaults(func=_unit_import)

    listing = unit_sub.add_parser("list", help="list programmes and their units in order")
    listing.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    listing.set_defaults(func=_unit_list)

    docs = unit_sub.add_parser(
        "docs",
        help="regenerate docs/unit-format.md and readings/index.md",
        description="Regenerate the unit format reference (from the manifest models) and the reading guide index.",
    )
    docs.add_argument("--check", action="store_true", help="only report whether the files are current (exit 1 if not)")
    docs.set_defaults(func=_unit_docs)

    chk = subparsers.add_parser(
        "check",
        help="check units before release (exit 1 with one line per problem)",
        description="Check units, programmes or the whole curriculum: manifests and cross-references, nbgrader "
        "metadata, outputs, network use; then run each unit's solution version (every test passes) and its "
        "student version (every test fails). Prints `<file>[:cell <id>]: <what is wrong> — <what to do>`.",
    )
    chk.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="unit, programme or curriculum folders (default: the whole curriculum, $REDSCHOOL_CURRICULUM if set)")
    chk.add_argument("--workers", type=_positive_int, default=None, help="units run in parallel (default: the number of cores)")
    chk.add_argument("--static", action="store_true", help="only the fast checks; run no notebooks")
    chk.add_argument("--timeout", type=_positive_int, default=None, help="seconds a single cell may run (default: 60)")
    chk.set_defaults(func=_check)

    preview = subparsers.add_parser(
        "preview",
        help="render a unit's student version and facilitator guide to offline HTML",
        description="Build the unit's student version as nbgrader releases it and render it, with the facilitator "
        "guide, to self-contained HTML pages that load nothing from the network.",
    )
    preview.add_argument("unit_id", metavar="UNIT_ID", help="the unit's id")
    preview.add_argument("--out", type=Path, default=None, help="output folder (default: preview/UNIT_ID)")
    preview.add_argument("--execute", action="store_true", help="run the student version first, so charts and tables show")
    preview.add_argument("--language", default=None, metavar="CODE",
                         help="preview a translation, e.g. es (default: the unit's original language)")
    preview.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    preview.set_defaults(func=_preview)

    packet = subparsers.add_parser(
        "packet",
        help="a printable offline study packet of a unit: reading guides and student notebook, HTML and PDF",
        description="Render a unit's reading guides and its student version (run first, so charts show) into one "
        "offline HTML file, and print it to PDF with Debian's Chromium, for circles that meet in person.",
    )
    packet.add_argument("unit_id", metavar="UNIT_ID", help="the unit's id")
    packet.add_argument("--out", type=Path, default=Path("packets"), help="output folder (default: packets/)")
    packet.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    packet.set_defaults(func=_packet)


def _root(args: argparse.Namespace) -> dict:
    from curriculum.load import default_root

    return {"root": getattr(args, "root", None) or default_root()}


def _unit_new(args: argparse.Namespace) -> int:
    from curriculum.advice import command
    from curriculum.scaffold import new_unit

    folder = new_unit(args.programme, args.unit_id, title=args.title, position=args.position, **_root(args))
    print(f"created {folder}")
    print(f"next: write the `(Writer: ...)` notes, then `{command('redschool', 'check', folder)}` lists what is left")
    return 0


def _unit_import(args: argparse.Namespace) -> int:
    from curriculum.advice import command
    from curriculum.importer import import_unit

    done = import_unit(args.paths, programme=args.programme, unit_id=args.unit_id, title=args.title, minutes=args.minutes, **_root(args))
    print(f"imported {done.folder}")
    for note in done.notes:
        print(f"  {note}")
    print(f"next: review unit.yaml and the facilitator guide, then `{command('redschool', 'check', done.folder)}`")
    return 0


def _unit_list(args: argparse.Namespace) -> int:
    from curriculum.load import load_curriculum

    curriculum = load_curriculum(**_root(args))
    for programme in curriculum.programmes.values():
        print(f"{programme.id}: {programme.title}")
        opens = {entry.id: entry.opens for entry in programme.manifest.entries}
        module = None
        for unit in programme.units:
            if (now := programme.manifest.module_of(unit.id)) is not module and now is not None:
                module = now
                print(f"  {module.title}: {module.purpose}")
            indent = "    " if module else "  "
            when = f"  (opens {opens[unit.id]})" if opens.get(unit.id) else ""
            print(f"{indent}{unit.position:>2}. {unit.id}: {unit.title}{when}")
    return 0


def _unit_docs(args: argparse.Namespace) -> int:
    from curriculum.reference import write_generated

    stale = write_generated(check_only=args.check)
    if args.check:
        if stale:
            for path in stale:
                print(f"{path}: out of date — run `redschool unit docs` and commit the result", file=sys.stderr)
            return 1
        print("generated docs are current")
        return 0
    for path in stale:
        print(f"wrote {path}")
    if not stale:
        print("generated docs were already current")
    return 0


def _check(args: argparse.Namespace) -> int:
    from curriculum.check import DEFAULT_TIMEOUT, check

    from curriculum.load import default_root

    report = check(args.paths or [default_root()], workers=args.workers, execute=not args.static, timeout=args.timeout or DEFAULT_TIMEOUT)
    for problem in report.problems:
        print(problem.format())
    sys.stdout.flush()  # problems first, then the summary, even when both streams share a terminal
    print(f"redschool check: {report.summary()}", file=sys.stderr if report.problems else sys.stdout)
    return 0 if report.ok else 1


def _preview(args: argparse.Namespace) -> int:
    from curriculum.preview import preview_unit

    pages = preview_unit(args.unit_id, out_dir=args.out, execute=args.execute, language=args.language, **_root(args))
    for page in pages:
        print(page)
    return 0


def _packet(args: argparse.Namespace) -> int:
    from curriculum.packet import build_packet

    for path in build_packet(args.unit_id, out_dir=args.out, pdf=not args.no_pdf, **_root(args)):
        print(path)
    return 0
