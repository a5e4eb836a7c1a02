"""Submissions made with nbgrader's own ExchangeSubmit, for tests and benchmarks that
need many learners (or a tampered notebook) without driving each one's server."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path


def submit_notebook(exchange_root: Path, circle: str, unit: str, student: str, notebooks: dict[str, dict]) -> None:
    """Submit `notebooks` ({filename: notebook JSON}) as `student` to `circle`'s inbound."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeSubmit
    from traitlets.config import Config

    with tempfile.TemporaryDirectory() as home:
        work = Path(home) / circle / unit
        work.mkdir(parents=True)
        for name, nb in notebooks.items():
            (work / name).write_text(json.dumps(nb))
        config = Config()
        config.Exchange.root = str(exchange_root)
        config.Exchange.path_includes_course = True
        config.Exchange.assignment_dir = home
        config.ExchangeSubmit.cache = str(Path(home) / ".cache")
        config.CourseDirectory.course_id = circle
        config.CourseDirectory.student_id = student
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id = unit
        ExchangeSubmit(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()


def answer(nb: dict, grade_id: str, source: str) -> dict:
    """Put `source` into the cell with that nbgrader grade id (returns the same notebook)."""
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
    cell["source"] = source
    return nb


def delete_cell(nb: dict, grade_id: str) -> dict:
    nb["cells"] = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") != grade_id]
    return nb
