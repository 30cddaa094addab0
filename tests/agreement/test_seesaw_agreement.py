"""SEESAW's multiply-annotated articles, when a checkout sits at ../shared/seesaw (skipped elsewhere)."""

from __future__ import annotations

import json
import sys

import pytest

from actorstance.agreement import measure_agreement
from actorstance.importers import import_seesaw_annotators
from tests.conftest import REPO, SHARED

SEESAW = SHARED / "seesaw"
COMMITTED = REPO / "benchmarks" / "corpus_seesaw" / "agreement.json"

pytestmark = [
    pytest.mark.skipif(not (SEESAW / "SEESAW" / "annotations").is_dir(), reason=f"no SEESAW checkout at {SEESAW}"),
    pytest.mark.slow,  # about 10 s: imports every annotator's version and compares them
]


def test_pair_identification_is_hard_and_polarity_is_not(tmp_path):
    import_seesaw_annotators(SEESAW, tmp_path / "annotators")
    folders = sorted(p for p in (tmp_path / "annotators").iterdir() if p.is_dir())
    summary = measure_agreement(folders).summary
    assert summary.documents == 62  # SEESAW's multiply-annotated articles
    assert round(summary.pairs.f1, 3) == 0.534
    assert (summary.labels.agreeing, summary.labels.comparisons) == (2434, 2437)  # 99.9%
    sys.path.insert(0, str(REPO / "benchmarks"))
    from run_seesaw_agreement import aggregate

    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    fresh = aggregate(summary.model_dump(mode="json"))
    assert committed == json.loads(json.dumps(fresh)), ("benchmarks/corpus_seesaw/agreement.json is stale; rerun "
                                                        "`python benchmarks/run_seesaw_agreement.py ../shared/seesaw`")
