"""Type a command into a person's JupyterLab terminal, as they would: Jupyter Server's
terminals REST API opens one, terminado's websocket carries keystrokes and output."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from urllib.parse import urlsplit

import requests



def open_terminal(server_url: str, token: str) -> str:
    response = requests.post(f"{server_url}api/terminals", headers={"Authorization": f"token {token}"}, timeout=60)
    response.raise_for_status()
    return response.json()["name"]


def run_in_terminal(server_url: str, token: str, name: str, command: str, timeout: float = 300) -> tuple[int, str]:
    """(exit status, everything the terminal printed) of `command`, typed at its prompt."""
    return asyncio.run(_run(server_url, token, name, command, timeout))


async def _run(server_url: str, token: str, name: str, command: str, timeout: float) -> tuple[int, str]:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    parts = urlsplit(server_url)
    request = HTTPRequest(f"ws://{parts.netloc}{parts.path}terminals/websocket/{name}", headers={"Authorization": f"token {token}"})
    connection = await websocket_connect(request)
    # A marker of this command's own (terminado replays earlier output to a new connection),
    # printed with the status after it, so the echoed command line (`"$?"`) never matches.
    marker = f"__RS_DONE_{uuid.uuid4().hex[:8]}__"
    done = re.compile(re.escape(marker) + r":(\d+)")
    connection.write_message(json.dumps(["stdin", f"{command}; echo {marker}:\"$?\"\r"]))
    out: list[str] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while loop.time() < deadline:
            raw = await asyncio.wait_for(connection.read_message(), timeout=max(0.1, deadline - loop.time()))
            if raw is None:
                raise RuntimeError("the terminal's websocket closed")
            kind, *rest = json.loads(raw)
            if kind == "stdout":
                out.append(rest[0])
                found = done.search("".join(out))
                if found:
                    return int(found.group(1)), "".join(out)
        raise TimeoutError(f"the command did not finish within {timeout}s: {''.join(out)[-2000:]}")
    finally:
        connection.close()
        # Wait for the close to finish (as tests/support/kernel.py does): a socket left
        # half-closed when the loop ends would be collected unclosed later.
        try:
            while await asyncio.wait_for(connection.read_message(), timeout=5) is not None:
                pass
        except Exception:
            pass
        if connection.stream is not None and not connection.stream.closed():
            connection.stream.close()
