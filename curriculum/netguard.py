"""Keeping units offline: a static scan of cells, then a kernel without a network.

1. **Static scan** (fast, runs first; this module): code cells are parsed (IPython
   syntax included) and flagged for importing a network module, for shell escapes
   that fetch (``!pip``, ``!curl``, ``%pip``) and for string literals holding a
   non-loopback URL; Markdown cells for remote images, scripts or frames (the
   browser would fetch them). It names what a writer should change.
2. **No network when run**: every kernel the check starts runs in
   :mod:`core.sandbox` (bubblewrap, ``--unshare-net``: a network namespace with no
   interfaces), so code hidden from the scan (``import _socket``, a child process,
   a C extension) gets "Network is unreachable" or a failed name lookup, and the
   check reports the cell (:func:`core.sandbox.network_error`). This replaced a
   guard that wrapped Python's ``socket`` module inside the kernel, which
   ``import _socket`` went around.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

#: Modules whose only purpose is talking to other machines.
NETWORK_MODULES = frozenset(
    {
        "socket", "ssl", "urllib.request", "urllib3", "http.client", "requests", "httpx",
        "aiohttp", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc.client",
        "websocket", "websockets", "paramiko", "pycurl", "tornado.httpclient", "asyncssh",
    }
)
#: Shell commands that fetch things when run from a cell with ``!`` or ``%``.
NETWORK_COMMANDS = frozenset({"pip", "pip3", "conda", "mamba", "curl", "wget", "git", "apt", "apt-get", "npm", "ssh", "scp", "rsync"})
_URL = re.compile(r"\b(?:https?|ftp|wss?)://([^/\s\"'<>:]+)", re.I)
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
_REMOTE_EMBED = re.compile(
    r"""(?:!\[[^\]]*\]\(\s*(?:https?:)?//|<(?:img|script|iframe|link|video|audio|source|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*["']?(?:https?:)?//)""",
    re.I,
)

# --- the static scan ----------------------------------------------------------


def _is_remote_url(text: str) -> str | None:
    for match in _URL.finditer(text):
        host = match.group(1).lower()
        if host not in _LOOPBACK_HOSTS and not host.startswith("127."):
            return match.group(0)
    return None


def _python_source(source: str) -> str:
    """The cell as plain Python (magics and shell escapes turned into calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return source
    try:
        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _shell_lines(source: str) -> Iterator[str]:
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("!"):
            yield stripped[1:].strip()
        elif stripped.startswith("%") and not stripped.startswith("%%"):
            yield stripped.lstrip("%").strip()
        elif stripped.startswith("%%bash") or stripped.startswith("%%sh") or stripped.startswith("%%script"):
            yield from (l.strip() for l in source.splitlines()[1:])
            return


def _is_process_call(func: ast.expr) -> bool:
    """subprocess.run/call/Popen/check_output..., os.system/popen, and IPython's
    get_ipython().system (what `!cmd` becomes)."""
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id in ("subprocess", "os"):
            return func.attr in ("run", "call", "check_call", "check_output", "Popen", "system", "popen")
        if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "get_ipython":
            return func.attr in ("system", "getoutput")
    return False


def _first_word(arg: ast.expr) -> str | None:
    if isinstance(arg, (ast.List, ast.Tuple)) and arg.elts:
        arg = arg.elts[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.split():
        return Path(arg.value.split()[0]).name
    return None


def scan_code(source: str) -> list[str]:
    """What in a code cell reaches for the network, in words (empty if nothing)."""
    found: list[str] = []
    for command in _shell_lines(source):
        word = command.split()[0] if command.split() else ""
        if word in NETWORK_COMMANDS:
            found.append(f"runs `{word}`, which downloads")
    try:
        tree = ast.parse(_python_source(source))
    except SyntaxError:
        tree = None
    if tree is not None:
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                hit = next((m for m in NETWORK_MODULES if name == m or name.startswith(m + ".")), None)
                if hit and f"imports `{hit}`" not in found:
                    found.append(f"imports `{hit}`")
            if isinstance(node, ast.Call) and _is_process_call(node.func):
                word = _first_word(node.args[0]) if node.args else None
                if word in NETWORK_COMMANDS and f"runs `{word}`, which downloads" not in found:
                    found.append(f"runs `{word}`, which downloads")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                url = _is_remote_url(node.value)
                if url and f"uses the address {url}" not in found:
                    found.append(f"uses the address {url}")
    elif not found:
        url = _is_remote_url(source)
        if url:
            found.append(f"uses the address {url}")
    return found


def scan_markdown(source: str) -> list[str]:
    """Remote images, scripts or frames in a Markdown cell (links are fine)."""
    match = _REMOTE_EMBED.search(source)
    return [f"embeds a remote file ({match.group(0).strip()[:60]}…)"] if match else []
