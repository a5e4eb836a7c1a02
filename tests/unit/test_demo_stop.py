"""`make demo` stops in seconds even when started in the background (issue 13, point 12).

A background job inherits SIGINT ignored; the hub's services and workspaces inherited it
too and each ignored the SIGINT JupyterHub sends at shutdown, so the hub waited out its
10 s interrupt timeout for one after another (124 s measured). `redschool demo` resets
the dispositions before it becomes the hub; measured after: 8.1 s from SIGTERM and 8.4 s
from SIGINT to the process group (Ctrl-C) with a workspace running, nothing left behind.
"""

from __future__ import annotations

import signal

import cli.commands as commands


def test_the_demo_hub_starts_with_default_signal_dispositions(monkeypatch):
    seen = {}
    monkeypatch.setattr(commands, "open_first_units", lambda settings, cohort: None)
    monkeypatch.setattr(commands.os, "chdir", lambda path: None)
    monkeypatch.setattr(commands.os, "execv", lambda path, argv: seen.update(
        hub=argv[0], sigint=signal.getsignal(signal.SIGINT), sigterm=signal.getsignal(signal.SIGTERM)))
    monkeypatch.delenv("REDSCHOOL_MODE", raising=False)
    before_int, before_term = signal.signal(signal.SIGINT, signal.SIG_IGN), signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        commands.run_demo(None)
    finally:
        signal.signal(signal.SIGINT, before_int)
        signal.signal(signal.SIGTERM, before_term)
    assert seen["hub"].endswith("jupyterhub")
    assert seen["sigint"] == signal.SIG_DFL and seen["sigterm"] == signal.SIG_DFL
