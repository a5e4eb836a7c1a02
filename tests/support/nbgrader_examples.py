"""nbgrader's own example notebooks, shipped in the installed package."""

from __future__ import annotations

from pathlib import Path

import nbgrader

#: nbgrader's example assignment from its user guide: every kind of nbgrader cell.
PS1 = Path(nbgrader.__file__).parent / "docs" / "source" / "user_guide" / "source" / "ps1"
