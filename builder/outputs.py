"""Write a build's files all together or not at all.

Every file is first written to a temporary name in the target folder, then all are
renamed into place. A failure (or Ctrl-C) before the renames leaves earlier outputs
untouched and removes the temporary files.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    pass


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise OutputError(f"{folder}: output folder does not exist")
    if not folder.is_dir():
        raise OutputError(f"{folder}: output path is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: output folder is not writable")


@contextmanager
def staged(folder: Path, names: list[str]):
    """Yield name -> temporary path; on clean exit rename each onto its final name."""
    check_folder(folder)
    temps: dict[str, Path] = {}
    try:
        for name in names:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            os.close(fd)
            temps[name] = Path(tmp)
        yield temps
        mode = 0o666 & ~_umask()  # mkstemp makes 0600 files; outputs get the usual permissions
        for name, tmp in temps.items():
            os.chmod(tmp, mode)
            os.replace(tmp, folder / name)
    except OSError as e:
        raise OutputError(f"{folder}: cannot write output: {e.strerror or e}") from None
    finally:
        for tmp in temps.values():
            if tmp.exists():
                tmp.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
