"""Build the compact data extracts shipped in ``exercises/data/`` from the raw files.

Run it again whenever a raw file or the registry changes::

    python -m exercises.data.build                      # write the extracts
    python -m exercises.data.build --check              # exit 1 if they are out of date
    python -m exercises.data.build --source ../shared/data --out /tmp/extracts

The raw folder defaults to ``$REDSCHOOL_SHARED_DATA``, else ``<repo>/../shared/data``
(see its ``PROVENANCE.md``). Raw files are never copied into the project: only
the columns listed in :mod:`exercises.data.registry` are kept, renamed and
rounded. Output is byte-for-byte reproducible (fixed float format, ``\\n`` line
ends, gzip without a timestamp). Needs pandas and openpyxl (the ``data`` extra).
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import DataNotFound
from .registry import DATASETS, Dataset

__all__ = ["default_source", "default_output", "build", "build_frame", "render", "main"]

PACKAGE_DIR = Path(__file__).resolve().parent
ENV_VAR = "REDSCHOOL_SHARED_DATA"


def default_source() -> Path:
    """The raw-data folder: ``$REDSCHOOL_SHARED_DATA`` or ``<repo>/../shared/data``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    repo = PACKAGE_DIR.parents[1]
    return repo.parent / "shared" / "data"


def default_output() -> Path:
    """Where the extracts live: this package's folder."""
    return PACKAGE_DIR


def _raw(source: Path, dataset: Dataset) -> Path:
    path = source / dataset.raw_file
    if not path.is_file():
        raise DataNotFound(
            f"The raw file for {dataset.name!r} is missing: {path}. Point the build at the "
            f"shared raw-data folder with --source DIR or the {ENV_VAR} environment variable."
        )
    return path


def _select(frame, dataset: Dataset):
    """Keep the registry's columns (raw names) and give them their extract names."""
    raw_names = {c.raw: c.name for c in dataset.columns if c.raw is not None}
    missing = [raw for raw in raw_names if raw not in frame.columns]
    if missing:
        raise DataNotFound(f"{dataset.raw_file} has no column(s) {missing}; has the source changed?")
    return frame[list(raw_names)].rename(columns=raw_names)


def _us_corporate(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_excel(_raw(source, dataset), sheet_name="data", engine="openpyxl")
    frame = _select(raw.dropna(subset=["year"]), dataset)
    frame["year"] = frame["year"].astype("int64")
    return frame


def _productivity_pay(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_csv(_raw(source, dataset))
    annual = raw[raw["frequency"] == "annual"]
    wide = annual.pivot(index="year", columns="name", values="value").reset_index()
    frame = _select(wide, dataset)
    frame["year"] = frame["year"].astype("int64")
    return frame.sort_values("year", ignore_index=True)


def _productivity_pay_quarterly(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_csv(_raw(source, dataset), dtype={"Year": "str"})
    frame = _select(raw, dataset)
    frame["quarter"] = frame["quarter"].str.upper()
    frame.insert(1, "year", frame["quarter"].str[:4].astype("int64"))
    return frame


def _penn_world_table(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_csv(_raw(source, dataset))
    frame = _select(raw, dataset)
    return frame.sort_values(["isocode", "year"], ignore_index=True)


def _reserve_army(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_excel(_raw(source, dataset), sheet_name="RAL_Basic", engine="openpyxl")
    frame = _select(raw.dropna(subset=["Month"]), dataset)
    frame["month"] = pd.to_datetime(frame["month"]).dt.strftime("%Y-%m")
    # The source's own wider measure adds a "part time" column that cannot be what its label
    # says (see the registry notes); rebuild the measure from the two columns that are clear.
    frame.insert(list(frame.columns).index("want_job"), "reserve_army",
                 frame["unemployed"] + frame["marginally_attached"])
    return frame


def _prison(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_excel(_raw(source, dataset), sheet_name="prison", engine="openpyxl")
    frame = _select(raw.dropna(subset=["year"]), dataset)
    return frame.astype("int64")


def _productivity_wages(source: Path, dataset: Dataset):
    import pandas as pd

    raw = pd.read_excel(_raw(source, dataset), sheet_name="data", engine="openpyxl")
    frame = _select(raw.dropna(subset=["year"]), dataset)
    frame["year"] = frame["year"].astype("int64")
    return frame


_BUILDERS: dict[str, Callable] = {
    "us_corporate": _us_corporate,
    "productivity_pay": _productivity_pay,
    "productivity_pay_quarterly": _productivity_pay_quarterly,
    "penn_world_table": _penn_world_table,
    "reserve_army": _reserve_army,
    "us_prison_population": _prison,
    "us_productivity_wages": _productivity_wages,
}

# Source figures carry at most 3 decimals: 10 significant digits writes them exactly.
# Derived, long-decimal series (EPI, PWT) are rounded to 6 significant digits.
_FLOAT_FORMAT = {"productivity_pay": "%.6g", "productivity_pay_quarterly": "%.6g",
                 "penn_world_table": "%.6g"}


def build_frame(name: str, source: Path | None = None):
    """The extract for data set ``name`` as a DataFrame, built from the raw files."""
    dataset = DATASETS[name]
    frame = _BUILDERS[name](Path(source) if source else default_source(), dataset)
    assert list(frame.columns) == [c.name for c in dataset.columns], name
    return frame


def render(name: str, frame) -> bytes:
    """The bytes of the extract file for ``frame`` (CSV, gzip-compressed for ``.gz`` names)."""
    text = frame.to_csv(index=False, lineterminator="\n",
                        float_format=_FLOAT_FORMAT.get(name, "%.10g"))
    data = text.encode("utf-8")
    if DATASETS[name].filename.endswith(".gz"):
        buffer = io.BytesIO()
        # filename="" and mtime=0 keep the output identical from run to run.
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as f:
            f.write(data)
        data = buffer.getvalue()
    return data


def build(source: Path | None = None, out: Path | None = None,
          names: list[str] | None = None) -> list[Path]:
    """Build the extracts (all, or ``names``) from ``source`` into ``out``; return their paths."""
    source = Path(source) if source else default_source()
    out = Path(out) if out else default_output()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or list(DATASETS):
        path = out / DATASETS[name].filename
        path.write_bytes(render(name, build_frame(name, source)))
        written.append(path)
    return written


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def main(argv: list[str] | None = None) -> int:
    """Command line: build (or ``--check``) the extracts. Exit 0 on success, 1 on a problem."""
    parser = argparse.ArgumentParser(prog="python -m exercises.data.build",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=None,
                        help=f"raw-data folder (default: ${ENV_VAR} or <repo>/../shared/data)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the extracts (default: the exercises/data package)")
    parser.add_argument("--check", action="store_true",
                        help="build into memory and compare with the extracts in --out; "
                             "exit 1 if any differs")
    args = parser.parse_args(argv)
    out = args.out or default_output()
    try:
        if args.check:
            stale = []
            for name, dataset in DATASETS.items():
                fresh = render(name, build_frame(name, args.source))
                if dataset.filename.endswith(".gz"):
                    fresh = gzip.decompress(fresh)
                path = out / dataset.filename
                if not path.is_file() or _content(path) != fresh:
                    stale.append(dataset.filename)
            if stale:
                print(f"Out of date: {', '.join(stale)}. Run: python -m exercises.data.build",
                      file=sys.stderr)
                return 1
            print(f"All {len(DATASETS)} extracts are up to date.")
            return 0
        for path in build(args.source, out):
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    except DataNotFound as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
