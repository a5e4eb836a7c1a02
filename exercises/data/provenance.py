"""``describe``: the provenance of a data set as a short text block for a notebook cell."""

from __future__ import annotations

import textwrap

from .loaders import _dataset

__all__ = ["describe"]

_WIDTH = 88


def _field(label: str, text: str) -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=f"{label:<10}",
                         subsequent_indent=" " * 10)


def describe(name, *, show: bool = True) -> str | None:
    """Print the provenance of a data set: source, licence, citation, coverage, units.

    ``name`` is a data set name (``"us_corporate"``) or a DataFrame returned by a
    loader (its ``.attrs`` are used, so a filtered table keeps its provenance).
    Use it in a notebook's provenance cell::

        from exercises.data import describe
        describe("us_corporate")

    ``show=False`` returns the text without printing it. When it prints, it
    returns None, so a provenance cell shows the text once, not twice.
    """
    attrs = getattr(name, "attrs", None)
    if attrs is not None:
        if "source" not in attrs:
            raise _dataset_error(name)
        info = dict(attrs)
        columns = [c for c in getattr(name, "columns", []) if c in info.get("units", {})]
    else:
        dataset = _dataset(name)
        info = dataset.attrs()
        columns = [c.name for c in dataset.columns]
    units = info.get("units", {})
    meanings = info.get("descriptions", {})
    width = max((len(c) for c in columns), default=0)
    lines = [
        f"{info.get('title', '')} ({info.get('name', '')})",
        _field("Source:", info["source"]),
        _field("Licence:", info["licence"]),
        _field("Citation:", info["citation"]),
        _field("Coverage:", info["coverage"]),
    ]
    if info.get("selection"):
        lines.append(_field("Selected:", info["selection"]))
    lines.append("Columns:")
    for c in columns:
        lines.append(textwrap.fill(f"{c:<{width}}  {meanings.get(c, '')} [{units.get(c, '')}]",
                                   width=_WIDTH, initial_indent="  ",
                                   subsequent_indent=" " * (width + 4)))
    lines.append(_field("Notes:", info["notes"]))
    text = "\n".join(lines)
    if show:
        print(text)
        return None
    return text


def _dataset_error(frame):
    from ..errors import InvalidInput

    return InvalidInput(
        "name must be a data set name or a table from an exercises.data loader; you gave a table "
        "without provenance. Hint: load it with a loader such as exercises.data.us_corporate()."
    )
