"""actorstance: directed political-actor stance — who is for or against whom in the news.

The names users call are importable from here (like ``sklearn.metrics``; the submodules they
live in may move)::

    from actorstance import load_split, evaluate, f1_pn_score, make_baseline

They are loaded on first use, so ``import actorstance`` (and ``actorstance --help``) imports
neither datasets nor scikit-learn.

The package reads top-down as the pipeline it implements::

    labels, schema        the label set and the canonical annotation model (one source of truth)
    columns               the column table of a pair row
    annotations           loading + validating annotation files against their texts
    segment, context,     paragraphs; candidate policy and label-independent contexts;
      convert             -> stance pairs
    importers/            other corpora -> canonical annotations (one module per format)
    dataset/              stance pairs -> Hugging Face dataset folder (parquet + card)
    models/               the model protocol, registry and baselines
    metrics, evaluation/  scores with bootstrap confidence intervals, typed results
    reports/              Markdown, JSON, plots and networks rendered from results
    cli/                  thin click commands over all of the above

Example
-------
>>> import actorstance
>>> actorstance.f1_pn_score(["positive", "negative"], ["positive", "positive"])
0.3333333333333333
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: public name → the module that defines it
_EXPORTS: dict[str, str] = {
    # a dataset split
    "load_split": "actorstance.dataset.load",
    # scoring
    "evaluate": "actorstance.evaluation.evaluate",
    "predict": "actorstance.evaluation.evaluate",
    "EvaluationResult": "actorstance.evaluation.results",
    # metrics
    "f1_pn_score": "actorstance.metrics",
    "macro_f1_score": "actorstance.metrics",
    "accuracy_score": "actorstance.metrics",
    "per_class_scores": "actorstance.metrics",
    # models
    "StanceModel": "actorstance.models.protocol",
    "BASELINES": "actorstance.models.registry",
    "make_baseline": "actorstance.models.registry",
    # errors
    "ActorstanceError": "actorstance.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'actorstance' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
