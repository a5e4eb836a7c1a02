"""Debian's Chromium as the browser tier drives it: where it is, the switches that keep it
from calling out on its own, and the record of every request a page makes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = Path("/usr/bin/chromium")
# Keep Chromium from calling out on its own (updates, sync, field trials, safe browsing).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--metrics-recording-only",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class NetworkAudit:
    def __init__(self) -> None:
        self.requests: list[str] = []

    def record(self, request) -> None:
        self.requests.append(request.url)

    @property
    def outside(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).hostname not in LOOPBACK_HOSTS
        ]
