"""Read a built dataset folder offline: one split as a ``datasets.Dataset``, its label names and
a fingerprint that records exactly which files were read.

Why not ``datasets.load_dataset``? It is what users call (and the tests check it works), but the
evaluation harness needs something stricter: ``load_dataset`` caches a folder that declares
``configs`` in its card by config name and may return the cached copy after the files changed,
and it consults the Hub unless ``HF_HUB_OFFLINE`` was set before ``datasets`` was imported.
:func:`load_split` reads the parquet files listed in the card directly, types them with the
card's ``Features`` (what ``load_dataset`` would return), checks them against the parquet's own
features and the ``MANIFEST.json`` checksums, and keeps the table in memory: no cache, no
network, no stale data.

>>> ds = load_split("data/dataset", "pairs", "test")            # doctest: +SKIP
>>> ds.features["label"].names                                   # doctest: +SKIP
['positive', 'negative', 'neutral']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from actorstance.checksum import sha256_bytes
from actorstance.columns import COLUMNS
from actorstance.dataset.card_reader import card_configs, card_features, card_features_yaml, read_card_metadata
from actorstance.dataset.layout import CARD_FILE
from actorstance.dataset.pair_schema import arrow_schema, label_names_if_ours, parquet_form
from actorstance.dataset.manifest import file_hashes, manifest_digest, read_manifest, verify_manifest
from actorstance.errors import DatasetError


def load_split(folder: str | Path, config: str = "pairs", split: str = "test"):
    """One split of one config of a built dataset folder, as an in-memory ``datasets.Dataset``.

    Offline and without a cache: the card's features are applied to the split's parquet files
    after their checksums are verified against ``MANIFEST.json``.

    Parameters
    ----------
    folder : str or Path
        A folder written by ``actorstance build`` (or downloaded from the Hub).
    config : str, default "pairs"
        ``pairs`` (annotated stances) or ``candidates`` (plus ``none`` pairs).
    split : str, default "test"
        ``train``, ``validation`` or ``test``, as the card lists them.

    Returns
    -------
    datasets.Dataset
        One row per directed pair, columns in :data:`actorstance.columns.COLUMNS` order; ``label``
        is a ``ClassLabel``.

    Raises
    ------
    DatasetError
        When the folder, config or split does not exist (listing what does), when a file no
        longer matches ``MANIFEST.json``, or when the card and a parquet file disagree about the
        features (e.g. the label names).

    Example
    -------
    >>> pairs = load_split("data/dataset", "pairs", "test")
    >>> pairs.features["label"].names
    ['positive', 'negative', 'neutral']
    >>> sorted(pairs[0])[:3]
    ['annotators', 'context', 'context_start']
    """
    from datasets import Dataset, DatasetInfo, NamedSplit
    from datasets.table import InMemoryTable

    folder = Path(folder)
    table, features, files = _read_split(folder, config, split, columns=None)
    hashes = ((read_manifest(folder) or {}).get("files") or {})
    seed = json.dumps([config, split, [(rel, hashes.get(rel, {}).get("sha256")) for rel in files]])
    info = DatasetInfo(features=features, config_name=config, dataset_name=folder.resolve().name)
    return Dataset(InMemoryTable(table), info=info, split=NamedSplit(split),
                   fingerprint=sha256_bytes(seed.encode("utf-8"))[:16])


def load_split_columns(folder: str | Path, config: str, split: str, columns: Sequence[str]):
    """Only ``columns`` of one split, as a ``pyarrow.Table`` typed by the card, with the checks of
    :func:`load_split`; the other columns are never read (a predictions file needs three)."""
    return _read_split(Path(folder), config, split, columns=list(columns))[0]


def _read_split(folder: Path, config: str, split: str, *, columns: list[str] | None):
    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = read_card_metadata(folder)
    files = split_files(folder, config, split, meta=meta)
    verify_manifest(folder, only=[CARD_FILE, *files])
    card = _card_schema(folder, config, meta, features=columns is None)
    unknown = [c for c in columns or () if c not in card.columns]
    if unknown:
        raise DatasetError(f"{folder / CARD_FILE}: config '{config}' has no column {', '.join(map(repr, unknown))}; it "
                           f"has: {', '.join(card.columns)}. Fix: ask for columns of that config.")
    wanted = list(card.columns) if columns is None else columns
    schema = pa.schema([card.arrow.field(c) for c in wanted])
    tables = []
    unreadable = (pa.ArrowException, OSError, ValueError, KeyError, TypeError)
    for rel in files:
        try:
            parquet = pq.ParquetFile(folder / rel)  # one file: read_table would import pyarrow.dataset
            with parquet:
                on_disk = _parquet_features(parquet.schema_arrow)
                if on_disk is not None and not card.agrees_with(on_disk):
                    raise DatasetError(
                        f"{folder / rel}: its features differ from the card's ({folder / CARD_FILE}, config "
                        f"'{config}'); e.g. label names {_label_names_of(_datasets_features(on_disk))} vs "
                        f"{_label_names_of(card.typed())}. Fix: rebuild the dataset with `actorstance build`.")
                # one thread: a build's row groups are small, and Arrow's pool spent more CPU waking its
                # threads than decoding them (3x the CPU time for the three columns scoring reads)
                table = parquet.read(columns=wanted, use_threads=False)
        except unreadable as err:
            raise DatasetError(f"{folder / rel}: not a readable parquet file of this dataset ({_first_line(err)}). "
                               "Fix: rebuild the dataset with `actorstance build`.") from None
        try:
            tables.append(table.cast(schema))
        except (pa.ArrowException, KeyError, ValueError) as err:
            raise DatasetError(f"{folder / rel}: its columns do not match the card's features ({_first_line(err)}). "
                               "Fix: rebuild the dataset with `actorstance build`.") from None
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    if columns is None:
        table = table.replace_schema_metadata(card.features.arrow_schema.metadata)
    return table, card.features, files


@dataclass(frozen=True)
class _CardSchema:
    """What a card declares for a config: its columns, their pyarrow schema, the label names, and
    ``features`` (``datasets.Features``; ``None`` when read from our own columns table)."""

    columns: tuple[str, ...]
    arrow: Any
    label_names: list[str] | None
    features: Any

    def agrees_with(self, on_disk: dict) -> bool:
        """Whether a parquet file's own features (its ``huggingface`` metadata) are the card's."""
        if self.features is None and on_disk == parquet_form(self.label_names):
            return True  # what our build writes; anything else is judged by datasets
        return _datasets_features(on_disk) == self.typed()

    def typed(self):
        """The card's ``datasets.Features`` (a card of our columns table has those of :func:`parquet_form`)."""
        return self.features if self.features is not None else _datasets_features(parquet_form(self.label_names))


def _card_schema(folder: Path, config: str, meta: dict, *, features: bool) -> _CardSchema:
    """The card's schema of ``config``; from the columns table (without importing ``datasets``) when
    the card lists exactly the features a pair config is built with and ``features`` is not needed."""
    if not features:
        names = label_names_if_ours(card_features_yaml(folder, config, meta))
        if names is not None:
            return _CardSchema(COLUMNS, arrow_schema(), names, None)
    typed = card_features(folder, config, meta=meta)
    return _CardSchema(tuple(typed), typed.arrow_schema, _label_names_of(typed), typed)


def split_files(folder: str | Path, config: str, split: str, *, meta: dict | None = None) -> list[str]:
    """Parquet files (relative POSIX paths, sorted) that the card declares for ``config``/``split``."""
    folder = Path(folder)
    configs = card_configs(folder, meta)
    if config not in configs:
        raise DatasetError(f"{folder / CARD_FILE}: no config '{config}'; the dataset has: {', '.join(configs)}. "
                           "Fix: pass one of those configs.")
    splits = configs[config]
    if split not in splits:
        raise DatasetError(f"{folder / CARD_FILE}: config '{config}' has no split '{split}'; it has: "
                           f"{', '.join(splits)}. Fix: pass one of those splits with --split, or with --dataset a dataset "
                           f"folder that has a '{split}' split.")
    files: list[str] = []
    root = folder.resolve()
    for pattern in splits[split]:
        if not isinstance(pattern, str) or Path(pattern).is_absolute() or ".." in Path(pattern).parts \
                or pattern.startswith("~"):
            raise DatasetError(f"{folder / CARD_FILE}: data_files path {pattern!r} (config '{config}', split "
                               f"'{split}') is not a path inside the dataset folder, so it could make a score read "
                               "files from elsewhere. Fix: rebuild the dataset with `actorstance build`.")
        matched = sorted(p.relative_to(folder).as_posix() for p in folder.glob(pattern) if p.is_file())
        outside = [rel for rel in matched if root not in (folder / rel).resolve().parents]
        if outside:
            raise DatasetError(f"{folder / outside[0]}: a link to a file outside the dataset folder; a dataset "
                               "folder holds its own files. Fix: rebuild the dataset with `actorstance build`.")
        if not matched:
            raise DatasetError(f"{folder}: no file matches '{pattern}' (config '{config}', split '{split}'). "
                               "Fix: rebuild the dataset with `actorstance build`.")
        files.extend(matched)
    return files


def label_names(folder: str | Path, config: str = "pairs") -> list[str]:
    """The ``ClassLabel`` names of ``config``'s label column, as declared in the card.

    The card is what ``load_dataset`` uses, so this is what a user of the folder sees.
    """
    folder = Path(folder)
    meta = read_card_metadata(folder)
    names = label_names_if_ours(card_features_yaml(folder, config, meta))
    if names is not None:
        return names
    from datasets import ClassLabel

    label = card_features(folder, config, meta).get("label")
    if not isinstance(label, ClassLabel):
        raise DatasetError(f"{folder / CARD_FILE}: config '{config}' has no ClassLabel column 'label'. "
                           "Fix: rebuild the dataset with `actorstance build`.")
    return list(label.names)


def dataset_fingerprint(folder: str | Path) -> dict:
    """What exactly is in ``folder``: ``{"version", "sha256", "files": {path: sha256}}``.

    Hashes are computed from the files themselves; when the folder has a ``MANIFEST.json``
    they must match it (else :class:`DatasetError`) and ``version`` comes from it (``None``
    without a manifest). ``sha256`` is one digest over all files. Paths are relative, so the
    fingerprint does not depend on where the folder lives.
    """
    folder = Path(folder)
    read_card_metadata(folder)  # a clear error when this is not a dataset folder
    manifest = verify_manifest(folder)
    hashes = file_hashes(folder)
    return {
        "version": manifest.get("version") if manifest else None,
        "sha256": manifest_digest(hashes),
        "files": {rel: entry["sha256"] for rel, entry in hashes.items()},
    }


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:200] if text else type(err).__name__


def _parquet_features(schema) -> dict | None:
    """The features a parquet file declares (its ``huggingface`` metadata), as a dict; ``None`` without."""
    meta = (schema.metadata or {}).get(b"huggingface")
    if meta is None:
        return None
    features = json.loads(meta)["info"]["features"]
    if not isinstance(features, dict):
        raise ValueError("the huggingface metadata holds no features")
    return features


def _datasets_features(features: dict):
    from datasets import Features

    return Features.from_dict(features)


def _label_names_of(features) -> list[str] | None:
    label = features.get("label")
    return list(getattr(label, "names", []) or []) or None

