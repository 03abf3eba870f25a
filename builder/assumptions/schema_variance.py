"""The `variance` section: the previous model's estimates for the period just reported (written by
`roll`), which the Variance sheet sets against the reported figures."""
from __future__ import annotations

from pydantic import ConfigDict, Field

from .schema_types import MAX_TEXT, NoBooleans


class VarianceEstimates(NoBooleans):
    # As every section (schema_types.Strict): no unknown fields, no NaN or infinity, bounded text.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, str_max_length=MAX_TEXT)

    period: int | str = Field(description="The period just reported, as in `years` (2024, or 2024Q1 in a "
                                          "quarterly model); it must now be an actual period.")
    previous: str = Field(min_length=1, description="The file the estimates came from (shown in the workbook).")
    estimates: dict[str, float] = Field(description="Model line key (defined-name key, e.g. IS_revenue, "
                                                    "IS_net_profit_parent, KPI_eps) -> the previous estimate.")
