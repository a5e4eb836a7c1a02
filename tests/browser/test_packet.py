"""The printable study packet opens in a browser with everything in place, offline."""

from __future__ import annotations

import subprocess

import pytest

from tests.support.hubprocess import VENV_BIN

UNIT = "lrs-pe-01-commodity-and-value"


@pytest.fixture(scope="module")
def packet(tmp_path_factory):
    out = tmp_path_factory.mktemp("packet")
    result = subprocess.run([str(VENV_BIN / "redschool"), "packet", UNIT, "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def test_packet_has_a_pdf(packet):
    pdf = packet / f"{UNIT}-packet.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


def test_packet_opens_with_no_broken_images_or_scripts(packet, browser_context, shoot):
    page = browser_context.new_page()
    failed, errors = [], []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto((packet / f"{UNIT}-packet.html").as_uri())
    page.wait_for_load_state("load")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()  # the charts were drawn by the embedded plotly.js
    shoot(page, "01-packet")
    assert page.locator(".rs-reading h2").count() >= 1, "the reading guides come first"
    broken = page.evaluate("() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    assert broken == []
    assert failed == [] and errors == []
    assert "Study packet" in page.title()
