"""``provenance.jsonl``: one JSON object per document of a build — the per-document facts the card
lists (split, language, outlet, dates, url, author, the text's sha256, counts, the annotators and
the provenance notes of the annotation file), in ``doc_id`` order.

The card's per-document tables stop at :data:`CARD_DOCUMENT_LIMIT` documents (a 100,000-document
card would be 26 MB of Markdown); this file always holds every document, so a tool reads the same
facts whatever the corpus size.

>>> from actorstance.dataset.facts import DocumentFacts
>>> doc = DocumentFacts("d1", "test", "en", None, None, None, None, "ab" * 32, 120, 2, 3, 1, "1.1.0", (), (), ())
>>> document_lines([doc])[:59]
b'{"actors":2,"annotators":[],"author":null,"characters":120,'
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from actorstance.dataset.facts import DocumentFacts

#: The card lists its documents one by one up to this many; above, it points to ``provenance.jsonl``.
CARD_DOCUMENT_LIMIT = 1000


def document_record(doc: DocumentFacts) -> dict:
    """One line of ``provenance.jsonl``: JSON types only (``metadata`` an object, ``annotators`` ids)."""
    return {"doc_id": doc.doc_id, "split": doc.split, "language": doc.language, "outlet": doc.outlet,
            "published": doc.published, "url": doc.url, "author": doc.author, "text_sha256": doc.text_sha256,
            "characters": doc.characters, "actors": doc.actors, "mentions": doc.mentions, "stances": doc.stances,
            "guideline_version": doc.guideline_version, "annotators": [a.id for a in doc.annotators],
            "metadata": dict(doc.metadata)}


def document_lines(docs: Iterable[DocumentFacts]) -> bytes:
    """The file's bytes: sorted keys, ``\\n`` after every line, UTF-8 — the same facts give the same bytes."""
    return b"".join(orjson.dumps(document_record(d), option=orjson.OPT_SORT_KEYS) + b"\n" for d in docs)
