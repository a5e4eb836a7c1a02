"""How many people can type in one circle's room at once before an edit takes more than
1 s to reach the others (issue 14).

A demo hub on loopback, rosa's room with the board released into it, and N synthetic
collaboration clients (tests/support/collab.py: the Yjs protocol JupyterLab speaks, one
websocket each, logged in as rosa's members in turn). Every client types a short line
into the board every TYPING_PERIOD seconds, at a random phase: a person typing steadily,
sent in the small batches an editor sends. For each edit we time how long it takes to
reach every other client (the slowest of them), and raise N until the 95th percentile
passes 1 s. The clients run in this one process on the same 2 cores as the hub and the
room, so the figure is a floor for the room itself; the CPU seconds the room's server
and these clients used at each size say which of them was the bottleneck.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.results_io import write_results  # noqa: E402
from tests.support.collab import CollabClient  # noqa: E402
from tests.support.hubprocess import Hub, hub_environment, hub_ports, redschool  # noqa: E402

UNIT = "bootcamp-01-where-we-stand"
BOARD = f"{UNIT}/our-board.ipynb"
MEMBERS = ["learner1", "learner2", "learner3", "learner4", "facilitator1"]
SIZES = [2, 5, 10, 20, 40, 60, 80, 100, 120, 160]
TYPING_PERIOD = 1.0  # seconds between one person's edits
ROUNDS = 15  # edits per person at each size
BOUND = 1.0  # seconds: the "reaches the others"


def room_process(hub: Hub):
    import psutil

    for proc in psutil.process_iter(["environ", "cmdline"]):
        environ = proc.info["environ"] or {}
        if environ.get("JUPYTERHUB_USER") == "room-rosa" and "jupyterhub-singleuser" in " ".join(proc.info["cmdline"] or []):
            if environ.get("JUPYTERHUB_API_URL", "").startswith(f"http://127.0.0.1:{hub.env['REDSCHOOL_HUB_PORT']}/"):
                return proc
    raise LookupError("rosa's room is not running")


def cpu_seconds(proc) -> float:
    times = proc.cpu_times()
    return times.user + times.system


def open_room(hub: Hub, username: str):
    session = hub.login(username)
    for _ in range(240):
        page = session.get(urljoin(hub.url, "hub/spawn/room-rosa"), timeout=120)
        if page.url.endswith("/user/room-rosa/lab") and page.ok:
            return session
        time.sleep(0.5)
    raise TimeoutError("rosa's room did not open")


async def one_size(sessions, room_url: str, n: int) -> list[float]:
    """Delays (seconds) until each edit had reached every other client, for n typists."""
    clients = [CollabClient(sessions[i % len(sessions)], room_url, BOARD) for i in range(n)]
    sent: dict[str, float] = {}
    reached: dict[str, int] = {}
    done: dict[str, float] = {}

    def watcher(text: str) -> None:
        now = time.monotonic()
        for marker in text.split("\u00a7")[1::2]:  # markers are §id§
            reached[marker] = reached.get(marker, 0) + 1
            if reached[marker] == n - 1 and marker in sent:
                done[marker] = now - sent[marker]

    for client in clients:
        await client.connect(timeout=120)
        client.on_insert = watcher

    async def typist(k: int, client: CollabClient) -> None:
        await asyncio.sleep(random.random() * TYPING_PERIOD)
        for r in range(ROUNDS):
            marker = f"{k}-{r}"
            sent[marker] = time.monotonic()
            await client.type(2 + k % 5, f" \u00a7{marker}\u00a7")
            await asyncio.sleep(TYPING_PERIOD)

    await asyncio.gather(*(typist(k, c) for k, c in enumerate(clients)))
    deadline = time.monotonic() + 30
    while len(done) < len(sent) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    for client in clients:
        await client.close()
    lost = len(sent) - len(done)
    return [done.get(m, float("inf")) for m in sent] if lost else list(done.values())


def main() -> int:
    random.seed(14)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        hub = Hub(data_dir=data, env=hub_environment(data, ROOT / "core" / "demo_roster.csv", **hub_ports()),
                  log_path=Path(tmp) / "hub.log")
        hub.start()
        rows = []
        try:
            assert redschool(hub, "release", UNIT, "--circle", "rosa").returncode == 0
            sessions = [open_room(hub, name) for name in MEMBERS]
            room_url = urljoin(hub.url, "user/room-rosa/")
            print(f"typists in one room, each editing every {TYPING_PERIOD:.0f} s, {ROUNDS} edits each:")
            room = room_process(hub)
            import psutil

            me = psutil.Process()
            print("    N   p50 (s)   p95 (s)   max (s)   room CPU s   clients CPU s")
            for n in SIZES:
                room_before, me_before = cpu_seconds(room), cpu_seconds(me)
                delays = sorted(asyncio.run(one_size(sessions, room_url, n)))
                room_cpu, clients_cpu = cpu_seconds(room) - room_before, cpu_seconds(me) - me_before
                p50 = statistics.median(delays)
                p95 = delays[min(len(delays) - 1, int(0.95 * len(delays)))]
                rows.append({"typists": n, "edits": len(delays), "p50": p50, "p95": p95, "max": delays[-1],
                             "room_cpu_s": room_cpu, "clients_cpu_s": clients_cpu})
                print(f"  {n:3d}   {p50:7.3f}   {p95:7.3f}   {delays[-1]:7.3f}   {room_cpu:10.1f}   {clients_cpu:13.1f}", flush=True)
                if p95 > BOUND:
                    break
        finally:
            hub.stop()
    within = [r["typists"] for r in rows if r["p95"] <= BOUND]
    most = max(within) if within else 0
    print(f"most typists with 95% of edits reaching everyone within {BOUND:.0f} s: {most}"
          + ("" if rows[-1]["p95"] > BOUND else f" (the largest size tried; {SIZES[-1]})"))
    path = write_results("rooms", {"typing_period_s": TYPING_PERIOD, "rounds": ROUNDS, "sizes": rows, "most_within_bound": most})
    print(f"  written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
