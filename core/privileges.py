"""Server mode: a circle's grading work runs as the circle's grader account.

nbgrader's exchange insists that whoever releases or collects owns the circle's
exchange folders, and the course folder (gradebook, submissions) belongs to the
grader alone (core/accounts.py). The review desk already runs as the grader; when an
admin runs `redschool release|collect|autograde|feedback` as root, each circle's part
runs in a child process that has become that circle's grader, so every file it
makes has the right owner and nothing it does can reach another circle.
"""

from __future__ import annotations

import os
import pickle
import pwd
from collections.abc import Callable
from typing import TypeVar

from .accounts import grader_account
from .settings import Settings

T = TypeVar("T")


class PrivilegeError(RuntimeError):
    """The work could not be handed to the account meant to do it."""


def needs_switch(settings: Settings) -> bool:
    return settings.mode == "server" and os.geteuid() == 0


def as_circle_grader(settings: Settings, circle_id: str, fn: Callable[..., T], *args, **kwargs) -> T:
    """`fn(*args, **kwargs)`, as the circle's grader when we are root in server mode."""
    if not needs_switch(settings):
        return fn(*args, **kwargs)
    return run_as(grader_account(settings, circle_id), fn, *args, **kwargs)


def _become(entry: pwd.struct_passwd) -> None:
    os.setgroups(os.getgrouplist(entry.pw_name, entry.pw_gid))
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    os.environ.update(HOME=entry.pw_dir, USER=entry.pw_name, LOGNAME=entry.pw_name)
    os.chdir(entry.pw_dir if os.path.isdir(entry.pw_dir) else "/")


def run_as(account: str, fn: Callable[..., T], *args, **kwargs) -> T:
    """Run `fn` in a forked child that has become `account`; return its result or raise its error."""
    try:
        entry = pwd.getpwnam(account)
    except KeyError:
        raise PrivilegeError(f"there is no system account {account!r}; run `redschool roster apply` first") from None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        try:
            _become(entry)
            outcome = ("ok", fn(*args, **kwargs))
        except BaseException as exc:  # handed to the parent, which raises it
            outcome = ("error", exc)
        try:
            payload = pickle.dumps(outcome)
        except Exception:
            payload = pickle.dumps(("error", PrivilegeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        raise PrivilegeError(f"the work run as {account} ended without an answer (exit status {status})")
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value
