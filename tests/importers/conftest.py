"""Fixtures of the importer tests: writable copies of the invented SEESAW-format checkout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

SEESAW_MINI = FIXTURES / "seesaw_mini"


@pytest.fixture
def seesaw_copy(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/seesaw_mini (the folder holding SEESAW/)."""
    dest = tmp_path / "seesaw_mini"
    shutil.copytree(SEESAW_MINI, dest)
    return dest


@pytest.fixture
def edit_seesaw(seesaw_copy: Path):
    """Edit one JSON file of the copy (path relative to SEESAW/) through a function of its parsed JSON."""

    def edit(relative: str, change) -> Path:
        path = seesaw_copy / "SEESAW" / relative
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return edit
