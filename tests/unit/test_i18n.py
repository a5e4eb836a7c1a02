"""Each person's language: the roster's column, their own choice, the Spanish catalog, and the
hub and workspace settings that make pages and JupyterLab speak it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from traitlets.config import Config

from core.cohort import RosterError, load_roster
from core.i18n import catalog_path, translations
from core.languages import (
    PeopleLanguages,
    language_of,
    read_choices,
    roster_languages,
    write_choice,
)
from core.pages import render_page
from core.settings import DEMO_ROSTER, Settings
from grading.my_units import TEMPLATES, UnitRow, when, workspace_language
from hub import config as hubconfig
from hub.language import LanguageHandler, jupyter_config_path, language_settings

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ROSTER = """username,display_name,role,circle,person_language
learner1,Ana,learner,rosa,
learner5,Lucía,learner,lucy,es
facilitator2,Bo,facilitator,lucy;rosa,ES
admin,Ed,admin,,en
"""


def english_strings() -> dict[str, tuple[str, ...]]:
    """Every string the platform marks for translation, as `make translations` extracts it."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "translate": (2,)}
    ):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = ids
    return found


def spanish_catalog():
    with catalog_path("es").open("rb") as f:
        return read_po(f, locale="es")


def test_every_english_string_has_a_spanish_translation():
    strings = english_strings()
    assert len(strings) > 60 and "My units" in strings and "Welcome, %(name)s" in strings
    catalog = spanish_catalog()
    missing = [s for s in strings if catalog.get(s) is None or not all(catalog.get(s).string if isinstance(catalog.get(s).string, tuple) else [catalog.get(s).string])]
    assert not missing, "no Spanish yet for these (run `make translations`, then translate them in " \
        f"{catalog_path('es').relative_to(ROOT)}):\n" + "\n".join(missing)
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy guesses are not translations (they are not used): {fuzzy}"


def test_the_catalog_keeps_no_string_the_platform_no_longer_says():
    strings = english_strings()
    stale = [m.id if isinstance(m.id, str) else m.id[0] for m in spanish_catalog() if m.id]
    stale = [s for s in stale if s not in strings]
    assert not stale, f"run `make translations` to drop these from the Spanish catalog: {stale}"


def test_translations_keep_every_placeholder():
    """A sentence's values (%(name)s) are all in its translation, and nothing else is."""
    for message in spanish_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            if len(ids) == 1:
                assert found == wanted, (message.id, text)
            else:  # a plural form may leave out the number it counts
                assert found <= wanted and found >= wanted - {"count", "num"}, (message.id, text)


def test_spanish_is_served_from_the_po_file_and_english_is_the_source():
    assert translations("es").gettext("Start this unit") == "Empezar esta unidad"
    assert translations("es").ngettext("Reading guide:", "Reading guides:", 2) == "Guías de lectura:"
    assert translations("en").gettext("Start this unit") == "Start this unit"


# --- a person's language ---------------------------------------------------------------


def test_the_roster_gives_a_language_per_person_and_english_by_default():
    assert roster_languages(ROSTER) == {"learner5": "es", "facilitator2": "es", "admin": "en"}
    assert roster_languages("username,display_name,role,circle\nlearner1,Ana,learner,rosa\n") == {}
    # The column sits beside the roster's own: the roster parser still reads the file.
    assert DEMO_ROSTER.exists() and load_roster(DEMO_ROSTER).usernames


def test_an_unknown_language_in_the_roster_names_its_line():
    with pytest.raises(RosterError) as info:
        roster_languages(ROSTER + "learner9,Zoe,learner,rosa,fr\n", source="roster.csv")
    message = str(info.value)
    assert "roster.csv" in message and "line 6: person_language 'fr' is not a language" in message
    assert "use one of: en, es" in message


def test_a_persons_choice_wins_over_the_roster(tmp_path):
    roster = roster_languages(ROSTER)
    assert language_of("learner5", roster, {}) == "es"
    assert language_of("learner5", roster, {"learner5": "en"}) == "en"
    assert language_of("learner1", roster, {"learner1": "es"}) == "es"
    assert language_of("learner1", roster, {}) == "en"
    assert language_of(None, roster, {}) == "en"  # the login page
    people = PeopleLanguages(roster, tmp_path / "languages.json")
    people.choose("learner1", "es")
    people.choose("learner5", "en")
    assert (people.of("learner1"), people.of("learner5"), people.of("facilitator2")) == ("es", "en", "es")
    assert json.loads((tmp_path / "languages.json").read_text()) == {"learner1": "es", "learner5": "en"}
    with pytest.raises(ValueError):
        people.choose("learner1", "fr")


def test_a_damaged_choices_file_is_no_choices(tmp_path):
    path = tmp_path / "languages.json"
    path.write_text("{not json")
    assert read_choices(path) == {}
    path.write_text(json.dumps({"learner1": "klingon", "learner2": "es"}))
    assert read_choices(path) == {"learner2": "es"}
    write_choice(path, "learner3", "es")
    assert read_choices(path) == {"learner2": "es", "learner3": "es"}
    assert not list(tmp_path.glob(".languages-*")), "no half-written file is left behind"


# --- the hub and the workspace -----------------------------------------------------------


def settings() -> Settings:
    return Settings.from_env({"REDSCHOOL_DATA_DIR": "/tmp/rs-data"})


def test_the_hub_renders_its_pages_with_jinjas_i18n_extension_in_each_persons_language(tmp_path):
    c = Config()
    cohort = load_roster(DEMO_ROSTER)
    s = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path)})
    hubconfig.apply_config(c, s, cohort, secrets={"proxy_token": "p", "operations_token": "o", "demo_password": "d", "demo_admin_password": "a"},
                           languages={"learner5": "es"})
    assert c.JupyterHub.jinja_environment_options["extensions"] == ["core.i18n.RedSchoolI18n"]
    tv = c.JupyterHub.template_vars
    assert "redschool" in tv, "the home page's own values are kept"
    spanish, english = SimpleNamespace(name="learner5"), SimpleNamespace(name="learner1")
    assert (tv["redschool_language"](spanish), tv["redschool_language"](english), tv["redschool_language"](None)) == ("es", "en", "en")
    assert set(tv["redschool_languages"]) == {"en", "es"}
    [(route, handler, kwargs)] = [h for h in c.JupyterHub.extra_handlers if h[1] is LanguageHandler]
    assert route == "/language"
    kwargs["languages"].choose("learner1", "es")
    assert tv["redschool_language"](english) == "es", "a choice counts from the next page"
    env = c.Spawner.environment
    learner5 = SimpleNamespace(user=spanish)
    assert env["REDSCHOOL_LANGUAGE"](learner5) == "es"
    assert env["JUPYTER_CONFIG_PATH"](learner5).split(":") == [
        str(tmp_path / "jupyter-config" / "language-es"), str(s.workspace_config_dir), str(s.learner_config_dir)
    ]
    assert env["JUPYTER_CONFIG_PATH"](SimpleNamespace(user=SimpleNamespace(name="learner2"))) == jupyter_config_path(s, "en")


def test_a_spanish_workspace_gets_jupyterlabs_spanish_as_a_default_not_as_the_persons_setting():
    files = language_settings(settings(), "es")
    by_name = {p.name: (p, data) for p, data in files.items()}
    path, server = by_name["jupyter_server_config.json"]
    assert path.parent.name == "language-es"
    lab = Path(server["LabApp"]["app_settings_dir"])
    overrides_path, overrides = by_name["overrides.json"]
    assert overrides_path == lab / "overrides.json", "JupyterLab reads its defaults' overrides.json from app_settings_dir"
    assert overrides == {"@jupyterlab/translation-extension:plugin": {"locale": "es_ES"}}
    assert not any("user-settings" in str(p) for p in files), "a person's own settings folder is never written"


def test_jupyterlabs_build_disables_nothing_through_its_settings_folders_neighbours():
    """A Spanish workspace reads its settings defaults from another folder; JupyterLab also
    looks beside that folder (static/package.json) for extensions that disable others. This
    build has none; if a JupyterLab upgrade adds some, Spanish workspaces would miss them."""
    import jupyterlab.commands

    package = Path(jupyterlab.commands.get_app_dir()) / "static" / "package.json"
    metadata = json.loads(package.read_text())["jupyterlab"].get("extensionMetadata", {})
    assert not [name for name, data in metadata.items() if data.get("disabledExtensions")]


def test_the_spanish_language_pack_is_installed_for_jupyterlab():
    from jupyterlab_server.translation_utils import get_language_packs

    packs, _message = get_language_packs()
    assert "es_ES" in packs


# --- My units -------------------------------------------------------------------------------


def test_my_units_speaks_the_workspaces_language_and_still_escapes():
    row = UnitRow(course="lucy", unit="u1", title='<script>alert("x")</script>', status="submitted", minutes=45,
                  readings=[{"slug": "a", "title": "A"}, {"slug": "b", "title": "B"}], submitted_at=when("2026-12-01 14:05:00 UTC", "es"))
    context = dict(rows=[row], rooms=[{"circle": "lucy", "url": "/room"}], base="/user/l", units_url="/user/l/units",
                   hub_home="/hub/home", xsrf="x", quote=lambda s: s, done="submitted", done_unit="u1")
    spanish = render_page(TEMPLATES, "my_units.html.j2", language="es", **context)
    assert '<html lang="es">' in spanish
    for words in ("Mis unidades", "Entregada", "unos 45 minutos", "enviada el 1 de diciembre de 2026, 14:05",
                  "Guías de lectura:", "Volver a entregar", "Abrir la sala de lucy", "Enviando a quien facilita tu círculo…"):
        assert words in spanish, words
    assert "<script>alert" not in spanish and "&lt;script&gt;" in spanish
    english = render_page(TEMPLATES, "my_units.html.j2", **context)
    assert "My units" in english and "Submit again" in english and "Mis unidades" not in english


def test_the_workspace_language_comes_from_the_hub_and_falls_back_to_english():
    assert workspace_language({"REDSCHOOL_LANGUAGE": "es"}) == "es"
    assert workspace_language({"REDSCHOOL_LANGUAGE": "xx"}) == "en"
    assert workspace_language({}) == "en"


# --- the progress pages ---------------------------------------------------------------------


def test_the_stage_labels_the_progress_pages_translate_are_the_stages_own():
    from grading.progress_service import STAGE_LABELS
    from grading.records import Stage

    assert STAGE_LABELS == tuple(s.label for s in Stage)


def test_the_progress_pages_headings_speak_the_viewers_language():
    from grading.progress_service import PAGES

    context = dict(title="t", prefix="/services/progress/", home_url="/hub/home", circle="lucy", outcome="",
                   figure={}, rows=[{"unit": "u1", "title": "Unit one", "waiting": 1, "ready": 0}],
                   section={"circle": "lucy", "behind": [("Esi", ["u1"])], "counts": [("submitted", 2)]},
                   desk_url="/services/lucy/formgrader", xsrf_form_html="",
                   room_rows=[{"unit": "u1", "title": "Unit one", "worksheets": "our-board.ipynb", "state": "not collected yet"}])
    page = render_page(PAGES, "progress_circle.html.j2", language="es", **context)
    for words in ('<html lang="es">', "Círculo lucy: avance", "Revisión y comentarios", "esperan tu revisión",
                  "Las hojas del círculo", "Recoger para revisar", "Devolver los comentarios a la sala",
                  "Se están quedando atrás", "sin entregar: u1", "2 entregada", 'href="/services/lucy/formgrader">mesa de revisión</a>'):
        assert words in page, words
    english = render_page(PAGES, "progress_circle.html.j2", **context)
    assert "Circle lucy: progress" in english and "2 submitted" in english


def test_redschool_roster_checks_the_language_column_too(tmp_path, capsys):
    from cli.commands import check_roster

    path = tmp_path / "roster.csv"
    path.write_text(ROSTER)
    assert check_roster(path) == 0
    assert "in Spanish: facilitator2, learner5" in capsys.readouterr().out
    path.write_text(ROSTER.replace("learner5,Lucía,learner,lucy,es", "learner5,Lucía,learner,lucy,spanish"))
    with pytest.raises(RosterError, match="line 3: person_language 'spanish'"):
        check_roster(path)


def test_check_lines_speak_the_workspaces_language_and_english_is_unchanged():
    from exercises.check_reporter import one_line_hint

    assert one_line_hint("AssertionError", "divide s by v") == "Not yet: divide s by v"
    assert one_line_hint("AssertionError", "divide s by v", "es") == "Todavía no: divide s by v"
    assert one_line_hint("NameError", "name 'x' is not defined", "es") == (
        "Todavía no: la comprobación se detuvo con NameError: name 'x' is not defined. Ejecuta la celda de tu respuesta y luego esta."
    )
    assert one_line_hint("AssertionError", "", "es").startswith("Todavía no: esta respuesta no pasa")


def test_a_translated_notebooks_checks_are_checks_to_the_reporter_and_the_review_pages():
    """A Spanish notebook's check cells begin "# Comprueba tu respuesta": the workspace's
    reporter says "Bien" or its one-line hint under them (not a traceback listing the other
    hints), and review pages show a failed one as its hint, as for the English original."""
    from exercises.check_reporter import is_check_source
    from grading.review_outputs import is_check_cell

    translated = sorted((ROOT / "curriculum").glob("*/*/*.es.ipynb"))
    compared = 0
    for spanish_path in translated:
        original = json.loads(spanish_path.with_name(spanish_path.name.replace(".es.ipynb", ".ipynb")).read_text())
        checks = {c["id"] for c in original["cells"] if is_check_cell({**c, "source": "".join(c["source"])})}
        for cell in json.loads(spanish_path.read_text())["cells"]:
            if cell["id"] in checks:
                source = "".join(cell["source"])
                assert is_check_source(source) and is_check_cell({**cell, "source": source}), (spanish_path.name, cell["id"])
                compared += 1
    assert compared >= 5  # Bootcamp 1's five checks at least
    assert not is_check_source("# Comprueba el resultado a mano\nassert x")  # another comment is not a check


def test_the_check_reporters_own_copy_of_its_words_says_what_the_catalog_says():
    from exercises.check_reporter import WORDS

    catalog = spanish_catalog()
    assert set(WORDS) == {"es"}
    for english, spanish in WORDS["es"].items():
        assert catalog.get(english) is not None and catalog.get(english).string == spanish, english
    marked = {s for s in english_strings() if s.startswith(("Not yet", "Right:"))}
    assert marked == set(WORDS["es"]), "every sentence the reporter marks has its copy"


def test_review_lines_on_a_spanish_feedback_page_are_spanish_and_the_desks_stay_english():
    from grading.review_outputs import ReviewOutputs, one_line_hint, summarise_output
    from grading.feedback import feedback_template_config

    assert feedback_template_config("es").ReviewOutputs.language == "es"
    assert one_line_hint("AssertionError", "divide s by v", "es") == "Todavía no: divide s by v"
    assert one_line_hint("AssertionError", "divide s by v") == "Not yet: divide s by v"
    chart = {"output_type": "display_data", "data": {"application/vnd.plotly.v1+json": {"layout": {"title": {"text": "Valor"}}}}}
    assert summarise_output(chart, "es")["data"]["text/plain"] == "Gráfico: Valor"
    assert summarise_output(chart)["data"]["text/plain"] == "Chart: Valor"
    assert ReviewOutputs().language == "en"


def test_a_spanish_circles_members_read_spanish_unless_they_say_otherwise(tmp_path):
    from core.languages import load_roster_languages
    from tests.support.rosters import spanish_lucy_roster

    roster = spanish_lucy_roster(tmp_path)
    languages = load_roster_languages(roster)
    assert {name for name, language in languages.items() if language == "es"} == {
        "facilitator2", "learner5", "learner6", "learner7", "learner8"}
    # A person's own column wins over their circle's language.
    text = roster.read_text().replace("username,display_name,role,circle,circle_language",
                                      "username,display_name,role,circle,circle_language,person_language")
    lines = [line + (",en" if line.startswith("learner6,") else ",") if line and not line.startswith(("#", "username")) else line
             for line in text.splitlines()]
    roster.write_text("\n".join(lines) + "\n")
    assert load_roster_languages(roster)["learner6"] == "en" and load_roster_languages(roster)["learner5"] == "es"
