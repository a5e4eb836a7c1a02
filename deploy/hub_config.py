"""The hub's configuration on Kubernetes, loaded by the Zero to JupyterHub chart.

The chart's values (deploy/kubernetes/values.yaml) put one line in `hub.extraConfig`:

    from deploy.hub_config import configure; configure(c)

which runs after the chart's own jupyterhub_config.py has set the cluster's part. Like
our jupyterhub_config.py it is the I/O edge: it reads the settings (REDSCHOOL_* from
the hub pod's environment), the roster (a ConfigMap), the service tokens (a Secret),
writes the workspaces' Jupyter settings and the numeric ids to the shared volume, and
hands everything to hub.kubernetes.apply_kubernetes_config, which only sets values.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.cohort import RosterError, load_roster
from core.layout import numeric_ids_path
from core.numeric_ids import NumericIdError, ensure_ids
from core.settings import Settings, SettingsError

#: Where the hub pod mounts the Secret of service tokens (values.yaml: hub.extraVolumeMounts).
TOKENS_DIR = Path("/etc/redschool/service-tokens")


def read_tokens(folder: Path, names: list[str]) -> dict[str, str]:
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        raise SettingsError(
            f"the Secret redschool-service-tokens has no {', '.join(missing)}; make it again with "
            "`python -m deploy.render tokens | kubectl apply -f -` after a roster change"
        )
    return {n: (folder / n).read_text().strip() for n in names}


def configure(c, tokens_dir: Path = TOKENS_DIR) -> None:
    from grading.courses import ensure_courses
    from hub import state, workspace
    from hub.kubernetes import apply_kubernetes_config, service_token_names

    try:
        settings = Settings.from_env()
        cohort = load_roster(settings.roster)
        secrets = read_tokens(tokens_dir, service_token_names(cohort))
        ids = ensure_ids(numeric_ids_path(settings), settings, cohort)
    except (SettingsError, RosterError, NumericIdError) as exc:
        print(f"\nRed School cannot start: {exc}\n", file=sys.stderr)
        sys.exit(1)
    state.ensure_workspace_config(settings)
    workspace.ensure_workspace_extras(settings)
    ensure_courses(settings, cohort)
    apply_kubernetes_config(c, settings, cohort, ids=ids, secrets=secrets)
