"""One-time invitation links: how a roster person sets (or resets) their password.

Nobody can claim a roster name by signing up: an admin or the person's facilitator makes
an invitation (`redschool invite NAME`, or the hub's Invitations page), hands the link
over, and the link works once, for that person only, until it expires. Making a new one
for the same person cancels any unused older one.

The store is a small SQLite file in the data folder (mode 600), shared by the hub and the
command line; only a SHA-256 of each token is kept, so a copy of the file lets nobody in.
JupyterHub has no invitation mechanism of its own, and NativeAuthenticator's sign-up
(first come, first served, then an admin approves) is exactly what must not happen here.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .settings import Settings

PURPOSES = ("invitation", "reset")
DAY = 86400


class InvitationError(ValueError):
    """A link that does not (or no longer) let anyone in; the message says why, kindly."""


@dataclass(frozen=True)
class Invitation:
    username: str
    purpose: str
    created: float
    expires: float
    used: float | None
    made_by: str

    def state(self, now: float | None = None) -> str:
        now = time.time() if now is None else now
        if self.used is not None:
            return "used"
        return "expired" if now >= self.expires else "open"


def store_path(settings: Settings) -> Path:
    return settings.data_dir / "invitations.sqlite"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _connect(settings: Settings) -> sqlite3.Connection:
    path = store_path(settings)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    db = sqlite3.connect(path, timeout=10, isolation_level=None)
    db.execute(
        "CREATE TABLE IF NOT EXISTS invitations (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, "
        "purpose TEXT NOT NULL, created REAL NOT NULL, expires REAL NOT NULL, used REAL, made_by TEXT NOT NULL)"
    )
    return db


def _row(row) -> Invitation:
    return Invitation(*row)


def make(settings: Settings, username: str, *, made_by: str, purpose: str = "invitation", now: float | None = None) -> str:
    """A new link token for `username`; any unused older one stops working."""
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {PURPOSES}")
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)
    with closing(_connect(settings)) as db:
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE invitations SET expires = ? WHERE username = ? AND used IS NULL AND expires > ?", (now, username, now))
        db.execute(
            "INSERT INTO invitations VALUES (?, ?, ?, ?, ?, NULL, ?)",
            (_hash(token), username, purpose, now, now + settings.invitation_days * DAY, made_by),
        )
        db.execute("COMMIT")
    return token


def _problem(invitation: Invitation | None, now: float) -> str | None:
    if invitation is None:
        return "This link is not a Red School invitation. Check that you copied all of it, or ask your facilitator for a new one."
    state = invitation.state(now)
    if state == "used":
        return "This link has already been used. If you have forgotten your password, ask your facilitator for a new link."
    if state == "expired":
        return "This link has expired (or a newer one was made for you). Ask your facilitator for a new one."
    return None


def look_up(settings: Settings, token: str, now: float | None = None) -> Invitation:
    """The open invitation behind `token`, or InvitationError saying why it does not work."""
    now = time.time() if now is None else now
    with closing(_connect(settings)) as db:
        row = db.execute(
            "SELECT username, purpose, created, expires, used, made_by FROM invitations WHERE token_hash = ?", (_hash(token),)
        ).fetchone()
    invitation = _row(row) if row else None
    problem = _problem(invitation, now)
    if problem:
        raise InvitationError(problem)
    return invitation


def redeem(settings: Settings, token: str, now: float | None = None) -> Invitation:
    """Use the invitation up (once: two tabs racing get one success) and return it."""
    now = time.time() if now is None else now
    with closing(_connect(settings)) as db:
        db.execute("BEGIN IMMEDIATE")
        taken = db.execute(
            "UPDATE invitations SET used = ? WHERE token_hash = ? AND used IS NULL AND expires > ?", (now, _hash(token), now)
        ).rowcount
        db.execute("COMMIT")
    if not taken:
        look_up(settings, token, now)  # raises with the reason
    return _row_for(settings, token)


def _row_for(settings: Settings, token: str) -> Invitation:
    with closing(_connect(settings)) as db:
        row = db.execute(
            "SELECT username, purpose, created, expires, used, made_by FROM invitations WHERE token_hash = ?", (_hash(token),)
        ).fetchone()
    return _row(row)


def latest(settings: Settings) -> dict[str, Invitation]:
    """Each person's most recent invitation, for the admin's and facilitators' page."""
    with closing(_connect(settings)) as db:
        rows = db.execute(
            "SELECT username, purpose, created, expires, used, made_by FROM invitations ORDER BY created"
        ).fetchall()
    return {row[0]: _row(row) for row in rows}


def link(settings: Settings, token: str, base_url: str = "/") -> str:
    """The link to hand over."""
    return f"{settings.public_url}{base_url}hub/invite/{token}"
