"""Spawn-to-ready time of a learner's workspace in server mode (installed by the README's
command, each workspace started as its person's own account) against the demo's (every
workspace the hub's own user), in the same run, alternating so machine load hits both
alike. Needs root (it makes, then removes, system accounts)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.results_io import write_results  # noqa: E402
from tests.support.hubprocess import Hub, hub_environment  # noqa: E402
from tests.support.serverinstall import PASSWORDS, installed_server  # noqa: E402

LEARNERS = ["learner1", "learner2", "learner3", "learner4", "learner5"]


def demo_spawn(hub: Hub, username: str) -> float:
    token = hub.token_for(username)
    start = time.perf_counter()
    assert hub.api(token, "POST", f"users/{username}/server").status_code in (201, 202)
    while not hub.api(token, "GET", f"users/{username}").json()["servers"].get("", {}).get("ready"):
        time.sleep(0.05)
    return time.perf_counter() - start


def server_spawn(server, username: str) -> float:
    PASSWORDS.setdefault(username, f"{username}-chose-this-passphrase")
    return server.spawn(username)  # the person accepts their invitation first (not timed)


def main() -> int:
    if os.geteuid() != 0:
        print("bench_server_spawn: server mode makes system accounts; run it as root. Skipped.")
        return 0
    with tempfile.TemporaryDirectory() as tmp, installed_server("bench-server") as server:
        hub = Hub(data_dir=Path(tmp) / "data", env=hub_environment(Path(tmp) / "data", ROOT / "core" / "demo_roster.csv"), log_path=Path(tmp) / "hub.log")
        hub.start()
        try:
            demo_spawn(hub, "learner8"), server_spawn(server, "learner8")  # one warm-up each
            demo, srv = [], []
            for username in LEARNERS:
                demo.append(demo_spawn(hub, username))
                srv.append(server_spawn(server, username))
        finally:
            hub.stop()
    d, s = statistics.median(demo), statistics.median(srv)
    print(f"workspace spawn-to-ready over {len(LEARNERS)} learners (seconds, median [min-max])")
    print(f"  demo (the hub's own user)      : {d:6.2f}  [{min(demo):.2f}-{max(demo):.2f}]")
    print(f"  server mode (person's account) : {s:6.2f}  [{min(srv):.2f}-{max(srv):.2f}]")
    print(f"  ratio server / demo            : {s / d:6.2f}")
    path = write_results("server_spawn", {"demo_seconds": demo, "server_seconds": srv, "demo_median": d, "server_median": s, "ratio": s / d})
    print(f"  written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
