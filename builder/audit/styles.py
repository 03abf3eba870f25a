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
    """Every feature that marks inputs ({feature: share of inputs with it}), best first."""
    features: dict[tuple[str, str], float]

    @property
    def feature(self) -> tuple[str, str] | None:
        return next(iter(self.features), None)

    def strict(self) -> list[tuple[str, str]]:
        """The features most inputs follow: an input without one of them is off the convention."""
        return [f for f, share in self.features.items() if share >= STRICT_INPUT_SHARE]

    @staticmethod
    def name(feature: tuple[str, str] | None) -> str:
        if feature is None:
            return "none found"
        kind, value = feature
        shown = _NAMES.get(value, f"#{value}" if len(value) == 6 and value.isalnum() else value)
        return {"font": f"{shown} font", "fill": f"{shown} fill", "style": f"cell style '{value}'"}[kind]

    def describe(self) -> str:
        return " and ".join(self.name(f) for f in self.features) or "none found"


def _rank(feature: tuple[str, str]) -> tuple:
    return ({"font": 0, "fill": 1, "style": 2}[feature[0]], feature[1])


def learn(inputs: list[frozenset], formulas: list[frozenset]) -> Convention:
    if not inputs:
        return Convention({})
    in_tally = Counter(f for feats in inputs for f in feats)
    out_tally = Counter(f for feats in formulas for f in feats)
    found = {}
    for feature, n in in_tally.items():
        share = n / len(inputs)
        formula_share = out_tally[feature] / len(formulas) if formulas else 0.0
        rare = formula_share <= MAX_FORMULA_SHARE or out_tally[feature] * 5 <= n  # a stray formula or two
        if n >= 2 and share >= MIN_INPUT_SHARE and rare:
            found[feature] = share
    return Convention(dict(sorted(found.items(), key=lambda kv: (-kv[1], _rank(kv[0])))))
