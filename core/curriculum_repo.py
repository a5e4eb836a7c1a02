"""The curriculum team's shared git repository, and each author's working copy of it.

    <data folder>/curriculum-repo/      a git repository with a working tree:
        curriculum/<programme>/<unit>/  the programmes, as in the project's curriculum/
        readings/                       the reading guides (the check finds them beside curriculum/)

The hub seeds it once, at its first start, from the curriculum it releases from
(REDSCHOOL_CURRICULUM); after that it is the authors', and never rewritten. Pushes
to it update its working tree (git's `receive.denyCurrentBranch=updateInstead`), so
the authors' page reads what was last pushed without a checkout step of our own.
An author's workspace gets a clone at `~/curriculum` when it starts, if there is
none yet: an author's own work is never overwritten.

Git itself does the work (history, merges, pushes); this module only runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .layout import author_checkout, curriculum_repo
from .settings import Settings

# The file that makes a folder a programme (curriculum.models.PROGRAMME_MANIFEST_NAME;
# core may not import curriculum, a unit test keeps the two equal).
PROGRAMME_MANIFEST = "programme.yaml"
READINGS = "readings"
BRANCH = "main"
SEED_AUTHOR = ("Red School", "red-school@localhost")


class CurriculumRepoError(RuntimeError):
    """Git failed on the shared repository or a working copy; the message says which and why."""


def git(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, account: str | None = None) -> str:
    """Run git (as the system `account` when given: server mode, run by root); its output,
    or CurriculumRepoError with git's own words."""
    if shutil.which("git") is None:
        raise CurriculumRepoError("git is not installed on this machine; install it (apt-get install git) and restart the hub")
    as_user: dict = {}
    if account is not None:
        import pwd

        entry = pwd.getpwnam(account)
        as_user = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": os.getgrouplist(account, entry.pw_gid)}
        env = {"HOME": entry.pw_dir, "USER": account, **(env or {})}
        cwd = cwd or Path(entry.pw_dir)  # somewhere the account may be (the hub's own folder is root's)
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}, **as_user,
    )
    if result.returncode != 0:
        raise CurriculumRepoError(f"git {' '.join(args)} failed in {cwd or os.getcwd()}: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def trust_shared_repo(settings: Settings) -> dict[str, str]:
    """Git settings (as environment variables, which git counts as command-line settings) that let
    an author's account use the shared repository though another account owns it (server
    mode: root) in commands run there directly; for clones and pushes, see trust_in_own_config."""
    repo = curriculum_repo(settings)
    # Both: git names the working tree when pushing to it, and its .git folder when cloning it.
    return {"GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": str(repo),
            "GIT_CONFIG_KEY_1": "safe.directory", "GIT_CONFIG_VALUE_1": str(repo / ".git")}


def trust_in_own_config(settings: Settings, account: str) -> None:
    """Server mode: the shared repository is root's, so git refuses it to an author's account
    ("dubious ownership") unless their own git settings trust it. Git does not pass settings
    given in the environment on to the upload-pack and receive-pack it runs inside the
    repository for a clone or a push, so they go in the author's ~/.gitconfig (once)."""
    repo = curriculum_repo(settings)
    try:
        trusted = git("config", "--global", "--get-all", "safe.directory", account=account).split()
    except CurriculumRepoError:
        trusted = []  # no such setting yet
    for path in (str(repo), str(repo / ".git")):
        if path not in trusted:
            git("config", "--global", "--add", "safe.directory", path, account=account)


def _author_env(name: str, email: str) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


def programme_folders(curriculum: Path) -> list[Path]:
    """The programme folders of a curriculum folder (the project's own also holds Python code)."""
    if not curriculum.is_dir():
        return []
    return sorted(p for p in curriculum.iterdir() if (p / PROGRAMME_MANIFEST).is_file())


def seed_shared_repo(settings: Settings) -> bool:
    """Create the shared repository from REDSCHOOL_CURRICULUM if it does not exist yet.
    True if it was made now. Built beside its final place and moved there in one step,
    so a failed seed leaves nothing half-made."""
    repo = curriculum_repo(settings)
    if (repo / ".git").exists():
        return False
    source = Path(settings.curriculum)
    programmes = programme_folders(source)
    if not programmes:
        raise CurriculumRepoError(f"{source} has no programme folders (with {PROGRAMME_MANIFEST}) to seed the shared curriculum from; set REDSCHOOL_CURRICULUM")
    repo.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".curriculum-repo-", dir=repo.parent))
    try:
        ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc")
        for programme in programmes:
            shutil.copytree(programme, staging / "curriculum" / programme.name, ignore=ignore)
        readings = source.resolve().parent / READINGS
        if readings.is_dir():
            shutil.copytree(readings, staging / READINGS, ignore=ignore)
        # Server mode: writable by the authors' group only (git keeps new objects group-writable).
        shared = ["--shared=group"] if settings.mode == "server" else []
        git("init", "--quiet", f"--initial-branch={BRANCH}", *shared, cwd=staging)
        git("config", "receive.denyCurrentBranch", "updateInstead", cwd=staging)
        git("add", "--all", cwd=staging)
        git("commit", "--quiet", "-m", f"The curriculum as the hub first released it (from {source})", cwd=staging, env=_author_env(*SEED_AUTHOR))
        os.chmod(staging, 0o755 if settings.mode == "server" else 0o700)
        staging.rename(repo)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return True


def clone_for_author(settings: Settings, username: str, display_name: str) -> Path | None:
    """Clone the shared repository to the author's `~/curriculum` if it is not there yet.
    The clone's commits are signed with the author's roster name. Returns the new clone,
    or None when the author already has one (theirs to keep, whatever state it is in)."""
    dest = author_checkout(settings, username)
    if dest.exists():
        return None
    repo = curriculum_repo(settings)
    if not (repo / ".git").exists():
        raise CurriculumRepoError(f"the shared curriculum repository {repo} does not exist yet; restart the hub to seed it")
    # Server mode: the hub runs as root; the clone is made by, and belongs to, the author's account.
    account = settings.account_of(username) if settings.mode == "server" and os.geteuid() == 0 else None
    if account is None:
        dest.parent.mkdir(parents=True, exist_ok=True)
    else:
        trust_in_own_config(settings, account)
    git("clone", "--quiet", str(repo), str(dest), account=account, env=trust_shared_repo(settings))
    git("config", "user.name", display_name, cwd=dest, account=account)
    git("config", "user.email", f"{username}@red-school.invalid", cwd=dest, account=account)
    return dest
