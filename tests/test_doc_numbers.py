"""Every run figure in README.md and docs/ is rendered from committed JSON (benchmarks/doc_numbers.py):
a region that differs from its JSON — a number edited by hand, or JSON rerun without the docs — fails."""

from __future__ import annotations

import importlib.util
import re

import pytest

from tests.conftest import REPO

spec = importlib.util.spec_from_file_location("doc_numbers", REPO / "benchmarks" / "doc_numbers.py")
doc_numbers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(doc_numbers)


def test_every_generated_region_equals_its_rendering_from_the_committed_json():
    assert doc_numbers.stale() == [], "run `python benchmarks/doc_numbers.py` and commit the result"


@pytest.mark.parametrize("name", sorted(doc_numbers.REGIONS))
def test_a_number_edited_by_hand_is_caught(name):
    rel, _, _ = doc_numbers.REGIONS[name]
    text = (REPO / rel).read_text(encoding="utf-8")
    start = text.index(f"<!-- BEGIN GENERATED {name} ")
    end = text.index(f"<!-- END GENERATED {name} -->")
    region = text[start:end]
    edited = region.replace(re.findall(r"\d+\.\d", region)[0], "99.9", 1)
    assert edited != region
    tampered = text[:start] + edited + text[end:]
    assert doc_numbers.rendered(tampered, name) != tampered
    assert doc_numbers.rendered(text, name) == text


@pytest.mark.parametrize("runner, folder", [("run_seesaw_benchmark", "corpus_seesaw"),
                                            ("run_seesaw_extraction", "corpus_seesaw_extraction")])
def test_the_committed_seesaw_reports_are_their_summaries_rendered(runner, folder):
    """report.md is what `python benchmarks/RUNNER.py --render .../summary.json` writes: a figure edited by hand
    in it, or a summary rerun without its report, fails."""
    import json

    spec = importlib.util.spec_from_file_location(runner, REPO / "benchmarks" / f"{runner}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = REPO / "benchmarks" / folder
    summary = json.loads((committed / "summary.json").read_text(encoding="utf-8"))
    assert module.render(summary) == (committed / "report.md").read_text(encoding="utf-8"), (
        f"benchmarks/{folder}/report.md is stale: run `python benchmarks/{runner}.py --render "
        f"benchmarks/{folder}/summary.json` (or rerun it on the corpus) and commit the result")
