"""Red School exercises: Marxist political economy you can compute and see.

What learners import in their notebooks:

- ``exercises.models``: the value composition of capital, the working day,
  socially necessary labour time, the tendency of the rate of profit to fall,
  reproduction schemes, the transformation of values into prices (pure Python);
- ``exercises.data``: real data sets with provenance (``describe(name)``
  prints source, licence, units and citation for a provenance cell);
- ``exercises.measures``: Marxian measures computed from the data sets;
- ``exercises.charts``: plotly charts in one house style, rendered offline;
- ``exercises.explorers``: ipywidgets explorers a learner drags.

``import exercises`` is light: pandas, plotly and ipywidgets load only when a
function needs them. The model names are available at the top level too::

    from exercises import ValueComposition
    ValueComposition(c=410, v=90, s=90).rate_of_profit   # 0.18
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import DataNotFound, ExercisesError, InvalidInput, UnknownDataset

__version__ = "0.1.0"

_SUBMODULES = ("models", "data", "measures", "charts", "explorers", "worksheets", "errors")

# Public name -> module that defines it; imported on first use (PEP 562).
_LAZY = {
    name: "exercises.models"
    for name in (
        "ValueComposition", "total_value", "rate_of_surplus_value", "organic_composition",
        "rate_of_profit", "WorkingDay", "absolute_surplus_value", "relative_surplus_value",
        "Producer", "socially_necessary_labour_time", "simulate_profit_rate",
        "ReproductionScheme", "simulate_expanded_reproduction", "MARX_SIMPLE_EXAMPLE",
        "MARX_EXPANDED_EXAMPLE", "Sector", "transform_values", "MARX_FIVE_SECTORS",
    )
}
_LAZY.update({"describe": "exercises.data"})

__all__ = [
    "ExercisesError", "InvalidInput", "UnknownDataset", "DataNotFound",
    *_SUBMODULES[:-1],
    *_LAZY,
]

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from . import charts, data, explorers, measures, models
    from .data import describe
    from .models import (
        MARX_EXPANDED_EXAMPLE, MARX_FIVE_SECTORS, MARX_SIMPLE_EXAMPLE, Producer,
        ReproductionScheme, Sector, ValueComposition, WorkingDay, absolute_surplus_value,
        organic_composition, rate_of_profit, rate_of_surplus_value, relative_surplus_value,
        simulate_expanded_reproduction, simulate_profit_rate, socially_necessary_labour_time,
        total_value, transform_values,
    )


def __getattr__(name: str):
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'exercises' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
