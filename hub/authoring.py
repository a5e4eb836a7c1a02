"""Authors' workspaces: a working copy of the shared curriculum and the `redschool` command.

Set in JupyterHub's own `Spawner.pre_spawn_hook` (beside hub/rooms.py's), for roster
authors only:

- `~/curriculum` is a clone of the shared repository (core/curriculum_repo.py), made
  when the workspace starts if it is not there (never overwritten);
- the workspace's terminal finds the project's `redschool` (the hub's own Python
  environment first on PATH; Jupyter's terminal starts a login shell, whose
  /etc/profile resets PATH, so authors' terminals start an interactive shell that reads
  the usual bashrc files and then puts it back), and REDSCHOOL_CURRICULUM points at the clone, so
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
from core.curriculum_repo import CurriculumRepoError, clone_for_author, trust_shared_repo
from core.layout import AUTHOR_CHECKOUT, author_checkout, authors_config_dir
from core.settings import Settings

log = logging.getLogger(__name__)
VENV_BIN = Path(sys.executable).parent


SHELL_RC = "bashrc"


def shell_rc() -> str:
    """The rc file of an author's terminal: the machine's and the author's own bashrc,
    then the hub's Python environment first on PATH (whatever those set)."""
    return (
        "# Red School: an author's terminal (hub/authoring.py). `redschool` comes from the hub's environment.\n"
        "[ -f /etc/bash.bashrc ] && . /etc/bash.bashrc\n"
        "[ -f \"$HOME/.bashrc\" ] && . \"$HOME/.bashrc\"\n"
        f"export PATH=\"{VENV_BIN}:$PATH\"\n"
    )


def author_server_config(settings: Settings) -> dict:
    rc = authors_config_dir(settings) / SHELL_RC
    return {"ServerApp": {"terminado_settings": {"shell_command": ["/bin/bash", "--rcfile", str(rc), "-i"]}}}


def ensure_author_config(settings: Settings) -> None:
    """Write the authors' Jupyter settings and shell rc file (idempotent)."""
    import json

    folder = authors_config_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in (
        (folder / "jupyter_server_config.json", json.dumps(author_server_config(settings), indent=2) + "\n"),
        (folder / SHELL_RC, shell_rc()),
    ):
        if not path.exists() or path.read_text() != text:
            path.write_text(text)


def author_environment(settings: Settings, username: str, path: str | None = None, config_path: str = "") -> dict[str, str]:
    """What an author's workspace adds to its environment (pure): their copy of the curriculum,
    `redschool` on PATH, and the authors' Jupyter settings before everyone's."""
    path = os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin") if path is None else path
    return {
        "REDSCHOOL_CURRICULUM": str(author_checkout(settings, username) / "curriculum"),
        "PATH": os.pathsep.join([str(VENV_BIN), *(p for p in path.split(os.pathsep) if p and p != str(VENV_BIN))]),
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            [str(authors_config_dir(settings)), *(p for p in config_path.split(os.pathsep) if p and p != str(authors_config_dir(settings)))]
        ),
        **trust_shared_repo(settings),
    }


class AuthorSpawnHook:
    """`Spawner.pre_spawn_hook` part: an author's workspace gets its working copy and commands."""

    def __init__(self, settings: Settings, cohort: Cohort):
        self.settings, self.cohort = settings, cohort

    def __call__(self, spawner) -> None:
        name = spawner.user.name
        if name not in self.cohort.usernames or not self.cohort.person(name).is_author:
            return
        env = dict(spawner.environment)
        config_path = env.get("JUPYTER_CONFIG_PATH", "")
        if callable(config_path):  # a value JupyterHub computes per person (hub/language.py): compute it now
            config_path = config_path(spawner)
        env.update(author_environment(self.settings, name, config_path=config_path))
        spawner.environment = env
        # An author has no circle, so My units would be empty: open JupyterLab on their copy instead.
        spawner.default_url = "/lab"
        try:
            made = clone_for_author(self.settings, name, self.cohort.person(name).display_name)
        except CurriculumRepoError as exc:
            # The workspace still starts; the author's home page and the log say why there is no copy.
            log.error("no curriculum working copy for %s: %s", name, exc)
            return
        spawner.default_url = f"/lab/tree/{AUTHOR_CHECKOUT}"
        if made is not None:
            log.info("cloned the shared curriculum into %s", made)


class SpawnHooks:
    """Several pre-spawn hooks, run in order (JupyterHub takes one)."""

    def __init__(self, *hooks):
        self.hooks = hooks

    def __call__(self, spawner) -> None:
        for hook in self.hooks:
            hook(spawner)
