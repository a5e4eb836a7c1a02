"""``redschool packet``: one printable, offline study packet per unit, for circles
that meet in person: the unit's reading guides, then its student notebooks as
nbgrader releases them (run first, so tables and charts show), in one HTML file,
and a PDF printed by Debian's Chromium.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from curriculum.build import build_assignment
from curriculum.errors import CurriculumError
from curriculum.load import DEFAULT_ROOT, find_unit, readings_root_for
from curriculum.readings import load_readings
from curriculum.render import markdown_to_html_fragment, notebook_to_offline_html

CHROMIUM = Path("/usr/bin/chromium")
PRINT_CSS = """
<style type="text/css">
.rs-packet-part { max-width: 46rem; margin: 2rem auto; font-family: system-ui, sans-serif; line-height: 1.55; }
.rs-packet-part h1 { font-size: 1.8rem; }
.rs-reading { border-top: 2px solid #444; margin-top: 2rem; padding-top: 1rem; }
.rs-biblio { color: #444; }
@media print {
  .rs-reading, .rs-notebook-start { break-before: page; }
  .jp-Cell { break-inside: avoid; }
}
</style>
"""


def _reading_section(reading) -> str:
    meta = reading.meta
    facts = [", ".join(meta.authors)] if meta.authors else []
    facts.append(f"<i>{html.escape(meta.title)}</i>")
    facts += [str(meta.year)] if meta.year else []
    facts += [html.escape(meta.publisher)] if meta.publisher else []
    where = f"<p class=\"rs-biblio\">Read it at: {html.escape(meta.read_at)}</p>" if meta.read_at else ""
    part = f"<p class=\"rs-biblio\">Part to read: {html.escape(meta.part)}</p>" if meta.part else ""
    return (
        f'<section class="rs-reading"><h2>Reading guide: {html.escape(meta.title)}</h2>'
        f'<p class="rs-biblio">{html.escape(", ".join(f for f in facts[:1]))}{". " if facts[:1] else ""}'
        f"{'. '.join(facts[1:])}.</p>{part}{where}"
        f"{markdown_to_html_fragment(reading.body)}</section>"
    )


def packet_html(unit_id: str, *, root: Path = DEFAULT_ROOT, timeout: int = 60) -> str:
    """The packet as one self-contained HTML page (nothing loaded from the network)."""
    import nbformat

    from curriculum.running import run_student

    unit = find_unit(unit_id, root=root)
    readings = load_readings(readings_root_for(root))
    missing = [slug for slug in unit.manifest.readings if slug not in readings]
    if missing:
        raise CurriculumError(f"{unit.manifest_path}: reading guide(s) {', '.join(missing)} not found — run `redschool check`")
    with tempfile.TemporaryDirectory(prefix=f"redschool-packet-{unit.id}-") as tmp:
        release = build_assignment(unit, Path(tmp) / "course", course_id="redschool-packet")
        notebooks = [run_student(release / name, timeout=timeout) for name in unit.manifest.notebooks]
    # The first notebook's page carries the styles and plotly.js; the rest contribute their bodies.
    pages = [notebook_to_offline_html(nb, title=f"Study packet: {unit.title}") for nb in notebooks]
    intro = (
        f'<div class="rs-packet-part"><h1>Study packet: {html.escape(unit.title)}</h1>'
        f"<p>{html.escape(unit.manifest.summary)}</p>"
        "<p>The reading guides come first, then the notebook as you would open it in Red School. "
        "Answer the questions in the notebook on paper, or in the hub before your circle meets.</p>"
        + "".join(_reading_section(readings[slug]) for slug in unit.manifest.readings)
        + '</div><div class="rs-notebook-start"></div>'
    )
    first = pages[0].replace("</head>", PRINT_CSS + "</head>", 1)
    body_start = first.index(">", first.index("<body")) + 1
    extra = "".join(p[p.index(">", p.index("<body")) + 1 : p.rindex("</body>")] for p in pages[1:])
    end = first.rindex("</body>")
    return first[:body_start] + intro + first[body_start:end] + extra + first[end:]


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
