"""Check our values file against the Zero to JupyterHub chart's own schema, offline.

    python -m deploy.chart_values deploy/kubernetes/values.yaml PATH/TO/jupyterhub-chart

PATH/TO/jupyterhub-chart is the chart's folder (`helm pull jupyterhub/jupyterhub --untar`,
or `jupyterhub/` of its git repository): our values are laid over its values.yaml, as helm
does, and the result checked against its values.schema.json (or .yaml). Helm does the same
before rendering; this lets a machine without helm (or a cluster) do it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def merged(defaults: dict, ours: dict) -> dict:
    """Helm's merge of a values file over the chart's defaults: maps merge, the rest replaces."""
    out = dict(defaults)
    for key, value in ours.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def problems(values: dict, chart: Path) -> list[str]:
    import jsonschema

    schema_file = next((chart / n for n in ("values.schema.json", "values.schema.yaml") if (chart / n).is_file()), None)
    if schema_file is None:
        raise FileNotFoundError(f"{chart} has no values.schema.json or values.schema.yaml: is it the chart's folder?")
    schema = yaml.safe_load(schema_file.read_text())  # JSON is YAML
    defaults = yaml.safe_load((chart / "values.yaml").read_text())
    errors = jsonschema.Draft7Validator(schema).iter_errors(merged(defaults, values))
    return sorted(f"{'.'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    found = problems(yaml.safe_load(Path(argv[0]).read_text()), Path(argv[1]))
    for line in found:
        print(line)
    print(f"{argv[0]}: {len(found)} problem(s) against {argv[1]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
