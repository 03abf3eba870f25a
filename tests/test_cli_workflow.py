"""The analyst's workflow on the command line: protect, scenario, extract, diff, previous."""
from __future__ import annotations

import openpyxl
import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import default_example


def build_into(tmp_path, *extra):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    assert main(["build", "--out", str(out), *extra]) == 0
    return out / "kingsoft_cloud.xlsx"


def test_protect_leaves_exactly_the_inputs_unlocked(tmp_path):
    wb = openpyxl.load_workbook(build_into(tmp_path, "--protect"))
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password  # no password unless one is given
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                is_input = ws.title == "Assumptions" and c.column >= 4 and c.data_type != "f" \
                    and c.font.color is not None and c.font.color.rgb == "FF0000FF"
                assert c.protection.locked is not is_input, f"{ws.title}!{c.coordinate}"


def test_protect_with_a_password(tmp_path):
    wb = openpyxl.load_workbook(build_into(tmp_path, "--protect", "--password", "s3cret"))
    assert wb["P&L"].protection.password  # stored as a hash


def test_scenario_option_sets_the_live_case(tmp_path):
    wb = openpyxl.load_workbook(build_into(tmp_path, "--scenario", "bear"), data_only=True)
    ws = wb["Assumptions"]
    assert next(r[3].value for r in ws.iter_rows() if r[1].value == "Live scenario") == "Bear"
    tp = wb.defined_names["VAL_target_price_hkd"]
    sheet, ref = next(iter(tp.destinations))
    assert wb[sheet][ref.replace("$", "")].value < 12


def test_extract_then_diff(capsys, tmp_path):
    xlsx = build_into(tmp_path)
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Assumptions"]
    row = next(r[0].row for r in ws.iter_rows() if r[1].value == "Share price")
    ws[f"D{row}"] = 11.0
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    capsys.readouterr()
    assert main(["extract", str(edited), "-o", str(tmp_path / "edited.yaml")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "edited.yaml")
    data = yaml.safe_load((tmp_path / "edited.yaml").read_text(encoding="utf-8"))
    assert data["market"]["price"]["value"] == 11.0
    assert main(["diff", str(default_example()), str(edited)]) == 0
    out = capsys.readouterr().out
    assert "market.price.value" in out and "9.33 -> 11" in out
    assert "Upside" in out and "Revenue" not in out  # a price change moves the upside, not the estimates


def test_extract_refuses_a_changed_workbook(capsys, tmp_path):
    xlsx = build_into(tmp_path)
    wb = openpyxl.load_workbook(xlsx)
    wb["Cash Flow"]["G8"] = 1
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    capsys.readouterr()
    assert main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Cash Flow!G8" in err and "Traceback" not in err
    assert not (tmp_path / "bad.yaml").exists()


def test_previous_adds_revisions(tmp_path):
    old = yaml.safe_load(default_example().read_text(encoding="utf-8"))
    old["revenue"]["segments"][1]["growth"]["values"][1] = 0.6
    old_path = tmp_path / "old.yaml"
    old_path.write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    xlsx = build_into(tmp_path, "--previous", str(old_path))
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    assert wb.sheetnames[-1] == "Revisions"
    ws = wb["Revisions"]
    rows = {r[1].value: [c.value for c in r[3:8]] for r in ws.iter_rows() if r[1].value}
    assert rows["Revenue: change"][:2] == [None, None]
    assert rows["Revenue: change"][2] == pytest.approx(0, abs=1e-12)
    assert rows["Revenue: change"][3] > 0
    md = (xlsx.parent / "kingsoft_cloud.en.md").read_text(encoding="utf-8")
    assert "Estimate changes" in md


def test_diff_of_missing_file(capsys, tmp_path):
    assert main(["diff", str(tmp_path / "a.yaml"), str(default_example())]) == 2
    assert "not found" in capsys.readouterr().err
