"""The hub on Kubernetes: Zero to JupyterHub's chart runs it, KubeSpawner starts workspaces.

The chart's own jupyterhub_config.py sets what belongs to the cluster (proxy, database,
cookie secret, the hub's address, image, labels, namespace) and then executes
`hub.extraConfig`, where ours calls `deploy.hub_config.configure(c)`, which calls
`apply_kubernetes_config` here. What the roster decides is set here, as on one server:
who may log in, groups and roles, templates, the desks and services, and, for KubeSpawner,
each person's numeric user and group (core/numeric_ids.py), their circle's group, the
resources of their role, and the volumes every workspace mounts.

Each `update_*` only sets values on `c` (no I/O): tested against a bare traitlets Config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.accounts import grader_account, person_account
from core.cohort import Cohort
from core.layout import room_documents
from core.rooms import room_circle
from core.settings import Settings
from core.urls import OPERATIONS_SERVICE, PROGRESS_SERVICE, review_desk_service

from .config import (
    OPERATIONS_SCOPES,
    update_authenticator,
    update_groups_and_roles,
    update_rooms,
    update_languages,
    update_metrics,
    update_templates,
)
from .roles import SERVER_TOKEN_SCOPES
from .rooms import room_server_args
from .workspace import UNITS_PAGE

#: Where a workspace finds its person's files: their own volume (KubeSpawner makes one per person).
HOME = "/home/learner"
#: Every Red School pod's port for the hub's services (desks, progress, operations).
SERVICE_PORT = 8888
#: The shared ReadWriteMany claim (deploy/manifests.py): exchange, courses, Jupyter settings.
SHARED_CLAIM = "redschool-shared"
#: The chart's hub accepts traffic only from pods with this label (its hub NetworkPolicy).
HUB_ACCESS_LABEL = "hub.jupyter.org/network-access-hub"


@dataclass(frozen=True)
class Resources:
    """What one workspace may use: KubeSpawner's guarantees (requests) and limits."""

    cpu_guarantee: float
    cpu_limit: float
    mem_guarantee: str
    mem_limit: str


# Sized from benchmarks/bench_capacity.py (README, *Beyond one server*): a learner's
# workspace with a unit run top to bottom held 292 MiB RSS (server + kernel). The guarantee
# is what the scheduler packs by (about 1.75 times that: a second notebook, a bigger chart);
# the limit is what one person may reach before their kernel is restarted.
# Facilitators open several learners' notebooks side by side; authors run `redschool check`
# and previews, which start more kernels.
ROLE_RESOURCES: dict[str, Resources] = {
    "learner": Resources(cpu_guarantee=0.1, cpu_limit=1.0, mem_guarantee="512M", mem_limit="1G"),
    "facilitator": Resources(cpu_guarantee=0.2, cpu_limit=1.0, mem_guarantee="768M", mem_limit="2G"),
    "author": Resources(cpu_guarantee=0.5, cpu_limit=2.0, mem_guarantee="1G", mem_limit="3G"),
    # A circle's room serves the whole circle at once: benchmarks/bench_rooms.py saw its
    # server near one core with 80 people typing, and a few kernels run there.
    "room": Resources(cpu_guarantee=0.5, cpu_limit=2.0, mem_guarantee="1G", mem_limit="2G"),
}


def resource_role(cohort: Cohort, username: str) -> str:
    """The role whose resources a person's workspace gets: the largest of their roles
    (admins are sized as authors; someone not on the roster as a learner); a circle's room
    gets a room's."""
    if room_circle(username) in cohort.circles:
        return "room"
    if username not in cohort.usernames:
        return "learner"
    person = cohort.person(username)
    if person.is_author or person.is_admin:
        return "author"
    if person.is_facilitator:
        return "facilitator"
    return "learner"


def circle_of_learner(cohort: Cohort, username: str) -> str | None:
    if username not in cohort.usernames:
        return None
    person = cohort.person(username)
    return person.circles[0] if person.is_learner and person.circles else None


def apply_kubernetes_config(
    c, settings: Settings, cohort: Cohort, *, ids: dict[str, int], secrets: dict[str, str],
    languages: dict[str, str] | None = None,
) -> None:
    """Everything ours on a Zero to JupyterHub hub (the chart has set the rest). `languages`:
    the roster's language for each person who has one (core/languages.py)."""
    update_authenticator(c, settings, cohort, secrets)
    update_groups_and_roles(c, cohort)
    update_metrics(c)
    update_templates(c, cohort, settings)
    update_kubespawner(c, settings, cohort, ids)
    update_languages(c, settings, languages or {}, spawner="KubeSpawner")  # after update_kubespawner: it adds to its environment
    update_role_resources(c, settings, cohort)
    update_kubernetes_services(c, settings, cohort, secrets)
    update_rooms(c, settings, cohort)  # after the services: it lists those that skip OAuth's question


def update_kubespawner(c, settings: Settings, cohort: Cohort, ids: dict[str, int]) -> None:
    """One pod per person, as their own numeric user, confined, with their own volume.

    Everything is set on `KubeSpawner`, never on `Spawner`: the chart has already set some
    of these on `KubeSpawner` from its own defaults (e.g. an empty environment), and
    traitlets lets the more specific class win whatever the order."""
    c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"
    c.KubeSpawner.default_url = UNITS_PAGE
    c.KubeSpawner.cmd = ["jupyterhub-singleuser"]
    c.KubeSpawner.server_token_scopes = SERVER_TOKEN_SCOPES
    c.KubeSpawner.environment = {
        "JUPYTER_CONFIG_PATH": f"{settings.workspace_config_dir}:{settings.learner_config_dir}",
        "JUPYTER_PATH": str(settings.workspace_data_dir),
        "HOME": HOME,
    }
    c.KubeSpawner.start_timeout = 300  # a cold node pulls the image first
    c.KubeSpawner.http_timeout = 120
    c.JupyterHub.cleanup_servers = False  # a hub restart leaves workspaces running

    def person_id(spawner) -> int:
        # KubeSpawner calls these with the spawner when it makes the pod.
        return ids[person_account(settings, spawner.user.name)]

    def circle_groups(spawner) -> list[int]:
        # A learner reads their circle's released units through its grader's group (server/folders.py).
        circle = circle_of_learner(cohort, spawner.user.name)
        return [ids[grader_account(settings, circle)]] if circle else []

    c.KubeSpawner.uid = person_id
    c.KubeSpawner.gid = person_id
    # Their own volume is made theirs by the kubelet; the shared NFS volume is not touched
    # (in-tree NFS volumes ignore fsGroup), its owners are server mode's.
    c.KubeSpawner.fs_gid = person_id
    c.KubeSpawner.supplemental_gids = circle_groups
    c.KubeSpawner.privileged = False
    c.KubeSpawner.allow_privilege_escalation = False
    c.KubeSpawner.container_security_context = {
        "runAsNonRoot": True,
        "readOnlyRootFilesystem": True,  # writable: the home volume and /tmp only
        "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "RuntimeDefault"},
    }
    c.KubeSpawner.pod_security_context = {"fsGroupChangePolicy": "OnRootMismatch"}
    # A workspace never talks to the Kubernetes API.
    c.KubeSpawner.automount_service_account_token = False
    # Our own values replace the chart's singleuser.extraLabels, which carried the hub's label.
    c.KubeSpawner.extra_labels = {"redschool/role": "workspace", HUB_ACCESS_LABEL: "true"}
    c.KubeSpawner.working_dir = HOME  # the server's root: nbgrader fetches units here
    # Their own disk, made on first start and kept when the server stops.
    c.KubeSpawner.storage_pvc_ensure = True
    c.KubeSpawner.pvc_name_template = "home-{user_server}"
    c.KubeSpawner.storage_capacity = "2Gi"
    c.KubeSpawner.storage_access_modes = ["ReadWriteOnce"]
    data = settings.data_dir
    c.KubeSpawner.volumes = {
        "home": {"name": "home", "persistentVolumeClaim": {"claimName": "{pvc_name}"}},
        "shared": {"name": "shared", "persistentVolumeClaim": {"claimName": SHARED_CLAIM}},
        "tmp": {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}},
    }
    c.KubeSpawner.volume_mounts = {
        "home": {"name": "home", "mountPath": HOME},
        "tmp": {"name": "tmp", "mountPath": "/tmp"},
        # nbgrader's exchange; the modes inside decide what each person may see.
        "exchange": {"name": "shared", "mountPath": str(settings.exchange_dir), "subPath": "exchange"},
        "jupyter-config": {"name": "shared", "mountPath": str(settings.workspace_config_dir.parent),
                           "subPath": str(settings.workspace_config_dir.parent.relative_to(data)), "readOnly": True},
        "jupyter-data": {"name": "shared", "mountPath": str(settings.workspace_data_dir),
                         "subPath": str(settings.workspace_data_dir.relative_to(data)), "readOnly": True},
    }


def update_role_resources(c, settings: Settings, cohort: Cohort, resources: dict[str, Resources] = ROLE_RESOURCES) -> None:
    """Each workspace's CPU and memory follow its person's role on the roster, set just
    before the spawn (JupyterHub's pre_spawn_hook: KubeSpawner reads them when it makes the
    pod), over the chart's single size (singleuser.memory and cpu). The same hook makes a
    circle's room's pod a room's (hub/rooms.py does it on one server): KubeSpawner's hook
    is the one that runs, being the more specific class's."""

    def size_for_role(spawner) -> None:
        chosen = resources[resource_role(cohort, spawner.user.name)]
        spawner.cpu_guarantee = chosen.cpu_guarantee
        spawner.cpu_limit = chosen.cpu_limit
        spawner.mem_guarantee = chosen.mem_guarantee
        spawner.mem_limit = chosen.mem_limit
        circle = room_circle(spawner.user.name)
        if circle in cohort.circles:
            make_room_pod(spawner, settings, circle)

    c.KubeSpawner.pre_spawn_hook = size_for_role


def make_room_pod(spawner, settings: Settings, circle_id: str) -> None:
    """A room's pod: its documents from the shared volume (where the review desk's collect
    reaches them), its collaboration history and file ids on its own claim (SQLite wants a
    local disk's locks, not NFS's), collaboration on, and none of the exchange."""
    documents = room_documents(settings, circle_id)
    spawner.notebook_dir = spawner.working_dir = str(documents)
    spawner.default_url = "/lab"
    extra = room_server_args(Path(HOME))
    spawner.args = [*(a for a in spawner.args if a not in extra), *extra]
    mounts = {name: mount for name, mount in dict(spawner.volume_mounts).items() if name != "exchange"}
    mounts["room-documents"] = {"name": "shared", "mountPath": str(documents),
                                "subPath": str(documents.relative_to(settings.data_dir))}
    spawner.volume_mounts = mounts


def service_url(name: str) -> str:
    """Where the proxy and hub reach one of our services: its Kubernetes Service (deploy/manifests.py)."""
    return f"http://{service_host(name)}:{SERVICE_PORT}"


def service_host(name: str) -> str:
    return f"redschool-{name}"


def update_kubernetes_services(c, settings: Settings, cohort: Cohort, secrets: dict[str, str]) -> None:
    """The circles' desks, the progress pages and the health page, each its own Deployment
    (deploy/manifests.py), known to the hub by address and API token (external services)."""
    services = []
    for cid in sorted(cohort.circles):
        name = review_desk_service(cid)
        services.append({"name": name, "display": False, "url": service_url(name), "oauth_no_confirm": True,
                         "api_token": secrets[f"service-{name}"],
                         "oauth_redirect_uri": f"/services/{name}/oauth_callback"})
    for name in (PROGRESS_SERVICE, OPERATIONS_SERVICE):
        services.append({"name": name, "display": False, "url": service_url(name), "oauth_no_confirm": True,
                         "api_token": secrets[f"service-{name}"],
                         "oauth_redirect_uri": f"/services/{name}/oauth_callback"})
    # The chart may list services of its own (the idle culler): keep them.
    current = c.JupyterHub["services"] if "services" in c.JupyterHub else []
    c.JupyterHub.services = list(current) + services
    roles = c.JupyterHub["load_roles"] if "load_roles" in c.JupyterHub else []
    c.JupyterHub.load_roles = list(roles) + [{
        "name": "operations",
        "description": "Reads the hub's health for admins; deletes a user when an admin erases a learner.",
        "scopes": OPERATIONS_SCOPES,
        "services": [OPERATIONS_SERVICE],
    }]
    c.JupyterHub.extra_user_scopes = {f"access:services!service={OPERATIONS_SERVICE}"}


def service_token_names(cohort: Cohort) -> list[str]:
    """The keys of the Secret holding each service's API token (deploy/manifests.py)."""
    return [f"service-{review_desk_service(c)}" for c in sorted(cohort.circles)] + [
        f"service-{PROGRESS_SERVICE}", f"service-{OPERATIONS_SERVICE}"
    ]
