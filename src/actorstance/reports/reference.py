"""Which model a benchmark compares the others with, and the signed verdict of each comparison.

Shared by the pair benchmark (:mod:`actorstance.reports.benchmark`) and the extraction benchmark
(:mod:`actorstance.reports.extraction_benchmark`), so both state comparisons by one rule:

* **The reference** is the best model that answers like the ones it is compared with. In the
  pair task that is the best *row-level* model (its answer for a pair depends on that pair alone):
  a ``transductive = "document"`` model reads the other pairs of its document, so its score is
  not a per-pair figure, and it never becomes the yardstick of per-pair models. A transductive
  model is compared with that same row-level reference: the question its Δ answers is whether
  pooling a document's pairs beats the best model that answers one pair at a time. Only when no
  row-level model ran is the best transductive model the reference. Every extraction model reads
  one whole document at a time, so there the reference is simply the best one.
* **The family**: each model's two-sided paired-bootstrap p-value
  (:func:`actorstance.bootstrap.two_sided_p_value`) is Holm-adjusted over the models compared with
  the reference, one family per metric.
* **The verdict** has a sign: ``worse`` or ``better`` when the Holm-adjusted p of Δ ``f1_pn`` is
  below :data:`ALPHA`, by the sign of Δ (a two-sided test, so a model can be found better as well
  as worse), otherwise ``not distinguishable`` (also when p is undefined, e.g. ``--bootstrap 0``).

>>> from actorstance.reports.results import Comparison
>>> c = Comparison(metric="f1_pn", reference="baseline:cue-stack", value=0.8, reference_value=0.7,
...                difference=0.1, ci_low=0.02, ci_high=0.18, p_value=0.004, undefined_resamples=0)
>>> verdict(holm_family({"mine": {"f1_pn": c}})["mine"]["f1_pn"])
'better'
"""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from actorstance.reports.results import Comparison, Reference, Verdict

#: A model differs from the reference when the Holm-adjusted p-value of its Δ f1_pn is below this.
ALPHA = 0.05
#: The metric whose comparison gives the verdict.
VERDICT_METRIC = "f1_pn"

ROW_LEVEL_WHY = ("the best row-level model (its answer for a pair depends on that pair alone): per-pair models are "
                 "compared with a per-pair model, and a transductive model (†) is compared with the same one, so its "
                 "Δ says whether pooling a document's pairs beats the best model that answers one pair at a time")
NO_ROW_LEVEL_WHY = ("no row-level model ran: the best transductive model, compared with the other transductive models "
                    "(scores of models that pool a document's pairs, not per-pair figures)")
EXTRACTION_WHY = ("the best extraction model: every extraction model reads one whole document at a time, so all are "
                  "compared with it like with like")

T = TypeVar("T")


def pick_reference(ranked: Sequence[T], *, name: Callable[[T], str], pooled: Callable[[T], bool]) -> Reference:
    """The :class:`Reference` of the pair task for models ``ranked`` best first: the first row-level one
    (``pooled`` false), else the first of all."""
    row_level = [m for m in ranked if not pooled(m)]
    if row_level:
        return Reference(name=name(row_level[0]), rule="best-row-level", why=ROW_LEVEL_WHY)
    return Reference(name=name(ranked[0]), rule="best-transductive", why=NO_ROW_LEVEL_WHY)


def holm_family(compared: dict[str, dict[str, Comparison]]) -> dict[str, dict[str, Comparison]]:
    """Each comparison's ``p_value`` Holm-adjusted (``p_holm``) over the models compared with the reference,
    one family per metric (the reference itself maps to ``{}`` and is not counted)."""
    from actorstance.bootstrap import holm_adjusted

    out = {name: dict(comparisons) for name, comparisons in compared.items()}
    for metric in sorted({m for comparisons in compared.values() for m in comparisons}):
        names = [name for name, comparisons in compared.items() if metric in comparisons]
        for name, p in zip(names, holm_adjusted([compared[name][metric].p_value for name in names])):
            out[name][metric] = compared[name][metric].model_copy(update={"p_holm": p})
    return out


def verdict(comparison: Comparison | None, *, alpha: float = ALPHA) -> Verdict:
    """``reference`` (no comparison: the reference itself), ``worse``, ``better`` or ``not distinguishable``."""
    if comparison is None:
        return "reference"
    p, difference = comparison.p_holm, comparison.difference
    if p is None or p >= alpha or not difference:
        return "not distinguishable"
    return "better" if difference > 0 else "worse"
