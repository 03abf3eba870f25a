"""The assumptions a workbook carries (custom document properties), read without loading the workbook.

`extract` and `diff` first read only docProps/custom.xml: a workbook without our properties is
refused before its sheets are parsed. The payload is capped when inflated and when parsed as JSON,
so a small file cannot stand for gigabytes or for a nesting that exhausts the stack.
"""
from __future__ import annotations

import base64
import binascii
import json
import zipfile
import zlib
from xml.etree import ElementTree

from ..safety.text import one_line
from ..safety.xlsx_guard import part_problem

CUSTOM_PART = "docProps/custom.xml"
MAX_CUSTOM_BYTES = 8 * 1024 * 1024     # the part's XML (the 50k benchmark model's is about 0.2 MB)
MAX_JSON_BYTES = 4 * 1024 * 1024        # the inflated JSON: an assumptions file is at most 2 MB of YAML
MAX_DEPTH = 40                          # the schema nests about 6 deep
_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def payload_chunks(path, prefix: str, error: type[Exception]) -> list[tuple[str, str]]:
    """(name, text) of the custom properties whose name starts with `prefix`, in the part's order."""
    try:
        with zipfile.ZipFile(path) as z:
            try:
                info = z.getinfo(CUSTOM_PART)
            except KeyError:
                return []
            if info.file_size > MAX_CUSTOM_BYTES:
                raise error(f"{path}: custom document properties of {info.file_size:,} bytes; "
                            f"the limit is {MAX_CUSTOM_BYTES:,}")
            problem = part_problem(z, info)  # no DTD, bounded nesting: streamed before the tree is built
            if problem:
                raise error(one_line(f"{path}: refused before parsing: {problem}"))
            with z.open(info) as f:
                root = ElementTree.parse(f).getroot()
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError) as e:
        raise error(f"{path}: the document properties cannot be read ({type(e).__name__})") from None
    out = []
    for prop in root.iter(f"{_NS}property"):
        name = prop.get("name") or ""
        if name.startswith(prefix):
            out.append((name, "".join(child.text or "" for child in prop)))
    return out


def decode(chunks: list[tuple[str, str]], path, error: type[Exception]):
    """The JSON value of the joined, sorted chunks: base64 of zlib-compressed UTF-8 JSON."""
    text = "".join(v for _, v in sorted(chunks))
    try:
        packed = base64.b64decode(text, validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES or inflater.unconsumed_tail:
            raise error(f"{path}: the embedded assumptions inflate past {MAX_JSON_BYTES:,} bytes; refused")
        if not inflater.eof:
            raise ValueError("the compressed data is truncated")
        value = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise error(f"{path}: the embedded assumptions are damaged (nested too deep)") from None
    except (ValueError, zlib.error, binascii.Error, UnicodeDecodeError) as e:
        raise error(f"{path}: the embedded assumptions are damaged ({str(e)[:120]})") from None
    if _depth(value) > MAX_DEPTH:
        raise error(f"{path}: the embedded assumptions are damaged (nested more than {MAX_DEPTH} levels)")
    if not isinstance(value, dict):
        raise error(f"{path}: the embedded assumptions are damaged (not a mapping)")
    return value


def _depth(value) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return deepest
