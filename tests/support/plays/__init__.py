"""Every shipped unit's learner-play table, by programme; `UNITS` is all of them, in
curriculum order."""

from __future__ import annotations

from .bootcamp_and_political_economy import UNITS as BOOTCAMP_AND_POLITICAL_ECONOMY
from .dialectics_hegemony_state import UNITS as DIALECTICS_HEGEMONY_STATE
from .imperialism_oppression import UNITS as IMPERIALISM_OPPRESSION
from .table import Mistake, Unit

UNITS = [*BOOTCAMP_AND_POLITICAL_ECONOMY, *DIALECTICS_HEGEMONY_STATE, *IMPERIALISM_OPPRESSION]

__all__ = ["Mistake", "Unit", "UNITS"]
