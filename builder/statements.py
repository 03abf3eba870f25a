"""Define every line of the model from the assumptions, once.

Each sheet is built by one function. A line's entries are, per period, an input
number (Assumptions only), a formula (`Expr`), or blank. Statement sheets hold no
inputs: their actual-year cells link to the actuals typed on the Assumptions sheet.
"""
from __future__ import annotations

from dataclasses import dataclass

from .expr import (AND, ABS, AVERAGE, CHOOSE, IF, INDEX, INDEX_ROW, ISNUMBER, MATCH, SUM, SUMIF, Cell, CellRange,
                   Expr, Line, LineAt, LineRange, LineSpan, Rows, growth, wrap)
from .model import CellItem, LineItem, Model, Note, Period, Section, Sheet
from .schema import Assumptions, BSRole, BSSection, Driver, DriverKind, Series

PCT, MONEY = "%", None  # MONEY resolves to the assumptions' money unit
NA_TEXT = "n.a."

SHEETS = (
    # id, Excel sheet name, Chinese title, defined-name prefix, time series?
    ("cover", "Cover", "封面", "COVER", False),
    ("in", "Assumptions", "假设", "IN", True),
    ("rb", "Revenue Build", "收入预测", "RB", True),
    ("is", "P&L", "利润表", "IS", True),
    ("bs", "Balance Sheet", "资产负债表", "BS", True),
    ("cf", "Cash Flow", "现金流量表", "CF", True),
    ("val", "Valuation", "估值", "KPI", True),
    ("chk", "Checks", "检查", "CHK", True),
    ("rev", "Revisions", "预测调整", "REV", True),  # only with --previous
)

REVISED_LINES = (  # line key pattern, zh, en, number format
    ("IS_revenue", "营业收入", "Revenue", "money"),
    ("IS_adj_net_profit", "调整后净利润", "Adjusted net profit", "money"),
    ("KPI_eps_{cur}", "每股收益", "EPS", "eps"),
)

# Data-validation kind of an input, by number format (statements override growth, margin, rate...).
INPUT_KINDS = {"pct": "ratio", "money": "money", "shares": "shares", "year": "year", "price": "price", "fx": "fx",
               "multiple": "multiple", "text": "text", "date": "date", "tolerance": "tolerance"}

DRIVER_WORDS = {
    DriverKind.pct_of_revenue: ("占收入比例", "% of revenue", PCT),
    DriverKind.pct_of_cost_of_revenue: ("占营业成本比例", "% of cost of revenue", PCT),
    DriverKind.growth: ("同比增长", "growth", PCT),
    DriverKind.amount: ("金额", "amount", MONEY),
}


def build_model(a: Assumptions, previous: "Previous | None" = None) -> Model:
    """The model; with `previous` (an earlier model's key outputs) it adds a Revisions sheet."""
    return _Builder(a, previous).model


@dataclass
class Previous:
    """Key outputs of an earlier version of the model, for the estimate-changes table."""
    label: str                                   # where they came from (file name)
    series: dict[str, dict[str, float]]          # line key -> period label -> value
    target_price: float
    rating: str


class _Builder:
    def __init__(self, a: Assumptions, previous: Previous | None = None):
        self.a = a
        self.previous = previous
        self.periods = [Period(p.year, p.actual, p.quarter) for p in a.years.periods()]
        self.n = len(self.periods)
        self.n_act = a.years.n_actual
        self.ppy = a.years.periods_per_year  # periods per year: growth is year on year
        self.money = a.units.money_en
        self.mkt = a.units.market_currency.lower()
        self.cur = a.units.currency.lower()
        self.sheets = {sid: Sheet(sid, title, zh, prefix, time_series=ts) for sid, title, zh, prefix, ts in SHEETS}
        self.built: dict[str, tuple[str, LineItem]] = {}  # line key -> (sheet id, line), as lines are made
        self.paths = _object_paths(a)
        sc = a.scenarios
        self.case_keys = ["base"] + [c.key for c in sc.cases]
        self.case_names = {"base": (sc.base_zh, sc.base_en), **{c.key: (c.name_zh, c.name_en) for c in sc.cases}}
        self.case_inputs: dict[str | None, dict[str, str]] = {}  # driver address -> case -> input key
        self._assumptions()
        self._revenue_build()
        self._income_statement()
        self._balance_sheet()
        self._cash_flow()
        self._valuation()
        self._checks()
        self._cover()
        if previous is not None:
            self._revisions()
        else:
            del self.sheets["rev"]
        self.model = Model(self.periods, list(self.sheets.values()))

    # -- helpers ----------------------------------------------------------------------
    @property
    def actual_periods(self):
        return range(self.n_act)

    @property
    def estimate_periods(self):
        return range(self.n_act, self.n)

    def entries(self, actual, estimate) -> list:
        """Per-period entries: `actual` in actual years, `estimate` in estimate years."""
        return [actual if p < self.n_act else estimate for p in range(self.n)]

    def line(self, sheet: str, key: str, zh: str, en: str, unit, fmt: str, entries: list, *, name=True,
             source="", total=False, check=False) -> LineItem:
        s = self.sheets[sheet]
        unit = self.money if unit is MONEY else unit
        item = LineItem(f"{s.prefix}_{key}", zh, en, unit, fmt, entries,
                        defined_name=f"{s.prefix}_{key}" if name else None, source=source, total=total, check=check)
        s.add(item)
        self.built[item.key] = (sheet, item)
        return item

    def cell(self, sheet: str, key: str, zh: str, en: str, unit, fmt: str, entry, *, prefix=None, name=True,
             source="", total=False, check=False) -> CellItem:
        s = self.sheets[sheet]
        unit = self.money if unit is MONEY else unit
        full = f"{prefix or s.prefix}_{key}"
        item = CellItem(full, zh, en, unit, fmt, entry, defined_name=full if name else None, source=source,
                        total=total, check=check)
        s.add(item)
        return item

    def note(self, sheet: str, zh: str, en: str):
        self.sheets[sheet].add(Note(f"注：{zh}"))
        self.sheets[sheet].add(Note(f"Note: {en}"))

    def section(self, sheet: str, zh: str, en: str):
        s = self.sheets[sheet]
        if s.rows:
            s.add(None)
        s.add(Section(zh, en))

    # Inputs live on the Assumptions sheet only.
    def input_series(self, key: str, zh: str, en: str, unit, fmt: str, series: Series, block: str,
                     kind: str = "", address: str | None = None, origin: tuple | None = None,
                     origins: list | None = None) -> str:
        positions = {"actual": self.actual_periods, "estimate": self.estimate_periods, "all": range(self.n)}[block]

        def place(values):
            entries = [None] * self.n
            for p, v in zip(positions, values):
                entries[p] = v
            return entries

        kind = kind or INPUT_KINDS.get(fmt, fmt)
        if origins is None:  # where each value came from in the assumptions, for `extract`
            base_path = origin if origin is not None else self.path_of(series) + ("values",)
            origins = place([base_path + (k,) for k in range(len(series.values))])
        cases = self.cases_overriding(address)
        if not cases:
            item = self.line("in", key, zh, en, unit, fmt, place(series.values), name=False, source=series.source)
            item.input_kind, item.origins = kind, origins
            self.case_inputs[address] = {c: item.key for c in self.case_keys}
            return item.key
        # Overridden by a scenario: one input row per case, and a live row that the model reads.
        base = place(series.values)
        live = self.line("in", key, zh, en, unit, fmt,
                         [None if base[p] is None else CHOOSE(Cell(self.inp["scenario_index"]),
                                                              *[Line(f"IN_{key}__{c}") for c in self.case_keys])
                          for p in range(self.n)], name=False,
                         source=f"Live scenario (selector above) of the rows below. {series.source}")
        self.case_inputs[address] = {}
        for c in self.case_keys:
            values, source, row_origins = series.values, series.source, origins
            if c in cases:
                override = cases[c][0]
                kept = len(series.values) - len(override)
                values = list(series.values[:kept]) + list(override)
                source = cases[c][1]
                case_path = ("scenarios", "cases", self.case_keys.index(c) - 1, "overrides", address)
                row_origins = place([origins[positions[k]] for k in range(kept)]
                                    + [case_path + (k,) for k in range(len(override))])
            row = self.line("in", f"{key}__{c}", f"{zh}［{self.case_names[c][0]}］", f"{en} [{self.case_names[c][1]}]",
                            unit, fmt, place(values), name=False, source=source)
            row.input_kind, row.origins = kind, row_origins
            self.case_inputs[address][c] = row.key
        return live.key

    def input_cell(self, key, zh, en, unit, fmt, value, source, kind: str = "", address: str | None = None,
                   origin: tuple | None = None) -> str:
        kind = kind or INPUT_KINDS.get(fmt, fmt)
        cases = self.cases_overriding(address)
        if not cases:
            item = self.cell("in", key, zh, en, unit, fmt, value, name=False, source=source)
            item.input_kind, item.origin = kind, origin
            self.case_inputs[address] = {c: item.key for c in self.case_keys}
            return item.key
        live = self.cell("in", key, zh, en, unit, fmt,
                         CHOOSE(Cell(self.inp["scenario_index"]), *[Cell(f"IN_{key}__{c}") for c in self.case_keys]),
                         name=False, source=f"Live scenario (selector above) of the rows below. {source}")
        self.case_inputs[address] = {}
        for c in self.case_keys:
            v, src = (cases[c][0], cases[c][1]) if c in cases else (value, source)
            row = self.cell("in", f"{key}__{c}", f"{zh}［{self.case_names[c][0]}］", f"{en} [{self.case_names[c][1]}]",
                            unit, fmt, v, name=False, source=src)
            row.input_kind = kind
            row.origin = (("scenarios", "cases", self.case_keys.index(c) - 1, "overrides", address)
                          if c in cases else origin)
            self.case_inputs[address][c] = row.key
        return live.key

    def path_of(self, obj) -> tuple:
        """Where a schema object sits in the assumptions (e.g. ('revenue', 'segments', 0, 'growth'))."""
        return self.paths[id(obj)]

    def cases_overriding(self, address: str | None) -> dict[str, tuple]:
        """Case key -> (override value, source) for the cases that override this driver."""
        if address is None:
            return {}
        return {c.key: (c.overrides[address], c.source) for c in self.a.scenarios.cases if address in c.overrides}

    def case_input(self, address: str, case: str) -> str:
        return self.case_inputs[address][case]

    def driver_input(self, key: str, zh: str, en: str, driver: Driver, address: str | None = None) -> str | None:
        if driver.kind == DriverKind.flat:
            return None
        wzh, wen, unit = DRIVER_WORDS[driver.kind]
        return self.input_series(f"{key}_{driver.kind.value}", f"{zh}：{wzh}", f"{en}: {wen}", unit,
                                 "pct" if unit == PCT else "money", Series(values=driver.values, source=driver.source),
                                 "estimate", kind="growth" if driver.kind == DriverKind.growth else "",
                                 address=address, origin=self.path_of(driver) + ("values",))

    def driven(self, driver: Driver, self_key: str, input_key: str | None, revenue: Expr, cost: Expr) -> Expr:
        """The estimate-year formula of a driven line."""
        k = driver.kind
        if k == DriverKind.pct_of_revenue:
            return revenue * Line(input_key)
        if k == DriverKind.pct_of_cost_of_revenue:
            return cost * Line(input_key)
        if k == DriverKind.growth:
            return Line(self_key, self.ppy) * (1 + Line(input_key))
        if k == DriverKind.amount:
            return Line(input_key)
        return Line(self_key, 1)

    def fy_total(self, line_key: str) -> str:
        """Key of a line's fiscal-year totals: the line itself in an annual model; in a quarterly
        model a row beside it that sums each complete year's quarters (a flow)."""
        if self.ppy == 1:
            return line_key
        fy_key = f"{line_key}_fy"
        if fy_key not in self.built:
            sheet, item = self.built[line_key]
            entries = [SUM(LineSpan(line_key, self.ppy - 1)) if p.year_end and t >= self.ppy - 1 else None
                       for t, p in enumerate(self.periods)]
            prefix = self.sheets[sheet].prefix
            self.line(sheet, fy_key[len(prefix) + 1:], f"{item.name_zh}（全年）", f"{item.name_en} (fiscal year)",
                      item.unit, item.fmt, entries, total=True)
        return fy_key

    def fiscal_year_totals(self, sheet: str, keys: list[str]):
        if self.ppy > 1:
            self.section(sheet, "全年合计（各季度之和）", "Fiscal-year totals (sum of the quarters)")
            for key in keys:
                self.fy_total(key)

    def basis_value(self, line_key: str, basis_year: Expr) -> Expr:
        """A line's fiscal-year value in the basis year, by exact match on the year row: INDEX/MATCH where each
        year is one period; where quarters repeat the year, SUMIF over the fiscal-year row (blank but at the
        year's last quarter), as no approximate MATCH can be trusted to land on the last equal year."""
        years, fy = LineRange(self.inp["year"]), LineRange(self.fy_total(line_key))
        return INDEX_ROW(fy, MATCH(basis_year, years, 0)) if self.ppy == 1 else SUMIF(years, basis_year, fy)

    def yoy(self, sheet: str, key: str, of: str, zh: str, en: str, prior_cell: str | None):
        first = Cell(prior_cell) if prior_cell else None
        entries = ([first] + [None] * (self.ppy - 1) + [growth(Line(of), Line(of, self.ppy))] * (self.n - self.ppy)
                   if self.ppy == 1 else [None] * self.ppy + [growth(Line(of), Line(of, self.ppy))] * (self.n - self.ppy))
        entries = entries[:self.n]
        return self.line(sheet, key, zh, en, PCT, "pct", entries)

    # -- Assumptions ------------------------------------------------------------------
    def _assumptions(self):
        a, I = self.a, {}
        self.inp = I
        self.section("in", "时间轴", "Timeline")
        year = self.line("in", "year", "财年", "Fiscal year", "year", "year", [p.year for p in self.periods],
                         name=False, source="Model years; A = actual, E = estimate")
        year.input_kind = "year"
        I["year"] = year.key
        sc = a.scenarios
        if sc.cases:
            self.section("in", "情景（选择当前情景）", "Scenarios (choose the live case)")
            names = [self.input_cell(f"scenario_name_{c}", f"情景 {i + 1}", f"Scenario {i + 1}", "text", "text",
                                     self.case_names[c][1], "Scenario names (assumptions file)",
                                     origin=("scenarios", "base_en") if c == "base"
                                     else ("scenarios", "cases", i - 1, "name_en"))
                     for i, c in enumerate(self.case_keys)]
            selector = self.input_cell("scenario_live", "当前情景", "Live scenario", "text", "text",
                                       self.case_names[sc.live][1], "Choose from the list; the whole model follows",
                                       kind="scenario", origin=("scenarios", "live"))
            self.sheets["in"].rows[-1].choices = tuple(names)
            I["scenario_names"] = names
            I["scenario_index"] = self.cell("in", "scenario_index", "当前情景序号", "Live scenario number", "#", "int",
                                            MATCH(Cell(selector), CellRange(tuple(names)), 0), name=False).key
        m = a.market
        self.section("in", "市场数据", "Market data")
        I["price"] = self.input_cell("price", "收盘价", "Share price", a.units.market_symbol, "price",
                                     m.price.value, m.price.source, address="market.price",
                                     origin=("market", "price", "value"))
        I["price_date"] = self.input_cell("price_date", "股价日期", "Price date", "date", "date", m.price_date,
                                          m.price.source, origin=("market", "price_date"))
        I["shares"] = self.input_cell("shares", "总股本", "Shares outstanding", "m shares", "shares",
                                      m.shares_outstanding_m.value, m.shares_outstanding_m.source,
                                      address="market.shares_outstanding_m",
                                      origin=("market", "shares_outstanding_m", "value"))
        I["fx"] = self.input_cell("fx", f"汇率（{a.units.market_currency}/{a.units.currency}）",
                                  f"FX ({a.units.market_currency} per {a.units.currency})",
                                  f"{a.units.market_currency}/{a.units.currency}", "fx", m.fx.value, m.fx.source,
                                  address="market.fx", origin=("market", "fx", "value"))
        v = a.valuation
        self.section("in", "估值假设", "Valuation inputs")
        I["target_multiple"] = self.input_cell("target_multiple", f"目标 {v.multiple}", f"Target {v.multiple}",
                                               "x", "multiple", v.target_multiple.value, v.target_multiple.source,
                                               address="valuation.target_multiple",
                                               origin=("valuation", "target_multiple", "value"))
        I["basis_year"] = self.input_cell("basis_year", "估值基准年", "Valuation basis year", "year", "year",
                                          v.basis_year, v.target_multiple.source, origin=("valuation", "basis_year"))
        self.section("in", "评级标准（预期涨幅下限）", "Rating scale (lowest upside for each rating)")
        I["rating_min"] = [self.input_cell(f"rating_min_{i}", f"{r.zh}：最低涨幅", f"{r.en}: lowest upside", PCT,
                                           "pct", r.min_upside, "Report rating definitions", kind="threshold",
                                           origin=("valuation", "rating_scale", i, "min_upside"))
                           for i, r in enumerate(v.rating_scale)]
        I["rating_zh"] = [self.input_cell(f"rating_zh_{i}", f"评级 {i + 1}（中文）", f"Rating {i + 1} (Chinese)", "text",
                                          "text", r.zh, "Report rating definitions",
                                          origin=("valuation", "rating_scale", i, "zh"))
                          for i, r in enumerate(v.rating_scale)]
        I["rating_en"] = [self.input_cell(f"rating_en_{i}", f"评级 {i + 1}（英文）", f"Rating {i + 1} (English)", "text",
                                          "text", r.en, "Report rating definitions",
                                          origin=("valuation", "rating_scale", i, "en"))
                          for i, r in enumerate(v.rating_scale)]
        c = a.checks
        self.section("in", "检查容差", "Check tolerances")
        I["tol_actual"] = self.input_cell("tol_actual", "容差：实际年（报告四舍五入）",
                                          "Tolerance, actual years (report rounding)", MONEY, "money",
                                          c.tolerance_actual.value, c.tolerance_actual.source,
                                          origin=("checks", "tolerance_actual", "value"))
        I["tol_estimate"] = self.input_cell("tol_estimate", "容差：预测年", "Tolerance, estimate years", MONEY,
                                            "tolerance", c.tolerance_estimate.value, c.tolerance_estimate.source,
                                            origin=("checks", "tolerance_estimate", "value"))

        self.section("in", "收入假设", "Revenue drivers")
        r = a.revenue
        if r.prior_growth:
            I["revenue_prior_growth"] = self.input_cell(
                "revenue_prior_growth", f"总收入增长（{self.periods[0].label}）",
                f"Total revenue growth ({self.periods[0].label})", PCT, "pct", r.prior_growth.value,
                r.prior_growth.source, origin=("revenue", "prior_growth", "value"))
        for s in r.segments:
            I[f"seg_{s.key}"] = self.input_series(f"seg_{s.key}_actual", f"{s.name_zh}：实际", f"{s.name_en}: actual",
                                                  MONEY, "money", s.actuals, "actual")
            I[f"seg_{s.key}_growth"] = self.input_series(f"seg_{s.key}_growth", f"{s.name_zh}：同比增长",
                                                         f"{s.name_en}: growth", PCT, "pct", s.growth, "estimate",
                                                         kind="growth", address=f"revenue.segments.{s.key}.growth")
            if s.prior_growth:
                I[f"seg_{s.key}_prior"] = self.input_cell(
                    f"seg_{s.key}_prior_growth", f"{s.name_zh}：增长（{self.periods[0].label}）",
                    f"{s.name_en}: growth ({self.periods[0].label})", PCT, "pct", s.prior_growth.value,
                    s.prior_growth.source, origin=self.path_of(s.prior_growth) + ("value",))

        self.section("in", "成本与费用假设", "Cost and expense drivers")
        cr = a.cost_of_revenue
        I["cogs"] = self.input_series("cogs_actual", "营业成本：实际", "Cost of revenue: actual", MONEY, "money",
                                      cr.actuals, "actual")
        I["gross_margin"] = self.input_series("gross_margin", "毛利率", "Gross margin", PCT, "pct",
                                              cr.gross_margin, "estimate", kind="margin",
                                              address="cost_of_revenue.gross_margin")
        costs = list(a.opex) + ([a.impairment] if a.impairment else [])
        for c in costs:
            I[f"cost_{c.key}"] = self.input_series(f"cost_{c.key}_actual", f"{c.name_zh}：实际",
                                                   f"{c.name_en}: actual", MONEY, "money", c.actuals, "actual")
            address = "impairment.driver" if c is a.impairment else f"opex.{c.key}.driver"
            I[f"cost_{c.key}_driver"] = self.driver_input(f"cost_{c.key}", c.name_zh, c.name_en, c.driver, address)

        self.section("in", "其他损益假设（损益表符号：负数为费用或亏损）",
                     "Other P&L drivers (income-statement sign: negative is an expense or loss)")
        for c in a.non_operating:
            I[f"nonop_{c.key}"] = self.input_series(f"nonop_{c.key}_actual", f"{c.name_zh}：实际",
                                                    f"{c.name_en}: actual", MONEY, "money", c.actuals, "actual")
            I[f"nonop_{c.key}_driver"] = self.driver_input(f"nonop_{c.key}", c.name_zh, c.name_en, c.driver,
                                                           f"non_operating.{c.key}.driver")
        t = a.tax
        I["tax"] = self.input_series("tax_actual", f"{t.name_zh}：实际", f"{t.name_en}: actual", MONEY, "money",
                                     t.actuals, "actual")
        I["tax_rate"] = self.input_series("tax_rate", "实际税率（税费/税前利润）",
                                          "Effective tax rate (tax expense / profit before tax)", PCT, "pct",
                                          t.effective_rate, "estimate", kind="rate", address="tax.effective_rate")
        I["minority_share"] = self.input_series("minority_share", "少数股东损益占净利润比例",
                                                "Minority interests' share of net profit", PCT, "pct",
                                                a.minority_share, "estimate", kind="rate", address="minority_share")
        adj = a.adjustments
        I["adjustments"] = self.input_series("adjustments_actual", f"{adj.name_zh}：实际", f"{adj.name_en}: actual",
                                             MONEY, "money", adj.actuals, "actual")
        I["adjustments_other"] = self.driver_input("adjustments_other", "其他调整项", "Other adjustments", adj.other,
                                                   "adjustments.other")
        if a.adj_net_profit_prior_growth:
            g = a.adj_net_profit_prior_growth
            I["adj_np_prior"] = self.input_cell("adj_np_prior_growth", f"调整后净利润增长（{self.periods[0].label}）",
                                                f"Adjusted net profit growth ({self.periods[0].label})", PCT, "pct",
                                                g.value, g.source, origin=("adj_net_profit_prior_growth", "value"))
        I["eps_shares"] = self.input_series("eps_shares", "每股收益计算股数", "Shares for EPS", "m shares", "shares",
                                            a.eps_shares_m, "all")

        self.section("in", "资产负债表假设", "Balance-sheet drivers")
        for b in a.balance_sheet:
            I[f"bs_{b.key}"] = self.input_series(f"bs_{b.key}_actual", f"{b.name_zh}：实际", f"{b.name_en}: actual",
                                                 MONEY, "money", b.actuals, "actual")
            if b.driver is not None:
                I[f"bs_{b.key}_driver"] = self.driver_input(f"bs_{b.key}", b.name_zh, b.name_en, b.driver,
                                                            f"balance_sheet.{b.key}.driver")

        self.section("in", "现金流假设", "Cash-flow drivers")
        cf = a.cash_flow
        I["capex_driver"] = self.driver_input("capex", "资本开支", "Capital expenditure", cf.capex, "cash_flow.capex")
        I["dep_rate"] = self.input_series("dep_rate", "折旧摊销率（占期初固定资产）",
                                          "Depreciation & amortisation / opening fixed assets", PCT, "pct",
                                          cf.depreciation_rate, "estimate", kind="rate",
                                          address="cash_flow.depreciation_rate")
        fx_all = Series(values=cf.actuals.fx_effect_on_cash.values + cf.fx_effect_on_cash.values,
                        source=f"{cf.actuals.fx_effect_on_cash.source}; {cf.fx_effect_on_cash.source}")
        n_fx_act = len(cf.actuals.fx_effect_on_cash.values)
        I["fx_cash"] = self.input_series(
            "fx_effect_on_cash", "汇率变动对现金的影响", "FX effect on cash", MONEY, "money", fx_all, "all",
            address="cash_flow.fx_effect_on_cash",
            origins=[("cash_flow", "actuals", "fx_effect_on_cash", "values", k) if k < n_fx_act
                     else ("cash_flow", "fx_effect_on_cash", "values", k - n_fx_act) for k in range(self.n)])
        for name, (zh, en) in CF_ACTUAL_LINES.items():
            I[f"cf_{name}"] = self.input_series(f"cf_{name}_actual", f"{zh}：实际", f"{en}: actual", MONEY, "money",
                                                getattr(cf.actuals, name), "actual")

        if v.peers:
            self.section("in", "可比公司（市值与收入，单位见各行）", "Peers (market cap and revenue; units per row)")
            I["peers"] = []
            for i, peer in enumerate(v.peers):
                cap = self.input_cell(f"peer_{i}_market_cap", f"{peer.name_zh}：总市值",
                                      f"{peer.name_en} ({peer.code}): market cap", f"{peer.currency} 100m", "money",
                                      peer.market_cap if peer.market_cap is not None else NA_TEXT, peer.source,
                                      kind="peer", origin=("valuation", "peers", i, "market_cap"))
                rev = self.input_series(
                    f"peer_{i}_revenue", f"{peer.name_zh}：营业收入", f"{peer.name_en} ({peer.code}): revenue",
                    f"{peer.currency} 100m", "money",
                    _Values([_or_na(peer.revenue, p.year)
                             if p.year_end and (p.year in peer.revenue or p.year in v.peer_years)
                             else None for p in self.periods], peer.source), "all", kind="peer",
                    origins=[("valuation", "peers", i, "revenue", p.year) for p in self.periods])
                I["peers"].append((cap, rev))

        self.section("in", "敏感性分析（相对基准的变动）", "Sensitivity axes (changes around the base case)")
        sens = a.sensitivity
        for name, zh, en, unit, fmt in (("multiple_changes", f"目标 {v.multiple} 变动", f"Target {v.multiple} change",
                                         "x", "multiple"),
                                        ("revenue_changes", "基准年收入变动", "Basis-year revenue change", PCT, "pct"),
                                        ("fx_changes", "汇率变动", "FX change", PCT, "pct")):
            axis = getattr(sens, name)
            # Column 0 stays empty so grid columns 1..n line up with these inputs.
            item = self.line("in", f"sens_{name}", zh, en, unit, fmt, [None] + list(axis.values), name=False,
                             source=axis.source)
            item.periodic, item.input_kind = False, "sensitivity"
            item.origins = [None] + [("sensitivity", name, "values", k) for k in range(len(axis.values))]
            I[f"sens_{name}"] = item.key

        if cf.printed:
            self.section("in", "报告现金流量表（仅供对照）", "Report's printed cash flow (for comparison only)")
            I["printed"] = {}
            for name, s in cf.printed.items():
                zh, en = CF_LABELS[name]
                I["printed"][name] = self.input_series(f"printed_{name}", f"报告：{zh}", f"Report: {en}", MONEY,
                                                       "money", s, "all")

    # -- Revenue Build ----------------------------------------------------------------
    def _revenue_build(self):
        a, I = self.a, self.inp
        seg_keys = [f"RB_{s.key}" for s in a.revenue.segments]
        self.section("rb", "收入拆分（按客户/分部）", "Revenue by customer / segment")
        total = self.line("rb", "revenue_total", "总收入", "Total revenue", MONEY, "money",
                          [sum_of(seg_keys)] * self.n, total=True)
        self.yoy("rb", "revenue_total_yoy_pct", total.key, "总收入同比", "Total revenue YoY",
                 I.get("revenue_prior_growth"))
        for s in a.revenue.segments:  # contiguous rows, so every sum of them is one range
            key = f"RB_{s.key}"
            self.line("rb", s.key, s.name_zh, s.name_en, MONEY, "money",
                      self.entries(Line(I[f"seg_{s.key}"]),
                                   Line(key, self.ppy) * (1 + Line(I[f"seg_{s.key}_growth"]))))
        for s in a.revenue.segments:
            key = f"RB_{s.key}"
            self.yoy("rb", f"{s.key}_yoy_pct", key, f"{s.name_zh}同比", f"{s.name_en} YoY", I.get(f"seg_{s.key}_prior"))
        self.revenue_rb = Line(total.key)

        self.section("rb", "毛利与费用", "Gross profit and operating expenses")
        gp = self.line("rb", "gross_profit", "毛利润", "Gross profit", MONEY, "money", [Line("IS_gross_profit")] * self.n)
        self.line("rb", "gross_margin_pct", "毛利率", "Gross margin", PCT, "pct", [Line(gp.key) / self.revenue_rb] * self.n)
        for c in a.opex:
            key = f"RB_{c.key}"
            estimate = self.driven(c.driver, key, I[f"cost_{c.key}_driver"], self.revenue_rb,
                                   -Line("IS_cost_of_revenue"))
            self.line("rb", c.key, c.name_zh, c.name_en, MONEY, "money", self.entries(Line(I[f"cost_{c.key}"]), estimate))
            self.line("rb", f"{c.key}_pct", f"{c.name_zh}费用率", f"{c.name_en} / revenue", PCT, "pct",
                      [Line(key) / self.revenue_rb] * self.n)
        self.line("rb", "adj_net_profit", "调整后净利润", "Adjusted net profit", MONEY, "money",
                  [Line("IS_adj_net_profit")] * self.n, total=True)
        self.fiscal_year_totals("rb", ["RB_revenue_total"] + [f"RB_{s.key}" for s in a.revenue.segments])

    # -- P&L --------------------------------------------------------------------------
    def _income_statement(self):
        a, I = self.a, self.inp
        rev = Line("IS_revenue")
        self.section("is", "合并损益表（费用为负数）", "Income statement (expenses negative)")
        self.line("is", "revenue", "总收入", "Revenue", MONEY, "money", [self.revenue_rb] * self.n, total=True)
        self.line("is", "cost_of_revenue", "营业成本", "Cost of revenue", MONEY, "money",
                  self.entries(-Line(I["cogs"]), -(rev * (1 - Line(I["gross_margin"])))))
        self.line("is", "gross_profit", "毛利", "Gross profit", MONEY, "money",
                  [rev + Line("IS_cost_of_revenue")] * self.n, total=True)
        cost_keys = []
        for c in a.opex:
            cost_keys.append(self.line("is", c.key, c.name_zh, c.name_en, MONEY, "money",
                                       [-Line(f"RB_{c.key}")] * self.n).key)
        if a.impairment:
            imp = a.impairment
            key = f"IS_{imp.key}"
            # Expense lines are negative here, so the driver's positive amount is negated.
            estimate = -self.driven(imp.driver, key, I[f"cost_{imp.key}_driver"], rev, -Line("IS_cost_of_revenue"))
            cost_keys.append(self.line("is", imp.key, imp.name_zh, imp.name_en, MONEY, "money",
                                       self.entries(-Line(I[f"cost_{imp.key}"]), estimate)).key)
        self.impairment_line = f"IS_{a.impairment.key}" if a.impairment else None
        self.line("is", "operating_profit", "经营利润", "Operating profit", MONEY, "money",
                  [Line("IS_gross_profit") + sum_of(cost_keys)] * self.n, total=True)
        nonop = []
        for c in a.non_operating:
            key = f"IS_{c.key}"
            estimate = self.driven(c.driver, key, I[f"nonop_{c.key}_driver"], rev, -Line("IS_cost_of_revenue"))
            nonop.append(self.line("is", c.key, c.name_zh, c.name_en, MONEY, "money",
                                   self.entries(Line(I[f"nonop_{c.key}"]), estimate)).key)
        pbt = Line("IS_operating_profit") + sum_of(nonop) if nonop else Line("IS_operating_profit")
        self.line("is", "profit_before_tax", "除所得税前利润", "Profit before tax", MONEY, "money", [pbt] * self.n,
                  total=True)
        t = a.tax
        self.line("is", t.key, t.name_zh, t.name_en, MONEY, "money",
                  self.entries(Line(I["tax"]), -(Line("IS_profit_before_tax") * Line(I["tax_rate"]))))
        np_ = self.line("is", "net_profit", "净利润", "Net profit", MONEY, "money",
                        [Line("IS_profit_before_tax") + Line(f"IS_{t.key}")] * self.n, total=True)
        self.line("is", "net_profit_minority", "少数股东损益", "Attributable to minority interests", MONEY, "money",
                  self.entries(None, Line(np_.key) * Line(I["minority_share"])))
        self.line("is", "net_profit_parent", "归母净利润", "Attributable to shareholders", MONEY, "money",
                  self.entries(None, Line(np_.key) - Line("IS_net_profit_minority")))
        adj = a.adjustments
        other = self.driven(adj.other, f"IS_{adj.key}", I["adjustments_other"], rev, -Line("IS_cost_of_revenue"))
        if a.impairment and a.impairment.add_back_in_adjusted_profit:
            other = other - Line(self.impairment_line)
        self.line("is", adj.key, adj.name_zh, adj.name_en, MONEY, "money", self.entries(Line(I["adjustments"]), other))
        self.line("is", "adj_net_profit", "调整后净利润", "Adjusted net profit", MONEY, "money",
                  [Line(np_.key) + Line(f"IS_{adj.key}")] * self.n, total=True)
        self.fiscal_year_totals("is", ["IS_revenue", "IS_gross_profit", "IS_operating_profit", "IS_net_profit",
                                       "IS_adj_net_profit"])

    # -- Balance Sheet ----------------------------------------------------------------
    def _balance_sheet(self):
        a, I = self.a, self.inp
        rev, cost = Line("IS_revenue"), -Line("IS_cost_of_revenue")
        by_section = {s: [b for b in a.balance_sheet if b.section == s] for s in BSSection}
        pool = [f"BS_{b.key}" for b in a.balance_sheet if b.role == BSRole.restricted_cash]
        imp = a.impairment

        def estimate(b):
            key = f"BS_{b.key}"
            if b.role == BSRole.cash:
                return Line("CF_cash_end") - sum_of(pool) if pool else Line("CF_cash_end")
            if b.role == BSRole.fixed_assets:
                rolled = Line(key, 1) + Line("BS_capex") - Line("BS_depreciation")
                if imp and imp.charged_to == b.key:
                    rolled = rolled + Line(self.impairment_line)  # impairment line is negative
                return rolled
            if b.role == BSRole.retained_earnings:
                # FX translation of cash goes through other comprehensive income into equity.
                return Line(key, 1) + Line("IS_net_profit_parent") + Line("CF_fx_effect_on_cash")
            if b.role == BSRole.minority_interest:
                return Line(key, 1) + Line("IS_net_profit_minority")
            return self.driven(b.driver, key, I.get(f"bs_{b.key}_driver"), rev, cost)

        def lines(section):
            return [self.line("bs", b.key, b.name_zh, b.name_en, MONEY, "money",
                              self.entries(Line(I[f"bs_{b.key}"]), estimate(b))).key for b in by_section[section]]

        def subtotal(key, zh, en, parts: list[Expr]):
            expr = parts[0] if parts else wrap(0)  # a section with no lines (no current liabilities)
            for p in parts[1:]:
                expr = expr + p
            return self.line("bs", key, zh, en, MONEY, "money", [expr] * self.n, total=True).key

        def rows_sum(keys):
            return [sum_of(keys)] if keys else []

        self.section("bs", "合并资产负债表", "Balance sheet")
        ca = subtotal("current_assets", "流动资产", "Current assets", rows_sum(lines(BSSection.current_assets)))
        nca = lines(BSSection.non_current_assets)
        ta = subtotal("total_assets", "资产总计", "Total assets", [Line(ca)] + rows_sum(nca))
        cl = subtotal("current_liabilities", "流动负债", "Current liabilities",
                      rows_sum(lines(BSSection.current_liabilities)))
        ncl = lines(BSSection.non_current_liabilities)
        tl = subtotal("total_liabilities", "负债合计", "Total liabilities", [Line(cl)] + rows_sum(ncl))
        eq = subtotal("total_equity", "股东权益", "Total equity", rows_sum(lines(BSSection.equity)))
        subtotal("total_liabilities_and_equity", "负债和股东权益合计", "Total liabilities and equity",
                 [Line(tl), Line(eq)])
        self.total_assets, self.total_le = ta, "BS_total_liabilities_and_equity"

        fa = next(b for b in a.balance_sheet if b.role == BSRole.fixed_assets)
        self.section("bs", "固定资产变动", "Fixed-asset roll-forward")
        cf = a.cash_flow
        capex = self.driven(cf.capex, "BS_capex", I["capex_driver"], rev, cost)
        self.line("bs", "capex", "资本开支", "Capital expenditure", MONEY, "money", self.entries(None, capex))
        self.line("bs", "depreciation", "折旧摊销", "Depreciation & amortisation", MONEY, "money",
                  self.entries(None, Line(f"BS_{fa.key}", 1) * Line(I["dep_rate"])))

    # -- Cash Flow --------------------------------------------------------------------
    def _cash_flow(self):
        a, I = self.a, self.inp
        imp = a.impairment
        liab_sections = (BSSection.current_liabilities, BSSection.non_current_liabilities, BSSection.equity)

        def flows(role: BSRole) -> Expr:
            """Cash effect of the year's change in every balance-sheet line of a role."""
            terms = []
            for b in a.balance_sheet:
                if b.role != role:
                    continue
                key = f"BS_{b.key}"
                change = Line(key) - Line(key, 1)
                if imp and imp.charged_to == b.key and role != BSRole.fixed_assets:
                    change = change - Line(self.impairment_line)  # add back the non-cash write-down
                terms.append(change if b.section in liab_sections else -change)
            if not terms:
                return wrap(0)
            expr = terms[0]
            for t in terms[1:]:
                expr = expr + t
            return expr

        def actual(name):
            return Line(I[f"cf_{name}"])

        self.section("cf", "合并现金流量表", "Cash-flow statement")
        self.line("cf", "net_profit", "净利润", "Net profit", MONEY, "money", [Line("IS_net_profit")] * self.n)
        dep = Line("BS_depreciation") - Line(self.impairment_line) if imp else Line("BS_depreciation")
        self.line("cf", "dep_amort_impairment", "加：折旧摊销减值", "Add: D&A and impairment", MONEY, "money",
                  self.entries(actual("dep_amort_impairment"), dep))
        self.line("cf", "working_capital_change", "营运资本变动", "Change in working capital", MONEY, "money",
                  self.entries(actual("working_capital_change"), flows(BSRole.working_capital)))
        self.line("cf", "other_operating", "其它", "Other operating items", MONEY, "money",
                  self.entries(actual("other_operating"), flows(BSRole.other_operating)))
        self.line("cf", "cfo", "经营活动现金流", "Cash flow from operations", MONEY, "money",
                  [SUM(Rows(("CF_net_profit", "CF_dep_amort_impairment", "CF_working_capital_change",
                             "CF_other_operating")))] * self.n, total=True)
        self.line("cf", "capex", "资本开支", "Capital expenditure", MONEY, "money",
                  self.entries(actual("capex"), -Line("BS_capex")))
        self.line("cf", "other_investing", "其它投资现金流", "Other investing", MONEY, "money",
                  self.entries(actual("other_investing"), flows(BSRole.investing)))
        self.line("cf", "cfi", "投资活动现金流", "Cash flow from investing", MONEY, "money",
                  [SUM(Rows(("CF_capex", "CF_other_investing")))] * self.n, total=True)
        self.line("cf", "net_debt_change", "负债净变化", "Net change in debt", MONEY, "money",
                  self.entries(actual("net_debt_change"), flows(BSRole.debt)))
        self.line("cf", "other_financing", "其它融资现金流", "Other financing", MONEY, "money",
                  self.entries(actual("other_financing"), flows(BSRole.other_financing)))
        self.line("cf", "cff", "融资活动现金流", "Cash flow from financing", MONEY, "money",
                  [SUM(Rows(("CF_net_debt_change", "CF_other_financing")))] * self.n, total=True)
        self.line("cf", "net_cash_flow", "净现金流", "Net cash flow", MONEY, "money",
                  [Line("CF_cfo") + Line("CF_cfi") + Line("CF_cff")] * self.n, total=True)
        fx_inputs = self.built[I["fx_cash"]][1].entries  # blank where the FX effect was not reported
        self.line("cf", "fx_effect_on_cash", "汇率变动影响", "FX effect on cash", MONEY, "money",
                  [None if fx_inputs[p] is None else Line(I["fx_cash"]) for p in range(self.n)])
        pool = tuple(f"BS_{b.key}" for b in a.balance_sheet if b.role in (BSRole.cash, BSRole.restricted_cash))
        self.cash_pool = pool
        # Actual years: the reported balances. Estimates: last year's cash plus this year's cash flow.
        self.line("cf", "cash_end", "期末现金及受限制现金", "Cash and restricted cash, end of year", MONEY, "money",
                  self.entries(sum_of(pool),
                               Line("CF_cash_end", 1) + Line("CF_net_cash_flow") + Line("CF_fx_effect_on_cash")),
                  total=True)

        self.fiscal_year_totals("cf", ["CF_cfo", "CF_capex", "CF_cfi", "CF_cff", "CF_net_cash_flow"])
        printed = I.get("printed")
        if printed:
            self.section("cf", "报告现金流量表（印刷值）", "Report's cash flow as printed")
            for name, key in printed.items():
                zh, en = CF_LABELS[name]
                self.line("cf", f"printed_{name}", f"报告：{zh}", f"Report: {en}", MONEY, "money",
                          [Line(key)] * self.n, name=False)
            self.section("cf", "模型减报告", "Model minus report")
            for name in printed:
                zh, en = CF_LABELS[name]
                self.line("cf", f"diff_{name}", f"差异：{zh}", f"Difference: {en}", MONEY, "diff",
                          [Line(f"CF_{name}") - Line(f"CF_printed_{name}")] * self.n, name=False)
            self.note("cf",
                "报告的现金流明细与其资产负债表不能逐行勾稽；本模型保持资产负债表平衡，净利润、资本开支与净现金流与报告一致，其余明细行差异见上。",
                "The report's cash-flow lines do not articulate with its balance sheet line by line. This model "
                "keeps the balance sheet in balance and matches net profit, capex and net cash flow; the other "
                "lines differ as shown above.")

    # -- Valuation --------------------------------------------------------------------
    def _valuation(self):
        a, I = self.a, self.inp
        v = a.valuation
        mkt, sym = self.mkt, a.units.market_symbol
        adj = Line("IS_adj_net_profit")
        equity = Line("BS_total_equity")

        self.section("val", "财务数据及估值指标", "Key financials and valuation metrics")
        self.line("val", "revenue", "营业收入", "Revenue", MONEY, "money", [Line("IS_revenue")] * self.n)
        rb_yoy = self.built["RB_revenue_total_yoy_pct"][1].entries
        self.line("val", "revenue_yoy_pct", "营业收入同比", "Revenue YoY", PCT, "pct",
                  [None if e is None else Line("RB_revenue_total_yoy_pct") for e in rb_yoy])  # no link to a blank
        self.line("val", "adj_net_profit", "调整后净利润", "Adjusted net profit", MONEY, "money", [adj] * self.n)
        self.yoy("val", "adj_net_profit_yoy_pct", "KPI_adj_net_profit", "调整后净利润同比", "Adjusted net profit YoY",
                 I.get("adj_np_prior"))
        self.line("val", "adj_net_margin_pct", "调整后净利率", "Adjusted net margin", PCT, "pct",
                  [Line("KPI_adj_net_profit") / Line("KPI_revenue")] * self.n)
        self.line("val", f"eps_{self.cur}", "每股收益", "EPS", a.units.currency, "eps",
                  [Line("KPI_adj_net_profit") / Line(I["eps_shares"])] * self.n)
        self.line("val", "roe_pct", "净资产收益率", "ROE", PCT, "pct", [Line("KPI_adj_net_profit") / equity] * self.n)
        mcap = Cell(f"VAL_market_cap_{self.cur}_m")
        self.line("val", "pe", "市盈率", "P/E", "x", "multiple",
                  [IF(Line("KPI_adj_net_profit").gt(0), mcap / Line("KPI_adj_net_profit"), "n.m.")] * self.n)
        self.line("val", "pb", "市净率", "P/B", "x", "multiple", [mcap / equity] * self.n)
        if self.ppy > 1:
            self._fiscal_year_metrics(mcap, equity)
        self.note("val", "每股收益 = 调整后净利润 / 总股本；ROE 与 P/B 以年末股东权益（含少数股东权益）计算；亏损年份市盈率为 n.m.",
                  "EPS = adjusted net profit / shares; ROE and P/B use year-end total equity "
                  "(incl. minority interests); P/E is n.m. in loss years.")

        if v.peers:
            self.section("val", f"可比公司估值（{v.multiple} = 总市值 / 营业收入）",
                         f"Peer valuation ({v.multiple} = market cap / revenue)")
            ps_keys = []
            for i, (cap, rev) in enumerate(I["peers"]):
                peer = v.peers[i]
                ps = IF(AND(ISNUMBER(Cell(cap)), ISNUMBER(Line(rev))), Cell(cap) / Line(rev), NA_TEXT)
                entries = [ps if p.year in v.peer_years and p.year_end else None for p in self.periods]
                ps_keys.append(self.line("val", f"peer_{i}_ps", peer.name_zh, f"{peer.name_en} ({peer.code})", "x",
                                         "multiple", entries, name=False).key)
            avg = self.line("val", "peer_avg_ps", "平均值", "Peer average", "x", "multiple",
                            [AVERAGE(Rows(tuple(ps_keys))) if p.year in v.peer_years and p.year_end else None
                             for p in self.periods], name=False, total=True)
            avg.cell_names = {i: f"VAL_peer_avg_{v.multiple.replace('/', '').lower()}_{p.label.lower()}"
                              for i, p in enumerate(self.periods) if p.year in v.peer_years and p.year_end}
            # The target beside its peers, in the basis year (the peer chart reads these rows).
            self.line("val", "target_multiple_row", f"目标 {v.multiple}（{a.company.name_zh}）",
                      f"Target {v.multiple} ({a.company.name_en})", "x", "multiple",
                      [Cell("VAL_target_ps") if p.year == v.basis_year and p.year_end else None
                       for p in self.periods],
                      name=False, total=True)
            self.section("val", "可比公司营业收入同比", "Peer revenue growth")
            for i, (cap, rev) in enumerate(I["peers"]):
                peer = v.peers[i]
                lag = self.ppy
                yoy = IF(AND(ISNUMBER(Line(rev)), ISNUMBER(Line(rev, lag))), growth(Line(rev), Line(rev, lag)), NA_TEXT)
                entries = [yoy if p.year in v.peer_years and p.year_end and t >= lag
                           and self.periods[t - lag].year in peer.revenue else None
                           for t, p in enumerate(self.periods)]
                self.line("val", f"peer_{i}_yoy", f"{peer.name_zh}：收入同比", f"{peer.name_en}: revenue YoY", PCT,
                          "pct", entries, name=False)

        self.section("val", "目标估值", "Target valuation")
        sheet = "val"
        price = self.cell(sheet, "price", "收盘价", "Share price", sym, "price", Cell(I["price"]), prefix="VAL")
        self.cell(sheet, "price_date", "股价日期", "Price date", "date", "date", Cell(I["price_date"]), prefix="VAL")
        shares = self.cell(sheet, "shares_m", "总股本", "Shares outstanding", "m shares", "shares", Cell(I["shares"]),
                           prefix="VAL")
        fx = self.cell(sheet, "fx", "汇率", f"FX ({a.units.market_currency} per {a.units.currency})",
                       f"{a.units.market_currency}/{a.units.currency}", "fx", Cell(I["fx"]), prefix="VAL")
        mc = self.cell(sheet, f"market_cap_{mkt}_m", "当前市值", "Market cap", f"{sym} m", "money",
                       Cell(price.key) * Cell(shares.key), prefix="VAL")
        if self.cur != mkt:  # P/E and P/B need the market cap in the reporting currency
            self.cell(sheet, f"market_cap_{self.cur}_m", "当前市值（报告货币）", f"Market cap ({a.units.currency})",
                      self.money, "money", Cell(mc.key) / Cell(fx.key), prefix="VAL")
        tps = self.cell(sheet, "target_ps", f"目标 {v.multiple}", f"Target {v.multiple}", "x", "multiple",
                        Cell(I["target_multiple"]), prefix="VAL")
        by = self.cell(sheet, "basis_year", "估值基准年", "Basis year", "year", "year", Cell(I["basis_year"]),
                       prefix="VAL")
        brev = self.cell(sheet, "basis_revenue", "基准年收入", "Basis-year revenue", self.money, "money",
                         self.basis_value("IS_revenue", Cell(by.key)), prefix="VAL")
        tmc = self.cell(sheet, f"target_market_cap_{mkt}_m", "目标市值", "Target market cap", f"{sym} m", "money",
                        Cell(tps.key) * Cell(brev.key) * Cell(fx.key), prefix="VAL", total=True)
        tp = self.cell(sheet, f"target_price_{mkt}", "目标价", "Target price", sym, "price",
                       Cell(tmc.key) / Cell(shares.key), prefix="VAL", total=True)
        up = self.cell(sheet, "upside", "上涨空间", "Upside", PCT, "pct", Cell(tp.key) / Cell(price.key) - 1,
                       prefix="VAL", total=True)
        idx = self.cell(sheet, "rating_index", "评级序号", "Rating position in scale", "#", "int",
                        MATCH(Cell(up.key), CellRange(tuple(I["rating_min"])), 1), prefix="VAL")
        zh = self.cell(sheet, "rating_zh", "评级", "Rating (Chinese)", "text", "text",
                       INDEX(CellRange(tuple(I["rating_zh"])), Cell(idx.key)), prefix="VAL")
        en = self.cell(sheet, "rating_en", "评级（英文）", "Rating (English)", "text", "text",
                       INDEX(CellRange(tuple(I["rating_en"])), Cell(idx.key)), prefix="VAL")
        self.cell(sheet, "rating", "投资评级", "Rating", "text", "text",
                  Cell(zh.key).concat(" (").concat(Cell(en.key)).concat(")"), prefix="VAL", total=True)
        self.val = {"tp": tp.key, "tmc": tmc.key, "upside": up.key, "price": price.key, "shares": shares.key,
                    "fx": fx.key, "target_ps": tps.key, "by": by.key, "basis_revenue": brev.key}
        if a.scenarios.cases:
            self._scenario_valuation()
        self._sensitivity()

    def _fiscal_year_metrics(self, mcap: Expr, equity: Expr):
        """A quarterly model's key financials by fiscal year (at each year's last quarter)."""
        self.section("val", "全年指标", "Fiscal-year metrics")
        lag = self.ppy
        ends = [p.year_end and t >= lag - 1 for t, p in enumerate(self.periods)]

        def fy_line(key, zh, en, unit, fmt, expr, first_ok=True):
            entries = [expr if end and (first_ok or t >= 2 * lag - 1) else None for t, end in enumerate(ends)]
            return self.line("val", key, zh, en, unit, fmt, entries).key

        rev = fy_line("revenue_fy", "营业收入（全年）", "Revenue (fiscal year)", MONEY, "money",
                      Line(self.fy_total("IS_revenue")))
        fy_line("revenue_fy_yoy_pct", "营业收入同比（全年）", "Revenue YoY (fiscal year)", PCT, "pct",
                growth(Line(rev), Line(rev, lag)), first_ok=False)
        adj = fy_line("adj_net_profit_fy", "调整后净利润（全年）", "Adjusted net profit (fiscal year)", MONEY, "money",
                      Line(self.fy_total("IS_adj_net_profit")))
        fy_line("adj_net_profit_fy_yoy_pct", "调整后净利润同比（全年）", "Adjusted net profit YoY (fiscal year)", PCT,
                "pct", growth(Line(adj), Line(adj, lag)), first_ok=False)
        fy_line(f"eps_{self.cur}_fy", "每股收益（全年）", "EPS (fiscal year)", self.a.units.currency, "eps",
                Line(adj) / Line(self.inp["eps_shares"]))
        fy_line("roe_pct_fy", "净资产收益率（全年）", "ROE (fiscal year)", PCT, "pct", Line(adj) / equity)
        fy_line("pe_fy", "市盈率（全年）", "P/E (fiscal year)", "x", "multiple",
                IF(Line(adj).gt(0), mcap / Line(adj), "n.m."))

    def _scenario_valuation(self):
        """Target price and upside of every scenario at once, from each case's own drivers."""
        a, I = self.a, self.inp
        v, mkt, sym = a.valuation, self.mkt, a.units.market_symbol
        self.section("val", "情景分析（各情景同时计算）", "Scenario analysis (every case at once)")
        self.scenario_tp = {}
        for c in self.case_keys:
            zh, en = self.case_names[c]
            seg_keys = []
            for s in a.revenue.segments:
                key = f"KPI_scn_{c}_{s.key}"
                g = Line(self.case_input(f"revenue.segments.{s.key}.growth", c))
                seg_keys.append(self.line("val", f"scn_{c}_{s.key}", f"［{zh}］{s.name_zh}", f"[{en}] {s.name_en}",
                                          MONEY, "money",
                                          self.entries(Line(f"RB_{s.key}"), Line(key, self.ppy) * (1 + g)),
                                          name=False).key)
            total = self.line("val", f"scn_{c}_revenue", f"［{zh}］总收入", f"[{en}] Total revenue", MONEY, "money",
                              [sum_of(seg_keys)] * self.n, name=False, total=True)
            p = f"scenario_{c}"
            mult = self.cell("val", f"{p}_target_ps", f"［{zh}］目标 {v.multiple}", f"[{en}] Target {v.multiple}", "x",
                             "multiple", Cell(self.case_input("valuation.target_multiple", c)), prefix="VAL")
            brev = self.cell("val", f"{p}_basis_revenue", f"［{zh}］基准年收入", f"[{en}] Basis-year revenue",
                             self.money, "money",
                             self.basis_value(total.key, Cell(self.val["by"])),
                             prefix="VAL")
            tp = self.cell("val", f"{p}_target_price_{mkt}", f"［{zh}］目标价", f"[{en}] Target price", sym, "price",
                           Cell(mult.key) * Cell(brev.key) * Cell(self.case_input("market.fx", c))
                           / Cell(self.case_input("market.shares_outstanding_m", c)), prefix="VAL", total=True)
            up = self.cell("val", f"{p}_upside", f"［{zh}］上涨空间", f"[{en}] Upside", PCT, "pct",
                           Cell(tp.key) / Cell(self.case_input("market.price", c)) - 1, prefix="VAL", total=True)
            idx = MATCH(Cell(up.key), CellRange(tuple(I["rating_min"])), 1)
            self.cell("val", f"{p}_rating", f"［{zh}］评级", f"[{en}] Rating", "text", "text",
                      INDEX(CellRange(tuple(I["rating_zh"])), idx).concat(" (")
                      .concat(INDEX(CellRange(tuple(I["rating_en"])), idx)).concat(")"), prefix="VAL")
            self.scenario_tp[c] = tp.key

    def _sensitivity(self):
        """Target price and upside grids: multiple x basis-year revenue, and multiple x FX (live formulas)."""
        a, I, val = self.a, self.inp, self.val
        v, sym = a.valuation, a.units.market_symbol
        sens = a.sensitivity
        w = len(sens.revenue_changes.values)
        mults = sens.multiple_changes.values
        centre_rev = 1 + sens.revenue_changes.values.index(0)
        centre_fx = 1 + sens.fx_changes.values.index(0)
        fx_w = len(sens.fx_changes.values)

        def grid_line(key, zh, en, unit, fmt, entries, col_fmts=None, highlight=(), total=False):
            item = self.line("val", key, zh, en, unit, fmt, entries, name=False, total=total)
            item.periodic = False
            item.col_fmts = col_fmts or {}
            item.highlight = set(highlight)
            return item

        def multiple_at(i):
            return Cell(val["target_ps"]) + LineAt(I["sens_multiple_changes"], i + 1)

        for axis_name, axis_zh, axis_en, width, centre in (
                ("rev", "基准年收入变动", "basis-year revenue change", w, centre_rev),
                ("fx", "汇率", "FX", fx_w, centre_fx)):
            self.section("val", f"敏感性：目标价（{sym}）— 目标 {v.multiple} × {axis_zh}",
                         f"Sensitivity: target price ({sym}) by target {v.multiple} and {axis_en}")
            if axis_name == "rev":
                axis = grid_line("sens_rev_axis", "基准年收入变动 →", "Basis-year revenue change →", PCT, "pct",
                                 [None] + [Line(I["sens_revenue_changes"])] * width)
            else:
                axis = grid_line("sens_fx_axis", f"汇率（{a.units.market_currency}/{a.units.currency}）→",
                                 f"FX ({a.units.market_currency} per {a.units.currency}) →", "fx", "fx",
                                 [None] + [Cell(val["fx"]) * (1 + Line(I["sens_fx_changes"]))] * width)
            tp_rows = []
            for i, change in enumerate(mults):
                key = f"KPI_sens_tp_{axis_name}_{i}"
                if axis_name == "rev":
                    price = (LineAt(key, 0) * Cell(val["basis_revenue"]) * (1 + Line(axis.key)) * Cell(val["fx"])
                             / Cell(val["shares"]))
                else:
                    price = LineAt(key, 0) * Cell(val["basis_revenue"]) * Line(axis.key) / Cell(val["shares"])
                tp_rows.append(grid_line(
                    f"sens_tp_{axis_name}_{i}", f"目标价（{axis_zh}）：{v.multiple} 第 {i + 1} 行",
                    f"Target price ({axis_en}): {v.multiple} row {i + 1}",
                    f"x | {sym}", "price", [multiple_at(i)] + [price] * width, {0: "multiple"},
                    highlight=[centre] if change == 0 else ()))
            self.section("val", f"敏感性：上涨空间 — 目标 {v.multiple} × {axis_zh}",
                         f"Sensitivity: upside by target {v.multiple} and {axis_en}")
            for i, (change, row) in enumerate(zip(mults, tp_rows)):
                grid_line(f"sens_up_{axis_name}_{i}", f"上涨空间（{axis_zh}）：{v.multiple} 第 {i + 1} 行",
                          f"Upside ({axis_en}): {v.multiple} row {i + 1}", "x | %", "pct",
                          [LineAt(row.key, 0)] + [Line(row.key) / Cell(val["price"]) - 1] * width, {0: "multiple"},
                          highlight=[centre] if change == 0 else ())

    # -- Checks -----------------------------------------------------------------------
    def _checks(self):
        I = self.inp
        tol = self.line("chk", "tolerance", "容差", "Tolerance", MONEY, "tolerance",
                        self.entries(Cell(I["tol_actual"]), Cell(I["tol_estimate"])), name=False)
        checks = []

        def check(key, zh, en, diff_entries):
            diff = self.line("chk", f"{key}_diff", f"{zh}：差额", f"{en}: difference", MONEY, "diff", diff_entries,
                             name=False)
            entries = [None if d is None else ABS(Line(diff.key)).le(Line(tol.key)) for d in diff_entries]
            item = self.line("chk", key, zh, en, "TRUE/FALSE", "bool", entries, check=True)
            first = next(p for p, d in enumerate(diff_entries) if d is not None)
            checks.append(LineRange(item.key, first))

        self.section("chk", "检查（每年，差额不超过容差）", "Checks (each year: difference within tolerance)")
        check("balance", "资产 = 负债 + 权益", "Assets = liabilities + equity",
              [Line(self.total_assets) - Line(self.total_le)] * self.n)
        pool = sum_of(self.cash_pool)
        pool_prior = sum_of(self.cash_pool, lag=1)
        check("cash", "现金 = 上年现金 + 净现金流 + 汇率影响", "Cash = prior cash + net cash flow + FX effect",
              [None] + [pool - (pool_prior + Line("CF_net_cash_flow") + Line("CF_fx_effect_on_cash"))] * (self.n - 1))
        seg_sum = sum_of([f"RB_{s.key}" for s in self.a.revenue.segments])
        check("revenue", "分部收入合计 = 损益表收入", "Segments sum to P&L revenue",
              [seg_sum - Line("IS_revenue")] * self.n)
        check("profit_split", "归母 + 少数股东 = 净利润", "Parent + minority = net profit",
              self.entries(None, Line("IS_net_profit_parent") + Line("IS_net_profit_minority") - Line("IS_net_profit")))
        check("cash_flow_cash", "资产负债表现金 = 现金流量表期末现金", "Balance-sheet cash = cash-flow closing cash",
              [pool - Line("CF_cash_end")] * self.n)

        self.section("chk", "估值检查", "Valuation check")
        v = self.val
        recomputed = (Cell(v["target_ps"]) * self.basis_value("IS_revenue", Cell(v["by"]))
                      * Cell(v["fx"]) / Cell(v["shares"]))
        tp_diff = self.cell("chk", "target_price_diff", "目标价复核差额",
                            "Target price minus multiple x revenue x FX / shares", self.a.units.market_symbol, "diff",
                            Cell(v["tp"]) - recomputed, name=False)
        tp_check = self.cell("chk", "target_price", "目标价复核", "Target price recomputes", "TRUE/FALSE", "bool",
                             ABS(Cell(tp_diff.key)).le(Cell(I["tol_estimate"])), check=True)
        extra = []
        if self.a.scenarios.cases:
            live_tp = CHOOSE(Cell(I["scenario_index"]), *[Cell(self.scenario_tp[c]) for c in self.case_keys])
            sd = self.cell("chk", "scenario_diff", "当前情景目标价差额", "Live scenario's target price minus valuation",
                           self.a.units.market_symbol, "diff", Cell(v["tp"]) - live_tp, name=False)
            extra.append(Cell(self.cell("chk", "scenario", "情景表与当前估值一致", "Scenario table agrees with the live case",
                                        "TRUE/FALSE", "bool", ABS(Cell(sd.key)).le(Cell(I["tol_estimate"])),
                                        check=True).key))
        self.section("chk", "总检查", "Master check")
        self.cell("chk", "master", "总检查（全部为 TRUE）", "Master check (all TRUE)", "TRUE/FALSE", "bool",
                  AND(*checks, Cell(tp_check.key), *extra), check=True, total=True)

    # -- Revisions --------------------------------------------------------------------
    def _revisions(self):
        """Previous estimates (inputs) beside the new ones, and the change, for every estimate year."""
        prev, a = self.previous, self.a
        source = f"Previous model: {prev.label}"
        # The previous figures are inputs, so they go on the Assumptions sheet like every other input.
        self.section("in", f"上次预测（{prev.label}）", f"Previous estimates ({prev.label})")
        prev_keys, prev_values = {}, {}
        for pattern, zh, en, fmt in REVISED_LINES:
            key = pattern.format(cur=self.cur)
            unit = a.units.currency if fmt == "eps" else self.money
            values = [prev.series.get(key, {}).get(p.label) if not p.actual else None for p in self.periods]
            item = self.line("in", f"prev_{key.lower()}", f"上次预测：{zh}", f"Previous: {en}", unit, fmt,
                             values, name=False, source=source)
            item.input_kind, item.origins = ("money" if fmt == "money" else "ratio"), [None] * self.n
            prev_keys[key], prev_values[key] = item.key, values
        tp_prev = self.cell("in", "prev_target_price", "上次预测：目标价", "Previous: target price",
                            a.units.market_symbol, "price", prev.target_price, name=False, source=source)
        tp_prev.input_kind = "price"
        rating_prev = self.cell("in", "prev_rating", "上次预测：评级", "Previous: rating", "text", "text",
                                prev.rating, name=False, source=source)
        rating_prev.input_kind = "text"

        for pattern, zh, en, fmt in REVISED_LINES:
            key = pattern.format(cur=self.cur)
            unit = a.units.currency if fmt == "eps" else self.money
            has_prev = [v is not None for v in prev_values[key]]
            self.section("rev", f"{zh}（{unit}）", f"{en} ({unit})")
            new = self.line("rev", f"{key.lower()}_new", f"{zh}：本次", f"{en}: new", unit, fmt,
                            [Line(key) if h else None for h in has_prev])
            old = self.line("rev", f"{key.lower()}_previous", f"{zh}：上次", f"{en}: previous", unit, fmt,
                            [Line(prev_keys[key]) if h else None for h in has_prev])
            self.line("rev", f"{key.lower()}_change_pct", f"{zh}：调整幅度", f"{en}: change", PCT, "pct",
                      [growth(Line(new.key), Line(old.key)) if h else None for h in has_prev])
        self.section("rev", "目标价与评级", "Target price and rating")
        tp_new = self.cell("rev", "target_price_new", "目标价：本次", "Target price: new", a.units.market_symbol,
                           "price", Cell(self.val["tp"]))
        tp_old = self.cell("rev", "target_price_previous", "目标价：上次", "Target price: previous",
                           a.units.market_symbol, "price", Cell(tp_prev.key))
        self.cell("rev", "target_price_change_pct", "目标价：调整幅度", "Target price: change", PCT, "pct",
                  Cell(tp_new.key) / Cell(tp_old.key) - 1)
        self.cell("rev", "rating_new", "评级：本次", "Rating: new", "text", "text", Cell("VAL_rating"))
        self.cell("rev", "rating_previous", "评级：上次", "Rating: previous", "text", "text", Cell(rating_prev.key))

    # -- Cover ------------------------------------------------------------------------
    def _cover(self):
        a, v = self.a, self.val
        sym = a.units.market_symbol
        s = "cover"
        self.section(s, "投资要点", "Summary")
        self.cell(s, "rating", "投资评级", "Rating", "text", "text", Cell("VAL_rating"), name=False)
        self.cell(s, "target_price", "目标价", "Target price", sym, "price", Cell(v["tp"]), name=False)
        self.cell(s, "upside", "上涨空间", "Upside", PCT, "pct", Cell(v["upside"]), name=False)
        self.cell(s, "target_market_cap", "目标市值", "Target market cap", f"{sym} m", "money", Cell(v["tmc"]),
                  name=False)
        self.cell(s, "price", "收盘价", "Share price", sym, "price", Cell(v["price"]), name=False)
        self.cell(s, "price_date", "股价日期", "Price date", "date", "date", Cell("VAL_price_date"), name=False)
        self.cell(s, "master_check", "总检查", "Master check", "TRUE/FALSE", "bool", Cell("CHK_master"), name=False,
                  check=True)


def sum_of(keys, lag: int = 0) -> Expr:
    """The sum of some lines at one period: the line itself when there is only one (no SUM(F7))."""
    keys = tuple(keys)
    if not keys:
        return wrap(0)  # no such lines (a company without operating expenses): nothing to add
    return Line(keys[0], lag) if len(keys) == 1 else SUM(Rows(keys, lag))


@dataclass
class _Values:
    """Input values that are not a schema Series (peer figures may be the text n.a.)."""
    values: list
    source: str


def _or_na(d: dict, year: int):
    v = d.get(year)
    return NA_TEXT if v is None else v


CF_ACTUAL_LINES = {
    "dep_amort_impairment": ("折旧摊销减值", "D&A and impairment"),
    "working_capital_change": ("营运资本变动", "Change in working capital"),
    "other_operating": ("其它经营项目", "Other operating items"),
    "capex": ("资本开支", "Capital expenditure"),
    "other_investing": ("其它投资现金流", "Other investing"),
    "net_debt_change": ("负债净变化", "Net change in debt"),
    "other_financing": ("其它融资现金流", "Other financing"),
}

CF_LABELS = {
    "net_profit": ("净利润", "Net profit"),
    **CF_ACTUAL_LINES,
    "cfo": ("经营活动现金流", "Cash flow from operations"),
    "cfi": ("投资活动现金流", "Cash flow from investing"),
    "cff": ("融资活动现金流", "Cash flow from financing"),
    "net_cash_flow": ("净现金流", "Net cash flow"),
}


def _object_paths(a) -> dict[int, tuple]:
    """id(schema object) -> its path in the assumptions, so inputs can say where they came from."""
    from pydantic import BaseModel
    out: dict[int, tuple] = {}

    def walk(obj, path):
        if isinstance(obj, BaseModel):
            out[id(obj)] = path
            for name in type(obj).model_fields:
                walk(getattr(obj, name), path + (name,))
        elif isinstance(obj, list):
            for i, item in enumerate(obj):
                walk(item, path + (i,))
        elif isinstance(obj, dict):
            for k, item in obj.items():
                walk(item, path + (k,))
    walk(a, ())
    return out
