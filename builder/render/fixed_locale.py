"""Charts are drawn under one fixed C locale, whatever the user's environment says.

Python takes LC_CTYPE from the environment at start-up, and the text rendering under matplotlib reads
it: under LC_ALL=zh_CN.UTF-8 the Chinese charts' labels came out a few pixels different, with the
same chart digest. Every category is set to C.UTF-8 (or C) while drawing and put back afterwards.
"""
from __future__ import annotations

import locale
from contextlib import contextmanager

_CATEGORIES = [getattr(locale, name) for name in ("LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE",
                                                  "LC_MONETARY", "LC_MESSAGES") if hasattr(locale, name)]


@contextmanager
def c_locale():
    saved = {}
    for category in _CATEGORIES:
        try:
            saved[category] = locale.setlocale(category)
        except locale.Error:
            continue
    for category in saved:
        for name in ("C.UTF-8", "C"):
            try:
                locale.setlocale(category, name)
                break
            except locale.Error:
                continue
    try:
        yield
    finally:
        for category, value in saved.items():
            try:
                locale.setlocale(category, value)
            except locale.Error:
                pass
