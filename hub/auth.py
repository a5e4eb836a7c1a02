"""Authenticators: whichever one is chosen, the roster decides groups and roles.

The demo and OAuth use JupyterHub's and OAuthenticator's classes as they are, wrapped
by `roster_managed` so that group and role membership follow the roster through
JupyterHub's own authenticator-managed groups and roles (`manage_groups`,
`manage_roles`, `reset_managed_roles_on_startup`); nothing here writes the hub's
database. NativeAuthenticator also needs a small subclass (below).
"""

from __future__ import annotations

import copy
from importlib.metadata import entry_points

from jupyterhub.auth import Authenticator
from jupyterhub.utils import maybe_future
from nativeauthenticator import NativeAuthenticator
import bcrypt
from traitlets import Any, Dict, List
from traitlets.utils.importstring import import_item


class RosterManagedAuthenticator(Authenticator):
    """Mixed in before the chosen authenticator (see `roster_managed`)."""

    roster_groups = Dict(
        config=True, help="Each roster person's JupyterHub groups (username -> group names)."
    )
    roster_roles = List(
        config=True, help="The roster's roles with their members, in `load_roles` form."
    )
    roster_user_info = Dict(
        config=True,
        help="Each roster person's name as others see it in a circle's room: username -> "
        "{display_name, initials, color}. JupyterHub passes it to servers as `user_info`, "
        "and jupyter-collaboration shows it on cursors and in the list of who is here.",
    )
    room_users = List(
        config=True, help="The circles' rooms (core/rooms.py): hub users whose servers' tokens stay valid."
    )

    async def load_managed_roles(self):
        # JupyterHub marks these as the authenticator's and, with
        # reset_managed_roles_on_startup, drops roles and assignments no longer listed.
        return copy.deepcopy(self.roster_roles)

    def _groups_of(self, username: str) -> list[str]:
        return list(self.roster_groups.get(username, []))

    async def get_authenticated_user(self, handler, data):
        authenticated = await super().get_authenticated_user(handler, data)
        if authenticated:
            authenticated["groups"] = self._groups_of(authenticated["name"])
            authenticated["user_info"] = self._user_info_of(authenticated["name"])
        return authenticated

    def _user_info_of(self, username: str) -> dict | None:
        info = self.roster_user_info.get(username)
        return dict(info) if info else None

    async def refresh_user(self, user, handler=None):
        """Someone no longer on the roster must log in again (and is refused); everyone
        else gets the roster's groups on their first request after a start, then at
        every `auth_refresh_age`. A room never logs in; its server's token stays valid."""
        if user.name in self.room_users:
            return True
        if user.name not in self.allowed_users:
            return False
        refreshed = await maybe_future(super().refresh_user(user, handler))
        if refreshed is False:
            return False
        model = refreshed if isinstance(refreshed, dict) else {"name": user.name}
        return {**model, "groups": self._groups_of(user.name), "user_info": self._user_info_of(user.name)}


def resolve_authenticator(name_or_class: str) -> type[Authenticator]:
    """A JupyterHub authenticator by entry-point name (`shared-password`, `github`) or dotted path."""
    if "." not in name_or_class:
        for entry in entry_points(group="jupyterhub.authenticators"):
            if entry.name == name_or_class:
                return entry.load()
    return import_item(name_or_class)


def roster_managed(name_or_class: str) -> type[Authenticator]:
    """The chosen authenticator with roster-managed groups and roles mixed in."""
    base = resolve_authenticator(name_or_class)
    return type(f"Roster{base.__name__}", (RosterManagedAuthenticator, base), {"__module__": __name__})


class RosterNativeAuthenticator(NativeAuthenticator):
    """NativeAuthenticator's hashed passwords and lockout, with accounts from the roster only.

    Kept from NativeAuthenticator: bcrypt-hashed passwords in the hub's database
    (`users_info`), its password rules (length, common passwords) and its lockout after
    `allowed_failed_logins` wrong passwords in a row.

    Replaced: all of its pages. Its sign-up stores whoever comes first under any
    name (and authorizes roster admins at once), and its own login page calls
    `self.statsd`, which JupyterHub 5 removed, so it answers 500 on the pinned hub. Here
    JupyterHub's own login page is used, and a person's password is set only through a
    one-time invitation link (core/invitations.py, hub/invitations.py).
    """

    redschool_settings = Any(help="Red School's Settings (where the invitation store is).").tag(config=True)
    roster_names = Dict(help="Each roster person's display name (username -> name).").tag(config=True)
    invite_rights = Dict(
        help="Whom each person may invite: username -> usernames (admins: everyone; "
        "facilitators: their circles' learners)."
    ).tag(config=True)

    def get_handlers(self, app):
        from .invitations import InvitationsHandler, InviteHandler

        return [
            *Authenticator.get_handlers(self, app),  # JupyterHub's own /login
            (r"/invite/([^/]+)", InviteHandler),
            (r"/invitations", InvitationsHandler),
        ]

    def create_user(self, username, password, **kwargs):
        raise RuntimeError("Red School makes accounts from the roster and invitations only (set_password).")

    def set_password(self, username: str, password: str) -> None:
        """Store `username`'s new password (an invitation was redeemed) and lift any lockout."""
        from nativeauthenticator.orm import UserInfo

        hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
        info = self.get_user(username)
        if info is None:
            self.db.add(UserInfo(username=username, password=hashed, is_authorized=True))
        else:
            info.password = hashed
            info.is_authorized = True
        self.db.commit()
        self.successful_login(username)  # forgets earlier wrong attempts

    def has_password(self, username: str) -> bool:
        return self.get_user(username) is not None

    def password_problem(self, password: str) -> str | None:
        """Why a chosen password is refused, in words, or None."""
        if len(password) < self.minimum_password_length:
            return f"Choose a password of at least {self.minimum_password_length} characters."
        if self.check_common_password and self.is_password_common(password):
            return "That password is on the list of the most common passwords; choose another."
        return None
