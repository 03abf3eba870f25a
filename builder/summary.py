"""Render the Markdown summaries (zh, en) from the model's values through Jinja templates."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError

from .model import Model
from .schema import Assumptions
from .template_limits import FolderLoader, LimitedEnvironment, TemplateLimit, render
from .markdown_safe import Md, finalize, md_text  # noqa: F401 - md_text is this module's public helper

LANGUAGES = ("zh", "en")
KINDS = ("revenue", "margins", "peers")  # the summaries' charts (drawn by summary_charts)


def chart_files(a: Assumptions, lang: str) -> dict[str, str]:
    """Chart kind -> file name (relative to the Markdown), "" for a chart the model has no data for.
    Kept here, away from matplotlib, so commands that draw nothing do not import it."""
    return {kind: Md(f"{a.company.id}.{lang}.{kind}.png") if kind != "peers" or a.valuation.peers else ""
            for kind in KINDS}


def templates_dir() -> Path:
    """Installed wheels carry templates inside the package; a source checkout keeps them at the top."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "summary.en.md.j2").exists():
            return candidate
    raise FileNotFoundError("Markdown templates not found (expected builder/templates or templates/)")


# Number formats as the report prints them.
def fmt_money(v) -> str:
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return "-"
    return f"{v + 0.0:,.0f}".replace("-0", "0") if abs(v) < 0.5 else f"{v:,.0f}"


def fmt_pct(v, digits=0) -> str:
    return "-" if not isinstance(v, (int, float)) else f"{v * 100:.{digits}f}%"


def fmt_num(v, digits=2) -> str:
    return "-" if not isinstance(v, (int, float)) or isinstance(v, bool) else f"{v:,.{digits}f}"


def context(model: Model, a: Assumptions, lang: str = "en") -> dict:
    """The values a template sees; `charts` names this language's chart files ("" when there is none)."""
    v = model.value
    periods = model.periods
    val = a.valuation
    cur = a.units.currency.lower()
    mkt = a.units.market_currency.lower()
    peers = []
    for i, p in enumerate(val.peers):
        peers.append({
            "name_zh": p.name_zh, "name_en": p.name_en, "code": p.code, "currency": p.currency,
            "market_cap": p.market_cap,
            "revenue": {y: p.revenue.get(y) for y in sorted(p.revenue)},
            "ps": {periods[t].year: model.line_value(f"KPI_peer_{i}_ps", t) for t in range(len(periods))
                   if periods[t].year in val.peer_years and periods[t].year_end},
        })
    peer_avg = {periods[t].year: model.line_value("KPI_peer_avg_ps", t) for t in range(len(periods))
                if periods[t].year in val.peer_years and periods[t].year_end} if val.peers else {}
    revenue_years = sorted({y for p in val.peers for y in p.revenue})
    # Key financials by fiscal year: every period of an annual model, each year's last quarter otherwise.
    if len(periods) and periods[0].quarter is None:
        columns = list(range(len(periods)))
        fin_keys = ("KPI_revenue", "KPI_revenue_yoy_pct", "KPI_adj_net_profit", "KPI_adj_net_profit_yoy_pct",
                    f"KPI_eps_{cur}", "KPI_roe_pct", "KPI_pe", "KPI_pb")
    else:
        columns = [t for t, p in enumerate(periods) if p.year_end and t >= 3]
        fin_keys = ("KPI_revenue_fy", "KPI_revenue_fy_yoy_pct", "KPI_adj_net_profit_fy",
                    "KPI_adj_net_profit_fy_yoy_pct", f"KPI_eps_{cur}_fy", "KPI_roe_pct_fy", "KPI_pe_fy", "KPI_pb")
    pick = lambda key: [model.line_value(key, t) for t in columns]  # noqa: E731
    financials = dict(zip(("revenue", "revenue_yoy", "adj_net_profit", "adj_net_profit_yoy", "eps", "roe", "pe", "pb"),
                          map(pick, fin_keys)))
    year_labels = [periods[t].label if periods[t].quarter is None else f"FY{periods[t].year}{periods[t].label[-1]}"
                   for t in columns]
    return {
        "a": a,
        "company": a.company,
        "report": a.report,
        "units": a.units,
        "years": year_labels,
        "rating_zh": v("VAL_rating_zh"),
        "rating_en": v("VAL_rating_en"),
        "target_price": v(f"VAL_target_price_{mkt}"),
        "upside": v("VAL_upside"),
        "target_market_cap": v(f"VAL_target_market_cap_{mkt}_m"),
        "market_cap": v(f"VAL_market_cap_{mkt}_m"),
        "price": v("VAL_price"),
        "price_date": a.market.price_date,
        "target_multiple": v("VAL_target_ps"),
        "basis_year": a.valuation.basis_year,
        "basis_revenue": v("VAL_basis_revenue"),
        "fx": v("VAL_fx"),
        "shares": v("VAL_shares_m"),
        "master_check": v("CHK_master"),
        "financials": financials,
        "scenarios": scenario_rows(model, a),
        "sensitivity": sensitivity_grid(model, a),
        "revisions": revision_rows(model, a),
        "peers": peers,
        "peer_avg": peer_avg,
        "peer_years": val.peer_years,
        "revenue_years": revenue_years,
        "thesis": a.thesis,
        "risks": a.risks,
        "rating_scale": list(reversed(val.rating_scale)),
        "charts": chart_files(a, lang),
    }


def scenario_rows(model: Model, a: Assumptions) -> list[dict]:
    """Every scenario's valuation, as the Valuation sheet shows them side by side."""
    if not a.scenarios.cases:
        return []
    mkt = a.units.market_currency.lower()
    cases = [("base", a.scenarios.base_zh, a.scenarios.base_en)] + [(c.key, c.name_zh, c.name_en)
                                                                     for c in a.scenarios.cases]
    return [{"key": key, "name_zh": zh, "name_en": en, "live": key == a.scenarios.live,
             "basis_revenue": model.value(f"VAL_scenario_{key}_basis_revenue"),
             "target_multiple": model.value(f"VAL_scenario_{key}_target_ps"),
             "target_price": model.value(f"VAL_scenario_{key}_target_price_{mkt}"),
             "upside": model.value(f"VAL_scenario_{key}_upside"),
             "rating": model.value(f"VAL_scenario_{key}_rating")} for key, zh, en in cases]


def sensitivity_grid(model: Model, a: Assumptions) -> dict:
    """Target price by target multiple (rows) and basis-year revenue change (columns)."""
    sens = a.sensitivity
    rows = []
    for i, _ in enumerate(sens.multiple_changes.values):
        line = model.series(f"KPI_sens_tp_rev_{i}")
        rows.append({"multiple": line[0], "prices": line[1:], "base": sens.multiple_changes.values[i] == 0})
    return {"revenue_changes": sens.revenue_changes.values, "rows": rows,
            "base_column": sens.revenue_changes.values.index(0)}


def revision_rows(model: Model, a: Assumptions) -> list[dict]:
    """Estimate changes against the previous model (build --previous), or nothing."""
    if "REV_target_price_new" not in model.cells:
        return []
    from .statements import REVISED_LINES
    cur = a.units.currency.lower()
    out = []
    for pattern, zh, en, fmt in REVISED_LINES:
        key = pattern.format(cur=cur).lower()
        for t, p in enumerate(model.periods):
            new = model.line_value(f"REV_{key}_new", t)
            if new is None:
                continue
            out.append({"zh": zh, "en": en, "fmt": fmt, "period": p.label, "new": new,
                        "old": model.line_value(f"REV_{key}_previous", t),
                        "change": model.line_value(f"REV_{key}_change_pct", t)})
    out.append({"zh": "目标价", "en": "Target price", "fmt": "price", "period": "",
                "new": model.value("REV_target_price_new"), "old": model.value("REV_target_price_previous"),
                "change": model.value("REV_target_price_change_pct")})
    out.append({"zh": "评级", "en": "Rating", "fmt": "text", "period": "", "new": model.value("REV_rating_new"),
                "old": model.value("REV_rating_previous"), "change": None})
    return out


class TemplateProblem(Exception):
    """A template that cannot render, as one line: 'FILE:LINE: problem'."""


@functools.lru_cache(maxsize=32)
def environment(directory: Path) -> jinja2.Environment:
    """One environment per template folder, so templates compile once per process (Jinja still
    reloads a template whose file changed)."""
    # Sandboxed: an analyst's own template may read the values it is given, nothing else.
    env = LimitedEnvironment(
        loader=FolderLoader(directory),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: every printed value is escaped for Markdown by finalize
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(money=fmt_money, pct=fmt_pct, num=fmt_num, md=md_text)
    return env


def check_template_dir(directory: Path) -> None:
    if not directory.is_dir():
        raise TemplateProblem(f"{directory}: template folder does not exist")
    missing = [f"summary.{lang}.md.j2" for lang in LANGUAGES if not (directory / f"summary.{lang}.md.j2").is_file()]
    if missing:
        raise TemplateProblem(f"{directory}: template folder lacks {', '.join(missing)}")


def render_summaries(model: Model, a: Assumptions, directory: Path | None = None) -> dict[str, str]:
    """Language -> Markdown text."""
    directory = directory or templates_dir()
    check_template_dir(directory)
    env = environment(directory)
    out = {}
    for lang in LANGUAGES:
        name = f"summary.{lang}.md.j2"
        ctx = context(model, a, lang)
        try:
            out[lang] = render(env, name, ctx)
        except TemplateLimit as e:
            raise TemplateProblem(f"{directory / name}:{_template_line(e.__cause__ or e)}: {e}") from None
        except jinja2.TemplateSyntaxError as e:
            raise TemplateProblem(f"{directory / name}:{e.lineno}: template syntax error: {e.message}") from None
        except SecurityError as e:
            raise TemplateProblem(f"{directory / name}:{_template_line(e)}: not allowed in a template: {e}") from None
        except jinja2.UndefinedError as e:
            raise TemplateProblem(f"{directory / name}:{_template_line(e)}: undefined: {e.message}") from None
        except jinja2.TemplateError as e:
            raise TemplateProblem(f"{directory / name}:{_template_line(e)}: template error: {e}") from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as e:
            raise TemplateProblem(f"{directory / name}:{_template_line(e)}: template error: {e}") from None
    return out


def _template_line(exc: BaseException) -> str:
    """The template line an error was raised at (Jinja compiles templates to Python with line maps)."""
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line
