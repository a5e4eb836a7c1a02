"""A Spanish-speaking learner's journey, in a real browser, against a live hub (issue 19).

One story in three acts on a hub of its own whose roster makes lucy a Spanish circle:
learner5 keeps Español as their language on the home page, starts Bootcamp session 1
from *Mis unidades*, works the Spanish notebook in JupyterLab in Spanish (answers typed,
two reflections written in Spanish, every cell run, every check answering in Spanish)
and submits from Mis unidades; facilitator2 collects and autogrades at lucy's desk,
comments on one reflection in Spanish, marks the other read and returns feedback from
the progress page; learner5 reads the feedback page, which is in Spanish. Waits are on
what a person would see, never fixed sleeps. Screenshots go to tests/artifacts/<test>/.
"""

from __future__ import annotations

import re

import pytest

from curriculum.build import TEXT_STUBS
from tests.support.answers import BOOTCAMP_01_ANSWERS_ES
from tests.support.browser import (
    desk_autograde, desk_close_dialog, desk_collect, desk_comment, desk_open_first_submission, log_in, run_all_cells,
    type_into_cell, write_reflection,
)
from tests.support.hubprocess import USER_PASSWORD, hub_environment, own_hub, redschool
from tests.support.rosters import spanish_lucy_roster

UNIT = "bootcamp-01-where-we-stand"
NOTEBOOK = f"{UNIT}.ipynb"
SPANISH_TITLE = "Dónde estamos"  # unit.yaml's translations.es.title, and the Spanish notebook's heading
LEARNER, FACILITATOR, CIRCLE = "learner5", "facilitator2", "lucy"
#: The code answers: the cell a learner types into is the one showing `name = ...`.
CODE_ANSWERS = {grade_id: source for grade_id, source in BOOTCAMP_01_ANSWERS_ES.items() if not grade_id.startswith("reflect-")}
REFLECTIONS = [BOOTCAMP_01_ANSWERS_ES["reflect-pessimism"], BOOTCAMP_01_ANSWERS_ES["reflect-gap"]]
COMMENT = "Bien visto: ¿quién se sumó a la asamblea después de ganar las reparaciones? Tráelo al círculo."
CHECKS = 5  # Bootcamp 1's autograded checks: every one answers "Bien" to the right answers
RIGHT = "Bien: esta respuesta pasa sus comprobaciones."


def placeholder(source: str) -> str:
    """What the student version shows in an answer cell: its first name, then ` = ...`."""
    return source.split(" = ", 1)[0] + " = ..."


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A hub of its own on a roster where lucy studies in Spanish; Bootcamp 1 released to lucy."""
    hub = own_hub(tmp_path_factory, "spanish-journey-hub")
    hub.env = hub_environment(hub.data_dir, spanish_lucy_roster(hub.data_dir.parent))
    released = redschool(hub, "release", UNIT, "--circle", CIRCLE, "--porcelain")
    assert released.returncode == 0 and f"{UNIT} -> {CIRCLE}: released" in released.stdout, released.stdout + released.stderr
    hub.start()
    yield hub
    hub.stop()


def unit_card(page):
    return page.locator(f'.rs-unit[data-unit="{UNIT}"]')


def test_act1_learner5_works_bootcamp_1_in_spanish_and_submits(hub, browser_context, shoot):
    page = browser_context.new_page()
    log_in(page, hub.url, LEARNER, USER_PASSWORD)
    page.wait_for_url(f"**/user/{LEARNER}/units")  # the workspace starts, in the circle's language

    # The home page: the language box says Español; learner5 keeps it and saves.
    page.goto(hub.url + "hub/home")
    assert page.locator("#language-choice").input_value() == "es"
    assert page.locator("#language-choice option:checked").inner_text() == "Español"
    shoot(page, "01-inicio-idioma-espanol")
    page.select_option("#language-choice", "es")
    with page.expect_navigation(url="**/hub/home"):
        page.click("#language-submit")
    assert page.locator("#language-choice").input_value() == "es"
    assert page.locator("#start").inner_text().strip() == "Abrir mis unidades"

    # Mis unidades: the unit by its Spanish title, new, with a Spanish button.
    page.click("#start")
    page.wait_for_url(re.compile(rf"/user/{LEARNER}/units\??$"))  # the server's own redirect keeps an empty "?"
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Mis unidades"
    card = unit_card(page)
    assert card.locator("h2").inner_text() == SPANISH_TITLE
    assert card.get_attribute("data-status") == "new" and card.locator(".rs-status").inner_text() == "Nueva"
    shoot(page, "02-mis-unidades-nueva")
    card.get_by_role("button", name="Empezar esta unidad").click()

    # JupyterLab, in Spanish, on the Spanish notebook.
    page.wait_for_url(f"**/user/{LEARNER}/lab/tree/{CIRCLE}/{UNIT}/{NOTEBOOK}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    menus = page.locator(".lm-MenuBar-itemLabel")
    menus.filter(has_text="Ayuda").wait_for()  # menus arrive with their plugins; Help comes last
    labels = menus.all_inner_texts()
    assert {"Archivo", "Editar", "Ver", "Configuración", "Ayuda"} <= set(labels), labels
    assert not {"File", "Edit", "View", "Settings", "Help"} & set(labels), labels
    # "Run", "Kernel" and "Tabs" stay English: JupyterLab 4.6 gave them a "menu" context its
    # 4.5 Spanish pack lacks (README, Spanish). The Run menu's items are in Spanish.
    notebook = page.locator(".jp-Notebook")
    # Rendered Markdown (each Markdown cell's hidden editor holds its source too).
    notebook.locator(".jp-RenderedMarkdown h2", has_text="Si nunca usaste un cuaderno: empieza aquí").wait_for()
    assert notebook.locator(".jp-RenderedMarkdown h1").first.inner_text().strip().startswith(SPANISH_TITLE)
    assert notebook.get_by_text("If you have never used a notebook").count() == 0
    shoot(page, "03-jupyterlab-en-espanol")

    for source in CODE_ANSWERS.values():
        type_into_cell(page, placeholder(source), source)
    for reflection in REFLECTIONS:  # each takes the place of the first stub still showing
        write_reflection(page, TEXT_STUBS["es"], reflection)
    assert notebook.locator(".jp-RenderedMarkdown", has_text=TEXT_STUBS["es"]).count() == 0
    run_all_cells(page, menu="Run", item="Ejecutar todas las celdas")
    # Every check answers the right answers, in Spanish; none says "not yet".
    outputs = notebook.locator(".jp-OutputArea-output")
    outputs.filter(has_text="Tu predicción: bajó mucho").wait_for(state="attached")  # may be scrolled past
    assert outputs.filter(has_text=RIGHT).count() == CHECKS
    assert outputs.filter(has_text="Todavía no").count() == 0 and outputs.filter(has_text="Right:").count() == 0
    # The charts' axes speak Spanish too (their source lines stay as the data's publishers wrote them).
    axes = notebook.locator(".js-plotly-plot .xtitle").all_text_contents()
    assert "Año" in axes and not [a for a in axes if "year" in a.lower()], axes
    shoot(page, "04-celdas-ejecutadas")
    first_right = outputs.filter(has_text=RIGHT).first
    for _ in range(2):  # cells above it are laid out as they come into view and push it down: scroll again
        first_right.scroll_into_view_if_needed()
    shoot(page, "04b-una-comprobacion-dice-bien")
    with page.expect_response(lambda r: f"/api/contents/{CIRCLE}/{UNIT}/{NOTEBOOK}" in r.url and r.request.method == "PUT") as saved:
        page.keyboard.press("Control+S")
    assert saved.value.ok

    # Back to Mis unidades to submit; the page says it was sent, in Spanish.
    page.goto(hub.url + f"user/{LEARNER}/units")
    card = unit_card(page)
    assert card.get_attribute("data-status") == "in progress" and card.locator(".rs-status").inner_text() == "En curso"
    card.get_by_role("button", name="Entregar a quien facilita").click()
    done = page.locator("#rs-done", has_text=SPANISH_TITLE)
    done.wait_for()
    assert done.inner_text().startswith("Enviado. Tu facilitador o facilitadora leerá tu trabajo")
    assert "Puedes seguir trabajando y volver a entregar cuando quieras." in done.inner_text()
    card = unit_card(page)
    assert card.get_attribute("data-status") == "submitted" and card.locator(".rs-status").inner_text() == "Entregada"
    assert "sent on" not in card.inner_text() and "Submit" not in card.inner_text()
    shoot(page, "05-entregada")


def test_act2_facilitator2_reviews_in_spanish_and_returns_feedback(hub, browser_context, shoot):
    page = browser_context.new_page()
    log_in(page, hub.url, FACILITATOR, USER_PASSWORD)
    page.wait_for_url("**/hub/home")
    shoot(page, "01-inicio-facilitadora")
    page.locator(f'.rs-facilitates[data-circle="{CIRCLE}"] .rs-desk').click()
    page.wait_for_url(f"**/services/{CIRCLE}/formgrader/**")
    row = page.locator("#main-table tr", has=page.locator("td.collect a"))  # the one unit released to lucy
    desk_collect(page, row)
    shoot(page, "02-recogida")
    desk_close_dialog(page)

    desk_autograde(page, hub.url, CIRCLE, UNIT, LEARNER)
    shoot(page, "03-corregida")

    desk_open_first_submission(page, hub.url, CIRCLE, UNIT, "#reflect-pessimism-comment")
    body = page.locator("body").inner_text()
    assert all(reflection in body for reflection in REFLECTIONS), "the desk shows what learner5 wrote, in Spanish"
    # A comment on a reflection marks it read (its one point, through nbgrader's grade API).
    saved, read = desk_comment(page, "#reflect-pessimism-comment", COMMENT)
    assert saved.ok and read.ok and read.json()["manual_score"] == 1
    # The other reflection: read, with no comment.
    gap = page.locator("button.rs-mark-read#reflect-gap")
    gap.scroll_into_view_if_needed()
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as read:
        gap.click()
    assert read.value.ok and read.value.json()["manual_score"] == 1
    page.locator("button.rs-mark-read.rs-is-read#reflect-gap").wait_for()
    folder = shoot(page, "04-comentada").parent  # the whole (long) page; then the reflection as the screen shows it
    page.locator("#reflect-pessimism-comment").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "04b-reflexion-comentada.png"))

    page.goto(hub.url + f"services/progress/circle/{CIRCLE}")
    page.locator("#progress-heatmap .main-svg").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#progress-heatmap .gtitle").text_content() == "Hasta qué paso llegó cada persona, unidad por unidad"
    assert page.get_by_text("todavía sin recoger").count() == 1  # the circle's board, not collected from its room
    assert page.get_by_text("not collected yet").count() == 0
    shoot(page, "05-progreso")
    assert page.locator("tr", has=page.locator(f'form[action$="/feedback/{UNIT}"]')).locator("td").first.inner_text() == SPANISH_TITLE
    button = page.locator(f'form[action$="/feedback/{UNIT}"] button')
    assert button.inner_text() == "Devolver los comentarios revisados"
    button.click()
    outcome = page.locator(".outcome", has_text="Esi (learner)")
    outcome.wait_for(timeout=120_000)
    shoot(page, "06-comentarios-devueltos")
    assert outcome.inner_text().strip() == "Esi (learner): comentarios devueltos"


def test_act3_learner5_reads_the_feedback_in_spanish(hub, browser_context, shoot):
    page = browser_context.new_page()
    log_in(page, hub.url, LEARNER, USER_PASSWORD)
    page.wait_for_url(f"**/user/{LEARNER}/units")
    card = unit_card(page)
    assert card.get_attribute("data-status") == "feedback ready"
    assert card.locator(".rs-status").inner_text() == "Comentarios listos"
    shoot(page, "01-mis-unidades-comentarios-listos")
    with page.expect_response(lambda r: r.url.endswith(f"/units/{CIRCLE}/{UNIT}/feedback") and r.request.method == "GET") as shown:
        card.get_by_role("button", name="Leer los comentarios").click()
    assert shown.value.ok
    page.locator(".rs-reflection .rs-comment", has_text=COMMENT).wait_for()
    folder = shoot(page, "02-pagina-de-comentarios").parent  # the whole (long) page; then its top as the screen shows it
    page.screenshot(path=str(folder / "02b-pagina-de-comentarios-arriba.png"))

    assert page.locator("html").get_attribute("lang") == "es"
    assert page.title() == f"Comentarios: {SPANISH_TITLE}"
    assert page.locator(".rs-feedback > h1").inner_text() == f"Comentarios sobre {SPANISH_TITLE}"
    headings = page.locator(".rs-feedback > h2").all_inner_texts()
    assert headings == ["Los comentarios de quien facilita tu círculo", "Ejercicios", "Tu cuaderno"]
    assert page.locator(".rs-back").inner_text() == "← Mis unidades"
    pessimism, gap = page.locator("#reflection-reflect-pessimism"), page.locator("#reflection-reflect-gap")
    assert REFLECTIONS[0] in pessimism.inner_text() and COMMENT in pessimism.inner_text()
    assert "Lo que escribiste" in pessimism.inner_text() and "El comentario de quien facilita tu círculo" in pessimism.inner_text()
    assert REFLECTIONS[1] in gap.inner_text() and "(leída; sin comentario escrito)" in gap.inner_text()
    # Every exercise done, in Spanish.
    exercises = page.locator(".rs-exercises li")
    assert exercises.count() == CHECKS
    assert page.locator(".rs-exercises .rs-done").all_inner_texts() == ["listo"] * CHECKS
    assert exercises.first.inner_text().startswith("Ejercicio 1")
    # The notebook below: charts and explorers named in a Spanish line, checks that passed say "Bien".
    text = page.locator("body").inner_text()
    assert "Gráfico: El desempleo en EE. UU." in text and "Explorador interactivo" in text
    assert text.count(RIGHT) == CHECKS
    for english in ("Your facilitator's comment", "What you wrote", "Exercises", "Your notebook", "Feedback on",
                    "My units", "Your answer", "not yet", "read; no comment", "Chart:", "Right:", "Interactive explorer"):
        assert english not in text, f"English on the Spanish feedback page: {english!r}"
