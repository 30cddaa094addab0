"""Where everything lives in a built dataset folder: defined once.

The dataset's name, version and changelog are data, not code: they live in the annotations
folder's ``corpus.json`` (:mod:`actorstance.corpus`).

The folder follows the Hugging Face Hub layout, so ``datasets.load_dataset(folder, CONFIG)``
and the Hub read it without a loading script::

    README.md                               dataset card (YAML metadata + datasheet)
    pairs/test-00000-of-00001.parquet       one parquet file per config and split
    candidates/test-00000-of-00001.parquet
    documents/test-00000-of-00001.parquet   one row per document (extraction task)
    croissant.json                          Croissant metadata (same facts as the card)
    MANIFEST.json                           dataset version + sha256 of every other file

The annotations folder a dataset is built from, split names and default folders are
:mod:`actorstance.layout`.
"""

from __future__ import annotations

from actorstance.labels import CONFIG_LABELS

CARD_FILE = "README.md"
CROISSANT_FILE = "croissant.json"
MANIFEST_FILE = "MANIFEST.json"
PROVENANCE_FILE = "provenance.jsonl"  # one line per document (dataset/document_file.py)

#: Pair configs (one row per directed pair); their label names come from
#: :data:`actorstance.labels.CONFIG_LABELS`.
PAIR_CONFIGS: tuple[str, ...] = tuple(CONFIG_LABELS)

#: Every config in card order: the pair configs, then ``documents`` (one row per document, for
#: the extraction task; :mod:`actorstance.dataset.documents`).
DOCUMENTS_CONFIG = "documents"
CONFIGS: tuple[str, ...] = (*PAIR_CONFIGS, DOCUMENTS_CONFIG)


def data_file(config: str, split: str, shard: int = 0, num_shards: int = 1) -> str:
    """Path of a parquet shard relative to the dataset folder (Hub naming).

    >>> data_file("pairs", "test")
    'pairs/test-00000-of-00001.parquet'
    """
    return f"{config}/{split}-{shard:05d}-of-{num_shards:05d}.parquet"


def data_files_pattern(config: str, split: str) -> str:
    """The ``data_files`` glob the card declares for a config's split."""
    return f"{config}/{split}-*.parquet"
