"""Is the platform healthy? One list of checks for the admins' health page and `redschool status`.

The hub is asked through its REST API (the `operations` service's token) for its services
and running servers; each service with an address is then asked directly, and a service
without one (the idle culler) is looked up by the process id the hub reports.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import requests

from core.cohort import Cohort
from core.layout import operations_token_path
from core.settings import Settings
from core.urls import OPERATIONS_SERVICE, PROGRESS_SERVICE, review_desk_service

from .backup import last_backup
from .hub_api import HubClient

STALE_BACKUP = dt.timedelta(days=2)
UP, DOWN, WARN, INFO = "up", "down", "warn", "info"


@dataclass(frozen=True)
class Check:
    name: str
    state: str  # up, down, warn or info
    detail: str = ""

    def line(self) -> str:
        return f"{self.state.upper():5} {self.name}" + (f": {self.detail}" if self.detail else "")


def expected_services(settings: Settings, cohort: Cohort) -> list[str]:
    names = [review_desk_service(c) for c in sorted(cohort.circles)] + [PROGRESS_SERVICE, OPERATIONS_SERVICE]
    return names + (["idle-culler"] if settings.idle_timeout else [])


def _answers(url: str) -> bool:
    try:
        requests.get(url, timeout=5, allow_redirects=False)
        return True
    except requests.RequestException:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except PermissionError:
        return True
    except OSError:
        return False


def size_of(root: Path) -> int:
    total = 0
    for folder, _, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    return total


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def gather(settings: Settings, cohort: Cohort, client: HubClient | None = None,
           now: dt.datetime | None = None) -> list[Check]:
    client = client or HubClient(settings)
    now = now or dt.datetime.now(dt.timezone.utc)
    checks = []
    hub_up = client.answers()
    checks.append(Check("hub", UP if hub_up else DOWN, client.base + "api/"))
    public = f"http://{'127.0.0.1' if settings.ip in ('0.0.0.0', '', '::') else settings.ip}:{settings.port}/hub/api/"
    checks.append(Check("proxy", UP if _answers(public) else DOWN, public))
    if hub_up:
        checks += _services(settings, cohort, client)
        checks.append(_servers(client))
    else:
        checks += [Check(f"service {n}", DOWN, "not checked: the hub does not answer") for n in expected_services(settings, cohort)]
    checks += _disk(settings, cohort)
    checks.append(_backup_age(settings, now))
    return checks


def _services(settings: Settings, cohort: Cohort, client: HubClient) -> list[Check]:
    if not client.token:
        return [Check("services", DOWN, f"cannot read the service token {operations_token_path(settings)}: "
                                        "run as the user the hub runs as (root in server mode)")]
    response = client.request("GET", "api/services")
    if not response.ok:
        return [Check("services", DOWN, f"the hub would not list them ({response.status_code})")]
    known = response.json()
    checks = []
    for name in expected_services(settings, cohort):
        model = known.get(name)
        if model is None:
            checks.append(Check(f"service {name}", DOWN, "not configured in the hub"))
        elif model.get("url"):
            checks.append(Check(f"service {name}", UP if _answers(model["url"]) else DOWN, model["url"]))
        else:
            pid = model.get("pid") or 0
            checks.append(Check(f"service {name}", UP if pid and _alive(pid) else DOWN, f"pid {pid}" if pid else "not running"))
    return checks


def _servers(client: HubClient) -> Check:
    response = client.request("GET", "api/users", params={"state": "active"})
    if not response.ok:
        return Check("running servers", WARN, f"the hub would not list them ({response.status_code})")
    names = sorted(u["name"] for u in response.json())
    return Check("running servers", INFO, f"{len(names)}" + (f": {', '.join(names)}" if names else ""))


def _disk(settings: Settings, cohort: Cohort) -> list[Check]:
    if not settings.data_dir.is_dir():
        return [Check("data folder", DOWN, f"{settings.data_dir} does not exist")]
    usage = shutil.disk_usage(settings.data_dir)
    free = usage.free / usage.total
    checks = [
        Check("disk", WARN if free < 0.1 else INFO, f"{_mb(usage.free)} free of {_mb(usage.total)} ({free:.0%})"),
        Check("data folder", INFO, f"{settings.data_dir}: {_mb(size_of(settings.data_dir))}"),
    ]
    for name in sorted(cohort.usernames):
        home = settings.home_of(name)
        if home.is_dir():
            checks.append(Check(f"home of {name}", INFO, _mb(size_of(home))))
    return checks


def _backup_age(settings: Settings, now: dt.datetime) -> Check:
    record = last_backup(settings)
    if record is None:
        return Check("last backup", WARN, "none yet: run `redschool backup` (daily from cron, see README)")
    age = now - record["finished"]
    hours = age.total_seconds() / 3600
    said = f"{hours:.1f} hours ago" if hours < 48 else f"{age.days} days ago"
    return Check("last backup", WARN if age > STALE_BACKUP else INFO, f"{said}, {record['path']} ({_mb(record['size'])})")


def healthy(checks: list[Check]) -> bool:
    return not any(c.state == DOWN for c in checks)
