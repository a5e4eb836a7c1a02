"""A circle's review desk (nbgrader's formgrader), reached with a person's browser session."""

from __future__ import annotations

import json
from urllib.parse import urljoin


class Desk:
    """A circle's review desk (nbgrader's formgrader), reached with a person's browser session."""

    def __init__(self, hub, username: str, circle: str):
        self.session = hub.login(username)
        self.base = urljoin(hub.url, f"services/{circle}/")
        self.circle = circle
        self.first = self.session.get(self.base + "formgrader")  # completes the OAuth dance, or is refused

    def _xsrf(self) -> dict:
        return {"X-XSRFToken": self.session.cookies.get("_xsrf", path=f"/services/{self.circle}/") or ""}

    def get(self, path: str):
        return self.session.get(self.base + path)

    def post(self, path: str, **kwargs):
        return self.session.post(self.base + path, headers=self._xsrf(), **kwargs)

    def put(self, path: str, payload: dict):
        return self.session.put(self.base + path, data=json.dumps(payload), headers=self._xsrf())

    def review(self, unit: str, notebook: str, student: str, cell: str, comment: str) -> None:
        """Comment on one cell of a learner's submission and give it its point (reviewed)."""
        notebooks = self.get(f"formgrader/api/submitted_notebooks/{unit}/{notebook}").json()
        (mine,) = [n for n in notebooks if n["student"] == student]
        grades = self.get(f"formgrader/api/grades?submission_id={mine['id']}").json()
        comments = self.get(f"formgrader/api/comments?submission_id={mine['id']}").json()
        for grade in grades:
            if grade["needs_manual_grade"]:
                assert self.put(f"formgrader/api/grade/{grade['id']}", {"manual_score": grade["max_score"] if grade["name"] == cell else 0}).ok
        (target,) = [c for c in comments if c["name"] == cell]
        assert self.put(f"formgrader/api/comment/{target['id']}", {"manual_comment": comment}).ok
