"""The hub's configuration on Kubernetes, loaded by the Zero to JupyterHub chart.

The chart's values (deploy/kubernetes/values.yaml) put one line in `hub.extraConfig`:

    from deploy.hub_config import configure; configure(c)

which runs after the chart's own jupyterhub_config.py has set the cluster's part. Like
our jupyterhub_config.py it is the I/O edge: it reads the settings (REDSCHOOL_* from
the hub pod's environment), the roster (a ConfigMap), the service tokens (a Secret) and
the accounts' numbers (the shared volume), and hands everything to
hub.kubernetes.apply_kubernetes_config, which only sets values. It writes nothing: the
folders Job (deploy/folders.py) numbers accounts, makes courses and sets owners.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.cohort import RosterError, load_roster
from core.layout import numeric_ids_path
from core.numeric_ids import NumericIdError, accounts, load_ids
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


def read_ids(settings: Settings, cohort) -> dict[str, int]:
    ids = load_ids(numeric_ids_path(settings))
    missing = [a for a in accounts(settings, cohort) if a not in ids]
    if missing:
        raise NumericIdError(
            f"{len(missing)} account(s) of the roster have no number yet ({', '.join(missing[:5])}"
            f"{', ...' if len(missing) > 5 else ''}); run the folders Job after a roster change "
            "(python -m deploy.render folders --image IMAGE | kubectl create -f -), then restart the hub"
        )
    return ids


def configure(c, tokens_dir: Path | None = None) -> None:
    from core.languages import load_roster_languages
    from hub.kubernetes import apply_kubernetes_config, service_token_names

    try:
        settings = Settings.from_env()
        cohort = load_roster(settings.roster)
        languages = load_roster_languages(settings.roster)  # the optional person_language column
        secrets = read_tokens(tokens_dir or TOKENS_DIR, service_token_names(cohort))
        ids = read_ids(settings, cohort)
    except (SettingsError, RosterError, NumericIdError) as exc:
        print(f"\nRed School cannot start: {exc}\n", file=sys.stderr)
        sys.exit(1)
    apply_kubernetes_config(c, settings, cohort, ids=ids, secrets=secrets, languages=languages)
