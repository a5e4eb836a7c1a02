"""Where things live in the data folder: one definition for each path and name.

    courses/<circle>/                      the circle's nbgrader course (gradebook.db, source, release,
                                           submitted, autograded, feedback)
    exchange/<circle>/outbound/<unit>/     what learners fetch
    exchange/<circle>/inbound/<learner>+<unit>+<timestamp>[+<random>]/   what they submitted
    exchange/<circle>/feedback/            feedback released to learners
    desk-homes/<circle>/                   HOME of the circle's review desk
    rooms/<circle>/                        the circle's room (core/rooms.py): its HOME;
      documents/                           what the circle works on together (the room's root)
      state/                               collaboration history and file ids (SQLite), kept
                                           out of the documents so nobody downloads or edits them
    jupyterhub.sqlite, jupyterhub_cookie_secret, proxy_auth_token, operations_api_token, *.pid
                                           the hub's database, secrets and process ids
    numeric-ids.json                       Kubernetes: each account's numeric id (core/numeric_ids.py)
    backups/                               `redschool backup`'s default folder and its last-backup record
    curriculum-repo/                       the curriculum team's shared git repository (curriculum/, readings/)
    languages.json                         the language each person chose on their home page (core/languages.py)
    jupyter-config/language-<language>/    Jupyter settings a workspace in that language reads first
    jupyter-data/lab-settings/<language>/  JupyterLab's settings defaults for a workspace in that language
    <home of a learner>/<circle>/<unit>/   the copy a learner fetched
    <home of an author>/curriculum/        the author's clone of curriculum-repo/

Pure: paths are computed, nothing is read or written here.
"""

from __future__ import annotations

from pathlib import Path

from .settings import Settings

GRADEBOOK = "gradebook.db"
HUB_DATABASE = "jupyterhub.sqlite"
# nbgrader's filesystem exchange names an inbound submission <learner>+<unit>+<timestamp>[+<random>].
SUBMISSION_SEPARATOR = "+"
# Beside a released unit's notebooks: its card (title, summary, time, readings) for the
# learner's "My units" page, and its reading guides in a sub-folder; both travel with the unit.
UNIT_CARD = ".unit.json"
READINGS_FOLDER = "readings"


def hub_database_path(settings: Settings) -> Path:
    return settings.data_dir / HUB_DATABASE


def hub_database_url(settings: Settings) -> str:
    return f"sqlite:///{hub_database_path(settings)}"


def cookie_secret_path(settings: Settings) -> Path:
    return settings.data_dir / "jupyterhub_cookie_secret"


def proxy_token_path(settings: Settings) -> Path:
    return settings.data_dir / "proxy_auth_token"


def operations_token_path(settings: Settings) -> Path:
    """The API token of the `operations` service, which `redschool status` and `learner erase` use too."""
    return settings.data_dir / "operations_api_token"


def secret_files(settings: Settings) -> tuple[Path, ...]:
    """Files in the data folder that are secrets (a backup leaves them out unless asked)."""
    return (cookie_secret_path(settings), proxy_token_path(settings), operations_token_path(settings))


def hub_pid_path(settings: Settings) -> Path:
    return settings.data_dir / "jupyterhub.pid"


def proxy_pid_path(settings: Settings) -> Path:
    return settings.data_dir / "proxy.pid"


def numeric_ids_path(settings: Settings) -> Path:
    """Kubernetes: the numeric id of every account, which pods run as (core/numeric_ids.py)."""
    return settings.data_dir / "numeric-ids.json"


def language_choices_path(settings: Settings) -> Path:
    """The languages people chose on their home page, which win over the roster's."""
    return settings.data_dir / "languages.json"


def language_config_dir(settings: Settings, language: str) -> Path:
    """Jupyter settings that workspaces in `language` find first on JUPYTER_CONFIG_PATH."""
    return settings.data_dir / "jupyter-config" / f"language-{language}"


def lab_settings_dir(settings: Settings, language: str) -> Path:
    """JupyterLab's application settings (its `overrides.json`) for workspaces in `language`."""
    return settings.workspace_data_dir / "lab-settings" / language


def backups_dir(settings: Settings) -> Path:
    return settings.data_dir / "backups"


def last_backup_record(settings: Settings) -> Path:
    """What the last finished backup was (path, time, size), for `redschool status`."""
    return backups_dir(settings) / "last-backup.json"


def course_dir(settings: Settings, circle_id: str) -> Path:
    return settings.courses_dir / circle_id


def gradebook_path(settings: Settings, circle_id: str) -> Path:
    return course_dir(settings, circle_id) / GRADEBOOK


def gradebook_url(settings: Settings, circle_id: str) -> str:
    return f"sqlite:///{gradebook_path(settings, circle_id)}"


def desk_homes_dir(settings: Settings) -> Path:
    return settings.data_dir / "desk-homes"


def desk_home(settings: Settings, circle_id: str) -> Path:
    """HOME of the circle's review desk."""
    return desk_homes_dir(settings) / circle_id


def outbound_dir(settings: Settings, circle_id: str, unit_id: str | None = None) -> Path:
    """The circle's outbound folder, or one released unit in it."""
    folder = settings.exchange_dir / circle_id / "outbound"
    return folder / unit_id if unit_id else folder


def inbound_dir(settings: Settings, circle_id: str) -> Path:
    return settings.exchange_dir / circle_id / "inbound"


def released_feedback_dir(settings: Settings, circle_id: str) -> Path:
    """Where nbgrader's exchange puts feedback for learners to fetch."""
    return settings.exchange_dir / circle_id / "feedback"


def course_feedback_dir(settings: Settings, circle_id: str, learner: str, unit_id: str | None = None) -> Path:
    """Feedback generated in the course, before it is released (a learner's, or one unit's)."""
    folder = course_dir(settings, circle_id) / "feedback" / learner
    return folder / unit_id if unit_id else folder


def fetched_dir(settings: Settings, circle_id: str, username: str) -> Path:
    """Where a learner's fetched units of a circle are (path_includes_course: <home>/<circle>)."""
    return settings.home_of(username) / circle_id


def fetched_copy(settings: Settings, circle_id: str, unit_id: str, username: str) -> Path:
    """Where nbgrader puts the copy a learner fetches (path_includes_course: <home>/<circle>/<unit>)."""
    return fetched_dir(settings, circle_id, username) / unit_id


def submission_pattern(learner: str, unit_id: str) -> str:
    """A glob matching one learner's submission folders of one unit in an inbound."""
    return f"{learner}{SUBMISSION_SEPARATOR}{unit_id}{SUBMISSION_SEPARATOR}*"


def submitted_dir(settings: Settings, circle_id: str, learner: str, unit_id: str | None = None) -> Path:
    """The learner's submissions (or one unit's) as nbgrader's collect copied them into the course."""
    folder = course_dir(settings, circle_id) / "submitted" / learner
    return folder / unit_id if unit_id else folder


def autograded_dir(settings: Settings, circle_id: str, learner: str, unit_id: str | None = None) -> Path:
    folder = course_dir(settings, circle_id) / "autograded" / learner
    return folder / unit_id if unit_id else folder


def released_dir(settings: Settings, circle_id: str, unit_id: str) -> Path:
    """The student version in the course, as nbgrader generated it."""
    return course_dir(settings, circle_id) / "release" / unit_id


def inbound_submissions(settings: Settings, circle_id: str, learner: str, unit_id: str) -> list[Path]:
    """Every submission folder of `learner` for `unit_id` in the circle's inbound, oldest name first."""
    inbound = inbound_dir(settings, circle_id)
    return sorted(inbound.glob(submission_pattern(learner, unit_id))) if inbound.is_dir() else []


def rooms_dir(settings: Settings) -> Path:
    return settings.data_dir / "rooms"


def room_dir(settings: Settings, circle_id: str) -> Path:
    """The circle's room: its server's HOME."""
    return rooms_dir(settings) / circle_id


def room_documents(settings: Settings, circle_id: str) -> Path:
    """What the room's members see and edit: the room server's root folder."""
    return room_dir(settings, circle_id) / "documents"


def room_state(settings: Settings, circle_id: str) -> Path:
    """The room's collaboration history (jupyter-collaboration's SQLite document store)
    and file ids: outside the documents, on the data folder's own disk (SQLite's locking
    needs a local file system)."""
    return room_dir(settings, circle_id) / "state"


# The curriculum team's shared repository (core/curriculum_repo.py): a git repository whose
# working tree holds `curriculum/` (programme folders) and `readings/`, seeded once from the
# curriculum the hub releases from. Authors clone it into their workspace and push back.
CURRICULUM_REPO = "curriculum-repo"
#: An author's working copy, in their home.
AUTHOR_CHECKOUT = "curriculum"


def curriculum_repo(settings: Settings) -> Path:
    return settings.data_dir / CURRICULUM_REPO


def shared_curriculum(settings: Settings) -> Path:
    """The curriculum folder in the shared repository: what the authors' page shows and releases."""
    return curriculum_repo(settings) / "curriculum"


def author_checkout(settings: Settings, username: str) -> Path:
    """An author's clone of the shared repository, `~/curriculum` in their workspace."""
    return settings.home_of(username) / AUTHOR_CHECKOUT


def authors_config_dir(settings: Settings) -> Path:
    """Jupyter settings only authors' workspaces read (hub/authoring.py): their terminal's shell."""
    return settings.data_dir / "jupyter-config" / "authors"
