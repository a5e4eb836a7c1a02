"""`redschool` sub-commands of the grading room: release, collect, autograde, feedback, report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .errors import GradingError

USER_ERRORS = (GradingError,)


def unit_id(value: str) -> str:
    """A unit argument, checked before anything is read: it becomes folder names and globs
    in the exchange and courses (`'*'` once made literal `*` folders)."""
    import argparse

    from curriculum.models import UNIT_ID_PATTERN, is_unit_id

    if not is_unit_id(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a unit id ({UNIT_ID_PATTERN}: lower-case letters, digits and '-'), "
            "e.g. lrs-pe-01-commodity-and-value; name one unit at a time"
        )
    return value


def _porcelain(parser) -> None:
    # git's word for output that stays the same for scripts; people read titles and names.
    parser.add_argument(
        "--porcelain",
        action="store_true",
        help="one line per outcome with ids (circle/username, unit id), stable for scripts",
    )


def _names(settings, cohort=None):
    """Titles and roster names for the commands' lines (grading/words.py)."""
    from core.cohort import load_roster

    from .words import Names

    return Names.of(settings, cohort or load_roster(settings.roster))


def add_commands(subparsers) -> None:
    release = subparsers.add_parser(
        "release",
        help="release a unit to circles (or every unit that is due today)",
        description="Build a unit with nbgrader and release it to circles' courses. "
        "Releasing an unchanged unit again changes nothing.",
    )
    release.add_argument("unit", nargs="?", type=unit_id, help="unit id, e.g. lrs-pe-01-commodity-and-value")
    where = release.add_mutually_exclusive_group()
    where.add_argument("--circle", action="append", metavar="C", help="a circle id (repeatable)")
    where.add_argument("--all", action="store_true", help="every circle on the roster")
    release.add_argument("--due", action="store_true", help="release every unit whose `opens` date has come, to every circle")
    release.add_argument("--today", type=dt.date.fromisoformat, default=None, help="pretend today is this date (YYYY-MM-DD)")
    release.add_argument("--force", action="store_true", help="release a changed unit even if learners already fetched it")
    _porcelain(release)
    release.set_defaults(func=run_release)

    collect = subparsers.add_parser("collect", help="collect a unit's submissions into a circle's course")
    collect.add_argument("unit", type=unit_id, help="unit id")
    collect.add_argument("--circle", required=True, metavar="C", help="circle id")
    _porcelain(collect)
    collect.set_defaults(func=run_collect)

    autograde = subparsers.add_parser(
        "autograde",
        help="collect and autograde a unit's submissions (every circle's at once, sharing the cores)",
        description="Collect, then autograde new or resubmitted submissions. Never touches comments or "
        "manual marks; an endless loop is stopped at the time limit and reported.",
    )
    autograde.add_argument("unit", type=unit_id, help="unit id")
    where = autograde.add_mutually_exclusive_group(required=True)
    where.add_argument("--circle", action="append", metavar="C", help="a circle id (repeatable)")
    where.add_argument("--all", action="store_true", help="every circle on the roster")
    autograde.add_argument("--time-limit", type=int, default=120, metavar="SECONDS", help="per notebook (default 120)")
    autograde.add_argument("--workers", type=int, default=None, help="submissions graded at once, at most one per circle (default: cores)")
    _porcelain(autograde)
    autograde.set_defaults(func=run_autograde)

    feedback = subparsers.add_parser(
        "feedback",
        help="return feedback for every fully reviewed submission of a unit",
        description="Generates feedback (comments first) and releases it to learners whose every "
        "reflection has been reviewed; lists the ones still waiting.",
    )
    feedback.add_argument("unit", type=unit_id, help="unit id")
    feedback.add_argument("--circle", required=True, metavar="C", help="circle id")
    _porcelain(feedback)
    feedback.set_defaults(func=run_feedback)

    room = subparsers.add_parser(
        "room",
        help="collect a circle's worksheets from its room for review, or return the comments to the room",
        description="The circle progress page's two buttons for a circle's worksheets, for an admin at the "
        "terminal: `collect` hands the worksheets, as the room holds them now, to the review desk as the "
        "circle's submission; `return` puts the facilitator's comments in the room once every section is read.",
    )
    room.add_argument("action", choices=["collect", "return"])
    room.add_argument("unit", type=unit_id, help="unit id (a unit with circle worksheets)")
    room.add_argument("--circle", required=True, metavar="C", help="circle id")
    room.set_defaults(func=run_room)

    report = subparsers.add_parser(
        "report",
        help="write a circle's monthly report for the coordinating committee (HTML)",
        description="Participation, units completed, reflections reviewed and time to feedback for one "
        "circle and month, with a blank section for the facilitator's own assessment. One HTML file, "
        "offline and printable; learners are named, their reflections and comments never appear.",
    )
    report.add_argument("--circle", required=True, metavar="C", help="circle id")
    report.add_argument("--month", required=True, metavar="YYYY-MM", help="calendar month, local time, e.g. 2026-03")
    report.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="where to write it (default: <data folder>/reports/<circle>-<YYYY-MM>.html)")
    report.set_defaults(func=run_report)


def run_release(args) -> int:
    from curriculum.load import load_curriculum
    from core.cohort import load_roster
    from core.settings import Settings

    from .release import due_units, release_checked

    settings = Settings.from_env()
    cohort = load_roster(settings.roster)
    curriculum = load_curriculum(settings.curriculum)
    if args.due == bool(args.unit):
        raise GradingError("name one UNIT to release, or use --due (not both); see `redschool release --help`")
    if args.due:
        units = due_units(curriculum, args.today or dt.date.today())
        circles = sorted(cohort.circles)
        if not units:
            print("Nothing is due: no unit's `opens` date has come.")
            return 0
    else:
        if not (args.all or args.circle):
            raise GradingError(f"say where to release {args.unit}: --circle C (repeatable) or --all")
        units = [curriculum.find_unit(args.unit)]
        circles = sorted(cohort.circles) if args.all else args.circle
    refused = False
    say = (lambda o: o.line()) if args.porcelain else _names(settings, cohort).released
    for unit in units:
        for outcome in release_checked(unit, settings=settings, cohort=cohort, circles=circles, force=args.force):
            print(say(outcome), file=sys.stderr if outcome.status == "refused" else sys.stdout)
            refused |= outcome.status == "refused"
    return 1 if refused else 0


def _settings_and_circles(circles: list[str] | None, all_circles: bool = False):
    from core.cohort import load_roster
    from core.settings import Settings

    settings = Settings.from_env()
    cohort = load_roster(settings.roster)
    return settings, cohort.require_circles(sorted(cohort.circles) if all_circles else circles)


def run_collect(args) -> int:
    from .autograde import collect

    settings, (circle,) = _settings_and_circles([args.circle])
    students = collect(settings, circle, args.unit)
    if args.porcelain:
        print(f"{args.unit} in circle {circle}: {len(students)} submission(s) collected" + (f": {', '.join(students)}" if students else ""))
    else:
        print(_names(settings).collected(args.unit, circle, students))
    _print_refusals(settings, [circle], args.unit)
    return 0


def _print_refusals(settings, circles: list[str], unit: str) -> None:
    """One line per inbound submission collect refused (grading/exchange.py), for the operator."""
    from .exchange import inbound_refusals

    for circle in circles:
        for refusal in inbound_refusals(settings, circle, unit):
            print(f"  {circle}: {refusal.line()}; not collected, graded or counted.")


def run_autograde(args) -> int:
    from core.sandbox import SandboxError, require_sandbox

    from .autograde import Graded, autograde_circles

    try:
        require_sandbox()  # learners' code never runs unconfined: say so before collecting anything
    except SandboxError as exc:
        raise GradingError(str(exc)) from None
    settings, circles = _settings_and_circles(args.circle, args.all)
    if args.porcelain:
        unit, describe = args.unit, Graded.line
    else:
        names = _names(settings)
        unit, describe = names.unit(args.unit), names.graded
    print(f"Autograding {unit} in {len(circles)} circle(s): {', '.join(circles)}", flush=True)
    results = autograde_circles(settings, circles, args.unit, time_limit=args.time_limit, workers=args.workers, describe=describe)
    counts = {s: sum(r.status == s for r in results) for s in ("graded", "skipped", "failed")}
    print(f"Done: {counts['graded']} graded, {counts['skipped']} already graded, {counts['failed']} failed.")
    for r in results:
        if r.status == "failed" or r.timed_out or r.tampered:
            print(f"  note: {describe(r)}")
    _print_refusals(settings, circles, args.unit)
    return 1 if counts["failed"] else 0


def run_feedback(args) -> int:
    from .feedback import return_feedback

    settings, (circle,) = _settings_and_circles([args.circle])
    outcomes = return_feedback(settings, circle, args.unit)
    say = (lambda o: o.line()) if args.porcelain else _names(settings).feedback
    for outcome in outcomes:
        print(say(outcome))
    returned = sum(o.status == "returned" for o in outcomes)
    print(f"{returned} of {len(outcomes)} returned; the others wait for their reviews." if outcomes else "Nothing to return: no autograded submissions yet.")
    return 0


def run_room(args) -> int:
    from core.cohort import load_roster
    from curriculum.load import find_unit

    from .room_review import collect_room_work, return_room_feedback

    settings, (circle,) = _settings_and_circles([args.circle])
    unit = find_unit(args.unit, root=settings.curriculum)
    language = load_roster(settings.roster).circles[circle].language
    outcome = (collect_room_work if args.action == "collect" else return_room_feedback)(settings, circle, unit, language)
    print(outcome.line())
    return 0 if outcome.status in ("collected", "returned", "waiting for review") else 1


def run_report(args) -> int:
    from core.cohort import load_roster
    from core.settings import Settings

    from .report import Month, write_circle_report

    month = Month.parse(args.month)  # a bad month fails before anything is read
    settings = Settings.from_env()
    path, figures = write_circle_report(settings, load_roster(settings.roster), args.circle, month, out=args.out, tz=None)
    print(
        f"Circle {figures.circle}, {figures.month}: {len(figures.submitted)} of {len(figures.learners)} learners submitted, "
        f"{figures.submissions} submission(s), {figures.reflections_reviewed} of {figures.reflections} reflections reviewed."
    )
    print(f"Report written to {path}; fill in your assessment at the end (on paper or in the file) before sending it.")
    return 0
