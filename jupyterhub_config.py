# Red School's hub: settings from REDSCHOOL_* variables, people from the roster.
# Everything is built in core/, hub/ and grading/; this file only wires it together (see README).
import sys

from core.cohort import RosterError, load_roster
from core.settings import Settings, SettingsError
from grading.courses import ensure_courses
from hub import state, workspace
from hub.config import apply_config

c = get_config()  # noqa: F821 (provided by JupyterHub)

try:
    settings = Settings.from_env()
    cohort = load_roster(settings.roster)
except (SettingsError, RosterError) as exc:
    # Refuse to start half-configured; say what to fix, without a traceback.
    print(f"\nRed School cannot start: {exc}\n", file=sys.stderr)
    sys.exit(1)

state.ensure_data_dir(settings)
state.ensure_workspace_config(settings)
workspace.ensure_workspace_extras(settings)  # "My units" page, one-line checks in learners' kernels
secrets = {"proxy_token": state.ensure_secret(settings.data_dir / "proxy_auth_token")}
if settings.authenticator == "demo":
    secrets.update(state.demo_passwords(settings))

apply_config(c, settings, cohort, secrets=secrets)
ensure_courses(settings, cohort)  # a course per circle, students from the roster

if settings.extra_config:
    load_subconfig(str(settings.extra_config))  # noqa: F821 (provided by traitlets)
