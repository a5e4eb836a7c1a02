"""What the exchange's inbound may be trusted with: a submission is collected only
when its owner and its timestamp check out.

nbgrader names an inbound submission `<learner>+<unit>+<timestamp>[+<random>]`, but
anyone who can write to the inbound can choose that name; nbgrader's `check_owner`
only warns, and one malformed timestamp makes its collect fail for everyone.
`VerifiedCollect` is plugged into each course as nbgrader's `ExchangeFactory.collect`
(so the desk's Collect button, `redschool collect` and `redschool autograde` all use
it) and refuses, with a warning naming the folder and why:

- a folder whose learner is not enrolled in the course (the roster's circle);
- a timestamp (in the name, or in its timestamp.txt) that is malformed, disagrees
  between the two, or lies in the future;
- a folder not owned by the right Unix user. In server mode that is the learner's
  own system user. In demo mode every server runs as the hub's one Unix user, so
  the only thing that can be checked is that the folder is that user's: a folder
  another account on the machine dropped in is refused, but one learner can still
  submit in another's name (README, "Security").

Refused submissions are not collected, hence never graded or counted: progress and
reports read the collected submissions (grading/records.py).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from nbgrader.exchange.default import ExchangeCollect, ExchangeSubmit
from traitlets import Enum, Int, Unicode

from core.layout import SUBMISSION_SEPARATOR

from .records import SMALL_FILE_LIMIT, read_small_text

# Clocks of the learners' servers and the collector may differ a little (several
# machines on Kubernetes); a timestamp further ahead than this is refused.
FUTURE_TOLERANCE_SECONDS = 300
# nbgrader's collect compares naive UTC datetimes (nbgrader.utils.parse_utc).
_EPOCH = dt.datetime(1970, 1, 1)


@dataclass(frozen=True)
class Refusal:
    folder: Path
    reason: str

    def line(self) -> str:
        return f"refused {self.folder.name!r} in {self.folder.parent}: {self.reason}"


def _parse_timestamp(text: str) -> dt.datetime | None:
    from nbgrader.utils import parse_utc

    try:
        parsed = parse_utc(text.strip())
    except Exception:  # dateutil raises several kinds on garbage
        return None
    return parsed.replace(tzinfo=dt.timezone.utc) if parsed is not None else None


def submission_problem(
    folder: Path,
    *,
    learners: set[str],
    owner_uid,
    now: dt.datetime,
    tolerance: int = FUTURE_TOLERANCE_SECONDS,
) -> str | None:
    """Why the inbound submission `folder` must not be collected, or None when it may.

    `owner_uid(learner)` is the uid that must own a learner's submission (None: unknown user).
    """
    parts = folder.name.split(SUBMISSION_SEPARATOR)
    if len(parts) < 3:
        return "its name is not <learner>+<unit>+<timestamp>"
    learner = parts[0]
    if learner not in learners:
        return f"{learner!r} is not a learner of this circle"
    named = _parse_timestamp(parts[2])
    if named is None:
        return f"its timestamp {parts[2]!r} is malformed"
    stamp_file = folder / "timestamp.txt"
    if not stamp_file.is_file():
        return "it has no timestamp.txt"
    text = read_small_text(stamp_file)
    if text is None:
        return f"its timestamp.txt cannot be read, or is over {SMALL_FILE_LIMIT} bytes"
    recorded = _parse_timestamp(text)
    if recorded is None:
        return "its timestamp.txt is malformed"
    if recorded != named:
        return f"its name says {named:%Y-%m-%d %H:%M:%S} UTC but its timestamp.txt says {recorded:%Y-%m-%d %H:%M:%S} UTC"
    if named > now + dt.timedelta(seconds=tolerance):
        return f"it is dated in the future ({named:%Y-%m-%d %H:%M:%S} UTC)"
    expected = owner_uid(learner)
    if expected is None:
        return f"there is no system user for {learner!r} on this machine"
    owners = {folder.lstat().st_uid} | {p.lstat().st_uid for p in folder.rglob("*")}
    if owners != {expected}:
        return f"it is owned by uid {', '.join(map(str, sorted(owners)))}, not by {learner!r}'s uid {expected}"
    return None


def owner_uid_function(owner: str, system_user_format: str = "{username}", numeric_ids_file: str = ""):
    """`owner_uid(learner)` for a mode: `system-user` (server mode: the learner's own
    system user; on Kubernetes its number in `numeric_ids_file`) or `collector` (demo mode:
    the one Unix user every server runs as)."""
    if owner == "collector":
        uid = os.geteuid()
        return lambda learner: uid
    from core.numeric_ids import uid_of

    return lambda learner: uid_of(system_user_format.format(username=learner), numeric_ids_file)


class VerifiedCollect(ExchangeCollect):
    """nbgrader's collect over verified submissions only; refusals are logged as warnings."""

    owner = Enum(
        ["system-user", "collector"],
        default_value="system-user",
        config=True,
        help="Who must own a learner's inbound submission: `system-user` (the learner's own "
        "system user, server mode) or `collector` (the Unix user running the collect, which "
        "in demo mode is the one user every server runs as). Example: 'collector'.",
    )
    system_user_format = Unicode(
        "{username}",
        config=True,
        help="The system user name of a roster username in server mode, with {username}. Example: '{username}'.",
    )
    numeric_ids_file = Unicode(
        "",
        config=True,
        help="Kubernetes: the table of accounts' numeric ids (core/numeric_ids.py), read instead of "
        "/etc/passwd. Example: '/srv/redschool/numeric-ids.json'.",
    )
    future_tolerance = Int(
        FUTURE_TOLERANCE_SECONDS,
        config=True,
        help="Seconds a submission's timestamp may lie ahead of the collector's clock. Default 300.",
    )

    def refusals(self) -> list[Refusal]:
        """Every submission of this unit in the inbound that must not be collected."""
        from nbgrader.api import Gradebook

        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            learners = {s.id for s in gb.students}
        inbound = Path(self.root) / self.coursedir.course_id / "inbound"
        wanted = self.coursedir.student_id or "*"
        owner_uid = owner_uid_function(self.owner, self.system_user_format, self.numeric_ids_file)
        now = dt.datetime.now(dt.timezone.utc)
        found = []
        for folder in sorted(inbound.glob(f"{wanted}+{self.coursedir.assignment_id}+*")):
            reason = submission_problem(
                folder, learners=learners, owner_uid=owner_uid, now=now, tolerance=self.future_tolerance
            )
            if reason:
                found.append(Refusal(folder, reason))
        return found

    def init_src(self):
        # nbgrader's own selection (newest per learner, due dates) over what remains:
        # refused folders are kept out of its view by name.
        self.refused = self.refusals()
        refused_names = {r.folder.name for r in self.refused}
        for refusal in self.refused:
            self.log.warning("Submission %s", refusal.line())
        original = self._path_to_record

        def only_verified(path):
            name = os.path.basename(path)
            if name in refused_names:
                # A group of its own, dropped below, so it can neither be chosen nor
                # hide the learner's real submissions; its timestamp is never parsed.
                return {"username": f"\0{name}", "filename": name, "timestamp": _EPOCH, "refused": True}
            return original(path)

        self._path_to_record = only_verified
        try:
            super().init_src()
        finally:
            del self._path_to_record
        self.src_records = [r for r in self.src_records if not r.get("refused")]


def inbound_refusals(settings, circle_id: str, unit_id: str) -> list[Refusal]:
    """What collect refuses in the circle's inbound for a unit, with the course's own settings."""
    from nbgrader.utils import temp_attrs

    from .course_api import course_api

    api = course_api(settings, circle_id)
    with temp_attrs(api.coursedir, assignment_id=unit_id, student_id="*"):
        found = VerifiedCollect(coursedir=api.coursedir, authenticator=api.authenticator, parent=api).refusals()
    api.gradebook.close()
    return found


class PrivateSubmit(ExchangeSubmit):
    """Server mode, in a learner's workspace: nbgrader's submit, then the submission made
    readable by its learner and the circle's grader only.

    nbgrader leaves a submission world-readable (mode 777, its files 644), hidden only by
    an unguessable folder name in an inbound nobody else may list. Here the folder takes
    the learner's own group, of which the circle's grader is the only other member
    (server/accounts.py), and loses every permission for anyone else.
    """

    def copy_files(self):
        super().copy_files()
        dest = Path(self.inbound_path) / self.assignment_filename
        group = os.getgid()  # the learner's own group
        for path in [dest, *dest.rglob("*")]:
            os.chown(path, -1, group, follow_symlinks=False)
            if not path.is_symlink():
                path.chmod(0o750 if path.is_dir() else 0o640)
