"""A facilitator attacking their own circle's review desk, through HTTP with their browser
session (DESIGN.md decisions 8 and 9). The desk is formgrader for reviewing and nothing
else: no kernels, sessions, terminals or files; no authoring; no script from a URL."""

from __future__ import annotations

import json

import pytest

from tests.support.desk import Desk

# A segment breaking out of formgrader's inline `var student_id = "...";` (no "/" in it: a
# slash would split the segment; %2F does not, and tornado decodes it into the id).
INJECTIONS = ('";document.title="pwned";"', '"<%2Fscript><script>document.title="pwned"<%2Fscript>')


@pytest.fixture(scope="module")
def desk(hub):
    desk = Desk(hub, "facilitator1", "rosa")
    assert desk.first.ok, desk.first.text[:500]
    return desk


def test_the_desk_starts_no_kernel(desk):
    started = desk.post("api/kernels", data=json.dumps({"name": "python3"}))
    assert started.status_code in (403, 404, 405), started.text[:300]
    assert desk.get("api/kernels").status_code in (403, 404, 405)
    assert desk.get("api/kernelspecs").status_code in (403, 404, 405)


def test_the_desk_opens_no_session_and_no_terminal(desk):
    session = desk.post("api/sessions", data=json.dumps({"path": "x.ipynb", "type": "notebook", "kernel": {"name": "python3"}}))
    assert session.status_code in (403, 404, 405), session.text[:300]
    assert desk.post("api/terminals").status_code in (403, 404, 405)
    assert desk.get("terminals/1").status_code in (403, 404, 405)


def test_the_desk_neither_writes_nor_reads_files(hub, desk):
    config = hub.data_dir / "courses" / "rosa" / "nbgrader_config.py"
    before = config.read_text() if config.exists() else None
    payload = {"type": "file", "format": "text", "content": "import os; os.system('id > /tmp/owned')"}
    assert desk.put("api/contents/nbgrader_config.py", payload).status_code in (403, 404, 405)
    assert (config.read_text() if config.exists() else None) == before
    for path in ("api/contents", "api/contents/gradebook.db", "files/gradebook.db", "view/gradebook.db",
                 "api/nbconvert", "api/config/notebook", "api/shutdown"):
        assert desk.get(path).status_code in (403, 404, 405), path
    assert desk.post("api/shutdown").status_code in (403, 404, 405)
    # nbgrader's submission file server reaches no further than the submission's folder.
    assert desk.get("formgrader/submissions/1/%2e%2e/%2e%2e/%2e%2e/gradebook.db").status_code in (403, 404)


def test_the_desk_loads_no_config_from_a_path_in_the_url(hub, desk, tmp_path):
    # nbgrader's formgrader re-initialises itself from ?path=<folder>/nbgrader_config.py.
    marker = tmp_path / "ran"
    (tmp_path / "nbgrader_config.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    desk.get(f"formgrader?path={tmp_path}")
    desk.get("formgrader/api/assignments")
    assert not marker.exists()


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("put", "formgrader/api/assignment/new-unit", {"duedate_notimezone": None}),
        ("post", "formgrader/api/assignment/lrs-pe-01-commodity-and-value/assign", None),
        ("post", "formgrader/api/assignment/lrs-pe-01-commodity-and-value/release", None),
        ("post", "formgrader/api/assignment/lrs-pe-01-commodity-and-value/unrelease", None),
        ("put", "formgrader/api/student/intruder", {"first_name": "In", "last_name": "Truder", "email": None}),
    ],
)
def test_authoring_and_enrolment_are_refused(hub, desk, method, path, body):
    response = desk.put(path, body) if method == "put" else desk.post(path)
    assert response.status_code == 403, (path, response.status_code, response.text[:300])
    students = desk.get("formgrader/api/students").json()
    assert "intruder" not in {s["id"] for s in students}
    assert not (hub.data_dir / "courses" / "rosa" / "source" / "new-unit").exists()


def test_a_url_segment_is_never_run_as_script(desk):
    for injection in INJECTIONS:
        for path in (f"formgrader/manage_students/{injection}", f"formgrader/manage_students/{injection}/x",
                     f"formgrader/manage_submissions/{injection}", f"formgrader/gradebook/{injection}",
                     f"formgrader/gradebook/{injection}/x"):
            page = desk.get(path)
            assert 'document.title="pwned"' not in page.text, (path, page.status_code)


def test_every_desk_page_sends_a_strict_content_security_policy(desk):
    for path in ("formgrader/manage_assignments", "formgrader/gradebook", "formgrader/no-such-page",
                 "formgrader/static/js/utils.js"):
        csp = desk.get(path).headers.get("Content-Security-Policy", "")
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
        assert directives.get("frame-ancestors") == "'none'", (path, csp)
        assert "script-src" in directives, (path, csp)
        assert "unsafe-inline" not in directives["script-src"] and "http" not in directives["script-src"], (path, csp)
