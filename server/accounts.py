"""Server mode: the machine's accounts follow the roster (`redschool roster apply`, and
every hub start).

- each roster person gets `<user_prefix><name>` with its own group and a home only it
  can read; each circle gets `<grader_prefix><circle>` (core/accounts.py);
- each circle's room gets `<user_prefix>room-<circle>` (core/rooms.py), a system account
  whose home is the room's folder in the data folder and which is in no one's group:
  the room reads no private workspace, and no workspace reads the room but through it;
- the circle's learners are members of its grader's group (so they reach the circle's
  exchange folder), and the grader is the one other member of each of its learners'
  own groups (so it reads their submissions and gives them their feedback);
- someone taken off the roster is locked out at once (account expired, processes
  stopped, out of every group) and keeps their files until an admin removes them
  on purpose (`userdel -r`);
- only accounts Red School made (their comment says so) are ever changed or locked.

Every step is idempotent (The Littlest JupyterHub's habit): a second run changes nothing
and reports nothing. Changes go through the standard shadow tools (useradd, usermod,
gpasswd), never by editing /etc/passwd.
"""

from __future__ import annotations

import grp
import os
import pwd
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from core.accounts import authors_group, check_account_names, grader_account, person_account, room_account
from core.cohort import Cohort
from core.layout import desk_home, room_dir
from core.settings import Settings

MARK = "(Red School)"
SHADOW = Path("/etc/shadow")


class AccountError(RuntimeError):
    """A system account could not be made or changed; the message says which and why."""


@dataclass
class Changes:
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)


def _run(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise AccountError(f"`{' '.join(cmd)}` failed: {done.stderr.strip() or done.stdout.strip()}")


def _entry(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def ours(entry: pwd.struct_passwd) -> bool:
    return entry.pw_gecos.endswith(MARK)


def _expired(name: str) -> bool:
    """True when the account's expiry date is set in the past (how we lock people out)."""
    for line in SHADOW.read_text().splitlines():
        parts = line.split(":")
        if parts[0] == name and len(parts) > 7:
            return parts[7] not in ("", "-1") and int(parts[7]) <= 1
    return False


def _require_root() -> None:
    if os.geteuid() != 0:
        raise AccountError("making system accounts needs root: run it with sudo")


def _ensure_account(name: str, comment: str, home: Path, *, system: bool, shell: str, changes: Changes) -> pwd.struct_passwd:
    entry = _entry(name)
    if entry is None:
        args = ["useradd", "--user-group", "--comment", comment, "--home-dir", str(home), "--shell", shell]
        args += ["--system", "--no-create-home"] if system else ["--create-home"]
        _run(*args, name)
        changes.add(f"made account {name}")
        entry = pwd.getpwnam(name)
    elif not ours(entry):
        raise AccountError(
            f"the account {name!r} exists on this machine but Red School did not make it; "
            "choose another prefix (REDSCHOOL_USER_PREFIX / REDSCHOOL_GRADER_PREFIX) or rename the roster entry"
        )
    elif _expired(name):
        _run("usermod", "--expiredate", "", name)
        changes.add(f"unlocked account {name} (back on the roster)")
    if entry.pw_gecos != comment:
        _run("usermod", "--comment", comment, name)
    home = Path(entry.pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    if home.stat().st_uid != entry.pw_uid or (home.stat().st_mode & 0o777) != 0o700:
        os.chown(home, entry.pw_uid, entry.pw_gid)
        home.chmod(0o700)
    return entry


def _set_members(group: str, members: list[str], changes: Changes) -> None:
    current = sorted(grp.getgrnam(group).gr_mem)
    if current != sorted(members):
        _run("gpasswd", "--members", ",".join(sorted(members)), group)
        changes.add(f"group {group}: {', '.join(sorted(members)) or 'no other members'}")


def _stop_everything_of(name: str, timeout: float = 10) -> None:
    """Whatever the account still runs (a workspace, a kernel, a terminal) stops now."""
    import time

    deadline = time.monotonic() + timeout
    while subprocess.run(["pkill", "--signal", "KILL", "--uid", name], capture_output=True).returncode == 0:
        if time.monotonic() > deadline:
            raise AccountError(f"processes of {name} would not stop")
        time.sleep(0.1)


def _lock(name: str, changes: Changes) -> None:
    if not _expired(name):
        _run("usermod", "--expiredate", "1", name)
        changes.add(f"locked account {name} (off the roster; its files are kept)")
    _stop_everything_of(name)
    _set_members(name, [], changes)
    for group in grp.getgrall():
        if name in group.gr_mem:
            _set_members(group.gr_name, [m for m in group.gr_mem if m != name], changes)


def apply_accounts(settings: Settings, cohort: Cohort) -> list[str]:
    """Make the machine's accounts match the roster; return what changed, one line each."""
    _require_root()
    check_account_names(settings, cohort)
    changes = Changes()
    people = {person_account(settings, p.username): p for p in cohort.people}
    graders = {grader_account(settings, c): c for c in cohort.circles}
    rooms = {room_account(settings, c): c for c in cohort.circles}
    for cid in sorted(cohort.circles):
        _ensure_account(
            grader_account(settings, cid), f"grader of circle {cid} {MARK}", desk_home(settings, cid),
            system=True, shell="/usr/sbin/nologin", changes=changes,
        )
        _ensure_account(
            room_account(settings, cid), f"room of circle {cid} {MARK}", room_dir(settings, cid),
            system=True, shell="/usr/sbin/nologin", changes=changes,
        )
    for account, person in sorted(people.items()):
        _ensure_account(
            account, f"{person.display_name} {MARK}", settings.home_of(person.username),
            system=False, shell="/bin/bash", changes=changes,
        )
    for cid, circle in sorted(cohort.circles.items()):
        grader = grader_account(settings, cid)
        _set_members(grader, [person_account(settings, name) for name in circle.learners], changes)
    for account, person in sorted(people.items()):
        keepers = [grader_account(settings, c) for c in person.circles] if person.is_learner else []
        _set_members(account, keepers, changes)
    # The curriculum team: they push to the shared curriculum repository (server/folders.py).
    team = authors_group(settings)
    try:
        grp.getgrnam(team)
    except KeyError:
        _run("groupadd", "--system", team)
        changes.add(f"made group {team}")
    _set_members(team, [a for a, p in people.items() if p.is_author], changes)
    for entry in pwd.getpwall():
        name = entry.pw_name
        is_ours = name.startswith((settings.user_prefix, settings.grader_prefix)) and ours(entry)
        if is_ours and name not in people and name not in graders and name not in rooms:
            _lock(name, changes)
    return changes.lines


def remove_authors_group(settings: Settings) -> None:
    """Delete the authors' group (for tests and on-purpose removal only)."""
    _require_root()
    try:
        grp.getgrnam(authors_group(settings))
    except KeyError:
        return
    _run("groupdel", authors_group(settings))


def remove_accounts(settings: Settings, names: list[str]) -> None:
    """Delete accounts Red School made, with their homes: for tests and on-purpose removal only."""
    _require_root()
    for name in names:
        entry = _entry(name)
        if entry is not None and ours(entry):
            _stop_everything_of(name)
            _run("userdel", "--remove", name) if entry.pw_dir.startswith("/home/") else _run("userdel", name)
            try:
                grp.getgrnam(name)
                _run("groupdel", name)
            except KeyError:
                pass
