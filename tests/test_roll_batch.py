"""`roll FOLDER --actuals ALL.csv`: a coverage list of 20 generated models with one broken actuals row
rolls 19 and names the reason the 20th failed; a ticker matching no file is listed, not fatal."""
from __future__ import annotations

import csv
import re

import yaml

from builder.commands.cli import main
from builder.validation.loader import load
from other_company import acme
from roll_helpers import reported_from_estimates

N = 20
BROKEN = 7


def _coverage(tmp_path):
    folder = tmp_path / "coverage"
    folder.mkdir()
    rows = []
    for i in range(N):
        d = acme()
        d["company"].update(id=f"acme_{i:02d}", ticker=f"AC{i:02d}.US")
        d["revenue"]["segments"][0]["growth"]["values"][0] += i / 100  # each model its own estimates
        path = folder / f"acme_{i:02d}.yaml"
        path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
        reported = reported_from_estimates(load(path))
        if i == BROKEN:
            reported["cash"] += 100  # reported cash 100 more than the cash flow explains
        rows += [[f"AC{i:02d}.US", key, "2022", repr(value), "Test filing"] for key, value in reported.items()]
    rows.append(["ZZ.US", "cash", "2022", "1", "Test filing"])  # covered by no file
    actuals = tmp_path / "all.csv"
    with open(actuals, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Ticker", "Line", "Period", "Value", "Source"])
        w.writerows(rows)
    return folder, actuals


def test_a_coverage_list_of_20_rolls_19_and_names_the_failure(tmp_path, capsys):
    folder, actuals = _coverage(tmp_path)
    out = tmp_path / "rolled"
    code = main(["roll", str(folder), "--actuals", str(actuals), "-o", str(out), "--jobs", "2"])
    printed = capsys.readouterr()
    assert code == 1, printed.err  # one failed
    assert "19 rolled, 1 failed" in printed.out
    rolled = sorted(p.name for p in out.glob("*.yaml"))
    assert rolled == sorted(f"acme_{i:02d}.yaml" for i in range(N) if i != BROKEN)
    failed = [line for line in printed.out.splitlines() if "FAILED" in line]
    assert len(failed) == 1 and f"acme_{BROKEN:02d}.yaml" in failed[0]
    # The reason is the contradiction the reported figures make, with its check and difference.
    assert "assets" in failed[0] and "difference 100" in failed[0]
    assert "Tickers in" in printed.out and "ZZ.US" in printed.out
    summary = (out / "roll-summary.md").read_text("utf-8")
    assert summary in printed.out
    # Variance summary: the reported figures are the previous estimates here, so every variance is 0.
    rows = [line for line in summary.splitlines() if line.startswith("| AC")]
    assert len(rows) == N - 1 and all(len(re.findall(r"[+-]0\.0%", line)) == 3 for line in rows)
    first = acme()["revenue"]["segments"]
    revenue = sum(s["actuals"]["values"][-1] * (1 + s["growth"]["values"][0]) for s in first)  # AC00's 2022E
    assert rows[0].startswith(f"| AC00.US | 2022A | {revenue:,.2f} | {revenue:,.2f} |")
    for i in (0, 19):
        new = yaml.safe_load((out / f"acme_{i:02d}.yaml").read_text("utf-8"))
        assert new["years"]["actual"][-1] == 2022 and new["variance"]["period"] == 2022
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"acme_{i:02d}.yaml" for i in range(N))


def test_one_file_takes_its_own_rows_of_a_coverage_csv(tmp_path, capsys):
    folder, actuals = _coverage(tmp_path)
    target = tmp_path / "one.yaml"
    code = main(["roll", str(folder / "acme_03.yaml"), "--actuals", str(actuals), "-o", str(target)])
    assert code == 0, capsys.readouterr().err
    assert yaml.safe_load(target.read_text("utf-8"))["company"]["ticker"] == "AC03.US"
    other = tmp_path / "other.yaml"
    d = acme()
    d["company"]["ticker"] = "NOPE.US"
    other.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["roll", str(other), "--actuals", str(actuals)]) == 2
    assert capsys.readouterr().err.strip() == f"error: {actuals}: no rows for ticker NOPE.US (company.ticker of {other})"
    assert main(["roll", str(folder), "--actuals", str(actuals), "--jobs", "0"]) == 2
    assert "--jobs: expected at least 1, got 0" in capsys.readouterr().err
