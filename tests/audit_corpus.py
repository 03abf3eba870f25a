"""Workbooks for the audit's corpus tests, written at test time: one per class of issue 16 (and the
audit parts of issues 15 and 17), each as a (planted, clean twin) pair made by the same function.

Every maker takes `planted: bool` and writes the same workbook with or without its one defect, so a
test can expect the defect at its cell in one and no finding of that rule in the other.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.formula import DataTableFormula

YELLOW = PatternFill("solid", fgColor="FFFFFF00")


def _serial(day: dt.date) -> int:
    """A date as the serial number a formula stores (xlsxwriter writes `value` as given)."""
    return (day - dt.date(1899, 12, 30)).days


def _book(path: Path) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})


def fiscal_years_below_row_ten(path: Path, planted: bool) -> Path:
    """Header `FY22 FY23 FY24A FY25E..FY27E` on row 12 (years with two digits); a plug at G15."""
    wb = _book(path)
    ws = wb.add_worksheet("Model")
    ws.write_string("A1", "Company plc: forecast")
    for r in range(2, 11):
        ws.write_string(r, 0, f"note {r}")
    heads = ["FY22A", "FY23A", "FY24A", "FY25E", "FY26E", "FY27E"]
    for i, h in enumerate(heads):
        ws.write_string(11, 2 + i, h)  # row 12, columns C:H
    ws.write_string(11, 1, "Units")
    ws.write_string(12, 0, "Growth")
    ws.write_string(12, 1, "%")
    for i in range(6):
        ws.write_number(12, 2 + i, 0.05)
    ws.write_string(13, 0, "Revenue")
    ws.write_string(13, 1, "m")
    ws.write_number(13, 2, 100)
    ws.write_string(14, 0, "Costs")
    ws.write_string(14, 1, "m")
    value = 100.0
    for i in range(1, 6):
        col = 2 + i
        value *= 1.05
        prev, g = xlsxwriter.utility.xl_rowcol_to_cell(13, col - 1), xlsxwriter.utility.xl_rowcol_to_cell(12, col)
        ws.write_formula(13, col, f"={prev}*(1+{g})", None, value)
        here = xlsxwriter.utility.xl_rowcol_to_cell(13, col)
        if planted and col == 6:  # G15 typed over
            ws.write_number(14, col, 40)
        else:
            ws.write_formula(14, col, f"=-{here}*{g}", None, -value * 0.05)
    wb.close()
    return path


def formula_built_years(path: Path, planted: bool) -> Path:
    """openpyxl (no stored values): years `=C2+1` from a typed 2023 in C2; D4 breaks the row's formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A2"], ws["C2"] = "Year", 2023
    for col in "DEFG":
        ws[f"{col}2"] = f"={chr(ord(col) - 1)}2+1"
    ws["A3"], ws["B3"] = "Growth", 0.1
    ws["A4"], ws["C4"] = "Sales", 50
    for col in "DEFG":
        prev = chr(ord(col) - 1)
        ws[f"{col}4"] = f"={prev}4*(1+$B$3)"
    if planted:
        ws["E4"] = "=D4*(1+$B$3)+C4"
    wb.save(path)
    return path


def quarters_and_halves(path: Path, planted: bool) -> Path:
    """Headers 1Q25..4Q25 on one sheet and 1H25/2H25/1H26 on another; a plug at E5 on the first."""
    wb = _book(path)
    for title, heads in (("Quarters", ["1Q25A", "2Q25A", "3Q25E", "4Q25E", "1Q26E"]),
                         ("Halves", ["1H25", "2H25", "1H26", "2H26"])):
        ws = wb.add_worksheet(title)
        ws.write_string(0, 0, title)
        for i, h in enumerate(heads):
            ws.write_string(2, 1 + i, h)
        ws.write_string(3, 0, "Driver")
        for i in range(len(heads)):
            ws.write_number(3, 1 + i, 2.0)
        ws.write_string(4, 0, "Volume")
        ws.write_number(4, 1, 10)
        for i in range(1, len(heads)):
            prev = xlsxwriter.utility.xl_rowcol_to_cell(4, i)
            drv = xlsxwriter.utility.xl_rowcol_to_cell(3, 1 + i)
            if planted and title == "Quarters" and i == 3:
                ws.write_number(4, 1 + i, 99)  # E5
            else:
                ws.write_formula(4, 1 + i, f"={prev}+{drv}", None, 10 + 2.0 * i)
    wb.close()
    return path


def fast_monthly(path: Path, planted: bool, months: int = 24) -> Path:
    """A FAST-style monthly model: a Timeline sheet of month-end dates built by EDATE-like formulas,
    a Calcs sheet whose header row links those dates, a flow row and a closing balance; a typed-over
    balance at the 11th month (M9). Below a gap, an unrelated block reuses the columns."""
    wb = _book(path)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    tl = wb.add_worksheet("Timeline")
    tl.write_string("A5", "Period end")
    start = dt.date(2025, 1, 31)
    ends = []
    for i in range(months):
        y, m = divmod(start.month - 1 + i, 12)
        nxt = dt.date(start.year + y, m + 1, 1)
        end = (dt.date(nxt.year + (nxt.month == 12), nxt.month % 12 + 1, 1) - dt.timedelta(days=1))
        ends.append(end)
        col = 2 + i
        if i == 0:
            tl.write_datetime(4, col, dt.datetime.combine(end, dt.time()), date_fmt)
        else:
            prev = xlsxwriter.utility.xl_rowcol_to_cell(4, col - 1)
            tl.write_formula(4, col, f"=EOMONTH({prev},1)", date_fmt, _serial(end))
    calcs = wb.add_worksheet("Calcs")
    calcs.write_string("A1", "Calculations")
    calcs.write_string("A3", "Inflow per month")
    calcs.write_number("B3", 5)
    calcs.write_string("A6", "Month ending")
    balance = 0.0
    for i in range(months):
        col = 2 + i
        cell = lambda r: xlsxwriter.utility.xl_rowcol_to_cell(r, col)  # noqa: E731
        prev = lambda r: xlsxwriter.utility.xl_rowcol_to_cell(r, col - 1)  # noqa: E731
        calcs.write_formula(5, col, f"=Timeline!{cell(4)}", date_fmt, _serial(ends[i]))
        calcs.write_formula(6, col, "=$B$3", None, 5)
        if i == 0:
            calcs.write_formula(8, col, f"={cell(6)}", None, 5)
            balance = 5
        elif planted and i == 10:
            balance += 5
            calcs.write_number(8, col, balance)  # typed over: M9
        else:
            balance += 5
            calcs.write_formula(8, col, f"={prev(8)}+{cell(6)}", None, balance)
    calcs.write_string("A7", "Inflow")
    calcs.write_string("A9", "Closing balance")
    # Far below, an unrelated block (a sensitivity grid) in the same columns: not under the dates.
    calcs.write_string("A30", "Sensitivity")
    for r in range(30, 34):
        for c in range(2, 6):
            calcs.write_formula(r, c, "=$B$3*B31" if c % 2 else "=$B$3+B31", None, 5)
    wb.close()
    return path


def column_list(path: Path, planted: str | None) -> Path:
    """A list layout: D = B * C on rows 5-12; `typed` puts a number at D9, `formula` a different one."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "List"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "Item", "Qty", "Price", "Value"
    for r in range(5, 13):
        ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"] = f"item {r}", r, 2.5
        ws[f"D{r}"] = f"=B{r}*C{r}"
    if planted == "typed":
        ws["D9"] = 22.5
    elif planted == "formula":
        ws["D9"] = "=B9*C10"
    ws["D13"] = "=SUM(D5:D12)"
    wb.save(path)
    return path


def ebit_sum(path: Path, planted: bool) -> Path:
    """EBIT in row 25 sums rows 20-24 in history (D:E); the forecast (F:H) sums rows 20-22 when planted."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "P&L"
    for i, year in enumerate(["2023A", "2024A", "2025E", "2026E", "2027E"]):
        ws.cell(19, 4 + i, year)
    for r in range(20, 25):
        ws.cell(r, 1, f"line {r}")
        for c in range(4, 9):
            ws.cell(r, c, 10 * r + c)
    ws.cell(25, 1, "EBIT")
    for c in range(4, 9):
        letter = openpyxl.utils.get_column_letter(c)
        last = 22 if planted and c >= 6 else 24
        ws.cell(25, c, f"=SUM({letter}20:{letter}{last})")
    wb.save(path)
    return path


def balance_check(path: Path, planted: bool) -> Path:
    """A balance sheet whose own 'Balance check' row (stored values) shows 12.5 in 2025E-2027E when planted,
    and a ✓/✗ row that shows ✗ in 2027E."""
    wb = _book(path)
    ws = wb.add_worksheet("BS")
    years = ["2023A", "2024A", "2025E", "2026E", "2027E"]
    for i, y in enumerate(years):
        ws.write_string(3, 2 + i, y)
    ws.write_string(4, 0, "Total assets")
    ws.write_string(5, 0, "Total liabilities and equity")
    ws.write_string(7, 0, "Balance check")
    ws.write_string(8, 0, "OK?")
    for i in range(5):
        col = 2 + i
        a, b = xlsxwriter.utility.xl_rowcol_to_cell(4, col), xlsxwriter.utility.xl_rowcol_to_cell(5, col)
        gap = 12.5 if planted and i >= 2 else 0
        ws.write_number(4, col, 1000 + gap)
        ws.write_number(5, col, 1000)
        ws.write_formula(7, col, f"={a}-{b}", None, gap)
        chk = xlsxwriter.utility.xl_rowcol_to_cell(7, col)
        ws.write_formula(8, col, f'=IF(ABS({chk})<0.001,"✓","✗")', None, "✗" if gap else "✓")
    wb.close()
    return path


def facts_book(path: Path, planted: bool) -> Path:
    """Manual calculation, iterative calculation, EPS typed as text ("0.45") when planted."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"], ws["B1"], ws["C1"] = "Net profit", 45, "=B1/B2"
    ws["A2"], ws["B2"] = "Shares", 100
    ws["A3"], ws["B3"] = "EPS (reported)", "0.45" if planted else 0.45
    ws["D3"] = "=B3*2"
    if planted:
        wb.calculation.calcMode = "manual"
        wb.calculation.iterate = True
    wb.save(path)
    return path


def no_formulas(path: Path, planted: bool) -> Path:
    """A "DCF" of typed numbers only (planted), or the same with its totals as formulas."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DCF"
    for c, year in enumerate(["2025E", "2026E", "2027E", "2028E", "2029E"], start=2):
        ws.cell(1, c, year)
        for r in range(2, 8):
            ws.cell(r, 1, f"line {r}")
            ws.cell(r, c, 100 + r * c)
        ws.cell(8, c, 123456 if planted else f"=SUM({openpyxl.utils.get_column_letter(c)}2:"
                                                 f"{openpyxl.utils.get_column_letter(c)}7)")
    wb.save(path)
    return path


def referee_book(path: Path, planted: bool) -> Path:
    """XLOOKUP, CELL("filename", A1) in A1 itself and a data table (planted), or plain INDEX/MATCH."""
    wb = _book(path)
    ws = wb.add_worksheet("Lookups")
    for r, (k, v) in enumerate([("a", 1), ("b", 2), ("c", 3)], start=2):
        ws.write_string(r, 0, k)
        ws.write_number(r, 1, v)
    if planted:
        ws.write_formula("A1", '=CELL("filename",A1)', None, "C:\\x\\[model.xlsx]Lookups")
        ws.write_formula("D3", '=_xlfn.XLOOKUP("b",A3:A5,B3:B5)', None, 2)
        ws.write_formula("E3", "=D3+B3", None, 4)
    else:
        ws.write_string("A1", "Lookups")
        ws.write_formula("D3", '=INDEX(B3:B5,MATCH("b",A3:A5,0))', None, 2)
        ws.write_formula("E3", "=D3+B3", None, 4)
    wb.close()
    return path


def data_table(path: Path) -> Path:
    """A one-variable data table (openpyxl writes `t="dataTable"`): its results are not typed inputs."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "Rate", 0.1
    ws["A2"], ws["B2"] = "Value", "=100*(1+B1)"
    ws["A4"], ws["B4"] = "Rate", "=B2"
    for r, rate in enumerate([0.05, 0.1, 0.15], start=5):
        ws.cell(r, 1, rate)
    ws["B5"] = DataTableFormula(ref="B5:B7", r1="B1", dt2D=False, dtr=False)
    ws["B6"], ws["B7"] = 110.0, 115.0
    wb.save(path)
    return path


def yellow_inputs(path: Path, planted: bool) -> Path:
    """Inputs on a yellow fill (no blue font anywhere); a formula on the yellow fill when planted, and
    formulas in blue font (which this model does not use for inputs)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Inputs"
    for r in range(1, 7):
        ws.cell(r, 1, f"driver {r}")
        ws.cell(r, 2, r * 1.5).fill = YELLOW
        f = ws.cell(r, 3, f"=B{r}*2")
        f.font = Font(color="FF0000FF")
    if planted:
        ws["C4"].fill = YELLOW
    wb.save(path)
    return path


def excel_limits(path: Path, planted: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Limits"
    ws["A1"] = 1
    many = 300 if planted else 200
    ws["B1"] = "=SUM(" + ",".join(["A1"] * many) + ")"
    ws["B2"] = "=A1+" + "+".join(["A1"] * (3000 if planted else 1000))  # 3 characters each
    depth = 70 if planted else 50
    ws["B3"] = "=" + "ABS(" * depth + "A1" + ")" * depth
    ws["B4"] = "x" * 32000
    ws.oddHeader.center.text = "h" * (300 if planted else 200)
    wb.save(path)
    if planted:  # openpyxl cuts text to 32,767 characters: lengthen it in the XML
        _replace_in_zip(path, "xl/worksheets/sheet1.xml", b"x" * 32000, b"x" * 33000)
    return path


def _replace_in_zip(path: Path, part: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, data.replace(old, new) if info.filename == part else data)


def chart_book(path: Path, link: str | None, macros: bool = False) -> Path:
    """A bar chart on sheet "Data"; `link` rewrites its series formula to read another workbook, and
    `macros` adds a VBA project part with the macro-enabled content type."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in range(1, 4):
        ws.cell(r, 1, r)
        ws.cell(r, 2, f"=A{r}*2")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=3))
    ws.add_chart(chart, "D2")
    wb.create_sheet("Other")["A1"] = "=Data!B1"
    wb.save(path)
    if link is None and not macros:
        return path
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if link and info.filename.startswith("xl/charts/chart"):
                data = data.replace(b"'Data'!$A$1:$A$3", link.encode()).replace(b"Data!$A$1:$A$3", link.encode())
            if macros and info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            z.writestr(info, data)
        if macros:
            z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not a real VBA project")
    return path


def quarters_with_years(path: Path, planted: bool) -> Path:
    """Sell-side quarterly layout: 1Q25A 2Q25A 3Q25E 4Q25E FY25E 1Q26E .. 4Q26E FY26E, annual columns
    summing their quarters; a typed quarter at H5 (2Q26E) when planted."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Quarterly"
    heads = ["1Q25A", "2Q25A", "3Q25E", "4Q25E", "FY25E", "1Q26E", "2Q26E", "3Q26E", "4Q26E", "FY26E"]
    for i, h in enumerate(heads):
        ws.cell(3, 2 + i, h)
    ws["A4"], ws["A5"] = "Growth q/q", "Revenue"
    quarter_cols = [c for c, h in enumerate(heads, start=2) if "Q" in h]
    for n, c in enumerate(quarter_cols):
        ws.cell(4, c, 0.02)
        letter, prev = openpyxl.utils.get_column_letter(c), None
        if n == 0:
            ws.cell(5, c, 100)
            continue
        prev = openpyxl.utils.get_column_letter(quarter_cols[n - 1])
        ws.cell(5, c, f"={prev}5*(1+{letter}4)")
    ws["F5"], ws["K5"] = "=SUM(B5:E5)", "=SUM(G5:J5)"
    if planted:
        ws["H5"] = 111
    wb.save(path)
    return path


def small_table_under_years(path: Path, planted: bool) -> Path:
    """Years 2020..2029 (no marks) over two forecast rows; one row below, a capital-structure line in
    C8:D8 (equity weight =1-D8, debt weight 0.3 typed) under the same columns. A typed H5 when planted."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Valuation"
    for i, year in enumerate(range(2020, 2030)):
        ws.cell(3, 3 + i, year)
    ws["A4"], ws["A5"], ws["B4"] = "Growth", "Free cash flow", 0.03
    ws["C5"] = 50
    for c in range(3, 13):
        letter = openpyxl.utils.get_column_letter(c)
        ws.cell(4, c, "=$B$4")
        if c > 3:
            ws.cell(5, c, f"={openpyxl.utils.get_column_letter(c - 1)}5*(1+{letter}4)")
    if planted:
        ws["H5"] = 61.2
    ws["A8"], ws["C8"], ws["D8"] = "Weights: equity, debt", "=1-D8", 0.3
    ws["A9"], ws["C9"] = "Value", "=SUM(C5:L5)*C8"
    wb.save(path)
    return path


def irr_book(path: Path, irr_error: float, plain_error: float) -> Path:
    """Cash flows -100, 30, 40, 50, 20 with =IRR(B1:B5) and =B1*2, each stored with a relative error."""
    flows = [-100, 30, 40, 50, 20]
    lo, hi = -0.99, 1.0  # the IRR by bisection, independently of any spreadsheet engine
    for _ in range(200):
        mid = (lo + hi) / 2
        npv = sum(f / (1 + mid) ** t for t, f in enumerate(flows))
        lo, hi = (mid, hi) if npv > 0 else (lo, mid)
    wb = _book(path)
    ws = wb.add_worksheet("Returns")
    for r, f in enumerate(flows):
        ws.write_number(r, 1, f)
    ws.write_formula("D1", "=IRR(B1:B5)", None, lo * (1 + irr_error))
    ws.write_formula("D2", "=D1*1", None, lo * (1 + irr_error))
    ws.write_formula("D3", "=B1*2", None, -200 * (1 + plain_error))
    wb.close()
    return path
