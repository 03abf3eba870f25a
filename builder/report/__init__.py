"""The report view: what the outputs show, computed once from the model (see view.py)."""
from .make import basis_columns, make_report
from .view import ReportView

__all__ = ["ReportView", "basis_columns", "make_report"]
