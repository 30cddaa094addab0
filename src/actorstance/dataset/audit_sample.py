"""The leakage audit's sample of a large label: its rows in the documents first in a seeded order.

:class:`LabelSample` keeps, of one label's rows as they stream by, those in the documents that come
first in a seeded random order (:func:`document_key`), as few whole documents as hold
``capacity`` rows; documents that come later are dropped as soon as the earlier ones hold enough,
so memory is about ``capacity`` rows whatever the number of rows. The choice depends on the
documents' ids and rows and the seed, never on the order rows come in.

>>> sample = LabelSample(capacity=2)
>>> for doc in ("d1", "d2", "d3", "d4"):
...     sample.total += 1
...     if sample.admits(document_key(doc, 0)):
...         sample.keep(document_key(doc, 0), 1, doc)
>>> sample.kept, sample.total, sample.weight
(2, 4, 2.0)
"""

from __future__ import annotations

import hashlib
import heapq
from typing import Any


def document_key(doc_id: str, seed: int) -> int:
    """A document's place in the seeded random order the sample takes documents in (keyed BLAKE2b of its id)."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8, key=str(seed).encode("ascii")).digest()
    return int.from_bytes(digest, "big")


class LabelSample:
    """The rows of one label in the documents that come first in the seeded random order
    (:func:`document_key`), as few documents as hold at least ``capacity`` rows — or every row.
    Each document's rows are an ``item`` of the caller's, kept or dropped whole.

    Whole documents are kept (the audit's cross-validation folds are documents). :attr:`total`
    counts every row offered (the caller adds to it), :attr:`kept` the rows kept, and
    :attr:`weight` is how many of the label's rows each kept row stands for."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.total = self.kept = 0
        self._arrivals = 0   # breaks ties between equal keys (one document offered twice)
        self._heap: list[tuple[int, int, int, Any]] = []   # (-key, -arrival, rows, item): the last document on top

    def admits(self, key: int) -> bool:
        """Whether a document of this ``key`` is (for now) among the first: if not, its rows need not be kept."""
        return self.kept < self.capacity or -key >= self._heap[0][0]

    def keep(self, key: int, rows: int, item: Any) -> None:
        """Keep ``item``, a document's ``rows`` rows of the label (counted in :attr:`total` already),
        then drop the last documents while the others hold enough rows without them."""
        self._arrivals += 1
        heapq.heappush(self._heap, (-key, -self._arrivals, rows, item))
        self.kept += rows
        while self.kept - self._heap[0][2] >= self.capacity:
            self.kept -= heapq.heappop(self._heap)[2]

    @property
    def weight(self) -> float:
        return self.total / self.kept

    def items(self) -> list[Any]:
        """The kept items, in no particular order."""
        return [item for _, _, _, item in self._heap]
