"""Read an assumptions file into the validated schema, or fail with one clear line."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from .schema import Assumptions

MAX_BYTES = 5 * 1024 * 1024  # an assumptions file is text a person edits; anything larger is a mistake


class AssumptionsError(Exception):
    """A problem with an assumptions file, phrased as 'FILE: field.path: problem'."""


def default_example() -> Path:
    return Path(str(resources.files("builder") / "examples" / "kingsoft_cloud.yaml"))


def load(path: str | Path) -> Assumptions:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AssumptionsError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise AssumptionsError(f"{path}: is a directory, not an assumptions file") from None
    except OSError as e:
        raise AssumptionsError(f"{path}: cannot read: {e.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise AssumptionsError(f"{path}: file is {len(raw)} bytes; the limit is {MAX_BYTES}")
    if b"\0" in raw:
        raise AssumptionsError(f"{path}: binary file, expected YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AssumptionsError(f"{path}: not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise AssumptionsError(f"{where}: YAML syntax error: {problem}") from None
    if data is None:
        raise AssumptionsError(f"{path}: file is empty")
    if not isinstance(data, dict):
        raise AssumptionsError(f"{path}: expected a mapping of fields at the top level, got {type(data).__name__}")
    return parse(data, str(path))


def parse(data: dict, label: str = "assumptions") -> Assumptions:
    try:
        return Assumptions.model_validate(data)
    except ValidationError as e:
        raise AssumptionsError(f"{label}: {describe(e)}") from None


def describe(e: ValidationError) -> str:
    errors = e.errors(include_url=False)
    first = errors[0]
    loc = _path(first["loc"])
    msg = first["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if first["type"] == "extra_forbidden":
        msg = "unknown field"
    text = f"{loc}: {msg}" if loc else msg
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text


def _path(loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
