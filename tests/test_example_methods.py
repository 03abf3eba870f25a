"""The shipped valuation-method examples (issue 12): each builds, audits clean, LibreOffice agrees with
every stored value, and its target price equals one computed here in plain Python from the file's inputs."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from builder.cli import main
from builder.recalc import recalculate
from conftest import engine_mismatches, named_values, needs_libreoffice
from xlsx_edit import set_cell_xml

EXAMPLES = Path(__file__).resolve().parent.parent / "builder" / "examples"


def inputs(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def nvidia_eps(d: dict, year_index: int = 0, gross_margin: float | None = None, tax: float | None = None) -> float:
    """Adjusted (here GAAP) EPS of an estimate year, from the file's actuals and drivers."""
    revenue = d["revenue"]["segments"][0]["actuals"]["values"][-1]
    for g in d["revenue"]["segments"][0]["growth"]["values"][:year_index + 1]:
        revenue *= 1 + g
    gm = gross_margin if gross_margin is not None else d["cost_of_revenue"]["gross_margin"]["values"][year_index]
    opex = sum(c["driver"]["values"][year_index] for c in d["opex"]) * revenue
    other = d["non_operating"][0]["driver"]["values"][year_index]
    rate = tax if tax is not None else d["tax"]["effective_rate"]["values"][year_index]
    net = (revenue * gm - opex + other) * (1 - rate)
    shares = d["eps_shares_m"]["values"][len(d["years"]["actual"]) + year_index]
    return net / shares


@pytest.fixture(scope="module")
def nvidia(tmp_path_factory):
    out = tmp_path_factory.mktemp("nvidia_pe")
    assert main(["build", str(EXAMPLES / "nvidia_pe.yaml"), "--out", str(out)]) == 0
    return out / "nvidia_pe.xlsx"


def test_nvidia_pe_target_price_by_hand(nvidia):
    d = inputs("nvidia_pe")
    named = named_values(openpyxl.load_workbook(nvidia, data_only=True))
    target = d["valuation"]["target_multiple"]["value"] * nvidia_eps(d) * d["market"]["fx"]["value"]
    assert named["VAL_method"] == "P/E"
    assert named["VAL_target_price"] == pytest.approx(target, abs=1e-9)
    assert named["VAL_upside"] == pytest.approx(target / d["market"]["price"]["value"] - 1, abs=1e-12)
    assert named["CHK_master"] is True


def test_audit_is_clean(nvidia, capsys):
    assert main(["audit", str(nvidia)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


@needs_libreoffice
def test_nvidia_libreoffice_agrees_and_gross_margin_moves_the_pe_target(nvidia, tmp_path):
    [same] = recalculate([nvidia], tmp_path / "as_built")
    assert not engine_mismatches(nvidia, same)
    wb = openpyxl.load_workbook(nvidia)
    ws = wb["Assumptions"]
    row = next(c.row for c in ws["B"] if c.value == "Gross margin [Base]")
    column = next(c.column_letter for c in ws[4] if c.value == "2027E")
    edited = tmp_path / "edited.xlsx"
    set_cell_xml(nvidia, edited, "Assumptions", f"{column}{row}", "0.75")
    [out] = recalculate([edited], tmp_path / "edited")
    named = named_values(openpyxl.load_workbook(out, data_only=True))
    d = inputs("nvidia_pe")
    before = d["valuation"]["target_multiple"]["value"] * nvidia_eps(d)
    after = d["valuation"]["target_multiple"]["value"] * nvidia_eps(d, gross_margin=0.75)
    assert after > before * 1.03
    assert named["VAL_target_price"] == pytest.approx(after, rel=1e-12)
