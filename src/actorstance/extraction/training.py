"""How an extraction model is trained before it is scored, stated in every result.

The pair task's protocol (:mod:`actorstance.models.training`) at the level of documents:

* ``none`` — the model needs no training (``requires_fit = False``): ``fit(X, None)`` sees the
  evaluated documents' inputs, never their triplets;
* ``train-split`` / ``external`` — fit on the dataset's ``documents`` train split (or ``--train``
  data), predict the evaluated documents;
* ``grouped-cv`` — k-fold cross-validation over the evaluated documents (k = min(5, documents),
  seeded), so no document is both trained on and scored.

A model that needs training, scored on a split of one document with no training data, cannot be
trained honestly: that is an error (:class:`~actorstance.errors.ModelError`), never a fit on the
scored document.
"""

from __future__ import annotations

from typing import Any, Sequence

from actorstance.errors import ModelError
from actorstance.models.guard import calling, guarded_clone, guarded_fit
from actorstance.models.training import TrainingProtocol, requires_fit
from actorstance.plural import plural

N_SPLITS = 5


def run_extraction_protocol(estimator, eval_inputs: Sequence[dict], *, eval_targets: Sequence[list] | None,
                            train_inputs: Sequence[dict] | None = None, train_targets: Sequence[list] | None = None,
                            train_source: str | None = None, random_state: int | None = 0, who: str = "the model"
                            ) -> tuple[list[Any], TrainingProtocol]:
    """Train ``estimator`` by the applicable protocol and return its raw ``predict`` output for
    every evaluated document (checked by the caller) and the protocol."""
    eval_inputs = list(eval_inputs)
    if not requires_fit(estimator):
        model = guarded_fit(guarded_clone(estimator), eval_inputs, None)
        return _predict(model, eval_inputs, who), TrainingProtocol(
            kind="none", description="No training: the model is rule-based or already trained; its fit sees no gold "
            "triplets.", n_folds=None, n_train=None, train_source=None)
    if train_inputs is not None and len(train_inputs):
        model = guarded_fit(guarded_clone(estimator), list(train_inputs), list(train_targets or []))
        n = len(train_inputs)
        noun = "document" if n == 1 else "documents"
        if train_source:
            return _predict(model, eval_inputs, who), TrainingProtocol(
                kind="external", description=f"Trained on {train_source} ({n} {noun}); scored on the evaluated "
                "split (transfer).", n_folds=None, n_train=n, train_source=train_source)
        return _predict(model, eval_inputs, who), TrainingProtocol(
            kind="train-split", description=f"Trained on the dataset's train split ({n} {noun}); scored on the "
            "evaluated split.", n_folds=None, n_train=n, train_source=None)
    n_docs = len(eval_inputs)
    if n_docs < 2 or eval_targets is None:
        raise ModelError(f"{who} needs training data, and the evaluated split has "
                         f"{plural(n_docs, 'document')} and the dataset no train split: cross-validation over "
                         "documents needs at least 2. Fix: pass --train DATASET[:documents:SPLIT], or evaluate a "
                         "dataset with a train split")
    from sklearn.model_selection import KFold

    k = min(N_SPLITS, n_docs)
    outputs: list[Any] = [None] * n_docs
    for train_idx, test_idx in KFold(n_splits=k, shuffle=True, random_state=random_state).split(eval_inputs):
        model = guarded_fit(guarded_clone(estimator), [eval_inputs[i] for i in train_idx],
                            [eval_targets[i] for i in train_idx])
        for i, out in zip(test_idx, _predict(model, [eval_inputs[i] for i in test_idx], who)):
            outputs[i] = out
    return outputs, TrainingProtocol(
        kind="grouped-cv", description=f"{k}-fold cross-validation over the evaluated split's {n_docs} documents, "
        "so no document is both trained on and scored.", n_folds=k, n_train=None, train_source=None)


def _predict(model, inputs: list, who: str) -> list:
    """``model.predict`` under the guard of user models; the stances themselves are checked by the caller."""
    with calling(model, "predict"):
        out = model.predict(inputs)
        if out is None or isinstance(out, (str, bytes, dict)) or not hasattr(out, "__iter__"):
            raise ModelError(f"{who}: predict() returned {'None' if out is None else 'a ' + type(out).__name__}, "
                             "not one list of stances per document. Fix: return a list with one list of "
                             "{\"source\", \"target\", \"label\"} dicts per document")
        out = list(out)
    if len(out) != len(inputs):
        raise ModelError(f"{who}: predict() returned {len(out)} stance lists for {len(inputs)} documents. "
                         "Fix: return exactly one list (possibly empty) per document, in document order")
    return out
