"""Limits for an analyst's own templates (`--template DIR`): what they may read and how much work they do.

- Files: only regular files inside the template folder, never through a symbolic link, never by a
  name that climbs out (`..`, an absolute path), and at most MAX_TEMPLATE_BYTES each.
- Work: `*` and `**` are checked before they run (so `'x' * 10**9` is refused, not computed), calls
  are counted, the output is counted as it streams, recursion (a template including itself) is
  capped, and the whole render has a wall-time budget and a memory ceiling.

Each limit raises TemplateLimit, which the summary reports as `FILE:LINE: problem`.
"""
from __future__ import annotations

import os
import resource
import signal
import stat
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_OUTPUT_CHARS = 4 * 1024 * 1024   # a summary is a few kB; a 300-segment model's about 100 kB
MAX_SEQUENCE = 1_000_000             # items or characters an operator may make
MAX_POWER_BITS = 4096                # digits of a power, in bits
MAX_CALLS = 1_000_000                # calls from template code (filters, methods, ranges)
MAX_SECONDS = 4.0
MAX_NESTING = 300                    # Python frames a render may add (macros calling themselves)
MAX_INCLUDE_DEPTH = 10               # templates including templates
MEMORY_HEADROOM = 512 * 1024 * 1024  # address space a render may add to the process


class TemplateLimit(SecurityError):
    """A template that does too much, or reads what it may not."""


class FolderLoader(jinja2.BaseLoader):
    """Templates from one folder: regular files only, no symbolic link anywhere below the folder."""

    def __init__(self, directory: Path):
        self.root = Path(os.path.realpath(directory))

    def get_source(self, environment, template):
        parts = template.replace("\\", "/").split("/")
        if template.startswith(("/", "\\")) or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
            raise TemplateLimit(f"template name {template!r} leaves the template folder")
        path = self.root
        for part in parts:
            path = path / part
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                raise jinja2.TemplateNotFound(template) from None
            if stat.S_ISLNK(info.st_mode):
                raise TemplateLimit(f"{template!r} goes through a symbolic link; templates must be plain files")
        if not stat.S_ISREG(info.st_mode):
            raise TemplateLimit(f"{template!r} is not a regular file")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateLimit(f"{template!r} is {info.st_size:,} bytes; the limit is {MAX_TEMPLATE_BYTES:,}")
        with open(path, "rb") as f:
            raw = f.read(MAX_TEMPLATE_BYTES + 1)
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateLimit(f"{template!r} is not UTF-8 text") from None
        mtime = info.st_mtime_ns
        return source, str(path), lambda: _mtime(path) == mtime


def _mtime(path: Path):
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return None


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with operators checked before they run and calls counted."""

    intercepted_binops = frozenset(["*", "**"])  # also keeps Jinja from folding them at compile time

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = 0

    def get_template(self, name, parent=None, globals=None):
        """Includes and imports load here while rendering: count the templates being rendered on the stack
        (each runs a compiled `root` function from a file under the folder), so self-inclusion fails at once."""
        root = getattr(self.loader, "root", None)
        if root is not None:
            prefix, depth, frame = str(root) + os.sep, 0, sys._getframe(1)
            while frame is not None:
                code = frame.f_code
                depth += code.co_name == "root" and code.co_filename.startswith(prefix)
                frame = frame.f_back
            if depth >= MAX_INCLUDE_DEPTH:
                raise TemplateLimit(f"templates include each other more than {MAX_INCLUDE_DEPTH} deep "
                                    f"(a template that includes itself?)")
        return super().get_template(name, parent, globals)

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            seq, count = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                    and len(seq) * max(count, 0) > MAX_SEQUENCE:
                raise TemplateLimit(f"repeating a sequence {count:,} times makes more than {MAX_SEQUENCE:,} items")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and not isinstance(right, bool):
            if right > 0 and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS:
                raise TemplateLimit(f"{left} ** {right} is too large a number")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        __self.calls += 1
        if __self.calls > MAX_CALLS:
            raise TemplateLimit(f"more than {MAX_CALLS:,} calls; the template does too much work")
        return super().call(__context, __obj, *args, **kwargs)


def render(env: LimitedEnvironment, name: str, context: dict) -> str:
    """The template's output, within every limit (loading and compiling included)."""
    env.calls = 0
    with _budget():
        template = env.get_template(name)
        out, size = [], 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimit(f"the output passes {MAX_OUTPUT_CHARS:,} characters")
            out.append(piece)
    return "".join(out)


@contextmanager
def _budget():
    """Wall time (SIGALRM, main thread only), memory ceiling and recursion depth for one render."""
    old_depth = sys.getrecursionlimit()
    sys.setrecursionlimit(min(old_depth, _depth() + MAX_NESTING))
    timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if timer:
        previous = signal.signal(signal.SIGALRM, _out_of_time)
        started = time.monotonic()
        earlier = signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)  # someone else's alarm, put back after
    memory = _lower_memory_ceiling()
    try:
        yield
    except RecursionError as e:  # chained, so the report can name the template line
        raise TemplateLimit("templates nest too deep (a macro that calls itself?)") from e
    except MemoryError as e:
        raise TemplateLimit("the template needs too much memory") from e
    finally:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, memory)
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if earlier[0] > 0:
                signal.setitimer(signal.ITIMER_REAL, max(earlier[0] - (time.monotonic() - started), 0.001),
                                 earlier[1])
        sys.setrecursionlimit(old_depth)


def _out_of_time(signum, frame):
    raise TemplateLimit(f"rendering took more than {MAX_SECONDS:g} s")


def _depth() -> int:
    frame, n = sys._getframe(), 0
    while frame is not None:
        frame, n = frame.f_back, n + 1
    return n


def _lower_memory_ceiling():
    """Lower the soft address-space limit to what the process uses now plus the headroom; return the old."""
    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * resource.getpagesize()
        old = resource.getrlimit(resource.RLIMIT_AS)
    except (OSError, ValueError, AttributeError):
        return None
    ceiling = used + MEMORY_HEADROOM
    if old[1] != resource.RLIM_INFINITY:
        ceiling = min(ceiling, old[1])
    if old[0] != resource.RLIM_INFINITY and old[0] <= ceiling:
        return None  # already tighter
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, old[1]))
    return old
