"""Names the project fixes once: the files of an annotations folder, split names, default folders.

An annotations folder (what ``validate``, ``convert``, ``build`` and every importer read or write)::

    <doc_id>.json        one canonical annotation file per document (actorstance.schema)
    texts/<doc_id>.txt   the texts of imported documents (``text.path`` says where each one is)
    splits.json          {doc_id: "train" | "validation" | "test"}
    corpus.json          name, version, changelog, licence and citation of the corpus (actorstance.corpus)
    agreement.json       inter-annotator agreement figures (``actorstance agree``), optional

The layout of a *built* dataset folder is :mod:`actorstance.dataset.layout`.
"""

from __future__ import annotations

#: ``{doc_id: split}`` of an annotations folder (:mod:`actorstance.dataset.splits`).
SPLITS_FILE = "splits.json"
#: The corpus facts of an annotations folder (:mod:`actorstance.corpus`).
CORPUS_FILE = "corpus.json"
#: Inter-annotator agreement figures of an annotations folder (:mod:`actorstance.agreement`), optional.
AGREEMENT_FILE = "agreement.json"
#: Folder of an import's document texts, inside the annotations folder.
TEXTS_DIR = "texts"
#: JSON files of an annotations folder that are not annotation files.
NON_DOCUMENT_FILES: frozenset[str] = frozenset({SPLITS_FILE, CORPUS_FILE, AGREEMENT_FILE})

#: Allowed split names, in the order they are written and listed.
SPLIT_NAMES: tuple[str, ...] = ("train", "validation", "test")

#: Folder the commands read annotations from unless told otherwise.
DEFAULT_ANNOTATIONS = "data/annotations"
#: Folder ``build`` writes and the scoring commands read unless told otherwise.
DEFAULT_DATASET = "data/dataset"
