"""`roll` of a quarterly model: one quarter moves into the actuals and one is added, named as the file
names its quarters (first, actual_count, estimate_count)."""
from __future__ import annotations

import pytest
import yaml

from builder.commands.cli import main
from builder.validation.loader import load
from quarterly_company import N_ACT, N_EST, quarterly
from roll_helpers import reported_from_estimates, write_csv


def test_a_quarterly_model_rolls_one_quarter(tmp_path, capsys):
    source = tmp_path / "acme_q.yaml"
    source.write_text(yaml.safe_dump(quarterly(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    old = load(source)
    reported = reported_from_estimates(old)  # the model's own estimates: they tie exactly
    actuals = write_csv(tmp_path / "q.csv", "2024Q1", reported)
    target = tmp_path / "rolled.yaml"
    code = main(["roll", str(source), "--actuals", str(actuals), "-o", str(target)])
    out = capsys.readouterr()
    assert code == 0, out.err
    new = yaml.safe_load(target.read_text("utf-8"))
    # The file keeps its own block style (PyYAML's: a sequence's dash under its key), nulls as `null`.
    old_text, new_text = source.read_text("utf-8"), target.read_text("utf-8")
    assert old_text.splitlines()[:12] == new_text.splitlines()[:12]
    assert "\n  - key: " in old_text and "\n  - key: " in new_text and "\n    - key: " not in new_text
    assert "      - null\n" in old_text and "      - null\n" in new_text
    # 12 actual quarters from 2021Q1 end at 2023Q4: 2024Q1 is reported, 2031Q1 is added.
    assert new["years"] == {"frequency": "quarterly", "first": "2021Q1", "actual_count": N_ACT + 1,
                            "estimate_count": N_EST}
    assert "added 2031Q1E" in out.out and "rolled: 2024Q1A" in out.out
    seg = new["revenue"]["segments"][0]
    assert len(seg["actuals"]["values"]) == N_ACT + 1 and len(seg["growth"]["values"]) == N_EST
    assert seg["actuals"]["values"][-1] == reported[old.revenue.segments[0].key]
    assert len(new["eps_shares_m"]["values"]) == N_ACT + N_EST + 1
    assert new["variance"]["period"] == "2024Q1"
    rolled = load(target)
    labels = [f"{p.year}Q{p.quarter}" for p in rolled.years.periods() if p.actual]
    assert labels[-1] == "2024Q1" and len(labels) == N_ACT + 1
    # The rolled quarter's reported revenue: segment actuals sum to the old model's estimate.
    expected = sum(reported[s.key] for s in old.revenue.segments)
    assert new["variance"]["estimates"]["IS_revenue"] == pytest.approx(expected, rel=1e-9)


def test_a_quarterly_csv_for_the_wrong_quarter_names_the_next_one(tmp_path, capsys):
    source = tmp_path / "acme_q.yaml"
    source.write_text(yaml.safe_dump(quarterly(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    actuals = write_csv(tmp_path / "q.csv", "2024Q2", reported_from_estimates(load(source)))
    code = main(["roll", str(source), "--actuals", str(actuals)])
    err = capsys.readouterr().err
    assert code == 2
    assert "period 2024Q2 is not the model's next period; the next one to report is 2024Q1" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme_q.yaml", "q.csv"]
