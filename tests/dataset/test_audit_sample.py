"""The audit's sample of a large label: the first documents in the seeded order, whole, as few as hold enough rows."""

from __future__ import annotations

import doctest
import random

from actorstance.dataset import audit_sample
from actorstance.dataset.audit_sample import LabelSample, document_key


def stream(sample: LabelSample, documents: list[tuple[str, int]], seed: int = 0) -> None:
    for doc_id, rows in documents:
        sample.total += rows
        if sample.admits(document_key(doc_id, seed)):
            sample.keep(document_key(doc_id, seed), rows, (doc_id, rows))


def test_the_first_documents_in_the_seeded_order_are_kept_whole_as_few_as_hold_the_capacity():
    rng = random.Random(1)
    documents = [(f"doc{i}", rng.randint(1, 5)) for i in range(500)]
    sample = LabelSample(capacity=100)
    stream(sample, documents)
    kept = {doc_id for doc_id, _ in sample.items()}
    by_key = sorted(documents, key=lambda d: document_key(d[0], 0))
    prefix, rows = [], 0
    for doc_id, n in by_key:  # the reference: walk the seeded order until the capacity is reached
        if rows >= 100:
            break
        prefix.append(doc_id)
        rows += n
    assert kept == set(prefix)
    assert all(rows == dict(documents)[doc_id] for doc_id, rows in sample.items())  # whole documents
    assert (sample.kept, sample.total) == (rows, sum(n for _, n in documents))
    assert sample.weight == sample.total / rows


def test_the_order_documents_come_in_does_not_matter_and_the_seed_does():
    documents = [(f"doc{i}", 1 + i % 3) for i in range(300)]
    kept = []
    for order, seed in ((documents, 0), (documents[::-1], 0), (documents, 1)):
        sample = LabelSample(capacity=50)
        stream(sample, order, seed)
        kept.append({doc_id for doc_id, _ in sample.items()})
    assert kept[0] == kept[1] != kept[2]


def test_below_the_capacity_every_row_is_kept():
    sample = LabelSample(capacity=1000)
    stream(sample, [(f"doc{i}", 2) for i in range(10)])
    assert (sample.kept, sample.total, sample.weight) == (20, 20, 1.0)


def test_docstring_example():
    result = doctest.testmod(audit_sample)
    assert result.attempted > 0 and result.failed == 0
