"""The scoring commands read, by default, the folder `build` writes by default."""

import pytest

from actorstance.cli import cli


def _default(command: str, option: str):
    params = {p.name: p for p in cli.get_command(None, command).params}
    return params[option].default


@pytest.mark.parametrize("command", ["evaluate", "predict", "graph", "publish"])
def test_dataset_default_is_the_build_output(command):
    option = "folder" if command == "publish" else "dataset"
    assert str(_default(command, option)) == str(_default("build", "output")) == "data/dataset"


def test_benchmark_without_dataset_reads_the_build_output(tmp_path, monkeypatch):
    from tests.conftest import error, invoke

    monkeypatch.chdir(tmp_path)  # no data/dataset here: the message names the default folder and --dataset
    stderr = error(invoke("benchmark", "--output", tmp_path / "out"))
    assert stderr.startswith("Error: data/dataset: does not exist, so it is not a built dataset folder")
    assert stderr.endswith("or pass a built dataset folder with --dataset.\n")
