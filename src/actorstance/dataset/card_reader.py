"""Reading a built dataset's card back: its YAML metadata, configs and features.

The metadata block is parsed with PyYAML as ``huggingface_hub.repocard.metadata_load`` does, and
``configs`` is checked and read the way ``datasets``' ``MetadataConfigs`` reads it, without
importing either (``datasets`` alone takes about a second to import, more than scoring a million
predictions). :func:`card_features` gives the ``datasets.Features`` of a config through
``DatasetInfosDict`` (what ``load_dataset`` applies); :func:`card_features_yaml` the same features
as the card lists them, for readers that do without ``datasets``. Used by
:mod:`actorstance.dataset.load`, :mod:`actorstance.dataset.publish` and the evaluation.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from actorstance.checksum import unchanged_file_key
from actorstance.dataset.layout import CARD_FILE, MANIFEST_FILE
from actorstance.errors import DatasetError, InputError
from actorstance.inputs import decode_utf8, read_bytes
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


#: The metadata block of a card: ``huggingface_hub.repocard.REGEX_YAML_BLOCK``, which the Hub applies
#: (with ``match``: its ``^`` anchors it at the start, and ``search`` would try every position of a large card).
_YAML_BLOCK = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
#: A split name as ``datasets`` accepts it in ``data_files`` (``datasets.naming._split_re``).
_SPLIT_NAME = re.compile(r"^\w+(\.\w+)*$")


def _parse_card_metadata(folder: Path, path: Path) -> dict:
    import yaml

    if not path.exists() and not path.is_symlink():
        what = "does not exist" if not folder.exists() else f"has no {CARD_FILE}"
        raise DatasetError(f"{folder}: {what}, so it is not a built dataset folder (expected {CARD_FILE}, "
                           f"{MANIFEST_FILE} and parquet files). Fix: build one with `actorstance build` (it writes "
                           f"{DEFAULT_DATASET}), or pass a built dataset folder with --dataset.")
    try:
        data = read_bytes(path, what="dataset card", fix="rebuild the dataset with `actorstance build`")
        end = data.find(b"\n---\n", 3) if data.startswith(b"---\n") else -1
        # only the metadata is decoded: the body of a large dataset's card (tables per document) is
        # tens of megabytes, and as one str with a non-ASCII character two or four bytes per character
        head = decode_utf8(data[:end + 5], str(path)) if end >= 0 else ""
    except InputError as err:
        raise DatasetError(f"{err.problems[0]}") from None
    block = _YAML_BLOCK.match(head)
    if block is None:
        raise DatasetError(f"{path}: no YAML metadata block (a card starts with '---' and a second '---' line). "
                           "Fix: rebuild the dataset with `actorstance build`.")
    try:
        meta = yaml.load(block.group(2), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe_load, in C
    except yaml.YAMLError as err:
        raise DatasetError(f"{path}: invalid YAML metadata ({err}). Fix: rebuild the dataset.") from None
    if not isinstance(meta, dict):
        raise DatasetError(f"{path}: the YAML metadata is not a mapping. Fix: rebuild the dataset.")
    return meta


def card_configs(folder: str | Path, meta: dict | None = None) -> dict[str, dict[str, list[str]]]:
    """``{config: {split: [data_files patterns]}}`` as the card declares them, in card order.

    ``meta`` is the card's parsed metadata when the caller already has it. ``configs`` must be
    what a built card holds: a list of ``{config_name, data_files: [{split, path}]}`` (``path``
    a pattern or a list of patterns), as ``datasets`` requires of ``data_files`` given by split.
    """
    meta = meta if meta is not None else read_card_metadata(folder)
    configs = meta.get("configs")
    if not configs:
        return {}
    card = Path(folder) / CARD_FILE

    def invalid(what: str) -> DatasetError:
        return DatasetError(f"{card}: invalid `configs` metadata ({what}). Fix: rebuild the dataset.")

    if not isinstance(configs, list):
        raise invalid(f"expected a list of configs, got {type(configs).__name__}")
    out: dict[str, dict[str, list[str]]] = {}
    for entry in configs:
        if not isinstance(entry, dict) or not isinstance(entry.get("config_name"), str):
            raise invalid(f"each config needs a `config_name` string, got {_short(entry)}")
        files = entry.get("data_files") or []
        if not isinstance(files, list):
            raise invalid(f"config '{entry['config_name']}': expected data_files as a list of {{split, path}}, "
                          f"got {_short(files)}")
        splits: dict[str, list[str]] = {}
        for item in files:
            paths = item.get("path") if isinstance(item, dict) else None
            paths = [paths] if isinstance(paths, str) else paths
            if not (isinstance(item, dict) and len(item) == 2 and isinstance(item.get("split"), str)
                    and _SPLIT_NAME.match(item["split"]) and isinstance(paths, list) and paths
                    and all(isinstance(p, str) for p in paths)):
                raise invalid(f"config '{entry['config_name']}': expected each data_files entry as "
                              f"{{split: NAME, path: PATTERN or [PATTERNS]}}, got {_short(item)}")
            splits.setdefault(item["split"], []).extend(paths)
        out[entry["config_name"]] = splits
    return out


def card_features_yaml(folder: str | Path, config: str, meta: dict | None = None):
    """The ``dataset_info`` features of ``config`` as the card lists them (parsed YAML, unchecked);
    ``None`` when the card has none for it."""
    infos = (meta if meta is not None else read_card_metadata(folder)).get("dataset_info")
    if isinstance(infos, dict):  # one config, written as a mapping
        infos = [infos]
    for info in infos if isinstance(infos, list) else ():
        if isinstance(info, dict) and info.get("config_name", "default") == config:
            return info.get("features")
    return None


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def card_features(folder: str | Path, config: str, meta: dict | None = None):
    """The ``datasets.Features`` the card declares for ``config`` (what ``load_dataset`` applies)."""
    from datasets.info import DatasetInfosDict

    infos = DatasetInfosDict.from_dataset_card_data(meta if meta is not None else read_card_metadata(folder))
    if config in infos and infos[config].features is not None:
        return infos[config].features
    raise DatasetError(f"{Path(folder) / CARD_FILE}: no dataset_info features for config '{config}' (it has: "
                       f"{', '.join(infos) or 'none'}). Fix: pass one of those configs or rebuild the dataset.")
