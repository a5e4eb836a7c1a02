"""Errors raised by the exercises library.

Every error message is written for a learner: it names the argument, the value
given, the allowed range, and gives a hint about what to try next.

All errors derive from :class:`ExercisesError`, and also from the built-in
exception that fits (``ValueError``, ``KeyError``, ``FileNotFoundError``), so
code that already catches the built-in keeps working.
"""

from __future__ import annotations

__all__ = ["ExercisesError", "InvalidInput", "UnknownDataset", "DataNotFound"]


class ExercisesError(Exception):
    """Base class of every error the exercises library raises on purpose."""


class InvalidInput(ExercisesError, ValueError):
    """An argument has an impossible value (for example a negative capital).

    Example message: ``c (constant capital) must be zero or more; you gave -5.``
    """


class UnknownDataset(ExercisesError, KeyError):
    """``exercises.data.describe`` (or a loader) was asked for a data set that does not exist."""

    def __str__(self) -> str:  # KeyError would otherwise show the message in quotes
        return str(self.args[0]) if self.args else ""


class DataNotFound(ExercisesError, FileNotFoundError):
    """A data file (a raw source for the build script, or a shipped extract) is missing."""
