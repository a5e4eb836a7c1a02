"""A synthetic collaboration client: what JupyterLab does over a room's websocket, in Python.

It speaks the Yjs sync protocol (pycrdt) to jupyter-collaboration's document endpoint,
keeps its own copy of the notebook (jupyter_ydoc's YNotebook), and types into a cell's
source the way an editor does (a small Yjs update per keystroke batch). Used by the
rooms' end-to-end tests and by benchmarks/bench_rooms.py.
"""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urljoin

import requests
from jupyter_ydoc import YNotebook
from pycrdt import Doc, YMessageType, create_sync_message, create_update_message, handle_sync_message
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


def open_session(session: requests.Session, server_url: str, path: str) -> tuple[str, str]:
    """Ask the server for the document's collaboration room: (room id, session id)."""
    xsrf = session.cookies.get("_xsrf", path="/" + server_url.split("/", 3)[3]) or ""
    answer = session.put(
        urljoin(server_url, f"api/collaboration/session/{path}"),
        data=json.dumps({"format": "json", "type": "notebook"}),
        headers={"X-XSRFToken": xsrf},
        timeout=60,
    )
    answer.raise_for_status()
    model = answer.json()
    return f"json:notebook:{model['fileId']}", model["sessionId"]


class CollabClient:
    """One person in a room, editing one notebook."""

    def __init__(self, session: requests.Session, server_url: str, path: str):
        self.session, self.server_url, self.path = session, server_url, path
        self.doc = Doc()
        self.notebook = YNotebook(self.doc)
        self.connection = None
        self._reader: asyncio.Task | None = None
        self.on_insert = None  # called with each text another client's edit inserted

    def _watch_cells(self) -> None:
        """Report what others insert into the cells' sources (Yjs text deltas), as it arrives."""
        def inserted(event) -> None:
            if self.on_insert is not None:
                for part in event.delta:
                    if isinstance(part, dict) and isinstance(part.get("insert"), str):
                        self.on_insert(part["insert"])

        # Held: a subscription that is dropped stops reporting.
        self._subscriptions = [
            self.notebook.ycells[index]["source"].observe(inserted) for index in range(self.notebook.cell_number)
        ]

    async def connect(self, timeout: float = 30) -> None:
        room, session_id = open_session(self.session, self.server_url, self.path)
        url = urljoin(self.server_url.replace("http", "ws", 1), f"api/collaboration/room/{room}?sessionId={session_id}")
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        self.connection = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies}))
        self._reader = asyncio.create_task(self._read())
        await self.connection.write_message(create_sync_message(self.doc), binary=True)
        await self.wait_for(lambda: self.notebook.cell_number > 0, timeout)
        self._watch_cells()

    async def _read(self) -> None:
        while True:
            message = await self.connection.read_message()
            if message is None:
                return
            if isinstance(message, bytes) and message and message[0] == YMessageType.SYNC:
                reply = handle_sync_message(message[1:], self.doc)
                if reply is not None:
                    await self.connection.write_message(reply, binary=True)

    def source(self, index: int) -> str:
        return str(self.notebook.ycells[index]["source"])

    async def type(self, index: int, text: str) -> None:
        """Append `text` to cell `index`'s source and send the change."""
        before = self.doc.get_state()
        source = self.notebook.ycells[index]["source"]
        watcher, self.on_insert = self.on_insert, None  # one's own typing is not news
        try:
            source.insert(len(source), text)
        finally:
            self.on_insert = watcher
        await self.connection.write_message(create_update_message(self.doc.get_update(before)), binary=True)

    async def wait_for(self, condition, timeout: float) -> float:
        """Seconds until `condition()` held; TimeoutError after `timeout`."""
        start = time.monotonic()
        while not condition():
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"not within {timeout} s")
            await asyncio.sleep(0.005)
        return time.monotonic() - start

    async def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            if self._reader is not None:
                await asyncio.wait_for(self._reader, 10)
