"""What a person does in the browser, for the browser tier's tests (Playwright pages)."""

from __future__ import annotations


def log_in(page, hub_url: str, username: str, password: str) -> None:
    """Log in through the hub's login page, as a person does."""
    page.goto(hub_url + "hub/login")
    page.fill("#username_input", username)
    page.fill("#password_input", password)
    page.click("#login_submit")
