"""The target valuation on the Valuation sheet: market data, the method's multiple on its basis metric,
the EV-to-equity bridge (enterprise methods), the target price, upside and rating.

Each figure also carries its method-neutral defined name (`VAL_target_price`, `VAL_target_multiple`,
`VAL_basis_metric` ...) beside its older, currency- or method-specific one.
"""
from __future__ import annotations

from ...formula.expr import INDEX, MATCH, Cell, CellRange, Expr, LineAt, cell_or_one
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import DcfHandles, EnterpriseHandles, InputHandles, ValuationHandles
from ..sheet_writer import MONEY, PCT, SheetWriter, unit
from ..valuation import BasisLines, ValuationMethod
from .target_blend import blend_parts


def rating_text(languages, zh: Expr, en: Expr) -> Expr:
    """The rating as the model states it: both names in a two-language model ("<zh> (<en>)"), the one
    name otherwise (never "Buy (Buy)")."""
    if len(languages) > 1:
        return zh.concat(" (").concat(en).concat(")")
    return zh if languages[0] == "zh" else en


def _alias(name: str, key: str) -> tuple[str, ...]:
    return () if name == key else (name,)


def build_target(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles, lines: BasisLines,
                 ent: EnterpriseHandles, metrics: dict, peer_average: str | None,
                 dcf: DcfHandles | None = None) -> ValuationHandles:
    mkt, sym = a.units.market_currency.lower(), a.units.market_symbol

    def cell(key, name, unit, fmt, entry, alias: str = "", **fields) -> str:
        aliases = _alias(alias, f"VAL_{key}") if alias else ()
        return w.cell("val", key, name, unit, fmt, entry, prefix="VAL", aliases=aliases, **fields).key

    w.section("val", W("val.target"))
    price, price_date, shares, fx = _market(a, inp, cell)
    multiple = basis = basis_line = ""
    if not (method.is_dcf or method.is_blend):
        multiple = cell(f"target_{method.slug}", W("val.target_multiple").format(multiple=a.valuation.multiple),
                        "x", "multiple", Cell(inp.target_multiple), alias="VAL_target_multiple")
    by = cell("basis_year", W("val.basis_year"), "year", "year", Cell(inp.basis_year))
    if not (method.is_dcf or method.is_blend):
        basis_line = method.basis_line(lines)
        basis = cell(f"basis_{method.basis_slug}", method.words("basis"), a.units.currency if method.per_share_basis
                     else MONEY, "eps" if method.per_share_basis else "money",
                     w.basis_value(basis_line, Cell(by), inp.year, method.basis_is_stock), alias="VAL_basis_metric")
    tmc_key, tp_key, equity_key = f"VAL_target_market_cap_{mkt}_m", f"VAL_target_price_{mkt}", "VAL_equity_value"
    bridge = ev_key = None
    parts: tuple = ()
    if method.is_blend:
        bridge = _bridge_parts(w, inp, ent, cell)
        blended, parts = blend_parts(w, a, inp, lines, dcf, cell, {"fx": fx, "shares": shares, "basis_year": by},
                                     bridge)
    if method.enterprise:
        ev = Cell(dcf.pv_sum) + Cell(dcf.pv_terminal) if dcf else Cell(multiple) * Cell(basis)
        bridge, ev_key = _bridge(w, inp, ent, cell, ev)
        tmc_entry = Cell(equity_key) * cell_or_one(fx)
    elif method.per_share_basis or method.is_blend:  # price first; the market cap follows
        tmc_entry = Cell(tp_key) * Cell(shares)
    else:
        tmc_entry = method.target_value(Cell(multiple), Cell(basis), cell_or_one(fx))
    if method.is_blend:
        tp_entry = blended
    elif method.per_share_basis:
        tp_entry = method.target_value(Cell(multiple), Cell(basis), cell_or_one(fx))
    else:
        tp_entry = method.per_share(Cell(tmc_key), Cell(shares))
    tmc = cell(tmc_key[4:], W("val.target_market_cap"), unit("millions", symbol=sym), "money", tmc_entry,
               alias="VAL_target_market_cap", total=True)
    tp = cell(tp_key[4:], W("val.target_price"), sym, "price", tp_entry, alias="VAL_target_price", total=True)
    up = cell("upside", W("val.upside"), PCT, "pct", Cell(tp) / Cell(price) - 1, total=True)
    idx = cell("rating_index", W("val.rating_index"), "#", "int", MATCH(Cell(up), CellRange(inp.rating_min), 1))
    zh = cell("rating_zh", W("val.rating_zh"), "text", "text", INDEX(CellRange(inp.rating_zh), Cell(idx)))
    en = cell("rating_en", W("val.rating_en"), "text", "text", INDEX(CellRange(inp.rating_en), Cell(idx)))
    rating = cell("rating", W("val.rating"), "text", "text", rating_text(a.languages, Cell(zh), Cell(en)), total=True)
    return ValuationHandles(metrics["revenue"], metrics["adj_net_profit"], metrics["eps"], price, price_date, shares,
                            fx, multiple, by, basis, tmc, tp, up, rating, peer_average, bridge, basis_line, dcf, ev_key, parts)


def _market(a: Assumptions, inp: InputHandles, cell) -> tuple[str, str, str, str | None]:
    """The method, price, shares, FX and market cap (also in the reporting currency, for P/E and P/B)."""
    u = a.units
    mkt, cur, sym = u.market_currency.lower(), u.currency.lower(), u.market_symbol
    cell("method", W("val.method"), "text", "text", Cell(inp.method))
    price = cell("price", W("val.price"), sym, "price", Cell(inp.price))
    price_date = cell("price_date", W("val.price_date"), "date", "date", Cell(inp.price_date))
    shares = cell("shares_m", W("val.shares"), unit("m_shares"), "shares", Cell(inp.shares))
    fx = None if inp.fx is None else cell("fx", W("val.fx").format(market=u.market_currency, reporting=u.currency),
                                          f"{u.market_currency}/{u.currency}", "fx", Cell(inp.fx))
    mc = cell(f"market_cap_{mkt}_m", W("val.market_cap"), unit("millions", symbol=sym), "money",
              Cell(price) * Cell(shares))
    if cur != mkt:
        cell(f"market_cap_{cur}_m", W("val.market_cap_reporting").format(reporting=u.currency), MONEY, "money",
             Cell(mc) / Cell(fx))
    return price, price_date, shares, fx


def _bridge(w: SheetWriter, inp: InputHandles, ent: EnterpriseHandles, cell, ev_entry: Expr) -> tuple[str, str]:
    """Enterprise value, the bridge to equity at the latest reported balance sheet, and equity value."""
    ev = cell("enterprise_value", W("val.enterprise_value"), MONEY, "money", ev_entry, total=True)
    bridge = _bridge_parts(w, inp, ent, cell)
    cell("equity_value", W("val.equity_value"), MONEY, "money", Cell(ev) - Cell(bridge), total=True)
    return bridge, ev


def _bridge_parts(w: SheetWriter, inp: InputHandles, ent: EnterpriseHandles, cell) -> str:
    """Net debt and minority interests at the latest reported balance sheet, less investments."""
    latest = w.n_act - 1
    parts = [Cell(cell("net_debt", W("val.net_debt"), MONEY, "money", LineAt(ent.net_debt, latest)))]
    if ent.minority_interest:
        parts.append(Cell(cell("minority_interest", W("val.minority_interest"), MONEY, "money",
                               LineAt(ent.minority_interest, latest))))
    if inp.investments:
        parts.append(-Cell(cell("investments", W("val.investments"), MONEY, "money", Cell(inp.investments))))
    total = parts[0]
    for p in parts[1:]:
        total = total + p
    return cell("bridge", W("val.bridge"), MONEY, "money", total)
