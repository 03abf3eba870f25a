"""Batch builds: a folder of assumptions in parallel, failures reported per file, price-file refresh."""
from __future__ import annotations

import datetime as dt
import io
import os
import re

import openpyxl
import pytest
import yaml

from builder.commands import batch
from builder.commands.cli import main
from conftest import named_values
from other_company import acme


def company(cid: str, ticker: str, price: float = 25.0) -> dict:
    d = acme()
    d["company"].update(id=cid, ticker=ticker, name_en=f"Acme {cid}")
    d["market"]["price"]["value"] = price
    return d


def write(path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    """Two good companies and one whose price is negative."""
    src = tmp_path / "models"
    src.mkdir()
    write(src / "a_alpha.yaml", company("alpha", "ALPHA.US"))
    write(src / "b_beta.yml", company("beta", "BETA.US"))
    write(src / "c_broken.yaml", company("broken", "BRKN.US", price=-3.0))
    (src / "notes.txt").write_text("not an assumptions file", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return src, out


def named(xlsx) -> dict:
    return named_values(openpyxl.load_workbook(xlsx, data_only=True))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_with_a_broken_file(capsys, folder, jobs):
    src, out = folder
    code = main(["build", str(src), "--out", str(out), "--jobs", jobs, "--no-charts"])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.out.splitlines()
    assert lines[0].startswith(f"built  {src / 'a_alpha.yaml'}") and lines[0].endswith(f"-> {out / 'alpha.xlsx'} (+2 files)")
    assert lines[1].startswith(f"built  {src / 'b_beta.yml'}")
    assert re.fullmatch(rf"FAILED {re.escape(str(src / 'c_broken.yaml'))}: line \d+: market\.price\.value: "
                        r"price must be positive", lines[2]), lines[2]
    assert lines[3:] == ["2 built, 1 failed"]
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{cid}.{ext}" for cid in ("alpha", "beta") for ext in ("xlsx", "zh.md", "en.md"))
    assert named(out / "beta.xlsx")["CHK_master"] is True


def test_charts_are_drawn_by_default_and_every_good_file_is_built(capsys, tmp_path):
    src = tmp_path / "models"
    src.mkdir()
    write(src / "one.yaml", company("one", "ONE.US"))
    write(src / "two.yaml", company("two", "TWO.US"))
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(src / "one.yaml"), str(src / "two.yaml"), "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 built, 0 failed"
    assert len(list(out.glob("*.png"))) == 16 and not list(out.glob(".*"))  # 4 charts x 2 languages x 2 models


def test_two_files_with_the_same_company_id(capsys, tmp_path):
    src = tmp_path / "models"
    src.mkdir()
    write(src / "first.yaml", company("same", "FIRST.US", price=10.0))
    write(src / "second.yaml", company("same", "SECOND.US", price=20.0))
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(src), "--out", str(out), "--no-charts"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"built  {src / 'first.yaml'}")
    assert lines[1].startswith(f"FAILED {src / 'second.yaml'}: company id 'same' is also built from "
                               f"{src / 'first.yaml'}")
    assert lines[2] == "1 built, 1 failed"
    assert named(out / "same.xlsx")["VAL_price"] == 10.0  # the first file's model, not overwritten


def test_price_file_refreshes_price_fx_and_upside(capsys, tmp_path):
    src = tmp_path / "models"
    src.mkdir()
    write(src / "alpha.yaml", company("alpha", "ALPHA.US", price=25.0))
    write(src / "beta.yaml", company("beta", "BETA.US", price=25.0))
    before = (src / "alpha.yaml").read_bytes()
    plain, fresh = tmp_path / "plain", tmp_path / "fresh"
    plain.mkdir()
    fresh.mkdir()
    prices = tmp_path / "prices.csv"
    prices.write_text("Ticker,Price,Date,FX\nALPHA.US,20.00,2022-03-15,1.1\nOTHER.HK,3,2022-03-15,1\n",
                      encoding="utf-8")
    assert main(["build", str(src), "--out", str(plain), "--no-charts"]) == 0
    capsys.readouterr()
    assert main(["build", str(src), "--out", str(fresh), "--no-charts", "--price-file", str(prices)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "[refreshed: price 20 on 2022-03-15, FX 1.1 (prices.csv:2)]" in lines[0]
    assert "refreshed" not in lines[1]
    assert lines[2] == "2 built, 0 failed (1 with refreshed market data)"
    assert (src / "alpha.yaml").read_bytes() == before  # the assumptions file is not edited

    old, new = named(plain / "alpha.xlsx"), named(fresh / "alpha.xlsx")
    assert new["VAL_price"] == 20.0 and old["VAL_price"] == 25.0
    # FX (market currency per reporting currency) scales the target price; the upside follows both.
    assert new["VAL_target_price_usd"] == pytest.approx(old["VAL_target_price_usd"] * 1.1)
    assert new["VAL_upside"] == pytest.approx(new["VAL_target_price_usd"] / 20.0 - 1)
    assert new["VAL_upside"] != pytest.approx(old["VAL_upside"])
    assert new["VAL_price_date"].date() == dt.date(2022, 3, 15)
    # A model the price file does not list is built exactly as without it.
    assert named(plain / "beta.xlsx") == named(fresh / "beta.xlsx")


def test_price_file_with_a_single_file(capsys, tmp_path):
    path = tmp_path / "alpha.yaml"
    write(path, company("alpha", "ALPHA.US"))
    prices = tmp_path / "prices.csv"
    prices.write_text("ticker,price,date,fx\nALPHA.US,30,2022-03-15,1\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["build", str(path), "--out", str(out), "--no-charts", "--price-file", str(prices)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [str(out / n) for n in ("alpha.xlsx", "alpha.zh.md", "alpha.en.md")] + [
        "audit: 0 errors, 0 warnings"]
    assert "ALPHA.US: price 30 on 2022-03-15" in captured.err
    assert named(out / "alpha.xlsx")["VAL_price"] == 30.0


@pytest.mark.parametrize("content,expect", [
    ("ticker,price,fx\nALPHA.US,30,1\n", "header must name the columns"),
    ("ticker,price,date,fx\nALPHA.US,-30,2022-03-15,1\n", "prices.csv:2: price must be a positive number"),
    ("ticker,price,date,fx\nALPHA.US,30,15/03/2022,1\n", "prices.csv:2: date '15/03/2022' is not a date"),
    ("ticker,price,date,fx\nALPHA.US,30,2022-03-15,abc\n", "prices.csv:2: fx 'abc' is not a number"),
    ("ticker,price,date,fx\nALPHA.US,30,2022-03-15,1\nALPHA.US,31,2022-03-16,1\n", "listed twice"),
    ("ticker,price,date,fx\n", "no prices"),
    ("", "empty"),
    (None, "not found"),
])
def test_bad_price_file_is_one_line_exit_2(capsys, folder, content, expect):
    src, out = folder
    prices = src.parent / "prices.csv"
    if content is not None:
        prices.write_text(content, encoding="utf-8")
    for inputs in ([str(src)], [str(src / "a_alpha.yaml")]):
        assert main(["build", *inputs, "--out", str(out), "--price-file", str(prices)]) == 2
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and expect in lines[0], captured.err
        assert captured.out == ""
    assert list(out.iterdir()) == []


def test_a_crashed_worker_fails_only_its_file(capsys, folder, monkeypatch):
    src, out = folder
    real = batch._build

    def crash_on_beta(job):
        if "beta" in job.path:
            os._exit(3)  # a hard crash (segfault, out of memory), not an exception
        return real(job)

    monkeypatch.setattr(batch, "_build", crash_on_beta)  # forked workers inherit the patch
    assert main(["build", str(src), "--out", str(out), "--jobs", "2", "--no-charts"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("built ") and "a_alpha.yaml" in lines[0]
    assert lines[1] == f"FAILED {src / 'b_beta.yml'}: the worker process died while building it (a crash or out of memory)"
    assert lines[2].startswith("FAILED ") and "c_broken.yaml" in lines[2]
    assert (out / "alpha.xlsx").exists() and not (out / "beta.xlsx").exists()


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = batch.Progress(2, stream)
        p.update(batch.Outcome("a.yaml", True))
        p.update(batch.Outcome("b.yaml", False, "bad"))
        p.close()
    assert pipe.getvalue() == ""
    assert "1/2" in tty.getvalue() and "2/2, 1 failed" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[K")


def test_previous_needs_a_single_file(capsys, folder):
    src, out = folder
    assert main(["build", str(src), "--out", str(out), "--previous", str(src / "a_alpha.yaml")]) == 2
    assert "one assumptions file" in capsys.readouterr().err
