"""Write a build's files all together or not at all, even across a kill.

Every file is first written (and flushed to disk) under a temporary name in the target folder. Then a
journal listing every temporary file and its final name is written atomically: from that instant the
new set is complete on disk, and the renames that follow can always be finished. When they are done
the journal is removed. So at any instant the folder holds the old set, the new set, or a journal that
the next command touching the folder completes first (`recover`). A Ctrl-C during the renames is held
until they are done; a failed rename puts the earlier files back from hard-linked backups.

Our temporary files carry the writing process's id; those of a process that no longer runs are removed.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

JOURNAL = ".builder-journal"
_OURS = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.builder-(?P<kind>tmp|old)$")
_JOURNAL = re.compile(rf"^{re.escape(JOURNAL)}\.(?P<pid>\d+)-[0-9a-f]{{8}}(?:\.json|\.json\.part)$")
_LEGACY_TMP = r"^\.{name}\.[A-Za-z0-9_]{{8}}\.tmp$"  # mkstemp names of earlier versions of this module


class OutputError(Exception):
    pass


class CommittedInterrupt(KeyboardInterrupt):
    """Ctrl-C arrived while the new files were being put in place; they all were."""
    committed = True


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise OutputError(f"{folder}: output folder does not exist")
    if not folder.is_dir():
        raise OutputError(f"{folder}: output path is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: output folder is not writable")


@contextmanager
def staged(folder: Path, names: list[str]):
    """Yield name -> temporary path; on clean exit put every file in place at once (see the module doc)."""
    folder = Path(folder)
    check_folder(folder)
    recover(folder)
    remove_legacy_temps(folder, names)
    _check_targets(folder, names)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    temps = {name: folder / f".{name}.{token}.builder-tmp" for name in names}
    try:
        for tmp in temps.values():
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        yield temps
        _check_targets(folder, names)
        mode = 0o666 & ~_umask()  # outputs get the usual permissions
        for tmp in temps.values():
            os.chmod(tmp, mode)
            _fsync_file(tmp)
        _commit(folder, temps, token)
    except Exception as e:
        cause = _os_error(e)
        if cause is None:
            raise
        raise OutputError(f"{folder}: cannot write output: {_describe(cause)}") from None
    finally:
        for tmp in temps.values():
            _unlink(tmp)


def _check_targets(folder: Path, names: list[str]) -> None:
    for name in names:
        target = folder / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OutputError(f"{target}: exists and is not a regular file; not replaced")


def _commit(folder: Path, temps: dict[str, Path], token: str) -> None:
    """Back up the current files (hard links), write the journal, rename, drop the journal and backups."""
    backups = {}
    journal = folder / f"{JOURNAL}.{token}.json"
    held = _HeldInterrupt()
    with held:
        try:
            for name in temps:
                if (folder / name).exists():
                    backups[name] = folder / f".{name}.{token}.builder-old"
                    _link_or_copy(folder / name, backups[name])
            _write_journal(journal, temps, backups)
            done = []
            try:
                for name, tmp in temps.items():
                    os.replace(tmp, folder / name)
                    done.append(name)
            except BaseException:
                _roll_back(folder, done, backups)
                _unlink(journal)
                raise
            _fsync_dir(folder)
            _unlink(journal)
            _fsync_dir(folder)
        finally:
            for backup in backups.values():
                _unlink(backup)
    if held.pending:
        raise CommittedInterrupt()


def _roll_back(folder: Path, done: list[str], backups: dict[str, Path]) -> None:
    for name in done:
        if name in backups:
            os.replace(backups[name], folder / name)
        else:
            _unlink(folder / name)
    _fsync_dir(folder)


def _write_journal(journal: Path, temps: dict[str, Path], backups: dict[str, Path]) -> None:
    part = journal.with_name(journal.name + ".part")
    entries = [{"final": name, "temp": tmp.name, "backup": backups[name].name if name in backups else None}
               for name, tmp in temps.items()]
    with open(part, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "entries": entries}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, journal)  # the instant the new set becomes the one the folder will hold
    _fsync_dir(journal.parent)


def recover(folder: Path) -> list[str]:
    """Finish any commit a killed process left in `folder` and remove its temporary files.

    Returns what was done, one phrase each. Best effort on a folder we cannot write (nothing to do)."""
    folder = Path(folder)
    done = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return done
    for entry in sorted(entries, key=lambda e: e.name):
        m = _JOURNAL.match(entry.name)
        if m and not _alive(int(m["pid"])):
            if entry.name.endswith(".part"):
                _unlink(Path(entry.path))  # written before the commit point: the old set stands
            else:
                done.append(_finish(folder, Path(entry.path)))
    for entry in os.scandir(folder):
        m = _OURS.match(entry.name)
        if m and not _alive(int(m["pid"])) and entry.is_file(follow_symlinks=False):
            _unlink(Path(entry.path))
            done.append(f"removed stale {entry.name}")
    return done


def _finish(folder: Path, journal: Path) -> str:
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["entries"]
    except FileNotFoundError:
        return "an interrupted build was completed by another process"  # two recoveries at once
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise OutputError(f"{journal}: cannot complete an interrupted build's commit: {_describe(err)}") from None
    if not all(_plain_name(e.get("final")) and _OURS.match(str(e.get("temp"))) and _plain_name(e.get("temp"))
               for e in entries):  # a journal never moves anything outside its folder, nor anything not ours
        raise OutputError(f"{journal}: not a journal this tool wrote; remove it to go on")
    try:
        for e in entries:
            try:
                os.replace(folder / e["temp"], folder / e["final"])
            except FileNotFoundError:
                pass  # renamed before the kill (or by a concurrent recovery)
        _fsync_dir(folder)
        for e in entries:
            if _plain_name(e.get("backup")) and _OURS.match(e["backup"]):
                _unlink(folder / e["backup"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise OutputError(f"{journal}: cannot complete an interrupted build's commit: {_describe(err)}") from None
    _unlink(journal)
    return f"completed an interrupted build ({len(entries)} files)"


def _plain_name(name) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\\" not in name \
        and "\0" not in name


def remove_legacy_temps(folder: Path, names: list[str]) -> None:
    """Temporary files that earlier versions left behind when killed (`.NAME.XXXXXXXX.tmp`)."""
    patterns = [re.compile(_LEGACY_TMP.format(name=re.escape(n))) for n in names]
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and any(p.match(entry.name) for p in patterns):
            _unlink(Path(entry.path))


class _HeldInterrupt:
    """Hold SIGINT (Ctrl-C) while files are renamed; `pending` tells whether one came."""

    def __init__(self):
        self.pending = False
        self._previous = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._note)
        return self

    def _note(self, signum, frame):
        self.pending = True

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        return False


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dst)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the renames are still atomic
    finally:
        os.close(fd)


def _os_error(e: BaseException) -> OSError | None:
    """The OSError behind a failure, also when a library wrapped it (xlsxwriter's FileCreateError)."""
    seen = 0
    while e is not None and seen < 5:
        if isinstance(e, OSError):
            return e
        inner = e.args[0] if getattr(e, "args", None) and isinstance(e.args[0], OSError) else None
        e = inner or e.__cause__
        seen += 1
    return None


def _describe(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return e.strerror + (f" ({Path(e.filename).name})" if e.filename else "")
    return str(e) or type(e).__name__


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def finish_interrupted_commits(args) -> None:
    """Before a command reads or writes files: complete what a killed build left in their folders."""
    paths = [getattr(args, k, None) for k in ("out", "workbook", "output", "old", "new", "assumptions")]
    folders = set()
    for p in paths:
        for one in (p if isinstance(p, list) else [p]):
            if one is None:
                continue
            one = Path(one)
            folders.add(one if one.is_dir() else one.parent)
    if getattr(args, "command", None) == "build" and getattr(args, "out", None) is None:
        folders.add(Path("output"))
    for folder in sorted(folders):
        if folder.is_dir():
            recover(folder)
