"""Equity research model builder: assumptions (YAML) -> live-formula workbook + Markdown summaries."""

__version__ = "0.1.0"
