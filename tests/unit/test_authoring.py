"""Authoring from the browser, its pure and file-only parts: the shared repository and an
author's clone, where a unit is released and whether it changed since, the release's
static-check refusal, what the authors' page shows (no hub, no nbgrader run)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from core.cohort import load_roster
from core.curriculum_repo import PROGRAMME_MANIFEST, clone_for_author, programme_folders, seed_shared_repo
from core.layout import UNIT_CARD, author_checkout, course_dir, outbound_dir, shared_curriculum
from core.settings import DEMO_ROSTER, PROJECT_ROOT, Settings
from curriculum.build import copy_unit_source
from curriculum.load import load_curriculum
from curriculum.models import PROGRAMME_MANIFEST_NAME
from grading.authors_service import unit_rows, without_learners
from grading.release import ReleaseOutcome, add_learner_extras, check_refusal
from grading.release_status import release_status
from hub.authoring import author_environment

COHORT = load_roster(DEMO_ROSTER)
UNIT = "bootcamp-01-where-we-stand"


def settings(tmp_path, curriculum: Path | None = None) -> Settings:
    env = {"REDSCHOOL_DATA_DIR": str(tmp_path / "data")}
    if curriculum is not None:
        env["REDSCHOOL_CURRICULUM"] = str(curriculum)
    return Settings.from_env(env)


@pytest.fixture
def seeded(tmp_path) -> Settings:
    s = settings(tmp_path)
    assert seed_shared_repo(s) is True
    return settings(tmp_path, shared_curriculum(s))


def git(*args, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_core_names_the_programme_manifest_as_the_curriculum_does():
    assert PROGRAMME_MANIFEST == PROGRAMME_MANIFEST_NAME


def test_the_shared_repository_holds_the_programmes_and_readings_only_with_one_commit(seeded, tmp_path):
    repo = shared_curriculum(seeded).parent
    shipped = {p.name for p in programme_folders(PROJECT_ROOT / "curriculum")}
    assert {p.name for p in (repo / "curriculum").iterdir()} == shipped  # no Python code, no templates
    assert (repo / "readings").is_dir() and list((repo / "readings").glob("*.md"))
    assert git("log", "--format=%an: %s", cwd=repo).startswith("Red School: The curriculum as the hub first released it")
    assert git("status", "--porcelain", cwd=repo) == ""
    # Seeding again leaves the authors' repository alone.
    (repo / "curriculum" / "bootcamp" / "NOTE.md").write_text("an author's file")
    assert seed_shared_repo(settings(tmp_path)) is False
    assert (repo / "curriculum" / "bootcamp" / "NOTE.md").is_file()


def test_an_authors_clone_is_made_once_and_their_push_reaches_the_shared_tree(seeded, tmp_path):
    clone = clone_for_author(seeded, "author1", "Ada Author")
    assert clone == author_checkout(seeded, "author1") and (clone / "curriculum" / "bootcamp").is_dir()
    marker = clone / "curriculum" / "bootcamp" / UNIT / "facilitator-guide.md"
    marker.write_text(marker.read_text() + "\nA line the author added.\n")
    git("commit", "-qam", "A line for facilitators", cwd=clone)
    git("push", "-q", "origin", "HEAD", cwd=clone)
    shared = shared_curriculum(seeded) / "bootcamp" / UNIT / "facilitator-guide.md"
    assert "A line the author added." in shared.read_text()  # updateInstead: the working tree follows
    assert "Ada Author" in git("log", "-1", "--format=%an", cwd=shared_curriculum(seeded))
    # A second start never touches the author's copy, even with uncommitted work in it.
    marker.write_text("work in progress")
    assert clone_for_author(seeded, "author1", "Ada Author") is None
    assert marker.read_text() == "work in progress"


def test_an_authors_workspace_finds_redschool_and_their_copy(seeded):
    env = author_environment(seeded, "author1", path="/usr/bin:/bin", config_path="/w:/l")
    assert env["REDSCHOOL_CURRICULUM"] == str(author_checkout(seeded, "author1") / "curriculum")
    first = Path(env["PATH"].split(":")[0])
    assert (first / "redschool").is_file() and env["PATH"].endswith("/usr/bin:/bin")
    assert env["JUPYTER_CONFIG_PATH"] == f"{seeded.data_dir}/jupyter-config/authors:/w:/l"
    assert not any(k.startswith("REDSCHOOL_") and k != "REDSCHOOL_CURRICULUM" for k in env)  # no hub settings or secrets
    # git trusts the shared repository though another account owns it (server mode: root).
    assert (env["GIT_CONFIG_KEY_0"], env["GIT_CONFIG_VALUE_0"]) == ("safe.directory", str(seeded.data_dir / "curriculum-repo"))


def test_an_authors_terminal_puts_redschool_back_on_path_after_the_bashrc_files(seeded):
    from hub.authoring import author_server_config, ensure_author_config

    ensure_author_config(seeded)
    config = json.loads((seeded.data_dir / "jupyter-config" / "authors" / "jupyter_server_config.json").read_text())
    assert config == author_server_config(seeded)
    shell = config["ServerApp"]["terminado_settings"]["shell_command"]
    rc = Path(shell[shell.index("--rcfile") + 1])
    out = subprocess.run(["bash", "--rcfile", str(rc), "-i", "-c", "command -v redschool"], capture_output=True, text=True,
                         env={"HOME": str(seeded.data_dir), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip().endswith("/redschool") and Path(out.stdout.strip()).is_file()


def fake_release(s: Settings, unit, circle: str) -> None:
    """What a release leaves behind, without nbgrader: the course's source and the outbound card."""
    copy_unit_source(unit, course_dir(s, circle) / "source" / unit.id)
    outbound = outbound_dir(s, circle, unit.id)
    outbound.mkdir(parents=True)
    add_learner_extras(unit, outbound)


def test_release_status_says_where_when_and_whether_it_changed(seeded):
    unit = load_curriculum(seeded.curriculum).find_unit(UNIT)
    fake_release(seeded, unit, "rosa")
    rosa, lucy = release_status(seeded, unit, ["rosa", "lucy"])
    assert (rosa.circle, rosa.changed) == ("rosa", False) and rosa.released_at is not None
    assert abs(rosa.released_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)
    assert rosa.words.startswith("released 20") and "changed" not in rosa.words
    assert (lucy.released_at, lucy.words) == (None, "not released")

    notebook = unit.folder / unit.manifest.notebooks[0]
    data = json.loads(notebook.read_text())
    data["cells"][0]["source"] = "".join(data["cells"][0]["source"]) + "\nOne more sentence."
    notebook.write_text(json.dumps(data, indent=1))
    (rosa,) = release_status(seeded, unit, ["rosa"])
    assert rosa.changed and rosa.words.endswith(", changed since")


def test_a_changed_summary_counts_as_a_change_too(seeded):
    unit = load_curriculum(seeded.curriculum).find_unit(UNIT)
    fake_release(seeded, unit, "rosa")
    card = json.loads((outbound_dir(seeded, "rosa", UNIT) / UNIT_CARD).read_text())
    card["summary"] = "An older summary."
    (outbound_dir(seeded, "rosa", UNIT) / UNIT_CARD).write_text(json.dumps(card))
    assert release_status(seeded, unit, ["rosa"])[0].changed


def test_the_release_refuses_a_unit_with_a_placeholder_and_says_where(seeded):
    unit = load_curriculum(seeded.curriculum).find_unit(UNIT)
    assert check_refusal(unit) == ""
    guide = unit.folder / "facilitator-guide.md"
    guide.write_text(guide.read_text() + "\n(Writer: say how long the discussion takes.)\n")
    refusal = check_refusal(unit)
    assert refusal.startswith("the check finds 1 problem in this unit")
    assert f"bootcamp/{UNIT}/facilitator-guide.md:" in refusal and "(Writer: say how long" in refusal
    assert f"redschool check {unit.folder}" in refusal


def test_the_page_gives_each_unit_its_own_problems_and_every_circle(seeded):
    from curriculum.check import check

    curriculum = load_curriculum(seeded.curriculum)
    unit = curriculum.find_unit(UNIT)
    guide = unit.folder / "facilitator-guide.md"
    guide.write_text(guide.read_text() + "\n(Writer: more here.)\n")
    problems = check([curriculum.root], execute=False).problems
    rows, others = unit_rows(seeded, COHORT, curriculum, problems)
    assert [r.unit.id for r in rows] == list(curriculum.units)
    mine = next(r for r in rows if r.unit.id == UNIT)
    assert len(mine.problems) == 1 and "(Writer: more here.)" in mine.problems[0]
    assert all(not r.problems for r in rows if r.unit.id != UNIT) and others == []
    assert [c.circle for c in mine.releases] == ["lucy", "rosa"]


def test_a_refusal_for_fetched_copies_counts_learners_instead_of_naming_them():
    outcome = ReleaseOutcome("rosa", UNIT, "refused", "… learner2, learner3 already fetched it …", fetched=("learner2", "learner3"))
    said = without_learners(outcome).detail
    assert "2 learners of the circle already fetched it" in said and "learner2" not in said
    assert f"redschool release {UNIT} --circle rosa --force" in said
    plain = ReleaseOutcome("rosa", UNIT, "released")
    assert without_learners(plain) is plain


def test_authors_hold_the_authors_page_and_nothing_of_circles(tmp_path):
    from hub.roles import build_roles

    roles = {r["name"]: r for r in build_roles(COHORT)}
    assert "access:services!service=authors" in roles["curriculum-author"]["scopes"]
    assert roles["curriculum-author"]["users"] == ["author1"]
    holders = [n for n, r in roles.items() if any("service=authors" in s for s in r.get("scopes", []))]
    assert holders == ["curriculum-author"]  # admins hold every scope already; nobody else


def test_the_hub_runs_the_authors_page_on_the_shared_curriculum_and_hooks_authors_workspaces():
    from traitlets.config import Config

    from hub import config as hubconfig
    from hub.authoring import AuthorSpawnHook, SpawnHooks
    from hub.rooms import RoomSpawnHook

    s = Settings.from_env({"REDSCHOOL_DATA_DIR": "/tmp/rs-data", "REDSCHOOL_DESK_PORT": "9100", "REDSCHOOL_DEMO_PASSWORD": "solidarity-forever"})
    c = Config()
    hubconfig.apply_config(c, s, COHORT, secrets={"proxy_token": "p", "operations_token": "o", "demo_password": "d", "demo_admin_password": "a" * 40})
    services = {x["name"]: x for x in c.JupyterHub.services}
    authors = services["authors"]
    assert authors["url"] == "http://127.0.0.1:9104"  # after lucy, rosa, progress, operations
    assert authors["command"][1:] == ["-m", "grading.authors_service"]
    assert authors["environment"]["REDSCHOOL_CURRICULUM"] == "/tmp/rs-data/curriculum-repo/curriculum"
    assert "REDSCHOOL_DEMO_PASSWORD" not in authors["environment"]
    assert "authors" not in {r.get("name") for r in c.JupyterHub.get("load_roles", [])}  # no token of its own
    hook = c.Spawner.pre_spawn_hook
    assert isinstance(hook, SpawnHooks) and [type(h) for h in hook.hooks] == [RoomSpawnHook, AuthorSpawnHook]


def test_the_spawn_hook_gives_authors_their_copy_and_leaves_others_alone(seeded):
    from hub.authoring import AuthorSpawnHook

    hook = AuthorSpawnHook(seeded, COHORT)
    for name in ("learner1", "facilitator1", "admin"):
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={})
        hook(spawner)
        assert spawner.environment == {} and not author_checkout(seeded, name).exists()
        assert not hasattr(spawner, "default_url")  # they keep the workspace's own landing page
    spawner = SimpleNamespace(user=SimpleNamespace(name="author1"), environment={"KEEP": "1"})
    hook(spawner)
    assert spawner.environment["KEEP"] == "1" and spawner.environment["REDSCHOOL_CURRICULUM"].endswith("/author1/curriculum/curriculum")
    assert (author_checkout(seeded, "author1") / ".git").is_dir()
    assert spawner.default_url == "/lab/tree/curriculum"  # their copy, not an empty My units


def test_home_links_authors_and_admins_to_the_authors_page_and_nobody_else():
    from hub.home import home_context

    assert home_context(COHORT, SimpleNamespace(name="author1"))["authors_url"] == "services/authors/"
    assert home_context(COHORT, SimpleNamespace(name="admin"))["authors_url"] == "services/authors/"
    for name in ("learner1", "facilitator1"):
        assert home_context(COHORT, SimpleNamespace(name=name))["authors_url"] is None


@pytest.mark.parametrize("name, allowed", [("author1", True), ("admin", True), ("learner1", False), ("facilitator1", False), ("stranger", False)])
def test_the_page_itself_lets_in_only_the_rosters_authors_and_admins(name, allowed):
    """Behind the hub's scope check, the service asks the roster too."""
    from tornado import web

    from grading.authors_service import AuthorsHandler

    asking = SimpleNamespace(get_current_user=lambda: {"name": name}, cohort=COHORT)
    if allowed:
        AuthorsHandler.allowed(asking)
    else:
        with pytest.raises(web.HTTPError) as refused:
            AuthorsHandler.allowed(asking)
        assert refused.value.status_code == 403


def test_an_authors_settings_come_first_before_those_computed_for_their_language(seeded):
    """hub/language.py gives JUPYTER_CONFIG_PATH as a value computed per person: the authors'
    hook computes it, then puts the authors' settings first."""
    from hub.authoring import AuthorSpawnHook
    from hub.language import workspace_environment
    from core.languages import PeopleLanguages

    languages = PeopleLanguages({"author1": "es"}, seeded.data_dir / "languages.json")
    spawner = SimpleNamespace(user=SimpleNamespace(name="author1"), environment=workspace_environment(seeded, languages))
    AuthorSpawnHook(seeded, COHORT)(spawner)
    folders = spawner.environment["JUPYTER_CONFIG_PATH"].split(":")
    assert folders[0].endswith("authors") and any(f.endswith("language-es") for f in folders[1:])
