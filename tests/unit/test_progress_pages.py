"""The progress pages carry no inline script and send a Content-Security-Policy that
allows only the service's own scripts and no framing (DESIGN.md decision 9)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.cohort import load_roster
from core.pages import CONTENT_SECURITY_POLICY, render_page
from core.settings import DEMO_ROSTER, Settings
from grading.progress_service import PAGES, figure_data, make_app
from grading.records import CircleRecords, Record, Stage

SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def records() -> CircleRecords:
    learners, units = ("learner1", "learner2"), ("lrs-pe-01-commodity-and-value",)
    at = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    return CircleRecords("rosa", learners, units, {(l, u): Record(l, u, Stage.FETCHED, at) for l in learners for u in units})


def test_the_policy_allows_only_our_own_scripts_and_no_framing():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'none'"


def test_the_circle_page_has_no_inline_script():
    circle = records()
    page = render_page(
        PAGES, "progress_circle.html.j2", title="t", prefix="/services/progress/", home_url="/hub/home",
        circle="rosa", outcome="", figure=figure_data([circle]),
        section={"circle": "rosa", "behind": [], "counts": []}, rows=[], desk_url="/services/rosa/formgrader",
        xsrf_form_html="",
        room_rows=[{"unit": "u", "title": "U", "worksheets": "our-board.ipynb", "state": "not collected yet"}],
    )
    scripts = SCRIPT.findall(page)
    assert scripts, "the page has its scripts"
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert 'id="progress-heatmap-data"' in page and "learner1" in page
    assert 'action="/services/progress/circle/rosa/room/u/collect"' in page  # the room's buttons are forms, not scripts


def test_the_heatmap_speaks_its_readers_language():
    english, spanish = figure_data([records()]), figure_data([records()], language="es")
    assert english["layout"]["title"]["text"] == "Who has reached which step, unit by unit"
    assert spanish["layout"]["title"]["text"] == "Hasta qué paso llegó cada persona, unidad por unidad"
    assert [a["text"] for a in spanish["layout"]["annotations"]] == ["Círculo rosa"]
    (trace,) = spanish["data"]
    assert trace["colorbar"]["title"]["text"] == "etapa"
    assert trace["colorbar"]["ticktext"][0] == "sin abrir" and "feedback returned" not in trace["colorbar"]["ticktext"]
    assert {cell for row in trace["text"] for cell in row} == {"abierta"}  # fetched, in Spanish
    assert {cell for row in english["data"][0]["text"] for cell in row} == {"fetched"}


@pytest.mark.parametrize("path", ["/services/progress/", "/services/progress/circle/rosa"])
def test_every_answer_carries_the_policy(path, tmp_path, monkeypatch):
    """Even the answer to someone not logged in (a redirect to the hub's login)."""
    from tornado.httpclient import AsyncHTTPClient
    from tornado.testing import bind_unused_port
    import asyncio

    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "test-token")
    monkeypatch.setenv("JUPYTERHUB_CLIENT_ID", "service-progress")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/progress/")
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://127.0.0.1:1/hub/api")
    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path)})

    async def fetch():
        from tornado.httpserver import HTTPServer

        sock, port = bind_unused_port()
        server = HTTPServer(make_app(settings, load_roster(DEMO_ROSTER)))
        server.add_sockets([sock])
        try:
            return await AsyncHTTPClient().fetch(f"http://127.0.0.1:{port}{path}", follow_redirects=False, raise_error=False)
        finally:
            server.stop()

    response = asyncio.run(fetch())
    assert response.code in (302, 403), response.code
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_where_a_rooms_worksheets_are_is_said_in_the_readers_language(tmp_path, monkeypatch):
    from grading import room_review

    monkeypatch.setenv("REDSCHOOL_DATA_DIR", str(tmp_path))
    settings = Settings.from_env()
    assert room_review.room_work_state(settings, "lucy", "bootcamp-01-where-we-stand") == "not collected yet"
    assert room_review.room_work_state(settings, "lucy", "bootcamp-01-where-we-stand", "es") == "todavía sin recoger"
    monkeypatch.setattr(room_review, "_state", lambda *args: ("collected", 2))
    assert room_review.room_work_state(settings, "lucy", "u") == "collected; 2 sections waiting for your review"
    assert room_review.room_work_state(settings, "lucy", "u", "es") == "recogida; 2 secciones esperan tu revisión"
    monkeypatch.setattr(room_review, "_state", lambda *args: ("collected", 1))
    assert room_review.room_work_state(settings, "lucy", "u") == "collected; 1 section waiting for your review"
