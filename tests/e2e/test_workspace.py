"""A learner's own server: started through our hub, usable, and closed to others."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest


@pytest.fixture(scope="module")
def learner1_server(hub):
    hub.spawn("learner1")
    yield
    hub.stop_server("learner1")


def test_learner_uses_their_own_server(hub, learner1_server):
    session = hub.login("learner1")
    lab = session.get(urljoin(hub.url, "user/learner1/lab"))
    assert lab.ok and "JupyterLab" in lab.text
    xsrf = session.cookies.get("_xsrf", path="/user/learner1/")
    created = session.put(
        urljoin(hub.url, "user/learner1/api/contents/notes.txt"),
        json={"type": "file", "format": "text", "content": "my notes"},
        headers={"X-XSRFToken": xsrf},
    )
    assert created.status_code in (200, 201), created.text
    read = session.get(urljoin(hub.url, "user/learner1/api/contents/notes.txt"))
    assert read.json()["content"] == "my notes"


@pytest.mark.parametrize("intruder", ["learner2", "learner5", "facilitator1", "author1"])
def test_others_are_refused_on_learner1s_server(hub, learner1_server, intruder):
    session = hub.login(intruder)
    response = session.get(urljoin(hub.url, "user/learner1/api/contents/notes.txt"))
    assert response.status_code in (403, 404), (intruder, response.status_code, response.url)
    assert "my notes" not in response.text
