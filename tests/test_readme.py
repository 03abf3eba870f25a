"""The README stays true: its two commands, and CI running the second."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick, re.S)


def test_readme_has_exactly_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "python -m builder build" in commands[0] and "pip install ." in commands[0]
    assert "libreoffice-calc-nogui" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_readme_lists_the_published_names():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("VAL_target_ps", "VAL_target_market_cap_hkd_m", "VAL_target_price_hkd", "VAL_upside", "VAL_rating",
                 "VAL_peer_avg_ps_2025e", "CHK_master", "RB_", "IS_", "BS_", "CF_", "KPI_"):
        assert name in text
