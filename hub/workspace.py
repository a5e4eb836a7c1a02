"""What every workspace the hub starts finds in its config and data paths, beside hub/state.py's
JupyterLab settings: Red School's "My units" page and the learners' kernel.

- `jupyter_server_config.d/redschool.json` (on JUPYTER_CONFIG_PATH) enables the "My units"
  server extension (grading/my_units.py), where workspaces open (update_spawner's default_url);
- `kernels/python3/kernel.json` (on JUPYTER_PATH, found before the environment's own
  python3 spec) starts ipykernel with exercises/check_reporter.py loaded, so checks answer
  in one line, and exercises/warmup.py, so pandas and plotly are imported while the learner
  reads (the first chart no longer waits for them). Notebooks keep asking for "python3".

Only the module names are written here: hub/ imports neither grading/ nor exercises/.
Idempotent: a file is written only when its text changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core.settings import Settings

UNITS_EXTENSION = "grading.my_units"
CHECK_REPORTER = "exercises.check_reporter"
WARMUP = "exercises.warmup"
#: Where a workspace opens: the learner's units (grading.my_units.PAGE).
UNITS_PAGE = "/units"


def server_extensions_config() -> dict:
    return {"ServerApp": {"jpserver_extensions": {UNITS_EXTENSION: True}}}


def learner_kernel_spec(python: str = sys.executable) -> dict:
    return {
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}", f"--ext={WARMUP}", f"--ext={CHECK_REPORTER}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"debugger": True},
    }


def _write_if_changed(path: Path, data: dict) -> None:
    text = json.dumps(data, indent=2) + "\n"
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def ensure_workspace_extras(settings: Settings) -> None:
    _write_if_changed(settings.workspace_config_dir / "jupyter_server_config.d" / "redschool.json", server_extensions_config())
    _write_if_changed(settings.workspace_data_dir / "kernels" / "python3" / "kernel.json", learner_kernel_spec())
