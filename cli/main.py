"""The `redschool` command: a thin layer over keyword-only functions.

Each room adds its own sub-commands through an `add_commands(subparsers)`
function in its `commands` module; every sub-command sets `func(args) -> int`.
A room's `commands` module may also name `USER_ERRORS`, the exception classes
that mean "the person can fix this": they are printed without a traceback. Exit codes follow
click's convention: 0 success, 1 a user error (message says what to do
next), 2 a usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

# Rooms that contribute sub-commands. Imported lazily so that `redschool --help`
# stays fast and a broken room does not take the others down.
COMMAND_MODULES = ("cli.commands", "curriculum.commands", "grading.commands", "server.commands", "operations.commands")


class UserError(Exception):
    """An error the person running the command can fix; printed without a traceback."""


def build_parser() -> tuple[argparse.ArgumentParser, tuple[type[BaseException], ...]]:
    parser = argparse.ArgumentParser(
        prog="redschool",
        description="Run Red School: the hub, the curriculum and the facilitator's review loop.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (repeat for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    import importlib

    user_errors: list[type[BaseException]] = [UserError]
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that room has no commands yet
                continue
            raise
        module.add_commands(subparsers)
        user_errors.extend(getattr(module, "USER_ERRORS", ()))
    return parser, tuple(user_errors)


def quiet_nbgrader() -> None:
    """Our commands say what happened in lines of their own (graded, refused, returned, waiting);
    nbgrader's running log (its apps log as "traitlets" at INFO, every copied file, and a
    checksum warning for each check cell whose hidden tests it puts back, as designed) and
    its SQLAlchemy session warnings are for `-v`."""
    import warnings

    logging.getLogger("traitlets").propagate = False
    warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session")


def main(argv: Sequence[str] | None = None) -> int:
    parser, user_errors = build_parser()
    args = parser.parse_args(argv)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        quiet_nbgrader()
    try:
        return int(args.func(args) or 0)
    except user_errors as exc:
        print(f"redschool {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
