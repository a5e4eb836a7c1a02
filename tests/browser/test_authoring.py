"""An author in a real browser, on a hub of its own.

First, the authors' page alone: author1 logs in, follows "Units and releases" from the
home page, sees every unit with its check and releases, releases Bootcamp session 1 to
rosa, and sees the page say so; the Release button says it is working while the release
runs.

Then the whole journey of issue 19, on another unit so the two never meet: author1 edits
a unit in JupyterLab's editor, runs the check in JupyterLab's terminal and reads its
problem list there, fixes it, commits and pushes, and releases to rosa from the authors'
page; learner1, in a browser of their own, sees the new version on My units. learner1
then starts the unit, author1 changes it again, and the release is refused without naming
anyone, while learner1 keeps what they fetched.

Screenshots go to tests/artifacts/<test>/."""

from __future__ import annotations

import json

import pytest
import requests
import yaml

from core.cohort import load_roster
from core.layout import UNIT_CARD
from tests.support.browser import log_in
from tests.support.hubprocess import DEMO_ROSTER, ROOT, USER_PASSWORD, own_hub, redschool

UNIT = "bootcamp-01-where-we-stand"


@pytest.fixture(scope="module")
def authoring_hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "authoring-browser")
    hub.start()
    yield hub
    hub.stop()


def test_author1_releases_a_unit_to_rosa_from_their_home_page(authoring_hub, browser_context, shoot):
    hub = authoring_hub
    page = browser_context.new_page()
    log_in(page, hub.url, "author1", USER_PASSWORD)
    page.goto(hub.url + "hub/home")
    curriculum = page.locator("#curriculum")
    assert "~/curriculum" in curriculum.inner_text()
    shoot(page, "1-home")

    curriculum.locator("#authors-page").click()
    page.wait_for_url("**/services/authors/")
    row = page.locator(f'tr.unit[data-unit="{UNIT}"]')
    assert row.get_attribute("data-check") == "ok" and "passes" in row.inner_text()
    rosa = row.locator('td.release[data-circle="rosa"]')
    assert "not released" in rosa.inner_text()
    assert page.locator("tr.unit").count() >= 20  # every unit of the shipped curriculum
    shoot(page, "2-units")

    button = rosa.get_by_role("button", name="Release to rosa")
    button.click()
    page.wait_for_selector("#outcome", timeout=180_000)
    outcome = page.locator("#outcome")
    assert "circle rosa: released" in outcome.inner_text()
    assert "refused" not in (outcome.get_attribute("class") or "")
    rosa = page.locator(f'tr.unit[data-unit="{UNIT}"] td.release[data-circle="rosa"]')
    assert rosa.get_attribute("data-released") == "yes" and rosa.get_attribute("data-changed") == "no"
    assert "released 20" in rosa.inner_text()
    lucy = page.locator(f'tr.unit[data-unit="{UNIT}"] td.release[data-circle="lucy"]')
    assert "not released" in lucy.inner_text()
    assert (hub.data_dir / "exchange" / "rosa" / "outbound" / UNIT).is_dir()
    shoot(page, "3-released")


# --- the author's journey ---------------------------------------------------------------

JOURNEY_UNIT = "bootcamp-03-how-capitalism-makes-profit"
MANIFEST = f"curriculum/bootcamp/{JOURNEY_UNIT}/unit.yaml"  # in the project and in ~/curriculum
# The new summary, typed in two lines of the folded YAML scalar: each stays shorter than the
# editor is wide, so Home and End move along the line a person sees.
SENTENCE = "Where profit comes from: the working day split into paid and unpaid hours."
NOTE = "(Writer: one sentence on the model learners play with.)"
FIX = "Learners move the sliders of a small model, then measure US corporations since 1929."
LATER = "Learners move the sliders of a small model, then read the rate of surplus value since 1929."
NEW_SUMMARY = f"{SENTENCE} {FIX}"
# The terminal's rows as xterm.js's screen-reader mode lays them out for assistive technology
# (the visible terminal is drawn on a canvas, which has no text to read).
SCREEN_ROWS = "() => [...document.querySelectorAll('.jp-Terminal .xterm-accessibility-tree > div')].map(r => r.textContent).join('\\n')"
IN_ORDER = """([texts]) => {
  const screen = [...document.querySelectorAll('.jp-Terminal .xterm-accessibility-tree > div')]
    .map(r => r.textContent).join('').replace(/\\s+/g, '');
  let at = 0;
  for (const text of texts) {
    const wanted = text.replace(/\\s+/g, ''), found = screen.indexOf(wanted, at);
    if (found < 0) return false;
    at = found + wanted.length;
  }
  return at < screen.length && /[$#]$/.test(screen);  // and the prompt is back after them
}"""


def summary_lines(text: str) -> tuple[int, int]:
    """(first, last) line numbers, from 1, of the manifest's folded `summary: >-` text."""
    lines = text.splitlines()
    first = lines.index("summary: >-") + 2
    last = first
    while lines[last].startswith("  "):  # lines[last] is line last + 1
        last += 1
    return first, last


def open_from_file_browser(page, *steps: tuple[str, str]) -> None:
    """Double-click each name in JupyterLab's file browser; each step waits for a name only the
    folder it opened holds, so the next double-click never lands on the folder left behind."""
    listing = page.locator(".jp-DirListing-content")
    for name, inside in steps:
        listing.get_by_text(name, exact=True).dblclick()
        if inside:
            listing.get_by_text(inside, exact=True).wait_for()


def type_over_lines(page, line_text: str, text: str, *, down: int = 0) -> None:
    """In the open editor, select from the start of the line showing `line_text` (after its
    indentation) to the end of the line `down` lines below, and type `text` over it."""
    page.locator(".jp-FileEditor .cm-line", has_text=line_text).click()
    page.keyboard.press("Home")
    for _ in range(down):
        page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+End")
    page.keyboard.type(text)


def save(page, path: str) -> None:
    with page.expect_response(lambda r: r.url.split("?")[0].endswith(f"/api/contents/{path}") and r.request.method == "PUT" and r.ok):
        page.keyboard.press("Control+S")


def switch_to(page, tab: str) -> None:
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=tab).click()


def run_in_terminal(page, command: str, *expected: str, timeout: float = 240_000) -> str:
    """Type `command` at the terminal's prompt, wait until `expected` show on its screen in
    that order followed by the prompt, and return the screen. Spaces are ignored: a long line
    wraps over rows."""
    switch_to(page, "Terminal 1")
    page.locator(".jp-Terminal").click()
    page.keyboard.type(command)
    page.keyboard.press("Enter")
    try:
        page.wait_for_function(IN_ORDER, arg=[list(expected)], timeout=timeout)
    except Exception as exc:
        raise AssertionError(f"{expected} did not show on the terminal; it shows:\n{page.evaluate(SCREEN_ROWS)}") from exc
    return page.evaluate(SCREEN_ROWS)


def card_text(page) -> str:
    """What My units says about the unit, its lines run together."""
    return " ".join(page.locator(f'.rs-unit[data-unit="{JOURNEY_UNIT}"]').inner_text().split())


def release_to_rosa(page):
    row = page.locator(f'tr.unit[data-unit="{JOURNEY_UNIT}"]')
    row.locator('td.release[data-circle="rosa"]').get_by_role("button", name="Release again to rosa").click()
    page.wait_for_selector("#outcome", timeout=180_000)
    return page.locator("#outcome")


def test_author1_edits_checks_fixes_and_releases_and_learner1_sees_it_or_keeps_their_copy(authoring_hub, people, shoot):
    hub = authoring_hub
    project_manifest = (ROOT / MANIFEST).read_text()
    old_summary = " ".join(yaml.safe_load(project_manifest)["summary"].split())
    first, last = summary_lines(project_manifest)
    # An earlier version is out: the circle has the unit as the project ships it.
    released = redschool(hub, "release", JOURNEY_UNIT, "--circle", "rosa")
    assert released.returncode == 0, released.stderr

    learner = people("learner1")
    log_in(learner, hub.url, "learner1", USER_PASSWORD)
    learner.wait_for_url("**/user/learner1/units", timeout=180_000)
    assert old_summary in card_text(learner)
    shoot(learner, "01-learner1-has-the-old-version")

    # 1. author1 opens their workspace: JupyterLab, on their copy of the curriculum.
    author = people("author1")
    log_in(author, hub.url, "author1", USER_PASSWORD)
    author.wait_for_url("**/hub/home")
    author.click("#start")
    author.wait_for_url("**/user/author1/lab/tree/curriculum**", timeout=180_000)
    # The terminal's screen-reader mode, set as JupyterLab's Settings Editor saves it: its rows
    # are then text on the page as well as pixels on a canvas.
    token = hub.token_for("author1")
    saved = requests.put(hub.url + "user/author1/lab/api/settings/@jupyterlab/terminal-extension:plugin",
                         json={"raw": json.dumps({"screenReaderMode": True})}, headers={"Authorization": f"token {token}"}, timeout=60)
    assert saved.status_code == 204, saved.text
    author.reload()  # JupyterLab reads its settings as it loads
    author.locator(".jp-DirListing-content").get_by_text("readings", exact=True).wait_for()  # the copy's folders
    open_from_file_browser(author, ("curriculum", "bootcamp"), ("bootcamp", JOURNEY_UNIT),
                           (JOURNEY_UNIT, "unit.yaml"), ("unit.yaml", ""))
    first_summary_line = project_manifest.splitlines()[first - 1].strip()
    author.locator(".jp-FileEditor .cm-line", has_text=first_summary_line).wait_for()
    # A new summary, with a note to finish later.
    type_over_lines(author, first_summary_line, f"{SENTENCE}\n{NOTE}", down=last - first)
    save(author, MANIFEST.replace("curriculum/", "curriculum/curriculum/", 1))
    home = hub.data_dir / "homes" / "author1"
    lines = project_manifest.splitlines(keepends=True)
    expected = "".join(lines[: first - 1]) + f"  {SENTENCE}\n  {NOTE}\n" + "".join(lines[last:])
    assert (home / "curriculum" / MANIFEST).read_text() == expected  # what was typed, and nothing else
    shoot(author, "02-author1-edits-the-summary")

    # 2. The check, in JupyterLab's terminal, lists the note with its file and line.
    author.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    author.locator(".lm-Menu-itemLabel").get_by_text("New", exact=True).hover()
    author.locator(".lm-Menu-itemLabel").get_by_text("Terminal", exact=True).click()
    author.wait_for_function(IN_ORDER, arg=[[]], timeout=120_000)  # its prompt: the shell is there to type into
    screen = run_in_terminal(author, "cd ~/curriculum && redschool check --static",
                             f"{MANIFEST}:{first + 1}:", f'still here: "{NOTE}"', "redschool check: 1 problem")
    shoot(author, "03-the-check-lists-the-note")
    assert "Traceback" not in screen

    # 3. The note is written out in the editor; the check passes; the change is shared.
    switch_to(author, "unit.yaml")
    type_over_lines(author, NOTE, FIX)
    save(author, MANIFEST.replace("curriculum/", "curriculum/curriculum/", 1))
    run_in_terminal(author, "redschool check --static", "redschool check: all good")
    shoot(author, "04-the-check-passes")
    run_in_terminal(author, "git commit -am 'Bootcamp 3: a summary learners can act on' && git push origin HEAD",
                    "] Bootcamp 3: a summary learners can act on", "HEAD -> main")
    shoot(author, "05-pushed")

    # 4. From the home page to the authors' page: the pushed unit passes, and is changed since
    # its release to rosa; the release goes out.
    authors = author.context.new_page()
    authors.goto(hub.url + "hub/home")
    authors.click("#authors-page")
    authors.wait_for_url("**/services/authors/")
    row = authors.locator(f'tr.unit[data-unit="{JOURNEY_UNIT}"]')
    assert row.get_attribute("data-check") == "ok" and "passes" in row.inner_text()
    rosa = row.locator('td.release[data-circle="rosa"]')
    assert rosa.get_attribute("data-changed") == "yes" and "changed since" in rosa.inner_text()
    shoot(authors, "06-authors-page-changed-since")
    outcome = release_to_rosa(authors)
    assert "circle rosa: released" in outcome.inner_text(), outcome.inner_text()
    assert "refused" not in (outcome.get_attribute("class") or "")
    rosa = authors.locator(f'tr.unit[data-unit="{JOURNEY_UNIT}"] td.release[data-circle="rosa"]')
    assert rosa.get_attribute("data-changed") == "no"
    shoot(authors, "07-released-to-rosa")

    # 5. learner1 sees the new version.
    learner.reload()
    text = card_text(learner)
    assert NEW_SUMMARY in text and old_summary not in text
    shoot(learner, "08-learner1-sees-the-new-version")

    # 6. learner1 starts it; author1 changes it again; the release is refused and learner1
    # keeps the copy they fetched.
    learner.locator(f'.rs-unit[data-unit="{JOURNEY_UNIT}"]').get_by_role("button", name="Start this unit").click()
    learner.wait_for_url(f"**/user/learner1/lab/tree/rosa/{JOURNEY_UNIT}/**", timeout=180_000)
    switch_to(author, "unit.yaml")
    type_over_lines(author, FIX, LATER)
    save(author, MANIFEST.replace("curriculum/", "curriculum/curriculum/", 1))
    run_in_terminal(author, "git commit -am 'Bootcamp 3: name the rate' && git push origin HEAD",
                    "] Bootcamp 3: name the rate", "HEAD -> main")
    authors.goto(hub.url + "services/authors/")
    assert authors.locator(f'tr.unit[data-unit="{JOURNEY_UNIT}"] td.release[data-circle="rosa"]').get_attribute("data-changed") == "yes"
    outcome = release_to_rosa(authors)
    words = outcome.inner_text()
    assert "refused" in (outcome.get_attribute("class") or "")
    assert "1 learner of the circle already fetched it" in words, words
    learner1 = next(p.display_name for p in load_roster(DEMO_ROSTER).people if p.username == "learner1")
    assert "learner1" not in authors.content() and learner1 not in authors.content()
    shoot(authors, "09-refused-learner1-fetched-it")
    card = json.loads((hub.data_dir / "exchange" / "rosa" / "outbound" / JOURNEY_UNIT / UNIT_CARD).read_text())
    assert " ".join(card["summary"].split()) == NEW_SUMMARY  # the refused release wrote nothing
    learner.goto(hub.url + "user/learner1/units")
    text = card_text(learner)
    assert NEW_SUMMARY in text and LATER not in text
    assert learner.locator(f'.rs-unit[data-unit="{JOURNEY_UNIT}"]').get_attribute("data-status") == "in progress"
    shoot(learner, "10-learner1-keeps-what-they-fetched")
