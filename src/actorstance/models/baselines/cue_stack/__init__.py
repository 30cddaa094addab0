"""The ``cue-stack`` baselines: polarity cues, regions and n-grams around the pair (CPU-only).

Three modules, one job each:

* :mod:`~actorstance.models.baselines.cue_stack.resources` — the polarity word list (a TSV shipped
  in ``actorstance/resources``, plus the single-word cues of ``stance-lexicon-v1.json``);
* :mod:`~actorstance.models.baselines.cue_stack.features` — a row's four views and the sparse
  feature matrix built from them;
* :mod:`~actorstance.models.baselines.cue_stack.estimator` — ``cue-stack`` (row-level: a row's
  answer depends on that row alone) and ``cue-stack-document`` (``transductive = "document"``:
  a row's answer also reads the other rows of its pair in its document predicted with it).
"""

from actorstance.models.baselines.cue_stack.estimator import (
    CueStack, DocumentConsistentCueStack, consistency_features, cue_stack, cue_stack_document, row_pipeline,
)
from actorstance.models.baselines.cue_stack.features import PairViews, pair_view, units, view_features
from actorstance.models.baselines.cue_stack.resources import POLARITY_RESOURCE, inflections, load_polarity_lexicon

__all__ = ["CueStack", "DocumentConsistentCueStack", "POLARITY_RESOURCE", "PairViews", "consistency_features",
           "cue_stack", "cue_stack_document", "inflections", "load_polarity_lexicon", "pair_view", "row_pipeline",
           "units", "view_features"]
