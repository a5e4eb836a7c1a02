"""Backup and restore of a year's cohort: time and archive size.

A synthetic data folder is built (tests/support/circle_data.py): 60 learners x 60 units in
one circle (a year-long cohort of 60 people), every stage represented, with a gradebook of
every submission's grades and reviews. Every notebook in it (fetched copies, submissions,
collected copies, released units) is replaced by a real unit notebook of ~40 KB, so the
archive is as big as real work makes it. Then `operations.backup.backup` and
`operations.restore.restore` are timed, each once (they are minutes-scale, not micro), and
the restored folder is checked file by file against the original.

Nothing asserts a target; the figures are for README.
Run: `python benchmarks/bench_backup.py` or `python -m benchmarks backup`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.results_io import write_results  # noqa: E402

LEARNERS = 60
UNITS = 60


def realistic_notebooks(data_dir: Path) -> tuple[int, int]:
    """Put a real unit's notebook wherever the synthetic circle has a placeholder one."""
    sample = next(iter(sorted((ROOT / "curriculum").glob("little-red-school/*/*.ipynb")))).read_bytes()
    count = 0
    for path in data_dir.rglob("*.ipynb"):
        path.write_bytes(sample)
        count += 1
    return count, len(sample)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--units", type=int, default=UNITS)
    args = parser.parse_args(argv)
    from core.settings import Settings
    from operations.backup import backup
    from operations.restore import restore
    from tests.support.circle_data import build_circle
    from tests.support.data_folder import file_hashes

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="redschool-bench-backup-") as tmp:
        tmp = Path(tmp)
        (tmp / "cohort").mkdir()
        start = time.perf_counter()
        made = build_circle(tmp / "cohort", learners=args.learners, units=args.units)
        notebooks, notebook_bytes = realistic_notebooks(made.settings.data_dir)
        data_bytes = sum(p.stat().st_size for p in made.settings.data_dir.rglob("*") if p.is_file())
        files = sum(1 for p in made.settings.data_dir.rglob("*") if p.is_file())
        print(f"built {args.learners} learners x {args.units} units: {files} files ({notebooks} notebooks of "
              f"{notebook_bytes / 1e3:.0f} kB), {data_bytes / 1e6:.0f} MB, in {time.perf_counter() - start:.0f} s", flush=True)

        result = backup(made.settings, to=tmp / "cohort.tar.gz")
        target = Settings.from_env({"REDSCHOOL_DATA_DIR": str(tmp / "restored" / "data"),
                                    "REDSCHOOL_ROSTER": str(made.settings.roster)})
        start = time.perf_counter()
        restore(target, result.path)
        restore_seconds = time.perf_counter() - start
        same = file_hashes(target.data_dir, skip=("settings-from-backup.env",)) == file_hashes(
            made.settings.data_dir, skip=("backups/",))
        assert same, "the restored folder differs from the original"
    load_after = os.getloadavg()[0]
    print(f"backup and restore, {args.learners} learners x {args.units} units ({files} files, {data_bytes / 1e6:.0f} MB)")
    print(f"  backup   {result.seconds:8.1f} s   archive {result.size / 1e6:.1f} MB ({result.size / data_bytes:.0%} of the data)")
    print(f"  restore  {restore_seconds:8.1f} s   (archive checked whole first, then unpacked and renamed into place)")
    print(f"  restored folder identical to the original: {same}; load average before/after: {load_before:.1f} / {load_after:.1f}")
    path = write_results("backup", {
        "learners": args.learners, "units": args.units, "files": files, "data_bytes": data_bytes,
        "backup_seconds": result.seconds, "archive_bytes": result.size, "restore_seconds": restore_seconds,
        "load_average_before": load_before, "load_average_after": load_after,
    })
    print(f"  written to {path.relative_to(ROOT)}")
    return {"backup_seconds": result.seconds, "restore_seconds": restore_seconds, "archive_bytes": result.size}


if __name__ == "__main__":
    main()
