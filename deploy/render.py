"""Write our Kubernetes objects for `kubectl apply` (the chart makes the rest).

    python -m deploy.render objects --image IMAGE --nfs-server HOST --nfs-path /export/redschool > redschool.yaml
    python -m deploy.render autograde UNIT --circle C --image IMAGE | kubectl create -f -
    python -m deploy.render folders --image IMAGE | kubectl create -f -   # after each roster change
    python -m deploy.render tokens | kubectl apply -f -     # a Secret of new random service tokens

Settings and roster are read as everywhere (REDSCHOOL_*), the numeric ids from the shared
volume (run it where that is mounted, e.g. `kubectl exec deploy/hub -- python -m deploy.render ...`).
"""

from __future__ import annotations

import argparse
import secrets
import sys

import yaml

from core.cohort import RosterError, load_roster
from core.layout import numeric_ids_path
from core.numeric_ids import NumericIdError, ensure_ids
from core.settings import Settings, SettingsError

from . import manifests


def tokens_secret(names: list[str]) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": manifests.TOKENS_SECRET, "labels": manifests.labels("service-tokens")},
        "type": "Opaque",
        "stringData": {name: secrets.token_hex(32) for name in names},
    }


def main(argv: list[str] | None = None) -> int:
    from hub.kubernetes import service_token_names

    parser = argparse.ArgumentParser(prog="python -m deploy.render", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    objects = sub.add_parser("objects", help="storage, desks, pages, network policies")
    objects.add_argument("--image", required=True)
    objects.add_argument("--nfs-server", required=True)
    objects.add_argument("--nfs-path", required=True)
    job = sub.add_parser("autograde", help="one circle's autograde Job for a unit")
    job.add_argument("unit")
    job.add_argument("--circle", required=True)
    job.add_argument("--image", required=True)
    job.add_argument("--time-limit", type=int, default=120)
    folders = sub.add_parser("folders", help="the Job that numbers accounts, makes courses and sets owners")
    folders.add_argument("--image", required=True)
    sub.add_parser("tokens", help="a Secret with a new API token for each service")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        cohort = load_roster(settings.roster)
        if args.what == "tokens":
            docs = [tokens_secret(service_token_names(cohort))]
        elif args.what == "folders":
            docs = [manifests.folders_job(settings, image=args.image)]
        else:
            ids = ensure_ids(numeric_ids_path(settings), settings, cohort)
            if args.what == "objects":
                docs = manifests.everything(settings, cohort, ids, image=args.image,
                                            nfs_server=args.nfs_server, nfs_path=args.nfs_path)
            else:
                cohort.require_circles([args.circle])
                docs = [manifests.autograde_job(settings, cohort, args.circle, args.unit, ids, image=args.image,
                                                time_limit=args.time_limit)]
    except (SettingsError, RosterError, NumericIdError, LookupError) as exc:
        print(f"python -m deploy.render: {exc}", file=sys.stderr)
        return 1
    yaml.safe_dump_all(docs, sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
