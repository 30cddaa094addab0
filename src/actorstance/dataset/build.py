"""Annotations → a Hugging Face dataset folder, atomically and byte-identically.

:func:`build_dataset` streams the documents one at a time (:func:`~actorstance.annotations.iter_annotations`),
turns each into its rows for every config (:func:`rows_of`: the pairs converted once for both
pair configs, and its ``documents`` row) and writes them into parquet shards per config and split
(:class:`~actorstance.dataset.shards.ShardedWriter`: record batches, one schema derived from the
features, Hub shard names), then provenance.jsonl (one line per document), the card, croissant.json
and MANIFEST.json — all into a
temporary folder that replaces the output only when everything succeeded. Memory does not grow
with the number of rows. The card's name,
version, licence and citation come from the annotations folder's ``corpus.json`` when it has one
(:mod:`actorstance.corpus`), else they describe the actorstance dataset.

>>> build_dataset("data/annotations", "data/dataset")  # doctest: +SKIP
BuildResult(output=PosixPath('data/dataset'), version='1.0.0', ...)
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from itertools import accumulate, chain
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Iterable

from actorstance.annotations import AnnotatedDocument, index_annotations, iter_annotations
from actorstance.atomic import atomic_dir, check_output_dir
from actorstance.columns import COLUMN_TABLE
from actorstance.convert import StancePair, document_configs
from actorstance.corpus import CorpusInfo, read_corpus
from actorstance.dataset.card import render_card
from actorstance.dataset.croissant import render_croissant
from actorstance.dataset.document_file import document_lines
from actorstance.dataset.documents import document_row
from actorstance.dataset.facts import ConfigFacts, DatasetFacts, DocumentFacts, DocumentsTally, SplitTally, document_facts
from actorstance.dataset.features import features_for
from actorstance.dataset.audit import AuditReport, LeakageAudit
from actorstance.dataset.layout import (CARD_FILE, CONFIGS, CROISSANT_FILE, DOCUMENTS_CONFIG, PAIR_CONFIGS,
                                        PROVENANCE_FILE)
from actorstance.dataset.manifest import write_manifest
from actorstance.dataset.shards import PARQUET_OPTIONS, SHARD_BYTES, ShardedWriter
from actorstance.dataset.splits import documents_by_split, read_splits
from actorstance.errors import ActorstanceError, DatasetError
from actorstance.labels import CONFIG_LABELS, STANCE_LABELS
from actorstance.layout import DEFAULT_ANNOTATIONS, DEFAULT_DATASET, SPLIT_NAMES, SPLITS_FILE
from actorstance.streaming import streaming_gc

#: Documents between two ``gc.freeze()`` of the build loop (see :func:`_write_configs`).
FREEZE_EVERY = 1000

__all__ = ["BuildResult", "ConfigWriting", "PARQUET_OPTIONS", "build_dataset", "built_with", "config_writing",
           "pair_columns", "rows_of"]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the folder, the dataset version, rows per config and split, files."""

    output: Path
    version: str
    documents: int
    rows: dict[str, dict[str, int]]   # config → split → rows
    files: dict[str, str]             # relative path → sha256 (MANIFEST.json excluded)
    sha256: str                       # digest over all files (as in MANIFEST.json)
    audit: AuditReport                # the leakage audit of the pair configs (it passed)


def build_dataset(annotations: str | Path = DEFAULT_ANNOTATIONS, output: str | Path = DEFAULT_DATASET, *,
                  shard_bytes: int = SHARD_BYTES) -> BuildResult:
    """Build the dataset folder ``output`` from the annotation folder ``annotations``.

    A split's rows are cut into parquet shards of about ``shard_bytes`` of Arrow data each.
    Raises :class:`~actorstance.errors.AnnotationError` for invalid annotations and
    :class:`DatasetError` for a bad splits file or an output that is not a dataset folder;
    on any failure the previous ``output`` is left untouched.
    """
    annotations, output = Path(annotations), Path(output)
    if not annotations.is_dir():
        raise DatasetError(f"{annotations}: no such folder. Fix: pass the folder of annotation files "
                           "(with splits.json) via --annotations.")
    check_output_dir(output, command="build", inputs=[annotations])  # before any work
    index = index_annotations([annotations])
    if not index.files:
        raise DatasetError(f"{annotations}: no annotation files (*.json) found. Fix: add annotation files or pass "
                           "another folder via --annotations.")
    try:
        doc_ids = [d for d in index.doc_ids if d is not None]
        splits = read_splits(annotations / SPLITS_FILE, doc_ids)
        corpus = read_corpus(annotations)
        agreement = read_folder_agreement(annotations, doc_ids)
    except ActorstanceError:
        for _ in iter_annotations(index):  # the annotations' problems come first: check every file
            pass
        raise
    with atomic_dir(output, command="build", inputs=[annotations, *index.texts]) as tmp, streaming_gc():
        audits = {name: LeakageAudit(name) for name in PAIR_CONFIGS}
        facts = replace(_write_configs(tmp, iter_annotations(index), splits, corpus, shard_bytes=shard_bytes,
                                       audits=audits), agreement=agreement)
        audit = sum((a.report() for a in audits.values()), AuditReport(()))
        audit.check(where=str(annotations))  # before anything replaces the output
        (tmp / PROVENANCE_FILE).write_bytes(document_lines(facts.documents))
        (tmp / CARD_FILE).write_text(render_card(facts), encoding="utf-8", newline="\n")
        (tmp / CROISSANT_FILE).write_text(render_croissant(facts, tmp), encoding="utf-8", newline="\n")
        manifest = write_manifest(tmp, version=corpus.version, built_with=built_with())
    return BuildResult(
        output=output, version=corpus.version, documents=len(facts.documents),
        rows={c.name: {s.name: s.num_examples for s in c.splits} for c in facts.configs},
        files={rel: entry["sha256"] for rel, entry in manifest["files"].items()}, sha256=manifest["sha256"],
        audit=audit)


def read_folder_agreement(annotations: Path, doc_ids: list[str]):
    """The folder's ``agreement.json`` (``actorstance agree --output``), if any; it must be about these documents."""
    from actorstance.agreement import read_agreement
    from actorstance.layout import AGREEMENT_FILE

    path = annotations / AGREEMENT_FILE
    if not path.exists():
        return None
    agreement = read_agreement(path)
    foreign = sorted(set(agreement.doc_ids) - set(doc_ids))
    if foreign:
        raise DatasetError(f"{path}: measures agreement on {len(foreign)} document(s) this folder does not have "
                           f"({', '.join(foreign[:5])}{', ...' if len(foreign) > 5 else ''}), so the card would "
                           "misreport it. Fix: rerun `actorstance agree` on the annotators' folders of these "
                           "documents, or remove the file.")
    return agreement


def built_with() -> dict[str, str]:
    """Versions of the libraries that determine the files' bytes (recorded in MANIFEST.json)."""
    import datasets
    import pyarrow

    return {"datasets": datasets.__version__, "pyarrow": pyarrow.__version__}


@dataclass(frozen=True)
class ConfigWriting:
    """How the rows of one config are written: its features, its label names (for the card),
    rows → ``{column: values}`` for Arrow, and the tally a split's facts come from."""

    name: str
    features: Any
    label_names: tuple[str, ...]
    to_columns: Callable[[list], dict[str, list]]
    tally: Callable[[], SplitTally]


def config_writing(config: str) -> ConfigWriting:
    """The :class:`ConfigWriting` of ``config`` (one of :data:`~actorstance.dataset.layout.CONFIGS`)."""
    features = features_for(config)
    if config == DOCUMENTS_CONFIG:
        return ConfigWriting(config, features, STANCE_LABELS, lambda rows: _record_columns(rows, features),
                             lambda: DocumentsTally(STANCE_LABELS))
    return ConfigWriting(config, features, CONFIG_LABELS[config], lambda rows: pair_columns(rows, config),
                         lambda: SplitTally(CONFIG_LABELS[config]))


def rows_of(doc: AnnotatedDocument) -> dict[str, list]:
    """The rows one document contributes to each config, in row order.

    The pairs are converted once for both pair configs (:func:`~actorstance.convert.document_configs`).
    """
    pairs, candidates = document_configs(doc)
    return {"pairs": pairs, "candidates": candidates,
            DOCUMENTS_CONFIG: [document_row(doc)]}


def pair_columns(pairs: list[StancePair], config: str) -> dict[str, Any]:
    """Stance pairs as ``{column: values}`` for ``features_for(config)`` (the label as its
    ClassLabel index, a span column as an Arrow array); raise :class:`DatasetError` for a label the
    config does not have."""
    names = CONFIG_LABELS[config]
    code = {name: i for i, name in enumerate(names)}
    columns: dict[str, Any] = {}
    for column in COLUMN_TABLE:
        values = list(map(attrgetter(column.name), pairs))
        if column.type == "label":
            try:
                values = list(map(code.__getitem__, values))
            except KeyError:
                bad = next(p for p in pairs if p.label not in code)
                raise DatasetError(f"pair {bad.id}: label '{bad.label}' is not a label of config '{config}' "
                                   f"({', '.join(names)}). Fix: correct the annotation.") from None
        elif column.type == "spans":
            values = span_array(values)
        columns[column.name] = values
    return columns


def span_array(spans: list[tuple[tuple[int, int], ...]]):
    """A span column (per row, ``(start, end)`` tuples) as the Arrow array of ``list<struct<start, end>>``,
    built from flat offsets and ends rather than a dict per span."""
    import pyarrow as pa

    flat = list(chain.from_iterable(spans))
    offsets = pa.array(list(accumulate(map(len, spans), initial=0)), type=pa.int32())
    starts = pa.array([start for start, _ in flat], type=pa.int32())
    ends = pa.array([end for _, end in flat], type=pa.int32())
    return pa.ListArray.from_arrays(offsets, pa.StructArray.from_arrays([starts, ends], names=["start", "end"]))


def _record_columns(rows: list[dict], features) -> dict[str, list]:
    return {name: [row[name] for row in rows] for name in features}


def _write_configs(folder: Path, docs: Iterable[AnnotatedDocument], splits: dict[str, str], corpus: CorpusInfo, *,
                   shard_bytes: int, audits: dict[str, LeakageAudit]) -> DatasetFacts:
    configs = {name: config_writing(name) for name in CONFIGS}
    writers: dict[tuple[str, str], ShardedWriter] = {}
    tallies: dict[tuple[str, str], SplitTally] = {}
    documents: list[DocumentFacts] = []
    for count, doc in enumerate(docs, 1):
        if count % FREEZE_EVERY == 0:
            # What a build keeps (the documents' facts, the audit's sample) grows with the corpus,
            # and rows live through a row group before they die; the collector's full passes rescan
            # all of them, over and over (14 of 66 s CPU at 100k documents). Frozen, they are
            # skipped; they are still freed when unreferenced, and streaming_gc unfreezes them at the end.
            gc.freeze()
        split = splits[doc.doc_id]
        documents.append(document_facts(doc, split))
        for name, rows in rows_of(doc).items():
            if not rows:
                continue
            key = (name, split)
            if key not in writers:
                config = configs[name]
                writers[key] = ShardedWriter(folder, name, split, config.features, to_columns=config.to_columns,
                                             shard_bytes=shard_bytes)
                tallies[key] = config.tally()
            writers[key].write(rows)
            tallies[key].add(rows)
            if name in audits:
                audits[name].add(rows)
    docs_per_split = documents_by_split(splits)
    written = []
    for name, config in configs.items():
        split_list = []
        for split in SPLIT_NAMES:
            if (name, split) not in writers:
                continue  # an empty parquet file breaks load_dataset; the split is simply absent from this config
            shards = writers[(name, split)].close()
            split_list.append(tallies[(name, split)].facts(split, shards.files, shards.num_bytes,
                                                            docs_per_split[split]))
        if not split_list and name in PAIR_CONFIGS:
            raise DatasetError(f"config '{name}' would have no rows: the documents have no "
                               f"{'stances' if name == 'pairs' else 'candidate pairs'}. Fix: annotate at least one "
                               "stance before building.")
        written.append(ConfigFacts(name, config.label_names, tuple(split_list)))
    documents.sort(key=lambda d: d.doc_id)
    return DatasetFacts(corpus=corpus, configs=tuple(written), documents=tuple(documents))
