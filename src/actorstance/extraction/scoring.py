"""Score predicted triplets against the gold triplets of each document: counts, metrics, errors.

Everything is computed from **counts per scored item**, where an item is one directed pair of a
document that is gold or predicted (a name that aligns to no actor stays a pair of its own). The
counts of an item are :data:`COUNT_FIELDS`; a document's counts are the sums over its items, and
every metric is a ratio of summed counts (:func:`metrics_from_counts`, vectorised) — so the point
estimate, the bootstrap resamples and the hand-computed test values use one definition.

Definitions (pooled over all documents of the split, never averaged per document):

* **pair** precision/recall/F1 — directed pairs, any label: a predicted pair is right when the
  gold has that source→target pair with any label;
* **triplet** precision/recall/F1 — pair and label;
* **per label** precision/recall/F1 — the triplets of that label;
* ``f1_pn`` — mean of F1(positive) and F1(negative) over triplets (the RuSentRel convention;
  a label absent from both gold and predictions is left out of the mean);
* ``direction_swap_rate`` — among gold pairs A→B whose reverse B→A is not also gold, the share
  predicted only as B→A.

Ratios with a zero denominator are undefined (``nan``), never 0 or 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from actorstance.extraction.alignment import Aligner, Alignment
from actorstance.labels import POLAR_LABELS, STANCE_LABELS

#: Count fields of an item, in array order.
COUNT_FIELDS: tuple[str, ...] = (
    "pair_tp", "pair_fp", "pair_fn", "triplet_tp", "triplet_fp", "triplet_fn",
    *(f"{label}_{kind}" for label in STANCE_LABELS for kind in ("tp", "fp", "fn")),
    "swapped", "swap_eligible",
)
_AT = {name: i for i, name in enumerate(COUNT_FIELDS)}

#: Metrics in report order. ``*_rate`` is an error rate (lower is better); the rest higher-is-better.
METRIC_NAMES: tuple[str, ...] = (
    "f1_pn", "triplet_f1", "triplet_precision", "triplet_recall",
    "pair_f1", "pair_precision", "pair_recall", "direction_swap_rate",
)

#: Kinds of error, in report order: predicted triplets that are wrong, then gold pairs never predicted.
ERROR_KINDS: tuple[str, ...] = ("wrong label", "reversed direction", "spurious pair", "unaligned actor",
                                "self pair", "missed pair")

Key = tuple[str, str]  # (source, target) after alignment; an unaligned name is "?" + its key


@dataclass(frozen=True)
class DocumentScore:
    """One document, scored: its items' counts, the alignment of each predicted name, its errors."""

    doc_id: str
    items: dict[Key, np.ndarray]
    alignments: tuple[Alignment, ...]
    errors: Counter
    collapsed: int  # predicted triplets that repeated another after alignment (counted once)

    def counts(self) -> np.ndarray:
        total = np.zeros(len(COUNT_FIELDS), dtype=np.int64)
        for value in self.items.values():
            total += value
        return total


def score_document(doc_id: str, gold: Iterable[tuple[str, str, str]], predicted: Sequence[tuple[str, str, str]],
                   aligner: Aligner) -> DocumentScore:
    """Align ``predicted`` (names as written) and count it against ``gold`` (actor ids)."""
    alignments = {name: aligner.align(name) for name in sorted({n for s, t, _ in predicted for n in (s, t)})}

    def resolved(name: str) -> str:
        a = alignments[name]
        return a.actor_id if a.actor_id is not None else "?" + a.key

    triplets = [(resolved(s), resolved(t), label) for s, t, label in predicted]
    pred = set(triplets)
    gold = set(gold)
    gold_pairs = {(s, t) for s, t, _ in gold}
    pred_pairs = {(s, t) for s, t, _ in pred}
    items: dict[Key, np.ndarray] = {}
    for pair in sorted(gold_pairs | pred_pairs):
        g = {label for s, t, label in gold if (s, t) == pair}
        p = {label for s, t, label in pred if (s, t) == pair}
        c = np.zeros(len(COUNT_FIELDS), dtype=np.int64)
        c[_AT["pair_tp"]], c[_AT["pair_fp"]], c[_AT["pair_fn"]] = bool(g and p), bool(p and not g), bool(g and not p)
        c[_AT["triplet_tp"]], c[_AT["triplet_fp"]], c[_AT["triplet_fn"]] = len(g & p), len(p - g), len(g - p)
        for label in STANCE_LABELS:
            c[_AT[f"{label}_tp"]] = label in g and label in p
            c[_AT[f"{label}_fp"]] = label in p and label not in g
            c[_AT[f"{label}_fn"]] = label in g and label not in p
        reverse = (pair[1], pair[0])
        if g and reverse not in gold_pairs:
            c[_AT["swap_eligible"]] = 1
            c[_AT["swapped"]] = not p and reverse in pred_pairs
        items[pair] = c
    errors: Counter = Counter()
    for s, t, label in sorted(pred - gold):
        if s.startswith("?") or t.startswith("?"):
            errors["unaligned actor"] += 1
        elif s == t:
            errors["self pair"] += 1
        elif (s, t) in gold_pairs:
            errors["wrong label"] += 1
        elif (t, s) in gold_pairs:
            errors["reversed direction"] += 1
        else:
            errors["spurious pair"] += 1
    errors["missed pair"] += sum(1 for s, t in gold_pairs if (s, t) not in pred_pairs and (t, s) not in pred_pairs)
    return DocumentScore(doc_id, items, tuple(alignments[n] for n in sorted(alignments)), errors,
                         len(triplets) - len(pred))


def metrics_from_counts(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Every metric of :data:`METRIC_NAMES` (and per-label ``{label}_precision/_recall/_f1``) from
    summed counts of shape ``(..., len(COUNT_FIELDS))``; ``nan`` where undefined."""
    counts = np.asarray(counts, dtype=np.float64)
    get = lambda name: counts[..., _AT[name]]  # noqa: E731
    out: dict[str, np.ndarray] = {}
    for prefix in ("pair", "triplet", *STANCE_LABELS):
        tp, fp, fn = get(f"{prefix}_tp"), get(f"{prefix}_fp"), get(f"{prefix}_fn")
        out[f"{prefix}_precision"] = _ratio(tp, tp + fp)
        out[f"{prefix}_recall"] = _ratio(tp, tp + fn)
        out[f"{prefix}_f1"] = _ratio(2 * tp, 2 * tp + fp + fn)
    polar = np.stack([out[f"{label}_f1"] for label in POLAR_LABELS], axis=-1)
    defined = ~np.isnan(polar)
    n = defined.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["f1_pn"] = np.where(n > 0, np.where(defined, polar, 0.0).sum(axis=-1) / np.maximum(n, 1), np.nan)
    out["direction_swap_rate"] = _ratio(get("swapped"), get("swap_eligible"))
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def scored_items(documents: Sequence[DocumentScore], extra_keys: Sequence[set[Key]] | None = None
                 ) -> tuple[np.ndarray, list[str]]:
    """Counts of every item of every document, shape ``(n_items, len(COUNT_FIELDS))``, and each
    item's ``doc_id`` (the bootstrap's groups). A document without items contributes one item of
    zeros, so that it is still drawn. ``extra_keys`` (per document) adds zero items for pairs
    another model predicted, so that two models' items are the same (a paired bootstrap)."""
    rows, groups = [], []
    for i, doc in enumerate(documents):
        keys = set(doc.items) | (extra_keys[i] if extra_keys is not None else set())
        zero = np.zeros(len(COUNT_FIELDS), dtype=np.int64)
        for key in sorted(keys) or [("", "")]:
            rows.append(doc.items.get(key, zero))
            groups.append(doc.doc_id)
    return np.array(rows, dtype=np.int64).reshape(len(rows), len(COUNT_FIELDS)), groups


def resampled_counts(item_counts: np.ndarray, groups: Sequence[str], *, n_resamples: int, seed: int):
    """Summed counts of every bootstrap resample, shape ``(n_resamples, len(COUNT_FIELDS))``.

    The draws are :class:`actorstance.bootstrap.Resampling`'s: documents, or items (pairs) when
    the split has a single document. Returns ``(resampling, counts)``.
    """
    from actorstance.bootstrap import Resampling

    resampling = Resampling.plan(groups, n_resamples=n_resamples, seed=seed)
    per_unit = np.zeros((resampling.n_units, item_counts.shape[1]), dtype=np.float64)
    np.add.at(per_unit, resampling.unit_of_pair, item_counts)
    blocks = [weights @ per_unit for weights in resampling.weights()]
    counts = np.concatenate(blocks) if blocks else np.zeros((0, item_counts.shape[1]))
    return resampling, counts
