"""A submission attacks the machine from its own cells while it is autograded
(issue 11, hole 2): the kernel runs in core/sandbox.py's bubblewrap, so every attack
fails, the hostile submission is still graded, the others are graded normally, and
nothing outside the kernel's scratch copy changes."""

from __future__ import annotations

import hashlib
import json
import socket
from pathlib import Path

import pytest

from core.cohort import load_roster
from core.layout import autograded_dir, outbound_dir
from core.settings import DEMO_ROSTER, Settings
from curriculum.load import find_unit
from grading.autograde import autograde_circle, collect
from grading.release import release_unit
from tests.support.learner import fill
from tests.support.submissions import submit_notebook

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
RIGHT = "hours_per_shirt = sum(workshop_hours.values()) / sum(workshop_shirts.values())"
SECRETS = {"jupyterhub_cookie_secret": "c00k1e-5ecret", "proxy_auth_token": "pr0xy-t0ken", "jupyterhub.sqlite": "SQLite format 3 hub",
           "operations_api_token": "0per4tions-t0ken"}
ATTACKS = ("cookie_secret", "proxy_token", "operations_token", "hub_database", "other_circle_gradebook", "own_gradebook", "delete_outside",
           "write_outside", "write_data_folder", "socket_module", "raw_socket", "loopback_hub", "curl", "python_c",
           "memory_10gb", "fork_bomb", "secrets_in_environment")

ATTACK = '''
import json, os, subprocess, sys
found = {}
def attempt(name, action):
    try:
        found[name] = "DONE " + repr(action())[:120]
    except BaseException as exc:
        found[name] = "FAILED " + type(exc).__name__
DATA, OUTSIDE, PORT = %(data)r, %(outside)r, %(port)d
def connect(net, address):
    conn = net.socket(net.AF_INET, net.SOCK_STREAM)
    conn.settimeout(3)
    conn.connect(address)
    return "connected"
def bomb():
    children = []
    try:
        for _ in range(300):  # bounded, so that an unconfined run does not take the machine down
            pid = os.fork()
            if pid == 0:
                import time; time.sleep(20); os._exit(0)
            children.append(pid)
        return len(children)
    finally:
        for pid in children:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
def secrets_in_environment():
    leaked = [k for k in os.environ if "TOKEN" in k or "SECRET" in k or "PASSWORD" in k or k.startswith("REDSCHOOL")]
    if not leaked:
        raise LookupError("nothing")
    return leaked
attempt("cookie_secret", lambda: open(DATA + "/jupyterhub_cookie_secret").read())
attempt("proxy_token", lambda: open(DATA + "/proxy_auth_token").read())
attempt("operations_token", lambda: open(DATA + "/operations_api_token").read())
attempt("hub_database", lambda: open(DATA + "/jupyterhub.sqlite").read())
attempt("other_circle_gradebook", lambda: open(DATA + "/courses/lucy/gradebook.db", "rb").read(16))
attempt("own_gradebook", lambda: open(DATA + "/courses/rosa/gradebook.db", "rb").read(16))
attempt("delete_outside", lambda: os.remove(OUTSIDE + "/keep-me.txt"))
attempt("write_outside", lambda: open(OUTSIDE + "/planted.txt", "w").write("x"))
attempt("write_data_folder", lambda: open(DATA + "/courses/rosa/nbgrader_config.py", "a").write("\\nc.Exchange.root = '/'"))
attempt("socket_module", lambda: connect(__import__("socket"), ("127.0.0.1", PORT)))
attempt("raw_socket", lambda: connect(__import__("_socket"), ("127.0.0.1", PORT)))
attempt("loopback_hub", lambda: connect(__import__("_socket"), ("127.0.0.1", PORT)))
attempt("curl", lambda: subprocess.run(["curl", "-sS", "--max-time", "3", "http://127.0.0.1:%%d/" %% PORT], check=True, capture_output=True))
attempt("python_c", lambda: subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', %%d), 3)" %% PORT], check=True, capture_output=True))
attempt("memory_10gb", lambda: len(bytearray(10 * 2**30)))
attempt("fork_bomb", bomb)
attempt("secrets_in_environment", secrets_in_environment)
print("ATTACKS " + json.dumps(found))
''' + RIGHT


def _tree_hashes(root: Path, *, skip) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not skip(p.relative_to(root))
    }


def _graded_by_nbgrader(relative: Path) -> bool:
    """What autograde legitimately writes: the gradebook and the autograded copies."""
    parts = relative.parts
    return len(parts) >= 3 and parts[0] == "courses" and (parts[2] in ("gradebook.db", "autograded") or parts[2].startswith("gradebook.db-"))


def _attack_results(settings: Settings) -> dict[str, str]:
    nb = json.loads((autograded_dir(settings, "rosa", "learner1", UNIT) / NOTEBOOK).read_text())
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            if text.startswith("ATTACKS "):
                return json.loads(text.removeprefix("ATTACKS ").strip())
    raise AssertionError("the attacking cell printed nothing")


@pytest.fixture
def listener():
    """A loopback port standing for the hub's API: a confined kernel must not reach it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


# nbgrader's autograde trips SQLAlchemy's autoflush warning on every submission (harmless; benchmarks/bench_autograde.py).
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_a_hostile_submission_is_graded_confined_and_changes_nothing(tmp_path, listener, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hub-token-of-the-operator")
    data, outside = tmp_path / "data", tmp_path / "outside"
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(data), "REDSCHOOL_ROSTER": str(DEMO_ROSTER)})
    outcomes = release_unit(find_unit(UNIT), settings=settings, cohort=load_roster(settings.roster), circles=["rosa", "lucy"])
    assert all(o.status == "released" for o in outcomes)
    for name, text in SECRETS.items():
        (data / name).write_text(text)
    outside.mkdir()
    (outside / "keep-me.txt").write_text("a file outside the course")
    released = json.loads((outbound_dir(settings, "rosa", UNIT) / NOTEBOOK).read_text())

    hostile = fill(json.loads(json.dumps(released)), {
        "exercise-answer": ATTACK % {"data": str(data), "outside": str(outside), "port": listener}})
    honest = fill(json.loads(json.dumps(released)), {"exercise-answer": RIGHT})
    submit_notebook(settings.exchange_dir, "rosa", UNIT, "learner1", {NOTEBOOK: hostile})
    submit_notebook(settings.exchange_dir, "rosa", UNIT, "learner2", {NOTEBOOK: honest})
    submit_notebook(settings.exchange_dir, "lucy", UNIT, "learner5", {NOTEBOOK: honest})
    for circle in ("rosa", "lucy"):
        collect(settings, circle, UNIT)  # collecting writes submitted/; hash what is there once it has
    before = _tree_hashes(data, skip=_graded_by_nbgrader)
    outside_before = _tree_hashes(outside, skip=lambda p: False)

    rosa = {g.student: g for g in autograde_circle(settings, "rosa", UNIT, time_limit=90)}
    lucy = {g.student: g for g in autograde_circle(settings, "lucy", UNIT, time_limit=90)}

    results = _attack_results(settings)
    assert sorted(results) == sorted(ATTACKS)
    assert {name: r for name, r in results.items() if not r.startswith("FAILED")} == {}
    # graded like anyone else: the hostile one too, and the honest ones exactly as the honest one in the other circle
    assert [g.status for g in (*rosa.values(), *lucy.values())] == ["graded"] * 3
    assert rosa["learner2"].score == lucy["learner5"].score and rosa["learner1"].score == rosa["learner2"].score
    assert rosa["learner1"].timed_out == []
    # nothing outside the kernel's scratch copy changed
    assert _tree_hashes(data, skip=_graded_by_nbgrader) == before
    assert _tree_hashes(outside, skip=lambda p: False) == outside_before
