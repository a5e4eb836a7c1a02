"""Bilingual units: the manifest's `languages`/`translations`, the roster's circle language,
translation parity in `redschool check`, and building/releasing a circle's language version.
The fixture units with one translation defect each are in tests/support/fixture_curriculum.py
(EXPECTED), checked line for line by tests/unit/test_curriculum_check.py."""

from __future__ import annotations

import json
import re

import pytest
from pydantic import ValidationError

from core.cohort import RosterError, parse_roster
from curriculum.build import build_assignment, copy_unit_source
from curriculum.check import check_paths
from curriculum.errors import CurriculumError
from curriculum.load import find_unit, load_curriculum
from curriculum.models import UnitManifest, translated_name
from curriculum.translation import _code_difference
from tests.support.fixture_curriculum import EXPECTED, UNITS, translated_copy_of_good_unit

BOOTCAMP_1 = "bootcamp-01-where-we-stand"
ROSTER = """username,display_name,role,circle,circle_language
learner1,Ana,learner,rosa,
learner5,Esi,learner,lucy,
facilitator1,Ines,facilitator,rosa,
facilitator2,Jo,facilitator,lucy,es
admin,Lee,admin,,
"""


def _manifest(**changes) -> dict:
    data = dict(id="u-1", title="T", programme="pp", position=1, summary="S", estimated_minutes=30,
                learning_goals=["Do."], benchmarks=["left-leadership"], capacities=["political"], notebooks=["u.ipynb"])
    data.update(changes)
    return data


# --- the manifest ------------------------------------------------------------------


def test_a_unit_is_english_only_unless_it_says_otherwise():
    manifest = UnitManifest.model_validate(_manifest())
    assert manifest.languages == ["en"] and manifest.translations == {}
    assert manifest.title_in("es") == "T"


def test_a_translated_language_needs_its_title_and_summary():
    with pytest.raises(ValidationError, match=r"`languages` lists es but `translations` has no entry for it"):
        UnitManifest.model_validate(_manifest(languages=["en", "es"]))
    manifest = UnitManifest.model_validate(_manifest(languages=["en", "es"], translations={"es": {"title": "Título", "summary": "Resumen"}}))
    assert (manifest.title_in("es"), manifest.summary_in("es"), manifest.title_in("en")) == ("Título", "Resumen", "T")


def test_a_translation_of_a_language_the_unit_does_not_list_is_refused():
    with pytest.raises(ValidationError, match=r"`translations` has es, which is not a translated language in `languages` \(en; the first is the original\)"):
        UnitManifest.model_validate(_manifest(translations={"es": {"title": "Título", "summary": "Resumen"}}))


def test_translated_file_names():
    assert translated_name("where-we-stand.ipynb", "es") == "where-we-stand.es.ipynb"
    assert translated_name("facilitator-guide.md", "pt-BR") == "facilitator-guide.pt-BR.md"


# --- the roster --------------------------------------------------------------------


def test_a_circle_studies_in_english_unless_the_roster_says_otherwise():
    cohort = parse_roster(ROSTER)
    assert (cohort.circles["rosa"].language, cohort.circles["lucy"].language) == ("en", "es")
    old_style = parse_roster("\n".join(line.rsplit(",", 1)[0] for line in ROSTER.splitlines()))
    assert {c.language for c in old_style.circles.values()} == {"en"}


def test_an_unknown_circle_language_names_its_line():
    with pytest.raises(RosterError) as caught:
        parse_roster(ROSTER.replace("lucy,es", "lucy,klingon"))
    assert caught.value.problems == [
        "line 5: circle_language 'klingon' is not one we teach in; use one of: en, es (or leave it empty for en)."
    ]


def test_one_circle_two_languages_is_an_error_naming_both_lines():
    with pytest.raises(RosterError) as caught:
        parse_roster(ROSTER.replace("learner5,Esi,learner,lucy,", "learner5,Esi,learner,lucy,en"))
    assert caught.value.problems == [
        "line 5: circle 'lucy' is given circle_language 'es', but line 3 gives it 'en'; a circle studies in one language: keep one of them."
    ]


def test_a_circle_language_without_a_circle_is_an_error():
    with pytest.raises(RosterError) as caught:
        parse_roster(ROSTER.replace("admin,Lee,admin,,", "admin,Lee,admin,,es"))
    assert caught.value.problems == [
        "line 6: circle_language 'es' is on a row without a circle; write it on the row of a learner or "
        "facilitator of the circle (usually the facilitator's)."
    ]


# --- parity ------------------------------------------------------------------------


def test_every_translation_defect_has_a_fixture_with_one_line():
    kinds = {kind for folder, kind, _ in EXPECTED if "translation" in folder}
    assert kinds == {"translation", "missing-translation"}
    for folder, _, line in EXPECTED:
        if folder.startswith("fixtures/translation-"):
            assert [p.format(relative_to=UNITS) for p in check_paths([UNITS / folder], execute=False)] == [line]


def test_a_faithful_translation_passes_with_its_messages_and_comments_translated(tmp_path):
    folder = translated_copy_of_good_unit(tmp_path)
    spanish = (folder / "good-unit.es.ipynb").read_text()
    assert "Primero ejecuta la celda de arriba" in spanish and "# Cambia los tres puntos" in spanish
    assert check_paths([folder], execute=False) == []


def test_words_may_change_but_names_of_data_may_not():
    original = 'assert "ratio" in globals(), "Run the cell above first."\nratio = table.loc[2024, "pay_index"]  # one number\nprint(f"Ratio {ratio:.2f} in 2024")'
    words = 'assert "ratio" in globals(), "Primero ejecuta la celda."\nratio = table.loc[2024, "pay_index"]  # un número\nprint(f"Razón en 2024: {ratio:.2f}")'
    assert _code_difference(original, words) is None
    key = original.replace('"pay_index"]', '"indice_salario"]')
    assert _code_difference(original, key) == 'its code differs from the original\'s at line 2 (`ratio = table.loc[2024, "indice_salario"]  # one number`)'
    name = original.replace('"ratio" in', '"razon" in')
    assert _code_difference(original, name) == "its code differs from the original's at line 1 (`assert \"razon\" in globals(), \"Run the cell above first.\"`)"
    shown = original.replace("{ratio:.2f}", "{ratio * 100:.0f}")
    assert _code_difference(original, shown).startswith("its code differs from the original's at line 3")


def test_moving_code_out_of_the_hidden_tests_is_a_difference():
    original = "assert x is not ...\n### BEGIN HIDDEN TESTS\nassert x == 5\n### END HIDDEN TESTS"
    moved = "assert x is not ...\nassert x == 5\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS"
    assert _code_difference(original, moved) == "its code differs from the original's at line 2 (`assert x == 5`)"


# --- building and releasing a language version --------------------------------------------


def test_the_spanish_version_is_built_under_the_original_names(tmp_path):
    folder = translated_copy_of_good_unit(tmp_path)
    unit = next(iter(load_curriculum(folder.parent.parent).units.values()))
    copied = copy_unit_source(unit, tmp_path / "es", language="es")
    assert sorted(p.name for p in copied.iterdir()) == ["good-unit.ipynb"]
    assert (copied / "good-unit.ipynb").read_text() == (folder / "good-unit.es.ipynb").read_text()
    english = copy_unit_source(unit, tmp_path / "en")
    assert (english / "good-unit.ipynb").read_text() == (folder / "good-unit.ipynb").read_text()
    release = build_assignment(unit, tmp_path / "course", course_id="lucy", language="es")
    assert "Primero ejecuta la celda de arriba" in (release / "good-unit.ipynb").read_text()


def test_a_unit_without_the_language_says_so_kindly(tmp_path):
    unit = find_unit("bootcamp-02-points-of-unity")
    with pytest.raises(CurriculumError) as caught:
        copy_unit_source(unit, tmp_path / "x", language="es")
    assert str(caught.value).startswith("this unit has no Spanish version yet (it is written in English); the circle studies in Spanish")


def test_release_sends_each_circle_its_language_and_refuses_a_missing_one(tmp_path):
    from core.settings import Settings
    from core.layout import UNIT_CARD, outbound_dir
    from grading.release import release_unit

    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})
    cohort = parse_roster(ROSTER)
    folder = translated_copy_of_good_unit(tmp_path)
    unit = next(iter(load_curriculum(folder.parent.parent).units.values()))
    outcomes = release_unit(unit, settings=settings, cohort=cohort, circles=["rosa", "lucy"])
    assert [(o.circle, o.status) for o in outcomes] == [("rosa", "released"), ("lucy", "released")]
    lucy = (outbound_dir(settings, "lucy", "good-unit") / "good-unit.ipynb").read_text()
    rosa = (outbound_dir(settings, "rosa", "good-unit") / "good-unit.ipynb").read_text()
    assert "Primero ejecuta la celda de arriba" in lucy and "Primero ejecuta" not in rosa
    card = json.loads((outbound_dir(settings, "lucy", "good-unit") / UNIT_CARD).read_text())
    assert (card["title"], card["language"]) == ("Unidad good-unit", "es")

    english_only = find_unit("bootcamp-02-points-of-unity")
    refused = release_unit(english_only, settings=settings, cohort=cohort, circles=["rosa", "lucy"])
    assert [(o.circle, o.status) for o in refused] == [("rosa", "released"), ("lucy", "refused")]
    assert refused[1].detail.startswith("this unit has no Spanish version yet")
    assert not outbound_dir(settings, "lucy", english_only.id).exists()


# --- exercises/ in the notebook's language --------------------------------------------------


def test_every_sentence_exercises_writes_has_every_language():
    from exercises._words import LANGUAGES, WORDS

    for key, by_language in WORDS.items():
        assert set(by_language) == set(LANGUAGES), key
        fields = [sorted(re.findall(r"\{(\w+)\}", by_language[code])) for code in LANGUAGES]
        assert all(f == fields[0] for f in fields), (key, fields)


def test_the_period_explorer_and_the_gap_chart_speak_spanish_when_asked():
    from exercises import InvalidInput, charts
    from exercises.bootcamp_explorers import PeriodGapExplorer
    from tests.support.explorers import drawn

    explorer = PeriodGapExplorer(start=1973, end=2024, language="es")
    assert explorer.title == "Productividad y salario típico: elige los años"
    assert "De 1973 a 2024, la producción por hora creció un" in explorer.summary_text
    assert "Productividad dividida entre salario: " in explorer.summary_text
    assert [trace["name"] for trace in drawn(explorer)["data"]] == ["Productividad", "Salario típico"]
    english = PeriodGapExplorer(start=1973, end=2024, language="en")
    assert "From 1973 to 2024, output per hour grew" in english.summary_text

    chart = charts.productivity_pay_chart(language="es")
    assert chart.layout.title.text.startswith("De 1973 a ")
    assert "la productividad creció un" in chart.layout.title.text
    with pytest.raises(InvalidInput, match=r"language must be one of 'en', 'es'; you gave 'fr'\. Hint: language=\"en\""):
        charts.productivity_pay_chart(language="fr")


def test_the_roster_check_says_which_circle_studies_in_spanish(tmp_path, capsys):
    from cli.commands import check_roster

    path = tmp_path / "roster.csv"
    path.write_text(ROSTER)
    assert check_roster(path) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  lucy: 1 learners, facilitated by facilitator2, studies in Spanish",
        "  rosa: 1 learners, facilitated by facilitator1",
        # Its members read the platform in Spanish too, until they choose otherwise (core/languages.py).
        "  reading the platform in Spanish: facilitator2, learner5",
    ]


def test_an_author_previews_the_spanish_version(tmp_path, capsys):
    from cli.main import main as redschool

    out = tmp_path / "preview"
    assert redschool(["preview", BOOTCAMP_1, "--language", "es", "--out", str(out)]) == 0
    notebook = (out / f"{BOOTCAMP_1}.html").read_text()
    assert "Si nunca usaste un cuaderno" in notebook and "If you have never used a notebook" not in notebook
    guide = (out / "facilitator-guide.html").read_text()
    assert '<html lang="es"' in guide and "Guía para facilitar: Dónde estamos" in guide
    assert "Preview: Dónde estamos" in (out / "index.html").read_text()
    assert redschool(["preview", "bootcamp-02-points-of-unity", "--language", "es", "--out", str(tmp_path / "x")]) == 1
    assert "this unit has no Spanish version yet" in capsys.readouterr().err


def test_a_spanish_circle_gets_the_spanish_board_in_its_room(tmp_path):
    from core.settings import Settings
    from grading.rooms import place_worksheets, room_documents

    settings = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp_path / "data")})
    unit = find_unit(BOOTCAMP_1)
    place_worksheets(settings, "lucy", unit, "es")
    place_worksheets(settings, "rosa", unit, "en")
    lucy = (room_documents(settings, "lucy") / BOOTCAMP_1 / "our-board.ipynb").read_text()
    rosa = (room_documents(settings, "rosa") / BOOTCAMP_1 / "our-board.ipynb").read_text()
    assert "Nuestro tablero: dónde estamos desde 2008" in lucy and "Our board" not in lucy
    assert "Our board: where we stand since 2008" in rosa
