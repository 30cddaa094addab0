"""How a model is trained before it is scored — the training protocol stated in every result.

:func:`run_protocol` picks, in order:

* ``none`` — the model needs no training (``requires_fit = False``, e.g. the lexicon): ``fit``
  only records the label set, then it predicts the evaluated pairs;
* ``train-split`` / ``external`` — training rows were given (the dataset's train split, or another
  dataset named by ``--train DATASET[:CONFIG:SPLIT]``): fit on them, predict the evaluated pairs;
* ``grouped-cv`` — cross-validation on the evaluated split, folds grouped by document
  (``StratifiedGroupKFold``, seeded), so no document is both trained on and scored;
* ``pair-cv`` — with fewer documents than folds, folds over pairs (``StratifiedKFold`` when every
  label has enough pairs, else ``KFold``); the description says the result is optimistic.

Every fold fits a fresh ``sklearn.base.clone``; no model is ever scored on a pair it was fitted on.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Literal, Sequence, get_args

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from actorstance.errors import ModelError, ModelSpecError, SingleClassWarning
from actorstance.models.guard import calling, guarded_clone, guarded_fit, guarded_predict
from actorstance.plural import plural

ProtocolKind = Literal["none", "train-split", "external", "grouped-cv", "pair-cv"]
PROTOCOL_KINDS: tuple[str, ...] = get_args(ProtocolKind)


class TrainingProtocol(BaseModel):
    """How a --model was trained before predicting: the `training` block of a result, shown in reports."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    kind: ProtocolKind
    description: str = Field(description="One sentence for reports.")
    n_folds: int | None = Field(description="Cross-validation folds (null without cross-validation).")
    n_train: int | None = Field(description="Training pairs (null for none and cross-validation).")
    train_source: str | None = Field(description="Where external training data came from.")

    def to_dict(self) -> dict:
        return self.model_dump()


def requires_fit(estimator) -> bool:
    """Whether ``estimator`` learns from training data.

    ``False`` when it declares ``requires_fit = False`` (its ``fit`` reads only the label set) or
    its scikit-learn tags say it needs no fit.
    """
    if getattr(estimator, "requires_fit", True) is False:
        return False
    if hasattr(estimator, "__sklearn_tags__"):
        from sklearn.utils import get_tags

        return bool(get_tags(estimator).requires_fit)
    return True


def run_protocol(estimator, eval_rows, *, train_rows=None, train_labels=None, eval_labels=None, groups=None,
                 n_splits: int = 5, random_state: int | None = 0, train_source: str | None = None,
                 labels: Sequence[str] | None = None) -> tuple[list[str | None], TrainingProtocol]:
    """Train ``estimator`` by the applicable protocol and predict every row of ``eval_rows``.

    ``train_source`` names external training data (kind ``external``); training rows without it
    are the dataset's own train split (kind ``train-split``). ``groups`` default to the rows'
    ``doc_id``. ``labels`` (the config's label set) is given to every model with an unset
    ``labels`` parameter, so its classes do not depend on which labels the split happens to hold.
    Returns the predictions (one per row, ``None`` = abstain) and the protocol.
    """
    eval_rows = list(eval_rows)
    n = len(eval_rows)
    if n == 0:
        raise ModelError("there are no pairs to predict. Fix: evaluate a split that has pairs")
    _check_labels(eval_labels, n, "eval_labels", "evaluated pairs")

    if not requires_fit(estimator):
        model = _with_labels(guarded_clone(estimator), labels)
        # never hand the scored pairs' gold labels to a model, even one that promises to read only the label set
        model = _fit(model, eval_rows, None)
        protocol = TrainingProtocol(kind="none", description="No training: the model is rule-based or already "
                                    "trained; its fit reads only the label set.", n_folds=None, n_train=None,
                                    train_source=None)
        return _predict(model, eval_rows), protocol

    if train_rows is not None:
        train_rows = list(train_rows)
        _check_labels(train_labels, len(train_rows), "train_labels", "training pairs", required=True)
        if not train_rows:
            raise ModelError("the training data has no pairs. Fix: train on a split with pairs, or omit the "
                             "training data to cross-validate on the evaluated split")
        model = _fit(_with_labels(guarded_clone(estimator), labels), train_rows, list(train_labels))
        note = _single_label_note(1, [train_labels])
        if train_source:
            protocol = TrainingProtocol(kind="external", description=f"Trained on {train_source} "
                                        f"({len(train_rows)} pairs); scored on the evaluated split (transfer).{note}",
                                        n_folds=None, n_train=len(train_rows), train_source=train_source)
        else:
            protocol = TrainingProtocol(kind="train-split", description=f"Trained on the dataset's train split "
                                        f"({len(train_rows)} pairs); scored on the evaluated split.{note}",
                                        n_folds=None, n_train=len(train_rows), train_source=None)
        return _predict(model, eval_rows), protocol

    return _cross_validate(estimator, eval_rows, eval_labels, groups, n_splits=n_splits, random_state=random_state,
                           labels=labels)


def _with_labels(model, labels):
    """Give the config's label set to a model with an unset ``labels`` parameter (the lexicon, an LLM)."""
    with calling(model, "get_params/set_params"):
        if labels is not None and hasattr(model, "get_params") and "labels" in model.get_params(deep=False) \
                and model.get_params(deep=False)["labels"] is None:
            model.set_params(labels=list(labels))
    return model


def _cross_validate(estimator, rows, eval_labels, groups, *, n_splits: int, random_state, labels=None):
    from sklearn.model_selection import KFold, StratifiedGroupKFold, StratifiedKFold

    n = len(rows)
    if eval_labels is None:
        raise ModelError("cross-validation needs the labels of the evaluated pairs, got none. Fix: evaluate a "
                         "labelled split, or give training data (the dataset's train split or --train)")
    if isinstance(n_splits, bool) or not isinstance(n_splits, (int, np.integer)) or n_splits < 2:
        raise ModelSpecError(f"The number of cross-validation folds must be an int >= 2. Got {n_splits!r} instead.")
    y = np.array([str(label) for label in eval_labels], dtype=object)
    if groups is None:
        missing = next((i for i, row in enumerate(rows) if "doc_id" not in row), None)
        if missing is not None:
            raise ModelError(f"row {missing} has no doc_id to group cross-validation folds by. "
                             "Fix: pass rows with the columns of MODEL_INPUT_COLUMNS, or pass groups")
        groups = [row["doc_id"] for row in rows]
    groups = np.array([str(g) for g in groups], dtype=object)
    if len(groups) != n:
        raise ModelError(f"got {len(groups)} groups for {n} evaluated pairs. Fix: pass one group per pair")
    n_docs = len(set(groups))
    if n_docs >= n_splits:
        k, kind = n_splits, "grouped-cv"
        splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=random_state)
        description = (f"{k}-fold cross-validation on the evaluated split, folds grouped by document "
                       f"({n_docs} documents), so no document is both trained on and scored.")
    else:
        k, kind = min(n_splits, n), "pair-cv"
        if k < 2:
            raise ModelError(f"cross-validation needs at least 2 pairs, got {n}. Fix: evaluate a larger split, "
                             "or give training data (the dataset's train split or --train)")
        stratify = min(Counter(y).values()) >= k
        splitter = (StratifiedKFold if stratify else KFold)(n_splits=k, shuffle=True, random_state=random_state)
        description = (f"{k}-fold cross-validation over pairs (the evaluated split has "
                       f"{plural(n_docs, 'document')}, fewer than {n_splits} folds); optimistic, because "
                       "pairs of one document share context and actors.")
    predictions: list[str | None] = [None] * n
    scored = np.zeros(n, dtype=bool)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class in y has only", category=UserWarning)
        folds = list(splitter.split(np.zeros((n, 1)), y, groups if kind == "grouped-cv" else None))
    folds = [(train_idx, test_idx) for train_idx, test_idx in folds if len(test_idx)]
    for train_idx, test_idx in folds:
        model = _fit(_with_labels(guarded_clone(estimator), labels), [rows[i] for i in train_idx],
                     list(y[train_idx]))
        for i, label in zip(test_idx, _predict(model, [rows[i] for i in test_idx])):
            predictions[i] = label
        scored[test_idx] = True
    assert scored.all(), "every pair is scored by exactly one fold"
    description += _single_label_note(len(folds), [y[train_idx] for train_idx, _ in folds])
    return predictions, TrainingProtocol(kind=kind, description=description, n_folds=k, n_train=None,
                                         train_source=None)


def _fit(model, rows: list, labels: list | None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SingleClassWarning)  # the description says so
        return guarded_fit(model, rows, labels)


def _single_label_note(n_fits: int, label_sets) -> str:
    """A sentence for the description when training pairs had a single label (``""`` otherwise)."""
    single = sum(len(set(labels)) == 1 for labels in label_sets)
    if not single:
        return ""
    if n_fits == 1:
        return " The training pairs all have one label, so the model can only predict that label."
    return (f" In {single} of {n_fits} folds the training pairs all have one label, so the model can only "
            "predict that label there.")


def _check_labels(labels, n: int, name: str, what: str, *, required: bool = False) -> None:
    if labels is None:
        if required:
            raise ModelError(f"{name} is missing: training needs one label per training pair. Fix: pass {name}")
        return
    if len(labels) != n:
        raise ModelError(f"{name} has {len(labels)} labels for {n} {what}. Fix: pass one label per pair")


def _predict(model, rows: list) -> list[str | None]:
    return [None if label is None else str(label) for label in guarded_predict(model, rows)]
