"""Words of the report's documents (summaries, charts, cover): key -> {language: text}."""

WORDS: dict[str, dict[str, str]] = {
}
