"""A test's tier is the directory it lives in: tests/conftest.py marks it from there."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = Path(__file__).parents[1] / "conftest.py"


@pytest.fixture
def project(pytester, pytestconfig):
    """A project laid out like ours: our tests/conftest.py, our markers, --strict-markers."""
    markers = "".join(f"    {line}\n" for line in pytestconfig.getini("markers"))
    pytester.makeini(f"[pytest]\naddopts = --strict-markers\nmarkers =\n{markers}")
    pytester.makepyfile(**{"tests/conftest": CONFTEST.read_text()})
    return pytester


def test_a_test_file_gets_the_marker_of_its_directory(project):
    for tier in ("unit", "notebooks", "e2e", "browser"):
        project.makepyfile(**{f"tests/{tier}/test_in_{tier}": "def test_here():\n    pass\n"})
    items, _ = project.inline_genitems()
    assert {item.path.parent.name: [m.name for m in item.iter_markers()] for item in items} == {
        "unit": [],  # the fast tier has no marker
        "notebooks": ["notebooks"],
        "e2e": ["e2e"],
        "browser": ["browser"],
    }


def test_selecting_a_marker_runs_that_directory_only(project):
    for tier in ("unit", "notebooks", "e2e"):
        project.makepyfile(**{f"tests/{tier}/test_in_{tier}": "def test_here():\n    pass\n"})
    result = project.runpytest("-m", "notebooks", "-v")
    result.assert_outcomes(passed=1, deselected=2)
    result.stdout.fnmatch_lines(["tests/notebooks/test_in_notebooks.py::test_here PASSED*"])


def test_a_test_outside_the_tier_directories_is_refused(project):
    project.makepyfile(**{"tests/test_loose": "def test_here():\n    pass\n"})
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*tests/test_loose.py::test_here: a test lives in the directory of its tier*"])
