"""Render the Markdown summaries, one per language of the report view, through Jinja templates.

Ours is one template (`templates/summary.md.j2`) whose words come from the label catalog through
`t("key", field=...)`; an analyst's folder (`--template DIR`) holds one `summary.<lang>.md.j2` per
language instead. Both see the same context (`context`), and both run in Jinja's sandbox.
"""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError

from . import formatting
from ..labels import CATALOG
from ..labels.one_currency import text_without_fx
from .markdown_safe import Md, finalize, md_text  # noqa: F401 - md_text is this module's public helper
from ..report import ReportView
from .template_limits import FolderLoader, LimitedEnvironment, TemplateLimit, render

# A peer's money unit -> its words (in a header, or after the peer's currency).
PEER_UNIT_WORDS = {"m": "summary.peers.unit.m", "100m": "summary.peers.unit.100m", "bn": "summary.peers.unit.bn"}
KINDS = ("revenue", "margins", "peers", "football")  # the summaries' charts (drawn by summary_charts)
SHIPPED_TEMPLATE = "summary.md.j2"


def chart_files(view: ReportView, lang: str) -> dict[str, str]:
    """Chart kind -> file name (relative to the Markdown), "" for a chart the model has no data for.
    Kept here, away from matplotlib, so commands that draw nothing do not import it."""
    drawn = {"peers": bool(view.peers.rows), "football": bool(view.charts.football and view.charts.football.bars)}
    return {kind: Md(f"{view.company.id}.{lang}.{kind}.png") if drawn.get(kind, True) else "" for kind in KINDS}


def templates_dir() -> Path:
    """Installed wheels carry templates inside the package; a source checkout keeps them at the top."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / SHIPPED_TEMPLATE).exists():
            return candidate
    raise FileNotFoundError("Markdown templates not found (expected builder/templates or templates/)")


# The filters' historical names, kept for code that imports them from here.
fmt_money, fmt_pct, fmt_num = formatting.money, formatting.pct, formatting.num


def translator(lang: str, one_currency: bool = False):
    """`t(key, **fields)`: the catalog's text for `key` in `lang`, its `{field}` placeholders filled; in a
    one-currency model (no FX) without its FX clause."""
    def t(key: str, **fields) -> Md:
        # The catalog's words are Markdown; the fields are values, escaped as any printed value is.
        text = text_without_fx(CATALOG[key][lang], lang) if one_currency else CATALOG[key][lang]
        return Md(text.format(**{k: finalize(v) for k, v in fields.items()}) if fields else text)
    return t


def context(view: ReportView, lang: str) -> dict:
    """The values a template sees. The names before `lang` are those analysts' templates have always
    had (the README points to them); `charts` names this language's chart files ("" when there is none)."""
    h, val, peers = view.headline, view.valuation, view.peers
    f = view.financials
    return {
        "a": view.template_assumptions,
        "company": view.company, "report": view.report, "units": view.units,
        "years": list(f.years),
        "rating_zh": h.rating_words["zh"], "rating_en": h.rating_words["en"],
        "target_price": h.target_price, "upside": h.upside, "target_market_cap": h.target_market_cap,
        "market_cap": h.market_cap, "price": h.price, "price_date": h.price_date,
        "target_multiple": val.target_multiple, "basis_year": val.basis_year, "basis_revenue": val.basis_metric,
        "fx": val.fx, "shares": val.shares, "master_check": val.master_check,
        "financials": {name: list(getattr(f, name)) for name in
                       ("revenue", "revenue_yoy", "adj_net_profit", "adj_net_profit_yoy", "eps", "roe", "pe", "pb",
                        "dps", "dividend_yield")},
        "eps_basis": f.eps_basis,
        # a P/E valuation (or a blend's P/E part) says which EPS its basis is
        "values_on_eps": val.slug == "pe" or any(name == "P/E" for name, _, _ in val.blend),
        "scenarios": [{"key": s.key, "name_zh": s.name["zh"], "name_en": s.name["en"], "name": s.name,
                       "live": s.live, "basis_revenue": s.basis_metric, "target_multiple": s.target_multiple,
                       "target_price": s.target_price, "upside": s.upside, "rating": s.rating,
                       "rating_name": s.rating_name, "wacc": s.wacc, "enterprise_value": s.enterprise_value,
                       "part_prices": list(s.part_prices)}
                      for s in view.scenarios],
        "sensitivity": {"revenue_changes": list(view.sensitivity.changes), "base_column": view.sensitivity.base_column,
                        "axes": list(view.sensitivity.axes), "formats": list(view.sensitivity.formats),
                        "rows": [{"multiple": r.multiple, "prices": list(r.prices), "base": r.base}
                                 for r in view.sensitivity.rows]},
        "revisions": [{**dict(r.name), "name": r.name, "fmt": r.fmt, "period": r.period, "new": r.new,
                       "old": r.old, "change": r.change, "new_name": r.new_name, "old_name": r.old_name}
                      for r in view.revisions],
        "results_review": view.results_review,  # None without a `variance` section
        "consensus": view.consensus,  # () without consensus figures
        "peers": [{"name_zh": p.name["zh"], "name_en": p.name["en"], "name": p.name, "code": p.code,
                   "currency": p.currency, "market_cap": p.market_cap, "revenue": dict(p.revenue),
                   "ps": dict(p.multiples), "unit": PEER_UNIT_WORDS[p.unit]} for p in peers.rows],
        # One money unit for every peer goes in the headers; peers in different units say theirs by the currency.
        "peer_unit": PEER_UNIT_WORDS[peers.rows[0].unit] if len({p.unit for p in peers.rows}) == 1 else "",
        "peer_avg": dict(peers.average), "peer_years": list(peers.years), "revenue_years": list(peers.revenue_years),
        "thesis": list(view.thesis), "risks": list(view.risks), "rating_scale": list(view.rating_scale),
        "charts": chart_files(view, lang),
        # Added with the single template: the language, its words, and the method's multiple.
        "lang": lang, "t": translator(lang, one_currency=val.fx is None), "rating": h.rating_words[lang],
        "multiple": val.multiple, "peer_multiple": peers.multiple, "peer_slug": peers.slug,
        "method": val.method,
        # Added with the valuation methods: words of methods other than P/S are valuation.<slug>.summary.*.
        "slug": val.slug, "enterprise_value": val.enterprise_value, "bridge": val.bridge,
        "equity_value": val.equity_value, "per_share": val.per_share, "wacc": val.wacc,
        "blend_parts": translator(lang)("valuation.blend.summary.joiner").join(
            translator(lang)("valuation.blend.summary.part", method=name, weight=formatting.pct(weight),
                             symbol=view.units.market_symbol, price=formatting.num(price))
            for name, weight, price in val.blend),
        "terminal": ("%.1f%%" % (val.terminal * 100) if val.terminal is not None and val.terminal < 1
                     else "%.1fx" % val.terminal if val.terminal is not None else ""),
        "segments_are": view.charts.segments_are,
    }


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
    env.filters.update(money=formatting.money, pct=formatting.pct, num=formatting.num, md=md_text,
                       hundred_millions=formatting.hundred_millions, large=formatting.large_amount)
    return env


def template_names(directory: Path | None, languages) -> dict[str, str]:
    """Language -> template file: ours serves every language, an analyst's folder has one per language."""
    if directory is None:
        return {lang: SHIPPED_TEMPLATE for lang in languages}
    if not directory.is_dir():
        raise TemplateProblem(f"{directory}: template folder does not exist")
    names = {lang: f"summary.{lang}.md.j2" for lang in languages}
    missing = [name for name in names.values() if not (directory / name).is_file()]
    if missing:
        raise TemplateProblem(f"{directory}: template folder lacks {', '.join(missing)}")
    return names


def render_summaries(view: ReportView, directory: Path | None = None) -> dict[str, str]:
    """Language -> Markdown text, for every language of the view."""
    names = template_names(directory, view.languages)
    directory = directory or templates_dir()
    env = environment(directory)
    return {lang: _render(env, directory / name, name, context(view, lang)) for lang, name in names.items()}


def _render(env, path: Path, name: str, ctx: dict) -> str:
    try:
        return render(env, name, ctx)
    except TemplateLimit as e:  # before SecurityError, its base
        raise TemplateProblem(f"{path}:{_template_line(e.__cause__ or e)}: {e}") from None
    except jinja2.TemplateSyntaxError as e:
        raise TemplateProblem(f"{path}:{e.lineno}: template syntax error: {e.message}") from None
    except SecurityError as e:
        raise TemplateProblem(f"{path}:{_template_line(e)}: not allowed in a template: {e}") from None
    except jinja2.UndefinedError as e:
        raise TemplateProblem(f"{path}:{_template_line(e)}: undefined: {e.message}") from None
    except jinja2.TemplateError as e:
        raise TemplateProblem(f"{path}:{_template_line(e)}: template error: {e}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as e:
        raise TemplateProblem(f"{path}:{_template_line(e)}: template error: {e}") from None


def _template_line(exc: BaseException) -> str:
    """The template line an error was raised at (Jinja compiles templates to Python with line maps)."""
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line
