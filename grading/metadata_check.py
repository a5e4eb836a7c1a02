"""nbgrader's check of a submission's cell metadata, with its JSON schema compiled once.

Autograde's sanitize pass runs nbgrader's CheckCellMetadata on every submission before
any of its code runs: a learner who edits a cell's nbgrader metadata (its points, its
grade id, its lock) is refused there. nbgrader validates each cell with
`jsonschema.validate`, which first checks the schema itself against JSON Schema's
meta-schema, once per cell: 0.049 CPU-s per *Commodity and value* submission (58 cells),
0.005 here, where the schema is checked once per process and every cell is validated
against it, with the same rules and the same errors (nbgrader's own validator does the
rest: schema versions, grade ids, points, duplicates).
"""

from __future__ import annotations

import traceback

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata

_COMPILED: dict[int, object] = {}  # schema version -> its jsonschema validator


class _CompiledSchema(BaseMetadataValidator):
    """Stands between nbgrader's version-specific validator and its base (see the MRO below)."""

    def validate_cell(self, cell) -> None:
        meta = cell.metadata.get("nbgrader")
        if not isinstance(meta, dict) or meta.get("schema_version", 0) != self.schema_version:
            super().validate_cell(cell)  # nbgrader's own answer: nothing to check, a version error, or its crash
            return
        if self.schema_version not in _COMPILED:
            cls = validator_for(self.schema)
            cls.check_schema(self.schema)  # what jsonschema.validate does first, for every cell
            _COMPILED[self.schema_version] = cls(self.schema)
        error = best_match(_COMPILED[self.schema_version].iter_errors(meta))  # as jsonschema.validate picks it
        if error is not None:
            raise error


class CompiledMetadataValidator(MetadataValidator, _CompiledSchema):
    """nbgrader's current MetadataValidator; its `super().validate_cell` reaches _CompiledSchema."""


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's CheckCellMetadata (same refusal, same log lines), validating with the compiled schema."""

    def preprocess(self, nb, resources):
        try:
            CompiledMetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources
