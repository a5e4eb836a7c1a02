"""Spawn-to-ready time of a learner's server through our hub, against a bare
`jupyterhub-singleuser` started by hand on the same machine, in the same run.

Our figure: from the API request that starts the server to the hub reporting
it ready (routes added, server answering). Bare figure: from starting the
process to its API answering 200. Both run the same JupyterLab from the same
venv; the difference is what the hub and our configuration add.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from benchmarks.results_io import write_results  # noqa: E402
from tests.support.hubprocess import VENV_BIN, Hub, free_port, hub_environment  # noqa: E402

RUNS = 5
LEARNERS = [f"learner{i}" for i in range(1, RUNS + 1)]


def wait_until(predicate, timeout: float = 120, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(step)
    raise TimeoutError


def through_hub(hub: Hub, username: str) -> float:
    token = hub.token_for(username)
    start = time.perf_counter()
    response = hub.api(token, "POST", f"users/{username}/server")
    assert response.status_code in (201, 202), response.text

    def ready() -> bool:
        return bool(hub.api(token, "GET", f"users/{username}").json()["servers"].get("", {}).get("ready"))

    wait_until(ready)
    elapsed = time.perf_counter() - start
    hub.api(token, "DELETE", f"users/{username}/server")
    wait_until(lambda: not hub.api(token, "GET", f"users/{username}").json()["servers"])
    return elapsed


def bare_singleuser(hub: Hub, username: str, workdir: Path) -> float:
    """A single-user server started by hand against the same hub API (no spawner, no proxy)."""
    port = free_port()
    prefix = f"/user/{username}/"
    env = {
        **os.environ,
        "JUPYTERHUB_API_TOKEN": hub.token_for(username),
        "JUPYTERHUB_API_URL": f"http://127.0.0.1:{hub.env['REDSCHOOL_HUB_PORT']}/hub/api",
        "JUPYTERHUB_BASE_URL": "/",
        "JUPYTERHUB_SERVICE_PREFIX": prefix,
        "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{port}{prefix}",
        "JUPYTERHUB_USER": username,
        "JUPYTERHUB_CLIENT_ID": f"jupyterhub-user-{username}",
    }
    args = [str(VENV_BIN / "jupyterhub-singleuser")] + (["--allow-root"] if os.geteuid() == 0 else [])
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:

        def ready() -> bool:
            try:
                return requests.get(f"http://127.0.0.1:{port}{prefix}api", timeout=1).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(ready)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        hub = Hub(data_dir=tmp / "data", env=hub_environment(tmp / "data", ROOT / "core" / "demo_roster.csv"), log_path=tmp / "hub.log")
        hub.start()
        try:
            # One warm-up of each, so both measure a warm disk cache.
            through_hub(hub, "learner8")
            bare_singleuser(hub, "learner7", tmp)
            ours, bare = [], []
            for username in LEARNERS:  # alternate, so drift in machine load hits both alike
                ours.append(through_hub(hub, username))
                bare.append(bare_singleuser(hub, username, tmp))
        finally:
            hub.stop()
    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"spawn-to-ready over {RUNS} runs (seconds, median [min-max])")
    print(f"  through the Red School hub : {ours_median:6.2f}  [{min(ours):.2f}-{max(ours):.2f}]")
    print(f"  bare jupyterhub-singleuser : {bare_median:6.2f}  [{min(bare):.2f}-{max(bare):.2f}]")
    print(f"  ratio hub / bare           : {ours_median / bare_median:6.2f}")
    path = write_results(
        "spawn",
        {"runs": RUNS, "hub_seconds": ours, "bare_seconds": bare, "hub_median": ours_median,
         "bare_median": bare_median, "ratio": ours_median / bare_median},
    )
    print(f"  written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
