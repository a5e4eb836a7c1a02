"""Per-unit figures for the Kubernetes capacity model (README, *Beyond one server*).

Three measurements, each taken once, on whatever this machine is doing at the time
(the load average is recorded before and after each):

1. **A workspace with a unit open**: a learner's server spawned through our hub on
   loopback (demo roster), the unit released and fetched through nbgrader as a
   learner does, a kernel opened on it through the server's own sessions API, and
   every code cell run in that kernel over its websocket (right answers filled in,
   as bench_autograde's learners). Memory is the RSS and USS of the server's process
   tree (server + kernel), read with psutil, before and after the unit runs.
2. **Hub API latency under a bounded loopback load**: 8 clients, each with its own
   learner's token, asking the hub for their own user model back to back for 20 s,
   while 3 other learners' servers are started and stopped one after the other
   through the API. Reported: request count, percentiles, the hub process's CPU
   seconds per thousand requests, and spawn-to-ready under that load.
3. **CPU-seconds per autograded submission**: one circle of bench_autograde's
   synthetic cohort (8 submissions of lrs-pe-01), graded one at a time in this
   process with `grading.autograde.autograde_circle`, confined as always; CPU time
   is this process's (nbgrader) plus its descendants' (bwrap, the kernels), sampled.

Run: `python benchmarks/bench_capacity.py` or `python -m benchmarks capacity` (a few minutes);
`python benchmarks/bench_capacity.py autograde` measures the third alone.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from benchmarks.results_io import write_results  # noqa: E402

UNIT = "lrs-pe-01-commodity-and-value"
NOTEBOOK = f"{UNIT}.ipynb"
LOAD_CLIENTS = 8
LOAD_SECONDS = 20
SPAWNED_UNDER_LOAD = ["learner5", "learner6", "learner7"]
MiB = 1024**2


def _tree(process: psutil.Process) -> list[psutil.Process]:
    return [process, *process.children(recursive=True)]


def tree_memory(process: psutil.Process) -> dict[str, float]:
    rss = uss = 0
    for p in _tree(process):
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        rss, uss = rss + info.rss, uss + info.uss
    return {"rss_mib": rss / MiB, "uss_mib": uss / MiB, "processes": len(_tree(process))}


def singleuser_process(hub_pid: int, username: str) -> psutil.Process:
    for p in psutil.Process(hub_pid).children(recursive=True):
        try:
            if any("jupyterhub-singleuser" in part for part in p.cmdline()) and p.environ().get("JUPYTERHUB_USER") == username:
                return p
        except psutil.Error:
            continue
    raise RuntimeError(f"no jupyterhub-singleuser process of {username} under the hub")


def run_unit_in_workspace(server, nb_path: str, nb: dict) -> int:
    """Open a kernel on the fetched notebook through the server's sessions API and run
    every code cell over the kernel's websocket, as JupyterLab does. Returns cells run."""
    import websocket

    xsrf = server.session.cookies.get("_xsrf", path=f"/user/{server.username}/")
    response = server.session.post(
        server.base + "api/sessions",
        json={"path": nb_path, "type": "notebook", "name": NOTEBOOK, "kernel": {"name": "python3"}},
        headers={"X-XSRFToken": xsrf},
    )
    response.raise_for_status()
    kernel_id = response.json()["kernel"]["id"]
    ws_url = server.base.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels"
    cookie = "; ".join(f"{c.name}={c.value}" for c in server.session.cookies)
    ws = websocket.create_connection(ws_url, cookie=cookie, timeout=180)
    ran = 0
    try:
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": server.username,
                           "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": "".join(cell["source"]), "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
            }))
            while True:
                reply = json.loads(ws.recv())
                if reply.get("parent_header", {}).get("msg_id") == msg_id and reply.get("msg_type") == "execute_reply":
                    break
            ran += 1
    finally:
        ws.close()
    return ran


def measure_workspace(hub) -> dict:
    from benchmarks.bench_autograde import RIGHT
    from tests.support.hubprocess import LearnerServer, redschool
    from tests.support.learner import fill

    released = redschool(hub, "release", UNIT, "--circle", "rosa")
    assert released.returncode == 0, released.stdout + released.stderr
    learner = LearnerServer(hub, "learner1")
    time.sleep(5)  # let the server settle after its first page
    process = singleuser_process(hub.process.pid, "learner1")
    idle = tree_memory(process)
    learner.post("assignments/fetch", course_id="rosa", assignment_id=UNIT)
    fetched = hub.data_dir / "homes" / "learner1" / "rosa" / UNIT / NOTEBOOK
    nb = fill(json.loads(fetched.read_text()), RIGHT)
    start = time.perf_counter()
    cells = run_unit_in_workspace(learner, f"rosa/{UNIT}/{NOTEBOOK}", nb)
    run_seconds = time.perf_counter() - start
    time.sleep(2)
    opened = tree_memory(process)
    hub.stop_server("learner1")
    return {"idle": idle, "unit_open": opened, "cells_run": cells, "unit_run_seconds": run_seconds}


def measure_api_load(hub) -> dict:
    clients = [f"learner{n}" for n in range(1, LOAD_CLIENTS + 1)]
    tokens = {name: hub.token_for(name) for name in clients + SPAWNED_UNDER_LOAD}
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(name: str) -> None:
        import requests

        session = requests.Session()
        url = urljoin(hub.api_url, f"users/{name}")
        headers = {"Authorization": f"token {tokens[name]}"}
        while not stop.is_set():
            start = time.perf_counter()
            response = session.get(url, headers=headers, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if response.status_code != 200:
                    errors.append(response.status_code)

    spawns: list[float] = []

    def spawner() -> None:
        for name in SPAWNED_UNDER_LOAD:
            start = time.perf_counter()
            hub.spawn(name)
            spawns.append(time.perf_counter() - start)
            hub.stop_server(name)

    hub_process = psutil.Process(hub.process.pid)
    cpu_before = sum(hub_process.cpu_times()[:2])
    threads = [threading.Thread(target=client, args=(name,)) for name in clients]
    spawning = threading.Thread(target=spawner)
    start = time.perf_counter()
    for t in threads:
        t.start()
    spawning.start()
    time.sleep(LOAD_SECONDS)
    spawning.join()  # the spawns may take longer than the window: the load goes on until they finish
    stop.set()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    cpu = sum(hub_process.cpu_times()[:2]) - cpu_before
    ordered = sorted(latencies)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {
        "clients": LOAD_CLIENTS,
        "seconds": wall,
        "requests": len(latencies),
        "errors": len(errors),
        "requests_per_second": len(latencies) / wall,
        "latency_ms": {"p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99), "max": ordered[-1] * 1000},
        "hub_cpu_seconds": cpu,
        "hub_cpu_ms_per_request": cpu / len(latencies) * 1000,
        "spawn_to_ready_under_load_seconds": spawns,
    }


class DescendantsCPU:
    """CPU seconds of this process's descendants, sampled while they live: the confined kernels
    are not reaped through a chain of waits back to us (bubblewrap's own init reaps them), so
    getrusage(RUSAGE_CHILDREN) misses them. A process's last sample counts (up to one interval
    of each kernel's end is lost: a slight undercount)."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.seen, self.stop = interval, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            for p in me.children(recursive=True):
                try:
                    times = p.cpu_times()
                    self.seen[(p.pid, p.create_time())] = times.user + times.system
                except psutil.Error:
                    pass
            self.stop.wait(self.interval)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def measure_autograde() -> dict:
    import warnings

    from sqlalchemy.exc import SAWarning

    from benchmarks.bench_autograde import CIRCLES, LEARNERS_PER_CIRCLE, TIME_LIMIT, set_up_circles
    from grading.autograde import autograde_circle

    warnings.filterwarnings("ignore", category=SAWarning)
    with tempfile.TemporaryDirectory(prefix="redschool-bench-capacity-") as tmp:
        settings, _ = set_up_circles(Path(tmp))
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with DescendantsCPU() as sampled:
            results = autograde_circle(settings, CIRCLES[0], UNIT, time_limit=TIME_LIMIT)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    graded = [r for r in results if r.status == "graded"]
    assert len(graded) == LEARNERS_PER_CIRCLE, [r.line() for r in results]

    def cpu(usage) -> float:
        return usage.ru_utime + usage.ru_stime

    own, reaped = cpu(after[0]) - cpu(before[0]), cpu(after[1]) - cpu(before[1])
    return {
        "submissions": len(graded),
        "wall_seconds": wall,
        "cpu_seconds_grader": own,
        "cpu_seconds_reaped_children": reaped,
        "cpu_seconds_descendants_sampled": sampled.seconds,
        "cpu_seconds_per_submission": (own + sampled.seconds) / len(graded),
        "wall_seconds_per_submission": wall / len(graded),
        "peak_rss_children_mib": after[1].ru_maxrss / 1024,
    }


def main() -> None:
    from tests.support.hubprocess import Hub, hub_environment
    from core.settings import DEMO_ROSTER

    figures: dict = {"load_average_start": os.getloadavg()[0]}
    if sys.argv[1:] == ["autograde"]:  # that part alone
        figures["autograde"] = measure_autograde()
        figures["load_average_end"] = os.getloadavg()[0]
        g = figures["autograde"]
        print(f"autograde: {g['submissions']} submissions, {g['cpu_seconds_per_submission']:.2f} CPU-s "
              f"({g['cpu_seconds_grader'] / g['submissions']:.2f} grader + {g['cpu_seconds_descendants_sampled'] / g['submissions']:.2f} kernels) "
              f"and {g['wall_seconds_per_submission']:.2f} wall-s each (one run); load average "
              f"{figures['load_average_start']:.1f} -> {figures['load_average_end']:.1f}")
        print(f"written to {write_results('capacity-autograde', figures).relative_to(ROOT)}")
        return
    with tempfile.TemporaryDirectory(prefix="redschool-bench-capacity-hub-") as tmp:
        data = Path(tmp) / "data"
        hub = Hub(data_dir=data, env=hub_environment(data, DEMO_ROSTER), log_path=Path(tmp) / "hub.log")
        hub.start()
        try:
            figures["workspace"] = measure_workspace(hub)
            figures["load_average_after_workspace"] = os.getloadavg()[0]
            figures["api_load"] = measure_api_load(hub)
            figures["load_average_after_api_load"] = os.getloadavg()[0]
        finally:
            hub.stop()
    figures["autograde"] = measure_autograde()
    figures["load_average_end"] = os.getloadavg()[0]

    w, a, g = figures["workspace"], figures["api_load"], figures["autograde"]
    print(f"workspace, idle:            RSS {w['idle']['rss_mib']:.0f} MiB, USS {w['idle']['uss_mib']:.0f} MiB")
    print(f"workspace, {UNIT} run ({w['cells_run']} cells, {w['unit_run_seconds']:.1f} s): "
          f"RSS {w['unit_open']['rss_mib']:.0f} MiB, USS {w['unit_open']['uss_mib']:.0f} MiB ({w['unit_open']['processes']} processes)")
    lat = a["latency_ms"]
    print(f"hub API, {a['clients']} clients for {a['seconds']:.0f} s: {a['requests']} requests ({a['requests_per_second']:.0f}/s, "
          f"{a['errors']} errors), p50 {lat['p50']:.0f} ms, p95 {lat['p95']:.0f} ms, p99 {lat['p99']:.0f} ms; "
          f"hub CPU {a['hub_cpu_ms_per_request']:.1f} ms per request")
    print(f"  spawn-to-ready under that load: {', '.join(f'{s:.1f}' for s in a['spawn_to_ready_under_load_seconds'])} s")
    print(f"autograde: {g['submissions']} submissions, {g['cpu_seconds_per_submission']:.2f} CPU-s and "
          f"{g['wall_seconds_per_submission']:.2f} wall-s each (one run)")
    print(f"load average: start {figures['load_average_start']:.1f}, end {figures['load_average_end']:.1f}")
    path = write_results("capacity", figures)
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
