"""``redschool packet``: one printable, offline study packet per unit, for circles
that meet in person: the unit's reading guides, then its student notebooks as
nbgrader releases them (run first, so tables and charts show), in one HTML file,
and a PDF printed by Debian's Chromium.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from curriculum.build import build_assignment
from curriculum.errors import CurriculumError
from curriculum.load import DEFAULT_ROOT, find_unit, readings_root_for
from curriculum.readings import load_readings
from curriculum.render import markdown_to_html_fragment, notebook_to_offline_html

CHROMIUM = Path("/usr/bin/chromium")
#: nbconvert template (curriculum/templates/redschool_packet): the reading guides, then the notebook(s).
PACKET_TEMPLATE = "redschool_packet"


def _one_notebook(notebooks: dict):
    """The unit's notebooks as one, in order, for one page: the first cell of each is
    marked so the template starts it on a new printed page. Metadata (kernel, language)
    is the first notebook's; a cell id already taken by an earlier notebook is replaced,
    as ids must be unique within a notebook."""
    import nbformat

    names = list(notebooks)
    combined = nbformat.v4.new_notebook(metadata=notebooks[names[0]].metadata)
    taken: set[str] = set()
    for name in names:
        cells = notebooks[name].cells
        if cells:
            cells[0].metadata["redschool_packet_start"] = name
        for cell in cells:
            if cell.get("id") in taken:
                cell["id"] = uuid.uuid4().hex[:8]
            taken.add(cell.get("id"))
        combined.cells.extend(cells)
    return combined


def packet_html(unit_id: str, *, root: Path = DEFAULT_ROOT, timeout: int = 60) -> str:
    """The packet as one self-contained HTML page (nothing loaded from the network)."""
    from curriculum.running import run_student

    unit = find_unit(unit_id, root=root)
    readings = load_readings(readings_root_for(root))
    missing = [slug for slug in unit.manifest.readings if slug not in readings]
    if missing:
        raise CurriculumError(f"{unit.manifest_path}: reading guide(s) {', '.join(missing)} not found — run `redschool check`")
    with tempfile.TemporaryDirectory(prefix=f"redschool-packet-{unit.id}-") as tmp:
        release = build_assignment(unit, Path(tmp) / "course", course_id="redschool-packet")
        notebooks = {name: run_student(release / name, timeout=timeout) for name in unit.manifest.notebooks}
    packet = {
        "unit_title": unit.title,
        "summary": unit.manifest.summary,
        "readings": [
            {"meta": readings[slug].meta, "body": markdown_to_html_fragment(readings[slug].body)}
            for slug in unit.manifest.readings
        ],
    }
    return notebook_to_offline_html(_one_notebook(notebooks), title=f"Study packet: {unit.title}",
                                    template_name=PACKET_TEMPLATE, redschool_packet=packet)


def print_pdf(html_path: Path, pdf_path: Path, *, timeout: int = 120) -> Path:
    """Print the packet to PDF with Debian's Chromium, headless and offline."""
    if not CHROMIUM.exists():
        raise CurriculumError("Debian's chromium is not installed (apt-get install chromium); use --no-pdf for HTML only")
    with tempfile.TemporaryDirectory(prefix="redschool-packet-chromium-") as profile:
        result = subprocess.run(
            [
                str(CHROMIUM), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--no-pdf-header-footer", "--virtual-time-budget=10000",
                f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri(),
            ],
            capture_output=True, text=True, timeout=timeout,
        )
    if result.returncode != 0 or not pdf_path.is_file():
        raise CurriculumError(f"chromium could not print {html_path} to PDF: {result.stderr.strip()[-500:]}")
    return pdf_path


def build_packet(unit_id: str, *, out_dir: Path, pdf: bool = True, root: Path = DEFAULT_ROOT) -> list[Path]:
    """Write <out_dir>/<unit>-packet.html (and .pdf); returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{unit_id}-packet.html"
    staged = html_path.with_suffix(".html.tmp")
    staged.write_text(packet_html(unit_id, root=root), encoding="utf-8")
    shutil.move(staged, html_path)
    written = [html_path]
    if pdf:
        written.append(print_pdf(html_path, out_dir / f"{unit_id}-packet.pdf"))
    return written
