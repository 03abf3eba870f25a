"""Words of the model's sheets, sections, lines and notes: key -> {language: text}."""

WORDS: dict[str, dict[str, str]] = {
}
