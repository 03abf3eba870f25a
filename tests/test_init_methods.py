"""`init --method SLUG`: the starter of every valuation method validates, builds, audits clean and checks."""
from __future__ import annotations

import openpyxl
import pytest

from builder.commands.cli import main
from builder.commands.starter import STARTER_METHODS
from conftest import named_values

EXPECTED = {"ps": "P/S", "pe": "P/E", "pb": "P/B", "ev_ebitda": "EV/EBITDA", "ev_sales": "EV/Sales", "dcf": "DCF",
            "blend": "Blend"}


@pytest.mark.parametrize("method", STARTER_METHODS)
def test_init_validate_build_audit(method, tmp_path, capsys):
    path = tmp_path / f"co_{method}.yaml"
    assert main(["init", f"co_{method}", "--method", method, "-o", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts"]) == 0
    assert "audit: 0 errors, 0 warnings" in capsys.readouterr().out
    named = named_values(openpyxl.load_workbook(out / f"co_{method}.xlsx", data_only=True))
    assert named["VAL_method"] == EXPECTED[method]
    assert named["CHK_master"] is True


def test_unknown_method_is_refused(tmp_path, capsys):
    assert main(["init", "co", "--method", "ev_fcf", "-o", str(tmp_path / "co.yaml")]) == 2
    assert "--method 'ev_fcf': use one of ps, pe" in capsys.readouterr().err
    assert not (tmp_path / "co.yaml").exists()
