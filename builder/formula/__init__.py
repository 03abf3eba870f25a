"""The formula language: each expression gives its Excel formula and its Python value (`expr.py`)."""
