"""Red School on Kubernetes, proven without a cluster: every object is made the way it will be
made there (workspace pods and volumes by KubeSpawner itself, from our hub config; our own
objects by deploy/manifests.py), validated against the Kubernetes API's schemas
(kubernetes-validate, strict: unknown fields fail), and checked for who runs, what they
mount, what they may use and whom they may reach. The chart's templates are not rendered
here (no helm); its values are checked for what our code relies on."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace

import kubernetes_validate
import pytest
import yaml
from traitlets.config import Config

from core.accounts import grader_account, person_account
from core.cohort import load_roster
from core.numeric_ids import FIRST_ID, PAGES_ACCOUNT, NumericIdError, accounts, assign_ids, ensure_ids, load_ids
from core.settings import DEMO_ROSTER, Settings
from deploy import manifests
from deploy.chart_values import merged, problems
from deploy.hub_config import read_tokens
from deploy.render import tokens_secret
from hub.kubernetes import (
    HOME,
    ROLE_RESOURCES,
    SHARED_CLAIM,
    apply_kubernetes_config,
    resource_role,
    service_token_names,
)

ROOT = Path(__file__).resolve().parents[2]
VALUES = ROOT / "deploy" / "kubernetes" / "values.yaml"
DOCKERFILE = ROOT / "deploy" / "kubernetes" / "Dockerfile"
IMAGE = "registry.example.org/redschool:0.1.0"
#: The oldest Kubernetes the chart supports (its Chart.yaml: kubeVersion >=1.32), and the newest schemas we have.
K8S_VERSIONS = ("1.32", kubernetes_validate.latest_version())

SETTINGS = Settings.from_env({
    "REDSCHOOL_MODE": "server", "REDSCHOOL_DATA_DIR": "/srv/redschool", "REDSCHOOL_ROSTER": str(DEMO_ROSTER),
    "REDSCHOOL_SPAWNER": "kubespawner.KubeSpawner",
})
COHORT = load_roster(DEMO_ROSTER)
IDS = assign_ids({}, accounts(SETTINGS, COHORT))
TOKENS = {name: f"token-{name}" for name in service_token_names(COHORT)}


def as_the_chart_sets_it(c: Config) -> None:
    """What the chart's own jupyterhub_config.py sets, before our hub.extraConfig runs, that
    touches what ours sets: its singleuser defaults (chart values.yaml) and our image
    (read in the chart's files/hub/jupyterhub_config.py at zero-to-jupyterhub-k8s 48ea50e3)."""
    values = yaml.safe_load(VALUES.read_text())
    c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"
    c.KubeSpawner.image = f"{values['singleuser']['image']['name']}:{values['singleuser']['image']['tag']}"
    c.KubeSpawner.environment = {}  # singleuser.extraEnv
    c.KubeSpawner.start_timeout = 300
    c.KubeSpawner.uid = 1000
    c.KubeSpawner.fs_gid = 100
    c.KubeSpawner.mem_guarantee = "1G"  # singleuser.memory.guarantee
    c.KubeSpawner.extra_labels = {"hub.jupyter.org/network-access-hub": "true"}
    c.KubeSpawner.allow_privilege_escalation = False
    c.KubeSpawner.volumes = {}  # singleuser.storage.type none
    c.KubeSpawner.volume_mounts = {}
    c.Spawner.cmd = "jupyterhub-singleuser"
    c.JupyterHub.services = []
    c.JupyterHub.load_roles = []


def hub_config() -> Config:
    c = Config()
    as_the_chart_sets_it(c)
    apply_kubernetes_config(c, SETTINGS, COHORT, ids=IDS, secrets=TOKENS)
    return c


@pytest.fixture(autouse=True)
def no_cluster(tmp_path, monkeypatch):
    """KubeSpawner loads a client configuration when it is made; give it one that points nowhere.
    Nothing here calls the API: making a manifest is pure."""
    config = tmp_path / "kubeconfig"
    config.write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "none",
        "clusters": [{"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}],
        "users": [{"name": "none", "user": {"token": "none"}}],
        "contexts": [{"name": "none", "context": {"cluster": "none", "user": "none", "namespace": "redschool"}}],
    }))
    monkeypatch.setenv("KUBECONFIG", str(config))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)


def kubespawner_objects(username: str) -> tuple[dict, dict]:
    """The pod and home volume claim KubeSpawner makes for `username` from our config,
    after the hub's pre-spawn hook has run, as JupyterHub runs it before every start."""
    from kubespawner import KubeSpawner

    async def make():
        user = SimpleNamespace(name=username, id=1, url=f"/user/{username}/", escaped_name=username)
        spawner = KubeSpawner(config=hub_config(), user=user, _mock=True)
        try:
            spawner.run_pre_spawn_hook()
            client = spawner.api.api_client
            return (client.sanitize_for_serialization(await spawner.get_pod_manifest()),
                    client.sanitize_for_serialization(spawner.get_pvc_manifest()))
        finally:
            await spawner.api.api_client.close()

    return asyncio.run(make())


def valid(obj: dict) -> dict:
    """`obj` as the API server will see it (a YAML round trip), validated strictly."""
    obj = yaml.safe_load(yaml.safe_dump(obj))
    for version in K8S_VERSIONS:
        kubernetes_validate.validate(obj, version, strict=True)
    return obj


def our_objects() -> list[dict]:
    return manifests.everything(SETTINGS, COHORT, IDS, image=IMAGE, nfs_server="nfs.example.org", nfs_path="/export/redschool")


def by(objects: list[dict], kind: str, name: str) -> dict:
    return next(o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name)


# -- every object validates -------------------------------------------------------------

@pytest.mark.parametrize("username", ["learner1", "facilitator1", "author1", "admin", "room-rosa"])
def test_kubespawners_pod_and_home_claim_validate(username):
    pod, pvc = kubespawner_objects(username)
    valid(pod)
    valid(pvc)


def test_every_object_of_ours_validates():
    objects = [*our_objects(), manifests.autograde_job(SETTINGS, COHORT, "rosa", "lrs-pe-01-commodity-and-value", IDS, image=IMAGE),
               manifests.folders_job(SETTINGS, image=IMAGE), tokens_secret(service_token_names(COHORT))]
    kinds = sorted({o["kind"] for o in objects})
    assert kinds == ["Deployment", "Job", "NetworkPolicy", "PersistentVolume", "PersistentVolumeClaim", "Secret", "Service"]
    for obj in objects:
        valid(obj)


def test_the_schema_check_fails_a_misspelt_field():
    job = manifests.autograde_job(SETTINGS, COHORT, "rosa", "u", IDS, image=IMAGE)
    job["spec"]["template"]["spec"]["containers"][0]["securityContxt"] = {"runAsUser": 0}
    with pytest.raises(kubernetes_validate.ValidationError):
        valid(job)


# -- a learner's workspace ------------------------------------------------------------

def test_a_learners_pod_runs_as_their_own_number_in_their_circles_group():
    pod, _ = kubespawner_objects("learner1")
    spec = pod["spec"]
    container = spec["containers"][0]
    uid = IDS[person_account(SETTINGS, "learner1")]
    assert container["securityContext"]["runAsUser"] == uid >= FIRST_ID
    assert container["securityContext"]["runAsGroup"] == uid
    assert spec["securityContext"]["fsGroup"] == uid
    # learner1 studies in rosa: they read its released units through its grader's group.
    assert spec["securityContext"]["supplementalGroups"] == [IDS[grader_account(SETTINGS, "rosa")]]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["JUPYTERHUB_USER"] == "learner1"
    # Our settings, over the chart's empty singleuser.extraEnv: the learners' nbgrader settings, My units.
    assert env["JUPYTER_CONFIG_PATH"] == f"{SETTINGS.workspace_config_dir}:{SETTINGS.learner_config_dir}"
    assert env["JUPYTERHUB_DEFAULT_URL"] == "/units" and env["HOME"] == HOME
    assert container["args"] == ["jupyterhub-singleuser"] and "command" not in container  # the image's entrypoint stays


def test_another_learners_pod_has_another_number():
    one, _ = kubespawner_objects("learner1")
    other, _ = kubespawner_objects("learner5")  # lucy
    assert one["spec"]["containers"][0]["securityContext"]["runAsUser"] != other["spec"]["containers"][0]["securityContext"]["runAsUser"]
    assert other["spec"]["securityContext"]["supplementalGroups"] == [IDS[grader_account(SETTINGS, "lucy")]]


def test_a_workspace_is_confined():
    pod, _ = kubespawner_objects("learner1")
    context = pod["spec"]["containers"][0]["securityContext"]
    assert context["runAsNonRoot"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["readOnlyRootFilesystem"] is True
    assert context["capabilities"] == {"drop": ["ALL"]}
    assert context.get("privileged") in (None, False)
    assert pod["spec"]["automountServiceAccountToken"] is False


def test_a_workspace_mounts_its_own_home_the_exchange_and_read_only_settings():
    pod, pvc = kubespawner_objects("learner1")
    volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
    mounts = {m["mountPath"]: m for m in pod["spec"]["containers"][0]["volumeMounts"]}
    assert volumes["home"]["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"] == "home-learner1"
    assert pvc["spec"]["accessModes"] == ["ReadWriteOnce"]
    assert mounts[HOME]["name"] == "home"
    assert volumes["shared"]["persistentVolumeClaim"]["claimName"] == SHARED_CLAIM
    assert mounts[str(SETTINGS.exchange_dir)] == {"name": "shared", "mountPath": str(SETTINGS.exchange_dir), "subPath": "exchange"}
    for path in (SETTINGS.workspace_config_dir.parent, SETTINGS.workspace_data_dir):
        assert mounts[str(path)]["readOnly"] is True
    # Nothing else of the shared volume: no course, no gradebook, no desk's home.
    shared = {m["subPath"] for m in mounts.values() if m["name"] == "shared"}
    assert shared == {"exchange", "jupyter-config", "jupyter-data"}
    assert mounts["/tmp"]["name"] == "tmp" and "emptyDir" in volumes["tmp"]


@pytest.mark.parametrize("username, role", [("learner1", "learner"), ("facilitator1", "facilitator"),
                                            ("author1", "author"), ("admin", "author")])
def test_a_workspaces_resources_follow_the_persons_role(username, role):
    pod, _ = kubespawner_objects(username)
    resources = pod["spec"]["containers"][0]["resources"]
    chosen = ROLE_RESOURCES[role]
    assert resource_role(COHORT, username) == role
    assert float(resources["limits"]["cpu"]) == chosen.cpu_limit
    assert float(resources["requests"]["cpu"]) == chosen.cpu_guarantee
    assert int(resources["limits"]["memory"]) == _bytes(chosen.mem_limit)
    assert int(resources["requests"]["memory"]) == _bytes(chosen.mem_guarantee)


def _bytes(text: str) -> int:
    # JupyterHub's ByteSpecification: K, M, G, T are powers of 1024.
    return int(float(text[:-1]) * 1024 ** "KMGT".index(text[-1]) * 1024)


def test_workspaces_carry_the_label_the_charts_hub_policy_admits():
    pod, _ = kubespawner_objects("learner1")
    labels = pod["metadata"]["labels"]
    assert labels["component"] == "singleuser-server"
    assert labels[manifests.HUB_ACCESS_LABEL] == "true"


def test_a_circles_room_runs_as_the_room_with_its_documents_shared_and_its_history_its_own():
    pod, pvc = kubespawner_objects("room-rosa")
    spec = pod["spec"]
    container = spec["containers"][0]
    room = IDS[person_account(SETTINGS, "room-rosa")]
    assert person_account(SETTINGS, "room-rosa") in accounts(SETTINGS, COHORT)
    assert container["securityContext"]["runAsUser"] == room and spec["securityContext"]["fsGroup"] == room
    assert "supplementalGroups" not in spec["securityContext"]  # in no circle's group
    mounts = {m["mountPath"]: m for m in container["volumeMounts"]}
    documents = "/srv/redschool/rooms/rosa/documents"
    assert mounts[documents] == {"name": "shared", "mountPath": documents, "subPath": "rooms/rosa/documents"}
    assert str(SETTINGS.exchange_dir) not in mounts  # a room is nobody's submission
    assert mounts[HOME]["name"] == "home" and pvc["metadata"]["name"] == "home-room-rosa"
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert (env["JUPYTERHUB_DEFAULT_URL"], env["JUPYTERHUB_ROOT_DIR"], container["workingDir"]) == ("/lab", documents, documents)
    args = container["args"]
    assert "--YDocExtension.disable_rtc=False" in args
    assert f"--SQLiteYStore.db_path={HOME}/collaboration.db" in args  # on the room's own claim
    assert "--ServerApp.terminals_enabled=False" in args
    assert float(container["resources"]["limits"]["cpu"]) == ROLE_RESOURCES["room"].cpu_limit
    assert pod["metadata"]["labels"][manifests.HUB_ACCESS_LABEL] == "true"


def test_the_hub_on_kubernetes_knows_the_rooms():
    c = hub_config()
    assert c.RosterManagedAuthenticator.room_users == ["room-lucy", "room-rosa"]
    assert "jupyterhub-user-room-rosa" in c.JupyterHub.tornado_settings["oauth_no_confirm_list"]


# -- the hub config, on a bare Config ---------------------------------------------------

def test_the_pre_spawn_hook_sizes_by_role_and_only_sets():
    c = Config()
    apply_kubernetes_config(c, SETTINGS, COHORT, ids=IDS, secrets=TOKENS)
    spawner = SimpleNamespace(user=SimpleNamespace(name="facilitator2"))
    c.KubeSpawner.pre_spawn_hook(spawner)
    assert (spawner.mem_limit, spawner.cpu_limit) == (ROLE_RESOURCES["facilitator"].mem_limit, ROLE_RESOURCES["facilitator"].cpu_limit)
    stranger = SimpleNamespace(user=SimpleNamespace(name="not-on-roster"))
    c.KubeSpawner.pre_spawn_hook(stranger)
    assert stranger.mem_limit == ROLE_RESOURCES["learner"].mem_limit  # the smallest, never more


def test_services_are_external_with_their_tokens_and_the_charts_are_kept():
    c = Config()
    c.JupyterHub.services = [{"name": "jupyterhub-idle-culler", "command": ["python3", "-m", "jupyterhub_idle_culler"]}]
    apply_kubernetes_config(c, SETTINGS, COHORT, ids=IDS, secrets=TOKENS)
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert set(services) == {"jupyterhub-idle-culler", "rosa", "lucy", "progress", "operations"}
    for name in ("rosa", "lucy", "progress", "operations"):
        assert "command" not in services[name]  # not started by the hub: a Deployment each
        assert services[name]["url"] == f"http://redschool-{name}:8888"
        assert services[name]["api_token"] == TOKENS[f"service-{name}"]


def test_the_roster_still_decides_who_logs_in_and_what_facilitators_see():
    c = Config()
    apply_kubernetes_config(c, SETTINGS, COHORT, ids=IDS, secrets=TOKENS)
    assert c.Authenticator.allowed_users == COHORT.usernames
    from hub.auth import RosterManagedAuthenticator, RosterNativeAuthenticator

    assert issubclass(c.JupyterHub.authenticator_class, RosterNativeAuthenticator)  # invitations, no sign-up
    assert issubclass(c.JupyterHub.authenticator_class, RosterManagedAuthenticator)
    roles = {r["name"]: r for r in c.RosterManagedAuthenticator.roster_roles}
    assert any("!group=circle-rosa" in s for r in roles.values() for s in r.get("scopes", []))


def test_the_hub_config_leaves_the_cluster_to_the_chart():
    """Proxy, database, cookie secret and the hub's address are the chart's: ours sets none of them."""
    c = Config()
    apply_kubernetes_config(c, SETTINGS, COHORT, ids=IDS, secrets=TOKENS)
    for name in ("db_url", "cookie_secret_file", "hub_ip", "ip", "port", "pid_file"):
        assert name not in c.JupyterHub, name
    assert "ConfigurableHTTPProxy" not in c


# -- a circle's desk ------------------------------------------------------------------

def test_a_desk_runs_as_its_circles_grader_and_sees_its_circle_only():
    objects = our_objects()
    deployment = by(objects, "Deployment", "redschool-rosa")
    spec = deployment["spec"]["template"]["spec"]
    container = spec["containers"][0]
    grader = IDS[grader_account(SETTINGS, "rosa")]
    assert spec["securityContext"]["runAsUser"] == grader and spec["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert spec["automountServiceAccountToken"] is False
    shared = sorted(m["subPath"] for m in container["volumeMounts"] if m["name"] == "shared")
    assert shared == ["courses/rosa", "desk-homes/rosa", "exchange/rosa", "jupyter-config", "jupyter-data", "numeric-ids.json"]
    # In each of its learners' own groups (submissions and feedback are theirs and the grader's only).
    assert spec["securityContext"]["supplementalGroups"] == sorted(
        IDS[person_account(SETTINGS, name)] for name in ("learner1", "learner2", "learner3", "learner4"))
    assert container["args"] == ["python", "-m", "grading.desk"] and container["workingDir"] == "/srv/redschool/courses/rosa"
    env = {e["name"]: e for e in container["env"]}
    assert env["REDSCHOOL_DESK_CIRCLE"]["value"] == "rosa"
    assert env["JUPYTER_NO_CONFIG"]["value"] == "1"
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {"name": manifests.TOKENS_SECRET, "key": "service-rosa"}
    assert not any("PASSWORD" in name for name in env)
    assert by(objects, "Service", "redschool-rosa")["spec"]["selector"] == {"redschool/service": "rosa"}


# -- an autograde Job -------------------------------------------------------------------

def test_an_autograde_job_is_confined_to_one_circle_with_no_network_and_no_token():
    job = manifests.autograde_job(SETTINGS, COHORT, "lucy", "lrs-pe-01-commodity-and-value", IDS, image=IMAGE, time_limit=90)
    spec = job["spec"]["template"]["spec"]
    container = spec["containers"][0]
    grader = IDS[grader_account(SETTINGS, "lucy")]
    assert spec["securityContext"]["runAsUser"] == grader != 0
    context = container["securityContext"]
    assert (context["runAsNonRoot"], context["allowPrivilegeEscalation"], context["readOnlyRootFilesystem"]) == (True, False, True)
    assert context["capabilities"] == {"drop": ["ALL"]}
    assert spec["automountServiceAccountToken"] is False and spec["enableServiceLinks"] is False
    assert "command" not in container  # the image's entrypoint (tini) reaps the kernels
    assert container["args"] == ["redschool", "autograde", "lrs-pe-01-commodity-and-value", "--circle", "lucy", "--time-limit", "90"]
    mounts = {m["subPath"]: m.get("readOnly", False) for m in container["volumeMounts"] if m["name"] == "shared"}
    assert mounts == {"courses/lucy": False, "exchange/lucy/inbound": True, "exchange/lucy/outbound": True,
                      "exchange/lucy/feedback": True, "jupyter-config": True, "jupyter-data": True, "numeric-ids.json": True}
    assert spec["securityContext"]["supplementalGroups"] == sorted(
        IDS[person_account(SETTINGS, name)] for name in COHORT.circles["lucy"].learners)
    assert container["resources"]["limits"] == container["resources"]["requests"]
    assert job["spec"]["backoffLimit"] == 0
    # The network policy for Jobs selects it.
    policy = by(manifests.network_policies(), "NetworkPolicy", "redschool-no-network")
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= job["spec"]["template"]["metadata"]["labels"].items()


# -- network policies ----------------------------------------------------------------

def test_jobs_reach_nothing_and_nothing_reaches_them():
    policy = by(manifests.network_policies(), "NetworkPolicy", "redschool-no-network")
    assert policy["spec"]["policyTypes"] == ["Ingress", "Egress"]
    assert policy["spec"]["ingress"] == [] and policy["spec"]["egress"] == []
    folders = manifests.folders_job(SETTINGS, image=IMAGE)["spec"]["template"]
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= folders["metadata"]["labels"].items()
    # Workspaces, desks and pages are not caught by it.
    pod, _ = kubespawner_objects("learner1")
    assert not policy["spec"]["podSelector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()


def test_the_folders_job_is_root_with_the_ownership_capabilities_only():
    job = manifests.folders_job(SETTINGS, image=IMAGE)
    container = job["spec"]["template"]["spec"]["containers"][0]
    context = container["securityContext"]
    assert context["runAsUser"] == 0 and context["runAsNonRoot"] is False
    assert context["capabilities"] == {"drop": ["ALL"], "add": ["CHOWN", "FOWNER", "DAC_OVERRIDE"]}
    assert (context["allowPrivilegeEscalation"], context["readOnlyRootFilesystem"], context["privileged"]) == (False, True, False)
    assert container["args"] == ["python", "-m", "deploy.folders"]
    assert job["spec"]["template"]["spec"]["automountServiceAccountToken"] is False


def test_workspaces_reach_the_hub_and_dns_only():
    policy = by(manifests.network_policies(), "NetworkPolicy", "redschool-workspaces")
    pod, _ = kubespawner_objects("learner1")
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    assert policy["spec"]["policyTypes"] == ["Ingress", "Egress"]
    egress = policy["spec"]["egress"]
    assert egress[0] == {"to": [{"podSelector": {"matchLabels": {"component": "hub"}}}], "ports": [{"port": 8081, "protocol": "TCP"}]}
    assert egress[1]["to"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}}]
    assert {p["port"] for p in egress[1]["ports"]} == {53}
    assert len(egress) == 2
    assert not any("ipBlock" in peer for rule in egress for peer in rule["to"])  # no way out to the internet
    (ingress,) = policy["spec"]["ingress"]
    assert {p["podSelector"]["matchLabels"]["component"] for p in ingress["from"]} == {"proxy", "hub"}


def test_desks_and_pages_are_reached_from_the_proxy_and_hub_and_reach_the_hub_only():
    for role in ("desk", "progress", "operations"):
        policy = by(manifests.network_policies(), "NetworkPolicy", f"redschool-{role}")
        assert [rule["to"][0] for rule in policy["spec"]["egress"]] == [
            {"podSelector": {"matchLabels": {"component": "hub"}}},
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}},
        ]
    desk = by(our_objects(), "Deployment", "redschool-lucy")["spec"]["template"]["metadata"]["labels"]
    assert desk["redschool/role"] == "desk" and desk[manifests.HUB_ACCESS_LABEL] == "true"


# -- shared storage and the numeric ids --------------------------------------------------

def test_the_shared_volume_is_nfs_read_write_many_and_kept():
    pv = by(our_objects(), "PersistentVolume", SHARED_CLAIM)
    pvc = by(our_objects(), "PersistentVolumeClaim", SHARED_CLAIM)
    assert pv["spec"]["accessModes"] == pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    assert pv["spec"]["persistentVolumeReclaimPolicy"] == "Retain"
    assert pv["spec"]["nfs"] == {"server": "nfs.example.org", "path": "/export/redschool"}
    assert pvc["spec"]["volumeName"] == SHARED_CLAIM


def test_numeric_ids_only_grow_and_are_never_reused(tmp_path):
    path = tmp_path / "numeric-ids.json"
    first = ensure_ids(path, SETTINGS, COHORT)
    # people, each circle's grader, the pages' account, each circle's room
    assert len(set(first.values())) == len(first) == len(COHORT.usernames) + len(COHORT.circles) + 1 + len(COHORT.circles)
    assert min(first.values()) == FIRST_ID and PAGES_ACCOUNT in first
    assert ensure_ids(path, SETTINGS, COHORT) == first  # idempotent
    smaller = load_roster_text(
        "username,display_name,role,circle\nlearner9,New,learner,rosa\nfacilitator1,F,facilitator,rosa\nadmin,A,admin,\n"
    )
    second = ensure_ids(path, SETTINGS, smaller)
    assert {k: second[k] for k in first} == first  # everyone keeps their number, even those who left
    assert second[person_account(SETTINGS, "learner9")] == max(first.values()) + 1


def load_roster_text(text: str):
    from core.cohort import parse_roster

    return parse_roster(text)


def test_a_damaged_id_table_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "numeric-ids.json"
    path.write_text(json.dumps({"jupyter-a": FIRST_ID, "jupyter-b": FIRST_ID}))
    with pytest.raises(NumericIdError, match="one id to two accounts; restore it from a backup"):
        load_ids(path)
    path.write_text("{not json")
    with pytest.raises(NumericIdError, match="not valid JSON"):
        load_ids(path)


def test_service_tokens_come_from_the_secret_and_a_missing_one_says_how_to_make_it(tmp_path):
    from core.settings import SettingsError

    names = service_token_names(COHORT)
    secret = tokens_secret(names)
    assert sorted(secret["stringData"]) == sorted(names) and len(set(secret["stringData"].values())) == len(names)
    for name in names[:-1]:
        (tmp_path / name).write_text(f"t-{name}\n")
    with pytest.raises(SettingsError, match="python -m deploy.render tokens"):
        read_tokens(tmp_path, names)
    (tmp_path / names[-1]).write_text("last")
    assert read_tokens(tmp_path, names)[names[0]] == f"t-{names[0]}"


# -- the chart's values and the image ----------------------------------------------------

def test_the_values_load_our_config_through_the_charts_extra_config():
    values = yaml.safe_load(VALUES.read_text())
    hub = values["hub"]
    snippet = "\n".join(hub["extraConfig"].values())
    assert "from deploy.hub_config import configure" in snippet and "configure(c)" in snippet
    # The settings it reads are valid settings, for a Kubernetes hub.
    settings = Settings.from_env(hub["extraEnv"])
    assert (settings.mode, settings.spawner) == ("server", "kubespawner.KubeSpawner")
    mounts = {m["name"]: m for m in hub["extraVolumeMounts"]}
    volumes = {v["name"]: v for v in hub["extraVolumes"]}
    assert mounts["shared"]["mountPath"] == str(settings.data_dir)
    assert volumes["shared"]["persistentVolumeClaim"]["claimName"] == SHARED_CLAIM
    assert mounts["roster"]["mountPath"] == str(settings.roster)
    assert volumes["roster"]["configMap"]["name"] == manifests.ROSTER_CONFIGMAP
    assert mounts["service-tokens"]["mountPath"] == "/etc/redschool/service-tokens"
    assert volumes["service-tokens"]["secret"]["secretName"] == manifests.TOKENS_SECRET
    # One image for the hub and the workspaces; the chart adds no home volume or policy of its own on ours.
    assert hub["image"] == values["singleuser"]["image"]
    assert values["singleuser"]["storage"]["type"] == "none"
    assert values["singleuser"]["networkPolicy"]["enabled"] is False
    assert hub["networkPolicy"]["enabled"] is True
    assert hub["containerSecurityContext"]["allowPrivilegeEscalation"] is False
    assert hub["containerSecurityContext"]["runAsUser"] != 0
    assert hub["containerSecurityContext"]["readOnlyRootFilesystem"] is True and "emptyDir" in volumes["tmp"]


def test_the_values_check_reports_what_the_charts_schema_refuses(tmp_path):
    """deploy/chart_values.py against a small schema of the same form as the chart's."""
    (tmp_path / "values.yaml").write_text("hub: {extraConfig: {}}\nsingleuser: {storage: {type: dynamic}}\n")
    (tmp_path / "values.schema.yaml").write_text(yaml.safe_dump({
        "type": "object", "additionalProperties": False,
        "properties": {
            "hub": {"type": "object", "additionalProperties": False, "properties": {"extraConfig": {"type": "object"}}},
            "singleuser": {"type": "object", "properties": {"storage": {"type": "object", "properties": {
                "type": {"enum": ["dynamic", "static", "none"]}}}}},
        },
    }))
    assert problems({"singleuser": {"storage": {"type": "none"}}}, tmp_path) == []
    assert problems({"hub": {"extraConfg": {}}, "singleuser": {"storage": {"type": "nothing"}}}, tmp_path) == [
        "hub: Additional properties are not allowed ('extraConfg' was unexpected)",
        "singleuser.storage.type: 'nothing' is not one of ['dynamic', 'static', 'none']",
    ]
    assert merged({"a": {"b": 1, "c": 2}}, {"a": {"b": 3}}) == {"a": {"b": 3, "c": 2}}


def test_the_image_is_built_from_the_projects_files_with_the_pinned_stack():
    text = DOCKERFILE.read_text()
    assert "pip install -e '.[kubernetes]'" in text  # pyproject.toml's pins, and KubeSpawner
    assert "bubblewrap" in text  # learners' kernels stay confined in Jobs and desks
    for room in ("core", "hub", "cli", "curriculum", "readings", "grading", "exercises", "server", "operations", "deploy"):
        assert f"COPY {room} {room}" in text, room
    user = next(line for line in text.splitlines() if line.startswith("USER "))
    assert user.split()[1].split(":")[0] != "0"


# -- who owns what, by number, where there is no /etc/passwd --------------------------------

def test_collect_and_feedback_read_accounts_from_the_table_on_kubernetes(tmp_path):
    from core.numeric_ids import gid_of_own_group, uid_of
    from grading.courses import course_config
    from grading.exchange import owner_uid_function

    table = tmp_path / "numeric-ids.json"
    ids = ensure_ids(table, SETTINGS, COHORT)
    owner_uid = owner_uid_function("system-user", SETTINGS.account_of("{username}"), str(table))
    assert owner_uid("learner1") == ids["jupyter-learner1"]
    assert owner_uid("nobody-here") is None  # refused as "no such account", never matched
    assert gid_of_own_group("jupyter-learner2", str(table)) == uid_of("jupyter-learner2", str(table)) == ids["jupyter-learner2"]
    config = course_config(SETTINGS, "rosa")
    assert config.VerifiedCollect.numeric_ids_file == config.ReviewedFeedbackRelease.numeric_ids_file == "/srv/redschool/numeric-ids.json"
    one_server = Settings.from_env({"REDSCHOOL_MODE": "server", "REDSCHOOL_DATA_DIR": "/srv/redschool", "REDSCHOOL_ROSTER": str(DEMO_ROSTER)})
    assert "numeric_ids_file" not in course_config(one_server, "rosa").VerifiedCollect  # /etc/passwd there


def test_the_folders_job_gives_the_shared_volume_server_modes_owners_by_number(tmp_path, monkeypatch):
    """deploy/folders.py on a temporary data folder; owners recorded (only root may give them),
    modes read from the disk."""
    import os

    from deploy.folders import HUB_UID, apply_folders

    settings = Settings.from_env({
        "REDSCHOOL_MODE": "server", "REDSCHOOL_DATA_DIR": str(tmp_path / "data"), "REDSCHOOL_ROSTER": str(DEMO_ROSTER),
        "REDSCHOOL_SPAWNER": "kubespawner.KubeSpawner",
    })
    owners: dict[str, tuple[int, int]] = {}
    monkeypatch.setattr(os, "chown", lambda path, uid, gid, **kw: owners.__setitem__(str(path), (uid, gid)))
    ids = apply_folders(settings, COHORT)
    data = settings.data_dir
    grader, pages = ids["grader-rosa"], ids[PAGES_ACCOUNT]

    def mode(path) -> int:
        return os.stat(path).st_mode & 0o7777

    assert owners[str(data)] == (HUB_UID, HUB_UID) and mode(data) == 0o755
    assert owners[str(data / "numeric-ids.json")] == (HUB_UID, HUB_UID) and mode(data / "numeric-ids.json") == 0o644
    course = data / "courses" / "rosa"
    assert owners[str(course)] == (grader, pages) and mode(course) == 0o2750
    assert owners[str(course / "gradebook.db")] == (grader, pages)  # made by the Job, then given away
    assert owners[str(data / "exchange" / "rosa" / "inbound")] == (grader, grader)
    assert mode(data / "exchange" / "rosa" / "inbound") == 0o1730
    assert mode(data / "exchange") == 0o1777
    assert mode(data / "desk-homes" / "rosa") == 0o700
    room = ids[person_account(settings, "room-rosa")]
    assert owners[str(data / "rooms" / "rosa" / "documents")] == (room, room) and mode(data / "rooms" / "rosa") == 0o700
    assert (settings.learner_config_dir / "nbgrader_config.py").is_file()
    assert not (data / "jupyterhub.sqlite").exists()  # the hub's database is not on the shared volume


def test_the_hub_refuses_to_start_while_someone_on_the_roster_has_no_number(tmp_path):
    from deploy.hub_config import read_ids

    settings = Settings.from_env({"REDSCHOOL_MODE": "server", "REDSCHOOL_DATA_DIR": str(tmp_path),
                                  "REDSCHOOL_ROSTER": str(DEMO_ROSTER), "REDSCHOOL_SPAWNER": "kubespawner.KubeSpawner"})
    (tmp_path / "numeric-ids.json").write_text(json.dumps({k: v for k, v in IDS.items() if k != "jupyter-learner3"}))
    with pytest.raises(NumericIdError, match=r"jupyter-learner3.*run the folders Job"):
        read_ids(settings, COHORT)
    (tmp_path / "numeric-ids.json").write_text(json.dumps(IDS))
    assert read_ids(settings, COHORT) == IDS


def test_the_hub_runs_as_the_user_the_folders_job_gives_the_data_folder():
    from deploy.folders import HUB_UID

    assert yaml.safe_load(VALUES.read_text())["hub"]["containerSecurityContext"]["runAsUser"] == HUB_UID


def test_the_charts_extra_config_runs_our_configuration(tmp_path, monkeypatch):
    """The chart executes each hub.extraConfig entry with `c` in scope; do the same with ours,
    in the hub pod's environment (values.yaml's extraEnv) over a prepared shared folder."""
    from deploy import hub_config

    values = yaml.safe_load(VALUES.read_text())
    env = {**values["hub"]["extraEnv"], "REDSCHOOL_DATA_DIR": str(tmp_path / "data"), "REDSCHOOL_ROSTER": str(DEMO_ROSTER)}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings.from_env(env)
    ensure_ids(tmp_path / "data" / "numeric-ids.json", settings, COHORT)
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    for name in service_token_names(COHORT):
        (tokens / name).write_text(f"secret-{name}\n")
    monkeypatch.setattr(hub_config, "TOKENS_DIR", tokens)
    c = Config()
    for snippet in values["hub"]["extraConfig"].values():
        exec(snippet, {"c": c})
    assert c.JupyterHub.spawner_class == "kubespawner.KubeSpawner"
    assert {s["name"]: s["api_token"] for s in c.JupyterHub.services}["rosa"] == "secret-service-rosa"
    assert callable(c.KubeSpawner.uid) and callable(c.KubeSpawner.pre_spawn_hook)
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["numeric-ids.json"]  # it wrote nothing


def test_a_hub_without_its_tokens_stops_with_what_to_do(tmp_path, monkeypatch, capsys):
    from deploy import hub_config

    values = yaml.safe_load(VALUES.read_text())
    for key, value in {**values["hub"]["extraEnv"], "REDSCHOOL_DATA_DIR": str(tmp_path), "REDSCHOOL_ROSTER": str(DEMO_ROSTER)}.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) as stopped:
        hub_config.configure(Config(), tokens_dir=tmp_path / "no-tokens")
    assert stopped.value.code == 1
    assert "Red School cannot start: the Secret redschool-service-tokens has no service-lucy" in capsys.readouterr().err


def test_on_kubernetes_pages_and_pods_get_each_persons_language_too():
    from hub.kubernetes import apply_kubernetes_config

    c = Config()
    c.KubeSpawner.environment = {}  # what the chart sets (singleuser.extraEnv)
    apply_kubernetes_config(c, SETTINGS, COHORT, ids=IDS, secrets=TOKENS, languages={"learner5": "es"})
    assert c.JupyterHub.jinja_environment_options["extensions"] == ["core.i18n.RedSchoolI18n"]
    assert c.JupyterHub.template_vars["redschool_language"](SimpleNamespace(name="learner5")) == "es"
    env = c.KubeSpawner.environment
    assert "HOME" in env, "the pod's own environment is kept"
    assert env["REDSCHOOL_LANGUAGE"](SimpleNamespace(user=SimpleNamespace(name="learner5"))) == "es"
    assert env["JUPYTER_CONFIG_PATH"](SimpleNamespace(user=SimpleNamespace(name="learner5"))).startswith(
        str(SETTINGS.data_dir / "jupyter-config" / "language-es")
    )
