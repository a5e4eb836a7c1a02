"""The hub's invitation pages (server mode, with RosterNativeAuthenticator).

    /hub/invite/<token>   a person sets their password with the link they were given,
                          and is logged in
    /hub/invitations      admins and facilitators make links for the people they may
                          invite (admins: everyone; facilitators: their circles' learners)

The store and its rules live in core/invitations.py, shared with `redschool invite`.
"""

from __future__ import annotations

import datetime as dt

from jupyterhub.handlers.base import BaseHandler
from tornado import web

from core import invitations
from core.i18n import template_functions, translate


class InviteHandler(BaseHandler):
    """Choose a password with a one-time link; the link is used up only when it works."""

    def _settings(self):
        return self.authenticator.redschool_settings

    def _language(self, invitation) -> str:
        """The invited person's language: nobody is logged in yet, but the link says who it is for."""
        languages = self.settings.get("redschool_languages")
        return languages.of(invitation.username) if languages and invitation else "en"

    async def _page(self, token: str, *, problem: str | None = None, invitation=None, status: int = 200):
        self.set_status(status)
        name = invitation.username if invitation else None
        language = self._language(invitation)
        html = await self.render_template(
            "invite.html",
            **template_functions(language),
            redschool_language=language,
            token=token,
            problem=problem,
            username=name,
            display_name=self.authenticator.roster_names.get(name, name) if name else None,
            purpose=invitation.purpose if invitation else None,
            minimum=self.authenticator.minimum_password_length,
            xsrf=self.xsrf_token.decode("ascii"),
        )
        self.finish(html)

    async def get(self, token: str):
        try:
            invitation = invitations.look_up(self._settings(), token)
        except invitations.InvitationError as exc:
            return await self._page(token, problem=str(exc), status=410)
        if invitation.username not in self.authenticator.allowed_users:
            return await self._page(token, problem="This invitation is for someone no longer on the roster.", status=410)
        await self._page(token, invitation=invitation)

    async def post(self, token: str):
        settings = self._settings()
        try:
            invitation = invitations.look_up(settings, token)
        except invitations.InvitationError as exc:
            return await self._page(token, problem=str(exc), status=410)
        name = invitation.username
        if name not in self.authenticator.allowed_users:
            return await self._page(token, problem="This invitation is for someone no longer on the roster.", status=410)
        password = self.get_body_argument("password", "", strip=False)
        again = self.get_body_argument("password_again", "", strip=False)
        problem = self.authenticator.password_problem(password)
        if password != again:
            problem = translate(self._language(invitation), "The two passwords are not the same; type them again.")
        if problem:
            return await self._page(token, invitation=invitation, problem=problem, status=400)
        try:
            invitations.redeem(settings, token)  # once: a second tab loses here
        except invitations.InvitationError as exc:
            return await self._page(token, problem=str(exc), status=410)
        self.authenticator.set_password(name, password)
        self.log.info("%s set their password with an invitation made by %s", name, invitation.made_by)
        user = await self.login_user({"username": name, "password": password})
        if user is None:  # e.g. removed from the roster a moment ago
            raise web.HTTPError(403)
        self.redirect(self.get_next_url(user))


class InvitationsHandler(BaseHandler):
    """Make invitation and password-reset links for the people one may invite."""

    def _invitees(self) -> list[str]:
        user = self.current_user
        if user is None:
            raise web.HTTPError(403)
        rights = self.authenticator.invite_rights.get(user.name, [])
        if not rights:
            raise web.HTTPError(403, "Only admins and facilitators make invitations.")
        return rights

    def _rows(self, names: list[str]) -> list[dict]:
        auth = self.authenticator
        latest = invitations.latest(auth.redschool_settings)
        rows = []
        for name in names:
            inv = latest.get(name)
            if auth.is_blocked(name):
                state = "locked (too many wrong passwords): make a reset link"
            elif auth.has_password(name):
                state = "has a password"
            elif inv and inv.state() == "open":
                state = f"invited, link valid until {dt.datetime.fromtimestamp(inv.expires):%Y-%m-%d %H:%M}"
            else:
                state = "not invited yet"
            rows.append({"username": name, "display_name": auth.roster_names.get(name, name), "state": state})
        return rows

    async def _page(self, names: list[str], *, made=None, status: int = 200):
        self.set_status(status)
        html = await self.render_template(
            "invitations.html", rows=self._rows(names), made=made, xsrf=self.xsrf_token.decode("ascii"),
            days=self.authenticator.redschool_settings.invitation_days,
        )
        self.finish(html)

    @web.authenticated
    async def get(self):
        await self._page(self._invitees())

    @web.authenticated
    async def post(self):
        names = self._invitees()
        name = self.get_body_argument("username", "")
        if name not in names:
            raise web.HTTPError(403, "You may not invite that person.")
        settings = self.authenticator.redschool_settings
        purpose = "reset" if self.authenticator.has_password(name) else "invitation"
        token = invitations.make(settings, name, made_by=self.current_user.name, purpose=purpose)
        self.log.info("%s made a %s link for %s", self.current_user.name, purpose, name)
        made = {
            "username": name,
            "display_name": self.authenticator.roster_names.get(name, name),
            "purpose": purpose,
            "link": f"{self.request.protocol}://{self.request.host}{self.hub.base_url}invite/{token}",
        }
        await self._page(names, made=made)
