"""A review desk started the way a Kubernetes Deployment starts it, on loopback.

On Kubernetes the hub does not start the desks: each is a Deployment (deploy/manifests.py)
that the hub knows as an external service (hub/kubernetes.py), and the environment
JupyterHub gives a service it starts itself is written into the Deployment by hand. Here
the hub is our own from jupyterhub_config.py, with circle rosa's desk replaced (through
REDSCHOOL_EXTRA_CONFIG) by the service entry hub/kubernetes.py makes, and the desk
process started with the container's command and environment as deploy/manifests.py
renders them: only the addresses change (loopback instead of the cluster's names).
"""

from __future__ import annotations

import os
import subprocess
import time

import pytest
import requests

from core.cohort import load_roster
from core.layout import course_dir
from core.numeric_ids import accounts, assign_ids
from core.settings import Settings
from deploy import manifests
from hub.kubernetes import service_token_names
from tests.support.desk import Desk
from tests.support.hubprocess import VENV_BIN, free_port, own_hub

EXTRA_CONFIG = """
from traitlets.config import Config

from core.cohort import load_roster
from core.layout import operations_token_path
from core.settings import Settings
from hub.config import update_idle_culler, update_operations, update_progress_pages, update_review_desks
from hub.kubernetes import update_kubernetes_services

c = get_config()  # noqa: F821 (a sub-config: the hub's list of services is not visible here, so it is made again)
settings = Settings.from_env()
cohort = load_roster(settings.roster)
ours = Config()
update_idle_culler(ours, settings)
update_review_desks(ours, settings, cohort)
update_progress_pages(ours, settings, cohort)
update_operations(ours, settings, cohort, operations_token_path(settings).read_text().strip())
made = Config()
update_kubernetes_services(made, settings, cohort, {tokens!r})
rosa = next(s for s in made.JupyterHub.services if s["name"] == "rosa")
rosa["url"] = {url!r}  # the cluster's Service name, here loopback
c.JupyterHub.services = [s for s in ours.JupyterHub.services if s["name"] != "rosa"] + [rosa]
"""


@pytest.fixture(scope="module")
def hub_and_desk(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "kubernetes-desk")
    settings = Settings.from_env(hub.env)
    cohort = load_roster(settings.roster)
    tokens = {name: os.urandom(16).hex() for name in service_token_names(cohort)}
    port = free_port()
    extra = hub.data_dir.parent / "kubernetes_desk_config.py"
    extra.write_text(EXTRA_CONFIG.format(tokens=tokens, url=f"http://127.0.0.1:{port}"))
    hub.env["REDSCHOOL_EXTRA_CONFIG"] = str(extra)
    hub.start()
    (deployment, _) = manifests.desk(settings, cohort, "rosa", assign_ids({}, accounts(settings, cohort)),
                                     image="unused", hub_api_url=hub.api_url)
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    env = {"PATH": f"{VENV_BIN}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for item in container["env"]:
        if "valueFrom" in item:  # the Secret's key, as the kubelet would fill it in
            env[item["name"]] = tokens[item["valueFrom"]["secretKeyRef"]["key"]]
        else:
            env[item["name"]] = item["value"]
    env["JUPYTERHUB_SERVICE_URL"] = f"http://127.0.0.1:{port}"  # where it listens: loopback, not every address
    assert container["args"][0] == "python" and "command" not in container
    command = [str(VENV_BIN / "python"), *container["args"][1:]]
    if os.geteuid() == 0:
        command.append("--allow-root")  # only here: on Kubernetes it runs as the circle's grader
    log = open(hub.data_dir.parent / "kubernetes-desk.log", "wb")
    desk = subprocess.Popen(command, env=env, cwd=container["workingDir"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    assert container["workingDir"] == str(course_dir(settings, "rosa"))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert desk.poll() is None, (hub.data_dir.parent / "kubernetes-desk.log").read_text()[-3000:]
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=2)
            break
        except requests.ConnectionError:
            time.sleep(0.5)
    hub.desk_url = f"http://127.0.0.1:{port}"
    yield hub
    desk.terminate()
    desk.wait(timeout=30)
    log.close()
    hub.stop()


def test_the_facilitator_logs_in_to_a_desk_the_hub_did_not_start(hub_and_desk):
    from urllib.parse import urljoin

    service = hub_and_desk.admin().get(urljoin(hub_and_desk.api_url, "services/rosa")).json()
    assert service["url"] == hub_and_desk.desk_url and not service["command"]  # external: ours, not the hub's
    desk = Desk(hub_and_desk, "facilitator1", "rosa")
    assert desk.first.ok, desk.first.text[:500]
    assert "formgrader" in desk.first.url
    assert desk.get("formgrader/api/assignments").ok


def test_the_other_circles_facilitator_and_a_learner_are_refused(hub_and_desk):
    assert Desk(hub_and_desk, "facilitator2", "rosa").first.status_code == 403
    assert Desk(hub_and_desk, "learner1", "rosa").first.status_code == 403
