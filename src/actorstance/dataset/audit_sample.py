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
...         sample.keep(document_key(doc, 0), Chunk([doc], None, [0]))
>>> sample.kept, sample.total, sample.weight
(2, 4, 2.0)
"""

from __future__ import annotations

import hashlib
import heapq
from typing import Callable


def document_key(doc_id: str, seed: int) -> int:
    """A document's place in the seeded random order the sample takes documents in (keyed BLAKE2b of its id)."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8, key=str(seed).encode("ascii")).digest()
    return int.from_bytes(digest, "big")


class Chunk:
    """The rows of one label in one document, how to read a column of them (``getter(name)`` gives a
    function of a row) and their positions in the stream."""

    __slots__ = ("rows", "getter", "positions")

    def __init__(self, rows: list, getter: Callable[[str], Callable], positions: list[int]):
        self.rows, self.getter, self.positions = rows, getter, positions


class LabelSample:
    """The rows of one label in the documents that come first in the seeded random order
    (:func:`document_key`), as few documents as hold at least ``capacity`` rows — or every row.

    Whole documents are kept (the audit's cross-validation folds are documents). :attr:`total`
    counts every row offered (the caller adds to it), :attr:`kept` the rows kept, and
    :attr:`weight` is how many of the label's rows each kept row stands for."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.total = self.kept = 0
        self._heap: list[tuple[int, int, Chunk]] = []   # (-key, -arrival, chunk): the last document on top

    def admits(self, key: int) -> bool:
        """Whether a document of this ``key`` is (for now) among the first: if not, its rows need not be kept."""
        return self.kept < self.capacity or -key >= self._heap[0][0]

    def keep(self, key: int, chunk: Chunk) -> None:
        """Keep ``chunk`` (counted in :attr:`total` already), then drop the last documents while the
        others hold enough rows without them."""
        heapq.heappush(self._heap, (-key, -chunk.positions[0], chunk))
        self.kept += len(chunk.rows)
        while self.kept - len(self._heap[0][2].rows) >= self.capacity:
            self.kept -= len(heapq.heappop(self._heap)[2].rows)

    @property
    def weight(self) -> float:
        return self.total / self.kept

    def chunks(self) -> list[Chunk]:
        """The kept chunks, in no particular order (each knows its rows' positions)."""
        return [chunk for _, _, chunk in self._heap]
