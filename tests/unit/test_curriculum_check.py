"""`redschool check` without running anything: the static stage against fixture
units that each carry exactly one defect, copies of the good unit, the CLI and
the static network scan. Each test asserts the exact line a curriculum writer would
read: file, line or cell id, what is wrong, what to do.

The executing stage (solutions and student versions run in a kernel) is tested
in tests/notebooks/test_curriculum_check.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from curriculum import advice, netguard
from curriculum.check import KINDS, check, check_paths, resolve_target
from curriculum.errors import CurriculumError
from curriculum.rules import stated_minutes
from cli.main import main as redschool
from tests.support.fixture_curriculum import EXPECTED, UNITS, edit_notebook, find_cell
from tests.support.fixture_curriculum import copy_of_good_unit as _copy_of_good_unit


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def static_report():
    return check([UNITS], execute=False)


def test_every_required_kind_has_a_fixture():
    required = {
        "manifest-field", "unknown-reading", "missing-notebook", "duplicate-id", "position", "duplicate-grade-id",
        "points-missing", "test-unlocked", "solution-raises", "solution-fails-test", "student-passes",
        "no-reflection", "outputs", "network", "yaml-syntax", "notebook-json",
    }
    assert required <= {kind for _, kind, _ in EXPECTED}
    assert {kind for _, kind, _ in EXPECTED} <= set(KINDS)


def test_static_stage_finds_the_static_kinds_without_running_anything(static_report):
    runtime = {"solution-raises", "solution-fails-test", "student-passes"}
    expected = [line for folder, kind, line in EXPECTED if kind not in runtime and folder != "fixtures/network-hidden"]
    assert sorted(p.format(relative_to=UNITS) for p in static_report.problems) == sorted(expected)
    assert static_report.executed == 0


def test_checking_one_unit_reports_only_that_unit():
    problems = check_paths([UNITS / "fixtures" / "bad-position"], execute=False)
    assert [p.kind for p in problems] == ["position"]
    # the duplicate is reported against the second unit to use the id, not the first
    assert check_paths([UNITS / "fixtures" / "good-unit"], execute=False) == []
    assert [p.kind for p in check_paths([UNITS / "repeats"], execute=False)] == ["duplicate-id"]


def test_a_manifest_or_notebook_path_means_its_unit():
    unit = UNITS / "fixtures" / "good-unit"
    assert resolve_target(unit / "unit.yaml").folder == unit
    assert resolve_target(unit / "good-unit.ipynb").folder == unit
    assert resolve_target(UNITS / "fixtures").kind == "programme"
    assert resolve_target(UNITS).kind == "curriculum"


def test_a_path_that_is_not_curriculum_is_a_user_error(tmp_path):
    with pytest.raises(CurriculumError, match="is not a unit folder"):
        check_paths([tmp_path])
    with pytest.raises(CurriculumError, match="does not exist"):
        check_paths([tmp_path / "nowhere"])


# --- the CLI -------------------------------------------------------------------


def test_cli_exit_1_with_one_line_per_problem(capsys):
    assert redschool(["check", "--static", str(UNITS / "fixtures" / "unlocked-test")]) == 1
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(":cell exercise-check: the autograded test cell is not locked — set nbgrader `locked: true` so learners cannot change the test")
    assert "1 problem" in err


def test_cli_exit_0_with_a_summary(capsys):
    assert redschool(["check", "--static", str(UNITS / "fixtures" / "good-unit")]) == 0
    out, _ = capsys.readouterr()
    assert out.strip().startswith("redschool check: all good: 1 unit, 1 notebook")


def test_cli_user_error_is_one_line_without_traceback(tmp_path, capsys):
    assert redschool(["check", str(tmp_path)]) == 1
    _, err = capsys.readouterr()
    assert err.startswith("redschool check: ") and "Traceback" not in err


def test_cli_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        redschool(["check", "--workers", "0"])
    assert exc.value.code == 2


# --- more static kinds, on copies of the good unit ------------------------------


@pytest.fixture
def copy_of_good_unit(tmp_path):
    return _copy_of_good_unit(tmp_path)


def _kinds(folder):
    return [(p.kind, p.cell) for p in check_paths([folder], execute=False)]


def test_cell_without_id(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: find_cell(d, "context").pop("id"))
    problems = check_paths([copy_of_good_unit], execute=False)
    assert [p.format(relative_to=copy_of_good_unit) for p in problems] == [
        "good-unit.ipynb:cell #2: the cell has no id — open and save the notebook in JupyterLab 4, which gives every cell an id"
    ]


def test_unlocked_instruction_cell(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: find_cell(d, "context")["metadata"].pop("nbgrader"))
    assert _kinds(copy_of_good_unit) == [("not-read-only", "context")]


def test_test_without_exercise_before_it(copy_of_good_unit):
    def edit(d):
        d["cells"].remove(find_cell(d, "exercise-answer"))
    edit_notebook(copy_of_good_unit, edit)
    assert _kinds(copy_of_good_unit) == [("test-without-solution", "exercise-check")]


def test_exercise_without_solution_region(copy_of_good_unit):
    def edit(d):
        cell = find_cell(d, "exercise-answer")
        cell["source"] = "other_hours_left_over = ..."
    edit_notebook(copy_of_good_unit, edit)
    assert _kinds(copy_of_good_unit) == [("solution-region", "exercise-answer")]


def test_old_nbgrader_schema(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: find_cell(d, "exercise-check")["metadata"]["nbgrader"].update(schema_version=1))
    problems = check_paths([copy_of_good_unit], execute=False)
    assert [(p.kind, p.cell) for p in problems] == [("nbgrader-metadata", "exercise-check")]
    notebook = copy_of_good_unit / "good-unit.ipynb"
    assert problems[0].todo == f"run `{advice.tool('nbgrader')} update {notebook}` to upgrade it"
    pasted(problems[0].todo)
    assert check_paths([copy_of_good_unit], execute=False) == []


def pasted(todo: str) -> None:
    """Run the one command in a problem's advice as a writer would: pasted into a shell at the project root."""
    commands = re.findall(r"`([^`]+)`", todo)
    assert len(commands) == 1, todo
    done = subprocess.run(["bash", "-c", commands[0]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_advice_for_outputs_works_when_pasted_at_the_project_root(copy_of_good_unit):
    def outputs(d):
        cell = find_cell(d, "worked-example")
        cell["execution_count"] = 3
        cell["outputs"] = [{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "5"}, "metadata": {}}]
    notebook = edit_notebook(copy_of_good_unit, outputs)
    problems = check_paths([copy_of_good_unit], execute=False)
    assert [p.kind for p in problems] == ["outputs"]
    assert problems[0].todo == f"strip them before committing: `{advice.tool('nbstripout')} {notebook}` (it keeps the nbgrader metadata)"
    pasted(problems[0].todo)
    assert check_paths([copy_of_good_unit], execute=False) == []


def test_advice_names_tools_as_the_shell_finds_them_and_files_from_the_working_folder(monkeypatch, tmp_path):
    bin_dir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert advice.tool("nbstripout") == str(Path(bin_dir, "nbstripout").relative_to(ROOT))
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    assert advice.tool("nbstripout") == "nbstripout"
    assert advice.command("redschool", "check", ROOT / "curriculum" / "my unit") == "redschool check 'curriculum/my unit'"
    assert advice.command("redschool", "check", tmp_path) == f"redschool check {tmp_path}"


def test_markdown_grade_cell_that_is_not_a_solution(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: find_cell(d, "reflection-answer")["metadata"]["nbgrader"].update(solution=False))
    kinds = _kinds(copy_of_good_unit)
    assert ("nbgrader-metadata", "reflection-answer") in kinds
    assert ("no-reflection", None) in kinds


def test_remote_image_in_markdown(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: find_cell(d, "context").update(source="![chart](https://example.org/chart.png)"))
    assert _kinds(copy_of_good_unit) == [("network", "context")]


def test_shell_install_in_a_cell(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: find_cell(d, "worked-example").update(source="!pip install pandas\nx = 1"))
    assert _kinds(copy_of_good_unit) == [("network", "worked-example")]


def test_wrong_kernel(copy_of_good_unit):
    edit_notebook(copy_of_good_unit, lambda d: d["metadata"]["kernelspec"].update(name="ir"))
    assert _kinds(copy_of_good_unit) == [("kernel", None)]


def test_missing_guide_and_guide_sections(copy_of_good_unit):
    guide = copy_of_good_unit / "facilitator-guide.md"
    guide.write_text("# Guide\n\n## Session plan\n\nSoon.\n")
    kinds = _kinds(copy_of_good_unit)
    assert kinds == [("guide-section", None)] * 3
    guide.unlink()
    assert _kinds(copy_of_good_unit) == [("missing-guide", None)]


def test_unknown_manifest_field_and_mismatched_id(copy_of_good_unit):
    path = copy_of_good_unit / "unit.yaml"
    data = yaml.safe_load(path.read_text())
    data["benchmark"] = ["left-leadership"]
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = check_paths([copy_of_good_unit], execute=False)
    assert [p.kind for p in problems] == ["manifest-field"]
    assert problems[0].what == "unknown field `benchmark`"
    assert problems[0].line == path.read_text().splitlines().index("benchmark:") + 1
    data.pop("benchmark")
    data["id"] = "other-id"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = check_paths([copy_of_good_unit], execute=False)
    assert [p.kind for p in problems] == ["manifest-field"]
    assert "differs from the folder name" in problems[0].what


def test_programme_list_and_folders_disagree(copy_of_good_unit):
    programme = copy_of_good_unit.parent / "programme.yaml"
    programme.write_text("title: T\ndescription: D\nunits:\n  - good-unit\n  - not-written-yet\n")
    problems = check_paths([copy_of_good_unit.parent], execute=False)
    assert [(p.kind, p.line) for p in problems] == [("programme-order", 5)]
    assert "redschool unit new fixtures not-written-yet" in problems[0].todo


def test_broken_reading_guide(copy_of_good_unit):
    guide = copy_of_good_unit.parent.parent.parent / "readings" / "a-reading.md"
    guide.write_text("---\ntitle: A Reading\nauthors: []\nminutes: 30\nkey_concepts: [x]\n---\n\n## Summary\n\nS.\n")
    problems = check_paths([copy_of_good_unit], execute=False)
    assert [(p.kind, p.line) for p in problems] == [("reading-field", 3)]
    assert problems[0].what.startswith("`authors`: List should have at least 1 item")
    guide.write_text("---\ntitle: A Reading\nauthors: [Someone]\nminutes: 30\nkey_concepts: [x]\n---\n\n## Summary\n\nS.\n")
    assert _kinds(copy_of_good_unit) == [("reading-section", None)]


# --- the network: static scan here; the sandbox's missing network in tests/notebooks ---


def test_static_scan_finds_network_use_and_leaves_other_code_alone():
    assert netguard.scan_code("import requests") == ["imports `requests`"]
    assert netguard.scan_code("from urllib.request import urlopen") == ["imports `urllib.request`"]
    assert netguard.scan_code("%pip install plotly") == ["runs `pip`, which downloads"]
    assert netguard.scan_code("df = pd.read_csv('https://data.example.org/x.csv')") == ["uses the address https://data.example.org"]
    assert netguard.scan_code("import pandas as pd\nfrom urllib.parse import quote\nx = 'http://127.0.0.1:8888/'") == []
    assert netguard.scan_code("import subprocess\nsubprocess.run(['pip', 'install', 'x'])") == ["runs `pip`, which downloads"]
    assert netguard.scan_code("import os\nos.system('wget something')") == ["runs `wget`, which downloads"]
    assert netguard.scan_code("import subprocess\nsubprocess.run(['ls'])") == []
    assert netguard.scan_markdown("[a link](https://example.org) is fine") == []
    assert netguard.scan_markdown('<img src="https://example.org/a.png">')


def test_cli_default_is_redschool_curriculum_when_set(monkeypatch, capsys):
    monkeypatch.setenv("REDSCHOOL_CURRICULUM", str(UNITS))
    assert redschool(["check", "--static"]) == 1
    out, _ = capsys.readouterr()
    assert "fixtures/bad-position/unit.yaml:4: position is 9" in out


# --- unfinished units: the notebook's stated time, and how to submit ----------------


@pytest.mark.parametrize(("text", "minutes"), [
    ("**Time.** About 50 minutes for the notebook and 30 for the reading: about 80 minutes.", 50),
    ("The notebook takes about 60 minutes; the reading about 90.", 60),
    ("Run each grey cell. It takes about an hour.", 60),
    ("It takes about an hour and a half.", 90),
    ("about 2 hours", 120),
    ("about two and a half hours", 150),
    ("about half an hour", 30),
    ("A working day of 8 hours, and nothing about the time.", None),
])
def test_the_time_a_notebook_states(text, minutes):
    assert stated_minutes(text) == minutes


def test_an_estimate_within_the_slack_is_not_far(copy_of_good_unit):
    manifest = copy_of_good_unit / "unit.yaml"
    text = manifest.read_text()
    assert "estimated_minutes: 75" in text  # 45 stated in the notebook + 30 of reading
    manifest.write_text(text.replace("estimated_minutes: 75", "estimated_minutes: 90"))
    assert _kinds(copy_of_good_unit) == []
    manifest.write_text(text.replace("estimated_minutes: 75", "estimated_minutes: 91"))
    assert _kinds(copy_of_good_unit) == [("estimated-time", None)]


def test_a_reflection_that_mentions_submitting_does_not_tell_learners_how(copy_of_good_unit):
    def edit(d):
        d["cells"].remove(find_cell(d, "hand-in"))
        find_cell(d, "reflection-answer")["source"] = "I will submit it from My units."
    edit_notebook(copy_of_good_unit, edit)
    assert _kinds(copy_of_good_unit) == [("how-to-submit", None)]
