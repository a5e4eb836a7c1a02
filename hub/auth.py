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
from traitlets import Dict, List
from traitlets.utils.importstring import import_item


class RosterManagedAuthenticator(Authenticator):
    """Mixed in before the chosen authenticator (see `roster_managed`)."""

    roster_groups = Dict(
        config=True, help="Each roster person's JupyterHub groups (username -> group names)."
    )
    roster_roles = List(
        config=True, help="The roster's roles with their members, in `load_roles` form."
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
        return authenticated

    async def refresh_user(self, user, handler=None):
        """Someone no longer on the roster must log in again (and is refused); everyone
        else gets the roster's groups on their first request after a start, then at
        every `auth_refresh_age`."""
        if user.name not in self.allowed_users:
            return False
        refreshed = await maybe_future(super().refresh_user(user, handler))
        if refreshed is False:
            return False
        model = refreshed if isinstance(refreshed, dict) else {"name": user.name}
        return {**model, "groups": self._groups_of(user.name)}


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
    """NativeAuthenticator whose sign-up form only accepts usernames on the roster.

    NativeAuthenticator would store a sign-up from anyone and leave it waiting
    for an admin's approval; the roster already says who belongs, so a name not
    on it is refused at sign-up and nothing is stored.
    """

    def create_user(self, username, password, **kwargs):
        if self.normalize_username(username) not in self.allowed_users:
            self.log.warning("Refused sign-up for %r: not on the roster", username)
            return None
        return super().create_user(username, password, **kwargs)
