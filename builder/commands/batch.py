"""Build many assumptions files in one command, in parallel worker processes.

`python -m builder build FILE_OR_DIR ...` with more than one path, or a folder (every *.yaml and *.yml
in it, sorted), builds each model into the output folder under its own company id. Each build runs in
a worker process and is all-or-nothing (`outputs.staged`), so a bad file is reported and never stops
or touches the others. A worker never raises into the pool: it returns an `Outcome`.

A price file (CSV: ticker, price, date, fx) refreshes the market data of every model whose ticker it
lists, in memory only; the assumptions files are never edited.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .csv_input import CsvInputError, numbered_rows
from .jobs import default_jobs
from ..validation.loader import AssumptionsError, Problem, with_live_case
from ..assumptions.consistency import consistency_problems
from ..assumptions.schema import Assumptions

PRICE_COLUMNS = ("ticker", "price", "date", "fx")
PATTERNS = ("*.yaml", "*.yml")


# -- price file ---------------------------------------------------------------------------------------
class PriceFileError(Exception):
    """A price file that cannot be used; str() is one line, `FILE[:LINE]: problem`."""


@dataclass(frozen=True)
class Price:
    ticker: str
    price: float
    date: dt.date
    fx: float
    source: str  # "prices.csv:4", where it came from

    def describe(self) -> str:
        return f"price {self.price:g} on {self.date.isoformat()}, FX {self.fx:g} ({self.source})"


def read_prices(path: Path) -> dict[str, Price]:
    """Ticker -> price row of a CSV with the header ticker, price, date, fx (any order, any case)."""
    path = Path(path)
    try:
        numbered = numbered_rows(path, "price file")
    except CsvInputError as e:
        raise PriceFileError(f"{path}: {e}") from None
    if not numbered:
        raise PriceFileError(f"{path}: price file is empty (expected the header {','.join(PRICE_COLUMNS)})")
    header_line, header = numbered[0]
    names = [cell.strip().lower() for cell in header]
    if sorted(names) != sorted(PRICE_COLUMNS):
        raise PriceFileError(f"{path}:{header_line}: header must name the columns {', '.join(PRICE_COLUMNS)} "
                             f"(got {', '.join(repr(c.strip()) for c in header)})")
    col = {name: names.index(name) for name in PRICE_COLUMNS}
    prices: dict[str, Price] = {}
    for line, row in numbered[1:]:
        where = f"{path}:{line}"
        if len(row) != len(PRICE_COLUMNS):
            raise PriceFileError(f"{where}: expected {len(PRICE_COLUMNS)} values, got {len(row)}")
        ticker = row[col["ticker"]].strip()
        if not ticker:
            raise PriceFileError(f"{where}: ticker is empty")
        if ticker in prices:
            raise PriceFileError(f"{where}: ticker {ticker} is listed twice (first on line "
                                 f"{prices[ticker].source.rsplit(':', 1)[1]})")
        price = _positive(row[col["price"]], "price", where)
        fx = _positive(row[col["fx"]], "fx", where)
        try:
            date = dt.date.fromisoformat(row[col["date"]].strip())
        except ValueError:
            raise PriceFileError(f"{where}: date {row[col['date']].strip()!r} is not a date (YYYY-MM-DD)") from None
        prices[ticker] = Price(ticker, price, date, fx, f"{path.name}:{line}")
    if not prices:
        raise PriceFileError(f"{path}: price file has a header but no prices")
    return prices


def _positive(text: str, name: str, where: str) -> float:
    try:
        value = float(text.strip().replace(",", ""))
    except ValueError:
        raise PriceFileError(f"{where}: {name} {text.strip()!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise PriceFileError(f"{where}: {name} must be a positive number, got {text.strip()}")
    return value


def refresh(a: Assumptions, price: Price, label: str = "assumptions") -> Assumptions:
    """The assumptions with market price, price date and FX from the price file (a copy; nothing is written)."""
    m = a.market
    note = f"Price file {price.source}, {price.date.isoformat()}"
    market = m.model_copy(update={
        "price": m.price.model_copy(update={"value": price.price, "source": note}),
        "price_date": price.date,
        "fx": None if m.fx is None else m.fx.model_copy(update={"value": price.fx, "source": note}),
    })
    if m.fx is None and price.fx != 1:  # one currency, no FX: only an fx of 1 fits
        raise AssumptionsError([Problem(label, None, "market.fx", f"the model has one currency "
                                        f"({a.units.currency}) and no FX; the price file's fx {price.fx:g} "
                                        f"({price.source}) does not apply")])
    fresh = a.model_copy(update={"market": market})
    problems = list(consistency_problems(fresh))
    if problems:
        raise AssumptionsError([Problem(label, None, *p.split(": ", 1)) if ": " in p else Problem(label, None, "", p)
                                for p in problems])
    return fresh


# -- inputs ---------------------------------------------------------------------------------------------
def collect(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Assumptions files named or found in folders (sorted, each once), and the folders with none."""
    files, empty, seen = [], [], set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted({p for pattern in PATTERNS for p in path.glob(pattern) if p.is_file()})
            if not found:
                empty.append((path, "folder holds no assumptions files (*.yaml, *.yml)"))
        else:
            found = [path]
        for p in found:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, empty


def company_id(path: Path) -> str | None:
    """The file's company.id, read quickly (libyaml when present); None if the file cannot be read so.

    Only used to find two files that would write the same outputs; the worker's full validation
    decides everything else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, "rb") as f:
            data = yaml.load(f, Loader=loader)
        cid = data["company"]["id"]
    except Exception:  # noqa: BLE001 - any problem is the worker's to report, with its line
        return None
    return cid if isinstance(cid, str) else None


# -- one build (runs in a worker) -----------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    index: int
    path: str
    out: str
    prices: dict[str, Price] | None = None
    template: str | None = None
    protect: str | None = None
    scenario: str | None = None
    charts: bool = True
    audit: bool = True


@dataclass
class Outcome:
    path: str
    ok: bool
    message: str = ""                      # the reason, one line, when not ok
    paths: list[str] = field(default_factory=list)
    refreshed: str = ""                    # the price row used, when the price file listed the ticker
    warnings: list[str] = field(default_factory=list)
    index: int = -1                        # the file's place in the batch
    company_id: str = ""                   # the id it was built under, when ok


def build_one(job: Job) -> Outcome:
    """Build one file; every failure becomes an Outcome (only KeyboardInterrupt propagates)."""
    captured = io.StringIO()
    try:
        with redirect_stderr(captured):  # chart font warnings and the like, reported by the parent
            outcome = _build(job)
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # noqa: BLE001 - a worker must never raise into the pool
        outcome = Outcome(job.path, False, reason(e, job.path))
    outcome.warnings = [w for w in outcome.warnings + captured.getvalue().splitlines() if w.strip()]
    return outcome


def _build(job: Job) -> Outcome:
    from .build import build
    from ..validation.loader import load_checked

    a, warnings = load_checked(job.path)
    if job.scenario is not None:
        a = with_live_case(a, job.scenario, job.path)
    refreshed = ""
    price = (job.prices or {}).get(a.company.ticker)
    if price is not None:
        a = refresh(a, price, job.path)
        refreshed = price.describe()
    result = build(a, Path(job.out), Path(job.template) if job.template else None, None, job.protect,
                   charts=job.charts, audit=job.audit)  # the staged workbook is audited before it is committed
    return Outcome(job.path, True, "", [str(p) for p in result.paths], refreshed, [str(w) for w in warnings],
                   company_id=a.company.id)


def reason(e: BaseException, path: str) -> str:
    """One line saying why a build failed, without repeating the file name."""
    from .build import BuildError
    from .outputs import OutputError
    from ..render.summary import TemplateProblem

    if isinstance(e, AssumptionsError):
        first = e.problems[0]
        where = f"line {first.line}: " if first.line else ""
        text = f"{where}{first.path + ': ' if first.path else ''}{first.message}"
        more = len(e.problems) - 1
        return text + (f" (and {more} more problem{'s' * (more > 1)}; run validate)" if more else "")
    if isinstance(e, (BuildError, OutputError, TemplateProblem)):
        text = str(e)
    elif isinstance(e, OSError):
        text = f"{e.filename + ': ' if getattr(e, 'filename', None) else ''}{e.strerror or e}"
    else:
        text = f"{type(e).__name__}: {e}"
    lines = [line for line in text.splitlines() if line.strip()] or [type(e).__name__]
    line = lines[0]
    if line.startswith(f"{path}:"):
        line = line[len(path) + 1:].lstrip()
    return line[:300] + (f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else "")


# -- the batch ------------------------------------------------------------------------------------------
def _ignore_sigint() -> None:
    # Ctrl-C is the parent's to handle: it stops handing out work and lets running builds finish
    # (each is all-or-nothing), so no worker dies half-way and the pool never breaks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context():
    # fork: workers start with the parent's imports, instead of importing the builder again each.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, stream=None, width: int = 28):
        self.total, self.width = total, width
        self.stream = stream or sys.stderr
        self.enabled = _isatty(self.stream)
        self.done = self.failed = 0
        self.start = time.monotonic()

    def update(self, outcome: Outcome | None = None) -> None:
        if outcome is not None:
            self.done += 1
            self.failed += not outcome.ok
        if not self.enabled:
            return
        filled = int(self.width * self.done / self.total) if self.total else self.width
        elapsed = time.monotonic() - self.start
        eta = f", ~{elapsed / self.done * (self.total - self.done):.0f}s left" if 0 < self.done < self.total else ""
        failed = f", {self.failed} failed" if self.failed else ""
        name = f"  {Path(outcome.path).name}" if outcome is not None else ""
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total}{failed} {elapsed:.0f}s{eta}{name}"
        self.stream.write("\r" + line[:150] + "\x1b[K")  # \x1b[K clears what a longer line left
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    interrupted: bool = False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def run(paths: list[Path], out: Path, *, jobs: int | None = None, prices: dict[str, Price] | None = None,
        template: Path | None = None, protect: str | None = None, scenario: str | None = None,
        charts: bool = True, audit: bool = True, progress: Progress | None = None) -> BatchResult:
    """Build every assumptions file of `paths` (files and folders) into `out`; never raises for one file.

    Files that name the same company id form one chain, built in order in one worker until one builds:
    the id belongs to the first file that builds, so a broken file never blocks a good one.
    Ctrl-C, from here on, starts nothing new; the builds already running finish (each all-or-nothing)."""
    with deferred_interrupt() as stopped:
        files, empty = collect(paths)
        base = dict(out=str(out), prices=prices, template=str(template) if template else None, protect=protect,
                    scenario=scenario, charts=charts, audit=audit)
        chains: dict[object, list[Job]] = {}
        for i, path in enumerate(files):
            cid = company_id(path)  # None (unreadable): a chain of its own, its worker reports why
            chains.setdefault(cid if cid is not None else ("unread", i), []).append(Job(i, str(path), **base))
        outcomes = {len(files) + k: Outcome(str(path), False, message) for k, (path, message) in enumerate(empty)}
        progress = progress or Progress(len(files) + len(empty))
        for o in outcomes.values():
            progress.update(o)
        pending = sorted(chains.values(), key=lambda chain: chain[0].index)
        try:
            workers = min(jobs or default_jobs(), len(pending))
            if workers <= 1:
                for chain in pending:
                    if stopped():
                        break
                    _record(build_chain(chain, stopped), outcomes, progress)
            else:
                _in_pool(pending, workers, outcomes, progress, stopped)
        finally:
            progress.close()
        interrupted = stopped()
    for job in (job for chain in pending for job in chain if job.index not in outcomes):
        outcomes[job.index] = Outcome(job.path, False, "not built: interrupted (earlier outputs left unchanged)")
    return BatchResult([outcomes[i] for i in sorted(outcomes)], interrupted)


def build_chain(chain: list[Job], stopped=lambda: False) -> list[Outcome]:
    """Build the files of one company id in order until one builds; the later ones are refused."""
    results, owner = [], None
    for job in chain:
        if owner is None and stopped():
            break
        if owner is not None:
            o = Outcome(job.path, False, f"company id '{owner[1]}' is also built from {owner[0]}; "
                                         f"not built, so its outputs are not overwritten")
        else:
            o = build_one(job)
            if o.ok:
                owner = (job.path, o.company_id)
        o.index = job.index
        results.append(o)
    return results


@contextmanager
def deferred_interrupt():
    """Yield a function telling whether Ctrl-C (SIGINT) came; until then nothing is interrupted."""
    hit = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: hit.append(signum))
    except ValueError:  # not the main thread: signals cannot arrive here anyway
        yield lambda: False
        return
    try:
        yield lambda: bool(hit)
    finally:
        signal.signal(signal.SIGINT, previous)


def _in_pool(pending: list[list[Job]], workers: int, outcomes: dict[int, Outcome], progress: Progress,
             stopped, work=build_chain) -> None:
    """Run chains in a process pool, at most `workers` at a time so that Ctrl-C starts nothing new.
    A crash breaks the pool: the chains it was running are retried alone once, the rest in a new pool.
    `work` turns one chain into its outcomes (build_chain; `roll` of a folder passes its own)."""
    queue, crashed = list(pending), []
    while queue and not stopped():
        _pool_round(queue, workers, outcomes, progress, stopped, crashed, work)
    for chain in sorted(crashed, key=lambda c: c[0].index):  # alone, so one crash cannot take others with it
        if stopped():
            break
        try:
            with ProcessPoolExecutor(1, mp_context=_context(), initializer=_ignore_sigint) as solo:
                result = solo.submit(work, chain).result()
        except BrokenProcessPool:
            result = [Outcome(job.path, False, "the worker process died while building it "
                                               "(a crash or out of memory)", index=job.index) for job in chain]
        _record(result, outcomes, progress)


def _pool_round(queue, workers, outcomes, progress, stopped, crashed, work=build_chain) -> None:
    """Feed one pool from `queue` until it is empty, interrupted or the pool breaks."""
    running, broken = {}, False
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_ignore_sigint) as pool:
        while queue or running:
            while queue and len(running) < workers and not stopped() and not broken:
                chain = queue.pop(0)
                try:
                    running[pool.submit(work, chain)] = chain
                except BrokenProcessPool:
                    queue.insert(0, chain)
                    broken = True
            if not running:
                return
            done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                chain = running.pop(future)
                try:
                    _record(future.result(), outcomes, progress)
                except BrokenProcessPool:
                    crashed.append(chain)
                    broken = True


def _record(result: list[Outcome], outcomes: dict[int, Outcome], progress: Progress) -> None:
    for o in result:
        outcomes[o.index] = o
        progress.update(o)


# -- the report -----------------------------------------------------------------------------------------
def table(result: BatchResult) -> str:
    """One line per file (`built  FILE  -> outputs` / `FAILED FILE: reason`), then the counts."""
    width = max((len(o.path) for o in result.outcomes), default=0)
    lines = []
    for o in result.outcomes:
        if o.ok:
            more = f" (+{len(o.paths) - 1} files)" if len(o.paths) > 1 else ""
            fresh = f"  [refreshed: {o.refreshed}]" if o.refreshed else ""
            lines.append(f"built  {o.path.ljust(width)}  -> {o.paths[0]}{more}{fresh}")
        else:
            lines.append(f"FAILED {o.path}: {o.message}")
    built = sum(o.ok for o in result.outcomes)
    refreshed = sum(bool(o.refreshed) and o.ok for o in result.outcomes)
    lines.append(f"{built} built, {len(result.outcomes) - built} failed"
                 + (f" ({refreshed} with refreshed market data)" if refreshed else "")
                 + (" (interrupted)" if result.interrupted else ""))
    return "\n".join(lines)
