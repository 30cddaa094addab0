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


def json_error(text: str) -> str:
    """Python's own words for why ``text`` is not JSON, with the column: ``"Expecting value (column 12)"``.

    Tests assert our whole message but take another library's part of it from that library, so a new
    wording there breaks no test here."""
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        return f"{err.msg} (column {err.colno})"
    raise AssertionError(f"{text!r} is valid JSON")


def pydantic_error(annotation, value, *, strict: bool = True) -> str:
    """pydantic's own message for ``value`` failing ``annotation`` (strict), e.g. ``"Input should be a valid
    string"`` — see :func:`json_error`."""
    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(annotation).validate_python(value, strict=strict)
    except ValidationError as err:
        return err.errors()[0]["msg"]
    raise AssertionError(f"{value!r} is a valid {annotation}")


def error(result) -> str:
    """The stderr of a run that failed on bad input: exit code 1, nothing on stdout."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    return result.stderr


# ---------------------------------------------------------------- built datasets (once per session)

@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    """The tiny fixture built: tiny_a → train (4 pairs, 20 candidates), tiny_b → test (2 pairs, 4 candidates,
    1 document). Shared by every test of the session: treat it as read-only (``dataset_copy`` to write)."""
    from actorstance.dataset.build import build_dataset

    output = tmp_path_factory.mktemp("tiny") / "dataset"
    build_dataset(TINY, output)
    return output


@pytest.fixture(scope="session")
def two_document_dataset(tmp_path_factory) -> Path:
    """Both tiny documents in the test split (6 pairs, 2 documents), no train split; read-only."""
    from actorstance.dataset.build import build_dataset

    annotations = tmp_path_factory.mktemp("two") / "annotations"
    shutil.copytree(TINY, annotations)
    (annotations / "splits.json").write_text(json.dumps({"tiny_a": "test", "tiny_b": "test"}), encoding="utf-8")
    build_dataset(annotations, annotations.parent / "dataset")
    return annotations.parent / "dataset"


@pytest.fixture(scope="session")
def seesaw_dataset(tmp_path_factory) -> Path:
    """A dataset folder built from an import of the invented SEESAW-format fixture; read-only."""
    from actorstance.dataset.build import build_dataset
    from actorstance.importers.seesaw import import_seesaw

    root = tmp_path_factory.mktemp("seesaw")
    import_seesaw(FIXTURES / "seesaw_mini", root / "annotations")
    build_dataset(root / "annotations", root / "dataset")
    return root / "dataset"


@pytest.fixture
def dataset_copy(tiny_dataset: Path, tmp_path: Path) -> Path:
    """A writable copy of the built tiny dataset."""
    dest = tmp_path / "dataset"
    shutil.copytree(tiny_dataset, dest)
    return dest


# ---------------------------------------------------------------- annotation fixtures

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
