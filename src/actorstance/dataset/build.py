"""Annotations → a Hugging Face dataset folder, atomically and byte-identically.

:func:`build_dataset` validates the annotations and the splits file, converts the documents
to stance pairs (:func:`actorstance.convert.stance_pairs`), writes one parquet file per config
and split with fixed writer settings, then the card, croissant.json and MANIFEST.json — all into
a temporary folder that replaces the output only when everything succeeded. The card's name,
version, licence and citation come from the annotations folder's ``corpus.json`` when it has one
(:mod:`actorstance.corpus`), else they describe the actorstance dataset.

>>> build_dataset("data/annotations", "data/dataset")  # doctest: +SKIP
BuildResult(output=PosixPath('data/dataset'), version='1.0.0', ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actorstance.annotations import AnnotatedDocument, load_annotations
from actorstance.atomic import atomic_dir, check_output_dir
from actorstance.columns import COLUMNS
from actorstance.convert import StancePair, stance_pairs
from actorstance.corpus import CorpusInfo, read_corpus
from actorstance.dataset.card import render_card
from actorstance.dataset.croissant import render_croissant
from actorstance.dataset.documents import document_rows
from actorstance.dataset.facts import ConfigFacts, DatasetFacts, document_facts, documents_split_facts, split_facts
from actorstance.dataset.features import features_for
from actorstance.dataset.layout import CARD_FILE, CROISSANT_FILE, DOCUMENTS_CONFIG, PAIR_CONFIGS, data_file
from actorstance.dataset.manifest import write_manifest
from actorstance.dataset.splits import check_disjoint, documents_by_split, read_splits
from actorstance.errors import DatasetError
from actorstance.labels import CONFIG_LABELS, STANCE_LABELS
from actorstance.layout import DEFAULT_ANNOTATIONS, DEFAULT_DATASET, SPLITS_FILE

#: Parquet writer settings, fixed so that a rebuild gives the same bytes (with the same pyarrow).
PARQUET_OPTIONS: dict = {
    "compression": "snappy",
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1000,
    "write_page_index": False,
    "write_page_checksum": False,
    "store_schema": True,
    "use_compliant_nested_type": True,
}


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the folder, the dataset version, rows per config and split, files."""

    output: Path
    version: str
    documents: int
    rows: dict[str, dict[str, int]]   # config → split → rows
    files: dict[str, str]             # relative path → sha256 (MANIFEST.json excluded)
    sha256: str                       # digest over all files (as in MANIFEST.json)


def build_dataset(annotations: str | Path = DEFAULT_ANNOTATIONS, output: str | Path = DEFAULT_DATASET) -> BuildResult:
    """Build the dataset folder ``output`` from the annotation folder ``annotations``.

    Raises :class:`~actorstance.errors.AnnotationError` for invalid annotations and
    :class:`DatasetError` for a bad splits file or an output that is not a dataset folder;
    on any failure the previous ``output`` is left untouched.
    """
    annotations, output = Path(annotations), Path(output)
    if not annotations.is_dir():
        raise DatasetError(f"{annotations}: no such folder. Fix: pass the folder of annotation files "
                           "(with splits.json) via --annotations.")
    check_output_dir(output, command="build", inputs=[annotations])  # before any work
    docs = load_annotations([annotations])
    if not docs:
        raise DatasetError(f"{annotations}: no annotation files (*.json) found. Fix: add annotation files or pass "
                           "another folder via --annotations.")
    splits = read_splits(annotations / SPLITS_FILE, [d.doc_id for d in docs])
    corpus = read_corpus(annotations)
    inputs = [annotations, *(doc.path.parent / doc.annotation.text.path for doc in docs)]
    with atomic_dir(output, command="build", inputs=inputs) as tmp:
        facts = _write_parquet_files(tmp, docs, splits, corpus)
        (tmp / CARD_FILE).write_text(render_card(facts), encoding="utf-8", newline="\n")
        (tmp / CROISSANT_FILE).write_text(render_croissant(facts, tmp), encoding="utf-8", newline="\n")
        manifest = write_manifest(tmp, version=corpus.version, built_with=built_with())
    return BuildResult(
        output=output, version=corpus.version, documents=len(docs),
        rows={c.name: {s.name: s.num_examples for s in c.splits} for c in facts.configs},
        files={rel: entry["sha256"] for rel, entry in manifest["files"].items()}, sha256=manifest["sha256"])


def built_with() -> dict[str, str]:
    """Versions of the libraries that determine the files' bytes (recorded in MANIFEST.json)."""
    import datasets
    import pyarrow

    return {"datasets": datasets.__version__, "pyarrow": pyarrow.__version__}


def _write_parquet_files(folder: Path, docs: list[AnnotatedDocument], splits: dict[str, str],
                         corpus: CorpusInfo) -> DatasetFacts:
    docs_per_split = documents_by_split(splits)
    configs = []
    for config in PAIR_CONFIGS:
        pairs = stance_pairs(docs, candidates=config == "candidates")
        by_split: dict[str, list[StancePair]] = {name: [] for name in docs_per_split}
        for pair in pairs:
            by_split[splits[pair.doc_id]].append(pair)
        check_disjoint({name: [p.doc_id for p in rows] for name, rows in by_split.items()})
        split_list = []
        for name, rows in by_split.items():
            if not rows:
                continue  # an empty parquet file breaks load_dataset; the split is simply absent from this config
            rel = data_file(config, name)
            num_bytes = write_parquet(folder / rel, rows, config)
            split_list.append(split_facts(name, (rel,), rows, CONFIG_LABELS[config], num_bytes,
                                          docs_per_split[name]))
        if not split_list:
            raise DatasetError(f"config '{config}' would have no rows: the documents have no "
                               f"{'stances' if config == 'pairs' else 'candidate pairs'}. Fix: annotate at least one "
                               "stance before building.")
        configs.append(ConfigFacts(config, CONFIG_LABELS[config], tuple(split_list)))
    configs.append(_write_documents_config(folder, docs, splits, docs_per_split))
    documents = tuple(document_facts(d, splits[d.doc_id]) for d in docs)
    return DatasetFacts(corpus=corpus, configs=tuple(configs), documents=documents)


def _write_documents_config(folder: Path, docs: list[AnnotatedDocument], splits: dict[str, str],
                            docs_per_split: dict[str, tuple[str, ...]]) -> ConfigFacts:
    by_split: dict[str, list[dict]] = {name: [] for name in docs_per_split}
    for row in document_rows(docs):
        by_split[splits[row["doc_id"]]].append(row)
    split_list = []
    for name, rows in by_split.items():
        if rows:
            rel = data_file(DOCUMENTS_CONFIG, name)
            num_bytes = write_records(folder / rel, rows, features_for(DOCUMENTS_CONFIG))
            split_list.append(documents_split_facts(name, (rel,), rows, num_bytes))
    return ConfigFacts(DOCUMENTS_CONFIG, STANCE_LABELS, tuple(split_list))


def write_records(path: Path, records: list[dict], features) -> int:
    """Write ``records`` (dicts with every column of ``features``) as one parquet file; return the Arrow size."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([features.encode_example(r) for r in records], schema=features.arrow_schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **PARQUET_OPTIONS)
    return table.nbytes


def write_parquet(path: Path, pairs: list[StancePair], config: str) -> int:
    """Write ``pairs`` as one parquet file typed by ``features_for(config)``; return the Arrow size.

    The schema carries the ``datasets`` features (``huggingface`` metadata), so the ClassLabel
    names travel with the file.
    """
    features = features_for(config)
    names = features["label"].names
    records = []
    for pair in pairs:
        record = pair.to_record()
        if record["label"] not in names:
            raise DatasetError(f"pair {pair.id}: label '{record['label']}' is not a label of config '{config}' "
                               f"({', '.join(names)}). Fix: correct the annotation.")
        records.append({c: record[c] for c in COLUMNS})
    return write_records(path, records, features)
