"""Checks answer in one friendly line: an IPython extension loaded in learners' kernels.

A check cell is a locked cell of ``assert condition, "hint"`` lines whose first line
is ``# Checks your answer`` (in a Spanish notebook, ``# Comprueba tu respuesta``). Left to IPython, a failed assert prints a traceback
that lists the whole cell (the other hints and the hidden threshold too) with the
kind hint on its last line, and a passing check prints nothing. With this
extension (``--ext=exercises.check_reporter``, set in the learners' kernel spec):

- a failed check shows one line, ``Not yet: <the hint of the assert that failed>``;
  it is still an error, so the notebook stops there and nbgrader grades it the same;
- a passing check says so: ``Right: this answer passes its checks.``;
- every other cell behaves exactly as IPython makes it.

It uses IPython's public doors only: ``set_custom_exc`` and the ``pre_run_cell`` /
``post_run_cell`` events. The wording is shared with review pages through
``one_line_hint`` (grading.review_outputs keeps its own copy of the rule so that
``exercises`` stays importable without grading, and the tests check both agree).

The lines speak the workspace's language (``REDSCHOOL_LANGUAGE``, which the hub sets for
each person). ``exercises`` imports no other room, so its five sentences keep their own
copy of their translations (``WORDS``), marked for the platform's catalog like every other
string; a test checks the copy says what the catalog says. The hint itself is the unit's
own words, in the language of the notebook.
"""

from __future__ import annotations

import os

LANGUAGE_ENV = "REDSCHOOL_LANGUAGE"
CHECK_CELL_FIRST_LINE = "# Checks your answer"
#: The same first line in each language a unit is translated into (a Spanish notebook's
#: checks begin "# Comprueba tu respuesta"); grading.review_outputs keeps the same pair.
CHECK_CELL_FIRST_LINES = (CHECK_CELL_FIRST_LINE, "# Comprueba tu respuesta")
RIGHT = "Right: this answer passes its checks."
NOT_YET_DEFAULT = "Not yet: this answer does not pass its check. Look at the worked example above it and try again."

__all__ = ["is_check_source", "one_line_hint", "load_ipython_extension", "unload_ipython_extension"]


def is_check_source(source: str) -> bool:
    first = (source or "").lstrip().split("\n", 1)[0].strip()
    return first.lower().startswith(tuple(line.lower() for line in CHECK_CELL_FIRST_LINES))


# The catalog's translations of the sentences below (core/locale/es/LC_MESSAGES/redschool.po).
WORDS = {
    "es": {
        "Not yet: this answer does not pass its check. Look at the worked example above it and try again.":
            "Todavía no: esta respuesta no pasa su comprobación. Mira el ejemplo resuelto de arriba e inténtalo de nuevo.",
        "Not yet: %(hint)s": "Todavía no: %(hint)s",
        "Not yet: the check stopped with %(error)s: %(detail)s. Run your answer cell, then this one.":
            "Todavía no: la comprobación se detuvo con %(error)s: %(detail)s. Ejecuta la celda de tu respuesta y luego esta.",
        "Not yet: the check stopped with %(error)s. Run your answer cell, then this one.":
            "Todavía no: la comprobación se detuvo con %(error)s. Ejecuta la celda de tu respuesta y luego esta.",
        "Right: this answer passes its checks.": "Bien: esta respuesta pasa sus comprobaciones.",
    }
}


def _(message: str, language: str = "en") -> str:
    """`message` in `language` (marked for the platform's catalog by this name)."""
    return WORDS.get(language, {}).get(message, message)


def one_line_hint(ename: str, evalue: str, language: str = "en") -> str:
    """What a failed check says: its own hint, never the code of the check."""
    evalue = " ".join((evalue or "").split())
    if ename == "AssertionError":
        if not evalue:
            return _("Not yet: this answer does not pass its check. Look at the worked example above it and try again.", language)
        return _("Not yet: %(hint)s", language) % {"hint": evalue}
    if evalue:
        return _("Not yet: the check stopped with %(error)s: %(detail)s. Run your answer cell, then this one.", language) % {
            "error": ename, "detail": evalue}
    return _("Not yet: the check stopped with %(error)s. Run your answer cell, then this one.", language) % {"error": ename}


class _Reporter:
    def __init__(self, shell, language: str = "en") -> None:
        self.shell = shell
        self.in_check = False
        self.language = language

    def pre_run_cell(self, info) -> None:
        self.in_check = is_check_source(getattr(info, "raw_cell", "") or "")

    def post_run_cell(self, result) -> None:
        if self.in_check and result.success:
            print(_("Right: this answer passes its checks.", self.language))
        self.in_check = False

    def handle(self, shell, etype, evalue, tb, tb_offset=None):
        if not self.in_check:
            return shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)
        # An error output with a one-line traceback: the front end shows the line, and
        # the cell still counts as failed for nbgrader and for "Run All".
        shell._showtraceback(etype, evalue, [one_line_hint(etype.__name__, str(evalue), self.language)])
        return None


_ACTIVE: dict[int, _Reporter] = {}


def load_ipython_extension(shell) -> None:
    if id(shell) in _ACTIVE:
        return
    reporter = _Reporter(shell, os.environ.get(LANGUAGE_ENV, "en"))
    _ACTIVE[id(shell)] = reporter
    shell.events.register("pre_run_cell", reporter.pre_run_cell)
    shell.events.register("post_run_cell", reporter.post_run_cell)
    # Every exception passes through here, so the check cell's NameError is one line too.
    shell.set_custom_exc((Exception,), reporter.handle)


def unload_ipython_extension(shell) -> None:
    reporter = _ACTIVE.pop(id(shell), None)
    if reporter is None:
        return
    shell.events.unregister("pre_run_cell", reporter.pre_run_cell)
    shell.events.unregister("post_run_cell", reporter.post_run_cell)
    shell.set_custom_exc((), None)
