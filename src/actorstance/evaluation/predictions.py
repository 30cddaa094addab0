"""Predictions files: the one interface every model goes through before it is scored.

One JSON object per line::

    {"id": "doc_1/0456105367530275", "label": "negative"}
    {"id": "doc_1/0790720548446270", "label": null}
    {"id": "doc_2/3542652884544921", "label": "positive", "scores": {"positive": 0.7, "negative": 0.1, "neutral": 0.2}}

``label`` is one of the config's labels, or ``null`` to abstain (counted, scored as wrong, never
mapped to a label). ``scores`` is optional: label → finite number. No other key is read, so any
other key is an error (a misspelt ``"score"`` must not be dropped silently).

:func:`read_predictions` checks a file against the split it is scored on and reports every
problem at once — malformed lines, missing or mistyped fields, unknown labels, duplicate ids, ids
not in the split, ids of the split without a prediction — with line numbers. It never returns
predictions for a subset of the split.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from actorstance.checksum import sha256_file
from actorstance.errors import OutputError, PredictionsError, Problem
from actorstance.inputs import iter_jsonl
from actorstance.jsonl import write_jsonl
from actorstance.problems import ProblemList, some_of

#: Keys a prediction line may have.
PREDICTION_KEYS: tuple[str, ...] = ("id", "label", "scores")

#: How many ids a "missing" or "not in the split" problem names before it only counts.
MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Predictions:
    """A checked predictions file: one label (or ``None``) per id of the split, in split order."""

    path: str
    sha256: str
    ids: tuple[str, ...]
    labels: tuple[str | None, ...]
    scores: tuple[dict[str, float] | None, ...]

    @property
    def abstentions(self) -> int:
        return sum(label is None for label in self.labels)


def read_predictions(path: str | Path, *, ids: Sequence[str], labels: Sequence[str], split: str = "the split",
                     pair_names: Callable[[Sequence[str]], Mapping[str, str]] | None = None) -> Predictions:
    """Read ``path`` and check it against the split's ``ids`` and the config's ``labels``.

    Pair ids are opaque; ``pair_names(ids)`` (called only for a message) gives ``source → target`` of
    ids the split holds, so "have no prediction" says which pairs they are.

    Raises :class:`~actorstance.errors.PredictionsError` listing every problem.
    """
    where = str(path)
    allowed = list(labels)
    plain = _plain_predictions(where, path, ids, allowed)
    if plain is not None:
        return plain
    split_ids = set(ids)
    # bounded memory on any input: lines are streamed, problems capped, and only ids of the split
    # are remembered (an id outside the split is a problem already; only a few are kept as examples)
    problems = ProblemList()
    found: dict[str, tuple[str | None, dict[str, float] | None]] = {}
    first_line: dict[str, int] = {}
    unknown_ids: list[tuple[int, str]] = []
    n_unknown, last_unknown, n_lines = 0, 0, 0
    fix = "pass a JSON lines file written by `actorstance predict` or your model"
    plain = _PlainPrediction(allowed)
    for number, record in iter_jsonl(path, problems, what="predictions file", fix=fix):
        n_lines += 1
        parsed = plain(record)  # the common line, checked without building any message
        if parsed is None:
            parsed = _parse_line(f"{where}:{number}", record, allowed, problems)
            if parsed is None:
                continue
        pid, label, scores = parsed
        if pid not in split_ids:
            n_unknown, last_unknown = n_unknown + 1, number
            if len(unknown_ids) <= MAX_EXAMPLES:
                unknown_ids.append((number, pid))
            continue
        if pid in first_line:
            problems.append(Problem(f"{where}:{number}", f"id {pid!r}", f"duplicate id (first on line {first_line[pid]})",
                                    "keep one prediction per pair"))
            continue
        first_line[pid] = number
        found[pid] = (label, scores)
    if problems and not n_lines and any(p.where == where for p in problems.kept):
        problems.raise_if_any(PredictionsError)  # the file itself could not be read
    sha256 = sha256_file(Path(path))

    problems.extend(_unknown_id_problems(where, unknown_ids, n_unknown, last_unknown, split))
    missing = [pid for pid in ids if pid not in first_line]
    if missing:
        names = pair_names(missing[:MAX_EXAMPLES]) if pair_names is not None else {}
        shown = some_of(missing, MAX_EXAMPLES, show=lambda pid: f"{pid!r} ({names[pid]})" if pid in names else repr(pid))
        problems.append(Problem(where, "", f"{len(missing)} of the {len(ids)} pairs of {split} have no prediction: "
                                           f"{shown}",
                                "write one line per pair of the split; use \"label\": null to abstain"))
    problems.raise_if_any(PredictionsError)
    rows = [found[pid] for pid in ids]
    return Predictions(where, sha256, tuple(ids), tuple(row[0] for row in rows), tuple(row[1] for row in rows))


def _plain_predictions(where: str, path: str | Path, ids: Sequence[str], labels: list[str]) -> Predictions | None:
    """The file read in bulk (:mod:`~actorstance.evaluation.plain_lines`) when every line is a plain
    prediction and they are exactly one per id of the split; ``None`` (read it line by line) otherwise."""
    from actorstance.evaluation.plain_lines import read_plain_lines

    plain = read_plain_lines(path, labels)
    if plain is None or len(plain.ids) != len(ids):
        return None
    if plain.ids == tuple(ids):  # the usual order: both sorted by id
        in_split_order = plain.labels
    else:
        index = {pid: i for i, pid in enumerate(ids)}
        if len(index) != len(ids):
            return None
        order = [index.get(pid, -1) for pid in plain.ids]
        if -1 in order or len(set(order)) != len(order):  # an id outside the split, or one twice
            return None
        in_split_order = [None] * len(ids)
        for position, label in zip(order, plain.labels):
            in_split_order[position] = label
    return Predictions(where, plain.sha256, tuple(ids), tuple(in_split_order), (None,) * len(ids))


class _PlainPrediction:
    """A parsed line → ``(id, label, None)`` when it is exactly ``{"id": STR, "label": LABEL or null}``;
    ``None`` otherwise (then :func:`_parse_line` says what is wrong, or checks the scores)."""

    def __init__(self, labels: list[str]):
        self.labels = frozenset(labels)
        self.keys = frozenset(("id", "label"))

    def __call__(self, record) -> tuple[str, str | None, None] | None:
        if type(record) is not dict or record.keys() != self.keys:
            return None
        pid, label = record["id"], record["label"]
        if type(pid) is not str or not (label is None or (type(label) is str and label in self.labels)):
            return None
        return pid, label, None


def _parse_line(where: str, record, labels: list[str], problems: ProblemList
                ) -> tuple[str, str | None, dict[str, float] | None] | None:
    """One parsed line → ``(id, label, scores)``; on a problem, record it and return ``None`` (or the
    id, when only the label or scores are wrong, so that duplicates and coverage are still checked)."""
    if not isinstance(record, dict):
        problems.append(Problem(where, "", f"expected a JSON object, got {type(record).__name__}",
                                'write one JSON object per line, e.g. {"id": "...", "label": "positive"}'))
        return None
    n_before = len(problems)
    extra = sorted(set(record) - set(PREDICTION_KEYS))
    if extra:
        problems.append(Problem(where, ", ".join(extra), "unexpected key" + ("s" if len(extra) > 1 else ""),
                                f"use only {', '.join(PREDICTION_KEYS)}"))
    pid = record.get("id")
    if "id" not in record:
        problems.append(Problem(where, "id", "missing", "give the pair id of the dataset row"))
        return None
    if not isinstance(pid, str):
        problems.append(Problem(where, "id", f"expected a string, got {short_value(pid)}", "give the pair id as a string"))
        return None
    label_fix = f"use one of: {', '.join(labels)}; or null to abstain"
    if "label" not in record:
        problems.append(Problem(where, "label", "missing", label_fix))
    elif record["label"] is not None and record["label"] not in labels:
        problems.append(Problem(where, "label", f"unknown label {short_value(record['label'])}", label_fix))
    scores = _check_scores(where, record.get("scores"), labels, problems)
    return pid, record.get("label"), scores if len(problems) == n_before else None


def _check_scores(where: str, scores, labels: list[str], problems: list[Problem]) -> dict[str, float] | None:
    if scores is None:
        return None
    fix = f"give scores as an object of label → number, labels among: {', '.join(labels)}"
    if not isinstance(scores, dict):
        problems.append(Problem(where, "scores", f"expected an object, got {short_value(scores)}", fix))
        return None
    n_before = len(problems)
    for key in sorted(scores):
        value = scores[key]
        if key not in labels:
            problems.append(Problem(where, f"scores.{key}", "unknown label", fix))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            problems.append(Problem(where, f"scores.{key}", f"expected a finite number, got {short_value(value)}", fix))
    if len(problems) > n_before:
        return None
    return {key: float(value) for key, value in sorted(scores.items())}


def _unknown_id_problems(where: str, examples: list[tuple[int, str]], n_unknown: int, last_line: int,
                         split: str) -> list[Problem]:
    fix = f"predict only pairs of {split} (check --split and --config)"
    problems = [Problem(f"{where}:{number}", f"id {pid!r}", f"not a pair of {split}", fix)
                for number, pid in examples[:MAX_EXAMPLES]]
    if n_unknown > MAX_EXAMPLES:
        first = examples[MAX_EXAMPLES][0]
        problems.append(Problem(where, "", f"{n_unknown - MAX_EXAMPLES} more ids not in {split} (lines "
                                f"{first}-{last_line})", fix))
    return problems


def short_value(value) -> str:
    """A value quoted for a message, cut to 60 characters (a garbage line never floods the output)."""
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def write_predictions(path: str | Path, ids: Sequence[str], labels: Sequence[str | None],
                      scores: Sequence[dict[str, float] | None] | None = None) -> int:
    """Write a predictions file atomically, one line per id sorted by id; return the count.

    >>> write_predictions("preds.jsonl", ["b", "a"], ["negative", None])  # doctest: +SKIP
    2
    """
    if len(ids) != len(labels) or (scores is not None and len(scores) != len(ids)):
        raise ValueError("ids, labels and scores must have the same length")
    if len(set(ids)) != len(ids):
        raise ValueError("ids must be unique")
    rows = []
    for i, pid in enumerate(ids):
        row = {"id": pid, "label": labels[i]}
        if scores is not None and scores[i] is not None:
            row["scores"] = {key: float(value) for key, value in scores[i].items()}
        rows.append(row)
    rows.sort(key=lambda row: row["id"])
    try:
        return write_jsonl(path, rows)
    except OSError as err:
        raise OutputError(f"{path}: cannot write the predictions ({err.strerror or err}). "
                          "Fix: pass an --output path in a folder you can write to") from None
