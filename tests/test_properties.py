"""Property tests: for random valid companies the statements tie and a spreadsheet engine agrees."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from builder.commands.build import build
from builder.validation.loader import parse
from builder.audit.recalc import recalculate
from builder.model import build_model
from conftest import engine_mismatches, needs_libreoffice
from random_company import companies


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(companies())
def test_random_models_balance_and_pass_every_check(data):
    m = build_model(parse(data))
    n_act = len(data["years"]["actual"])
    ta, tle = m.series("BS_total_assets"), m.series("BS_total_liabilities_and_equity")
    cash = [c + r for c, r in zip(m.series("BS_cash"), m.series("BS_restricted"))]
    ncf, fx = m.series("CF_net_cash_flow"), m.series("CF_fx_effect_on_cash")
    for p in range(n_act, len(ta)):
        scale = max(1.0, abs(ta[p]))
        assert abs(ta[p] - tle[p]) <= 1e-9 * scale
        assert abs(cash[p] - (cash[p - 1] + ncf[p] + (fx[p] or 0))) <= 1e-9 * scale
    assert m.errors() == []
    assert m.value("CHK_master") is True
    _per_share_and_returns_hold(m, data, n_act)
    _segments_follow_their_drivers(m, data, n_act)


def _factor(f: dict, n_act: int, n: int) -> list[float]:
    """A price x volume or users x ARPU factor in every period, by plain arithmetic."""
    out = list(f["actuals"]["values"])
    for k in range(n - n_act):
        out.append(out[-1] * (1 + f["growth"]["values"][k]) if "growth" in f else f["amounts"]["values"][k])
    return out


def _segments_follow_their_drivers(m, data, n_act):
    n = len(m.periods)
    expected = {}
    for s in [p for s in data["revenue"]["segments"] for p in s.get("parts", [])] + data["revenue"]["segments"]:
        d = s.get("driver")
        if "parts" in s:  # after its parts: their sum
            actual = [sum(x) for x in zip(*(expected[p["key"]] for p in s["parts"]))]
        elif d is None:
            actual = list(s["actuals"]["values"])
            for g in s["growth"]["values"]:
                actual.append(actual[-1] * (1 + g))
        elif d["kind"] == "amount":
            actual = s["actuals"]["values"] + d["values"]
        elif d["kind"] == "share_of":
            actual = s["actuals"]["values"] + [x * v for x, v in zip(d["values"], expected[d["of"]][n_act:])]
        else:
            actual = list(s["actuals"]["values"])
            a, b = (_factor(d[name], n_act, n) for name in {"price_volume": ("price", "volume"),
                                                             "users_arpu": ("users", "arpu")}[d["kind"]])
            actual += [x * y * d["scale"] for x, y in zip(a[n_act:], b[n_act:])]
        expected[s["key"]] = actual
        got = m.series(f"RB_{s['key']}")
        assert all(abs(g - e) <= 1e-9 * max(1.0, abs(e)) for g, e in zip(got, actual)), (s, got, actual)


def _per_share_and_returns_hold(m, data, n_act):
    """EPS on attributable profit and weighted shares; returns leave retained earnings when paid."""
    parent, weighted = m.series("IS_net_profit_parent"), m.series("KPI_shares_weighted")
    for e, p, w in zip(m.series("KPI_eps"), parent, weighted):
        assert abs(e - p / w) <= 1e-9 * max(1.0, abs(e))
    net, minority = m.series("IS_net_profit"), data.get("minority_share")
    if minority is None:
        assert parent == net
    names = m.named()
    paid = names.get("KPI_dividends_paid") or [0.0] * len(net)
    bought = names.get("KPI_buybacks") or [0.0] * len(net)
    retained, fx = m.series("BS_retained"), m.series("CF_fx_effect_on_cash")
    for p in range(n_act, len(net)):
        expected = retained[p - 1] + parent[p] + (fx[p] or 0) - paid[p] - bought[p]
        assert abs(retained[p] - expected) <= 1e-9 * max(1.0, abs(retained[p]))


@needs_libreoffice
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=companies())
def test_libreoffice_agrees_on_a_sample_of_random_models(tmp_path_factory, data):
    out = tmp_path_factory.mktemp("random")
    data["company"]["id"] = "random"
    build(parse(data), out)
    path = out / "random.xlsx"
    [engine_path] = recalculate([path], out / "lo")
    bad = engine_mismatches(path, engine_path)
    assert not bad, "\n".join(bad[:10])
