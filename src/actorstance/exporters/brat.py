"""Pre-annotations → a brat collection: ``DOC.txt`` + ``DOC.ann`` per document and ``annotation.conf``.

The ``.ann`` lines are the ones ``actorstance import brat`` reads back::

    T1	person 15 24	Anna Berg
    T2	person 57 60	his
    #1	AnnotatorNotes T2	Lars Holm
    T3	evidence 15 80	Anna Berg praised President Lars Holm for his “steady leadership”
    R1	positive Arg1:T1 Arg2:T2

A mention whose text is not its actor's name gets an ``AnnotatorNotes`` note with the name; an
implied stance takes the relation type ``<label>_implied``, an undecided candidate pair the type
``candidate``. ``annotation.conf`` is the one shipped in
``actorstance/resources/brat-annotation.conf``. brat has no notion of a prediction: the collection
is the starting point the annotators correct. The folder is written atomically and replaced whole; a
non-empty folder that an earlier brat export did not write is refused (:func:`actorstance.atomic.atomic_dir`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from actorstance.atomic import atomic_dir
from actorstance.exporters.preannotation import PreAnnotation
from actorstance.importers.mapping import CANDIDATE

CONFIG_RESOURCE = "brat-annotation.conf"
ANNOTATION_CONF = "annotation.conf"


def annotation_conf() -> str:
    """The brat ``annotation.conf`` of the codebook's entity and relation types."""
    return resources.files("actorstance").joinpath("resources", CONFIG_RESOURCE).read_text("utf-8")


def ann_lines(doc: PreAnnotation) -> list[str]:
    """The ``.ann`` lines of one pre-annotated document (T, #, R in that order)."""
    lines, notes, ids = [], [], {}
    for n, region in enumerate(doc.regions, start=1):
        ids[region.id] = f"T{n}"
        lines.append(f"T{n}\t{region.label} {region.start} {region.end}\t{region.text}")
        if region.actor is not None and region.actor != region.text:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes T{n}\t{region.actor}")
    relations = [f"R{n}\t{_relation_type(arrow)} Arg1:{ids[arrow.source]} Arg2:{ids[arrow.target]}"
                 for n, arrow in enumerate(doc.arrows, start=1)]
    return lines + notes + relations


def _relation_type(arrow) -> str:
    if arrow.label is None:
        return CANDIDATE
    return f"{arrow.label}_implied" if arrow.implied else arrow.label


def write_brat(docs: Sequence[PreAnnotation], output: str | Path, *, inputs: Iterable[str | Path] = ()) -> int:
    """Write ``docs`` as a brat collection folder ``output`` (replaced atomically); return the document count.

    ``inputs`` (the exported annotation folders) may not overlap ``output``.
    """
    with atomic_dir(Path(output), command="export brat", inputs=inputs) as tmp:
        (tmp / ANNOTATION_CONF).write_bytes(annotation_conf().encode("utf-8"))
        for doc in docs:
            (tmp / f"{doc.doc_id}.txt").write_bytes(doc.text.encode("utf-8"))
            (tmp / f"{doc.doc_id}.ann").write_bytes("".join(line + "\n" for line in ann_lines(doc)).encode("utf-8"))
    return len(docs)
