"""Circle rooms in the hub: how a room's server starts (core/rooms.py says what a room is).

A room is an ordinary JupyterHub user whose server the circle's group may open
(hub/roles.py). What makes it a room is set here, in JupyterHub's own
`Spawner.pre_spawn_hook`, so that people's workspaces and rooms share one spawner:

- its root folder is the room's documents, its HOME the room's folder in the data
  folder (server mode: the room's own account's home, core/accounts.py);
- real-time collaboration is on (people's own workspaces turn it off: hub/state.py);
- jupyter-collaboration's document history (a SQLite file) and the file-id database
  live in the room's `state/` folder: outside what members can open, on local disk;
- no terminals: a room is for notebooks, and its members are many people.
"""

from __future__ import annotations

from pathlib import Path

from core.layout import room_dir, room_documents, room_state
from core.rooms import room_circle
from core.settings import Settings


def room_server_args(state: Path) -> list[str]:
    """Command-line settings of a room's server, its collaboration history and file ids in
    `state`; they win over the shared config files."""
    return [
        "--YDocExtension.disable_rtc=False",
        f"--SQLiteYStore.db_path={state / 'collaboration.db'}",
        f"--BaseFileIdManager.db_path={state / 'file-ids.db'}",
        f"--YDocExtension.session_store_path={state / 'sessions.json'}",
        "--ServerApp.terminals_enabled=False",
    ]


class RoomSpawnHook:
    """`Spawner.pre_spawn_hook`: turns the spawner of a room's user into a room's."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, spawner) -> None:
        circle = room_circle(spawner.user.name)
        if circle is None:
            return  # a person's own workspace
        spawner.notebook_dir = str(room_documents(self.settings, circle))
        spawner.default_url = "/lab"
        # The same spawner starts the room again after it stops: add the room's settings once.
        extra = room_server_args(room_state(self.settings, circle))
        spawner.args = [*(a for a in spawner.args if a not in extra), *extra]
        if hasattr(spawner, "home_dir"):  # demo mode's SimpleLocalProcessSpawner
            spawner.home_dir = str(room_dir(self.settings, circle))
