"""A learner's kernel driven cell by cell, with the one thing JupyterLab does that nbclient
does not: applying a cell's ``set_next_input(..., replace=True)`` payload to that cell's text.

JupyterLab sends each cell's id with its execute request (``metadata.cellId``) and, when
the reply carries a ``set_next_input`` payload with ``replace``, sets that cell's source
to the payload's text (jlab_core: ``handlePayload``). The worksheets' forms save through
that door, so tests that play a learner filling a worksheet must open it too.
"""

from __future__ import annotations

import json
from pathlib import Path
from queue import Empty

from jupyter_client.manager import start_new_kernel


class Workspace:
    """A kernel started in ``folder`` (the notebook's folder), and the notebook it runs."""

    def __init__(self, nb: dict, folder: Path, *, timeout: float = 120) -> None:
        self.nb = nb
        self.folder = folder
        self.timeout = timeout
        self.km, self.kc = start_new_kernel(kernel_name="python3", cwd=str(folder))

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def restart(self) -> None:
        """A kernel restart: everything in memory is gone, the notebook's text stays."""
        self.close()
        self.km, self.kc = start_new_kernel(kernel_name="python3", cwd=str(self.folder))

    def cell(self, cell_id: str) -> dict:
        return next(c for c in self.nb["cells"] if c["id"] == cell_id)

    def source(self, cell_id: str) -> str:
        source = self.cell(cell_id)["source"]
        return "".join(source) if isinstance(source, list) else source

    def execute(self, code: str, *, cell_id: str | None = None) -> tuple[dict, list[dict]]:
        """Run code; return the shell reply's content and the outputs, as the front end gets them."""
        content = dict(code=code, silent=False, store_history=True, user_expressions={}, allow_stdin=False,
                       stop_on_error=True)
        msg = self.kc.session.msg("execute_request", content, metadata={"cellId": cell_id} if cell_id else {})
        self.kc.shell_channel.send(msg)
        msg_id = msg["header"]["msg_id"]
        while True:
            reply = self.kc.get_shell_msg(timeout=self.timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        outputs: list[dict] = []
        while True:
            try:
                message = self.kc.get_iopub_msg(timeout=self.timeout)
            except Empty:  # pragma: no cover - a hung kernel
                raise TimeoutError(f"no idle status after running {code[:60]!r}") from None
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "status" and message["content"]["execution_state"] == "idle":
                break
            if kind in ("stream", "display_data", "execute_result", "error"):
                # As the front end stores it: no 'transient' (display ids), which nbformat refuses.
                content = {k: v for k, v in message["content"].items() if k != "transient"}
                outputs.append({"output_type": kind, **content})
        return reply["content"], outputs

    def run_cell(self, cell_id: str) -> list[dict]:
        """Shift-Enter in a code cell: run its text, apply a replace payload, keep the outputs."""
        cell = self.cell(cell_id)
        reply, outputs = self.execute(self.source(cell_id), cell_id=cell_id)
        for payload in reply.get("payload", []):
            if payload.get("source") == "set_next_input" and payload.get("replace"):
                cell["source"] = payload["text"]
        cell["outputs"] = outputs
        return outputs

    def run_all(self) -> dict[str, list[dict]]:
        """Run every code cell from the top (after a restart: Kernel > Restart and Run All)."""
        return {c["id"]: self.run_cell(c["id"]) for c in self.nb["cells"] if c["cell_type"] == "code"}

    def value(self, expression: str):
        """The JSON value of an expression in the kernel (for reading what a form drew)."""
        _reply, outputs = self.execute(f"import json as _json; print(_json.dumps({expression}))")
        errors = [o for o in outputs if o["output_type"] == "error"]
        assert not errors, f"{expression}: {errors[0]['ename']}: {errors[0]['evalue']}"
        return json.loads("".join(o["text"] for o in outputs if o["output_type"] == "stream"))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.nb, indent=1), encoding="utf-8")


def errors_in(outputs: list[dict]) -> list[str]:
    return [f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"]


def markdown_in(outputs: list[dict]) -> str:
    return "\n".join(o["data"]["text/markdown"] for o in outputs
                     if o["output_type"] in ("display_data", "execute_result") and "text/markdown" in o.get("data", {}))
