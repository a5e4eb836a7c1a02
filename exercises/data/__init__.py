"""Real data sets with provenance, shipped as compact extracts.

Each loader returns a pandas DataFrame whose ``.attrs`` say where it came from
(``source``, ``licence``, ``citation``, ``coverage``, ``notes``) and what its
numbers mean (``units``, ``descriptions``). ``describe(name)`` prints that for a
notebook's provenance cell::

    from exercises.data import us_corporate, describe
    df = us_corporate()
    describe("us_corporate")

The extracts are built from the raw files in ``../shared/data`` by
``python -m exercises.data.build``. Importing this package does not import pandas.
"""

from .loaders import (
    datasets,
    load,
    penn_world_table,
    productivity_pay,
    reserve_army,
    us_corporate,
    us_prison_population,
    us_productivity_wages,
)
from .provenance import describe
from .registry import DATASETS, Column, Dataset

__all__ = [
    "us_corporate",
    "productivity_pay",
    "penn_world_table",
    "reserve_army",
    "us_prison_population",
    "us_productivity_wages",
    "load",
    "datasets",
    "describe",
    "DATASETS",
    "Dataset",
    "Column",
]
