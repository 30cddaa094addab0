"""results.json: a benchmark result of another major schema version is refused with the fix."""

from __future__ import annotations

import json

import pytest

from actorstance.errors import ActorstanceError
from actorstance.reports.results import BenchmarkResult
from tests.conftest import FIXTURES


def test_reading_a_benchmark_of_schema_1_says_to_rerun(tmp_path):
    data = json.loads((FIXTURES / "reports" / "results.json").read_text(encoding="utf-8"))
    data["schema_version"] = "1.0"
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ActorstanceError, match=r"old\.json: a benchmark result of schema version 1\.0; this actorstance "
                                               r"reads 2\.0 .* Fix: rerun `actorstance benchmark` to write it again"):
        BenchmarkResult.read(tmp_path / "old.json")
