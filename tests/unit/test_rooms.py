"""Circle rooms (issue 14): names, who may open a room, how a room's server starts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from core.accounts import AccountNameError, check_account_names, room_account
from core.cohort import RosterError, load_roster, parse_roster
from core.layout import room_documents, room_state
from core.rooms import PALETTE, initials, person_colour, room_circle, room_user
from core.settings import DEMO_ROSTER, Settings
from core.urls import room_url
from hub.roles import build_roles, room_scopes, user_info
from hub.rooms import RoomSpawnHook, room_server_args

COHORT = load_roster(DEMO_ROSTER)


def settings(tmp_path, **env) -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path), **env})


def test_a_room_is_named_after_its_circle_and_back():
    assert room_user("rosa") == "room-rosa"
    assert room_circle("room-rosa") == "rosa"
    assert room_circle("learner1") is None


def test_the_room_link_starts_the_room_then_opens_it():
    assert room_url("rosa", base_url="/school/") == "/school/hub/spawn/room-rosa"


def test_nobody_on_the_roster_may_take_a_rooms_name():
    with pytest.raises(RosterError) as caught:
        parse_roster("username,display_name,role,circle\nroom-rosa,Sneaky,learner,rosa\n", source="r.csv")
    assert "line 2: username 'room-rosa' is the name of a system account or one the platform keeps" in str(caught.value)


def test_each_person_keeps_one_colour_and_their_initials():
    assert person_colour("learner1") == person_colour("learner1") in PALETTE
    assert len({person_colour(f"learner{i}") for i in range(1, 9)}) > 1
    assert initials("Ana Ruiz") == "AR"
    assert initials("Ana (learner)") == "A"
    assert initials("") == "?"


def test_the_room_shows_roster_names_and_colours():
    info = user_info(COHORT)
    assert info["learner1"] == {
        "display_name": "Ana (learner)", "name": "Ana (learner)", "initials": "A", "color": person_colour("learner1"),
    }
    assert set(info) == COHORT.usernames


def test_only_the_circles_group_may_open_and_start_its_room():
    roles = {r["name"]: r for r in build_roles(COHORT)}
    rosa = roles["room-rosa"]
    assert rosa["groups"] == ["circle-rosa"] and "users" not in rosa
    assert rosa["scopes"] == room_scopes("rosa") == [
        "access:servers!user=room-rosa", "servers!user=room-rosa", "read:users:name!user=room-rosa",
    ]
    # No other role grants any room, and the room users themselves are made by one role.
    for name, role in roles.items():
        if name not in ("room-rosa", "room-lucy", "admin"):
            assert not [s for s in role.get("scopes", []) if "room-" in s and "!user=" in s and not s.endswith("!user")], name
    assert roles["circle-room"]["users"] == ["room-lucy", "room-rosa"]
    assert roles["circle-room"]["scopes"] == ["read:users:name!user"]


def test_a_rooms_server_serves_the_rooms_documents_with_collaboration_on(tmp_path):
    s = settings(tmp_path)
    spawner = SimpleNamespace(user=SimpleNamespace(name="room-rosa"), args=["--allow-root"], home_dir="x", default_url="/units")
    RoomSpawnHook(s)(spawner)
    assert spawner.notebook_dir == str(room_documents(s, "rosa"))
    assert spawner.home_dir == str(tmp_path / "rooms" / "rosa")
    assert spawner.default_url == "/lab"
    assert spawner.args == ["--allow-root", *room_server_args(room_state(s, "rosa"))]
    RoomSpawnHook(s)(spawner)  # the room starts again later: its settings are not added twice
    assert spawner.args == ["--allow-root", *room_server_args(room_state(s, "rosa"))]
    assert "--YDocExtension.disable_rtc=False" in spawner.args
    assert "--ServerApp.terminals_enabled=False" in spawner.args
    # The collaboration history lives outside what members can open.
    assert f"--SQLiteYStore.db_path={room_state(s, 'rosa') / 'collaboration.db'}" in spawner.args
    assert not str(room_state(s, "rosa")).startswith(str(room_documents(s, "rosa")))


def test_a_persons_workspace_is_left_as_it_is(tmp_path):
    spawner = SimpleNamespace(user=SimpleNamespace(name="learner1"), args=[], home_dir="h", default_url="/units")
    RoomSpawnHook(settings(tmp_path))(spawner)
    assert (spawner.args, spawner.home_dir, spawner.default_url) == ([], "h", "/units")
    assert not hasattr(spawner, "notebook_dir")


def test_peoples_workspaces_turn_collaboration_off():
    from hub.state import WORKSPACE_SERVER_CONFIG

    assert WORKSPACE_SERVER_CONFIG["YDocExtension"] == {"disable_rtc": True}


def test_in_server_mode_a_room_runs_as_its_own_account(tmp_path):
    s = settings(tmp_path, REDSCHOOL_MODE="server")
    assert room_account(s, "rosa") == "jupyter-room-rosa"
    long_circle = "c" * 30
    cohort = parse_roster(
        f"username,display_name,role,circle\nana,Ana,learner,{long_circle}\nfay,Fay,facilitator,{long_circle}\n"
        "boss,Boss,admin,\n",
        source="r.csv",
    )
    with pytest.raises(AccountNameError) as caught:
        check_account_names(s, cohort)
    assert f"room of circle '{long_circle}' would be the account 'jupyter-room-{long_circle}' (43 characters)" in str(caught.value)


def test_a_room_opens_without_oauths_question_and_services_keep_theirs(tmp_path):
    from tests.support.hub_config import built

    for name in ("c.pem", "k.pem"):
        (tmp_path / name).write_text("not read here")
    c = built(REDSCHOOL_TLS_CERT=str(tmp_path / "c.pem"), REDSCHOOL_TLS_KEY=str(tmp_path / "k.pem"))
    assert c.JupyterHub.tornado_settings["oauth_no_confirm_list"] == {
        "jupyterhub-user-room-rosa", "jupyterhub-user-room-lucy",
        "service-rosa", "service-lucy", "service-progress", "service-operations", "service-authors",
    }
    # update_tls's own tornado settings survive.
    assert c.JupyterHub.tornado_settings["cookie_options"] == {"secure": True}
    # The rooms' hook runs first of the pre-spawn hooks (hub/authoring.py adds the authors').
    assert isinstance(c.Spawner.pre_spawn_hook.hooks[0], RoomSpawnHook)


def test_a_units_worksheets_are_an_assignment_named_after_it():
    from core.rooms import room_assignment, room_assignment_unit
    from grading.units import title_of

    assert room_assignment("bootcamp-01-where-we-stand") == "bootcamp-01-where-we-stand.room"
    assert room_assignment_unit("bootcamp-01-where-we-stand.room") == "bootcamp-01-where-we-stand"
    assert room_assignment_unit("bootcamp-01-where-we-stand") is None
    titles = {"bootcamp-01-where-we-stand": "Where we stand"}
    assert title_of("bootcamp-01-where-we-stand.room", titles) == "Where we stand: the circle's worksheets"
    assert title_of("gone.room", titles) == "gone: the circle's worksheets"


def test_only_sections_are_reviewed_and_a_rooms_own_marks_are_dropped():
    import nbformat

    from curriculum.cells import worksheet_sections
    from grading.room_review import for_review

    def board(*cells):
        return nbformat.v4.new_notebook(cells=list(cells))

    title = nbformat.v4.new_markdown_cell("# Our board", id="title")
    harder = nbformat.v4.new_markdown_cell("## Harder\n\n- ", id="harder")
    code = nbformat.v4.new_code_cell("1 + 1", id="code")
    source = board(title, harder, code)
    assert worksheet_sections(source) == ["harder"]
    forged = nbformat.v4.new_markdown_cell("## Mine", id="mine", metadata={"nbgrader": {"grade": True, "points": 99}})
    room = board(nbformat.v4.new_markdown_cell("# Our board", id="title"), forged)
    marked = for_review(room, ["harder"], source)
    # The deleted section comes back where it was; the forged marks are gone.
    assert [c.id for c in marked.cells] == ["title", "harder", "mine"]
    assert marked.cells[1].metadata["nbgrader"]["grade_id"] == "harder"
    assert "nbgrader" not in marked.cells[2].metadata and "nbgrader" not in marked.cells[0].metadata
