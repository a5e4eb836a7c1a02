"""`redschool` sub-commands of the grading room: release (more to come with the review loop)."""

from __future__ import annotations

import datetime as dt
import sys

from .errors import GradingError

USER_ERRORS = (GradingError,)


def add_commands(subparsers) -> None:
    release = subparsers.add_parser(
        "release",
        help="release a unit to circles (or every unit that is due today)",
        description="Build a unit with nbgrader and release it to circles' courses. "
        "Releasing an unchanged unit again changes nothing.",
    )
    release.add_argument("unit", nargs="?", help="unit id, e.g. lrs-pe-01-commodity-and-value")
    where = release.add_mutually_exclusive_group()
    where.add_argument("--circle", action="append", metavar="C", help="a circle id (repeatable)")
    where.add_argument("--all", action="store_true", help="every circle on the roster")
    release.add_argument("--due", action="store_true", help="release every unit whose `opens` date has come, to every circle")
    release.add_argument("--today", type=dt.date.fromisoformat, default=None, help="pretend today is this date (YYYY-MM-DD)")
    release.add_argument("--force", action="store_true", help="release a changed unit even if learners already fetched it")
    release.set_defaults(func=run_release)


def run_release(args) -> int:
    from curriculum.load import load_curriculum
    from hub.cohort import load_roster
    from hub.settings import Settings

    from .release import due_units, release_unit

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
    for unit in units:
        for outcome in release_unit(unit, settings=settings, cohort=cohort, circles=circles, force=args.force):
            print(outcome.line(), file=sys.stderr if outcome.status == "refused" else sys.stdout)
            refused |= outcome.status == "refused"
    return 1 if refused else 0
