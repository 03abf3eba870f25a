"""The revenue section of the assumptions: segments, each grown by a rate or driven by another kind.

`schema.py` imports these (and re-exports them); they live apart to keep each module small.
"""
from __future__ import annotations

from typing import ClassVar, Literal, Optional

from pydantic import Field

from .schema_types import Driver, Named, Scalar, Series, Strict

# The factors of the two-factor driver kinds, in the order their product is written.
FACTORS = {"price_volume": ("price", "volume"), "users_arpu": ("users", "arpu")}
SEGMENT_DRIVER_KINDS = ("amount", "share_of", "price_volume", "users_arpu")


class RevenueFactor(Strict):
    """One factor of a price x volume or users x ARPU segment: its actual values, and in the estimate
    periods either its growth or its amounts (in the factor's own unit)."""
    actuals: Series = Field(description="The factor in each actual period.")
    growth: Optional[Series] = Field(None, description="Growth on the prior year, each estimate period; or amounts.")
    amounts: Optional[Series] = Field(None, description="The factor itself, each estimate period; or growth.")


class SegmentDriver(Driver):
    """A segment's estimate driver other than growth: `amount` or `share_of` (with `values`), or
    `price_volume` / `users_arpu` (with their two factors, and no values)."""
    price: Optional[RevenueFactor] = Field(None, description="price_volume: the price (or average selling price).")
    volume: Optional[RevenueFactor] = Field(None, description="price_volume: the volume (units sold).")
    users: Optional[RevenueFactor] = Field(None, description="users_arpu: the users (or subscribers).")
    arpu: Optional[RevenueFactor] = Field(None, description="users_arpu: average revenue per user.")
    scale: float = Field(1.0, gt=0, description="Makes the factors' product money in the model's unit: revenue = "
                                                "price x volume x scale; e.g. a price in currency units per unit, "
                                                "volume in thousands and money in millions: scale 0.001.")


class SegmentCost(Strict):
    """A segment's own cost of revenue (positive): its actuals, and in the estimate periods either the
    segment's gross margin or its cost as amounts."""
    actuals: Series = Field(description="The segment's cost of revenue, actual periods.")
    gross_margin: Optional[Series] = Field(None, description="The segment's gross margin, each estimate period.")
    amounts: Optional[Series] = Field(None, description="Or: the segment's cost of revenue, each estimate period.")


class SubSegment(Named):
    """A line of revenue: its actuals, and its growth or another driver in the estimate periods."""
    embed_when_set: ClassVar[tuple[str, ...]] = ("driver",)  # added later: embedded only where a file sets it
    actuals: Optional[Series] = Field(None, description="Revenue in each actual period (a segment with parts: none).")
    growth: Optional[Series] = Field(None, description="Growth of each estimate period; or give `driver`.")
    driver: Optional[SegmentDriver] = Field(
        None, description="Instead of growth: amount, share_of (a share of another line), price_volume or "
                          "users_arpu.")


class Segment(SubSegment):
    """A revenue segment: a line of its own, or the sum of its `parts` (sub-segments)."""
    embed_when_set: ClassVar[tuple[str, ...]] = ("driver", "cost", "parts")  # added later: embedded only where set
    prior_growth: Optional[Scalar] = Field(None, description="Growth of the first actual year, whose base year is not in the model.")
    cost: Optional[SegmentCost] = Field(
        None, description="The segment's own cost of revenue (give it for every segment or none); consolidated "
                          "cost of revenue is then their sum, instead of cost_of_revenue.gross_margin.")
    parts: list[SubSegment] = Field(
        default_factory=list, description="Sub-segments whose sum is the segment in every period (then the segment "
                                          "gives no actuals, growth or driver of its own).")


SEGMENT_KINDS = ("customers", "products", "regions", "business_lines", "segments")


class Revenue(Strict):
    segments: list[Segment] = Field(min_length=1)
    segments_are: Literal[SEGMENT_KINDS] = Field(
        "segments", description="What the segments are, for titles such as 'Revenue by product': "
                                "customers, products, regions, business_lines or segments.")
    prior_growth: Optional[Scalar] = None
    reported_actuals: Optional[Series] = Field(None, description="Reported total revenue, to check the segments.")


def revenue_lines(revenue: Revenue) -> list[tuple[str, SubSegment]]:
    """Every line that carries revenue of its own, as (field path, line): each segment without parts, and
    each part of the others."""
    out = []
    for i, s in enumerate(revenue.segments):
        if s.parts:
            out += [(f"revenue.segments[{i}].parts[{j}]", part) for j, part in enumerate(s.parts)]
        else:
            out.append((f"revenue.segments[{i}]", s))
    return out


def segment_actuals(s: Segment) -> list:
    """A segment's actual revenue by period: its own, or the sum of its parts'."""
    if not s.parts:
        return list(s.actuals.values)
    return [sum(p.actuals.values[i] or 0 for p in s.parts) for i in range(len(s.parts[0].actuals.values))]
