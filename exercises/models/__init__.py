"""Models of Marxist political economy, in pure Python (no data, no charts, no I/O).

One module per idea:

- :mod:`~exercises.models.value`: value composition of capital (c, v, s and their ratios);
- :mod:`~exercises.models.working_day`: necessary and surplus labour time;
- :mod:`~exercises.models.snlt`: socially necessary labour time;
- :mod:`~exercises.models.profit_rate`: the tendency of the rate of profit to fall;
- :mod:`~exercises.models.reproduction`: simple and expanded reproduction schemes;
- :mod:`~exercises.models.transformation`: values into prices of production.

Ratios are plain fractions (``0.18`` means 18 %); every result has a
``summary()`` that says it in words.
"""

from .profit_rate import ProfitRatePeriod, ProfitRateSimulation, simulate_profit_rate
from .reproduction import (
    MARX_EXPANDED_EXAMPLE,
    MARX_SIMPLE_EXAMPLE,
    AccumulationStep,
    ExpandedReproduction,
    ReproductionScheme,
    simulate_expanded_reproduction,
)
from .snlt import Producer, ProducerResult, SociallyNecessaryLabourTime, socially_necessary_labour_time
from .transformation import MARX_FIVE_SECTORS, Sector, SectorPrice, Transformation, transform_values
from .value import (
    ValueComposition,
    organic_composition,
    rate_of_profit,
    rate_of_surplus_value,
    total_value,
)
from .working_day import (
    SurplusValueChange,
    WorkingDay,
    absolute_surplus_value,
    relative_surplus_value,
)

__all__ = [
    # value composition
    "ValueComposition", "total_value", "rate_of_surplus_value", "organic_composition",
    "rate_of_profit",
    # working day
    "WorkingDay", "SurplusValueChange", "absolute_surplus_value", "relative_surplus_value",
    # socially necessary labour time
    "Producer", "ProducerResult", "SociallyNecessaryLabourTime", "socially_necessary_labour_time",
    # tendency of the rate of profit to fall
    "ProfitRatePeriod", "ProfitRateSimulation", "simulate_profit_rate",
    # reproduction schemes
    "ReproductionScheme", "AccumulationStep", "ExpandedReproduction",
    "simulate_expanded_reproduction", "MARX_SIMPLE_EXAMPLE", "MARX_EXPANDED_EXAMPLE",
    # transformation
    "Sector", "SectorPrice", "Transformation", "transform_values", "MARX_FIVE_SECTORS",
]
