"""Where imported documents go: one annotation file per document, its text, and ``splits.json``.

Layout of an import folder (what ``actorstance validate``, ``convert`` and the dataset builder read)::

    DIR/<doc_id>.json        canonical annotation file (text.path = "texts/<doc_id>.txt")
    DIR/texts/<doc_id>.txt   the document text (UTF-8, exact bytes hashed in text.sha256)
    DIR/splits.json          {doc_id: "train" | "validation" | "test"} (the documents whose split is known)
    DIR/corpus.json          name, licence and citation of the corpus (actorstance.corpus), when
                             the import describes another corpus

An annotation tool's export holds one version of a document per annotator; its import writes one
such folder per annotator, ``DIR/<annotator id>/``, so that ``actorstance agree DIR/alice DIR/bob``
compares them and ``actorstance validate DIR/alice`` checks one (:func:`write_by_annotator`).

The folder is written atomically and replaced whole (:func:`actorstance.atomic.atomic_dir`): a
folder that is not empty and not an earlier import's output, untouched, is refused rather than
replaced, and so is an output that overlaps the imported corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from actorstance.atomic import atomic_dir
from actorstance.checksum import sha256_bytes
from actorstance.corpus import CorpusInfo, write_corpus
from actorstance.jsonl import dumps_pretty
from actorstance.layout import SPLITS_FILE, TEXTS_DIR
from actorstance.schema import Annotation, TextRef


@dataclass(frozen=True)
class ImportedDocument:
    """One converted document: its validated annotation, its text and its split."""

    annotation: Annotation
    text: str
    split: str | None


def text_ref(doc_id: str, text: str) -> TextRef:
    """The ``text`` field of an imported annotation: ``texts/<doc_id>.txt`` and the hash of its UTF-8 bytes."""
    return TextRef(path=f"{TEXTS_DIR}/{doc_id}.txt", sha256=sha256_bytes(text.encode("utf-8")))


def write_imported(docs: Iterable[ImportedDocument], output: str | Path, *, corpus: CorpusInfo | None,
                   source: str | Path | None = None) -> None:
    """Write ``docs`` and ``corpus`` into ``output`` (replaced atomically); byte-identical for identical input.

    ``corpus`` names the corpus, its licence and citation: the dataset card built from the folder
    says what it says (:mod:`actorstance.corpus`); None writes no ``corpus.json`` (the documents
    were annotated for this project, under its codebook). ``source`` is the imported corpus, which
    ``output`` may not overlap.
    """
    with atomic_dir(Path(output), command="import", inputs=[source] if source is not None else []) as tmp:
        _write_folder(tmp, docs, corpus)


def write_by_annotator(versions: Mapping[str, Iterable[ImportedDocument]], output: str | Path, *,
                       corpus: CorpusInfo | None = None, source: str | Path | None = None) -> None:
    """Write each annotator's documents into ``output/<annotator id>/`` (the whole of ``output`` replaced atomically)."""
    with atomic_dir(Path(output), command="import", inputs=[source] if source is not None else []) as tmp:
        for annotator in sorted(versions):
            folder = tmp / annotator
            folder.mkdir()
            _write_folder(folder, versions[annotator], corpus)


def _write_folder(folder: Path, docs: Iterable[ImportedDocument], corpus: CorpusInfo | None) -> None:
    (folder / TEXTS_DIR).mkdir()
    splits: dict[str, str] = {}
    for doc in docs:
        ann = doc.annotation
        (folder / ann.text.path).write_bytes(doc.text.encode("utf-8"))
        record = ann.model_dump(mode="json", exclude_none=True)
        (folder / f"{ann.doc_id}.json").write_bytes(dumps_pretty(record).encode("utf-8"))
        if doc.split is not None:
            splits[ann.doc_id] = doc.split
    if splits:
        (folder / SPLITS_FILE).write_bytes(dumps_pretty(splits).encode("utf-8"))
    if corpus is not None:
        write_corpus(corpus, folder)

