"""One split of the ``documents`` config, as the extraction task reads it, and what a system
may see of it in each setting.

>>> split = load_documents("data/dataset", "test")             # doctest: +SKIP
>>> split.inputs("raw")[0].keys()                                # doctest: +SKIP
dict_keys(['doc_id', 'text'])
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from actorstance.dataset.documents import ORACLE_INPUT_COLUMNS, RAW_INPUT_COLUMNS
from actorstance.dataset.layout import DOCUMENTS_CONFIG
from actorstance.errors import DatasetError
from actorstance.extraction.alignment import GoldActor, gold_actors

Setting = Literal["raw", "oracle-actors"]
#: The two settings, recorded in every result.
SETTINGS: tuple[str, ...] = ("raw", "oracle-actors")

#: What a system sees per setting.
SETTING_COLUMNS: dict[str, tuple[str, ...]] = {"raw": RAW_INPUT_COLUMNS, "oracle-actors": ORACLE_INPUT_COLUMNS}

GoldTriplet = tuple[str, str, str]  # (source_id, target_id, label)


@dataclass(frozen=True)
class DocumentsSplit:
    """The documents of one split, in dataset order, with their gold actors and triplets."""

    folder: str
    split: str
    rows: tuple[dict[str, Any], ...]  # the full documents rows (gold included)

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(row["doc_id"] for row in self.rows)

    @property
    def source(self) -> str:
        return f"{self.folder}:{DOCUMENTS_CONFIG}:{self.split}"

    def actors(self, i: int) -> list[GoldActor]:
        return gold_actors(self.rows[i])

    def gold(self) -> tuple[frozenset[GoldTriplet], ...]:
        """Gold triplets of every document (actor ids)."""
        return tuple(frozenset((s["source_id"], s["target_id"], s["label"]) for s in row["stances"])
                     for row in self.rows)

    def inputs(self, setting: str) -> list[dict[str, Any]]:
        """What a system may read in ``setting``: never the gold triplets."""
        columns = SETTING_COLUMNS[check_setting(setting)]
        return [{c: row[c] for c in columns} for row in self.rows]

    def targets(self, setting: str) -> list[list[dict[str, str]]]:
        """Gold triplets as training targets, written as a system answers: actor ids in
        ``oracle-actors``, canonical names in ``raw``."""
        check_setting(setting)
        out = []
        for row in self.rows:
            names = {a["id"]: a["name"] for a in row["actors"]}
            name = (lambda i: i) if setting == "oracle-actors" else names.__getitem__
            out.append([{"source": name(s["source_id"]), "target": name(s["target_id"]), "label": s["label"]}
                        for s in row["stances"]])
        return out


def check_setting(setting: str) -> str:
    if setting not in SETTINGS:
        raise ValueError(f"setting must be one of {', '.join(SETTINGS)}; got {setting!r}")
    return setting


def load_documents(dataset_dir: str | Path, split: str = "test") -> DocumentsSplit:
    """Read the ``documents`` config's ``split`` of a built dataset (offline, checked against its manifest)."""
    from actorstance.dataset.card_reader import card_configs
    from actorstance.dataset.load import load_split

    if DOCUMENTS_CONFIG not in card_configs(dataset_dir):
        raise DatasetError(f"{dataset_dir}: no '{DOCUMENTS_CONFIG}' config, so the extraction task cannot be scored "
                           "on it (it was built by an older actorstance). Fix: rebuild it with `actorstance build`.")
    rows = tuple(load_split(dataset_dir, DOCUMENTS_CONFIG, split).to_list())
    ids = [row["doc_id"] for row in rows]
    if len(set(ids)) != len(ids):
        raise DatasetError(f"{dataset_dir}: config '{DOCUMENTS_CONFIG}', split '{split}' has duplicate doc_ids. "
                           "Fix: rebuild the dataset with `actorstance build`.")
    return DocumentsSplit(str(dataset_dir), split, rows)
