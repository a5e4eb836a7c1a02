"""Keeping units offline: a static scan of cells and a guard inside the kernel.

Two layers, because each misses what the other catches:

1. **Static scan** (fast, runs first): code cells are parsed (IPython syntax
   included) and flagged for importing a network module, for shell escapes that
   fetch (``!pip``, ``!curl``, ``%pip``) and for string literals holding a
   non-loopback URL; Markdown cells for remote images, scripts or frames (the
   browser would fetch them).
2. **Kernel-side guard** (while the check executes notebooks): every kernel the
   check starts (ours through nbclient, nbgrader's Validator's) gets an IPython
   startup file, through a private ``IPYTHONDIR``, that wraps
   ``socket.socket.connect``/``connect_ex``/``sendto``/``sendmsg`` and
   ``socket.getaddrinfo`` so that any address outside loopback raises
   ``NetworkBlockedError`` (a ``ConnectionRefusedError``) *before* a packet leaves. Code that hides its
   network use from the scan (``__import__("so" + "cket")``) still fails, and the
   check reports the cell. The kernel's own messaging uses ZeroMQ sockets, which
   do not go through Python's ``socket`` module and are unaffected; loopback and
   Unix sockets stay allowed.

What neither layer sees: a child process started in a way the scan does not
recognise (the guard lives in the kernel's Python, not in its children), or
C extensions that open sockets themselves. Closing that gap needs an OS-level
sandbox (a network namespace without interfaces); the check does not assume
one is available.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import tempfile
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

GUARD_ENV = "REDSCHOOL_NETGUARD"
GUARD_ERROR = "NetworkBlockedError"
GUARD_SOURCE = r'''
# Installed by Red School's `redschool check`: units must run offline.
import ipaddress as _ipaddress
import socket as _socket


class NetworkBlockedError(ConnectionRefusedError):
    """Raised by Red School's check when a cell tries to reach another machine."""


def _redschool_is_local(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]")
    if host in ("localhost", ""):
        return True
    try:
        return _ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host.endswith(".localhost")


def _redschool_check(family, address):
    if family == getattr(_socket, "AF_UNIX", None) or not isinstance(address, tuple) or not address:
        return
    if not _redschool_is_local(address[0]):
        raise NetworkBlockedError(
            "blocked by Red School's offline guard: connect to %s port %s"
            % (address[0], address[1] if len(address) > 1 else "?")
        )


def _redschool_wrap(name):
    original = getattr(_socket.socket, name)

    def guarded(self, *args):
        address = args[-1] if name in ("sendto",) else (args[0] if args else None)
        if name == "sendmsg":
            address = args[3] if len(args) > 3 else None
        if address is not None:
            _redschool_check(self.family, address)
        return original(self, *args)

    guarded.__redschool_guard__ = True
    guarded.__name__ = name
    setattr(_socket.socket, name, guarded)


for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    _redschool_wrap(_name)

_redschool_getaddrinfo = _socket.getaddrinfo


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _redschool_is_local(host):
        raise NetworkBlockedError(
            "blocked by Red School's offline guard: look up the address %s" % (host,)
        )
    return _redschool_getaddrinfo(host, *args, **kwargs)


_guarded_getaddrinfo.__redschool_guard__ = True
_socket.getaddrinfo = _guarded_getaddrinfo
del _name
'''


@contextlib.contextmanager
def guarded_kernels() -> Iterator[Path]:
    """While active, every IPython kernel started from this process installs the
    guard at start-up (a private ``IPYTHONDIR`` with a startup file)."""
    with tempfile.TemporaryDirectory(prefix="redschool-ipython-") as tmp:
        startup = Path(tmp) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-redschool-netguard.py").write_text(GUARD_SOURCE, encoding="utf-8")
        saved = {k: os.environ.get(k) for k in ("IPYTHONDIR", GUARD_ENV)}
        os.environ["IPYTHONDIR"] = tmp
        os.environ[GUARD_ENV] = "1"
        try:
            yield Path(tmp)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


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
