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
