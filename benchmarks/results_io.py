"""Where benchmark scripts write their figures (git-ignored)."""

from __future__ import annotations

import json
import platform
import os
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def write_results(name: str, figures: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    machine = {"cores": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()}
    path.write_text(json.dumps({"machine": machine, **figures}, indent=2) + "\n")
    return path
