"""Server mode for real, on this machine, as root (CI runs as root): the README's install
command brings the hub up as a service; people log in through invitations; each
workspace runs as its person's system account and each circle's desk as its grader;
and the security matrix checks, as each person would try it, what they reach and what
they do not. The module makes its accounts with its own prefixes and removes every one
of them (and their homes) at the end."""

from __future__ import annotations

import datetime as dt
import grp
import json
import os
import pwd
import re
import stat
import time
from pathlib import Path

import psutil
import pytest
import requests

from core import invitations
from tests.support.hubprocess import ARTIFACTS
from tests.support.kernel import execute, start_kernel
from tests.support.serverinstall import GRADER_PREFIX, PASSWORDS, USER_PREFIX, WORKSHEET, Server, installed_server
from tests.support.submissions import answer

UNIT, NOTEBOOK = "good-unit", "good-unit.ipynb"
REFLECTION = "At the depot the rota is set by whoever shouts loudest; we want a committee."
COMMENT = "Good: name who sits on the committee and who chooses them."


@pytest.fixture(scope="module")
def server():
    if os.geteuid() != 0:
        pytest.fail("server mode's tier makes system accounts: run it as root (CI does)")
    with installed_server("server") as srv:
        yield srv


def _processes(server: Server, marker: str) -> list[psutil.Process]:
    """This installation's processes whose command line contains `marker` (other hubs may run on the machine)."""
    hub_api = f"127.0.0.1:{server.env['REDSCHOOL_HUB_PORT']}/"
    found = []
    for p in psutil.process_iter(["cmdline", "username", "environ"]):
        environ = p.info["environ"] or {}
        if marker in " ".join(p.info["cmdline"] or []) and (
            environ.get("REDSCHOOL_DATA_DIR") == str(server.settings.data_dir) or hub_api in environ.get("JUPYTERHUB_API_URL", "")
        ):
            found.append(p)
    return found


# -- install ---------------------------------------------------------------------------

def test_install_brings_the_hub_up_as_a_supervised_service(server):
    assert "started the hub under Red School's supervisor" in server.install_output  # no systemd on this machine
    assert f"Red School is running at http://127.0.0.1:{server.env['REDSCHOOL_PORT']}/" in server.install_output
    assert requests.get(server.url + "hub/health").status_code == 200
    pid = int((server.settings.data_dir / "service.pid").read_text())
    assert "server supervise" in " ".join(psutil.Process(pid).cmdline())
    env_file = server.base / "etc" / "redschool.env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600 and "REDSCHOOL_MODE=server" in env_file.read_text()
    data = server.settings.data_dir
    assert stat.S_IMODE((data / "exchange").stat().st_mode) == 0o1777, "the exchange root has the sticky bit"
    for secret in ("jupyterhub.sqlite", "jupyterhub_cookie_secret", "proxy_auth_token", "roster.csv"):
        assert stat.S_IMODE((data / secret).stat().st_mode) == 0o600, secret


def test_installing_again_changes_nothing(server):
    pid = (server.settings.data_dir / "service.pid").read_text()
    hub_pid = (server.settings.data_dir / "jupyterhub.pid").read_text()
    again = server.install()
    assert again.returncode == 0, again.stderr
    assert "nothing to change: already installed and running." in again.stdout
    assert (server.settings.data_dir / "service.pid").read_text() == pid
    assert (server.settings.data_dir / "jupyterhub.pid").read_text() == hub_pid


def test_every_person_has_an_account_of_their_own_with_a_private_home(server):
    for name in ("learner1", "facilitator1", "admin"):
        entry = pwd.getpwnam(USER_PREFIX + name)
        home = Path(entry.pw_dir)
        assert home == Path("/home") / f"{USER_PREFIX}{name}"
        assert (home.stat().st_uid, stat.S_IMODE(home.stat().st_mode)) == (entry.pw_uid, 0o700)
    assert grp.getgrnam(GRADER_PREFIX + "rosa").gr_mem == sorted(USER_PREFIX + n for n in ("learner1", "learner2", "learner3", "learner4"))
    assert grp.getgrnam(USER_PREFIX + "learner1").gr_mem == [GRADER_PREFIX + "rosa"]
    with pytest.raises(KeyError):
        pwd.getpwnam("learner1")  # a roster name is never itself an account


# -- logging in -------------------------------------------------------------------------

def test_nobody_claims_a_roster_name_without_its_invitation(server):
    assert requests.get(server.url + "hub/signup").status_code == 404
    session = server.new_session()
    session.get(server.url + "hub/login")
    stolen = session.post(server.url + "hub/signup", data={"username": "admin", "signup_password": "attacker-pass-123", "_xsrf": session.cookies.get("_xsrf")})
    assert stolen.status_code == 404
    for name in ("admin", "facilitator1", "learner1"):
        assert server.login(name, "attacker-pass-123").status_code == 403


def test_an_invitation_sets_the_password_once_then_the_link_is_dead(server):
    link = server.invitation("learner1")
    session, response = server.accept(link, PASSWORDS["learner1"])
    assert response.status_code == 302
    server.sessions["learner1"] = session
    used = requests.get(link)
    assert used.status_code == 410 and "already been used" in used.text
    _, again = server.accept(link, "someone-elses-password")
    assert again.status_code == 410
    assert server.login("learner1", PASSWORDS["learner1"]).status_code == 302
    assert server.login("learner1", "someone-elses-password").status_code == 403


def test_an_expired_invitation_fails(server):
    old = invitations.make(server.settings, "learner6", made_by="test", now=time.time() - 8 * 86400)
    page = requests.get(server.url + f"hub/invite/{old}")
    assert page.status_code == 410 and "has expired" in page.text


def test_five_wrong_passwords_lock_the_account_until_a_reset_link(server):
    server.person("learner2")
    server.person("facilitator1")
    for _ in range(5):
        assert server.login("learner2", "not-my-password-at-all").status_code == 403
    assert server.login("learner2", PASSWORDS["learner2"]).status_code == 403, "locked"
    facilitator = server.sessions["facilitator1"]
    page = facilitator.get(server.url + "hub/invitations")
    assert "locked (too many wrong passwords)" in page.text
    made = facilitator.post(server.url + "hub/invitations", data={"username": "learner2", "_xsrf": facilitator.cookies.get("_xsrf", path="/hub/")})
    link = re.search(r'<code id="invitation-link">([^<]+)</code>', made.text).group(1)
    _, reset = server.accept(link, "learner2-new-passphrase")
    assert reset.status_code == 302
    assert server.login("learner2", "learner2-new-passphrase").status_code == 302
    PASSWORDS["learner2"] = "learner2-new-passphrase"
    refused = facilitator.post(server.url + "hub/invitations", data={"username": "learner5", "_xsrf": facilitator.cookies.get("_xsrf", path="/hub/")})
    assert refused.status_code == 403, "a facilitator invites only their own circle's learners"
    assert server.person("learner1").get(server.url + "hub/invitations").status_code == 403


# -- the review loop, each part as its own account ---------------------------------------

@pytest.fixture(scope="module")
def loop(server):
    released = server.command("release", UNIT, "--circle", "rosa")
    assert released.returncode == 0, released.stderr
    spawn_seconds = server.spawn("learner1")
    url, token = server.workspace("learner1")
    headers = {"Authorization": f"token {token}"}
    fetched = requests.post(url + "assignments/fetch", data={"course_id": "rosa", "assignment_id": UNIT}, headers=headers)
    assert fetched.json()["success"], fetched.text
    path = f"rosa/{UNIT}/{NOTEBOOK}"
    nb = requests.get(url + f"api/contents/{path}", headers=headers).json()["content"]
    answer(nb, "exercise-answer", "other_hours_left = other_hours_worked - other_hours_to_cover_wage")
    answer(nb, "reflection-answer", REFLECTION)
    saved = requests.put(url + f"api/contents/{path}", json={"type": "notebook", "format": "json", "content": nb}, headers=headers)
    assert saved.ok, saved.text
    submitted = requests.post(url + "assignments/submit", data={"course_id": "rosa", "assignment_id": UNIT}, headers=headers)
    assert submitted.json()["success"], submitted.text
    (ARTIFACTS / "server-spawn.json").write_text(json.dumps({"server_mode_spawn_seconds": spawn_seconds}))
    server.spawn("learner5")  # running, so that refusals to reach it are refusals, not a stopped server
    start_room(server, "learner1")  # rosa's room too
    return {"spawn_seconds": spawn_seconds}


def start_room(server: Server, member: str) -> None:
    """A member starts rosa's room, as the home page's link does, and it becomes ready."""
    headers = {"Authorization": f"token {server.token(member)}"}
    response = requests.post(server.url + "hub/api/users/room-rosa/server", headers=headers)
    assert response.status_code in (201, 202, 400), response.text
    for _ in range(360):
        if (requests.get(server.url + "hub/api/users/room-rosa", headers=headers).json().get("servers") or {}).get("", {}).get("ready"):
            return
        time.sleep(0.5)
    raise TimeoutError(f"rosa's room did not start; see {server.log}")


def test_learner1s_workspace_runs_as_learner1s_account(server, loop):
    (proc,) = [p for p in _processes(server, "jupyterhub-singleuser") if p.info["environ"].get("JUPYTERHUB_USER") == "learner1"]
    assert proc.uids().real == pwd.getpwnam(USER_PREFIX + "learner1").pw_uid
    copy = Path(f"/home/{USER_PREFIX}learner1/rosa/{UNIT}/{NOTEBOOK}")
    assert copy.stat().st_uid == pwd.getpwnam(USER_PREFIX + "learner1").pw_uid


def test_a_circles_room_runs_as_its_own_account_and_reads_only_its_own_folder(server, loop):
    room = pwd.getpwnam(USER_PREFIX + "room-rosa")
    (proc,) = [p for p in _processes(server, "jupyterhub-singleuser") if p.info["environ"].get("JUPYTERHUB_USER") == "room-rosa"]
    assert proc.uids().real == room.pw_uid
    folder = server.settings.data_dir / "rooms" / "rosa"
    assert (folder.stat().st_uid, stat.S_IMODE(folder.stat().st_mode)) == (room.pw_uid, 0o700)
    board = folder / "documents" / UNIT / WORKSHEET  # released with the unit, written as the room
    assert board.stat().st_uid == room.pw_uid and "# Our notes" in board.read_text()
    # The room's own kernel, started by a member through the room: it reads the room's
    # documents and nothing private.
    url, token = server.url + "user/room-rosa/", server.token("learner1")
    kernel = start_kernel(url, token)
    probe = {"the room's board": str(board), "learner1's home": f"/home/{USER_PREFIX}learner1",
             "rosa's course": str(server.settings.data_dir / "courses" / "rosa"), "the hub database": str(server.settings.data_dir / "jupyterhub.sqlite")}
    found = json.loads(execute(url, token, kernel, PROBE % json.dumps(probe)).strip().splitlines()[-1])
    assert found == {"the room's board": "read", "learner1's home": "PermissionError",
                     "rosa's course": "PermissionError", "the hub database": "PermissionError"}


def test_the_circles_worksheet_goes_to_the_desk_as_the_grader_and_comes_back_as_the_room(server, loop):
    """The progress service reads the room as the room's account, writes the course as rosa's
    grader, and puts the comments back in the room as the room's account."""
    facilitator = server.person("facilitator1")
    facilitator.get(server.url + "services/progress/circle/rosa")
    xsrf = facilitator.cookies.get("_xsrf", path="/services/progress/") or ""
    action = server.url + f"services/progress/circle/rosa/room/{UNIT}/"
    collected = facilitator.post(action + "collect", data={"_xsrf": xsrf})
    assert "collected; 1 section waiting for your review" in collected.text, collected.text[-2000:]
    grader = pwd.getpwnam(GRADER_PREFIX + "rosa").pw_uid
    submitted = server.settings.data_dir / "courses" / "rosa" / "submitted" / "room-rosa" / f"{UNIT}.room" / WORKSHEET
    assert submitted.stat().st_uid == grader and "## What we agreed" in submitted.read_text()
    desk = server.url + "services/rosa/"
    assert "formgrade" in facilitator.get(desk + "formgrader").text
    headers = {"X-XSRFToken": facilitator.cookies.get("_xsrf", path="/services/rosa/") or ""}
    (mine,) = facilitator.get(desk + f"formgrader/api/submitted_notebooks/{UNIT}.room/our-notes").json()
    (grade,) = facilitator.get(desk + f"formgrader/api/grades?submission_id={mine['id']}").json()
    (comment,) = facilitator.get(desk + f"formgrader/api/comments?submission_id={mine['id']}").json()
    assert facilitator.put(desk + f"formgrader/api/comment/{comment['id']}", data=json.dumps({"manual_comment": "Agreed."}), headers=headers).ok
    assert facilitator.put(desk + f"formgrader/api/grade/{grade['id']}", data=json.dumps({"manual_score": 1}), headers=headers).ok
    returned = facilitator.post(action + "return", data={"_xsrf": xsrf})
    assert "feedback returned to the room" in returned.text, returned.text[-2000:]
    feedback = server.settings.data_dir / "rooms" / "rosa" / "documents" / UNIT / "our-notes-feedback.ipynb"
    room = pwd.getpwnam(USER_PREFIX + "room-rosa").pw_uid
    assert (feedback.stat().st_uid, stat.S_IMODE(feedback.stat().st_mode)) == (room, 0o600)
    assert "> Agreed." in feedback.read_text()



def test_author1_pushes_to_the_shared_curriculum_from_their_terminal_and_learners_cannot_write_it(server, loop):
    from tests.support.terminal import open_terminal, run_in_terminal

    repo = server.settings.data_dir / "curriculum-repo"
    team = grp.getgrnam(USER_PREFIX + "redschool-authors")
    assert team.gr_mem == [USER_PREFIX + "author1"]
    assert (repo.stat().st_uid, repo.stat().st_gid, stat.S_IMODE(repo.stat().st_mode)) == (0, team.gr_gid, 0o2775)
    server.spawn("author1")
    url, token = server.workspace("author1")
    clone = Path(f"/home/{USER_PREFIX}author1/curriculum")
    assert clone.stat().st_uid == pwd.getpwnam(USER_PREFIX + "author1").pw_uid  # made as author1, not root
    terminal = open_terminal(url, token)
    status, out = run_in_terminal(url, token, terminal, "cd ~/curriculum && echo 'A line from Kai.' >> readings/NOTES-kai.md "
                                  "&& git add -A && git commit -qm 'A note from Kai' && git push -q origin main")
    assert status == 0, out
    assert (repo / "readings" / "NOTES-kai.md").read_text() == "A line from Kai.\n"  # the shared working tree too
    # A learner's own kernel may read it (as the installed curriculum) but never write it.
    server.spawn("learner2")
    url, token = server.workspace("learner2")
    kernel = start_kernel(url, token)
    tried = execute(url, token, kernel, f"""
try:
    open({str(repo / "readings" / "NOTES-kai.md")!r}, "a").write("x")
    print("wrote")
except OSError as exc:
    print(type(exc).__name__)
""")
    assert tried.strip().splitlines()[-1] == "PermissionError"

def test_a_submission_is_readable_by_its_learner_and_the_grader_only(server, loop):
    (folder,) = (server.settings.data_dir / "exchange" / "rosa" / "inbound").glob(f"learner1+{UNIT}+*")
    assert (folder.stat().st_uid, folder.stat().st_gid) == (pwd.getpwnam(USER_PREFIX + "learner1").pw_uid, grp.getgrnam(USER_PREFIX + "learner1").gr_gid)
    inside = list(folder.rglob("*"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    assert {stat.S_IMODE(p.stat().st_mode) for p in inside if p.is_file()} == {0o640}
    assert {stat.S_IMODE(p.stat().st_mode) for p in inside if p.is_dir()} <= {0o750}  # e.g. the unit's readings/


def test_facilitator1_reviews_on_the_desk_run_by_rosas_grader_and_learner1_reads_it(server, loop):
    (desk,) = [p for p in _processes(server, "grading.desk") if p.info["environ"].get("REDSCHOOL_DESK_CIRCLE") == "rosa"]
    assert desk.username() == GRADER_PREFIX + "rosa"
    facilitator = server.person("facilitator1")
    base = server.url + "services/rosa/"
    assert "formgrade" in facilitator.get(base + "formgrader").text
    xsrf = {"X-XSRFToken": facilitator.cookies.get("_xsrf", path="/services/rosa/") or ""}
    collected = facilitator.post(base + f"formgrader/api/assignment/{UNIT}/collect", headers=xsrf)
    assert collected.json()["success"], collected.text
    assert "cheating" not in collected.text
    graded = server.command("autograde", UNIT, "--circle", "rosa", "--time-limit", "60")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    notebooks = facilitator.get(base + f"formgrader/api/submitted_notebooks/{UNIT}/good-unit").json()
    (mine,) = [n for n in notebooks if n["student"] == "learner1"]
    grades = facilitator.get(base + f"formgrader/api/grades?submission_id={mine['id']}").json()
    comments = facilitator.get(base + f"formgrader/api/comments?submission_id={mine['id']}").json()
    (grade,) = [g for g in grades if g["name"] == "reflection-answer"]
    (comment,) = [c for c in comments if c["name"] == "reflection-answer"]
    assert facilitator.put(base + f"formgrader/api/comment/{comment['id']}", data=json.dumps({"manual_comment": COMMENT}), headers=xsrf).ok
    assert facilitator.put(base + f"formgrader/api/grade/{grade['id']}", data=json.dumps({"manual_score": 1}), headers=xsrf).ok
    returned = server.command("feedback", UNIT, "--circle", "rosa", "--porcelain")
    assert "rosa/learner1: returned" in returned.stdout, returned.stdout + returned.stderr
    (page,) = (server.settings.data_dir / "exchange" / "rosa" / "feedback").glob("*.html")
    assert (page.stat().st_gid, stat.S_IMODE(page.stat().st_mode)) == (grp.getgrnam(USER_PREFIX + "learner1").gr_gid, 0o640)
    url, token = server.workspace("learner1")
    fetched = requests.post(url + "assignments/fetch_feedback", data={"course_id": "rosa", "assignment_id": UNIT}, headers={"Authorization": f"token {token}"})
    assert fetched.json()["success"], fetched.text
    (html,) = Path(f"/home/{USER_PREFIX}learner1/rosa/{UNIT}/feedback").glob("*/*.html")
    assert COMMENT in html.read_text() and REFLECTION in html.read_text()
    report = server.command("report", "--circle", "rosa", "--month", dt.date.today().strftime("%Y-%m"))
    assert report.returncode == 0, report.stderr


# -- the security matrix ----------------------------------------------------------------
# Who may reach what. Every other cell is a denial, checked as the person would try it.

ACTORS = ("learner1", "learner2", "learner5", "facilitator1", "facilitator2", "author1", "admin")
HTTP = {
    # An admin too is first asked, on JupyterHub's own authorization page, to confirm
    # entering someone else's workspace; without that click nobody but its owner gets in.
    "learner1's workspace files": ("user/learner1/api/contents", {"learner1"}),
    "learner5's workspace files": ("user/learner5/api/contents", {"learner5"}),
    "rosa's desk": ("services/rosa/formgrader", {"facilitator1", "admin"}),
    "lucy's desk": ("services/lucy/formgrader", {"facilitator2", "admin"}),
    "rosa's progress page": ("services/progress/circle/rosa", {"facilitator1", "admin"}),
    "lucy's progress page": ("services/progress/circle/lucy", {"facilitator2", "admin"}),
    "learner1 in the hub API": ("hub/api/users/learner1", {"learner1", "facilitator1", "admin"}),
    "learner5 in the hub API": ("hub/api/users/learner5", {"learner5", "facilitator2", "admin"}),
    "the invitations page": ("hub/invitations", {"facilitator1", "facilitator2", "admin"}),
    # A circle's room is the circle's: no OAuth question, not even for an admin.
    "rosa's room": ("user/room-rosa/api/contents", {"learner1", "learner2", "facilitator1", "admin"}),
}


def disk_paths(server) -> dict[str, tuple[Path, set[str]]]:
    data = server.settings.data_dir
    (submission,) = (data / "exchange" / "rosa" / "inbound").glob(f"learner1+{UNIT}+*")
    (feedback,) = (data / "exchange" / "rosa" / "feedback").glob("*.html")
    (report,) = (data / "reports").glob("rosa-*.html")
    return {
        "learner1's home": (Path(f"/home/{USER_PREFIX}learner1"), {"learner1"}),
        "learner1's fetched unit": (Path(f"/home/{USER_PREFIX}learner1/rosa/{UNIT}/{NOTEBOOK}"), {"learner1"}),
        "learner1's submission": (submission / NOTEBOOK, {"learner1"}),
        "rosa's inbound (list)": (data / "exchange" / "rosa" / "inbound", set()),
        "learner1's released feedback": (feedback, {"learner1"}),
        "rosa's released units": (data / "exchange" / "rosa" / "outbound", {"learner1", "learner2"}),
        "lucy's released units": (data / "exchange" / "lucy" / "outbound", {"learner5"}),
        "rosa's course and gradebook": (data / "courses" / "rosa" / "gradebook.db", set()),
        "rosa's monthly report": (report, set()),
        "the hub database": (data / "jupyterhub.sqlite", set()),
        "the invitations": (data / "invitations.sqlite", set()),
        "the cookie secret": (data / "jupyterhub_cookie_secret", set()),
        "the roster": (data / "roster.csv", set()),
        # Nobody's own workspace reads a room but through the room.
        "rosa's room": (data / "rooms" / "rosa" / "documents", set()),
    }


PROBE = """
import json, os
found = {}
for name, path in json.loads(%r).items():
    try:
        os.listdir(path) if os.path.isdir(path) else open(path, "rb").read(1)
        found[name] = "read"
    except OSError as exc:
        found[name] = type(exc).__name__
print(json.dumps(found))
"""


@pytest.mark.parametrize("actor", ACTORS)
def test_security_matrix(server, loop, actor):
    """One actor, every cell: HTTP with their own session, the disk through their own kernel."""
    session = server.person(actor)
    seen, expected = {}, {}
    for cell, (path, allowed) in HTTP.items():
        headers = {"Authorization": f"token {server.token(actor)}"} if path.startswith("hub/api") else {}
        if path.startswith("user/"):
            session.get(server.url + path.split("api/")[0] + "lab")  # a page first, as a browser goes (OAuth)
        response = session.get(server.url + path, headers=headers, allow_redirects=True)
        reached = response.status_code == 200 and "/hub/login" not in response.url and "Sign in" not in response.text[:3000]
        seen[cell], expected[cell] = reached, actor in allowed
    server.spawn(actor)
    url, token = server.workspace(actor)
    paths = disk_paths(server)
    kernel = start_kernel(url, token)
    output = execute(url, token, kernel, PROBE % json.dumps({name: str(p) for name, (p, _) in paths.items()}))
    found = json.loads(output.strip().splitlines()[-1])
    for cell, (_, allowed) in paths.items():
        seen[f"disk: {cell}"], expected[f"disk: {cell}"] = found[cell] == "read", actor in allowed
    leaks = sorted(c for c in seen if seen[c] and not expected[c])
    blocked = sorted(c for c in seen if expected[c] and not seen[c])
    assert (leaks, blocked) == ([], []), f"{actor}: reached what they must not: {leaks}; refused what is theirs: {blocked}"


# -- the roster changes ---------------------------------------------------------------------

def test_roster_apply_adds_and_locks_out_at_once_and_keeps_files(server):
    session = server.person("learner8")
    assert session.get(server.url + "hub/home").status_code == 200
    text = (server.base / "roster.csv").read_text()
    changed = server.base / "roster-2.csv"
    changed.write_text("\n".join(l for l in text.splitlines() if not l.startswith("learner8,")) + "\nlearner9,Ida (learner),learner,rosa\n")
    applied = server.command("roster", "apply", str(changed))
    assert applied.returncode == 0, applied.stderr
    assert f"made account {USER_PREFIX}learner9" in applied.stdout
    assert f"locked account {USER_PREFIX}learner8 (off the roster; its files are kept)" in applied.stdout
    assert Path(f"/home/{USER_PREFIX}learner8").is_dir()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the supervisor restarts the hub with the new roster
        try:
            if server.login("learner8", PASSWORDS["learner8"]).status_code == 403:
                break
        except requests.ConnectionError:
            pass
        time.sleep(1)
    assert server.login("learner8", PASSWORDS["learner8"]).status_code == 403
    assert session.get(server.url + "hub/home", allow_redirects=False).status_code in (302, 403)
    assert GRADER_PREFIX + "rosa" in grp.getgrnam(USER_PREFIX + "learner9").gr_mem
    server.person("learner9")  # can be invited at once


def test_uninstall_stops_the_service_and_keeps_peoples_data(server):
    done = server.uninstall()
    assert done.returncode == 0, done.stderr
    assert "stopped the hub and its supervisor" in done.stdout
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "hub/health", timeout=5)
    assert (server.settings.data_dir / "courses" / "rosa" / "gradebook.db").is_file()
    assert Path(f"/home/{USER_PREFIX}learner1/rosa/{UNIT}/{NOTEBOOK}").is_file()
    time.sleep(1)
    assert not [p for p in psutil.process_iter(["username"]) if (p.info["username"] or "").startswith((USER_PREFIX, GRADER_PREFIX))]
