"""Regenerate the corpus of bad assumption files: `python tests/bad_inputs/make_corpus.py`.

Each file is the shipped example with one defect, headed by the failure kind and the field the
error must name. The corpus is committed; this script documents how each file was made.
"""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[1] / "builder" / "examples" / "kingsoft_cloud.yaml"


def text_edit(old: str, new: str, count=1):
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return apply


def data_edit(fn):
    def apply(text: str) -> str:
        data = yaml.safe_load(text)
        fn(data)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return apply


def set_at(path, value):
    def fn(data):
        node = data
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    return fn


def delete_at(path):
    def fn(data):
        node = data
        for p in path[:-1]:
            node = node[p]
        del node[path[-1]]
    return fn


# kind -> (edit, field the error must name)
CASES = {
    "yaml_unclosed_bracket": (text_edit("years:\n  actual: [2022, 2023]", "years:\n  actual: [2022, 2023"), "YAML syntax error"),
    "yaml_bad_indentation": (text_edit("  name_en: Kingsoft Cloud\n", "    name_en: Kingsoft Cloud\n"), "YAML syntax error"),
    "yaml_tab_indentation": (text_edit("  ticker: 3896.HK\n", "\tticker: 3896.HK\n"), "YAML syntax error"),
    "top_level_list": (lambda t: "- company\n- market\n", "mapping"),
    "top_level_scalar": (lambda t: "just a sentence\n", "mapping"),
    "only_comments": (lambda t: "# nothing here\n", "empty"),
    "missing_company": (data_edit(delete_at(["company"])), "company"),
    "missing_price": (data_edit(delete_at(["market", "price"])), "market.price"),
    "missing_source": (data_edit(delete_at(["market", "fx", "source"])), "market.fx.source"),
    "empty_source": (data_edit(set_at(["market", "fx", "source"], "")), "market.fx.source"),
    "unknown_top_level_field": (text_edit("valuation:\n  method:", "valuaton:\n  method:"), "valuaton"),
    "unknown_nested_field": (text_edit("  price_date: 2025-02-10", "  prise_date: 2025-02-10"), "market.prise_date"),
    "duplicate_key": (text_edit("  ticker: 3896.HK\n", "  ticker: 3896.HK\n  ticker: 9999.HK\n"), "company.ticker"),
    "price_not_a_number": (text_edit("price: {value: 9.33,", "price: {value: nine,"), "market.price.value"),
    "years_not_a_list": (text_edit("  actual: [2022, 2023]", "  actual: 2022-2023"), "years.actual"),
    "nan_value": (text_edit("fx: {value: 1.0863,", "fx: {value: .nan,"), "market.fx.value"),
    "infinite_value": (text_edit("target_multiple: {value: 5,", "target_multiple: {value: .inf,"), "valuation.target_multiple.value"),
    "negative_price": (text_edit("price: {value: 9.33,", "price: {value: -9.33,"), "market.price.value"),
    "zero_fx": (text_edit("fx: {value: 1.0863,", "fx: {value: 0,"), "market.fx.value"),
    "negative_fx": (text_edit("fx: {value: 1.0863,", "fx: {value: -1.0863,"), "market.fx.value"),
    "negative_shares": (text_edit("shares_outstanding_m: {value: 3805.28,", "shares_outstanding_m: {value: -3805.28,"), "market.shares_outstanding_m.value"),
    "zero_eps_shares": (text_edit("values: [3600, 3600, 3805.28,", "values: [0, 3600, 3805.28,"), "eps_shares_m.values[0]"),
    "zero_target_multiple": (text_edit("target_multiple: {value: 5,", "target_multiple: {value: 0,"), "valuation.target_multiple.value"),
    "negative_target_multiple": (text_edit("target_multiple: {value: 5,", "target_multiple: {value: -5,"), "valuation.target_multiple.value"),
    "growth_below_minus_100pct": (text_edit("values: [0.245763, 0.359184, 0.32983]", "values: [-1.5, 0.359184, 0.32983]"), "revenue.segments[0].growth.values[0]"),
    "growth_absurdly_high": (text_edit("values: [0.402074, 0.70797, 0.358799]", "values: [0.402074, 70.797, 0.358799]"), "revenue.segments[1].growth.values[1]"),
    "gross_margin_over_100pct": (text_edit("gross_margin: {values: [0.1407, 0.18, 0.20]", "gross_margin: {values: [0.1407, 1.8, 0.20]"), "cost_of_revenue.gross_margin.values[1]"),
    "expense_ratio_absurd": (text_edit("values: [0.12, 0.11, 0.10]", "values: [12, 0.11, 0.10]"), "opex[1].driver.values[0]"),
    "tax_rate_out_of_range": (text_edit("values: [-0.0082, -0.0082, -0.0075]", "values: [-0.0082, -8.2, -0.0075]"), "tax.effective_rate.values[1]"),
    "depreciation_rate_negative": (text_edit("values: [0.129918, 0.120652, 0.111991]", "values: [-0.129918, 0.120652, 0.111991]"), "cash_flow.depreciation_rate.values[0]"),
    "years_out_of_order": (text_edit("  estimate: [2024, 2025, 2026]", "  estimate: [2026, 2025, 2024]"), "years"),
    "years_duplicated": (text_edit("  estimate: [2024, 2025, 2026]", "  estimate: [2024, 2024, 2026]"), "years"),
    "years_with_a_gap": (text_edit("  estimate: [2024, 2025, 2026]", "  estimate: [2024, 2025, 2027]"), "years"),
    "series_too_long": (text_edit("actuals: {values: [199, 236],", "actuals: {values: [199, 236, 250],"), "revenue.segments[0].actuals.values"),
    "series_too_short": (text_edit("values: [0.0400471, 0.0699887, 0.0599976]", "values: [0.0400471, 0.0699887]"), "revenue.segments[2].growth.values"),
    "actual_missing_value": (text_edit("actuals: {values: [879, 868],", "actuals: {values: [879, null],"), "revenue.segments[1].actuals.values[1]"),
    "basis_year_outside_model": (text_edit("  basis_year: 2025", "  basis_year: 2030"), "valuation.basis_year"),
    "peer_year_outside_model": (text_edit("  peer_years: [2025, 2026]", "  peer_years: [2025, 2027]"), "valuation.peer_years"),
    "peers_without_usable_figures": (data_edit(lambda d: [p.update(market_cap=None) for p in d["valuation"]["peers"]]), "valuation.peers"),
    "negative_peer_market_cap": (text_edit("market_cap: 2509,", "market_cap: -2509,"), "valuation.peers[5].market_cap"),
    "unknown_driver_kind": (text_edit("driver: {kind: pct_of_revenue, values: [0.0112,", "driver: {kind: pct_of_profit, values: [0.0112,"), "non_operating[0].driver.kind"),
    "driven_line_without_driver": (data_edit(delete_at(["balance_sheet", 2, "driver"])), "balance_sheet[2].driver"),
    "flat_driver_with_values": (text_edit('driver: {kind: flat, source: "No share issuance assumed"}', 'driver: {kind: flat, values: [25, 25, 25], source: "No share issuance assumed"}'), "balance_sheet[10].driver.values"),
    "impairment_charged_to_unknown_line": (text_edit("  charged_to: intangible_and_other", "  charged_to: goodwill"), "impairment.charged_to"),
    "two_cash_lines": (text_edit("    role: restricted_cash", "    role: cash"), "balance_sheet"),
    "rating_scale_not_ascending": (text_edit("min_upside: 0.20,", "min_upside: 0.02,"), "valuation.rating_scale"),
    "key_with_spaces": (text_edit("  - key: from_xiaomi", "  - key: From Xiaomi"), "revenue.segments[1].key"),
    "duplicated_line_key": (text_edit("  - key: from_others", "  - key: from_xiaomi"), "from_xiaomi"),
    "impossible_date": (text_edit("  date: 2025-02-11", "  date: 2025-13-45"), "report.date"),
    "negative_tolerance": (text_edit("tolerance_actual: {value: 1,", "tolerance_actual: {value: -1,"), "checks.tolerance_actual.value"),
    "unknown_printed_cash_flow_line": (text_edit("    cfo: {values: [189,", "    cfo_total: {values: [189,"), "cash_flow.printed.cfo_total"),
    "unknown_balance_sheet_role": (text_edit("    role: other_operating", "    role: other_operations"), "balance_sheet[8].role"),
}


def main():
    base = EXAMPLE.read_text(encoding="utf-8")
    for old in HERE.glob("*.yaml"):
        old.unlink()
    for kind, (edit, expect) in CASES.items():
        body = edit(base)
        header = f"# kind: {kind}\n# expect: {expect}\n"
        (HERE / f"{kind}.yaml").write_text(header + body, encoding="utf-8")
    # Files that are bad below the YAML level.
    (HERE / "empty_file.yaml").write_bytes(b"")
    (HERE / "binary_file.yaml").write_bytes(b"PK\x03\x04\x00\x00binary\x00data")
    (HERE / "latin1_text.yaml").write_bytes(base.replace("金山云", "Kingsoft").encode("utf-8")[:200] + "caf\xe9".encode("latin-1"))
    print(f"{len(list(HERE.glob('*.yaml')))} files in {HERE}")


if __name__ == "__main__":
    main()
