"""Authenticator choices. The demo and OAuth use JupyterHub's and OAuthenticator's
classes as they are; only NativeAuthenticator needs a small subclass (below).
"""

from __future__ import annotations

from nativeauthenticator import NativeAuthenticator


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
