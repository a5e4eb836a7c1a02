"""Authors' workspaces: a working copy of the shared curriculum and the `redschool` command.

Set in JupyterHub's own `Spawner.pre_spawn_hook` (beside hub/rooms.py's), for roster
authors only:

- `~/curriculum` is a clone of the shared repository (core/curriculum_repo.py), made
  when the workspace starts if it is not there (never overwritten);
- the workspace's terminal finds the project's `redschool` (the hub's own Python
  environment first on PATH), and REDSCHOOL_CURRICULUM points at the clone, so
  `redschool check`, `redschool unit new` and `redschool preview` work on it with no
  arguments. None of the hub's settings or secrets are passed: the authoring commands
  need none.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from core.cohort import Cohort
from core.curriculum_repo import CurriculumRepoError, clone_for_author
from core.layout import author_checkout
from core.settings import Settings

log = logging.getLogger(__name__)
VENV_BIN = Path(sys.executable).parent


def author_environment(settings: Settings, username: str, path: str | None = None) -> dict[str, str]:
    """What an author's workspace adds to its environment (pure)."""
    path = os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin") if path is None else path
    return {
        "REDSCHOOL_CURRICULUM": str(author_checkout(settings, username) / "curriculum"),
        "PATH": os.pathsep.join([str(VENV_BIN), *(p for p in path.split(os.pathsep) if p and p != str(VENV_BIN))]),
    }


class AuthorSpawnHook:
    """`Spawner.pre_spawn_hook` part: an author's workspace gets its working copy and commands."""

    def __init__(self, settings: Settings, cohort: Cohort):
        self.settings, self.cohort = settings, cohort

    def __call__(self, spawner) -> None:
        name = spawner.user.name
        if name not in self.cohort.usernames or not self.cohort.person(name).is_author:
            return
        spawner.environment = {**spawner.environment, **author_environment(self.settings, name)}
        try:
            made = clone_for_author(self.settings, name, self.cohort.person(name).display_name)
        except CurriculumRepoError as exc:
            # The workspace still starts; the author's home page and the log say why there is no copy.
            log.error("no curriculum working copy for %s: %s", name, exc)
            return
        if made is not None:
            log.info("cloned the shared curriculum into %s", made)


class SpawnHooks:
    """Several pre-spawn hooks, run in order (JupyterHub takes one)."""

    def __init__(self, *hooks):
        self.hooks = hooks

    def __call__(self, spawner) -> None:
        for hook in self.hooks:
            hook(spawner)
