"""Compute the report view from the model, once: the only place that reads model lines by key, and,
with `documents.py`, the only place besides the model that reads the assumptions."""
from __future__ import annotations

import math
import re
from dataclasses import replace

from ..labels import Words, given, words
from ..model.valuation import method_for, peer_method
from ..model.valuation.blend import grid_parts
from ..assumptions.prose import fill
from . import keys
from .documents import company, embedded_payload, rating_scale, report_info, units
from .view import (ChartData, ConsensusRow, FootballBar, FootballField, Financials, Headline, Peer, Peers, ReportView, ResultsReview, Revision, Scenario,
                   Segment, Sensitivity, SensitivityRow, ValuationFacts, VarianceRow)


def make_report(model, a, languages: tuple[str, ...] | None = None) -> ReportView:
    """The view of `model`, built from the assumptions `a`, in `languages` (default: the file's own). The previous estimates of
    build --previous reach it through the model's Revisions sheet, whose stored values it reads."""
    cur, mkt = a.units.currency.lower(), a.units.market_currency.lower()
    headline, valuation, financials = _headline(model, a, mkt), _valuation(model, a), _financials(model, cur, a.report.eps_basis)
    value_of = prose_values(headline, valuation, financials)

    def filled(texts) -> Words:  # numbers in prose from the model (prose.py)
        return Words({lang: fill(text, value_of) for lang, text in given(texts.zh, texts.en).items()})

    return ReportView(
        languages=tuple(languages or a.languages), company=company(a), report=report_info(a), units=units(a),
        headline=headline, valuation=replace(valuation, method=filled(a.valuation.method)), financials=financials,
        peers=_peers(model, a), scenarios=_scenarios(model, a, mkt), sensitivity=_sensitivity(model, a),
        revisions=_revisions(model, a, cur), thesis=tuple(filled(t) for t in a.thesis),
        risks=tuple(filled(r) for r in a.risks), rating_scale=rating_scale(a),
        charts=_charts(model, a), embedded_assumptions=embedded_payload(a), template_assumptions=a,
        results_review=_results_review(model, a), consensus=_consensus(model))


def prose_values(headline: Headline, valuation: ValuationFacts, financials: Financials):
    """`value_of(key, year)` for the placeholders of prose.py: a fiscal year's key financial, or a
    model-wide figure, exactly as the documents' tables take them."""
    singles = {"target_price": headline.target_price, "price": headline.price, "upside": headline.upside,
               "target_multiple": valuation.target_multiple, "target_market_cap": headline.target_market_cap,
               "market_cap": headline.market_cap, "basis_revenue": valuation.basis_metric}
    column = {int(re.sub(r"\D", "", label)[:4]): i for i, label in enumerate(financials.years)}

    def value_of(key: str, year: int | None):
        if year is None:
            return singles[key]
        return getattr(financials, key)[column[year]] if year in column else None
    return value_of


def _headline(model, a, mkt: str) -> Headline:
    v = model.value
    return Headline(v(keys.RATING), Words({lang: v(key) for lang, key in keys.RATING_WORDS.items()}),
                    v(keys.TARGET_PRICE.format(mkt=mkt)), v(keys.UPSIDE),
                    v(keys.TARGET_MARKET_CAP.format(mkt=mkt)), v(keys.MARKET_CAP.format(mkt=mkt)),
                    v(keys.PRICE), a.market.price_date)


def basis_columns(periods, basis_year: int) -> tuple[int, int]:
    """The basis year's year-end column (its full-year figures: what the workbook's peer chart and
    the Valuation sheet read) and its first column. They differ only in a quarterly model, where the
    PNG peer chart still reads the first one (no peer multiple there), as it did before the report view;
    moving it to the year-end column would change that chart (issue 11), a change of output left to
    its own commit."""
    columns = [t for t, p in enumerate(periods) if p.year == basis_year]
    return max(columns), min(columns)


def _valuation(model, a) -> ValuationFacts:
    val = a.valuation
    method = method_for(val.multiple)

    def v(key: str):  # a DCF has no target multiple or basis metric
        return model.value(key) if key in model.cells else None

    year_end, first = basis_columns(model.periods, val.basis_year)
    return ValuationFacts(given(val.method.zh, val.method.en), val.multiple,
                          v(keys.TARGET_MULTIPLE.format(slug=method.slug)), val.basis_year, year_end, first,
                          v(keys.BASIS_METRIC.format(basis=method.basis_slug)), v(keys.FX), v(keys.SHARES),
                          v(keys.MASTER_CHECK), keys.MASTER_CHECK, method.slug,
                          *(v(k) for k in keys.BRIDGE), method.per_share_basis, v(keys.DCF_TERMS[0]),
                          v(keys.DCF_TERMS[1]) if v(keys.DCF_TERMS[1]) is not None else v(keys.DCF_TERMS[2]),
                          tuple((p.method, v(keys.BLEND_WEIGHT.format(slug=method_for(p.method).slug)),
                                 v(keys.BLEND_TARGET_PRICE.format(slug=method_for(p.method).slug))) for p in val.blend))


def _financials(model, cur: str, eps_basis: str) -> Financials:
    """By fiscal year: every period of an annual model, each year's last quarter (from the fourth
    period on, so a full year lies behind it) otherwise."""
    periods = model.periods
    if len(periods) and periods[0].quarter is None:
        columns, lines, dividends = list(range(len(periods))), keys.ANNUAL_FINANCIALS, keys.ANNUAL_DIVIDENDS
    else:
        columns = [t for t, p in enumerate(periods) if p.year_end and t >= 3]
        lines, dividends = keys.QUARTERLY_FINANCIALS, keys.QUARTERLY_DIVIDENDS
    if dividends[0] in model.lines:
        lines = lines + dividends
    values = [tuple(model.line_value(key.format(cur=cur), t) for t in columns) for key in lines]
    years = tuple(periods[t].label if periods[t].quarter is None else f"FY{periods[t].year}{periods[t].label[-1]}"
                  for t in columns)
    return Financials(years, *values, eps_basis=eps_basis)


def _peers(model, a) -> Peers:
    val, periods = a.valuation, model.periods
    method = peer_method(a)
    multiple_line, average_line = keys.PEER_MULTIPLE.replace("{slug}", method.slug), \
        keys.PEER_AVERAGE.format(slug=method.slug)
    shown = [t for t, p in enumerate(periods) if p.year in val.peer_years and p.year_end]
    _, first = basis_columns(periods, val.basis_year)

    def by_year(line: str) -> tuple:
        return tuple((periods[t].year, model.line_value(line, t)) for t in shown)

    rows = tuple(Peer(given(p.name_zh, p.name_en), p.code, p.currency, p.market_cap,
                      tuple((y, method.peer_metric(p).get(y)) for y in sorted(method.peer_metric(p))),
                      by_year(multiple_line.format(i=i)),
                      model.line_value(multiple_line.format(i=i), first), p.unit)
                 for i, p in enumerate(val.peers))
    average = by_year(average_line) if val.peers else ()
    average_at_basis = model.line_value(average_line, first) if val.peers else None
    target = keys.TARGET_MULTIPLE.format(slug=method.slug)
    return Peers(rows, average, average_at_basis, tuple(val.peer_years),
                 tuple(sorted({y for p in val.peers for y in method.peer_metric(p)})), method.multiple, method.slug,
                 model.value(target) if target in model.cells else None)


def _scenarios(model, a, mkt: str) -> tuple[Scenario, ...]:
    """Every scenario's valuation, as the Valuation sheet shows them side by side (none without cases)."""
    sc = a.scenarios
    if not sc.cases:
        return ()
    cases = [("base", given(sc.base_zh, sc.base_en))] + [(c.key, given(c.name_zh, c.name_en))
                                                               for c in sc.cases]
    method = method_for(a.valuation.multiple)

    def v(pattern: str, **fields):  # None where the method has no such cell (a DCF's multiple)
        key = pattern.format(**fields)
        return model.value(key) if key in model.cells else None

    return tuple(Scenario(key, name, key == sc.live,
                          v(keys.SCENARIO_BASIS_METRIC, case=key, basis=method.basis_slug),
                          v(keys.SCENARIO_TARGET_MULTIPLE, case=key, slug=method.slug),
                          v(keys.SCENARIO_TARGET_PRICE, case=key, mkt=mkt),
                          v(keys.SCENARIO_UPSIDE, case=key), v(keys.SCENARIO_RATING, case=key),
                          rating_names(a).get(v(keys.SCENARIO_RATING, case=key)),
                          v(keys.SCENARIO_WACC, case=key), v(keys.SCENARIO_ENTERPRISE_VALUE, case=key),
                          tuple((p.method, v(keys.SCENARIO_PART_PRICE, case=key, slug=method_for(p.method).slug))
                                for p in a.valuation.blend))
                 for key, name in cases)


def rating_names(a) -> dict[str, Words]:
    """The rating as the model states it (valuation block's `rating_text`) -> its words in each language,
    so a summary in one language shows that language's name only."""
    out = {}
    for r in a.valuation.rating_scale:
        name = given(r.zh, r.en)
        stated = f"{name['zh']} ({name['en']})" if len(a.languages) > 1 else name[a.languages[0]]
        out[stated] = name
    return out


def _sensitivity(model, a) -> Sensitivity:
    method = method_for(a.valuation.multiple)
    axes: tuple[str, ...] = ()
    if method.is_blend:  # rows: its first part's axis steps; columns: its second part's
        axes = grid_parts(a)
        steps, changes = (a.valuation.dcf.wacc_changes.values if name == "DCF" else a.sensitivity.multiple_changes.values
                          for name in axes)
    elif method.is_dcf:  # rows: WACC steps; columns: terminal growth (or exit multiple) steps
        steps, changes = a.valuation.dcf.wacc_changes.values, a.valuation.dcf.terminal_changes.values
    else:
        steps, changes = a.sensitivity.multiple_changes.values, getattr(a.sensitivity, method.basis_changes).values
    rows = []
    for i, step in enumerate(steps):
        line = model.series(keys.SENSITIVITY_ROW.format(axis=method.basis_axis, i=i))
        rows.append(SensitivityRow(line[0], tuple(line[1:]), step == 0))
    return Sensitivity(tuple(changes), tuple(rows), changes.index(0), axes,
                       tuple("pct" if name == "DCF" else "multiple" for name in axes))


def _revisions(model, a, cur: str) -> tuple[Revision, ...]:
    """Estimate changes against the previous model (build --previous), or none."""
    def line(stem, pattern, t=None):
        key = pattern.format(stem=stem)
        return model.value(key) if t is None else model.line_value(key, t)

    if keys.REVISION_NEW.format(stem=keys.REVISION_TARGET_PRICE) not in model.cells:
        return ()
    out = []
    for pattern, words_key, fmt in keys.REVISED:
        stem = pattern.format(cur=cur).lower()
        for t, p in enumerate(model.periods):
            new = line(stem, keys.REVISION_NEW, t)
            if new is not None:
                name = words(words_key if isinstance(words_key, str) else words_key[a.report.eps_basis])
                out.append(Revision(name, fmt, p.label, new, line(stem, keys.REVISION_OLD, t),
                                    line(stem, keys.REVISION_CHANGE, t)))
    tp, rating = keys.REVISION_TARGET_PRICE, keys.REVISION_RATING
    out.append(Revision(words("revisions.target_price"), "price", "", line(tp, keys.REVISION_NEW),
                        line(tp, keys.REVISION_OLD), line(tp, keys.REVISION_CHANGE)))
    new, old = line(rating, keys.REVISION_NEW), line(rating, keys.REVISION_OLD)
    names = rating_names(a)
    out.append(Revision(words("revisions.rating"), "text", "", new, old, None,
                        names.get(new) if isinstance(new, str) else None,
                        names.get(old) if isinstance(old, str) else None))
    return tuple(out)


def _results_review(model, a) -> ResultsReview | None:
    """The period just reported against the previous estimates (a `variance` section), or none."""
    var = model.handles.variance if model.handles else None
    if var is None:
        return None
    t = var.period

    def at(key):
        return model.line_value(key, t)

    rows = tuple(VarianceRow(model.lines[key].name, model.lines[key].fmt, at(rows.estimate), at(rows.reported),
                             at(rows.difference), number(at(rows.difference_pct)),
                             at(var.beats[key]) if key in var.beats else None)
                 for key, rows in var.lines.items())
    return ResultsReview(model.periods[t].label, a.variance.previous, rows)


def _consensus(model) -> tuple[ConsensusRow, ...]:
    """Each consensus figure beside the model's own, by metric then period (none without consensus)."""
    handles = model.handles.consensus if model.handles else None
    if handles is None:
        return ()
    out = []
    for metric, (mine, theirs, vs) in handles.rows.items():
        for t, p in enumerate(model.periods):
            if model.lines[theirs].entries[t] is not None:
                out.append(ConsensusRow(words(f"cons.{metric}"), model.lines[mine].fmt, p.label,
                                        model.line_value(mine, t), model.line_value(theirs, t),
                                        number(model.line_value(vs, t))))
    return tuple(out)


def number(v) -> float | None:
    """A finite number, or None (blank, text or a spreadsheet error)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        return None
    return float(v)


def _charts(model, a) -> ChartData:
    series = model.series
    segments = tuple(Segment(given(s.name_zh, s.name_en), keys.SEGMENT_REVENUE.format(segment=s.key),
                             tuple(number(v) or 0.0 for v in series(keys.SEGMENT_REVENUE.format(segment=s.key))))
                     for s in a.revenue.segments)
    first = next((i for i, p in enumerate(model.periods) if not p.actual), None)
    return ChartData(
        tuple(p.label for p in model.periods), first, segments, keys.REVENUE_TOTAL, keys.REVENUE_TOTAL_YOY,
        0 if a.revenue.prior_growth else 1, tuple(series(keys.REVENUE_TOTAL_YOY)),
        keys.GROSS_MARGIN, tuple(series(keys.GROSS_MARGIN)), keys.ADJ_NET_MARGIN,
        tuple(series(keys.ADJ_NET_MARGIN)), keys.PNL_FIRST_LINE,
        keys.PEER_MULTIPLE.format(i=0, slug=peer_method(a).slug),
        keys.TARGET_MULTIPLE_ROW, words(f"segments_are.{a.revenue.segments_are}"), _football(model))


def _football(model) -> FootballField | None:
    """The football field's bars and prices, from its cells on the Valuation sheet."""
    ff = model.handles.football if model.handles else None
    if ff is None:
        return None
    value = model.value
    bars = tuple(FootballBar(model.cells[low].name, value(low), value(high)) for low, high in zip(ff.lows, ff.highs))
    return FootballField(bars, value(ff.price), value(ff.target_price), (ff.lows or (ff.price,))[0], ff.target_price,
                         ff.widths[0] if ff.widths else None, ff.widths[-1] if ff.widths else None)
