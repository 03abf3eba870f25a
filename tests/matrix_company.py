"""Small companies over the combinations a user may choose: market, valuation method, languages, annual or
quarterly, one currency or two, the revenue driver kind, scenarios and the optional sections (52-week range,
consensus, EPS basis, money unit). Each is Acme (annual) or Acme quarterly reshaped; its actual statements
tie by construction, whatever the combination."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from one_language import one_language
from other_company import acme, src
from quarterly_company import quarterly

VALUATION_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "valuation"
METHODS = ("ps", "pe", "pb", "ev_ebitda", "ev_sales", "dcf", "blend")
REVENUE_KINDS = ("growth", "amount", "share_of", "price_volume", "users_arpu", "costs", "parts")
LANGUAGES = (("zh", "en"), ("en",), ("zh",))


@dataclass(frozen=True)
class Combo:
    market: str  # us, hk or ashare
    method: str  # a slug of METHODS
    languages: tuple[str, ...]
    quarterly: bool = False
    two_currencies: bool = True  # False: the share price in the reporting currency and no market.fx
    revenue: str = "growth"  # a kind of REVENUE_KINDS
    scenarios: bool = False
    extras: bool = False  # week52, consensus, eps_basis adjusted, money unit by `units.money`

    @property
    def id(self) -> str:
        langs = "_".join(self.languages)
        return (f"{self.market}_{self.method}_{langs}_{'q' if self.quarterly else 'a'}"
                f"{'2' if self.two_currencies else '1'}_{self.revenue}{'_s' if self.scenarios else ''}"
                f"{'_x' if self.extras else ''}")


# Market -> (ticker, accounts currency, share price currency, symbol, FX, money words) for two currencies;
# one currency keeps the accounts currency for the price too.
MARKETS = {
    "us": ("ACME", "CNY", "USD", "US$", 0.14, ("百万元", "RMB m")),
    "hk": ("1234.HK", "CNY", "HKD", "HK$", 1.09, ("百万元", "RMB m")),
    "ashare": ("600123.SH", "CNY", "CNY", "¥", 1.0, ("百万元", "RMB m")),
}
ONE_CURRENCY = {"us": ("USD", "US$", ("百万美元", "USD m")), "hk": ("HKD", "HK$", ("百万港元", "HKD m")),
                "ashare": ("CNY", "¥", ("百万元", "RMB m"))}


def _units(d: dict, c: Combo) -> None:
    ticker, currency, market_currency, symbol, fx, money = MARKETS[c.market]
    d["company"]["ticker"] = ticker
    if not c.two_currencies:
        currency, symbol, money = ONE_CURRENCY[c.market]
        market_currency = currency
        del d["market"]["fx"]
    else:
        d["market"]["fx"] = {"value": fx, "source": "t"}
    d["units"] = {"currency": currency, "money_zh": money[0], "money_en": money[1],
                  "market_currency": market_currency, "market_symbol": symbol}
    for peer in d["valuation"].get("peers", []):
        peer["currency"] = market_currency


def _valuation(d: dict, c: Combo) -> None:
    """The `init` starter's valuation section for the method, on this company's years."""
    last_actual = 2023 if c.quarterly else 2021
    years = list(range(last_actual - 2, last_actual + 4))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(VALUATION_TEMPLATES), undefined=jinja2.StrictUndefined)
    section = yaml.safe_load(env.get_template(f"{c.method}.yaml.j2").render(years=years))
    d.pop("valuation")
    d.update(section)


def _estimates(d: dict) -> int:
    return len(d["revenue"]["segments"][0]["growth"]["values"])


def _split(values: list, share: float) -> tuple[list, list]:
    first = [round(v * share, 6) for v in values]
    return first, [round(v - f, 6) for v, f in zip(values, first)]


def _revenue(d: dict, kind: str) -> None:
    """The first segment (robots) driven by `kind`; services keeps growth (users_arpu: services by users x ARPU)."""
    robots, services = d["revenue"]["segments"]
    n_est, act = _estimates(d), robots["actuals"]["values"]
    if kind == "amount":
        del robots["growth"]
        robots["driver"] = {"kind": "amount", "values": [round(act[-1] * 1.1 ** (i + 1), 4) for i in range(n_est)],
                            "source": "t"}
    elif kind == "share_of":  # services as a share of robots
        del services["growth"]
        services["driver"] = {"kind": "share_of", "of": "robots", "values": [0.35] * n_est, "source": "t"}
    elif kind == "price_volume":
        del robots["growth"]
        robots["driver"] = {"kind": "price_volume", "source": "t",
                            "price": {"actuals": src([2.0] * len(act)), "growth": src([0.03] * n_est)},
                            "volume": {"actuals": src([round(v / 2, 6) for v in act]), "amounts": src(
                                [round(act[-1] / 2 * (1 + 0.05 * (i + 1)), 4) for i in range(n_est)])}}
    elif kind == "users_arpu":
        s_act = services["actuals"]["values"]
        del services["growth"]
        services["driver"] = {"kind": "users_arpu", "source": "t", "scale": 1.0,
                              "users": {"actuals": src([10.0] * len(s_act)), "growth": src([0.04] * n_est)},
                              "arpu": {"actuals": src([round(v / 10, 6) for v in s_act]),
                                       "amounts": src([round(s_act[-1] / 10, 4)] * n_est)}}
    elif kind == "costs":
        cogs = d["cost_of_revenue"]["actuals"]["values"]
        robots_cost, services_cost = _split(cogs, 0.7)
        robots["cost"] = {"actuals": src(robots_cost), "gross_margin": src([0.4] * n_est)}
        services["cost"] = {"actuals": src(services_cost),
                            "amounts": src([round(services_cost[-1] * 1.05, 4)] * n_est)}
        del d["cost_of_revenue"]["gross_margin"]
    elif kind == "parts":
        arms, spares = _split(act, 0.6)
        del robots["growth"], robots["actuals"]
        robots["parts"] = [
            {"key": "arms", "name_zh": "机械臂", "name_en": "Arms", "actuals": src(arms), "growth": src([0.1] * n_est)},
            {"key": "spares", "name_zh": "备件", "name_en": "Spares", "actuals": src(spares),
             "driver": {"kind": "share_of", "of": "arms", "values": [0.6] * n_est, "source": "t"}}]


def _scenario_address(kind: str) -> tuple[str, str]:
    """(segment address of the override, its field) for the revenue kind."""
    return {"amount": ("robots", "driver"), "share_of": ("services", "driver"), "price_volume": ("robots", "price"),
            "users_arpu": ("services", "users"), "parts": ("arms", "growth")}.get(kind, ("robots", "growth"))


def _scenarios(d: dict, c: Combo) -> None:
    n_est = len(d["eps_shares_m"]["values"]) - len(d["cost_of_revenue"]["actuals"]["values"])
    segment, field = _scenario_address(c.revenue)
    value = {"driver": {"amount": 200.0, "share_of": 0.3}.get(c.revenue, 0.0)}.get(field, 0.02)
    overrides = {f"revenue.segments.{segment}.{field}": [value] * n_est}
    if c.method in ("dcf", "blend"):
        overrides["valuation.dcf.wacc"] = 0.1
    d["scenarios"] = {"cases": [{"key": "bear", "name_zh": "悲观", "name_en": "Bear", "source": "t",
                                 "overrides": overrides}]}


def _extras(d: dict, c: Combo) -> None:
    price = d["market"]["price"]["value"]
    d["market"]["week52"] = {"low": round(price * 0.7, 2), "high": round(price * 1.4, 2), "source": "t"}
    period = "2025Q1" if c.quarterly else 2023
    d["consensus"] = [{"metric": "revenue", "period": period, "value": 100.0, "source": "t"},
                      {"metric": "eps", "period": period, "value": 0.5, "source": "t", "date": "2022-02-01"}]
    d["report"]["eps_basis"] = "adjusted"
    if c.two_currencies or c.market != "ashare":
        d["units"]["money"] = "millions"
        del d["units"]["money_zh"], d["units"]["money_en"]


def _chinese_sources(node):
    """A Chinese-only analyst writes Chinese source notes."""
    if isinstance(node, dict):
        return {k: ("测试来源" if k == "source" and isinstance(v, str) else _chinese_sources(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_chinese_sources(x) for x in node]
    return node


def company(c: Combo) -> dict:
    d = copy.deepcopy(quarterly() if c.quarterly else acme())
    d["company"]["id"] = c.id
    d["company"]["name_en"] = "Acme"
    d["company"]["name_zh"] = "艾克米"
    _valuation(d, c)
    _units(d, c)
    _revenue(d, c.revenue)
    if c.scenarios:
        _scenarios(d, c)
    if c.extras:
        _extras(d, c)
    if c.languages == ("zh", "en"):
        d["languages"] = ["zh", "en"]
        return d
    d = one_language(d, c.languages[0])
    return _chinese_sources(d) if c.languages == ("zh",) else d


def write(c: Combo, folder: Path) -> Path:
    path = folder / f"{c.id}.yaml"
    path.write_text(yaml.safe_dump(company(c), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


A, Q = False, True
# ~30 combinations: every value of every dimension at least once, and the risky pairs.
COMBOS = [
    Combo("us", "ps", ("en",), A, False, "growth"),
    Combo("us", "pe", ("en",), A, False, "amount", extras=True),
    Combo("us", "dcf", ("en",), Q, False, "growth"),  # quarterly x DCF, one currency
    Combo("us", "blend", ("en",), A, False, "price_volume", scenarios=True),  # one currency x blend
    Combo("us", "pb", ("en",), A, False, "costs"),  # P/B x one currency
    Combo("us", "ev_sales", ("zh", "en"), A, True, "users_arpu", scenarios=True),
    Combo("us", "ev_ebitda", ("en",), Q, True, "parts"),
    Combo("us", "blend", ("zh", "en"), Q, False, "growth", extras=True),
    Combo("hk", "ps", ("zh", "en"), A, True, "growth", scenarios=True),
    Combo("hk", "pe", ("zh",), A, True, "share_of"),
    Combo("hk", "ev_ebitda", ("zh",), A, True, "growth"),  # zh-only x EV/EBITDA
    Combo("hk", "ev_ebitda", ("zh",), Q, False, "users_arpu", extras=True),
    Combo("hk", "dcf", ("zh", "en"), Q, True, "costs", scenarios=True),
    Combo("hk", "blend", ("zh",), A, True, "parts", scenarios=True),
    Combo("hk", "pb", ("zh", "en"), A, True, "price_volume", extras=True),
    Combo("hk", "ev_sales", ("en",), A, True, "amount"),
    Combo("hk", "ps", ("en",), Q, True, "share_of", scenarios=True),
    Combo("ashare", "pe", ("zh",), A, False, "growth", extras=True),
    Combo("ashare", "pb", ("zh",), A, False, "amount"),
    Combo("ashare", "dcf", ("zh",), A, False, "users_arpu", scenarios=True),  # users_arpu x scenarios
    Combo("ashare", "ev_sales", ("zh",), Q, False, "price_volume"),
    Combo("ashare", "ps", ("zh", "en"), Q, False, "parts", scenarios=True),  # sub-segments x quarterly
    Combo("ashare", "blend", ("zh",), Q, True, "share_of"),
    Combo("ashare", "ev_ebitda", ("zh", "en"), A, False, "costs", scenarios=True, extras=True),
    Combo("ashare", "pe", ("en",), Q, True, "costs", extras=True),
    Combo("us", "dcf", ("zh",), A, True, "share_of", extras=True),
    Combo("hk", "pe", ("zh", "en"), Q, True, "amount", scenarios=True),
    Combo("us", "ps", ("zh",), A, False, "users_arpu"),
    Combo("hk", "dcf", ("en",), A, True, "parts", extras=True),
    Combo("us", "pb", ("en",), Q, False, "share_of", scenarios=True),
]
