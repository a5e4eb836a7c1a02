"""What a person does in the browser, for the browser tier's tests (Playwright pages)."""

from __future__ import annotations


def log_in(page, hub_url: str, username: str, password: str) -> None:
    """Log in through the hub's login page, as a person does."""
    page.goto(hub_url + "hub/login")
    page.fill("#username_input", username)
    page.fill("#password_input", password)
    page.click("#login_submit")


def type_into_cell(page, placeholder: str, text: str) -> None:
    """Click into the code cell that shows `placeholder`, replace its text, as a person types."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".cm-content", has_text=placeholder)).first
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def write_reflection(page, stub: str, text: str) -> None:
    """Write `text` in the first reflection still showing nbgrader's `stub`: a Markdown answer
    cell, edited by double-clicking it, rendered again with Shift-Enter."""
    page.locator(".jp-MarkdownCell .jp-RenderedMarkdown", has_text=stub).first.dblclick()
    editor = page.locator(".jp-MarkdownCell:not(.jp-mod-rendered) .cm-content").first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Shift+Enter")


def run_all_cells(page, menu: str = "Run", item: str = "Run All Cells") -> None:
    """JupyterLab's Run › Run All Cells (`menu` and `item` as the interface's language says them)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).click()
    page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).click()
    # Done when every code cell shows an execution number, none a star.
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
                   return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }""",
        timeout=240_000,
    )


# --- a facilitator at their circle's review desk (nbgrader's formgrader) ------------------


def desk_collect(page, row) -> None:
    """Press Collect on a unit's `row` of Manage Assignments and wait for nbgrader's own
    "Successfully collected" (the dialog stays open for a screenshot: desk_close_dialog)."""
    row.locator("td.collect a").click()
    page.locator(".modal-dialog", has_text="Successfully collected").wait_for()


def desk_close_dialog(page) -> None:
    page.locator(".modal-dialog button", has_text="OK").first.click()
    page.locator(".modal-dialog").wait_for(state="hidden")


def desk_autograde(page, hub_url: str, circle: str, unit: str, learner: str) -> None:
    """Autograde `learner`'s submission from Manage Submissions; done when its score shows."""
    page.goto(hub_url + f"services/{circle}/formgrader/manage_submissions/{unit}")
    page.locator("#main-table tr", has_text=learner).locator("td.autograde a").click()
    page.locator("#main-table tr", has_text=learner).locator("td", has_text="/").first.wait_for(timeout=180_000)


def desk_open_first_submission(page, hub_url: str, circle: str, unit: str, comment_field: str) -> None:
    """Open the unit's first submission at Manual Grading, and wait until its script has loaded
    the grades and comments into the fields: typing before that is overwritten by what it loads."""
    page.goto(hub_url + f"services/{circle}/formgrader/gradebook/{unit}/{unit}")
    with page.expect_response(lambda r: "/formgrader/api/comments" in r.url) as comments_loaded:
        page.locator('a[href*="/formgrader/submissions/"]').first.click()
    assert comments_loaded.value.ok
    page.locator(comment_field).wait_for()
    page.wait_for_load_state("networkidle")


def desk_comment(page, comment_field: str, text: str):
    """Write a comment on a reflection. The desk saves when the field loses focus, and a comment
    also marks the reflection read (its one point, through nbgrader's grade API): returns the
    server's answers to both, (comment saved, grade saved)."""
    page.fill(comment_field, text)
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT") as saved, \
            page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as read:
        page.keyboard.press("Tab")
    return saved.value, read.value
