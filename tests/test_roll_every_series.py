"""`roll` moves every per-period series of the schema: a walk of the pydantic schema finds each one and
fails when `roll_series` does not know it; every shipped example and a model of each revenue driver
kind roll one period with their own estimates as actuals, validate, build and audit clean."""
from __future__ import annotations

import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from builder.assumptions.schema import Assumptions, Series
from builder.commands.cli import main
from builder.commands.roll_series import slots
from builder.validation.loader import load
from other_company import acme, src
from revenue_driver_company import (ARPU_ACT, ARPU_AMOUNTS, PRICE_ACT, PRICE_GROWTH, ROBOTS_MARGIN, SERVICES_COST,
                                    USERS_ACT, USERS_GROWTH, VOLUME_ACT, VOLUME_AMOUNTS, costed_company,
                                    driven_company, factor, parted_company)
from test_intangibles import with_intangibles
from test_per_share import with_minorities
from test_pl_lines import impaired
from conftest import libreoffice_named_values, needs_libreoffice
from roll_helpers import reported_from_estimates, write_csv

EXAMPLES = sorted((Path(__file__).parents[1] / "builder" / "examples").glob("*.yaml"))

# Series of the schema that are not one value per period of the model, with the reason.
NOT_PER_PERIOD = {
    "valuation.dcf.wacc_changes.values": "a sensitivity axis",
    "valuation.dcf.terminal_changes.values": "a sensitivity axis",
    "sensitivity.multiple_changes.values": "a sensitivity axis",
    "sensitivity.revenue_changes.values": "a sensitivity axis",
    "sensitivity.fx_changes.values": "a sensitivity axis",
    "sensitivity.metric_changes.values": "a sensitivity axis",
}


def _unwrap(tp):
    """Optional[X] -> X."""
    if typing.get_origin(tp) is typing.Union:
        args = [t for t in typing.get_args(tp) if t is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


def _is_model(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _float_list(tp) -> bool:
    return typing.get_origin(tp) is list and _unwrap(typing.get_args(tp)[0]) is float


def schema_series(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every list of values per period in the schema, as a path with `[]` for list items, `{}` for dict
    values: each Series field, and the `values` list of any other model (drivers, dividends)."""
    out = set()
    for name, f in model.model_fields.items():
        tp, path = _unwrap(f.annotation), f"{prefix}{name}"
        origin = typing.get_origin(tp)
        if _is_model(tp) and issubclass(tp, Series):
            out.add(f"{path}.values")
        elif _is_model(tp):
            out |= schema_series(tp, f"{path}.")
        elif name == "values" and _float_list(tp):
            out.add(path)
        elif origin in (list, dict):
            item = _unwrap(typing.get_args(tp)[-1])
            mark = "[]" if origin is list else "{}"
            if _is_model(item) and issubclass(item, Series):
                out.add(f"{path}{mark}.values")
            elif _is_model(item):
                out |= schema_series(item, f"{path}{mark}.")
    return out


def _generic(model: type[BaseModel], path: tuple) -> str:
    """A slot's path in the schema's terms: list indexes as `[]`, dict keys as `{}`."""
    out, tp = "", model
    for part in path:
        if isinstance(part, int):
            out += "[]"
            tp = _unwrap(typing.get_args(tp)[0])
            continue
        origin = typing.get_origin(tp)
        if origin is dict:
            out += "{}"
            tp = _unwrap(typing.get_args(tp)[1])
            continue
        out += ("." if out else "") + part
        tp = _unwrap(tp.model_fields[part].annotation) if _is_model(tp) else tp
    return out


def _write(tmp_path: Path, name: str, d: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _mirrored() -> dict:
    """The factors' other estimate rows: price and users as amounts, volume and ARPU grown."""
    d = driven_company()
    robots, services = (s["driver"] for s in d["revenue"]["segments"])
    robots.update(price=factor(PRICE_ACT, amounts=[2.6, 2.7, 2.8, 2.9]), volume=factor(VOLUME_ACT, growth=[0.1] * 4))
    services.update(users=factor(USERS_ACT, amounts=[15, 16, 17, 18]), arpu=factor(ARPU_ACT, growth=[0.02] * 4))
    return d


def _split_services(d: dict, users: dict, arpu: dict) -> dict:
    """Services made of a users x ARPU part and a grown part; robots keeps its parts."""
    services = d["revenue"]["segments"][1]
    for name in ("actuals", "driver"):
        services.pop(name, None)
    services["parts"] = [
        {"key": "subscriptions", "name_zh": "订阅", "name_en": "Subscriptions", "actuals": src([30, 35, 40]),
         "driver": {"kind": "users_arpu", "source": "t", "users": users, "arpu": arpu}},
        {"key": "repairs", "name_zh": "维修", "name_en": "Repairs", "actuals": src([10, 10, 15]),
         "growth": src([0.05] * 4)}]
    return d


def _parts_every_row() -> list[dict]:
    a = _split_services(parted_company(), factor([10, 12, 14], growth=USERS_GROWTH),
                        factor([3.0, 2.9, 2.86], amounts=[2.9, 3.0, 3.1, 3.2]))
    b = _split_services(parted_company(), factor([10, 12, 14], amounts=[15, 16, 17, 18]),
                        factor([3.0, 2.9, 2.86], growth=[0.02] * 4))
    b["revenue"]["segments"][0]["parts"][0]["driver"].update(
        price=factor(PRICE_ACT, amounts=[2.6, 2.7, 2.8, 2.9]), volume=factor(VOLUME_ACT, growth=[0.1] * 4))
    return [a, b]


def _typed_segment() -> dict:
    d = acme()
    services = d["revenue"]["segments"][1]
    del services["growth"]
    services["driver"] = {"kind": "amount", "values": [60, 65, 70, 75], "source": "t"}
    return d


def _with_add_backs() -> dict:
    d = impaired()
    d["adjustments"]["add_backs"] = [
        {"key": "sbc", "name_zh": "股权激励", "name_en": "Share-based pay", "actuals": src([2, 3, 4]),
         "driver": {"kind": "pct_of_revenue", "values": [0.02] * 4, "source": "t"}}]
    return d


def _variants() -> list[dict]:
    """Models that between them set every optional per-period series of the schema."""
    return [driven_company(), costed_company(), parted_company(), _mirrored(), *_parts_every_row(),
            _typed_segment(), _with_add_backs(), with_intangibles(), with_minorities()]


def _fixtures(tmp_path) -> list[Assumptions]:
    models = [load(p) for p in EXAMPLES]
    for i, d in enumerate(_variants()):
        models.append(load(_write(tmp_path, f"variant_{i}.yaml", d)))
    return models


def test_roll_series_knows_every_per_period_series_of_the_schema(tmp_path):
    schema = schema_series(Assumptions)
    # The walk itself finds the series added by the revenue drivers (a check of the walk, not of roll).
    assert {"revenue.segments[].driver.price.actuals.values", "revenue.segments[].cost.amounts.values",
            "revenue.segments[].parts[].driver.values", "cash_flow.printed{}.values",
            "shareholder_returns.dividends.values"} <= schema
    assert set(NOT_PER_PERIOD) <= schema  # an exemption that names no series is stale
    rolled = {_generic(Assumptions, s.path) for a in _fixtures(tmp_path) for s in slots(a)}
    assert rolled <= schema, "roll_series names a path the schema does not have"
    missing = schema - rolled - set(NOT_PER_PERIOD)
    assert not missing, f"per-period series that roll does not move (add them to roll_series): {sorted(missing)}"


def _roll_one_period(tmp_path: Path, source: Path) -> tuple[Assumptions, Assumptions, dict, Path]:
    old = load(source)
    reported = reported_from_estimates(old)
    period = next(p for p in old.years.periods() if not p.actual)
    name = f"{period.year}Q{period.quarter}" if period.quarter else str(period.year)
    actuals = write_csv(tmp_path / "actuals.csv", name, reported)
    target = tmp_path / "rolled.yaml"
    code = main(["roll", str(source), "--actuals", str(actuals), "-o", str(target)])
    assert code == 0
    return old, load(target), reported, target


def _builds_clean(target: Path, out: Path, capsys) -> None:
    out.mkdir()
    capsys.readouterr()
    code = main(["build", str(target), "--out", str(out), "--no-charts"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "audit: 0 errors, 0 warnings" in printed.out


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_rolls_one_period_validates_builds_and_audits_clean(example, tmp_path, capsys):
    source = tmp_path / example.name
    source.write_bytes(example.read_bytes())
    old, new, reported, target = _roll_one_period(tmp_path, source)
    assert new.years.n_actual == old.years.n_actual + 1
    assert len(new.years.periods()) == len(old.years.periods()) + 1
    first = new.revenue.segments[0]
    line = first.parts[0] if first.parts else first
    assert line.actuals.values[-1] == pytest.approx(reported[line.key])
    _builds_clean(target, tmp_path / "out", capsys)


def _factor_rows(tmp_path, make, capsys):
    source = _write(tmp_path, "acme.yaml", make())
    old, new, reported, target = _roll_one_period(tmp_path, source)
    _builds_clean(target, tmp_path / "out", capsys)
    return old, new, reported


def test_price_volume_and_users_arpu_factor_rows_roll(tmp_path, capsys):
    old, new, reported = _factor_rows(tmp_path, driven_company, capsys)
    robots, services = new.revenue.segments
    # The reported factors are the old estimates: last actual price x (1 + first growth), typed volume.
    assert robots.driver.price.actuals.values == pytest.approx([2.0, 2.0, 2.5, 2.5 * 1.05])
    assert robots.driver.volume.actuals.values == pytest.approx([50, 60, 60, VOLUME_AMOUNTS[0]])
    assert services.driver.users.actuals.values == pytest.approx([10, 12, 14, 14 * 1.1])
    assert services.driver.arpu.actuals.values == pytest.approx([4.0, 3.75, 3.9, ARPU_AMOUNTS[0]])
    # Estimate rows lose the rolled period and carry their last value into the new one.
    assert robots.driver.price.growth.values == PRICE_GROWTH[1:] + PRICE_GROWTH[-1:]
    assert robots.driver.volume.amounts.values == VOLUME_AMOUNTS[1:] + VOLUME_AMOUNTS[-1:]
    assert services.driver.users.growth.values == USERS_GROWTH[1:] + USERS_GROWTH[-1:]
    assert services.driver.arpu.amounts.values == ARPU_AMOUNTS[1:] + ARPU_AMOUNTS[-1:]
    assert robots.actuals.values[-1] == pytest.approx(2.5 * 1.05 * VOLUME_AMOUNTS[0])
    assert new.opex[0].driver.values == old.opex[0].driver.values[1:] + old.opex[0].driver.values[-1:]


def test_segment_costs_roll(tmp_path, capsys):
    old, new, reported = _factor_rows(tmp_path, costed_company, capsys)
    robots, services = new.revenue.segments
    robots_revenue = 2.5 * 1.05 * VOLUME_AMOUNTS[0]
    assert robots.cost.actuals.values == pytest.approx([60, 70, 85, robots_revenue * (1 - ROBOTS_MARGIN[0])])
    assert services.cost.actuals.values == pytest.approx([30, 30, 35, SERVICES_COST[0]])
    assert robots.cost.gross_margin.values == ROBOTS_MARGIN[1:] + ROBOTS_MARGIN[-1:]
    assert services.cost.amounts.values == SERVICES_COST[1:] + SERVICES_COST[-1:]
    assert new.cost_of_revenue.gross_margin is None


def test_parts_roll(tmp_path, capsys):
    old, new, reported = _factor_rows(tmp_path, parted_company, capsys)
    arms, spares = new.revenue.segments[0].parts
    arms_revenue = 2.5 * 1.05 * VOLUME_AMOUNTS[0]
    assert arms.actuals.values == pytest.approx([70, 80, 100, arms_revenue])
    assert spares.actuals.values == pytest.approx([30, 40, 50, 0.5 * arms_revenue])
    assert spares.driver.values == [0.5, 0.4, 0.4, 0.4]
    assert arms.driver.price.actuals.values == pytest.approx([2.0, 2.0, 2.5, 2.5 * 1.05])
    assert new.revenue.segments[0].actuals is None and new.revenue.segments[0].growth is None


@pytest.mark.parametrize("index", range(len(_variants())))
def test_every_variant_rolls_and_builds_clean(index, tmp_path, capsys):
    source = _write(tmp_path, "acme.yaml", _variants()[index])
    old, new, reported, target = _roll_one_period(tmp_path, source)
    assert new.years.n_actual == old.years.n_actual + 1
    _builds_clean(target, tmp_path / "out", capsys)


@needs_libreoffice
def test_rolled_costed_model_recalculates_in_libreoffice(tmp_path, capsys):
    """Rolled factor rows and segment costs, recalculated: LibreOffice agrees with every stored value and
    the rolled year's cost is the reported one, the next year's the old 2024E margin's."""
    source = _write(tmp_path, "acme.yaml", costed_company())
    _roll_one_period(tmp_path, source)
    out = tmp_path / "out"
    _builds_clean(tmp_path / "rolled.yaml", out, capsys)
    named = libreoffice_named_values(out / "acme_robotics.xlsx", tmp_path / "lo")
    assert named["CHK_master"] is True
    revenue_2022 = 2.5 * 1.05 * VOLUME_AMOUNTS[0]
    assert named["RB_robots"][3] == pytest.approx(revenue_2022)
    assert named["RB_robots_cost"][3] == pytest.approx(revenue_2022 * (1 - ROBOTS_MARGIN[0]))
    revenue_2023 = 2.5 * 1.05 * 1.04 * VOLUME_AMOUNTS[1]
    assert named["RB_robots"][4] == pytest.approx(revenue_2023)
    assert named["RB_robots_cost"][4] == pytest.approx(revenue_2023 * (1 - ROBOTS_MARGIN[1]))
