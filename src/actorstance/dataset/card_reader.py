"""Reading a built dataset's card back: its YAML metadata, configs and features.

Through the libraries' public APIs: ``huggingface_hub.repocard.metadata_load`` parses the
metadata block, ``datasets``' ``MetadataConfigs`` reads ``configs`` and ``DatasetInfosDict``
reads ``dataset_info`` (the ``Features`` that ``load_dataset`` applies). Used by
:mod:`actorstance.dataset.load`, :mod:`actorstance.dataset.publish` and the evaluation.
"""

from __future__ import annotations

import copy
from pathlib import Path

from actorstance.checksum import unchanged_file_key
from actorstance.dataset.layout import CARD_FILE, MANIFEST_FILE
from actorstance.errors import DatasetError, InputError
from actorstance.inputs import read_text
from actorstance.layout import DEFAULT_DATASET


def read_card_metadata(folder: str | Path) -> dict:
    """The YAML metadata of ``folder``'s card, parsed (once per process while the card is unchanged:
    a benchmark reads it for every model and file check)."""
    folder = Path(folder)
    path = folder / CARD_FILE
    key = unchanged_file_key(path) if path.is_file() else None
    if key not in _PARSED:
        meta = _parse_card_metadata(folder, path)
        if key is None:
            return meta
        _PARSED[key] = meta
    return copy.deepcopy(_PARSED[key])


_PARSED: dict[tuple, dict] = {}


def _parse_card_metadata(folder: Path, path: Path) -> dict:
    import yaml
    from huggingface_hub.repocard import metadata_load

    if not path.exists() and not path.is_symlink():
        what = "does not exist" if not folder.exists() else f"has no {CARD_FILE}"
        raise DatasetError(f"{folder}: {what}, so it is not a built dataset folder (expected {CARD_FILE}, "
                           f"{MANIFEST_FILE} and parquet files). Fix: build one with `actorstance build` (it writes "
                           f"{DEFAULT_DATASET}), or pass a built dataset folder with --dataset.")
    try:
        _, text = read_text(path, what="dataset card", fix="rebuild the dataset with `actorstance build`")
    except InputError as err:
        raise DatasetError(f"{err.problems[0]}") from None
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        raise DatasetError(f"{path}: no YAML metadata block (a card starts with '---' and a second '---' line). "
                           "Fix: rebuild the dataset with `actorstance build`.")
    try:
        meta = metadata_load(path)
    except yaml.YAMLError as err:
        raise DatasetError(f"{path}: invalid YAML metadata ({err}). Fix: rebuild the dataset.") from None
    if not isinstance(meta, dict):
        raise DatasetError(f"{path}: the YAML metadata is not a mapping. Fix: rebuild the dataset.")
    return meta


def card_configs(folder: str | Path, meta: dict | None = None) -> dict[str, dict[str, list[str]]]:
    """``{config: {split: [data_files patterns]}}`` as the card declares them, in card order.

    ``meta`` is the card's parsed metadata when the caller already has it."""
    from datasets.utils.metadata import MetadataConfigs

    meta = meta if meta is not None else read_card_metadata(folder)
    try:
        configs = MetadataConfigs.from_dataset_card_data(meta)
    except ValueError as err:
        raise DatasetError(f"{Path(folder) / CARD_FILE}: invalid `configs` metadata ({err}). "
                           "Fix: rebuild the dataset.") from None
    out: dict[str, dict[str, list[str]]] = {}
    for name, entry in configs.items():
        splits: dict[str, list[str]] = {}
        for item in entry.get("data_files") or []:
            paths = item.get("path")
            splits.setdefault(item.get("split", "train"), []).extend([paths] if isinstance(paths, str) else paths)
        out[name] = splits
    return out


def card_features(folder: str | Path, config: str, meta: dict | None = None):
    """The ``datasets.Features`` the card declares for ``config`` (what ``load_dataset`` applies)."""
    from datasets.info import DatasetInfosDict

    infos = DatasetInfosDict.from_dataset_card_data(meta if meta is not None else read_card_metadata(folder))
    if config in infos and infos[config].features is not None:
        return infos[config].features
    raise DatasetError(f"{Path(folder) / CARD_FILE}: no dataset_info features for config '{config}' (it has: "
                       f"{', '.join(infos) or 'none'}). Fix: pass one of those configs or rebuild the dataset.")
