"""Run code in a person's own kernel on their running server, as they would from a cell:
the kernel's REST API to start it, its websocket to execute (Jupyter's JSON messages)."""

from __future__ import annotations

import asyncio
import json
import uuid
from urllib.parse import urlsplit

import requests


def start_kernel(server_url: str, token: str) -> str:
    response = requests.post(f"{server_url}api/kernels", headers={"Authorization": f"token {token}"}, json={"name": "python3"}, timeout=60)
    response.raise_for_status()
    return response.json()["id"]


def execute(server_url: str, token: str, kernel_id: str, code: str, timeout: float = 60) -> str:
    """The text the cell printed (stdout and stderr), or 'ERROR: <ename>: <evalue>'."""
    return asyncio.run(_execute(server_url, token, kernel_id, code, timeout))


async def _execute(server_url: str, token: str, kernel_id: str, code: str, timeout: float) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    parts = urlsplit(server_url)
    ws_url = f"ws://{parts.netloc}{parts.path}api/kernels/{kernel_id}/channels"
    request = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"})
    connection = await websocket_connect(request)
    msg_id = uuid.uuid4().hex
    connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex, "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False},
    }))
    out: list[str] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while loop.time() < deadline:
            raw = await asyncio.wait_for(connection.read_message(), timeout=max(0.1, deadline - loop.time()))
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                out.append(f"ERROR: {content['ename']}: {content['evalue']}")
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(out)
        raise TimeoutError(f"no answer from the kernel within {timeout}s: {''.join(out)}")
    finally:
        connection.close()
        # Wait for the close to finish: the loop ends with this call, and a socket
        # left half-closed would be collected unclosed later.
        try:
            while await asyncio.wait_for(connection.read_message(), timeout=5) is not None:
                pass
        except (asyncio.TimeoutError, Exception):
            pass
        if connection.stream is not None and not connection.stream.closed():
            connection.stream.close()
