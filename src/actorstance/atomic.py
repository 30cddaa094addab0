"""The one way outputs are written: never over an input, never over a user's folder, never half.

- **Files** (:func:`atomic_file`) are written to a uniquely named temporary file beside the
  destination and renamed over it, so a failure or a kill leaves the old file intact.
- **Folders** (:func:`atomic_dir`) are built in a temporary folder and swapped in. A folder is
  replaced only when it is new, empty, or carries this project's marker (:data:`MARKER`) of an
  earlier output *of the same command*, listing every file that command wrote; a folder holding
  anything else is refused, so a mistyped ``--output`` never deletes a user's files.
- **Inputs are never outputs**: an output that is, contains or lies inside any input of the
  command is refused before anything is written.
- **Kills**: temporary and backup folders are named ``.NAME.actorstance-new-*`` /
  ``.NAME.actorstance-old-*`` (unique, in this project's namespace). The next run restores a
  backup whose output is missing (a kill between the two renames of the swap), and removes
  temporary folders and superseded backups, so no litter survives it.

Temporary files are private (0600/0700) until renamed; :func:`ordinary_modes` gives a finished
folder the usual permissions (umask applies).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
import uuid
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from actorstance.errors import OutputError, OutputRecoveredWarning

#: Written into every output folder: ``{"command": NAME, "files": [relative paths]}``.
MARKER = ".actorstance-output"
_NEW, _OLD, _TMP = "actorstance-new-", "actorstance-old-", "actorstance-tmp-"


@contextmanager
def atomic_file(dest: str | Path, mode: str = "wb", *, inputs: Iterable[str | Path] = ()) -> Iterator:
    """Open a temporary file next to ``dest``; on success it replaces ``dest``, on error it vanishes.

    ``inputs`` are the command's inputs: ``dest`` may not be, contain or lie inside one of them.

    >>> with atomic_file("out.jsonl") as fh:  # doctest: +SKIP
    ...     fh.write(b"{}\\n")
    """
    dest = Path(dest)
    check_not_input(dest, inputs)
    if dest.is_dir():
        raise OutputError(f"{dest}: is a folder. Fix: give a file path (e.g. {dest / 'out'}{dest.suffix or ''}).")
    _make_parent(dest)
    for stale in _siblings(dest, _TMP):  # left by a killed run; only ever incomplete
        stale.unlink(missing_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.{_TMP}", suffix=".tmp", dir=dest.parent)
    except OSError as err:
        raise _output_error(dest.parent, err) from None
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, dest)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise _output_error(dest, err) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomic(dest: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    with atomic_file(dest, "wb", inputs=inputs) as fh:
        fh.write(data)


@contextmanager
def atomic_dir(dest: str | Path, *, command: str, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield an empty temporary folder next to ``dest``; on success it replaces ``dest`` whole.

    ``command`` names what writes the folder (``"build"``); its marker is written last, so a
    folder with a marker is complete. Refused before any work: ``dest`` overlapping an input, a
    file at ``dest``, or a non-empty folder that is not this command's earlier output.
    """
    dest = Path(dest)
    check_not_input(dest, inputs)
    recover(dest)
    check_replaceable(dest, command)
    _make_parent(dest)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.{_NEW}", dir=dest.parent))
    except OSError as err:
        raise _output_error(dest.parent, err) from None
    try:
        yield tmp
        (tmp / MARKER).write_text(json.dumps({"command": command, "files": _files(tmp)}, indent=2) + "\n",
                                  encoding="utf-8")
        ordinary_modes(tmp)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _output_error(dest, err) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = dest.with_name(f".{dest.name}.{_OLD}{uuid.uuid4().hex[:12]}")
    try:
        if dest.exists():
            os.replace(dest, old)
        os.replace(tmp, dest)  # a kill between these two renames is repaired by recover()
    except OSError as err:
        if old.exists() and not dest.exists():
            os.replace(old, dest)
        shutil.rmtree(tmp, ignore_errors=True)
        raise _output_error(dest, err) from None
    shutil.rmtree(old, ignore_errors=True)


def check_output_dir(dest: str | Path, *, command: str, inputs: Iterable[str | Path] = ()) -> None:
    """The checks of :func:`atomic_dir`, without writing anything: call it before long work, so a
    refused ``--output`` is reported at once, not after minutes of computing."""
    check_not_input(dest, inputs)
    check_replaceable(dest, command)


def check_output_file(dest: str | Path, *, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse a file output before long work: one overlapping an input, a folder in its place, or a
    place that cannot be written (a file where a folder should be, no permission)."""
    dest = Path(dest)
    check_not_input(dest, inputs)
    if dest.is_dir():
        raise OutputError(f"{dest}: is a folder. Fix: give a file path (e.g. {dest / 'out'}{dest.suffix or ''}).")
    parent = dest.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise _output_error(parent, OSError(errno.ENOTDIR, "not a folder"))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _output_error(parent, OSError(errno.EACCES, "permission denied"))


def check_not_input(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an ``output`` that is, contains or lies inside one of ``inputs``.

    Fast for many inputs (every text file of a corpus): the output is resolved and stat-ed once,
    an input's folder is resolved once for all the files in it, and containment is a comparison
    of path strings.
    """
    out = Path(output).resolve()
    out_key = os.path.normcase(str(out))
    out_id = _file_id(out)  # None when the output does not exist yet: then it is no input's hard link
    folders: dict[str, str] = {}
    for raw in inputs:
        if raw is None:
            continue
        inp_key = _resolved_key(os.fspath(raw), folders)
        same = out_key == inp_key or (out_id is not None and _file_id(raw) == out_id)
        if same:
            why = "is an input of this command"
        elif _inside(inp_key, out_key):
            why = f"contains the input {raw}, which writing it would replace"
        elif _inside(out_key, inp_key):
            why = f"lies inside the input folder {raw}"
        else:
            continue
        raise OutputError(f"{output}: refusing to write the output here: it {why}. "
                          "Fix: write the output somewhere else (e.g. under out/), never over an input.")


def _resolved_key(path: str, folders: dict[str, str]) -> str:
    """``os.path.normcase(str(Path(path).resolve()))``, resolving each folder once: a file that is
    no symbolic link resolves to its name in its folder resolved."""
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.normcase(str(Path(path).resolve()))
    if folder not in folders:
        folders[folder] = os.path.normcase(str(Path(folder or os.curdir).resolve()))
    return os.path.join(folders[folder], os.path.normcase(name))


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _inside(path: str, folder: str) -> bool:
    """Whether the normalised absolute ``path`` lies strictly inside ``folder``."""
    return path.startswith(folder if folder.endswith(os.sep) else folder + os.sep) and path != folder


def check_replaceable(dest: str | Path, command: str) -> None:
    """Refuse to replace ``dest`` unless it is new, empty, or ``command``'s earlier output, untouched."""
    dest = Path(dest)
    fix = (f"Fix: pass a new or empty folder, or one written by an earlier `actorstance {command}`; "
           "move your files elsewhere first if this is the folder you meant.")
    if not dest.exists() and not dest.is_symlink():
        return
    if not dest.is_dir():
        raise OutputError(f"{dest}: exists and is not a folder. Fix: give --output a folder path.")
    try:
        entries = sorted(p.name for p in dest.iterdir())
    except OSError as err:
        raise _output_error(dest, err) from None
    if not entries:
        return
    marker = dest / MARKER
    recorded = _read_marker(marker)
    if recorded is None:
        raise OutputError(f"{dest}: refusing to replace this folder: it is not empty and is not an output of "
                          f"`actorstance {command}` (it has no {MARKER} marker). {fix}")
    if recorded.get("command") != command:
        raise OutputError(f"{dest}: refusing to replace this folder: it is the output of `actorstance "
                          f"{recorded.get('command')}`, not of `actorstance {command}`. {fix}")
    ours = set(recorded.get("files") or ())
    for rel in _files(dest):
        if rel not in ours:
            raise OutputError(f"{dest}: refusing to replace this folder: it holds {rel!r}, which `actorstance "
                              f"{command}` did not write. {fix}")


def recover(dest: str | Path) -> None:
    """Repair what a killed run left beside ``dest``: restore a backup when ``dest`` is missing
    (reported as an :class:`~actorstance.errors.OutputRecoveredWarning`), then remove temporary
    folders and backups superseded by a complete ``dest``. A backup is never removed while it
    could be the only copy."""
    dest = Path(dest)
    if not dest.parent.is_dir():
        return
    backups = sorted(_siblings(dest, _OLD), key=lambda p: p.stat().st_mtime)
    if backups and not dest.exists():
        newest = backups.pop()
        os.replace(newest, dest)
        warnings.warn(f"{dest}: restored the previous output from {newest.name}, left by a run that was "
                      "interrupted while replacing it", OutputRecoveredWarning, stacklevel=3)
    complete = dest.is_dir() and _read_marker(dest / MARKER) is not None
    for stale in _siblings(dest, _NEW):
        shutil.rmtree(stale, ignore_errors=True)
    for backup in backups:
        if complete:
            shutil.rmtree(backup, ignore_errors=True)
        else:
            warnings.warn(f"{backup}: a backup of an earlier output of {dest.name} is kept, because {dest} is "
                          "not a complete output; move or delete it yourself", OutputRecoveredWarning, stacklevel=3)


def ordinary_modes(folder: Path) -> None:
    """Temporary files and folders are private (0600/0700); an output is ordinary files (umask applies)."""
    umask = _umask()
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _files(folder: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            rel = (Path(root) / name).relative_to(folder).as_posix()
            if rel != MARKER:
                out.append(rel)
        for name in dirs:  # a symlink to a folder is not walked into, and is not ours either
            if (Path(root) / name).is_symlink():
                out.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(out)


def _read_marker(marker: Path) -> dict | None:
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _siblings(dest: Path, kind: str) -> list[Path]:
    try:
        return [p for p in dest.parent.glob(f".{_escape_glob(dest.name)}.{kind}*")]
    except OSError:
        return []


def _escape_glob(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _make_parent(dest: Path) -> None:
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _output_error(dest.parent, err) from None


_WRITE_REASONS = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
                  errno.EROFS: "the file system is read-only", errno.ENOSPC: "no space left on the device",
                  errno.EDQUOT: "disk quota exceeded", errno.ENOTDIR: "a part of the path is a file, not a folder",
                  errno.EISDIR: "a folder is in the way", errno.ENAMETOOLONG: "the name is too long",
                  errno.ENOENT: "a folder on the path does not exist",
                  errno.EEXIST: "a part of the path is a file, not a folder"}


def _output_error(path: Path, err: OSError) -> OutputError:
    reason = _WRITE_REASONS.get(err.errno) or err.strerror or str(err)
    return OutputError(f"{path}: cannot write the output ({reason}). Fix: pass an --output path in a folder you "
                       "can write to, with enough free space.")
