"""The analyst's assumptions: the typed schema, the YAML loader and the cross-field rules validate runs."""
