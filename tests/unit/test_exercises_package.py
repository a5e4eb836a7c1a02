"""Package-level promises: a light import, a complete __all__, working doctests."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "plotly", "ipywidgets")


@pytest.mark.parametrize("statement", [
    "import exercises",
    "import exercises.models",
    "import exercises.data",
    "from exercises import ValueComposition, describe; ValueComposition(410, 90, 90)",
    # Even the chart and explorer modules wait until a chart or explorer is made.
    "import exercises.charts, exercises.explorers, exercises.measures",
    # Worksheets load ipywidgets and plotly only when a form or chart is made.
    "from exercises import worksheets; worksheets.ForcesTable.parse(issue='x', forces=[{'name': 'a'}]).problems()",
])
def test_import_is_light(statement):
    code = f"{statement}; import sys; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{statement!r} imported {out.stdout.strip()}"


def test_all_names_resolve():
    import exercises

    for name in exercises.__all__:
        assert getattr(exercises, name) is not None, name
    for sub in ("models", "data", "measures", "charts", "explorers", "worksheets"):
        module = importlib.import_module(f"exercises.{sub}")
        for name in module.__all__:
            assert hasattr(module, name), f"exercises.{sub}.{name}"
    with pytest.raises(AttributeError):
        exercises.no_such_name  # noqa: B018


DOCTEST_MODULES = [
    "exercises._checks",
    "exercises._format",
    "exercises.models.value",
    "exercises.models.working_day",
    "exercises.models.snlt",
    "exercises.models.profit_rate",
    "exercises.models.reproduction",
    "exercises.models.transformation",
    "exercises.data.loaders",
    "exercises.measures",
]


@pytest.mark.parametrize("name", DOCTEST_MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no worked examples"
    assert result.failed == 0
