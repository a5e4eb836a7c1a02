"""Kubernetes objects of our own, beside what the Zero to JupyterHub chart makes.

The chart makes the hub, the proxy and their network policies; KubeSpawner makes each
workspace's pod and volume (hub/kubernetes.py). These are the rest, built as plain dicts
from the settings, the roster and the numeric ids (pure: nothing is read or applied here;
`python -m deploy.render` writes them for `kubectl apply`):

- the shared ReadWriteMany volume (exchange, courses, Jupyter settings) on NFS;
- a review desk per circle, and the progress and health pages: a Deployment and a
  Service each, known to the hub as external services (hub/kubernetes.py);
- an autograde Job per circle and unit, confined;
- the folders Job (deploy/folders.py), after each roster change;
- network policies: workspaces reach the hub only; desks and services reach the hub
  only and are reached from the proxy and hub only; Jobs reach nothing.

Every pod runs as a numeric user that is not root, without privilege escalation or
capabilities, with a read-only root filesystem (writable: its volumes and an empty /tmp).
The one exception is the folders Job, which must change owners: root, with CHOWN,
FOWNER and DAC_OVERRIDE only, no network, and nothing of the learners' to run.
"""

from __future__ import annotations

from core.accounts import grader_account, person_account
from core.cohort import Cohort
from core.layout import course_dir, desk_home, inbound_dir, numeric_ids_path, outbound_dir, released_feedback_dir
from core.numeric_ids import PAGES_ACCOUNT
from core.settings import Settings
from core.urls import DESK_CIRCLE_ENV, OPERATIONS_SERVICE, PROGRESS_SERVICE, review_desk_service
from hub.kubernetes import HUB_ACCESS_LABEL, SERVICE_PORT, SHARED_CLAIM, service_host

APP = "redschool"
TOKENS_SECRET = "redschool-service-tokens"
ROSTER_CONFIGMAP = "redschool-roster"
# The chart's hub and proxy pods carry the label `component` (hub, proxy), and its hub accepts
# traffic only from pods labelled HUB_ACCESS_LABEL.
HUB_API_PORT = 8081
DNS = [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]
#: Pods with this label get no network at all (network_policies): Jobs.
NO_NETWORK = {"redschool/network": "none"}


def labels(role: str, **more: str) -> dict[str, str]:
    return {"app.kubernetes.io/part-of": APP, "redschool/role": role, **more}


def container_security() -> dict:
    """What every container of ours gets: never root, no way up, nothing to write but its volumes."""
    return {
        "runAsNonRoot": True,
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "privileged": False,
        "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def pod_security(uid: int, gid: int, groups: list[int] = ()) -> dict:
    context = {"runAsUser": uid, "runAsGroup": gid, "runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}}
    if groups:
        context["supplementalGroups"] = list(groups)
    return context


def _mount(settings: Settings, path, *, read_only: bool = False) -> dict:
    """A folder of the data folder, from the shared volume, at the same path as on one server."""
    mount = {"name": "shared", "mountPath": str(path), "subPath": str(path.relative_to(settings.data_dir))}
    if read_only:
        mount["readOnly"] = True
    return mount


def _common_volumes() -> list[dict]:
    return [
        {"name": "shared", "persistentVolumeClaim": {"claimName": SHARED_CLAIM}},
        {"name": "roster", "configMap": {"name": ROSTER_CONFIGMAP}},
        {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}},
    ]


def _common_mounts(settings: Settings) -> list[dict]:
    return [
        {"name": "roster", "mountPath": str(settings.roster), "subPath": "roster.csv", "readOnly": True},
        {"name": "tmp", "mountPath": "/tmp"},
        _mount(settings, settings.workspace_config_dir.parent, read_only=True),
        _mount(settings, settings.workspace_data_dir, read_only=True),
    ]


def _settings_env(settings: Settings) -> list[dict]:
    return [{"name": k, "value": v} for k, v in sorted(settings.to_env().items())]


def shared_storage(*, nfs_server: str, nfs_path: str, capacity: str = "200Gi") -> list[dict]:
    """The exchange, courses and Jupyter settings: one NFS export every pod mounts by sub-folder.
    NFS checks owners and modes by number, so server mode's permission model holds across
    nodes; and the kubelet never changes owners on an in-tree NFS volume (fsGroup is not applied)."""
    return [
        {
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": {"name": SHARED_CLAIM, "labels": labels("shared-storage")},
            "spec": {
                "capacity": {"storage": capacity},
                "accessModes": ["ReadWriteMany"],
                "persistentVolumeReclaimPolicy": "Retain",  # reflections are never deleted with a claim
                "storageClassName": "",
                "mountOptions": ["nfsvers=4.1", "hard"],
                "nfs": {"server": nfs_server, "path": nfs_path},
            },
        },
        {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": {"name": SHARED_CLAIM, "labels": labels("shared-storage")},
            "spec": {
                "accessModes": ["ReadWriteMany"],
                "storageClassName": "",
                "volumeName": SHARED_CLAIM,
                "resources": {"requests": {"storage": capacity}},
            },
        },
    ]


def _service_env(name: str, hub_api_url: str) -> list[dict]:
    """What JupyterHub gives a service it starts itself, given here to one it does not."""
    prefix = f"/services/{name}/"
    return [
        {"name": "JUPYTERHUB_SERVICE_NAME", "value": name},
        {"name": "JUPYTERHUB_SERVICE_URL", "value": f"http://0.0.0.0:{SERVICE_PORT}"},  # where it listens
        {"name": "JUPYTERHUB_SERVICE_PREFIX", "value": prefix},
        {"name": "JUPYTERHUB_BASE_URL", "value": "/"},
        {"name": "JUPYTERHUB_API_URL", "value": hub_api_url},
        {"name": "JUPYTERHUB_CLIENT_ID", "value": f"service-{name}"},
        {"name": "JUPYTERHUB_OAUTH_CALLBACK_URL", "value": f"{prefix}oauth_callback"},
        {"name": "JUPYTERHUB_OAUTH_ACCESS_SCOPES", "value": f'["access:services!service={name}"]'},
        {"name": "JUPYTERHUB_OAUTH_SCOPES", "value": f'["access:services!service={name}"]'},
        {"name": "JUPYTERHUB_API_TOKEN",
         "valueFrom": {"secretKeyRef": {"name": TOKENS_SECRET, "key": f"service-{name}"}}},
    ]


def _deployment_and_service(name: str, role: str, *, image: str, command: list[str], env: list[dict],
                            volumes: list[dict], mounts: list[dict], security: dict, workdir: str,
                            resources: dict) -> list[dict]:
    pod_labels = labels(role, **{"redschool/service": name, HUB_ACCESS_LABEL: "true"})
    return [
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": service_host(name), "labels": labels(role)},
            "spec": {
                "replicas": 1,
                "strategy": {"type": "Recreate"},  # a gradebook has one writer
                "selector": {"matchLabels": {"redschool/service": name}},
                "template": {
                    "metadata": {"labels": pod_labels},
                    "spec": {
                        "automountServiceAccountToken": False,
                        "securityContext": security,
                        "containers": [{
                            "name": role,
                            "image": image,
                            "args": command,  # after the image's entrypoint (tini, which reaps kernels)
                            "workingDir": workdir,
                            "env": env,
                            "ports": [{"name": "http", "containerPort": SERVICE_PORT}],
                            "securityContext": container_security(),
                            "resources": resources,
                            "volumeMounts": mounts,
                            "readinessProbe": {"tcpSocket": {"port": SERVICE_PORT}, "periodSeconds": 10},
                        }],
                        "volumes": volumes,
                    },
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": service_host(name), "labels": labels(role)},
            "spec": {"selector": {"redschool/service": name},
                     "ports": [{"name": "http", "port": SERVICE_PORT, "targetPort": SERVICE_PORT}]},
        },
    ]


def learner_groups(settings: Settings, cohort: Cohort, circle_id: str, ids: dict[str, int]) -> list[int]:
    """The own groups of a circle's learners: its grader is in each (as server/accounts.py makes
    it on one server), which lets it read what they submit and give them their feedback."""
    return sorted(ids[person_account(settings, name)] for name in cohort.circles[circle_id].learners)


def _grader_mounts(settings: Settings) -> list[dict]:
    # Collect checks each submission's owner by number, and feedback goes to each learner's group.
    return [_mount(settings, numeric_ids_path(settings), read_only=True)]


def desk(settings: Settings, cohort: Cohort, circle_id: str, ids: dict[str, int], *, image: str,
         hub_api_url: str) -> list[dict]:
    """A circle's review desk (grading/desk.py), as the circle's grader, seeing its circle only."""
    grader = ids[grader_account(settings, circle_id)]
    name = review_desk_service(circle_id)
    env = [
        *_settings_env(settings),
        {"name": DESK_CIRCLE_ENV, "value": circle_id},
        {"name": "JUPYTERHUB_DEFAULT_URL", "value": "/formgrader"},
        {"name": "JUPYTER_NO_CONFIG", "value": "1"},
        {"name": "JUPYTER_PATH", "value": str(settings.workspace_data_dir)},
        {"name": "HOME", "value": str(desk_home(settings, circle_id))},
        *_service_env(name, hub_api_url),
    ]
    mounts = [
        *_common_mounts(settings),
        *_grader_mounts(settings),
        _mount(settings, course_dir(settings, circle_id)),
        _mount(settings, desk_home(settings, circle_id)),
        # Only this circle's part of the exchange: its inbound, outbound and feedback.
        _mount(settings, outbound_dir(settings, circle_id).parent),
    ]
    return _deployment_and_service(
        name, "desk", image=image, command=["python", "-m", "grading.desk"], env=env,
        volumes=_common_volumes(), mounts=mounts,
        security=pod_security(grader, grader, learner_groups(settings, cohort, circle_id, ids)),
        workdir=str(course_dir(settings, circle_id)),
        # An idle Jupyter server measured 139 MiB (bench_capacity); autograding from the desk starts kernels.
        resources={"requests": {"cpu": "20m", "memory": "160Mi"}, "limits": {"cpu": "1", "memory": "1Gi"}},
    )


def page_service(settings: Settings, cohort: Cohort, name: str, ids: dict[str, int], *, image: str,
                 hub_api_url: str, uid: int) -> list[dict]:
    """The progress pages or the health page: read-only over every circle's course and exchange."""
    module = {PROGRESS_SERVICE: "grading.progress_service", OPERATIONS_SERVICE: "operations.health_service"}[name]
    groups = sorted(ids[grader_account(settings, c)] for c in cohort.circles)
    mounts = [*_common_mounts(settings), _mount(settings, settings.courses_dir, read_only=True),
              _mount(settings, settings.exchange_dir, read_only=True)]
    return _deployment_and_service(
        name, name, image=image, command=["python", "-m", module],
        env=[*_settings_env(settings), *_service_env(name, hub_api_url)],
        volumes=_common_volumes(), mounts=mounts, security=pod_security(uid, uid, groups),
        workdir=str(settings.data_dir),
        resources={"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "1Gi"}},
    )


def autograde_job(settings: Settings, cohort: Cohort, circle_id: str, unit_id: str, ids: dict[str, int], *, image: str,
                  time_limit: int = 120, cpu: str = "1", memory: str = "2Gi") -> dict:
    """`redschool autograde UNIT --circle C` as a Job: the circle's grader, the circle's course
    and exchange only, no network, no API token. Learners' kernels are confined inside it by
    bubblewrap (core/sandbox.py) as everywhere else: if the node forbids the user namespace
    bubblewrap needs, grading fails and nothing runs unconfined."""
    grader = ids[grader_account(settings, circle_id)]
    mounts = [
        *_common_mounts(settings),
        *_grader_mounts(settings),
        _mount(settings, course_dir(settings, circle_id)),
        _mount(settings, inbound_dir(settings, circle_id), read_only=True),  # collect only reads it
        _mount(settings, outbound_dir(settings, circle_id), read_only=True),
        _mount(settings, released_feedback_dir(settings, circle_id), read_only=True),
    ]
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": f"autograde-{circle_id}-{unit_id}"[:63].rstrip("-"),
                     "labels": labels("autograde", **{"redschool/circle": circle_id})},
        "spec": {
            "backoffLimit": 0,  # a failed run is reported, not repeated behind anyone's back
            "activeDeadlineSeconds": 3600,
            "ttlSecondsAfterFinished": 86400,
            "template": {
                "metadata": {"labels": labels("autograde", **{"redschool/circle": circle_id}, **NO_NETWORK)},
                "spec": {
                    "restartPolicy": "Never",
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "securityContext": pod_security(grader, grader, learner_groups(settings, cohort, circle_id, ids)),
                    "containers": [{
                        "name": "autograde",
                        "image": image,
                        "args": ["redschool", "autograde", unit_id, "--circle", circle_id,
                                    "--time-limit", str(time_limit)],
                        "workingDir": str(course_dir(settings, circle_id)),
                        "env": [*_settings_env(settings), {"name": "HOME", "value": "/tmp"}],
                        "securityContext": container_security(),
                        "resources": {"requests": {"cpu": cpu, "memory": memory}, "limits": {"cpu": cpu, "memory": memory}},
                        "volumeMounts": mounts,
                    }],
                    "volumes": _common_volumes(),
                },
            },
        },
    }


def folders_job(settings: Settings, *, image: str, name: str = "redschool-folders") -> dict:
    """deploy/folders.py as a Job: numbers, courses and owners on the shared volume. Root, because
    only root may give a folder to another user; nothing more than the capabilities for that."""
    context = {**container_security(), "runAsNonRoot": False, "runAsUser": 0,
               "capabilities": {"drop": ["ALL"], "add": ["CHOWN", "FOWNER", "DAC_OVERRIDE"]}}
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name, "labels": labels("folders")},
        "spec": {
            "backoffLimit": 0,
            "activeDeadlineSeconds": 1800,
            "ttlSecondsAfterFinished": 86400,
            "template": {
                "metadata": {"labels": labels("folders", **NO_NETWORK)},
                "spec": {
                    "restartPolicy": "Never",
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
                    "containers": [{
                        "name": "folders",
                        "image": image,
                        "args": ["python", "-m", "deploy.folders"],
                        "env": [*_settings_env(settings), {"name": "HOME", "value": "/tmp"}],
                        "securityContext": context,
                        "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}, "limits": {"cpu": "1", "memory": "1Gi"}},
                        "volumeMounts": [
                            {"name": "shared", "mountPath": str(settings.data_dir)},
                            {"name": "roster", "mountPath": str(settings.roster), "subPath": "roster.csv", "readOnly": True},
                            {"name": "tmp", "mountPath": "/tmp"},
                        ],
                    }],
                    "volumes": _common_volumes(),
                },
            },
        },
    }


def _policy(name: str, selector: dict, *, ingress: list[dict], egress: list[dict]) -> dict:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": name, "labels": labels("network-policy")},
        "spec": {"podSelector": {"matchLabels": selector}, "policyTypes": ["Ingress", "Egress"],
                 "ingress": ingress, "egress": egress},
    }


def _to_hub() -> list[dict]:
    return [
        {"to": [{"podSelector": {"matchLabels": {"component": "hub"}}}], "ports": [{"port": HUB_API_PORT, "protocol": "TCP"}]},
        # The hub's address is a Service name: DNS, and DNS only, in kube-system.
        {"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}}], "ports": DNS},
    ]


def network_policies() -> list[dict]:
    from_proxy_and_hub = [{"podSelector": {"matchLabels": {"component": c}}} for c in ("proxy", "hub")]
    return [
        # KubeSpawner labels every workspace pod `component: singleuser-server`.
        _policy("redschool-workspaces", {"component": "singleuser-server"},
                ingress=[{"from": from_proxy_and_hub, "ports": [{"port": 8888, "protocol": "TCP"}]}], egress=_to_hub()),
        *(
            _policy(f"redschool-{role}", {"redschool/role": role},
                    ingress=[{"from": from_proxy_and_hub, "ports": [{"port": SERVICE_PORT, "protocol": "TCP"}]}],
                    egress=_to_hub())
            for role in ("desk", PROGRESS_SERVICE, OPERATIONS_SERVICE)
        ),
        # Jobs: learners' code runs in autograde, root in folders. Nothing in, nothing out.
        _policy("redschool-no-network", NO_NETWORK, ingress=[], egress=[]),
    ]


def everything(settings: Settings, cohort: Cohort, ids: dict[str, int], *, image: str, nfs_server: str,
               nfs_path: str, hub_api_url: str = "http://hub:8081/hub/api") -> list[dict]:
    """Every object of ours for a roster (autograde Jobs are made when someone grades)."""
    uid = ids[PAGES_ACCOUNT]
    objects = [*shared_storage(nfs_server=nfs_server, nfs_path=nfs_path), *network_policies()]
    for cid in sorted(cohort.circles):
        objects += desk(settings, cohort, cid, ids, image=image, hub_api_url=hub_api_url)
    for name in (PROGRESS_SERVICE, OPERATIONS_SERVICE):
        objects += page_service(settings, cohort, name, ids, image=image, hub_api_url=hub_api_url, uid=uid)
    return objects
