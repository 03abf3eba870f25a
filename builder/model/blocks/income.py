"""The P&L sheet (expenses negative). Needs the inputs and the revenue build."""
from __future__ import annotations

from ...formula.expr import Line
from ...labels import words as W
from ...assumptions.schema import Assumptions, BSRole, impairment_lines
from ..drivers import DriverTerms, driven
from ..handles import IS_ADJ_NET_PROFIT, IS_COST_OF_REVENUE, IS_GROSS_PROFIT, IncomeHandles, InputHandles, \
    RevenueHandles
from ..sheet_writer import MONEY, SheetWriter, name_of, sum_of


def build_income(w: SheetWriter, a: Assumptions, inp: InputHandles, rb: RevenueHandles) -> IncomeHandles:
    rev = Line("IS_revenue")
    cost = -Line(IS_COST_OF_REVENUE)  # positive, as drivers read it

    debt = tuple(f"BS_{b.key}" for b in a.balance_sheet if b.role == BSRole.debt)
    cash = tuple(f"BS_{b.key}" for b in a.balance_sheet if b.role in (BSRole.cash, BSRole.restricted_cash))

    def terms(key: str, driver_input: str | None) -> DriverTerms:
        return DriverTerms(key, driver_input, rev, cost, w.ppy, debt, cash)

    def line(key, name, entries, **fields) -> str:
        return w.line("is", key, name, MONEY, "money", entries, **fields).key

    w.section("is", W("is.title"))
    revenue = line("revenue", W("is.revenue"), [Line(rb.total)] * w.n, total=True)
    cogs = line("cost_of_revenue", W("is.cost_of_revenue"),
                w.entries(-Line(inp.cogs), -Line(rb.cost_total) if rb.cost_total
                          else -(rev * (1 - Line(inp.gross_margin)))))
    gross = line("gross_profit", W("is.gross_profit"), [rev + Line(IS_COST_OF_REVENUE)] * w.n, total=True)
    assert (revenue, cogs, gross) == ("IS_revenue", IS_COST_OF_REVENUE, IS_GROSS_PROFIT)
    cost_keys = [line(c.key, name_of(c), [-Line(rb.opex[c.key])] * w.n) for c in a.opex]
    impairments = {}
    for _, _, imp in impairment_lines(a):
        # Expense lines are negative here, so the driver's positive amount is negated.
        estimate = -driven(imp.driver.kind, terms(f"IS_{imp.key}", inp.costs[imp.key].driver))
        impairments[imp.key] = line(imp.key, name_of(imp), w.entries(-Line(inp.costs[imp.key].actual), estimate))
        cost_keys.append(impairments[imp.key])
    impairment = impairments.get(a.impairment.key) if a.impairment else None
    operating = line("operating_profit", W("is.operating_profit"), [Line(gross) + sum_of(cost_keys)] * w.n,
                     total=True)
    nonop = []
    for c in a.non_operating:
        key = f"IS_{c.key}"
        estimate = driven(c.driver.kind, terms(key, inp.non_operating[c.key].driver))
        nonop.append(line(c.key, name_of(c), w.entries(Line(inp.non_operating[c.key].actual), estimate)))
    pbt_expr = Line(operating) + sum_of(nonop) if nonop else Line(operating)
    pbt = line("profit_before_tax", W("is.profit_before_tax"), [pbt_expr] * w.n, total=True)
    tax = line(a.tax.key, name_of(a.tax), w.entries(Line(inp.tax), -(Line(pbt) * Line(inp.tax_rate))))
    net = line("net_profit", W("is.net_profit"), [Line(pbt) + Line(tax)] * w.n, total=True)
    minority, parent = _attributable(w, inp, net, line)
    adjustments, added = _adjustments(w, a, inp, impairments, terms, line)

    def adjusted(profit: str):
        return [Line(profit) if added is None else Line(profit) + added] * w.n

    adj_net = line("adj_net_profit", W("is.adj_net_profit"), adjusted(net), total=True)
    assert adj_net == IS_ADJ_NET_PROFIT
    adj_parent = line("adj_net_profit_parent", W("is.adj_net_profit_parent"), adjusted(parent), total=True)
    w.fiscal_year_totals("is", [revenue, gross, operating, net, adj_net, parent, adj_parent])
    return IncomeHandles(revenue, cogs, gross, impairment, operating, pbt, tax, net, minority, parent, adjustments,
                         adj_net, adj_parent, impairments)


def _adjustments(w: SheetWriter, a: Assumptions, inp: InputHandles, impairments: dict, terms, line):
    """The adjustments line (None without adjustments) and what adjusted profit adds to net profit (None: nothing).
    Impairments flagged as add-backs are added back in estimate years (the actuals' adjustments include them)."""
    flagged = [impairments[imp.key] for _, _, imp in impairment_lines(a) if imp.add_back_in_adjusted_profit]
    adj = a.adjustments
    if adj is None:  # no adjustments line: adjusted profit adds back the flagged impairments only
        return None, -sum_of(flagged) if flagged else None
    add_backs = []
    for ab in adj.add_backs:
        given = inp.add_backs[ab.key]
        add_backs.append(line(ab.key, name_of(ab), w.entries(
            Line(given.actual), driven(ab.driver.kind, terms(f"IS_{ab.key}", given.driver)))))
    other = driven(adj.other.kind, terms(f"IS_{adj.key}", inp.adjustments.driver))
    for key in flagged:
        other = other - Line(key)
    actual = Line(inp.adjustments.actual)
    if add_backs:
        actual, other = actual + sum_of(add_backs), other + sum_of(add_backs)
    adjustments = line(adj.key, name_of(adj), w.entries(actual, other))
    return adjustments, Line(adjustments)


def _attributable(w: SheetWriter, inp: InputHandles, net: str, line) -> tuple[str | None, str]:
    """Minorities' profit (none without minorities) and profit attributable to shareholders, every period.
    Actual years without reported minorities' profit attribute all of it to shareholders."""
    if inp.minority_share is None:
        return None, line("net_profit_parent", W("is.net_profit_parent"), [Line(net)] * w.n)
    reported = Line(inp.minority_actual) if inp.minority_actual else None
    minority = line("net_profit_minority", W("is.net_profit_minority"),
                    w.entries(reported, Line(net) * Line(inp.minority_share)))
    parent_actual = Line(net) - Line(minority) if reported is not None else Line(net)
    parent = line("net_profit_parent", W("is.net_profit_parent"),
                  w.entries(parent_actual, Line(net) - Line(minority)))
    return minority, parent
