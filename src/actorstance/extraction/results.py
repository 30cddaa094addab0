"""The typed extraction result: computed once by :func:`~actorstance.extraction.evaluate.evaluate_extraction`,
then written as JSON, rendered as a table, or read back by reports — never recomputed.

It shares its building blocks with the pair task's :class:`~actorstance.evaluation.results.EvaluationResult`
(metric values with intervals, dataset fingerprint, model, training protocol, bootstrap) and adds
what only extraction has: the setting, the alignment of every predicted name, and error kinds.
``docs/extraction-results.schema.json`` is generated from :class:`ExtractionResult`.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from actorstance.evaluation.results import (BootstrapInfo, ClassRow, DatasetInfo, InferenceInfo, MetricValue,
                                            ModelInfo, ResultFile, _Frozen)
from actorstance.models.training import TrainingProtocol

#: MAJOR.MINOR, as :data:`~actorstance.evaluation.results.RESULTS_SCHEMA_VERSION`: 1.1 added the optional
#: ``inference`` and ``model.transductive``, ``model.module_sha256``, ``model.params``; 1.0 files are still read.
EXTRACTION_SCHEMA_VERSION = "1.1"
READABLE_EXTRACTION_VERSIONS = ("1.0", "1.1")

#: How to regenerate ``docs/extraction-results.schema.json``.
REGENERATE = ("python -c 'from actorstance.extraction.results import render_json_schema as r; "
              "print(r(), end=\"\")' > docs/extraction-results.schema.json")


class NameAlignment(_Frozen):
    """Where one predicted name of one document went."""

    doc_id: str
    name: str = Field(description="The name as the system wrote it.")
    key: str = Field(description="The name after normalisation (what was matched).")
    actor_id: str | None = Field(description="The gold actor it was aligned to; null when ambiguous or unmatched.")
    rule: Literal["id", "name", "alias", "mention", "surname", "ambiguous", "unmatched"]
    candidates: list[str] = Field(description="For an ambiguous name: the actors it could mean.")


class ExtractionResult(ResultFile):
    """One extraction evaluation: what was scored, by what, in which setting, and every metric with its interval."""

    describes: ClassVar[str] = "extraction result"
    written_by: ClassVar[str] = "actorstance evaluate --task extraction --output"

    schema_version: Literal[READABLE_EXTRACTION_VERSIONS] = Field(
        default=EXTRACTION_SCHEMA_VERSION, description=f"Written as {EXTRACTION_SCHEMA_VERSION}; 1.0 is still read.")
    task: Literal["extraction"] = "extraction"
    setting: Literal["raw", "oracle-actors"] = Field(
        description="raw: the system saw doc_id and text; oracle-actors: also the gold actors, aliases and mentions.")
    created: str = Field(description="UTC time of the evaluation, ISO 8601; SOURCE_DATE_EPOCH fixes it.")
    dataset: DatasetInfo
    model: ModelInfo
    training: TrainingProtocol | None = Field(description="Present when a --model was run.")
    inference: InferenceInfo | None = Field(
        default=None, description="How an openai: model answered (prompts, outcomes, accounting); null otherwise.")
    n_documents: int = Field(ge=1, description="Documents scored: every document of the split.")
    gold_triplets: int = Field(ge=0)
    predicted_triplets: int = Field(ge=0, description="Distinct predicted triplets after alignment.")
    gold_pairs: int = Field(ge=0)
    predicted_pairs: int = Field(ge=0)
    collapsed: int = Field(ge=0, description="Predicted triplets that repeated another after alignment "
                                             "(different names of one actor); counted once.")
    labels: list[str] = Field(description="The stance labels, in ClassLabel order.")
    metrics: dict[str, MetricValue]
    per_label: list[ClassRow] = Field(description="Triplet scores of each label (support: gold triplets).")
    counts: dict[str, int] = Field(description="Summed counts (true/false positives, false negatives...).")
    errors: dict[str, int] = Field(description="Wrong predicted triplets by kind, and gold pairs never predicted.")
    alignment_summary: dict[str, int] = Field(description="Distinct predicted names (per document) by alignment rule.")
    alignment: list[NameAlignment] = Field(description="The alignment of every predicted name, by document.")
    bootstrap: BootstrapInfo
    versions: dict[str, str]


def render_json_schema() -> str:
    from actorstance.json_schema import published_json_schema, render_published_schema

    return render_published_schema(published_json_schema(
        ExtractionResult, f"actorstance extraction result, schema version {EXTRACTION_SCHEMA_VERSION}"))
