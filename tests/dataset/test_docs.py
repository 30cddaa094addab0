"""The Python snippets of docs/dataset.md run as written (against a built tiny dataset, offline)."""

from __future__ import annotations

import re
import shutil

import datasets
import huggingface_hub.constants

from tests.conftest import REPO

DOC = REPO / "docs" / "dataset.md"


def _snippets() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_docs_have_the_two_loading_snippets():
    snippets = _snippets()
    assert len(snippets) == 2
    assert 'load_dataset("data/dataset", "pairs")' in snippets[0]
    assert 'load_split("data/dataset", "pairs", "test")' in snippets[1]


def test_docs_snippets_run_as_written(tiny_dataset, tmp_path, monkeypatch, capsys, no_network):
    shutil.copytree(tiny_dataset, tmp_path / "data" / "dataset")
    monkeypatch.chdir(tmp_path)
    # what HF_HUB_OFFLINE=1 and HF_DATASETS_CACHE=... would set, had they been set before the import
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "cache")
    for snippet in _snippets():
        exec(compile(snippet, str(DOC), "exec"), {})
    assert capsys.readouterr().out == ("Lars Holm -> Omar Saleh neutral\n"
                                       "2 ['positive', 'negative', 'neutral', 'none']\n1.0.0\n")
    assert (tmp_path / "cache").is_dir()  # the snippet's cache went to the temporary folder, not ~/.cache
