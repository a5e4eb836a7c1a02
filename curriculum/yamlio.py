"""YAML reading that remembers line numbers, so problems can point at a line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from curriculum.errors import CurriculumError


class YamlSyntaxError(CurriculumError):
    """A YAML file that does not parse; ``line`` is 1-based (None if unknown)."""

    def __init__(self, path: Path, line: int | None, detail: str):
        self.path = path
        self.line = line
        self.detail = detail
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {detail}")


@dataclass
class YamlDocument:
    """Parsed YAML data with its node tree, to map a key path back to a line."""

    data: Any
    node: yaml.Node | None
    first_line: int = 1  # where the document starts in its file (front matter)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """1-based line of the value at ``loc`` (pydantic's error location), or of
        the deepest part of it that exists."""
        node = self.node
        if node is None:
            return None
        line = node.start_mark.line
        for key in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        child = value_node
                        line = key_node.start_mark.line
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    child = node.value[key]
                    line = child.start_mark.line
            if child is None:
                break
            node = child  # a mapping value points at its key's line, a list item at its own
        return line + self.first_line


def parse_yaml(text: str, path: Path, *, first_line: int = 1) -> YamlDocument:
    """Parse ``text`` (from ``path``) or raise :class:`YamlSyntaxError`."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(path, line, f"YAML syntax error: {detail}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(path, None, f"YAML error: {exc}") from None
    return YamlDocument(data=data, node=node, first_line=first_line)


def read_yaml(path: Path) -> YamlDocument:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlSyntaxError(path, None, "not UTF-8 text") from None
    return parse_yaml(text, path)
