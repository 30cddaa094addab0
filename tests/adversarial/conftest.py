"""A hostile user's workspace, and the check every adversarial case must pass.

Each case gets a fresh workspace ``ws``: ``ws/ann`` (the tiny annotations), ``ws/sm`` (the
invented SEESAW mini corpus), ``ws/ds`` (a built dataset of ``ws/ann``), ``ws/p.jsonl`` (valid
predictions for ``ws/ds``'s test split) and ``ws/blocker`` (a file where a folder should be).
:func:`check` runs the command and asserts what issue 11 asks of every bad input: the exit code,
no traceback (nor an "internal error"), a message naming the place and the fix, and that every
file that existed before is byte-identical after.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import FIXTURES, TINY, invoke


@dataclass(frozen=True)
class Case:
    """``setup(ws)`` changes the workspace and returns the command's arguments."""

    id: str
    setup: Callable[[Path], list]
    exit: int
    expect: tuple[str, ...] = ()      # substrings of the output; "{ws}" is the workspace path
    env: dict = field(default_factory=dict)
    cwd: bool = False                 # run from inside the workspace
    after: Callable[[Path, str], None] | None = None   # extra assertions on (ws, output)


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under ``root``: file bytes, link targets, and a marker for FIFOs (never opened)."""
    out: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISFIFO(mode):
                out[rel] = ("fifo",)
            elif stat.S_ISREG(mode):
                out[rel] = path.read_bytes()
            elif stat.S_ISDIR(mode):
                out[rel] = ("dir",)
    return out


def check(case: Case, ws: Path, monkeypatch) -> str:
    args = [str(a) for a in case.setup(ws)]
    before = snapshot(ws)
    if case.cwd:
        monkeypatch.chdir(ws)
    result = invoke(*args, env=case.env or None)
    output = result.output
    assert result.exit_code == case.exit, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output and "internal error" not in output, output
    for fragment in case.expect:
        assert fragment.format(ws=ws) in output, f"{fragment.format(ws=ws)!r} not in:\n{output}"
    if case.exit == 1:
        assert "Fix:" in output or "fix" in output.lower(), output
        # the place: a path, an option, or (for a model's error) the model
        assert str(ws) in output or case.cwd or "--" in output or "model " in output, \
            f"the message names no place:\n{output}"
    if case.exit == 2:
        assert "Invalid value" in output or "Usage:" in output, output
    after = snapshot(ws)
    changed = [rel for rel, content in before.items() if after.get(rel) != content]
    assert not changed, f"files changed or removed: {changed}"
    if case.after is not None:
        case.after(ws, output)
    return output


@pytest.fixture(scope="session")
def _built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("adversarial")
    result = invoke("build", "--annotations", TINY, "--output", root / "ds")
    assert result.exit_code == 0, result.output
    result = invoke("predict", "--model", "baseline:majority", "--dataset", root / "ds", "--output", root / "p.jsonl")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def ws(tmp_path: Path, _built: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copytree(TINY, root / "ann")
    shutil.copytree(FIXTURES / "seesaw_mini", root / "sm")
    shutil.copytree(_built / "ds", root / "ds")
    shutil.copy(_built / "p.jsonl", root / "p.jsonl")
    (root / "blocker").write_text("a file where a folder should be\n", encoding="utf-8")
    return root
