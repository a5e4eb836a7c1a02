"""``redschool preview``: read a unit as learners and facilitators will, before release."""

from __future__ import annotations

import tempfile
from pathlib import Path

from curriculum.build import build_assignment
from curriculum.errors import CurriculumError
from curriculum.load import DEFAULT_ROOT, find_unit
from curriculum.render import markdown_to_offline_html, notebook_to_offline_html, offline_page
from curriculum.running import run_student

DEFAULT_OUT = Path("preview")


def _index_page(title: str, links: list[tuple[str, str]]) -> str:
    return offline_page("preview_index.html.j2", title=f"Preview: {title}", lang="en", links=links)


def preview_unit(unit_id: str, *, out_dir: Path | None = None, execute: bool = False, root: Path = DEFAULT_ROOT,
                 timeout: int = 60, language: str | None = None) -> list[Path]:
    """Render unit ``unit_id``'s student version (built by
    :func:`~curriculum.build.build_assignment` in a throwaway course) and its
    facilitator guide to offline HTML in ``out_dir`` (default
    ``preview/<unit_id>/``). With ``execute``, the student version is run first
    (errors allowed, network guarded) so tables and charts show. Returns the
    pages written, the index first. ``language`` previews a translation (the version a
    circle studying in it gets, and its guide); default: the unit's original language."""
    import nbformat

    from curriculum.build import language_of
    from curriculum.models import GUIDE_NAME, translated_name

    unit = find_unit(unit_id, root=root)
    language = language_of(unit, language)
    original = language == unit.manifest.original_language
    title = unit.manifest.title_in(language)
    guide_path = unit.guide_path if original else unit.folder / translated_name(GUIDE_NAME, language)
    out = Path(out_dir) if out_dir else DEFAULT_OUT / (unit.id if original else f"{unit.id}.{language}")
    out.mkdir(parents=True, exist_ok=True)
    pages: list[Path] = []
    links: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix=f"redschool-preview-{unit.id}-") as tmp:
        release = build_assignment(unit, Path(tmp) / "course", course_id="redschool-preview", language=language)
        for name in unit.manifest.notebooks:
            nb = nbformat.read(release / name, as_version=4)
            if execute:
                nb = run_student(release / name, timeout=timeout)
            page = out / (Path(name).stem + ".html")
            page.write_text(notebook_to_offline_html(nb, title=f"{title} — {name}"), encoding="utf-8")
            pages.append(page)
            links.append((f"Notebook (student version): {name}", page.name))
    if guide_path.is_file():
        guide = out / "facilitator-guide.html"
        guide.write_text(
            markdown_to_offline_html(guide_path.read_text(encoding="utf-8"), title=f"Facilitator guide: {title}",
                                     lang=language),
            encoding="utf-8",
        )
        pages.append(guide)
        links.append(("Facilitator guide", guide.name))
    else:
        raise CurriculumError(f"{guide_path} is missing — write the facilitator guide (see `redschool unit new`)")
    index = out / "index.html"
    index.write_text(_index_page(title, links), encoding="utf-8")
    return [index, *pages]


