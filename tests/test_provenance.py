"""Provenance: the whole installed package is fingerprinted; a user's model is identified by its file and params."""

from __future__ import annotations

import shutil

from actorstance import provenance
from actorstance.checksum import sha256_file
from actorstance.evaluation import evaluate
from tests.conftest import REPO


def test_the_fingerprint_covers_every_file_of_the_package(tmp_path, monkeypatch):
    copy = tmp_path / "actorstance"
    shutil.copytree(provenance.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "PACKAGE", copy)
    provenance.source_fingerprint.cache_clear()
    first = provenance.source_fingerprint()
    for rel in ("models/features.py", "models/training.py", "metrics.py", "bootstrap.py",
                "evaluation/evaluate.py", "resources/cue-stack-polarity.tsv"):
        provenance.source_fingerprint.cache_clear()
        path = copy / rel
        path.write_bytes(path.read_bytes() + b"\n")
        assert provenance.source_fingerprint() != first, rel
        first = provenance.source_fingerprint()
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    provenance.source_fingerprint.cache_clear()
    assert provenance.source_fingerprint() == first
    provenance.source_fingerprint.cache_clear()


def test_a_result_records_the_fingerprint_and_a_user_models_file_and_params(tiny_dataset):
    result = evaluate(tiny_dataset, model="tests.evaluation.toy_models:AlwaysPositive", bootstrap=0)
    assert result.versions["actorstance-source-sha256"] == provenance.source_fingerprint()
    assert result.model.module_sha256 == sha256_file(REPO / "tests" / "evaluation" / "toy_models.py")
    assert result.model.params is None  # AlwaysPositive has no get_params
    baseline = evaluate(tiny_dataset, model="baseline:lexicon", bootstrap=0)
    assert baseline.model.module_sha256 is None  # inside the package: the fingerprint covers it
    assert baseline.model.params == {"default_label": "None", "labels": "None", "lexicon": "None",
                                     "negation_window": "3"}
