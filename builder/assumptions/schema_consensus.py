"""The `consensus` section: market consensus estimates the model is compared with (revenue, EBITDA, net
profit attributable to shareholders, EPS), one entry per metric and period, as a `--consensus` CSV gives them."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import Field

from .schema_types import Strict

CONSENSUS_METRICS = ("revenue", "ebitda", "net_profit", "eps")


class ConsensusFigure(Strict):
    metric: Literal[CONSENSUS_METRICS] = Field(
        description="revenue, ebitda, net_profit (attributable to shareholders) or eps (basic, reporting currency).")
    period: int | str = Field(description="A period of the model, as in `years` (2025, or 2025Q1 quarterly).")
    value: float = Field(description="The consensus figure, in the model's money unit (EPS: reporting currency).")
    source: str = Field(min_length=1, description="Who compiled it (e.g. the data vendor and its field).")
    date: Optional[dt.date] = Field(None, description="The date of the consensus.")
