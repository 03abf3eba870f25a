"""Colours shared by the workbook's native charts and the summaries' PNG charts."""

# One per revenue segment, in order (a chart with more segments repeats them or groups the rest).
SERIES = ["#1F4E79", "#2E75B6", "#9DC3E6", "#C55A11", "#F4B183", "#548235", "#A9D18E", "#7F6000"]
GRID = "#D9D9D9"
RED, DARK, PEER = "#C00000", "#1F4E79", "#9DC3E6"  # growth line and target; peer average; peers
GROSS_MARGIN, ADJ_NET_MARGIN = "#2E75B6", "#C55A11"
