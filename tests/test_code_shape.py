"""The package keeps the shape the architecture promises: small functions, classes and modules, and no
import cycle between modules (README, Architecture)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "builder"
MAX_FUNCTION, MAX_CLASS, MAX_MODULE = 60, 300, 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def test_no_function_class_or_module_over_its_limit():
    too_big = []
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE:
            too_big.append(f"module {name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            size = getattr(node, "end_lineno", 0) - getattr(node, "lineno", 0) + 1
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and size > MAX_FUNCTION:
                too_big.append(f"function {name}.{node.name}: {size} lines")
            elif isinstance(node, ast.ClassDef) and size > MAX_CLASS:
                too_big.append(f"class {name}.{node.name}: {size} lines")
    assert not too_big, too_big


def _imports(name: str, path: Path, modules: dict) -> set[str]:
    """Modules of the package that `name` imports when it is loaded (not under TYPE_CHECKING)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - (node.level - 1)] if node.level else []
            target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
            for alias in node.names:  # `from . import keys` imports the submodule keys
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in modules else target)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m in modules and m != name}


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package's __init__ importing its own submodules is no cycle of modules.
    real = [c for c in cycles if not all(m == c[0] or m.startswith(c[0] + ".") or c[0].startswith(m + ".")
                                         for m in c)]
    assert not real, real


# README, Architecture: each folder imports only from folders below it (same floor: neither imports the other).
FLOORS = (("commands",), ("render",), ("report",), ("validation",), ("model",), ("assumptions", "audit"),
          ("labels", "formula", "safety"))


def test_folders_import_only_downwards():
    modules = _modules()
    floor = {folder: level for level, folders in enumerate(FLOORS) for folder in folders}
    upward = []
    for name, path in modules.items():
        parts = name.split(".")
        if len(parts) < 3 or parts[1] not in floor:
            continue
        for target in _imports(name, path, modules):
            other = target.split(".")[1] if target.count(".") >= 1 else None
            if other in floor and other != parts[1] and floor[other] <= floor[parts[1]]:
                upward.append(f"{name} -> {target}")
    assert not upward, upward
    assert set(floor) == {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} - {"examples"}
