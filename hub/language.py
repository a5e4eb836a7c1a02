"""Each person's language on the hub: the home page's chooser, the hub's pages in it, and a
workspace started in it (My units and JupyterLab).

    POST /hub/language   language=en|es, with the page's `_xsrf`: keeps the person's choice
                         (core/languages.py) and goes back to the home page

A workspace learns its language when it starts, from its environment: My units reads
`REDSCHOOL_LANGUAGE`; JupyterLab reads the language's Jupyter settings first (they point
LabApp at settings defaults whose `@jupyterlab/translation-extension:plugin` locale is the
language's language pack). Those are *defaults*: a language a person picks in JupyterLab's
own Settings › Language menu is their user setting and still wins, and nothing in their
settings folder is written. A choice made on the home page reaches a running workspace
the next time it starts; the home page says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from jupyterhub.handlers.base import BaseHandler
from tornado import web

from core.i18n import template_functions, translate
from core.languages import DEFAULT_LANGUAGE, JUPYTERLAB_LOCALES, LANGUAGES, PeopleLanguages
from core.layout import lab_settings_dir, language_config_dir
from core.settings import Settings

LANGUAGE_PAGE = "language"
#: JupyterLab's own setting for its interface language.
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
LANGUAGE_ENV = "REDSCHOOL_LANGUAGE"  # grading.my_units.LANGUAGE_ENV (hub/ does not import grading/)


class LanguageHandler(BaseHandler):
    """A person chooses their language (a form on their home page)."""

    def initialize(self, languages: PeopleLanguages):
        self.languages = languages

    @web.authenticated
    def post(self):
        user = self.current_user
        language = self.get_body_argument("language", "")
        if language not in LANGUAGES:
            raise web.HTTPError(
                400, translate(self.languages.of(user.name), "Choose one of the languages on your home page.")
            )
        self.languages.choose(user.name, language)
        self.log.info("%s chose %s as their language", user.name, language)
        self.redirect(f"{self.hub.base_url}home")


def language_handlers(languages: PeopleLanguages) -> list:
    return [(rf"/{LANGUAGE_PAGE}", LanguageHandler, {"languages": languages})]


class PersonTemplateVar:
    """A `JupyterHub.template_vars` value computed for the person viewing the page (JupyterHub
    calls callables with the user; None on the login page, which speaks the default)."""

    def __init__(self, languages: PeopleLanguages, what: str):
        self.languages = languages
        self.what = what

    def __call__(self, user):
        language = self.languages.of(getattr(user, "name", None))
        if self.what == "language":
            return language
        return template_functions(language)[self.what]


def template_vars(languages: PeopleLanguages) -> dict:
    return {
        "gettext": PersonTemplateVar(languages, "gettext"),
        "ngettext": PersonTemplateVar(languages, "ngettext"),
        "redschool_language": PersonTemplateVar(languages, "language"),
        "redschool_languages": LANGUAGES,
    }


class WorkspaceEnvironment:
    """A `Spawner.environment` value computed for the person whose workspace starts
    (JupyterHub calls callables with the spawner)."""

    def __init__(self, settings: Settings, languages: PeopleLanguages, what: str):
        self.settings = settings
        self.languages = languages
        self.what = what

    def __call__(self, spawner) -> str:
        language = self.languages.of(spawner.user.name)
        if self.what == LANGUAGE_ENV:
            return language
        return jupyter_config_path(self.settings, language)


def jupyter_config_path(settings: Settings, language: str) -> str:
    """Workspace settings (hub/state.py), learners' nbgrader settings, and first, for a
    language other than the default, that language's settings."""
    folders = [settings.workspace_config_dir, settings.learner_config_dir]
    if language != DEFAULT_LANGUAGE:
        folders.insert(0, language_config_dir(settings, language))
    return ":".join(str(f) for f in folders)


def workspace_environment(settings: Settings, languages: PeopleLanguages) -> dict:
    return {
        LANGUAGE_ENV: WorkspaceEnvironment(settings, languages, LANGUAGE_ENV),
        "JUPYTER_CONFIG_PATH": WorkspaceEnvironment(settings, languages, "JUPYTER_CONFIG_PATH"),
    }


def language_settings(settings: Settings, language: str) -> dict[Path, dict]:
    """The files that make a workspace's JupyterLab speak `language` (pure).

    LabApp reads settings defaults (`overrides.json`) from its app_settings_dir; pointing a
    Spanish workspace at its own folder changes nothing else, because this JupyterLab's
    build disables no extensions through that folder's neighbours (a unit test checks)."""
    lab = lab_settings_dir(settings, language)
    return {
        # A whole config file (merged with the workspace's own, which comes after it on the path):
        # jupyter_server reads only extension switches from the `.d` folders.
        language_config_dir(settings, language) / "jupyter_server_config.json": {
            "LabApp": {"app_settings_dir": str(lab)}
        },
        lab / "overrides.json": {TRANSLATION_PLUGIN: {"locale": JUPYTERLAB_LOCALES[language]}},
    }


def ensure_language_settings(settings: Settings) -> None:
    """Write each language's workspace settings; idempotent (a file is written only when it changes)."""
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        for path, data in language_settings(settings, language).items():
            text = json.dumps(data, indent=2) + "\n"
            if path.exists() and path.read_text() == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
