"""A cap in bytes on what a submitted notebook's cells may print.

nbgrader's LimitOutput counts lines: one cell printing a single 60 MB line passed
it and made a 105 MB autograded notebook and a desk page of the same size. This
keeps nbgrader's line and traceback limits and adds a byte budget per cell and per
notebook; what goes over is replaced by one line saying how much was removed.
"""

from __future__ import annotations

import json

from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import LimitOutput
from traitlets import Integer

MB = 1024 * 1024


def output_size(output: dict) -> int:
    return len(json.dumps(output, separators=(",", ":")).encode("utf-8"))


def _removed(size: int, limit: int) -> NotebookNode:
    return from_dict({
        "output_type": "stream",
        "name": "stderr",
        "text": f"... Output removed: {size / MB:.1f} MB, over the {limit / MB:.0f} MB a cell may show when graded ...\n",
    })


class LimitOutputBytes(LimitOutput):
    max_cell_bytes = Integer(2 * MB, help="Bytes of output one cell may keep when graded.").tag(config=True)
    max_notebook_bytes = Integer(20 * MB, help="Bytes of output a whole notebook may keep when graded.").tag(config=True)

    def preprocess(self, nb, resources):
        self._notebook_bytes = 0
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type != "code":
            return cell, resources
        kept, cell_bytes = [], 0
        for output in cell.outputs:
            size = output_size(output)
            limit = min(self.max_cell_bytes - cell_bytes, self.max_notebook_bytes - self._notebook_bytes)
            if size > limit:
                kept.append(_removed(size, self.max_cell_bytes))
                continue
            kept.append(output)
            cell_bytes += size
            self._notebook_bytes += size
        cell.outputs = kept
        return cell, resources
