"""Start a hand annotation: the skeleton file ``actorstance new TEXT_FILE`` writes.

The skeleton is a valid annotation file with no actors, mentions or stances yet. It records the
text's path (relative to the annotation file's folder) and sha256, the current codebook version,
the annotator, and the text's paragraphs with their offsets, so the annotator sees where each
paragraph starts while adding mentions (``actorstance locate`` gives the offsets of a surface).

**Doc-id rule** (codebook "File format"): a document's ``doc_id`` is the name of its text file
without the extension — ``seeds/000_90ff7f66b757b298.txt`` is ``000_90ff7f66b757b298`` — so the
annotation file ``<doc_id>.json`` and its text share a name. It must be letters, digits and
``_ . : -`` (starting with a letter or digit), and unique in the annotations folder; rename the
text file (before annotating: offsets do not change, the name is not hashed) or pass an explicit
id when the name does not qualify.

>>> skeleton = new_annotation("seeds/000_90ff7f66b757b298.txt", "data/annotations/x.json",
...                           annotator="me")  # doctest: +SKIP
>>> skeleton["doc_id"], len(skeleton["paragraphs"])  # doctest: +SKIP
('000_90ff7f66b757b298', 8)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from actorstance.errors import OutputError, TextError
from actorstance.schema import GUIDELINE_VERSION, SCHEMA_VERSION, Annotation
from actorstance.segment import paragraphs

#: What a doc id (and so a text file's stem) may look like: the schema's identifier pattern.
DOC_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


def doc_id_for(text_path: str | Path) -> str:
    """The doc id of a text file by the doc-id rule: its name without the extension.

    >>> doc_id_for("seeds/000_90ff7f66b757b298.txt")
    '000_90ff7f66b757b298'
    """
    path = Path(text_path)
    doc_id = path.stem
    if not DOC_ID_PATTERN.fullmatch(doc_id) or len(doc_id) > 200:
        raise TextError(f"{path}: the file name {doc_id!r} is not a valid doc id (letters, digits and _ . : -, "
                        "starting with a letter or digit). Fix: rename the text file, or pass --doc-id.")
    return doc_id


def read_text(text_path: str | Path) -> tuple[str, str]:
    """The text of a file to annotate (UTF-8, as it is) and the sha256 of its bytes.

    File-system problems raise :class:`~actorstance.errors.InputError` (via :mod:`actorstance.inputs`)."""
    from actorstance.inputs import read_bytes

    path = Path(text_path)
    data = read_bytes(path, what="text file", fix="pass the path of the article's text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise TextError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}). Fix: convert the text to UTF-8 "
                        "before annotating (offsets count the code points of the UTF-8 text).") from None
    if not text.strip():
        raise TextError(f"{path}: the text is empty. Fix: pass the article's text file.")
    return text, hashlib.sha256(data).hexdigest()


def new_annotation(text_path: str | Path, output: str | Path, *, annotator: str, annotator_kind: str = "human",
                   annotator_name: str | None = None, doc_id: str | None = None, language: str = "en",
                   outlet: str | None = None, url: str | None = None, published: str | None = None) -> dict:
    """The skeleton annotation of ``text_path`` for a file to be written at ``output``, as a JSON object.

    The result validates as an :class:`~actorstance.schema.Annotation`; ``text.path`` is relative to
    ``output``'s folder.
    """
    text, sha256 = read_text(text_path)
    doc_id = doc_id if doc_id is not None else doc_id_for(text_path)
    relative = Path(os.path.relpath(Path(text_path).resolve(), Path(output).resolve().parent)).as_posix()
    source = {key: value for key, value in (("outlet", outlet), ("url", url), ("published", published)) if value}
    record = {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc_id,
        "text": {"path": relative, "sha256": sha256},
        "language": language,
        "guideline_version": GUIDELINE_VERSION,
        "annotators": [{"id": annotator, "kind": annotator_kind, **({"name": annotator_name} if annotator_name else {})}],
        **({"source": source} if source else {}),
        "metadata": {},
        "paragraphs": [{"start": start, "end": end, "text": text[start:end]} for start, end in paragraphs(text)],
        "actors": [],
        "mentions": [],
        "stances": [],
    }
    Annotation.model_validate(record)  # what we write must validate; a bad option value fails here
    return record


def write_new_annotation(text_path: str | Path, output: str | Path, **options) -> dict:
    """Write the skeleton of ``text_path`` to ``output`` (never over an existing file); return it."""
    from pydantic import ValidationError

    from actorstance.atomic import write_bytes_atomic

    output = Path(output)
    if output.exists():
        raise OutputError(f"{output}: already exists; `new` never overwrites an annotation. Fix: pass another "
                          "--output, or delete the file first.")
    try:
        record = new_annotation(text_path, output, **options)
    except ValidationError as err:
        from actorstance.problems import validation_problems

        problems = validation_problems("", err, fix="pass a valid value (see docs/annotation.schema.json)")
        raise TextError("; ".join(f"{p.path}: {p.message}. Fix: {p.fix}" for p in problems) + ".") from None
    taken = _doc_id_taken(output.parent, record["doc_id"])
    if taken is not None:
        raise OutputError(f"{taken}: already annotates doc id '{record['doc_id']}'; doc ids are unique in a folder. "
                          "Fix: pass another --doc-id or rename the text file.")
    write_bytes_atomic(output, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
                       inputs=[text_path])
    return record


def _doc_id_taken(folder: Path, doc_id: str) -> Path | None:
    from actorstance.errors import ActorstanceError
    from actorstance.inputs import read_json_object
    from actorstance.layout import NON_DOCUMENT_FILES

    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.json")):
        if path.name in NON_DOCUMENT_FILES:
            continue
        try:
            if read_json_object(path, what="annotation file").get("doc_id") == doc_id:
                return path
        except ActorstanceError:
            continue  # `validate` reports broken files; here only a clean duplicate matters
    return None
