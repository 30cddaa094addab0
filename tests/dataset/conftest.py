"""Built copies of the tiny fixture dataset (tiny_a → train, tiny_b → test)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from actorstance.dataset.build import build_dataset
from tests.conftest import FIXTURES, TINY


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    """A dataset folder built once from tests/fixtures/tiny; treat it as read-only."""
    out = tmp_path_factory.mktemp("built") / "dataset"
    build_dataset(TINY, out)
    return out


@pytest.fixture
def dataset_copy(tiny_dataset: Path, tmp_path: Path) -> Path:
    """A writable copy of the built tiny dataset."""
    dest = tmp_path / "dataset"
    shutil.copytree(tiny_dataset, dest)
    return dest


@pytest.fixture
def no_network(monkeypatch):
    """Make any attempt to open a network connection fail loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[1:] if len(args) > 1 else args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="session")
def seesaw_dataset(tmp_path_factory) -> Path:
    """A dataset folder built from an import of the invented SEESAW-format fixture; read-only."""
    from actorstance.importers.seesaw import import_seesaw

    root = tmp_path_factory.mktemp("seesaw")
    import_seesaw(FIXTURES / "seesaw_mini", root / "annotations")
    build_dataset(root / "annotations", root / "dataset")
    return root / "dataset"
