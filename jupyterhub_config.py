# Red School's hub: settings from REDSCHOOL_* variables, people from the roster.
# Everything is built in core/, hub/ and grading/; this file only wires it together (see README).
import sys

from core.cohort import RosterError, load_roster
from core.curriculum_repo import CurriculumRepoError, seed_shared_repo
from core.languages import load_roster_languages
from core.layout import operations_token_path, proxy_token_path
from core.settings import Settings, SettingsError
from grading.courses import ensure_courses
from hub import authoring, language, state, workspace
from hub.config import apply_config

c = get_config()  # noqa: F821 (provided by JupyterHub)

try:
    settings = Settings.from_env()
    cohort = load_roster(settings.roster)
    languages = load_roster_languages(settings.roster)  # person_language, else the circle's circle_language
except (SettingsError, RosterError) as exc:
    # Refuse to start half-configured; say what to fix, without a traceback.
    print(f"\nRed School cannot start: {exc}\n", file=sys.stderr)
    sys.exit(1)

state.ensure_data_dir(settings)
state.ensure_workspace_config(settings)
workspace.ensure_workspace_extras(settings)  # "My units" page, one-line checks in learners' kernels
authoring.ensure_author_config(settings)  # authors' terminals find `redschool`
language.ensure_language_settings(settings)  # JupyterLab in each person's language
secrets = {
    "proxy_token": state.ensure_secret(proxy_token_path(settings)),
    "operations_token": state.ensure_secret(operations_token_path(settings)),
}
if settings.authenticator == "demo":
    secrets.update(state.demo_passwords(settings))

apply_config(c, settings, cohort, secrets=secrets, languages=languages)
try:
    # The curriculum team's shared repository, seeded once from REDSCHOOL_CURRICULUM (core/curriculum_repo.py).
    seed_shared_repo(settings)
except CurriculumRepoError as exc:
    # Everything else works without it; the authors' page says the shared curriculum is missing.
    print(f"\nRed School: no shared curriculum for authors: {exc}\n", file=sys.stderr)
if settings.mode == "server":
    # Accounts, courses and every folder's owner follow the roster (server/roster.py).
    from core.accounts import AccountNameError
    from server.accounts import AccountError
    from server.roster import apply_roster

    try:
        for line in apply_roster(settings, cohort):
            print(f"Red School: {line}", file=sys.stderr)
    except (AccountError, AccountNameError) as exc:
        print(f"\nRed School cannot start: {exc}\n", file=sys.stderr)
        sys.exit(1)
else:
    ensure_courses(settings, cohort)  # a course per circle, students from the roster
    state.ensure_rooms(settings, cohort)  # each circle's shared room

if settings.extra_config:
    load_subconfig(str(settings.extra_config))  # noqa: F821 (provided by traitlets)
