"""Real-browser fixtures: Playwright driving Debian's Chromium, never a downloaded browser.

Each test gets a fresh profile, and every request the pages make is recorded:
the test fails if any goes to a host other than the hub's loopback address.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS, NetworkAudit


# Package scope: Playwright's sync API keeps an event loop (and greenlets) running while
# it lives; it must be gone before any other tier's test calls asyncio.run or ast.parse.
@pytest.fixture(scope="package")
def playwright_instance():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or `apt-get install chromium`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def browser_context(playwright_instance, tmp_path):
    """A fresh Chromium profile for one test, with its network audited."""
    audit = NetworkAudit()
    context = playwright_instance.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1280, "height": 900},
    )
    context.on("request", audit.record)
    context.audit = audit
    context.set_default_timeout(60_000)
    yield context
    context.close()
    assert not audit.outside, f"requests left the machine: {audit.outside}"


@pytest.fixture
def people(playwright_instance, tmp_path):
    """Separate browsers (profiles) for separate people, each with its network audited:
    `people("learner1")` is a page in a browser of that person's own (cookies, login)."""
    contexts = []

    def open_browser(name: str):
        audit = NetworkAudit()
        context = playwright_instance.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path / name), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1400, "height": 900},
        )
        context.on("request", audit.record)
        context.audit = audit
        context.set_default_timeout(90_000)
        contexts.append(context)
        return context.pages[0] if context.pages else context.new_page()

    yield open_browser
    for context in contexts:
        context.close()
        assert not context.audit.outside, f"requests left the machine: {context.audit.outside}"


@pytest.fixture
def shoot(artifacts, request):
    """Save a full-page screenshot of a step under tests/artifacts/<test>/<step>.png."""
    folder = artifacts / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, step: str) -> Path:
        path = folder / f"{step}.png"
        # Chromium cannot capture taller than its texture limit; long pages keep their top part.
        height = page.evaluate("() => document.documentElement.scrollHeight")
        width = page.viewport_size["width"]
        page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, 12000)})
        return path

    return shoot
