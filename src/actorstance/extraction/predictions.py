"""Extraction predictions: one JSON object per document of the split::

    {"doc_id": "doc_1", "stances": [{"source": "Dmitry Peskov", "target": "Lukashenko", "label": "positive"}]}
    {"doc_id": "doc_2", "stances": []}

``source`` and ``target`` are names as the system wrote them (``raw``), or actor ids or names
(``oracle-actors``); ``label`` is one of the stance labels. A document the system found no
stance in has ``"stances": []``. :func:`read_extraction_predictions` checks a file against the
split and reports every problem at once, with line numbers: malformed lines, missing or
unexpected keys, unknown labels, a stance whose source and target are the same name, duplicate
triplets (the same source, target and label after name normalisation), duplicate documents,
documents not in the split, and documents of the split without a line. It never returns
predictions for a subset of the split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from actorstance.errors import ModelError, OutputError, PredictionsError, Problem
from actorstance.evaluation.predictions import short_value
from actorstance.extraction.alignment import normalise_name
from actorstance.labels import STANCE_LABELS

#: Keys of a line, and of one stance.
LINE_KEYS: tuple[str, ...] = ("doc_id", "stances")
STANCE_KEYS: tuple[str, ...] = ("source", "target", "label")
#: How many documents a "missing" or "not in the split" problem names before it only counts.
MAX_EXAMPLES = 5

Triplet = tuple[str, str, str]  # (source, target, label) as written
_EXAMPLE = '{"doc_id": "...", "stances": [{"source": "...", "target": "...", "label": "positive"}]}'


@dataclass(frozen=True)
class ExtractionPredictions:
    """A checked predictions file: the predicted triplets of every document of the split, in split order."""

    path: str
    sha256: str
    doc_ids: tuple[str, ...]
    stances: tuple[tuple[Triplet, ...], ...]


def read_extraction_predictions(path: str | Path, *, doc_ids: Sequence[str], split: str = "the split"
                                ) -> ExtractionPredictions:
    """Read ``path`` and check it against the split's ``doc_ids``; raises :class:`PredictionsError`.

    Lines are streamed and problems capped (:func:`actorstance.inputs.iter_jsonl`), as for pair
    predictions: malformed JSON, duplicate keys, a byte-order mark or an unreadable file are
    reported the same way.
    """
    from actorstance.checksum import sha256_file
    from actorstance.inputs import iter_jsonl
    from actorstance.problems import ProblemList, some_of

    where = str(path)
    known = set(doc_ids)
    problems = ProblemList()
    found: dict[str, tuple[Triplet, ...]] = {}
    first_line: dict[str, int] = {}
    foreign: list[tuple[int, str]] = []
    n_lines = 0
    fix = "pass a JSON lines file written by `actorstance predict --task extraction` or your system"
    for number, record in iter_jsonl(path, problems, what="predictions file", fix=fix):
        n_lines += 1
        line_where = f"{where}:{number}"
        parsed = _check_line(line_where, record, problems)
        if parsed is None:
            continue
        doc_id, stances = parsed
        if doc_id in first_line:
            problems.add(Problem(line_where, f"doc_id {doc_id!r}", f"duplicate document (first on line "
                                 f"{first_line[doc_id]})", "write one line per document, with all its stances"))
            continue
        first_line[doc_id] = number
        if doc_id not in known:
            foreign.append((number, doc_id))
        elif stances is not None:
            found[doc_id] = stances
    if problems and not n_lines and any(p.where == where for p in problems.kept):
        problems.raise_if_any(PredictionsError)  # the file itself could not be read
    sha256 = sha256_file(Path(path))
    problems.extend(_foreign_problems(where, foreign, split))
    missing = [d for d in doc_ids if d not in first_line]
    if missing:
        problems.add(Problem(where, "", f"{len(missing)} of the {len(doc_ids)} documents of {split} have no line: "
                                        f"{some_of(missing, MAX_EXAMPLES)}",
                             'write one line per document of the split; "stances": [] when it has none'))
    problems.raise_if_any(PredictionsError)
    return ExtractionPredictions(where, sha256, tuple(doc_ids), tuple(found[d] for d in doc_ids))


def check_model_extractions(output: Any, *, doc_ids: Sequence[str], who: str) -> tuple[tuple[Triplet, ...], ...]:
    """Check what an extraction model's ``predict`` returned: one list of ``{"source", "target",
    "label"}`` dicts per document, by the rules of a predictions file. Raises :class:`ModelError`."""
    try:
        per_doc = list(output)
    except TypeError:
        raise ModelError(f"{who}: predict() returned a {type(output).__name__}, not one list of stances per "
                         "document. Fix: return a list (one entry per document) of lists of "
                         "{\"source\", \"target\", \"label\"} dicts") from None
    if len(per_doc) != len(doc_ids):
        raise ModelError(f"{who}: predict() returned {len(per_doc)} stance lists for {len(doc_ids)} documents. "
                         "Fix: return exactly one list (possibly empty) per document, in document order")
    problems: list[Problem] = []
    checked = []
    for doc_id, stances in zip(doc_ids, per_doc):
        checked.append(_check_stances(f"document {doc_id!r}", stances, problems))
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ModelError(f"{who}: predict() returned a bad stance: {first}{more}".rstrip("."))
    return tuple(checked)  # type: ignore[arg-type]


def _check_line(where: str, record, problems) -> tuple[str, tuple[Triplet, ...] | None] | None:
    if not isinstance(record, dict):
        problems.append(Problem(where, "", f"expected a JSON object, got {type(record).__name__}",
                                f"write one JSON object per line, e.g. {_EXAMPLE}"))
        return None
    extra = sorted(set(record) - set(LINE_KEYS))
    if extra:
        problems.append(Problem(where, ", ".join(extra), "unexpected key" + ("s" if len(extra) > 1 else ""),
                                f"use only {', '.join(LINE_KEYS)}"))
    if "doc_id" not in record:
        problems.append(Problem(where, "doc_id", "missing", "give the document id of the dataset row"))
        return None
    doc_id = record["doc_id"]
    if not isinstance(doc_id, str):
        problems.append(Problem(where, "doc_id", f"expected a string, got {short_value(doc_id)}",
                                "give the document id as a string"))
        return None
    if "stances" not in record:
        problems.append(Problem(where, "stances", "missing", 'give the list of stances; "stances": [] for none'))
        return doc_id, None
    n_before = len(problems)
    stances = _check_stances(where, record["stances"], problems)
    return doc_id, stances if len(problems) == n_before and not extra else None


def _check_stances(where: str, stances, problems) -> tuple[Triplet, ...] | None:
    if not isinstance(stances, list):
        problems.append(Problem(where, "stances", f"expected a list, got {short_value(stances)}",
                                'give a list of {"source", "target", "label"} objects'))
        return None
    n_before = len(problems)
    out: list[Triplet] = []
    seen: dict[tuple[str, str, str], int] = {}
    label_fix = f"use one of: {', '.join(STANCE_LABELS)} (leave a pair without a stance out)"
    for i, stance in enumerate(stances):
        at = f"stances[{i}]"
        if not isinstance(stance, dict):
            problems.append(Problem(where, at, f"expected an object, got {short_value(stance)}",
                                    'write {"source": "...", "target": "...", "label": "..."}'))
            continue
        bad = len(problems)
        extra = sorted(set(stance) - set(STANCE_KEYS))
        if extra:
            problems.append(Problem(where, f"{at}.{', '.join(extra)}", "unexpected key" + ("s" if len(extra) > 1 else ""),
                                    f"use only {', '.join(STANCE_KEYS)}"))
        for key in ("source", "target"):
            value = stance.get(key)
            if key not in stance:
                problems.append(Problem(where, f"{at}.{key}", "missing", f"give the {key} actor's name"))
            elif not isinstance(value, str) or not value.strip():
                problems.append(Problem(where, f"{at}.{key}", f"expected a non-empty string, got {short_value(value)}",
                                        f"give the {key} actor's name"))
        if "label" not in stance:
            problems.append(Problem(where, f"{at}.label", "missing", label_fix))
        elif stance["label"] not in STANCE_LABELS:
            problems.append(Problem(where, f"{at}.label", f"unknown label {short_value(stance['label'])}", label_fix))
        if len(problems) > bad:
            continue
        source, target, label = stance["source"], stance["target"], stance["label"]
        key = (normalise_name(source), normalise_name(target), label)
        if key[0] == key[1]:
            problems.append(Problem(where, at, f"source and target are the same name ({source!r}, {target!r})",
                                    "a stance is between two different actors; leave it out"))
            continue
        if key in seen:
            problems.append(Problem(where, at, f"duplicate triplet (same as stances[{seen[key]}] after name "
                                    "normalisation)", "list each (source, target, label) once"))
            continue
        seen[key] = i
        out.append((source, target, label))
    return tuple(out) if len(problems) == n_before else None


def _foreign_problems(where: str, foreign: list[tuple[int, str]], split: str) -> list[Problem]:
    fix = f"predict only documents of {split} (check --split and --dataset)"
    problems = [Problem(f"{where}:{number}", f"doc_id {doc_id!r}", f"not a document of {split}", fix)
                for number, doc_id in foreign[:MAX_EXAMPLES]]
    if len(foreign) > MAX_EXAMPLES:
        rest = foreign[MAX_EXAMPLES:]
        problems.append(Problem(where, "", f"{len(rest)} more documents not in {split} (lines "
                                           f"{rest[0][0]}-{rest[-1][0]})", fix))
    return problems


def write_extraction_predictions(path: str | Path, doc_ids: Sequence[str],
                                 stances: Sequence[Sequence[Triplet]]) -> int:
    """Write a predictions file atomically, one line per document sorted by ``doc_id``; return the count."""
    from actorstance.jsonl import write_jsonl

    if len(doc_ids) != len(stances):
        raise ValueError("doc_ids and stances must have the same length")
    rows = sorted(({"doc_id": d, "stances": [{"source": s, "target": t, "label": label} for s, t, label in triplets]}
                   for d, triplets in zip(doc_ids, stances)), key=lambda row: row["doc_id"])
    try:
        return write_jsonl(path, rows)
    except OSError as err:
        raise OutputError(f"{path}: cannot write the predictions ({err.strerror or err}). "
                          "Fix: pass an --output path in a folder you can write to") from None
