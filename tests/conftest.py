"""Fixtures shared by the whole suite. File fixtures live in tests/fixtures/ (all invented)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
TINY = FIXTURES / "tiny"
SHARED = REPO.parent / "shared"

#: Model modules that fail on import on purpose (--doctest-modules would import them).
collect_ignore = ["evaluation/broken_models.py", "evaluation/models_needing_a_package.py"]


def invoke(*args, env=None):
    """Run ``actorstance ARGS...`` in-process (every argument made a string)."""
    from actorstance.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def error(result) -> str:
    """The stderr of a run that failed on bad input: exit code 1, nothing on stdout."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    return result.stderr


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny two-document fixture (annotations, texts and splits.json)."""
    dest = tmp_path / "tiny"
    shutil.copytree(TINY, dest)
    return dest


@pytest.fixture
def edit_annotation(tiny_copy: Path):
    """Edit ``doc_a.json`` of a tiny copy through a function of its parsed JSON; returns the file path."""

    def edit(change) -> Path:
        path = tiny_copy / "doc_a.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    return edit
