"""Operating a cohort on a real hub: a filled demo cohort backed up while the hub runs and
a learner is saving, restored into a fresh data folder, upgraded and started again with
every byte, grade, comment, user and group; then learner1's writing exported and erased.
Around it: `redschool status`, the admins' health page and the hub's metrics."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest

from core.layout import gradebook_path
from tests.support.data_folder import database_rows, file_hashes, files_containing
from tests.support.desk import Desk
from tests.support.hubprocess import ARTIFACTS, DEMO_ROSTER, Hub, LearnerServer, hub_environment, own_hub, redschool
from tests.support.submissions import answer, submit_notebook

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
REFLECTIONS = {
    "learner1": "In the warehouse the scanner counts our minutes; the value we add is never on the screen.",
    "learner2": "My mother's cleaning work was never paid, yet the household ran on it.",
    "learner5": "The co-op shows that who owns the tools decides who keeps the surplus.",
}
COMMENTS = {name: f"Thank you, {name}: which of your workmates would agree?" for name in REFLECTIONS}
CIRCLE = {"learner1": "rosa", "learner2": "rosa", "learner5": "lucy"}
FACILITATOR = {"rosa": "facilitator1", "lucy": "facilitator2"}
# Files a running hub or a running workspace keeps changing, compared otherwise (users and groups
# through the API) or not at all (secrets are left out; scratch.ipynb was being saved mid-backup);
# jupyter-config/ is written by the hub at every start from the settings (it names the data folder).
VOLATILE = ("jupyterhub.sqlite", "jupyterhub_cookie_secret", "proxy_auth_token", "operations_api_token",
            "jupyterhub.pid", "proxy.pid", "backups/", "settings-from-backup.env", "jupyter-config/",
            "homes/learner1/.", "homes/learner1/scratch.ipynb", "*/.local/share/jupyter/runtime/")


def people(hub: Hub) -> dict[str, list[str]]:
    admin = hub.admin()
    users = admin.get(urljoin(hub.api_url, "users"), headers={"X-XSRFToken": admin.cookies.get("_xsrf")}).json()
    return {u["name"]: sorted(u["groups"]) for u in users}


def group_members(hub: Hub) -> dict[str, list[str]]:
    admin = hub.admin()
    groups = admin.get(urljoin(hub.api_url, "groups"), headers={"X-XSRFToken": admin.cookies.get("_xsrf")}).json()
    return {g["name"]: sorted(g["users"]) for g in groups}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """A demo cohort filled through the hub: two circles, submissions autograded and
    commented, feedback returned and fetched, files in homes."""
    hub = own_hub(tmp_path_factory, "operations")
    hub.start()
    try:
        assert redschool(hub, "release", UNIT, "--all").returncode == 0
        learner1 = LearnerServer(hub, "learner1")
        learner1.post("assignments/fetch", course_id="rosa", assignment_id=UNIT)
        path = f"rosa/{UNIT}/{NOTEBOOK}"
        nb = learner1.get(f"api/contents/{path}").json()["content"]
        answer(nb, "exercise-answer", "hours_per_shirt = (80 + 150 + 40) / (40 + 100 + 10)")
        answer(nb, "reflection-answer", REFLECTIONS["learner1"])
        xsrf = learner1.session.cookies.get("_xsrf", path="/user/learner1/")
        saved = learner1.session.put(learner1.base + f"api/contents/{path}",
                                     data=json.dumps({"type": "notebook", "format": "json", "content": nb}),
                                     headers={"X-XSRFToken": xsrf})
        assert saved.ok, saved.text
        assert learner1.post("assignments/submit", course_id="rosa", assignment_id=UNIT).json()["success"]
        for name in ("learner2", "learner5"):
            circle = CIRCLE[name]
            release_nb = json.loads((hub.data_dir / "exchange" / circle / "outbound" / UNIT / NOTEBOOK).read_text())
            answer(release_nb, "reflection-answer", REFLECTIONS[name])
            submit_notebook(hub.data_dir / "exchange", circle, UNIT, name, {NOTEBOOK: release_nb})
            home = hub.data_dir / "homes" / name
            home.mkdir(parents=True, exist_ok=True)
            (home / "reading-notes.md").write_text(f"{name}'s notes on chapter 1")
        graded = redschool(hub, "autograde", UNIT, "--all", "--time-limit", "60")
        assert graded.returncode == 0, graded.stdout + graded.stderr
        for name, circle in CIRCLE.items():
            Desk(hub, FACILITATOR[circle], circle).review(UNIT, UNIT, name, "reflection-answer", COMMENTS[name])
        for circle in ("rosa", "lucy"):
            returned = redschool(hub, "feedback", UNIT, "--circle", circle, "--porcelain")
            assert returned.stdout.count(": returned") >= 1, returned.stdout
        fetched = learner1.post("assignments/fetch_feedback", course_id="rosa", assignment_id=UNIT).json()
        assert fetched["success"], fetched
        yield {"hub": hub, "learner1": learner1, "tmp": tmp_path_factory.mktemp("operations-out")}
    finally:
        hub.stop()


@pytest.fixture(scope="module")
def backed_up(cohort):
    """`redschool backup` while the hub runs and learner1 keeps saving a notebook."""
    hub, learner1 = cohort["hub"], cohort["learner1"]
    xsrf = learner1.session.cookies.get("_xsrf", path="/user/learner1/")
    stop, versions = threading.Event(), []

    def keep_saving():
        n = 0
        while not stop.is_set():
            n += 1
            content = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": f"draft {n} " + "x" * 20000}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            response = learner1.session.put(learner1.base + "api/contents/scratch.ipynb",
                                            data=json.dumps({"type": "notebook", "format": "json", "content": content}),
                                            headers={"X-XSRFToken": xsrf})
            if response.ok:
                versions.append(f"draft {n} ")

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        archive = cohort["tmp"] / "cohort.tar.gz"
        result = redschool(hub, "backup", "--to", str(archive))
    finally:
        stop.set()
        saver.join()
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(versions) >= 2, "learner1 was saving while the backup ran"
    return {
        "archive": archive,
        "result": result,
        "versions": versions,
        "files": file_hashes(hub.data_dir, skip=VOLATILE),
        "gradebooks": {c: database_rows(gradebook_path_of(hub, c)) for c in ("rosa", "lucy")},
        "people": people(hub),
        "groups": group_members(hub),
    }


def gradebook_path_of(hub: Hub, circle: str):
    from core.settings import Settings

    return gradebook_path(Settings.from_env(hub.env), circle)


@pytest.fixture(scope="module")
def restored(cohort, backed_up, tmp_path_factory):
    """The old hub stopped; a fresh data folder restored from the archive, upgraded, started."""
    cohort["hub"].stop()
    data_dir = tmp_path_factory.mktemp("restored") / "data"
    hub = Hub(data_dir=data_dir, env=hub_environment(data_dir, DEMO_ROSTER), log_path=ARTIFACTS / "operations-restored.log")
    hub.log_path.write_text("")
    done = redschool(hub, "restore", str(backed_up["archive"]))
    assert done.returncode == 0, done.stdout + done.stderr
    upgraded = redschool(hub, "upgrade", "--no-backup")
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    hub.start()
    yield {"hub": hub, "restore": done, "upgrade": upgraded}
    hub.stop()


def test_status_and_health_page_while_the_hub_runs(cohort):
    hub = cohort["hub"]
    status = redschool(hub, "status")
    assert status.returncode == 0, status.stdout + status.stderr
    for line in ("UP    hub", "UP    proxy", "UP    service rosa", "UP    service lucy", "UP    service progress",
                 "UP    service idle-culler", "UP    service operations", "INFO  running servers: 1: learner1"):
        assert line in status.stdout, status.stdout
    admin = hub.login("admin")
    page = admin.get(urljoin(hub.url, "services/operations/"))
    assert page.status_code == 200 and "Everything is up." in page.text, page.text[:500]
    assert "Content-Security-Policy" in page.headers
    for someone in ("learner1", "facilitator1", "author1"):
        refused = hub.login(someone).get(urljoin(hub.url, "services/operations/"))
        assert refused.status_code == 403, (someone, refused.status_code)
        assert "Everything is up" not in refused.text and "running servers" not in refused.text


def test_a_learner_downloads_their_own_writing_and_no_one_elses(cohort, tmp_path):
    hub = cohort["hub"]
    home = hub.login("learner2").get(urljoin(hub.url, "hub/home")).text
    assert 'id="my-writing" href="/services/operations/my-writing"' in home, "the learner's home page links their export"
    response = hub.login("learner2").get(urljoin(hub.url, "services/operations/my-writing?name=learner1"))
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/zip"
    (tmp_path / "mine.zip").write_bytes(response.content)
    with zipfile.ZipFile(tmp_path / "mine.zip") as z:
        everything = b"".join(z.read(n) for n in z.namelist()).decode(errors="replace")
        assert all(n.startswith("learner2-red-school/") for n in z.namelist())
    assert REFLECTIONS["learner2"].replace("'", "&#39;") in everything or REFLECTIONS["learner2"] in everything
    assert COMMENTS["learner2"] in everything
    assert REFLECTIONS["learner1"] not in everything and REFLECTIONS["learner5"] not in everything
    nothing = hub.login("author1").get(urljoin(hub.url, "services/operations/my-writing"))
    assert nothing.status_code == 404


def test_the_hubs_metrics_are_for_admins_only(cohort):
    hub = cohort["hub"]
    assert "jupyterhub_" in hub.admin().get(urljoin(hub.url, "hub/metrics")).text
    assert hub.login("learner1").get(urljoin(hub.url, "hub/metrics")).status_code == 403
    assert hub.login("facilitator1").get(urljoin(hub.url, "hub/metrics")).status_code == 403


def test_the_home_page_links_admins_to_the_health_page(cohort):
    hub = cohort["hub"]
    assert 'id="health-page"' in hub.login("admin").get(urljoin(hub.url, "hub/home")).text
    assert 'id="health-page"' not in hub.login("facilitator1").get(urljoin(hub.url, "hub/home")).text


def test_the_backup_says_what_it_holds(backed_up):
    out = backed_up["result"].stdout
    assert "Backup written to" in out and "databases snapshotted" in out and "Secrets were left out" in out


def test_restore_brings_back_every_file_grade_comment_user_and_group(backed_up, restored):
    hub = restored["hub"]
    assert file_hashes(hub.data_dir, skip=VOLATILE) == backed_up["files"]
    for circle, rows in backed_up["gradebooks"].items():
        assert database_rows(gradebook_path_of(hub, circle)) == rows, circle
    comments = repr(backed_up["gradebooks"])
    assert all(text in comments for text in COMMENTS.values())
    assert people(hub) == backed_up["people"]
    assert group_members(hub) == backed_up["groups"]
    scratch = json.loads((hub.data_dir / "homes" / "learner1" / "scratch.ipynb").read_text())
    text = "".join(scratch["cells"][0]["source"])
    assert text in {v + "x" * 20000 for v in backed_up["versions"]}, "a whole saved version, never a torn one"


def test_the_upgrade_from_todays_data_folder_keeps_everything(restored):
    out = restored["upgrade"].stdout
    assert "jupyterhub.sqlite: already at" in out and "gradebook.db: already at" in out
    assert "Upgraded." in out


def test_learner1_reads_their_feedback_on_the_restored_hub(restored):
    learner1 = LearnerServer(restored["hub"], "learner1")
    listed = learner1.post("assignments/fetch_feedback", course_id="rosa", assignment_id=UNIT).json()
    entry = next(a for a in listed["value"] if a["assignment_id"] == UNIT and a["status"] == "submitted")
    assert any(s["has_local_feedback"] for s in entry["submissions"]), entry
    (feedback,) = (restored["hub"].data_dir / "homes" / "learner1" / "rosa" / UNIT / "feedback").glob("*/*.html")
    relative = feedback.relative_to(restored["hub"].data_dir / "homes" / "learner1")
    page = learner1.get(f"files/{relative.as_posix()}").text
    assert COMMENTS["learner1"] in page and REFLECTIONS["learner1"] in page


def test_export_then_erase_learner1(restored, tmp_path):
    hub = restored["hub"]
    exported = redschool(hub, "learner", "export", "learner1", "--to", str(tmp_path / "learner1.zip"))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    with zipfile.ZipFile(tmp_path / "learner1.zip") as z:
        page = z.read("learner1-red-school/reflections-and-comments.html").decode()
        assert REFLECTIONS["learner1"].replace("'", "&#39;") in page and COMMENTS["learner1"] in page
        notebooks = [n for n in z.namelist() if n.endswith(".ipynb")]
        assert any(REFLECTIONS["learner1"] in json.dumps(json.loads(z.read(n))) for n in notebooks)
        feedback = [n for n in z.namelist() if n.startswith("learner1-red-school/feedback/")]
        assert feedback and COMMENTS["learner1"] in z.read(feedback[0]).decode()
        assert not any(REFLECTIONS[o] in z.read(n).decode(errors="replace") for o in ("learner2", "learner5") for n in z.namelist())

    others_before = {k: v for k, v in file_hashes(hub.data_dir, skip=VOLATILE).items() if "learner1" not in k}
    holding_learner1 = {str(p.relative_to(hub.data_dir)) for p in map(Path, files_containing(hub.data_dir, REFLECTIONS["learner1"]))
                        if p.exists()}
    rows_before = {c: database_rows(gradebook_path_of(hub, c)) for c in ("rosa", "lucy")}
    refused = redschool(hub, "learner", "erase", "learner1")  # no terminal, no --yes
    assert refused.returncode == 1 and "not confirmed" in refused.stderr
    assert files_containing(hub.data_dir, REFLECTIONS["learner1"]), "nothing erased without confirmation"

    erased = redschool(hub, "learner", "erase", "learner1", "--yes")
    assert erased.returncode == 0, erased.stdout + erased.stderr
    assert "hub user deleted" in erased.stdout
    assert files_containing(hub.data_dir, REFLECTIONS["learner1"]) == []
    assert files_containing(hub.data_dir, COMMENTS["learner1"]) == []
    # Everyone else's files are byte-identical; the only other files gone are the feedback
    # pages released to learner1 (named by a hash), which held learner1's reflection.
    after = file_hashes(hub.data_dir, skip=VOLATILE)
    changed = sorted(k for k, v in others_before.items() if after.get(k) != v and not k.endswith("gradebook.db"))
    assert changed and set(changed) <= holding_learner1, changed
    assert all(k.startswith("exchange/rosa/feedback/") and k not in after for k in changed)
    for circle, rows in rows_before.items():
        now = database_rows(gradebook_path_of(hub, circle))
        assert now["student"] == [r for r in rows["student"] if r[0] != "learner1"]
        assert all(COMMENTS[n] in repr(now["comment"]) for n in REFLECTIONS if CIRCLE[n] == circle and n != "learner1")
    assert "learner1" not in people(hub)
