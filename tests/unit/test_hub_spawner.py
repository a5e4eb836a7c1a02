"""The spawners' start() returns once the workspace answers, not before, and never waits on a dead one."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from hub.spawner import PromptReadyMixin
from tests.support.hubprocess import free_port


class _Base:
    """Stands in for LocalProcessSpawner: start() hands back the address at once."""

    internal_ssl = False
    start_timeout = 30
    server = SimpleNamespace(base_url="/user/ana/")

    def __init__(self, port: int, proc=None):
        self.port, self.proc = port, proc

    async def start(self):
        return "127.0.0.1", self.port


class Spawner(PromptReadyMixin, _Base):
    ready_poll_interval = 0.05


def _workspace(asked: list) -> Application:
    class Lab(RequestHandler):
        def get(self):
            asked.append(self.request.path)
            self.redirect("/user/ana/lab")  # what a fresh JupyterLab answers

    return Application([("/user/ana/", Lab)])


def test_start_returns_once_the_server_answers():
    asked: list[str] = []

    async def scenario():
        port = free_port()
        server = HTTPServer(_workspace(asked))
        asyncio.get_running_loop().call_later(0.3, server.listen, port, "127.0.0.1")  # a server slow to start
        address = await Spawner(port).start()
        answered_before_start_returned = list(asked)
        server.stop()
        return address, answered_before_start_returned

    address, answered = asyncio.run(scenario())
    assert address == ("127.0.0.1", address[1])
    assert answered == ["/user/ana/"], "start() returned before the workspace answered"


def test_start_does_not_wait_for_a_process_that_died():
    asked: list[str] = []

    async def scenario():
        port = free_port()
        server = HTTPServer(_workspace(asked))
        server.listen(port, "127.0.0.1")
        await Spawner(port, proc=SimpleNamespace(poll=lambda: 1)).start()
        server.stop()

    asyncio.run(scenario())
    assert asked == [], "a dead process's port was polled"
