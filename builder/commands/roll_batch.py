"""`roll FOLDER --actuals ALL.csv`: roll every model of a coverage list to its reported actuals.

The CSV has a `ticker` column matched to each file's `company.ticker`. Files roll in parallel in the
batch build's process pool (same Ctrl-C handling: nothing new starts, running rolls finish, each
all-or-nothing). The result is a rolled/failed table and a variance summary across the list, both in
Markdown, printed and written to the output folder; CSV tickers that match no file are listed, not fatal.
"""
from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import batch
from .actuals_csv import Reported, read_actuals
from ..validation.loader import AssumptionsError
from .outputs import staged
from ..safety.text import one_line, printable

SUMMARY = "roll-summary.md"
# The variance summary's columns: the headline lines of the previous estimates and the new actuals.
HEADLINES = (("Revenue", "IS_revenue"), ("Net profit (parent)", "IS_net_profit_parent"), ("EPS", "KPI_eps"))


@dataclass(frozen=True)
class RollJob:
    index: int
    path: str
    target: str
    rows: tuple[Reported, ...]
    csv_label: str
    strict: bool = False
    in_place: bool = False


@dataclass
class RollOutcome(batch.Outcome):
    ticker: str = ""
    period: str = ""
    headlines: dict = field(default_factory=dict)  # model key -> (previous estimate, reported)


def ticker_of(path: Path) -> str | None:
    """The file's company.ticker, read quickly; None when the file cannot be read so (the roll says why)."""
    try:
        with open(path, "rb") as f:
            data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        ticker = data["company"]["ticker"]
    except Exception:  # noqa: BLE001 - any problem is the worker's to report, with its line
        return None
    return str(ticker)


def roll_chain(chain: list[RollJob]) -> list[RollOutcome]:
    """Roll each job (a chain of one); every failure becomes an outcome with its reason."""
    return [_roll_one(job) for job in chain]


def _roll_one(job: RollJob) -> RollOutcome:
    from .roll import roll, write_rolled

    captured = io.StringIO()
    try:
        with redirect_stderr(captured):
            rolled = roll(Path(job.path), list(job.rows), job.csv_label, strict=job.strict)
            backup = Path(job.path).read_bytes() if job.in_place else None
            write_rolled(rolled.text, Path(job.target), backup)
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # noqa: BLE001 - a worker must never raise into the pool
        return RollOutcome(job.path, False, _reason(e, job.path), index=job.index, ticker=job.rows[0].ticker)
    heads = {key: (rolled.estimates.get(key), rolled.reported.get(key)) for _, key in HEADLINES}
    warnings = [str(w) for w in rolled.warnings] + captured.getvalue().splitlines()
    return RollOutcome(job.path, True, "", [job.target], warnings=warnings, index=job.index,
                       ticker=job.rows[0].ticker, period=rolled.period, headlines=heads)


def _reason(e: BaseException, path: str) -> str:
    if isinstance(e, AssumptionsError):  # with its file and line: the CSV's or the model's
        more = len(e.problems) - 1
        return str(e.problems[0]) + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")
    return batch.reason(e, path)


def run_folder(folder: Path, actuals: Path, out: Path | None, *, strict: bool = False, jobs: int | None = None,
               in_place: bool = False) -> int:
    rows = read_actuals(actuals, need_ticker=True)
    label = printable(str(actuals))
    out = Path(out) if out is not None else folder / "rolled"
    out.mkdir(parents=True, exist_ok=True)
    files, _ = batch.collect([folder])
    by_ticker: dict[str, list[Reported]] = {}
    for r in rows:
        by_ticker.setdefault(r.ticker, []).append(r)
    tickers = {f: ticker_of(f) for f in files}
    chains, outcomes = [], {}
    for i, f in enumerate(files):
        mine = by_ticker.get(tickers[f] or "")
        if mine is None:
            outcomes[i] = RollOutcome(str(f), False, f"no actuals for ticker {tickers[f]} in {label}", index=i,
                                      ticker=tickers[f] or "")
            continue
        target = f if in_place else out / f.name
        chains.append([RollJob(i, str(f), str(target), tuple(mine), label, strict, in_place)])
    unmatched = sorted(set(by_ticker) - {t for t in tickers.values() if t})
    interrupted = _run_pool(chains, outcomes, jobs)
    result = [outcomes[i] for i in sorted(outcomes)]
    text = summary(result, unmatched, label, interrupted)
    for o in result:
        for w in o.warnings:
            print(one_line(w), file=sys.stderr)
    with staged(out, [SUMMARY]) as temps:
        temps[SUMMARY].write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"wrote {out / SUMMARY}")
    if interrupted:
        print("interrupted; models not rolled were left unchanged", file=sys.stderr)
        return 130
    return 1 if any(not o.ok for o in result) else 0


def _run_pool(chains: list[list[RollJob]], outcomes: dict, jobs: int | None) -> bool:
    """Roll the chains in the batch build's pool; True when Ctrl-C stopped it."""
    progress = batch.Progress(len(chains) + len(outcomes))
    with batch.deferred_interrupt() as stopped:
        try:
            workers = min(jobs or batch.default_jobs(), len(chains))
            if workers <= 1:
                for chain in chains:
                    if stopped():
                        break
                    batch._record(roll_chain(chain), outcomes, progress)
            elif chains:
                batch._in_pool(chains, workers, outcomes, progress, stopped, work=roll_chain)
        finally:
            progress.close()
        interrupted = stopped()
    for chain in chains:
        for job in chain:
            outcomes.setdefault(job.index, RollOutcome(job.path, False, "not rolled: interrupted", index=job.index))
    return interrupted


def summary(outcomes: list[RollOutcome], unmatched: list[str], label: str, interrupted: bool = False) -> str:
    """The rolled/failed table, the tickers matching no file, and the variance summary, in Markdown."""
    lines = ["# Roll", "", "| File | Ticker | Result |", "|---|---|---|"]
    for o in outcomes:
        result = f"rolled {o.period} -> {o.paths[0]}" if o.ok else f"FAILED: {o.message}"
        lines.append(f"| {_cell(o.path)} | {_cell(o.ticker)} | {_cell(result)} |")
    rolled = sum(o.ok for o in outcomes)
    lines += ["", f"{rolled} rolled, {len(outcomes) - rolled} failed" + (" (interrupted)" if interrupted else "")]
    if unmatched:
        lines += ["", f"Tickers in {_cell(label)} that match no file: {', '.join(_cell(t) for t in unmatched)}"]
    lines += ["", "## Variance (reported vs previous estimate)", "",
              "| Ticker | Period | " + " | ".join(f"{name} est. | {name} rep. | {name} %" for name, _ in HEADLINES) + " |",
              "|---|---|" + "---:|" * (3 * len(HEADLINES))]
    for o in (o for o in outcomes if o.ok):
        cells = []
        for _, key in HEADLINES:
            est, rep = o.headlines.get(key, (None, None))
            cells += [_number(est), _number(rep), _pct(est, rep)]
        lines.append(f"| {_cell(o.ticker)} | {o.period} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return one_line(str(text)).replace("|", "\\|")


def _number(v) -> str:
    return "n.a." if not isinstance(v, (int, float)) or isinstance(v, bool) else f"{v:,.2f}"


def _pct(est, rep) -> str:
    ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (est, rep))
    return "n.a." if not ok or not est else f"{(rep - est) / abs(est):+.1%}"
