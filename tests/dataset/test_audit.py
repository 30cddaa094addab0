"""The leakage audit: passes on the seed and on SEESAW candidates (when present), fails naming the
column on data made leaky on purpose."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest

from actorstance.convert import stance_pairs
from actorstance.dataset import audit as module
from actorstance.dataset import probes
from actorstance.dataset.audit import ALPHA, MARGIN, audit_dataset, audit_rows
from actorstance.dataset.probes import PROBES, id_shape, sign_test
from actorstance.errors import LeakageError
from tests.conftest import REPO, TINY

SEESAW = REPO.parent / "shared" / "seesaw"


def leaky_rows(n_docs: int = 30):
    """Invented pairs whose `none` rows have ids of another shape: the leak of issue 12 (finding 1)."""
    rows, labels = [], []
    for d in range(n_docs):
        for k, label in enumerate(("positive", "negative", "none", "none")):
            scoped = "" if label == "none" else f"@{k * 10}-{k * 10 + 9}"
            rows.append({"id": f"doc{d}/a{k}->b{k}{scoped}", "doc_id": f"doc{d}", "source_id": f"a{k}",
                         "target_id": f"b{k}", "source": "Anna Berg", "target": "Lars Holm", "source_type": "person",
                         "target_type": "person", "context": "Anna Berg met Lars Holm.", "context_start": 0,
                         "source_spans": [{"start": 0, "end": 9}], "target_spans": [{"start": 14, "end": 23}]})
            labels.append(label)
    return rows, labels


def test_a_leaky_id_fails_the_audit_and_the_message_names_the_column():
    rows, labels = leaky_rows()
    report = audit_rows("candidates", rows, labels)
    leaking = {(p.column, p.feature) for p in report.leaks}
    assert leaking == {("id", "id shape"), ("id", "id length")}
    shape = next(p for p in report.probes if p.feature == "id shape")
    # `none` rows are told apart; positive and negative share a shape: balanced accuracy 2/3 vs 1/3
    assert (round(shape.majority_accuracy, 3), round(shape.probe_accuracy, 3)) == (0.333, 0.667)
    assert shape.gain > MARGIN
    with pytest.raises(LeakageError) as err:
        report.check(where="fixture")
    message = str(err.value)
    assert message.startswith("fixture: the leakage audit failed: model inputs give the label away.\n"
                              "  config 'candidates', column 'id' (id shape): a probe reading only it scores 0.667 "
                              "balanced accuracy vs 0.333 for the majority label (+0.333 > 0.05, p < 1e-6)\n")
    assert message.endswith("Fix: make the column's form the same for every label (see docs/dataset.md, "
                            "'Leakage audit'), then rebuild.")


def test_the_same_rows_with_one_id_shape_pass():
    rows, labels = leaky_rows()
    rows = [{**row, "id": row["id"].split("@")[0]} for row in rows]
    report = audit_rows("candidates", rows, labels)
    assert report.leaks == () and len(report.probes) == len(PROBES)
    report.check(where="fixture")


def test_a_small_gain_is_not_a_leak_and_chance_on_few_rows_is_not_either():
    rows, labels = leaky_rows(2)  # 8 rows: even a perfect probe is not significant
    assert audit_rows("candidates", rows, labels).leaks == ()
    assert sign_test(8, 0) > ALPHA


@pytest.mark.slow
def test_the_committed_seed_dataset_passes():
    report = audit_dataset(REPO / "data" / "dataset")
    assert {p.config for p in report.probes} == {"pairs", "candidates"}
    assert report.leaks == ()


def test_the_tiny_fixture_converts_without_a_leak():
    from actorstance.annotations import load_annotations

    pairs = stance_pairs(load_annotations([TINY]), candidates=True)
    assert audit_rows("candidates", pairs).leaks == ()


@pytest.mark.slow
@pytest.mark.skipif(not SEESAW.is_dir(), reason="needs the SEESAW checkout at ../shared/seesaw (CC BY-NC-SA; "
                                               "not distributed): clone it there to run this test")
def test_seesaw_candidates_pass_the_audit(tmp_path):
    from actorstance.dataset.build import build_dataset
    from actorstance.importers.seesaw import import_seesaw

    import_seesaw(SEESAW, tmp_path / "annotations")
    result = build_dataset(tmp_path / "annotations", tmp_path / "dataset")  # the build runs the audit
    assert result.audit.leaks == ()
    assert {p.config for p in result.audit.probes} == {"pairs", "candidates"}


def test_id_shape_and_docstring_examples():
    assert id_shape("tiny_b/saleh->northern_front#12") == "a_a/a->a_a#9"
    for tested in (module, probes):
        result = doctest.testmod(tested)
        assert result.attempted > 0 and result.failed == 0


def test_a_large_label_is_sampled_in_whole_documents_and_the_leak_is_still_found():
    rows, labels = leaky_rows(300)  # 600 `none` rows, 300 of each other label
    report = audit_rows("candidates", rows, labels, rows_per_label=100)
    shape = next(p for p in report.probes if p.feature == "id shape")
    assert shape.rows == 1200 and 300 <= shape.n < 1200  # at least 100 rows of each label, whole documents
    assert {(p.column, p.feature) for p in report.leaks} == {("id", "id shape"), ("id", "id length")}
    assert (round(shape.majority_accuracy, 3), round(shape.probe_accuracy, 3)) == (0.333, 0.667)
    assert "on a sample of" in report.summary()
    assert audit_rows("candidates", rows, labels).probes[0].rows is None  # below the default limit: every row


def test_the_sample_does_not_depend_on_the_order_rows_come_in():
    rows, labels = leaky_rows(300)
    backwards = audit_rows("candidates", rows[::-1], labels[::-1], rows_per_label=100)
    assert backwards == audit_rows("candidates", rows, labels, rows_per_label=100)
    assert backwards.probes[0].n < len(rows)


def test_a_sampled_label_counts_as_all_its_rows_in_the_probes():
    """Every `positive` name is 5 letters long, half the `none` names too: a length of 5 is still mostly
    `none` (5 to 1), and must stay so when `none` is cut to a tenth of its rows."""
    rows, labels = [], []
    for d in range(200):
        for k in range(11):
            label = "positive" if k == 0 else "none"
            rows.append({"id": f"d{d}/a->b{k}", "doc_id": f"d{d}", "source_id": "a", "target_id": f"b{k}",
                         "source": "Anna" + ("a" if label == "positive" or k % 2 else "aaaaa"), "target": "Lars",
                         "source_type": "person", "target_type": "person", "context": "Anna met Lars.",
                         "context_start": 0, "source_spans": 1, "target_spans": 1})
            labels.append(label)
    full = audit_rows("candidates", rows, labels)
    sampled = audit_rows("candidates", rows, labels, rows_per_label=200)
    assert sampled.probes[0].n < full.probes[0].n
    for report in (full, sampled):
        length = next(p for p in report.probes if p.feature == "source name length")
        assert length.probe_accuracy == length.majority_accuracy == 0.5
