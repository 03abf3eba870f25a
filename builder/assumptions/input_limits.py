"""Bounded work for an assumptions file: how much is read, and how far its YAML may nest and expand.

The size is checked on the open file before reading (so /dev/zero is never read), special files
(FIFOs, devices, folders) are refused without blocking, and the YAML event stream is checked for
nesting depth and alias count before anything is composed. Aliases share nodes, so a small file can
stand for an exponential tree (a "billion laughs"); its expanded size is counted on the shared node
graph, once per node, before the data is built or validated.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

MAX_BYTES = 2 * 1024 * 1024  # an assumptions file is text a person edits; anything larger is a mistake
MAX_DEPTH = 40               # the schema nests about 6 deep
MAX_ALIASES = 1000           # references to anchors (`*name`)
MAX_EXPANDED_NODES = 1_000_000  # nodes of the document with every alias and merge expanded


class LimitError(Exception):
    """One problem, str() a phrase such as 'file is 3,000,000 bytes; the limit is 2,097,152'."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


_KINDS = ((stat.S_ISDIR, "is a directory, not {what}"), (stat.S_ISFIFO, "is a FIFO (named pipe)"),
          (stat.S_ISCHR, "is a character device"), (stat.S_ISBLK, "is a block device"),
          (stat.S_ISSOCK, "is a socket"))


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refused before reading when it is not a regular file or is too large.

    Raises FileNotFoundError / OSError as `open` does, LimitError for the limits."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise
    _refuse_special(mode)
    # O_NONBLOCK: should the path become a FIFO between the stat and the open, the open does not wait.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        _refuse_special(info.st_mode)
        if info.st_size > limit:
            raise LimitError(f"file is {info.st_size:,} bytes; the limit is {limit:,}")
        chunks, total = [], 0
        while True:  # a file that grows while being read (or lies about its size) is still bounded
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise LimitError(f"file is over {limit:,} bytes; the limit is {limit:,}")
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_file(path: Path, limit: int = MAX_BYTES, what: str = "a text file") -> None:
    """Raise LimitError if `path` exists and is a special file or larger than `limit` (nothing is opened),
    for inputs read elsewhere (the price file)."""
    try:
        info = os.stat(path)
    except OSError:
        return  # the reader reports a missing file in its own words
    _refuse_special(info.st_mode, what)
    if info.st_size > limit:
        raise LimitError(f"file is {info.st_size:,} bytes; the limit is {limit:,}")


def _refuse_special(mode: int, what: str = "an assumptions file") -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise LimitError(kind.format(what=what))
    if not stat.S_ISREG(mode):
        raise LimitError("is not a regular file")


def check_events(text: str, loader) -> None:
    """Nesting depth and alias count from the parser's event stream (a state machine, no recursion)."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise LimitError(f"nested more than {MAX_DEPTH} levels deep", _line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise LimitError(f"more than {MAX_ALIASES} aliases (*name)", _line(event))


def check_expansion(root) -> None:
    """Refuse a node graph whose aliases and merges expand past MAX_EXPANDED_NODES (counted once per node)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: meeting one again is a cycle
    # Post-order without recursion: a node's size is known once its children's are.
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not ready:
            if id(node) in open_nodes:
                raise LimitError("an alias refers to a node that contains it (a recursive structure)", _line(node))
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        size = 1 + sum(sizes.get(id(c), 1) for c in children)
        sizes[id(node)] = size
        if size > MAX_EXPANDED_NODES:
            raise LimitError(f"aliases expand to more than {MAX_EXPANDED_NODES:,} values", _line(node))


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _line(item) -> int | None:
    mark = getattr(item, "start_mark", None)
    return mark.line + 1 if mark is not None else None
