"""Read an assumptions file into the validated schema, or report every problem with its line.

Problems read `FILE:LINE: field.path: problem`, all of them at once, so an analyst can fix a
file in one pass. YAML is composed first to learn the line of every key; pydantic errors and
the schema's cross-field rules are then mapped back to those lines.
"""
from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from ..assumptions.input_limits import MAX_BYTES, LimitError, check_events, check_expansion, read_bounded
from .valuation_problems import valuation_problems
from ..assumptions.consistency import consistency_problems, consistency_warnings
from ..assumptions.text_rules import typed_number_warnings
from ..assumptions.schema import Assumptions
from ..safety.text import one_line, printable


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where PyYAML has it: 10x faster
    """SafeLoader that leaves dates as text, so the schema validates them (with a line number)
    instead of PyYAML raising on 2025-13-45."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str

    def __post_init__(self):  # keys and values come from the file: shown, never acted on by a terminal
        object.__setattr__(self, "path", one_line(self.path))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class AssumptionsError(Exception):
    """One or more problems with an assumptions file; str() is one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def default_example() -> Path:
    return Path(str(resources.files("builder") / "examples" / "kingsoft_cloud.yaml"))


def load(path: str | Path) -> Assumptions:
    return load_checked(path)[0]


def load_checked(path: str | Path) -> tuple[Assumptions, list[Problem]]:
    """The validated assumptions and the warnings that do not stop a build."""
    path = Path(path)
    return load_text(_read_text(path), printable(str(path)))


def load_text(text: str, label: str) -> tuple[Assumptions, list[Problem]]:
    """`load_checked` of text not (yet) in a file, e.g. a rolled model before it is written."""
    lines = _LineMap(label)
    try:
        node, data = _compose_and_construct(text, label)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise AssumptionsError([Problem(label, mark.line + 1 if mark else None, "", f"YAML syntax error: {problem}")])
    if data is None:
        raise AssumptionsError([Problem(label, None, "", "file is empty")])
    if not isinstance(data, dict):
        raise AssumptionsError([Problem(label, 1, "", f"expected a mapping of fields at the top level, "
                                                       f"got {type(data).__name__}")])
    lines.index(node)
    return _validate(data, lines)


def _compose_and_construct(text: str, label: str = ""):
    """The node tree (for line numbers) and the data built from it, within input_limits' bounds."""
    try:
        check_events(text, _Loader)
    except LimitError as e:
        raise AssumptionsError([Problem(label, e.line, "", str(e))]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            try:
                check_expansion(node)
            except LimitError as e:
                raise AssumptionsError([Problem(label, e.line, "", str(e))]) from None
        try:
            return node, (loader.construct_document(node) if node is not None else None)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as e:
            # An explicit tag PyYAML cannot build (!!timestamp 2025-13-45), an integer of 5,000 digits, ...
            first = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise AssumptionsError([Problem(label, None, "", f"a value cannot be read: {first[:200]}")]) from None
    finally:
        loader.dispose()


def with_live_case(a: Assumptions, case: str, source) -> Assumptions:
    """The assumptions with scenario `case` live (build --scenario), or a problem naming the cases there are."""
    keys = ["base"] + [c.key for c in a.scenarios.cases]
    if case not in keys:
        raise AssumptionsError([Problem(str(source), None, "scenarios.live",
                                        f"'{case}' is not a scenario; expected one of {', '.join(keys)}")])
    return a.model_copy(update={"scenarios": a.scenarios.model_copy(update={"live": case})})


def parse(data: dict, label: str = "assumptions") -> Assumptions:
    """Validate data that did not come from a file (tests, scripts)."""
    return _validate(data, _LineMap(label))[0]


def _read_text(path: Path) -> str:
    label = printable(str(path))
    try:
        raw = read_bounded(path)
    except FileNotFoundError:
        raise AssumptionsError([Problem(label, None, "", "file not found")]) from None
    except LimitError as e:
        raise AssumptionsError([Problem(label, None, "", str(e))]) from None
    except OSError as e:
        raise AssumptionsError([Problem(label, None, "", f"cannot read: {e.strerror}")]) from None
    if b"\0" in raw:
        raise AssumptionsError([Problem(label, None, "", "binary file, expected YAML text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise AssumptionsError([Problem(label, None, "", f"not UTF-8 text (byte {e.start})")]) from None


def _validate(data: dict, lines: "_LineMap") -> tuple[Assumptions, list[Problem]]:
    """Every problem of the file at once: duplicate keys, schema errors and cross-field rules."""
    a, problems = _check(data, lines)
    problems = list(dict.fromkeys(lines.duplicates + problems))  # one line per problem, in file order of kind
    if problems:
        raise AssumptionsError(problems)
    from .contract import checked_model  # the model's own checks: contradictory actuals and the like
    model, failed = checked_model(a)
    problems = [lines.problem(text) for text in failed]
    if problems:
        raise AssumptionsError(problems)
    warnings = list(consistency_warnings(a)) + list(typed_number_warnings(a, model))
    return a, [lines.problem(text, warning=True) for text in warnings]


def _check(data: dict, lines: "_LineMap") -> tuple[Assumptions | None, list[Problem]]:
    try:
        a = Assumptions.model_validate(data)
    except ValidationError as e:
        errors = e.errors(include_url=False)
        problems = [_from_pydantic(err, lines) for err in errors]
        unknown = [tuple(err["loc"]) for err in errors if err["type"] == "extra_forbidden"]
        if unknown:
            # A model with an unknown field never runs its own cross-field rules; checking the file again
            # without the unknown fields reports those too, so one run shows every problem.
            problems += _check(_without(data, unknown), lines)[1]
        return None, problems
    problems = [lines.problem(text) for text in consistency_problems(a)]
    if not problems:  # a valuation only the built model can judge (P/E on a loss)
        problems = [lines.problem(text) for text in valuation_problems(a)]
    return a, problems


def _without(data, locations: list[tuple]):
    """A copy of `data` without the values at `locations` (paths of keys and list indexes)."""
    drop = {loc for loc in locations if loc}

    def copy(node, path):
        if isinstance(node, dict):
            return {k: copy(v, path + (k,)) for k, v in node.items() if path + (k,) not in drop}
        if isinstance(node, list):
            return [copy(v, path + (i,)) for i, v in enumerate(node)]
        return node
    return copy(data, ())


def _from_pydantic(err: dict, lines: "_LineMap") -> Problem:
    loc = tuple(err["loc"])
    msg = err["msg"]
    kind = err["type"]
    if msg.startswith("Value error, "):  # a validator's own words, already 'path: problem' or a sentence
        msg = msg[len("Value error, "):]
    if kind == "string_too_long":
        msg = (f"text of {len(err.get('input', '')):,} characters; the limit is {err['ctx']['max_length']:,} "
               f"(a spreadsheet cell holds 32,767)")
    elif kind == "missing":
        msg = "required field is missing"
    elif kind == "extra_forbidden":
        msg = "unknown field"
        guess = difflib.get_close_matches(str(loc[-1]), _fields_at(loc[:-1]), n=1, cutoff=0.6)
        if guess:
            msg += f" (did you mean '{guess[0]}'?)"
    return Problem(lines.label, lines.line(loc), _dotted(loc), msg)


def _fields_at(loc: tuple) -> list[str]:
    """Field names of the schema model found at a location, for 'did you mean'."""
    current = Assumptions
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            args = typing.get_args(current)
            current = args[-1] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _unwrap(tp):
    while typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return tp


def _dotted(loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _parse_path(path: str) -> tuple:
    return tuple(int(i) if i else (int(k) if k.isdigit() else k) for k, i in _PATH_PART.findall(path))


class _LineMap:
    """Line (1-based) of every key and list item of a composed YAML document."""

    def __init__(self, label: str):
        self.label = label
        self.lines: dict[tuple, int] = {}
        self.duplicates: list[Problem] = []

    def index(self, node, path=(), seen_nodes=None):
        # An alias is the same node object again: it is indexed once (at its anchor), never expanded.
        seen_nodes = set() if seen_nodes is None else seen_nodes
        if id(node) in seen_nodes:
            return
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, value_node in node.value:
                key = key_node.value
                key = int(key) if isinstance(key, str) and key.isdigit() else key
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.duplicates.append(Problem(self.label, line, _dotted(path + (key,)),
                                                   f"duplicate key (first given on line {seen[key]})"))
                seen[key] = line
                self.lines[path + (key,)] = line
                self.index(value_node, path + (key,), seen_nodes)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.lines[path + (i,)] = item.start_mark.line + 1
                self.index(item, path + (i,), seen_nodes)

    def line(self, loc: tuple) -> int | None:
        loc = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return None

    def problem(self, text: str, warning=False) -> Problem:
        path, _, message = text.partition(": ")
        return Problem(self.label, self.line(_parse_path(path)), path,
                       f"warning: {message}" if warning else message)
