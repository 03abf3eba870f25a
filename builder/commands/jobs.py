"""How many worker processes a batch uses by default: the cores this process may run on."""
from __future__ import annotations

import os


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
