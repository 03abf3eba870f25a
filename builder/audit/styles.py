"""Learn the model's own input convention from its cells before judging colours.

A cell's style features are its font colour, its solid fill colour and its named style (black,
white and "Normal" are no convention). The input style is the feature most typed numbers have and
(almost) no formula has: blue font in our models, a yellow fill or an "Input" cell style in others.
A model with no such feature gets no style findings.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from openpyxl.styles.colors import COLOR_INDEX

MIN_INPUT_SHARE = 0.25  # of typed numbers with the feature, to call it the convention
MAX_FORMULA_SHARE = 0.02  # of formulas with it
STRICT_INPUT_SHARE = 0.6  # needed before a typed number without it is a finding
_PLAIN = {"000000", "FFFFFF"}
_NAMES = {"0000FF": "blue", "FFFF00": "yellow", "FFF2CC": "light yellow", "FFFFCC": "light yellow",
          "FF0000": "red", "008000": "green", "00B050": "green"}


def _colour(color) -> str | None:
    if color is None:
        return None
    kind = getattr(color, "type", None)
    if kind == "rgb" and isinstance(color.rgb, str):
        rgb = color.rgb[-6:].upper()
    elif kind == "indexed" and isinstance(color.indexed, int) and color.indexed < len(COLOR_INDEX):
        rgb = COLOR_INDEX[color.indexed][-6:].upper()
    elif kind == "theme":
        if color.theme in (0, 1) and not color.tint:  # the theme's text and background colours
            return None
        return f"theme {color.theme}" + (f" tint {color.tint:+.2f}" if color.tint else "")
    else:
        return None
    return None if rgb in _PLAIN else rgb


class Features:
    """Style features per distinct style record (cells share a few hundred of them at most)."""

    def __init__(self):
        self._memo: dict = {}

    def of(self, cell) -> frozenset:
        key = bytes(cell._style) if hasattr(cell, "_style") else id(cell)
        hit = self._memo.get(key)
        if hit is None:
            found = set()
            font = _colour(getattr(cell.font, "color", None))
            if font:
                found.add(("font", font))
            fill = cell.fill
            if getattr(fill, "fill_type", None) == "solid":
                colour = _colour(fill.fgColor)
                if colour:
                    found.add(("fill", colour))
            style = getattr(cell, "style", "Normal")
            if style and style != "Normal":
                found.add(("style", style))
            hit = self._memo[key] = frozenset(found)
        return hit


@dataclass
class Convention:
    feature: tuple[str, str] | None  # e.g. ("font", "0000FF")
    input_share: float = 0.0

    @property
    def strict(self) -> bool:
        return self.feature is not None and self.input_share >= STRICT_INPUT_SHARE

    def describe(self) -> str:
        if self.feature is None:
            return "none found"
        kind, value = self.feature
        name = _NAMES.get(value, value if not value.isalnum() or len(value) != 6 else f"#{value}")
        return {"font": f"{name} font", "fill": f"{name} fill", "style": f"cell style '{value}'"}[kind]


def _rank(feature: tuple[str, str]) -> tuple:
    return ({"font": 0, "fill": 1, "style": 2}[feature[0]], feature[1])


def learn(inputs: list[frozenset], formulas: list[frozenset]) -> Convention:
    if not inputs:
        return Convention(None)
    in_tally = Counter(f for feats in inputs for f in feats)
    out_tally = Counter(f for feats in formulas for f in feats)
    best, best_score = None, 0.0
    for feature, n in in_tally.items():
        share = n / len(inputs)
        formula_share = out_tally[feature] / len(formulas) if formulas else 0.0
        if n >= 2 and share >= MIN_INPUT_SHARE and formula_share <= MAX_FORMULA_SHARE:
            score = share - formula_share
            if score > best_score or (score == best_score and best is not None and _rank(feature) < _rank(best)):
                best, best_score = feature, score
    return Convention(best, in_tally[best] / len(inputs) if best else 0.0)
