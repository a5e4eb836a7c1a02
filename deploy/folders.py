"""The folders Job on Kubernetes: `redschool roster apply` for the shared volume.

Run after every roster change (`python -m deploy.render folders --image ... | kubectl create -f -`),
then restart the hub. As root, confined to the shared volume and a few capabilities
(deploy/manifests.py folders_job), it:

1. gives each new account of the roster its number for good (core/numeric_ids.py);
2. makes each circle's course and gradebook and enrols its learners (grading/courses.py),
   and writes the Jupyter settings every workspace reads (hub/state.py, hub/workspace.py);
3. sets every folder's owner and mode (server/folders.py ensure_kubernetes_folders).

The hub itself never writes these: it reads the numbers and refuses to start while a
person on the roster has none yet (deploy/hub_config.py).
"""

from __future__ import annotations

import sys

from core.cohort import RosterError, load_roster
from core.layout import numeric_ids_path
from core.numeric_ids import NumericIdError, ensure_ids
from core.settings import Settings, SettingsError

#: The hub's user in its pod (values.yaml: hub.containerSecurityContext.runAsUser).
HUB_UID = 1000


def apply_folders(settings: Settings, cohort, *, hub_uid: int = HUB_UID) -> dict[str, int]:
    from grading.courses import ensure_courses
    from hub import language, state, workspace
    from server.folders import ensure_kubernetes_folders

    ids = ensure_ids(numeric_ids_path(settings), settings, cohort)
    ensure_courses(settings, cohort)
    state.ensure_workspace_config(settings)
    workspace.ensure_workspace_extras(settings)
    language.ensure_language_settings(settings)  # JupyterLab in each person's language
    ensure_kubernetes_folders(settings, cohort, ids, hub_uid=hub_uid)
    return ids


def main() -> int:
    try:
        settings = Settings.from_env()
        cohort = load_roster(settings.roster)
        ids = apply_folders(settings, cohort)
    except (SettingsError, RosterError, NumericIdError) as exc:
        print(f"Red School folders: {exc}", file=sys.stderr)
        return 1
    print(f"Red School folders: {len(cohort.circles)} circles, {len(ids)} accounts numbered, owners and modes set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
