"""The model: typed rows built by blocks, evaluated in Python (no I/O).

    from builder.model import build_model, Model, LineItem, CellItem, Period, ...
"""
from .assemble import build_model
from .blocks.revisions import REVISED_LINES, Previous
from .core import Model, ModelError
from .items import CellItem, Entry, Header, Item, LineItem, Note, Period, Row, Section, Sheet
from .sheet_writer import NA_TEXT

__all__ = ["build_model", "REVISED_LINES", "Previous", "Model", "ModelError", "CellItem", "Entry", "Header", "Item",
           "LineItem", "Note", "Period", "Row", "Section", "Sheet", "NA_TEXT"]
