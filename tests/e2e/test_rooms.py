"""Circle rooms on a live hub (issue 14): who gets in, what a room holds, and that the
circle's work survives a re-release, a stopped room and a hub restart.

The live typing between two people is in tests/browser/test_rooms.py."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urljoin

import pytest
import requests
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from core.layout import room_documents, room_state
from core.settings import Settings
from tests.support.collab import CollabClient
from tests.support.hubprocess import Hub, own_hub, redschool

UNIT = "bootcamp-01-where-we-stand"
BOARD = f"{UNIT}/our-board.ipynb"
ROOM = "user/room-rosa/"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "rooms")
    hub.start()
    yield hub
    hub.stop()
    assert not hub.stray_processes()


@pytest.fixture(scope="module")
def released(hub):
    done = redschool(hub, "release", UNIT, "--all")
    assert done.returncode == 0, done.stderr
    return done.stdout


def settings_of(hub: Hub) -> Settings:
    return Settings.from_env(hub.env)


def in_room(hub: Hub, username: str) -> requests.Session:
    """`username` opens rosa's room as the home page's link does: the hub starts it if it is
    stopped, then OAuth lets them in (no question asked: it is their circle's)."""
    session = hub.login(username)
    for _ in range(240):  # the spawn-pending page refreshes itself in a browser
        opened = session.get(urljoin(hub.url, "hub/spawn/room-rosa"), timeout=120)
        if "/user/room-rosa/lab" in opened.url and opened.status_code == 200:
            break
        asyncio.run(asyncio.sleep(0.5))
    assert opened.status_code == 200 and opened.url.endswith("/user/room-rosa/lab"), (opened.status_code, opened.url)
    return session


def room_api(session: requests.Session, hub: Hub, method: str, path: str, **kwargs) -> requests.Response:
    xsrf = session.cookies.get("_xsrf", path="/user/room-rosa/") or ""
    return session.request(method, urljoin(hub.url, ROOM + path), headers={"X-XSRFToken": xsrf}, timeout=60, **kwargs)


def websocket_status(hub: Hub, session: requests.Session | None, path: str) -> int:
    """The HTTP status of a websocket handshake with `session`'s cookies (101: let in)."""
    url = urljoin(hub.url.replace("http", "ws", 1), ROOM + path)
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies) if session else ""

    async def attempt():
        try:
            connection = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies}, follow_redirects=False))
        except HTTPClientError as exc:
            await asyncio.sleep(0.2)  # let tornado close the refused connection's socket
            return exc.code
        connection.close()
        while await connection.read_message() is not None:  # until the close is done
            pass
        return 101

    return asyncio.run(attempt())


def board_text(hub: Hub, circle: str = "rosa") -> str:
    return (room_documents(settings_of(hub), circle) / BOARD).read_text()


def test_releasing_a_unit_puts_its_worksheet_in_both_circles_rooms(hub, released):
    assert f"rosa's room: {BOARD} placed" in released and f"lucy's room: {BOARD} placed" in released
    for circle in ("rosa", "lucy"):
        assert "# Our board" in board_text(hub, circle)


def test_a_member_sees_their_name_and_the_board(hub, released):
    ana = in_room(hub, "learner1")
    me = room_api(ana, hub, "GET", "api/me").json()["identity"]
    assert (me["username"], me["display_name"]) == ("learner1", "Ana (learner)")
    assert me["color"].startswith("#")
    listing = room_api(ana, hub, "GET", f"api/contents/{UNIT}").json()
    assert [item["name"] for item in listing["content"]] == ["our-board.ipynb"]
    # Collaboration is on in the room, and terminals are off.
    page = room_api(ana, hub, "GET", "lab").text
    assert '"disableRTC": false' in page
    assert room_api(ana, hub, "POST", "api/terminals").status_code in (403, 404)


def test_the_facilitator_comes_in_too(hub, released):
    ines = in_room(hub, "facilitator1")
    assert room_api(ines, hub, "GET", f"api/contents/{BOARD}").status_code == 200


@pytest.mark.parametrize("outsider", ["learner5", "author1", "facilitator2", None])
def test_only_the_circle_gets_in(hub, released, outsider):
    in_room(hub, "learner1")  # the room is running
    member = hub.login("learner1")
    member.get(urljoin(hub.url, ROOM + "lab"), timeout=60)
    session = hub.login(outsider) if outsider else requests.Session()
    # The room's pages and its contents, kernels and sessions APIs.
    page = session.get(urljoin(hub.url, ROOM + "lab"), timeout=60)
    assert page.status_code == 403 or "/hub/login" in page.url, (outsider, page.status_code, page.url)
    for path in (f"api/contents/{BOARD}", "api/kernels", "api/sessions", "api/me"):
        response = session.get(urljoin(hub.url, ROOM + path), timeout=60, allow_redirects=False)
        assert response.status_code in (302, 403), (outsider, path, response.status_code)
        assert "Our board" not in response.text
    assert session.post(urljoin(hub.url, ROOM + "api/kernels"), timeout=60).status_code == 403
    # The collaboration websocket: a member's handshake succeeds, an outsider's is refused.
    session_id = room_api(member, hub, "PUT", f"api/collaboration/session/{BOARD}",
                          data=json.dumps({"format": "json", "type": "notebook"})).json()
    room_path = f"api/collaboration/room/json:notebook:{session_id['fileId']}"
    assert websocket_status(hub, member, room_path) == 101
    assert websocket_status(hub, session, room_path) in (302, 403)
    # Nor may they start or stop the room through the hub.
    if outsider:
        assert session.get(urljoin(hub.url, "hub/spawn/room-rosa"), timeout=60).status_code in (403, 404)
        token = hub.token_for(outsider)
        assert hub.api(token, "DELETE", "users/room-rosa/server").status_code in (403, 404)


def test_a_persons_own_workspace_has_no_collaboration(hub, released):
    from tests.support.hubprocess import LearnerServer

    learner2 = LearnerServer(hub, "learner2")
    assert '"disableRTC": true' in learner2.get("lab").text


def stop_room(hub: Hub) -> None:
    """Stop rosa's room as the idle culler does, and wait until it has stopped."""
    token = hub.token_for("admin")
    assert hub.api(token, "DELETE", "users/room-rosa/server").status_code in (202, 204)
    for _ in range(120):
        if not hub.api(token, "GET", "users/room-rosa").json().get("servers"):
            return
        asyncio.run(asyncio.sleep(0.5))
    raise TimeoutError("rosa's room did not stop")


def _write_on_board(hub: Hub, who: str, line: str) -> None:
    session = in_room(hub, who)
    notebook = room_api(session, hub, "GET", f"api/contents/{BOARD}").json()["content"]
    notebook["cells"][1]["source"] += line
    saved = room_api(session, hub, "PUT", f"api/contents/{BOARD}",
                     data=json.dumps({"type": "notebook", "format": "json", "content": notebook}))
    assert saved.status_code == 200, saved.text


async def _typed_together(hub: Hub) -> float:
    """learner1 and learner2 edit the board live, through the collaboration websocket;
    the seconds learner1's typing took to reach learner2."""
    ana = CollabClient(in_room(hub, "learner1"), urljoin(hub.url, ROOM), BOARD)
    ben = CollabClient(in_room(hub, "learner2"), urljoin(hub.url, ROOM), BOARD)
    await ana.connect()
    await ben.connect()
    try:
        await ana.type(2, "\n- Ana, live: the night shift walked out")
        seconds = await ben.wait_for(lambda: "Ana, live: the night shift walked out" in ben.source(2), 10)
        await ben.type(3, "\n- Ben, live: the tenants' union grew")
        await ana.wait_for(lambda: "Ben, live: the tenants' union grew" in ana.source(3), 10)
        return seconds
    finally:
        await ana.close()
        await ben.close()


def test_the_circles_work_survives_release_stop_and_restart(hub, released):
    _write_on_board(hub, "learner1", "Ana: the Oakland warehouse drive")
    # A re-release (even a forced one) keeps it.
    again = redschool(hub, "release", UNIT, "--circle", "rosa", "--force")
    assert again.returncode == 0 and f"rosa's room: {BOARD} kept as the circle left it" in again.stdout
    assert "Ana: the Oakland warehouse drive" in board_text(hub)
    # The room's server is stopped (as the idle culler does), and opened again.
    stop_room(hub)
    ana = in_room(hub, "learner1")
    assert "Ana: the Oakland warehouse drive" in room_api(ana, hub, "GET", f"api/contents/{BOARD}").text
    # The hub restarts.
    hub.stop()
    hub.start()
    ana = in_room(hub, "learner2")
    assert "Ana: the Oakland warehouse drive" in room_api(ana, hub, "GET", f"api/contents/{BOARD}").text
    # The collaboration history is kept in the room's state folder, never among its documents.
    assert asyncio.run(_typed_together(hub)) < 2
    state = room_state(settings_of(hub), "rosa")
    assert (state / "collaboration.db").exists()
    assert not list(room_documents(settings_of(hub), "rosa").rglob("*.db"))
    # What was typed live reached the file, and survives the room's next start.
    for _ in range(40):
        if "Ben, live: the tenants' union grew" in board_text(hub):
            break
        asyncio.run(asyncio.sleep(0.5))
    assert "Ana, live: the night shift walked out" in board_text(hub)
    stop_room(hub)
    ben = in_room(hub, "learner2")
    assert "Ben, live: the tenants' union grew" in room_api(ben, hub, "GET", f"api/contents/{BOARD}").text


def _room_work(session: requests.Session, hub: Hub, circle: str, action: str) -> requests.Response:
    xsrf = session.cookies.get("_xsrf", path="/services/progress/") or ""
    return session.post(urljoin(hub.url, f"services/progress/circle/{circle}/room/{UNIT}/{action}"), data={"_xsrf": xsrf}, timeout=180)


def test_the_facilitator_collects_the_board_comments_and_the_room_receives_it(hub, released):
    from tests.support.desk import Desk

    _write_on_board(hub, "learner2", "Ben: the laundry-room meetings")
    ines = hub.login("facilitator1")
    page = ines.get(urljoin(hub.url, "services/progress/circle/rosa"), timeout=60)
    assert "The circle's worksheets" in page.text and "not collected yet" in page.text
    # Only rosa's facilitators (and admins) may collect or return, and only with the page's XSRF token.
    for outsider in ("facilitator2", "learner1", "author1"):
        other = hub.login(outsider)
        other.get(urljoin(hub.url, "services/progress/"), timeout=60)
        assert _room_work(other, hub, "rosa", "collect").status_code == 403, outsider
    assert ines.post(urljoin(hub.url, f"services/progress/circle/rosa/room/{UNIT}/collect"), timeout=60).status_code == 403

    collected = _room_work(ines, hub, "rosa", "collect")
    assert collected.status_code == 200, collected.text[:500]
    assert "The circle&#39;s worksheets of Where we stand: collected — comment on it" in collected.text
    assert "collected; 6 sections waiting for your review" in collected.text
    # On the desk, the room is the submission's author and the assignment is named after the unit.
    desk = Desk(hub, "facilitator1", "rosa")
    assert "Where we stand: the circle&#39;s worksheets" in desk.get("formgrader/manage_assignments").text
    assignment = f"{UNIT}.room"
    (submission,) = desk.get(f"formgrader/api/submitted_notebooks/{assignment}/our-board").json()
    assert (submission["student"], submission["first_name"]) == ("room-rosa", "The rosa circle, together")
    cells = desk.get(f"formgrader/submissions/{submission['id']}").text
    assert "Ben: the laundry-room meetings" in cells

    waiting = _room_work(ines, hub, "rosa", "return")
    assert "waiting for review — 6 sections not marked read yet at the review desk" in waiting.text
    grades = desk.get(f"formgrader/api/grades?submission_id={submission['id']}").json()
    for grade in grades:
        assert desk.put(f"formgrader/api/grade/{grade['id']}", {"manual_score": 1}).ok
    comments = desk.get(f"formgrader/api/comments?submission_id={submission['id']}").json()
    (harder,) = [c for c in comments if c["name"] == "b7cd4ea2"]
    assert desk.put(f"formgrader/api/comment/{harder['id']}", {"manual_comment": "Bring the laundry room to session 2."}).ok

    returned = _room_work(ines, hub, "rosa", "return")
    assert f"returned — in the room: {UNIT}/our-board-feedback.ipynb" in returned.text
    assert "feedback returned to the room" in returned.text
    # The circle reads it in the room; the other circle's room has none.
    ana = in_room(hub, "learner1")
    feedback = room_api(ana, hub, "GET", f"api/contents/{UNIT}/our-board-feedback.ipynb").json()["content"]
    sources = [c["source"] for c in feedback["cells"]]
    assert "> **Your facilitator:**\n>\n> Bring the laundry room to session 2." in sources
    assert not (room_documents(settings_of(hub), "lucy") / UNIT / "our-board-feedback.ipynb").exists()


def test_an_admin_can_do_the_same_at_the_terminal(hub, released):
    waiting = redschool(hub, "room", "return", UNIT, "--circle", "lucy")
    assert waiting.returncode == 1 and "Traceback" not in waiting.stderr
    assert waiting.stdout.strip() == f"lucy's room, {UNIT}: cannot (not collected yet: collect the worksheets first)"
    no_sheets = redschool(hub, "room", "collect", "lrs-pe-01-commodity-and-value", "--circle", "lucy")
    assert no_sheets.stdout.strip() == "lucy's room, lrs-pe-01-commodity-and-value: cannot (the unit has no circle worksheets)"


def test_a_member_brings_a_notebook_of_their_own_into_the_room(hub, released):
    """What JupyterLab's *Download* in their workspace and *Upload* in the room do: the
    contents API of each server, each reached with the member's own login."""
    from tests.support.hubprocess import LearnerServer

    mine = LearnerServer(hub, "learner1")
    notebook = {"cells": [{"cell_type": "markdown", "id": "ana-1", "metadata": {}, "source": "## Ana's chart of the depot"}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    xsrf = mine.session.cookies.get("_xsrf", path="/user/learner1/")
    saved = mine.session.put(mine.base + "api/contents/depot.ipynb", headers={"X-XSRFToken": xsrf},
                             data=json.dumps({"type": "notebook", "format": "json", "content": notebook}))
    assert saved.status_code in (200, 201), saved.text
    downloaded = mine.get("api/contents/depot.ipynb").json()["content"]
    ana = in_room(hub, "learner1")
    uploaded = room_api(ana, hub, "PUT", "api/contents/depot.ipynb",
                        data=json.dumps({"type": "notebook", "format": "json", "content": downloaded}))
    assert uploaded.status_code in (200, 201), uploaded.text
    # The whole circle sees it in the room; it is a copy: her own stays hers.
    ben = in_room(hub, "learner2")
    assert "Ana's chart of the depot" in room_api(ben, hub, "GET", "api/contents/depot.ipynb").text
    assert (room_documents(settings_of(hub), "rosa") / "depot.ipynb").is_file()
    assert mine.get("api/contents/depot.ipynb").status_code == 200
