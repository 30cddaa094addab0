"""Loading what is scored: one split of a built dataset (:class:`SplitData`) and training data.

Rows are restricted to the model inputs (:data:`actorstance.models.protocol.model_inputs`); gold
labels are strings in ClassLabel order. Everything here reads the dataset folder offline.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Sequence

from actorstance.errors import DatasetError
from actorstance.evaluation.results import DatasetInfo


@dataclass(frozen=True)
class SplitData:
    """One split of one config: ids, model inputs, gold labels and documents, in dataset order."""

    folder: str
    config: str
    split: str
    labels: tuple[str, ...]  # the config's label names, in ClassLabel order
    ids: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]  # restricted to MODEL_INPUT_COLUMNS; () when loaded without inputs
    gold: tuple[str, ...]
    groups: tuple[str, ...]  # doc_id of each pair

    @property
    def source(self) -> str:
        return f"{self.folder}:{self.config}:{self.split}"

    def pair_names(self, ids: Sequence[str]) -> dict[str, str]:
        """``source_id → target_id`` of those of ``ids`` the split holds: ids are opaque, so messages
        name the pairs (read from the folder on demand, never on the scoring path)."""
        from actorstance.dataset.load import load_split_columns

        table = load_split_columns(self.folder, self.config, self.split, ["id", "source_id", "target_id"])
        wanted = set(ids)
        return {pid: f"{source} → {target}" for pid, source, target in
                zip(*(table.column(c).to_pylist() for c in ("id", "source_id", "target_id"))) if pid in wanted}


@dataclass(frozen=True)
class TrainingData:
    """Labelled rows a ``--model`` may be fitted on.

    ``external`` data (``--train``) is recorded in the result as the training source; otherwise
    the rows are the evaluated dataset's own train split.
    """

    rows: tuple[dict[str, Any], ...]
    labels: tuple[str, ...]
    source: str
    external: bool


def load_split_data(dataset_dir: str | Path, config: str = "pairs", split: str = "test", *,
                    inputs: bool = True) -> SplitData:
    """Read one split of a built dataset folder (offline, no cache) into :class:`SplitData`.

    With ``inputs=False`` only ``id``, ``label`` and ``doc_id`` are read and ``rows`` is empty:
    all that scoring a predictions file needs, at a fraction of the time and memory.
    """
    from actorstance.dataset.load import label_names, load_split_columns
    from actorstance.columns import MODEL_INPUT_COLUMNS

    names = tuple(label_names(dataset_dir, config))
    columns = list(MODEL_INPUT_COLUMNS) if inputs else ["id", "doc_id"]
    table = load_split_columns(dataset_dir, config, split, [*columns, "label"])
    ids = tuple(table.column("id").to_pylist())
    if _has_duplicates(ids):
        raise DatasetError(f"{dataset_dir}: config '{config}', split '{split}' has duplicate pair ids. "
                           "Fix: rebuild the dataset with `actorstance build`.")
    rows = tuple(table.select(list(MODEL_INPUT_COLUMNS)).to_pylist()) if inputs else ()
    gold = tuple(map(names.__getitem__, table.column("label").to_pylist()))
    return SplitData(str(dataset_dir), config, split, names, ids, rows, gold, _shared_strings(table.column("doc_id")))


def _has_duplicates(ids: tuple[str, ...]) -> bool:
    # a build writes each split sorted by id: strictly increasing ids are distinct, without hashing them all
    return not all(map(operator.lt, ids, islice(ids, 1, None))) and len(set(ids)) != len(ids)


def _shared_strings(column) -> tuple[str, ...]:
    """A string column as a tuple holding one str object per distinct value (a document's pairs
    share its id): a fraction of the memory of one str per row, and sets of it are quick."""
    if column.null_count:
        return tuple(column.to_pylist())
    encoded = column.combine_chunks().dictionary_encode()
    values = encoded.dictionary.to_pylist()
    return tuple(map(values.__getitem__, encoded.indices.to_pylist()))


def load_training_data(dataset_dir: str | Path, config: str = "pairs", split: str = "train", *,
                       external: bool = True) -> TrainingData:
    """One split of a built dataset as training data (``--train DATASET[:CONFIG:SPLIT]``)."""
    data = load_split_data(dataset_dir, config, split)
    return TrainingData(data.rows, data.gold, data.source, external)


def default_training_data(dataset_dir: str | Path, config: str, split: str) -> TrainingData | None:
    """The ``train`` split of the same dataset and config, when scoring another split and it has pairs."""
    from actorstance.dataset.card_reader import card_configs

    if split == "train" or "train" not in card_configs(dataset_dir).get(config, {}):
        return None
    data = load_training_data(dataset_dir, config, "train", external=False)
    return data if data.rows else None


def require_pairs(data: SplitData, *, nothing_to: str = "score",
                  fix: str = "evaluate on a split with pairs (--split, --config)") -> None:
    """Refuse an empty split: a metric over no pairs is not a result."""
    if not data.ids:
        raise DatasetError(f"{data.folder}: config '{data.config}', split '{data.split}' has no pairs, so there is "
                           f"nothing to {nothing_to}. Fix: {fix}")


def dataset_info(data: SplitData) -> DatasetInfo:
    """The result's ``dataset`` block: the folder as given, config, split and the files' fingerprint."""
    from actorstance.dataset.load import dataset_fingerprint

    fingerprint = dataset_fingerprint(data.folder)
    return DatasetInfo(path=data.folder, config=data.config, split=data.split, version=fingerprint["version"],
                       sha256=fingerprint["sha256"], files=fingerprint["files"])
