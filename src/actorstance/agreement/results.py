"""What ``actorstance agree`` measured, as typed data: computed once, rendered by ``render``.

:class:`AgreementSummary` is ``agreement.json`` (figures and the per-document table; no text of
the articles), which a dataset build reads to put the figures on the card.
:class:`AgreementResult` adds the disagreements (with their evidence text) for adjudication.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from actorstance.errors import AgreementError

FORMAT = "actorstance-agreement/1"

Coefficient = Literal["cohen_kappa", "krippendorff_alpha"]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PairIdentification(_Strict):
    """F1 between annotators over directed pairs, pooled over annotator pairs and shared documents:
    ``2 * both / marked``."""

    both: int = Field(description="Pairs both annotators of an annotator pair marked, summed over annotator pairs "
                                  "and documents.")
    marked: int = Field(description="Pairs each annotator marked (|A| + |B|), summed likewise.")
    f1: float | None = Field(description="2 * both / marked; null when no annotator marked any pair.")


class LabelAgreement(_Strict):
    """Agreement on a value (the label, or the explicit flag) of the pairs marked by at least two
    annotators."""

    items: int = Field(description="Pairs marked by at least two of the annotators who have the document.")
    comparisons: int = Field(description="Annotator pairs compared on those pairs.")
    agreeing: int = Field(description="Comparisons in which both gave the same value.")
    observed: float | None = Field(description="agreeing / comparisons; null without comparisons.")
    coefficient: Coefficient = Field(description="Cohen's kappa for two folders, Krippendorff's alpha (nominal) for "
                                                 "more.")
    value: float | None = Field(description="The chance-corrected coefficient; null when undefined (e.g. every "
                                            "annotator used one and the same value).")


class AnnotatorPair(_Strict):
    """Pair identification between two folders over the documents both have."""

    a: str
    b: str
    documents: int
    pairs_a: int
    pairs_b: int
    both: int
    f1: float | None


class DocumentAgreement(_Strict):
    """One row of the per-document table."""

    doc_id: str
    folders: tuple[str, ...] = Field(description="The folders that have the document.")
    pairs: tuple[int, ...] = Field(description="Pairs each of those folders marked, in the same order.")
    shared: int = Field(description="Pairs marked by at least two of them.")
    pair_f1: float | None
    label_observed: float | None
    explicit_observed: float | None


class AgreementSummary(_Strict):
    """``agreement.json``: the figures of an agreement study."""

    format: Literal["actorstance-agreement/1"]
    folders: tuple[str, ...] = Field(min_length=2, description="The compared folders, one per annotator.")
    documents: int = Field(description="Documents that at least two folders have (the compared ones).")
    unshared: tuple[str, ...] = Field(description="Doc ids only one folder has: not compared.")
    pairs: PairIdentification
    annotator_pairs: tuple[AnnotatorPair, ...]
    labels: LabelAgreement
    explicit: LabelAgreement
    per_document: tuple[DocumentAgreement, ...]

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(d.doc_id for d in self.per_document)


class Marked(_Strict):
    """How one annotator marked a pair."""

    label: str
    explicit: bool
    stance_id: str
    evidence: tuple[str, ...]


class Disagreement(_Strict):
    """A pair the annotators of a document did not mark alike: ``pair`` (not every one marked it),
    ``label`` or ``explicit``. ``annotations`` has one entry per folder that has the document
    (null: that folder did not mark the pair)."""

    doc_id: str
    source: str
    target: str
    scope: tuple[int, int] | None
    kind: Literal["pair", "label", "explicit"]
    annotations: dict[str, Marked | None]


@dataclass(frozen=True)
class AgreementResult:
    """The summary plus every disagreement, sorted by document, source, target and scope."""

    summary: AgreementSummary
    disagreements: tuple[Disagreement, ...]


def read_agreement(path: str | Path) -> AgreementSummary:
    """Read an ``agreement.json`` strictly; :class:`~actorstance.errors.AgreementError` names the field."""
    from actorstance.inputs import parse_json, read_bytes
    from actorstance.problems import validation_problems

    path = Path(path)
    fix = "write it with `actorstance agree DIR_A DIR_B --output FOLDER`, do not edit it by hand"
    data = read_bytes(path, what="agreement file", fix=fix, error=AgreementError)
    parse_json(data, str(path), error=AgreementError)  # limits, encoding, duplicate keys
    try:
        return AgreementSummary.model_validate_json(data)  # JSON mode: arrays are the model's tuples
    except ValidationError as err:
        raise AgreementError(validation_problems(str(path), err, fix=fix)) from None
