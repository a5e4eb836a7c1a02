"""What offline pages must not contain."""

from __future__ import annotations

import re

# What the brief forbids: a remote address in the src/href of a tag that loads it.
REMOTE_LOAD = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
