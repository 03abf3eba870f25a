"""Validation: read the YAML with line numbers, check it against the schema and its cross-field rules, then
evaluate the model and report what only the model shows (contradictory actuals, failed checks, P/E on a loss).
It sits above the model because it runs it; everything that builds starts here."""
