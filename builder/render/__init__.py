"""Renderers: the workbook, the Markdown summaries and the PNG charts, each reading only the report view."""
