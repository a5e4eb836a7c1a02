"""Server mode: who owns each folder of the data folder, and who may read it.

    <data>/                       root 755   (servers read jupyter-config and jupyter-data)
      jupyterhub.sqlite, jupyterhub_cookie_secret, proxy_auth_token, invitations.sqlite,
      roster.csv                  root 600
      reports/                    root 700
      courses/<c>/                grader 700 (gradebook, submissions, feedback: the grader's alone)
      desk-homes/<c>/             grader 700
      exchange/                   root 1777  (nbgrader's model: everyone may make a folder,
                                             the sticky bit stops anyone touching another's)
      exchange/<c>/               grader:grader-group 750 (the circle's learners are in the group)
        outbound/                 grader 750    released units, read by the circle
        inbound/                  grader 1730   learners drop submissions in, cannot list
                                                or remove others' (grading/exchange.py
                                                PrivateSubmit makes each one private)
        feedback/                 grader 710    pages found by an unguessable name, each readable
                                                by its learner's own group only (grading/feedback.py)
      rooms/                      root 755
      rooms/<c>/                  room 700   the circle's room (core/rooms.py): only the room's own
        documents/, state/        room 700   account, which runs the room's server, reads them
      curriculum-repo/            root:authors 2775, files 664: the curriculum team's shared git
                                  repository (core/curriculum_repo.py), pushed to by the authors'
                                  group, read by all as the installed curriculum is

A circle folder in the exchange that its grader does not own was not made by us
(anyone may make folders there): it is moved aside, never used.

On Kubernetes (`ensure_kubernetes_folders`, run by the folders Job, deploy/folders.py) the
same model holds on the shared NFS volume, with the accounts' numbers from
core/numeric_ids.py, and three differences: the hub does not run as root, so the data
folder is the hub's (its invitations database lives there); the progress and health
pages run as their own account, so each course is `grader:pages 2750` (setgid: what the
grader writes later keeps the group) instead of 700; and no hub file is made there.
"""

from __future__ import annotations

import os
import pwd
import stat
import time
from pathlib import Path

from core.accounts import authors_group, grader_account, room_account
from core.cohort import Cohort
from core.layout import (
    course_dir, curriculum_repo, desk_home, inbound_dir, numeric_ids_path, outbound_dir, released_feedback_dir, room_dir, room_documents,
    room_state, rooms_dir,
)
from core.numeric_ids import PAGES_ACCOUNT
from core.settings import Settings

ROOT_ONLY = ("jupyterhub.sqlite", "jupyterhub_cookie_secret", "proxy_auth_token", "invitations.sqlite", "roster.csv")


def _own_tree(path: Path, uid: int, gid: int) -> None:
    for folder, dirs, files in os.walk(path):
        os.chown(folder, uid, gid, follow_symlinks=False)
        for name in files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def _folder(path: Path, uid: int, gid: int, mode: int) -> None:
    path.mkdir(parents=True, exist_ok=True)
    info = path.lstat()
    if (info.st_uid, info.st_gid) != (uid, gid):
        os.chown(path, uid, gid, follow_symlinks=False)
    if stat.S_IMODE(info.st_mode) != mode:
        path.chmod(mode)


def _readable_tree(path: Path) -> None:
    """Settings every server reads: folders 755, files 644, owned by root."""
    if not path.exists():
        return
    for folder, _, files in os.walk(path):
        os.chown(folder, 0, 0)
        os.chmod(folder, 0o755)
        for name in files:
            os.chown(os.path.join(folder, name), 0, 0)
            os.chmod(os.path.join(folder, name), 0o644)


def ensure_server_folders(settings: Settings, cohort: Cohort) -> None:
    """Owners and modes of the whole data folder, for the roster's circles (idempotent)."""
    data = settings.data_dir
    _authors_repository(settings)
    _folder(data, 0, 0, 0o755)
    for name in ROOT_ONLY:
        path = data / name
        if name == "jupyterhub.sqlite" and not path.exists():
            # Made here so that SQLite never creates it with the default, readable mode.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        if path.exists():
            os.chown(path, 0, 0)
            path.chmod(0o600)
    _readable_tree(settings.workspace_config_dir.parent)  # jupyter-config/
    _readable_tree(settings.workspace_data_dir)
    _folder(settings.courses_dir, 0, 0, 0o755)
    _folder(desk_home(settings, "x").parent, 0, 0, 0o755)
    _folder(settings.exchange_dir, 0, 0, 0o1777)
    _folder(data / "reports", 0, 0, 0o700)  # circle reports name members: for whoever writes them
    for cid in sorted(cohort.circles):
        grader = pwd.getpwnam(grader_account(settings, cid))
        uid, gid = grader.pw_uid, grader.pw_gid
        _folder(desk_home(settings, cid), uid, gid, 0o700)
        course = course_dir(settings, cid)
        course.mkdir(parents=True, exist_ok=True)
        _own_tree(course, uid, gid)
        course.chmod(0o700)
        _circle_exchange(settings, cid, uid, gid)
    _folder(rooms_dir(settings), 0, 0, 0o755)
    for cid in sorted(cohort.circles):
        room = pwd.getpwnam(room_account(settings, cid))
        for folder in (room_dir(settings, cid), room_documents(settings, cid), room_state(settings, cid)):
            _folder(folder, room.pw_uid, room.pw_gid, 0o700)
        _own_tree(room_dir(settings, cid), room.pw_uid, room.pw_gid)


def _authors_repository(settings: Settings) -> None:
    """The curriculum team's shared repository: root's, written by the authors' group
    (directories setgid, so what a push adds stays the group's; git itself keeps objects
    group-writable: `--shared=group`), and readable by all, like the installed curriculum
    it was seeded from, which graders release from."""
    import grp

    repo = curriculum_repo(settings)
    if not repo.is_dir():
        return
    team = grp.getgrnam(authors_group(settings)).gr_gid
    for top, dirs, files in os.walk(repo):
        os.chown(top, 0, team, follow_symlinks=False)
        os.chmod(top, 0o2775)
        for name in files:
            path = os.path.join(top, name)
            if os.path.islink(path):
                continue
            os.chown(path, 0, team)
            mode = stat.S_IMODE(os.lstat(path).st_mode)
            os.chmod(path, (mode | 0o664) & ~0o002)


def ensure_kubernetes_folders(settings: Settings, cohort: Cohort, ids: dict[str, int], *, hub_uid: int) -> None:
    """The same model on the shared volume, by number (see the module's docstring); idempotent."""
    _folder(settings.data_dir, hub_uid, hub_uid, 0o755)
    table = numeric_ids_path(settings)
    os.chown(table, hub_uid, hub_uid)
    table.chmod(0o644)  # graders' pods read it: who owns which submission
    _readable_tree(settings.workspace_config_dir.parent)
    _readable_tree(settings.workspace_data_dir)
    _folder(settings.courses_dir, 0, 0, 0o755)
    _folder(desk_home(settings, "x").parent, 0, 0, 0o755)
    _folder(settings.exchange_dir, 0, 0, 0o1777)
    pages = ids[PAGES_ACCOUNT]
    for cid in sorted(cohort.circles):
        uid = gid = ids[grader_account(settings, cid)]
        _folder(desk_home(settings, cid), uid, gid, 0o700)
        course = course_dir(settings, cid)
        course.mkdir(parents=True, exist_ok=True)
        _own_tree(course, uid, pages)
        for folder, _, _ in os.walk(course):
            os.chmod(folder, 0o2750)
        _circle_exchange(settings, cid, uid, gid)
    # A room's documents, its own (its collaboration history is on its own claim: SQLite
    # wants a local disk's locks, not NFS's).
    _folder(rooms_dir(settings), 0, 0, 0o755)
    for cid in sorted(cohort.circles):
        room = ids[room_account(settings, cid)]
        for folder in (room_dir(settings, cid), room_documents(settings, cid)):
            _folder(folder, room, room, 0o700)
        _own_tree(room_dir(settings, cid), room, room)


def _circle_exchange(settings: Settings, cid: str, uid: int, gid: int) -> None:
    circle = settings.exchange_dir / cid
    if circle.exists() and (circle.is_symlink() or circle.lstat().st_uid != uid):
        aside = circle.with_name(f".not-ours-{cid}-{int(time.time())}")
        circle.rename(aside)
        os.chown(aside, 0, 0, follow_symlinks=False)
        os.chmod(aside, 0o700, follow_symlinks=False) if not aside.is_symlink() else None
    _folder(circle, uid, gid, 0o750)
    _folder(outbound_dir(settings, cid), uid, gid, 0o750)
    _own_tree(outbound_dir(settings, cid), uid, gid)
    _folder(inbound_dir(settings, cid), uid, gid, 0o1730)
    _folder(released_feedback_dir(settings, cid), uid, gid, 0o710)
