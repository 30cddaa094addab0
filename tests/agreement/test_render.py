"""The agreement files: the summary round-trips, Markdown and JSON lines list every disagreement."""

from __future__ import annotations

import json
from typing import Literal

import pytest

from actorstance.agreement import measure_agreement, read_agreement
from actorstance.agreement.render import render_markdown, summary_lines, write_agreement
from actorstance.errors import AgreementError
from tests.agreement.test_measure import TWO
from tests.conftest import pydantic_error


def test_files_are_written_and_the_summary_reads_back(folders, tmp_path):
    a, b = folders(**TWO)
    result = measure_agreement([a, b])
    paths = write_agreement(result, tmp_path / "out", inputs=[a, b])
    assert [p.name for p in paths] == ["agreement.json", "agreement.md", "disagreements.jsonl"]
    assert read_agreement(paths[0]) == result.summary
    lines = [json.loads(line) for line in paths[2].read_text(encoding="utf-8").splitlines()]
    assert [(d["doc_id"], d["kind"]) for d in lines] == [("d1", "label"), ("d1", "pair"), ("d1", "pair"),
                                                       ("d2", "explicit"), ("d2", "pair")]
    assert lines[0]["annotations"][str(a)] == {"label": "positive", "explicit": True, "stance_id": "s1",
                                               "evidence": ["Ann Bob Cy Dee Eve"]}
    first = [p.read_bytes() for p in paths]
    write_agreement(measure_agreement([a, b]), tmp_path / "out")
    assert [p.read_bytes() for p in paths] == first  # same folders, same bytes


def test_summary_keeps_the_two_figures_apart(folders):
    a, b = folders(**TWO)
    lines = summary_lines(measure_agreement([a, b]).summary)
    assert lines == [
        "2 documents compared across 2 folders",
        "pair identification: F1 0.727 (4 pairs marked by both annotators of an annotator pair, 11 marked in all, "
        "pooled)",
        "labels on shared pairs: 75.0% observed on 4 pairs marked by two or more annotators, Cohen's κ 0.500",
        "explicit/implied on shared pairs: 75.0% observed on 4 pairs marked by two or more annotators, Cohen's κ "
        "0.000"]


def test_markdown_has_the_tables_and_the_disagreement_list(folders):
    a, b = folders(**TWO)
    text = render_markdown(measure_agreement([a, b]))
    assert "| d1 | 2 | 3, 3 | 2 | 0.667 | 50.0% | 100.0% |" in text
    assert "## Disagreements (5)" in text and "### d2" in text
    assert "| bob → ann | document | label | **positive** (explicit, s1): “Ann Bob Cy Dee Eve” | **negative** " in text


def test_an_agreement_file_that_is_not_ours_is_refused(tmp_path):
    path = tmp_path / "agreement.json"
    path.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(AgreementError) as err:
        read_agreement(path)
    assert f"{path}: format: {pydantic_error(Literal['actorstance-agreement/1'], 'other')}" in str(err.value)
