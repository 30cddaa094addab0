"""Hand-made pair rows for the baseline tests (all invented).

``pair("<s>Anna Berg</s> praised <t>Lars Holm</t>.")`` builds a row of MODEL_INPUT_COLUMNS: the
markup is removed and becomes ``source_spans``/``target_spans``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actorstance.columns import MODEL_INPUT_COLUMNS

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny"
_MARK = re.compile(r"<(s|t)>(.*?)</\1>")


def pair(marked: str, *, id: str = "d/berg->holm", doc_id: str = "d", source: str = "Anna Berg",
         target: str = "Lars Holm", source_id: str = "berg", target_id: str = "holm") -> dict:
    context, spans, cursor = [], {"s": [], "t": []}, 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[cursor:m.start()]
        context.append(before)
        length += len(before)
        spans[m.group(1)].append({"start": length, "end": length + len(m.group(2))})
        context.append(m.group(2))
        length += len(m.group(2))
        cursor = m.end()
    context.append(marked[cursor:])
    row = {
        "id": id, "doc_id": doc_id, "source_id": source_id, "source": source, "source_type": "person",
        "target_id": target_id, "target": target, "target_type": "person", "context": "".join(context),
        "context_start": 0, "source_spans": spans["s"], "target_spans": spans["t"],
    }
    assert tuple(row) == MODEL_INPUT_COLUMNS
    return row


#: Invented training data: (marked context, label), cycled over documents and actors.
TEMPLATES = [
    ("<s>{a}</s> praised <t>{b}</t> for the reform.", "positive"),
    ("<s>{a}</s> thanked <t>{b}</t> warmly on Monday.", "positive"),
    ("<s>{a}</s> welcomed the support of <t>{b}</t>.", "positive"),
    ("<s>{a}</s> accused <t>{b}</t> of lying.", "negative"),
    ("<s>{a}</s> condemned <t>{b}</t> for the attack.", "negative"),
    ("<s>{a}</s> criticised <t>{b}</t> harshly.", "negative"),
    ("<s>{a}</s> met <t>{b}</t> in the capital.", "neutral"),
    ("<s>{a}</s> spoke with <t>{b}</t> by phone.", "neutral"),
    ("<s>{a}</s> and <t>{b}</t> attended a dinner.", "none"),
]
NAMES = [("Anna Berg", "berg"), ("Lars Holm", "holm"), ("Eva Lind", "lind"), ("Omar Saleh", "saleh"),
         ("Mia Dahl", "dahl"), ("Jon Eck", "eck")]


def corpus(n_docs: int = 6, *, labels=("positive", "negative", "neutral", "none")):
    """Rows and labels: every template once per document; the actors depend on the template (so
    pairs recur with their labels, as in news) and on the document's parity."""
    rows, y = [], []
    for d in range(n_docs):
        for k, (template, label) in enumerate(TEMPLATES):
            if label not in labels:
                continue
            (a, a_id), (b, b_id) = NAMES[k % len(NAMES)], NAMES[(k + 1 + d % 2) % len(NAMES)]
            rows.append(pair(template.format(a=a, b=b), id=f"doc{d}/{a_id}->{b_id}#{k}", doc_id=f"doc{d}",
                             source=a, target=b, source_id=a_id, target_id=b_id))
            y.append(label)
    return rows, y


@pytest.fixture
def make_pair():
    return pair


@pytest.fixture
def toy_corpus():
    return corpus
