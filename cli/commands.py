"""`redschool` sub-commands of the hub room: demo, roster, settings."""

from __future__ import annotations

import os
import signal
import sys

from core.cohort import RosterError, UnknownCircleError, load_roster
from core.settings import PROJECT_ROOT, Settings, SettingsError, settings_reference

USER_ERRORS = (RosterError, SettingsError, UnknownCircleError)


def add_commands(subparsers) -> None:
    demo = subparsers.add_parser("demo", help="start the hub on loopback with the demo cohort")
    demo.set_defaults(func=run_demo)

    roster = subparsers.add_parser(
        "roster",
        help="check a cohort roster CSV and summarise it; `roster apply [PATH]` makes the server follow it",
        usage="redschool roster [PATH] | redschool roster apply [PATH]",
    )
    roster.add_argument("words", nargs="*", metavar="PATH", help="roster file (default: REDSCHOOL_ROSTER or the demo roster)")
    roster.set_defaults(func=run_roster)

    settings = subparsers.add_parser("settings", help="print every REDSCHOOL_ setting, or the current values")
    settings.add_argument("--current", action="store_true", help="print the values in effect now")
    settings.set_defaults(func=print_settings)


def run_roster(args) -> int:
    from pathlib import Path

    words = list(args.words)
    if words and words[0] == "apply":
        from server.commands import apply_roster_now

        if len(words) > 2:
            raise SettingsError("usage: redschool roster apply [PATH]")
        return apply_roster_now(Path(words[1]) if len(words) == 2 else None)
    if len(words) > 1:
        raise SettingsError("usage: redschool roster [PATH] (one roster file)")
    return check_roster(Path(words[0]) if words else None)


def check_roster(path) -> int:
    from core.cohort import DEFAULT_CIRCLE_LANGUAGE
    from core.languages import language_name, load_roster_languages

    path = path or Settings.from_env().roster
    cohort = load_roster(path)
    languages = load_roster_languages(path)  # person_language, else the circle's (core/languages.py)
    print(f"{path}: {len(cohort.people)} people in {len(cohort.circles)} circle(s)")
    for cid, circle in sorted(cohort.circles.items()):
        studies_in = "" if circle.language == DEFAULT_CIRCLE_LANGUAGE else f", studies in {language_name(circle.language)}"
        print(f"  {cid}: {len(circle.learners)} learners, facilitated by {', '.join(circle.facilitators)}{studies_in}")
    spanish = sorted(name for name, language in languages.items() if language == "es")
    if spanish:
        print(f"  reading the platform in Spanish: {', '.join(spanish)}")
    return 0


def print_settings(args) -> int:
    if args.current:
        from dataclasses import fields

        settings = Settings.from_env()
        for f in fields(settings):
            value = getattr(settings, f.name)
            if "password" in f.name and value:
                value = "(set)"
            print(f"{f.metadata['env']}={'' if value is None else value}")
    else:
        print(settings_reference(), end="")
    return 0


def open_first_units(settings: Settings, cohort) -> None:
    """The demo starts with the first unit of each programme released to every circle."""
    from curriculum.load import load_curriculum
    from grading.release import first_units, release_unit
    from hub import state

    state.ensure_data_dir(settings)
    for unit in first_units(load_curriculum(settings.curriculum)):
        for outcome in release_unit(unit, settings=settings, cohort=cohort, circles=sorted(cohort.circles)):
            print(f"  {outcome.line()}", file=sys.stderr, flush=True)


def run_demo(args) -> int:
    """Prepare the demo's state, then replace this process with the hub."""
    settings = Settings.from_env()
    if settings.mode != "demo":
        raise SettingsError("`redschool demo` runs the demo; unset REDSCHOOL_MODE or set it to demo.")
    cohort = load_roster(settings.roster)  # fail here, before anything starts
    open_first_units(settings, cohort)
    print(
        f"Red School demo on {settings.public_url}/ (loopback only).\n"
        "Not isolated: every workspace runs as this one Unix user and can read the others' files.\n"
        "Log in as learner1..learner8, facilitator1, facilitator2, author1 or admin.",
        file=sys.stderr,
        flush=True,
    )
    # Started in the background (`make demo &`, CI, a supervisor), this process may have
    # inherited SIGINT ignored. The hub's services and workspaces would inherit that too and
    # each shrug off the SIGINT the hub sends them at shutdown, so JupyterHub waited out its
    # 10 s interrupt timeout for one after another: about two minutes to stop. Default
    # dispositions from here on: Ctrl-C and SIGTERM stop everything in seconds.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    hub = os.path.join(os.path.dirname(sys.executable), "jupyterhub")
    os.chdir(PROJECT_ROOT)
    os.execv(hub, [hub, "-f", str(PROJECT_ROOT / "jupyterhub_config.py")])
