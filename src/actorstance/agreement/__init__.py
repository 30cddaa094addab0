"""Inter-annotator agreement between annotation folders, one folder per annotator.

``measure_agreement(folders)`` compares the documents the folders share and returns an
:class:`AgreementResult`: pair identification (F1 between annotators over the directed pairs each
marked) apart from label agreement on the pairs both marked (Cohen's κ for two folders,
Krippendorff's α for more), explicit/implied agreement, a per-document table and the
disagreements for adjudication. ``render`` turns the result into Markdown and JSON lines.

>>> result = measure_agreement(["ann/alice", "ann/bob"])  # doctest: +SKIP
>>> result.pairs.f1, result.labels.coefficient  # doctest: +SKIP
"""

from actorstance.agreement.measure import measure_agreement
from actorstance.agreement.results import AgreementResult, read_agreement

__all__ = ["AgreementResult", "measure_agreement", "read_agreement"]
