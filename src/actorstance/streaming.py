"""Garbage-collector settings for a long run that streams a corpus one document at a time.

CPython's cyclic collector runs a pass every few hundred container allocations and, now and
then, a full pass over every live object — the imported libraries included (``datasets``,
``pyarrow``, ``pydantic``: hundreds of thousands of objects). Converting a million pairs
allocates tens of millions of small containers, and the collector was about a quarter of the
build's time. Inside :func:`streaming_gc` the objects alive at the start are frozen (full passes
skip them) and young objects are collected less often; cycles are still collected.

>>> with streaming_gc():  # doctest: +SKIP
...     build_dataset("data/annotations", "data/dataset")
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

#: Young-generation threshold inside :func:`streaming_gc` (CPython's default is 700).
YOUNG_THRESHOLD = 10_000


@contextmanager
def streaming_gc() -> Iterator[None]:
    """Freeze the objects alive now and collect young objects every :data:`YOUNG_THRESHOLD`
    allocations; the previous settings come back on exit."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
