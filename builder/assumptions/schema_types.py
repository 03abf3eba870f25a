"""The building blocks of the assumptions schema: strict models, sourced values, drivers and texts.

`schema.py` composes the assumptions file from these (and re-exports them, so callers import from one
place); they live apart to keep each module small.
"""
from __future__ import annotations

from enum import Enum
from typing import ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,40}$"


# Any one text: composed cells (a title row, a note with its source) stay within Excel's 32,767 per cell.
MAX_TEXT = 10_000


class NoBooleans(BaseModel):
    """YAML reads yes, no, on, off, true and false as booleans, which pydantic would take as 1 and 0: a
    number field (or a list or mapping of numbers) refuses them."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans(cls, value, info: ValidationInfo):
        annotation = str(cls.model_fields[info.field_name].annotation)
        mapping = isinstance(value, dict) and "dict[" in annotation  # not a nested section: it checks its own
        items = value if isinstance(value, list) else value.values() if mapping else [value]
        if any(isinstance(v, bool) for v in items) and "bool" not in annotation:
            raise ValueError("expected a number, got a yes/no value (true, false, yes, no, on or off)")
        return value


class Strict(NoBooleans):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, str_max_length=MAX_TEXT)


class Source(Strict):
    source: str = Field(min_length=1, description="Where the figure comes from (report table, filing, calibration).")


class Series(Source):
    """One value per year of a block of years (actual or estimate); null where not reported."""
    values: list[Optional[float]]


class Scalar(Source):
    value: float


class DriverKind(str, Enum):
    pct_of_revenue = "pct_of_revenue"                  # value = ratio x revenue
    pct_of_cost_of_revenue = "pct_of_cost_of_revenue"  # value = ratio x cost of revenue
    growth = "growth"                                  # value = prior x (1 + g)
    amount = "amount"                                  # value typed as an amount per year
    flat = "flat"                                      # value = prior year's value
    change = "change"                                  # value = prior + amount (e.g. debt drawn, - repaid)
    # Non-operating lines only (income-statement sign; the rate is per period, positive):
    interest_on_opening_debt = "interest_on_opening_debt"  # value = -(rate x opening debt)
    interest_on_average_debt = "interest_on_average_debt"  # value = -(rate x average of opening and closing debt)
    interest_on_opening_cash = "interest_on_opening_cash"  # value = rate x opening cash and restricted cash
    # Working capital by days (balance-sheet lines only; days of the period's revenue or cost of revenue):
    receivable_days = "receivable_days"    # value = revenue x days / days in the period
    inventory_days = "inventory_days"      # value = cost of revenue x days / days in the period
    payable_days = "payable_days"          # value = cost of revenue x days / days in the period
    # Revenue and cost lines (issue 13):
    share_of = "share_of"                  # value = ratio x the line named by `of`
    price_volume = "price_volume"          # segments only: value = price x volume x scale
    users_arpu = "users_arpu"              # segments only: value = users x ARPU x scale


class Driver(Source):
    embed_when_set: ClassVar[tuple[str, ...]] = ("of",)  # added later: embedded only where a file sets it
    kind: DriverKind
    values: list[float] = Field(default_factory=list, description="One per estimate year; none for flat.")
    of: Optional[str] = Field(None, pattern=KEY_PATTERN,
                              description="share_of: the key of the line it is a share of (a segment, an opex "
                                          "line, or revenue for total revenue).")


# The languages a model can be written in (`languages:`); text_rules lists the choices a file may make.
Language = Literal["zh", "en"]


# Text the analyst writes comes in one field per language (`name_zh` / `name_en`, or `zh` / `en`).
# Each is optional in the type; `language_problems` requires those of the file's `languages`.
def _text(description: str = ""):
    return Field(None, min_length=1,
                 description=description or "Required when its language (zh or en) is one of `languages`.")


class Named(Strict):
    key: str = Field(pattern=KEY_PATTERN)
    name_zh: Optional[str] = _text()
    name_en: Optional[str] = _text()


class Bilingual(Strict):
    zh: Optional[str] = _text()
    en: Optional[str] = _text()
