"""The model: line items defined once, evaluated in Python (no I/O)."""
from .assemble import NA_TEXT, REVISED_LINES, Previous, build_model
from .core import CellItem, Entry, Header, LineItem, Model, ModelError, Note, Period, Row, Section, Sheet

__all__ = ["build_model", "REVISED_LINES", "Previous", "NA_TEXT", "Model", "ModelError", "CellItem", "Entry",
           "Header", "LineItem", "Note", "Period", "Row", "Section", "Sheet"]
