"""The baselines by name: ``--model baseline:NAME`` resolves through :data:`BASELINES`.

Each entry is a factory taking keyword arguments (``random_state`` and the estimator's own
parameters, ``step__param`` names for pipelines) and returning an unfitted scikit-learn
estimator. Factories import their module on call, so importing the registry stays cheap.

>>> sorted(BASELINES)
['cue-stack', 'cue-stack-document', 'lexicon', 'majority', 'pair-prior', 'stratified', 'tfidf-lr']
>>> BASELINES["majority"](random_state=0).get_params()["strategy"]
'prior'
"""

from __future__ import annotations

from typing import Any, Callable

from actorstance.errors import ModelSpecError


def make_baseline(name: str, **params) -> Any:
    """An unfitted baseline by name (what ``--model baseline:NAME`` runs).

    Parameters
    ----------
    name : str
        A key of :data:`BASELINES`: ``majority``, ``stratified``, ``pair-prior``, ``lexicon``,
        ``cue-stack`` or ``tfidf-lr``.
    **params
        ``random_state`` and the estimator's own parameters (``step__param`` for pipelines).

    Returns
    -------
    estimator
        An unfitted scikit-learn estimator following :class:`~actorstance.models.protocol.StanceModel`.

    Raises
    ------
    ModelSpecError
        For an unknown name or a parameter the estimator does not take.

    Example
    -------
    >>> make_baseline("tfidf-lr", random_state=1, clf__C=2.0).get_params()["clf__C"]
    2.0
    >>> model = make_baseline("majority").fit([{}, {}, {}], ["neutral", "neutral", "positive"])
    >>> list(model.predict([{}]))
    ['neutral']
    """
    if name not in BASELINES:
        raise ModelSpecError(f"baseline:{name}: no such baseline. Fix: use one of {', '.join(sorted(BASELINES))}")
    try:
        return BASELINES[name](**params)
    except (TypeError, ValueError) as err:
        message = " ".join(str(err).split()).rstrip(".")
        raise ModelSpecError(f"baseline:{name}: {message}. Fix: pass only the estimator's parameters "
                             "(the keys of its get_params())") from None


def majority(**params) -> Any:
    """Most frequent training label (scikit-learn DummyClassifier, strategy "prior")."""
    from actorstance.models.baselines.dummy import majority as make

    return make(**params)


def stratified(**params) -> Any:
    """Random labels drawn with the training label distribution, seeded (DummyClassifier)."""
    from actorstance.models.baselines.dummy import stratified as make

    return make(**params)


def pair_prior(**params) -> Any:
    """Memorised label of the (source, target) pair, else the target's prior, else the majority; reads no text."""
    from actorstance.models.baselines.pair_prior import pair_prior as make

    return make(**params)


def lexicon(**params) -> Any:
    """Stance cue words between the source and target mentions, with negation; no training."""
    from actorstance.models.baselines.lexicon import lexicon as make

    return make(**params)


def cue_stack(**params) -> Any:
    """Polarity cues, regions and n-grams around the pair, logistic regression; row-level."""
    from actorstance.models.baselines.cue_stack import cue_stack as make

    return make(**params)


def cue_stack_document(**params) -> Any:
    """cue-stack, then agreement of a pair's rows within a document; transductive (pools a document's rows)."""
    from actorstance.models.baselines.cue_stack import cue_stack_document as make

    return make(**params)


def tfidf_lr(**params) -> Any:
    """Word and character TF-IDF of the context with actors masked, balanced logistic regression."""
    from actorstance.models.baselines.tfidf import tfidf_lr as make

    return make(**params)


#: baseline name → factory of an unfitted estimator.
BASELINES: dict[str, Callable[..., Any]] = {
    "majority": majority,
    "stratified": stratified,
    "pair-prior": pair_prior,
    "lexicon": lexicon,
    "tfidf-lr": tfidf_lr,
    "cue-stack": cue_stack,
    "cue-stack-document": cue_stack_document,
}


def baseline_summaries() -> dict[str, str]:
    """One line per baseline (its factory's docstring), for help texts and error messages."""
    return {name: (factory.__doc__ or "").strip().splitlines()[0] for name, factory in BASELINES.items()}
