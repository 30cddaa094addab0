"""report.md's comparison section: it names the reference and says why, and how a predictions file is classified."""

from __future__ import annotations

from actorstance.reports.markdown import render_report
from actorstance.reports.results import BenchmarkResult
from tests.conftest import FIXTURES


def test_the_section_names_the_reference_and_classifies_predictions_files():
    report = render_report(BenchmarkResult.read(FIXTURES / "reports" / "results.json"), files={})
    assert "### Compared with the reference model (my\\|model \\*v2\\* &lt;b&gt;)" in report
    assert ("The reference is my\\|model \\*v2\\* &lt;b&gt;, the best row-level model (its answer for a pair "
            "depends on that pair alone). A predictions file counts as row-level: it cannot say how it was made") in report
    assert "| baseline:majority | -0.024 [-0.313, +0.212] | 0.457 | — |" in report  # no p_holm in the fixture
    assert report.count("| not distinguishable |") == 1

