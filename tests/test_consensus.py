"""Consensus (issue 18, item 4): figures from the assumptions or a CSV, compared with the model's own lines.

Acme's 2022E and 2023E revenue are worked out here from the fixture's inputs (segments grown by their rates).
"""
from __future__ import annotations

import openpyxl
import pytest
import yaml

from builder.commands.build import build
from builder.commands.cli import main
from builder.validation.loader import parse
from conftest import libreoffice_named_values, named_values, needs_libreoffice
from other_company import acme

REVENUE_2022 = 150 * 1.2 + 55 * 1.1
REVENUE_2023 = 150 * 1.2 * 1.15 + 55 * 1.1 * 1.1


def with_consensus() -> dict:
    data = acme()
    data["consensus"] = [
        {"metric": "revenue", "period": 2022, "value": 250.0, "source": "Vendor A", "date": "2022-02-20"},
        {"metric": "revenue", "period": 2023, "value": 260.0, "source": "Vendor A", "date": "2022-02-20"},
        {"metric": "eps", "period": 2023, "value": 0.0, "source": "Vendor B"},
    ]
    return data


def _cell(wb, name):
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return sheet, ref


@pytest.fixture(scope="module")
def consensus_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("consensus")
    result = build(parse(with_consensus()), out, audit=True)
    return result, out


def test_consensus_rows_and_percentages_by_hand(consensus_build):
    _, out = consensus_build
    named = named_values(openpyxl.load_workbook(out / "acme_robotics.xlsx", data_only=True))
    # Periods 2019A..2025E: 2022E is column 3, 2023E column 4.
    assert named["KPI_consensus_revenue"][3:5] == [250.0, 260.0]
    assert named["KPI_consensus_revenue_model"][3] == pytest.approx(REVENUE_2022)
    assert named["KPI_vs_consensus_revenue_pct"][3] == pytest.approx((REVENUE_2022 - 250) / 250)
    assert named["KPI_vs_consensus_revenue_pct"][4] == pytest.approx((REVENUE_2023 - 260) / 260)
    assert named["KPI_vs_consensus_revenue_pct"][2] is None  # no consensus for 2021A: blank
    assert named["KPI_vs_consensus_eps_pct"][4] == "n.m."  # a consensus of 0
    assert "KPI_consensus_ebitda" not in named  # no EBITDA consensus: no rows


def test_consensus_inputs_are_on_the_assumptions_sheet_with_their_source(consensus_build):
    _, out = consensus_build
    ws = openpyxl.load_workbook(out / "acme_robotics.xlsx")["Assumptions"]
    row = next([c.value for c in r if c.value is not None] for r in ws.iter_rows() if r[1].value == "Consensus: Revenue")
    assert 250.0 in row and 260.0 in row and "Vendor A (2022-02-20)" in row


def test_summaries_show_consensus_only_when_given(consensus_build, tmp_path):
    _, out = consensus_build
    en = (out / "acme_robotics.en.md").read_text()
    pct = (REVENUE_2022 - 250) / 250 * 100
    assert f"| Revenue | 2022E | {REVENUE_2022:,.0f} | 250 | {pct:.1f}% |" in en
    assert "| Basic EPS | 2023E |" in en and "n.m. |" in en
    assert "### 与市场一致预期对比" in (out / "acme_robotics.zh.md").read_text()
    build(parse(acme()), tmp_path)
    assert "Model vs consensus" not in (tmp_path / "acme_robotics.en.md").read_text()


@needs_libreoffice
def test_libreoffice_agrees(consensus_build, tmp_path):
    engine = libreoffice_named_values(consensus_build[1] / "acme_robotics.xlsx", tmp_path)
    assert engine["KPI_vs_consensus_revenue_pct"][4] == pytest.approx((REVENUE_2023 - 260) / 260)


def _write(tmp_path, data: dict, csv_text: str):
    path = tmp_path / "acme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    csv_path = tmp_path / "consensus.csv"
    csv_path.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return path, csv_path, out


def test_csv_in_any_column_order_and_case_replaces_the_files_figure(tmp_path):
    path, csv_path, out = _write(tmp_path, with_consensus(),
                                 "Date,VALUE,Source,Period,metric\n2022-03-01,255,Vendor C,2022,revenue\n"
                                 "2022-03-01,\"1,000\",Vendor C,2023,EBITDA\n")
    assert main(["build", str(path), "--out", str(out), "--no-charts", "--consensus", str(csv_path)]) == 0
    named = named_values(openpyxl.load_workbook(out / "acme_robotics.xlsx", data_only=True))
    assert named["KPI_consensus_revenue"][3:5] == [255.0, 260.0]  # 2022 from the CSV, 2023 from the file
    assert named["KPI_consensus_ebitda"][4] == 1000.0


@pytest.mark.parametrize("rows, line, problem", [
    ("revenue,2022,250,V,2022-02-20\nrevenu,2023,1,V,\n", 3, "metric 'revenu' is not one of revenue, ebitda"),
    ("revenue,2022,abc,V,\n", 2, "value 'abc' is not a number"),
    ("revenue,2031,250,V,\n", 2, "period: 2031 is not a period of the model"),
    ("revenue,2022,250,V,20 Feb\n", 2, "date '20 Feb' is not a date"),
    ("revenue,2022,250,V,\nrevenue,2022,251,V,\n", 3, "revenue for 2022 is given twice (also at line 2)"),
    ("revenue,2022,250,V\n", 2, "expected 5 values, got 4"),
    ("revenue,2022,250,,\n", 2, "source is empty"),
])
def test_bad_csv_rows_are_one_line_naming_file_and_line(tmp_path, capsys, rows, line, problem):
    path, csv_path, out = _write(tmp_path, acme(), "metric,period,value,source,date\n" + rows)
    assert main(["build", str(path), "--out", str(out), "--consensus", str(csv_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {csv_path}:{line}: ") and problem in err[0], err
    assert not any(out.iterdir())


def test_bad_csv_header_and_batch_refused(tmp_path, capsys):
    path, csv_path, out = _write(tmp_path, acme(), "metric,period,value\nrevenue,2022,1\n")
    assert main(["build", str(path), "--out", str(out), "--consensus", str(csv_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{csv_path}:1: header must name the columns" in err[0]
    assert main(["build", str(path), str(path), "--out", str(out), "--consensus", str(csv_path)]) == 2
    assert "--consensus" in capsys.readouterr().err


def test_bad_period_in_the_assumptions_is_refused_with_its_line(tmp_path, capsys):
    data = with_consensus()
    data["consensus"][1]["period"] = 2030
    path, _, out = _write(tmp_path, data, "")
    assert main(["build", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {path}:") and "consensus[1].period: 2030 is not a period" \
        in err[0], err
