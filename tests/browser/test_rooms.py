"""Circle rooms in a real browser (issue 14): two people of rosa's circle, each in their own
browser, type into the circle's board and see each other's words arrive live, with the
writer's roster name on the cursor; their facilitator joins and sees both. Someone from
another circle is turned away."""

from __future__ import annotations

import time

import pytest

from tests.support.browser import log_in
from tests.support.hubprocess import USER_PASSWORD, own_hub, redschool

UNIT = "bootcamp-01-where-we-stand"
BOARD_URL = f"user/room-rosa/lab/tree/{UNIT}/our-board.ipynb"
HARDER, POSSIBLE = 2, 3  # the board's cells "what has become harder" and "... possible"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "browser-rooms")
    hub.start()
    assert redschool(hub, "release", UNIT, "--all").returncode == 0
    yield hub
    hub.stop()


def open_board(page, hub, username: str) -> None:
    """Log in, follow the home page's room link, open the board."""
    log_in(page, hub.url, username, USER_PASSWORD)
    page.goto(hub.url + "hub/home")
    page.click("#circle-rooms a.rs-room[data-circle='rosa']")
    page.wait_for_url("**/user/room-rosa/lab**", timeout=180_000)
    page.goto(hub.url + BOARD_URL)
    page.wait_for_selector(".jp-Notebook .jp-Cell")


def cell(page, index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def edit(page, index: int) -> None:
    cell(page, index).dblclick()
    cell(page, index).locator(".cm-content").wait_for()


def type_at_end(page, index: int, text: str) -> None:
    cell(page, index).locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def seconds_until_seen(page, index: int, text: str, within: float = 2) -> float:
    """Seconds until `text` shows in cell `index` of `page`; fails after `within` seconds
    (2 s while both people are in the room: the issue's bound)."""
    start = time.monotonic()
    page.wait_for_function(
        # A page just opened may not have rendered cell `i` yet: keep waiting, do not fail.
        "([i, text]) => { const c = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];"
        " return !!c && c.innerText.includes(text); }",
        arg=[index, text], timeout=within * 1000,
    )
    return time.monotonic() - start


def test_two_people_type_together_and_their_facilitator_sees_both(hub, people, shoot):
    ana, ben = people("ana"), people("ben")
    open_board(ana, hub, "learner1")
    open_board(ben, hub, "learner2")
    for page in (ana, ben):
        edit(page, HARDER)
        edit(page, POSSIBLE)

    type_at_end(ana, HARDER, " Ana: the depot drivers' sick-pay fight")
    seconds_until_seen(ben, HARDER, "Ana: the depot drivers' sick-pay fight")
    # Ana's cursor carries her roster name, in her colour, on Ben's screen.
    flag = ben.locator(".jp-remote-userFlag-name", has_text="Ana (learner)")
    flag.first.wait_for()
    shoot(ben, "1400-ben-sees-ana-typing")

    type_at_end(ben, POSSIBLE, " Ben: tenants meet in the laundry room now")
    seconds_until_seen(ana, POSSIBLE, "Ben: tenants meet in the laundry room now")
    ana.locator(".jp-remote-userFlag-name", has_text="Ben (learner)").first.wait_for()
    shoot(ana, "1400-ana-sees-ben-typing")

    ines = people("ines")
    open_board(ines, hub, "facilitator1")
    # Joining, she receives the document as it is now (the first sync of a page just opened).
    seconds_until_seen(ines, HARDER, "Ana: the depot drivers' sick-pay fight", within=30)
    seconds_until_seen(ines, POSSIBLE, "Ben: tenants meet in the laundry room now", within=30)
    # Who is here: the collaboration panel lists both by name.
    ines.click(".jp-SideBar .lm-TabBar-tab[data-id='jp-collaboration-panel']")
    here = ines.locator(".jp-CollaboratorsList")
    here.get_by_text("Ana (learner)").wait_for()
    here.get_by_text("Ben (learner)").wait_for()
    shoot(ines, "1400-facilitator-sees-who-is-here")


def test_someone_from_another_circle_is_turned_away(hub, people, shoot):
    esi = people("esi")
    log_in(esi, hub.url, "learner5", USER_PASSWORD)
    esi.goto(hub.url + "hub/home")
    # Her home page offers her own circle's room, not rosa's.
    assert esi.locator("#circle-rooms a.rs-room").evaluate_all("links => links.map(a => a.dataset.circle)") == ["lucy"]
    refused = esi.goto(hub.url + "user/room-rosa/lab")
    assert refused.status == 403
    assert "Our board" not in esi.content()
    shoot(esi, "1400-learner5-refused")


def test_the_facilitator_collects_the_board_and_the_circle_reads_the_comments_in_the_room(hub, people, shoot):
    from tests.support.desk import Desk

    ines = people("ines")
    log_in(ines, hub.url, "facilitator1", USER_PASSWORD)
    ines.goto(hub.url + "services/progress/circle/rosa")
    room_work = ines.locator("#room-work + p + table")
    room_work.get_by_text("not collected yet").wait_for()
    room_work.get_by_role("button", name="Collect for review").click()
    ines.get_by_text("collected; 6 sections waiting for your review").wait_for(timeout=180_000)
    shoot(ines, "1400-facilitator-collected-the-board")
    # She reads and comments at the desk (nbgrader's formgrader; its own pages are tested elsewhere).
    desk = Desk(hub, "facilitator1", "rosa")
    (submission,) = desk.get(f"formgrader/api/submitted_notebooks/{UNIT}.room/our-board").json()
    for grade in desk.get(f"formgrader/api/grades?submission_id={submission['id']}").json():
        assert desk.put(f"formgrader/api/grade/{grade['id']}", {"manual_score": 1}).ok
    comments = desk.get(f"formgrader/api/comments?submission_id={submission['id']}").json()
    (harder,) = [c for c in comments if c["name"] == "b7cd4ea2"]
    assert desk.put(f"formgrader/api/comment/{harder['id']}", {"manual_comment": "Which of these could the circle take on together?"}).ok
    ines.goto(hub.url + "services/progress/circle/rosa")
    ines.get_by_role("button", name="Return comments to the room").click()
    ines.wait_for_load_state()
    shoot(ines, "1400-facilitator-returned-the-comments")
    ines.get_by_text("feedback returned to the room").wait_for(timeout=180_000)
    # The circle opens it in the room: the comment, rendered, under its section.
    ana = people("ana")
    open_board(ana, hub, "learner1")
    ana.goto(hub.url + f"user/room-rosa/lab/tree/{UNIT}/our-board-feedback.ipynb")
    ana.locator(".jp-MarkdownOutput blockquote", has_text="Which of these could the circle take on together?").wait_for()
    shoot(ana, "1400-circle-reads-the-comments-in-the-room")
