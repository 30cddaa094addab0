"""The typed benchmark result (``results.json``): computed once by
:func:`~actorstance.reports.benchmark.run_benchmark`, then rendered — never recomputed.

Each model's score is an :class:`~actorstance.evaluation.results.EvaluationResult`, exactly as
``actorstance evaluate --output`` writes it. Around those results the benchmark adds what only a
comparison of several models on the same pairs can give: per-class F1 intervals, paired
comparisons with a reference model over the same bootstrap resamples (the best row-level model:
:mod:`actorstance.reports.reference`), each with its signed verdict, and the per-pair predictions
(for the stance network and the error table). JSON output has sorted keys; with
``SOURCE_DATE_EPOCH`` set, two runs with the same inputs are byte-identical.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from actorstance.columns import COLUMN_TABLE, PYTHON_TYPES, columns
from actorstance.errors import ActorstanceError, InputError
from actorstance.inputs import read_json
from actorstance.evaluation.results import EvaluationResult
from actorstance.extraction.results import ExtractionResult
from actorstance.problems import MAX_PROBLEMS, validation_problems

#: Version of the benchmark result format; bump the major part when a field changes meaning.
#: 2.0: models are compared with a ``reference`` (the best row-level model in the pair task, never a
#: transductive one when a row-level model ran), not with ``best``; the boolean ``tied_with_best``
#: became the signed ``verdict`` (worse / not distinguishable / better); ``Comparison.best_value``
#: became ``reference_value`` and names its ``reference``. Evaluation results inside are
#: :data:`~actorstance.evaluation.results.RESULTS_SCHEMA_VERSION` 1.1.
BENCHMARK_SCHEMA_VERSION = "2.0"

#: Outcome of a model's comparison with the reference (:func:`actorstance.reports.reference.verdict`).
Verdict = Literal["reference", "worse", "not distinguishable", "better"]


class _Frozen(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Interval(_Frozen):
    """A percentile interval (``null`` ends without resamples, or when always undefined)."""

    ci_low: float | None
    ci_high: float | None
    undefined_resamples: int = Field(ge=0, description="Resamples on which the value was undefined; left out.")


class Comparison(_Frozen):
    """``metric(model) - metric(reference)`` over the same bootstrap resamples (a paired bootstrap)."""

    metric: str
    reference: str = Field(description="Name of the model compared with (the dataset's `reference`).")
    value: float | None = Field(description="The model's point estimate.")
    reference_value: float | None = Field(description="The reference model's point estimate.")
    difference: float | None = Field(description="value - reference_value; null when either is undefined.")
    ci_low: float | None
    ci_high: float | None
    p_value: float | None = Field(description="Two-sided bootstrap p-value of a zero difference.")
    p_holm: float | None = Field(
        default=None, description="p_value Holm-adjusted over the models compared with the reference on this metric "
                                  "(one family per metric and dataset).")
    undefined_resamples: int = Field(ge=0)


class Reference(_Frozen):
    """The model every other model of a benchmark is compared with, and why that one."""

    name: str
    rule: Literal["best-row-level", "best-transductive", "best"] = Field(
        description="best-row-level: the best model whose answer for a pair depends on that pair alone (also the "
                    "reference of transductive models); best-transductive: no row-level model ran; best: the "
                    "extraction task, where every model reads whole documents.")
    why: str = Field(description="The rule in words, as the report states it.")


_VERDICT_DESCRIPTION = (
    "reference: the model compared with; worse / better: the Holm-adjusted two-sided p-value of its f1_pn difference "
    "is below 0.05, by the sign of the difference; not distinguishable: otherwise (or undefined, e.g. without "
    "resamples).")


class ModelEntry(_Frozen):
    """One model of the benchmark: how it was given, its result, and how it compares with the best."""

    name: str = Field(description="Unique within a dataset: the --model spec, or NAME of --predictions NAME=FILE.")
    source: Literal["baseline", "model", "predictions"]
    result: EvaluationResult = Field(description="Exactly what `actorstance evaluate --output` writes.")
    per_class_f1: dict[str, Interval] = Field(description="Bootstrap interval of each label's F1, by label.")
    comparisons: dict[str, Comparison] = Field(
        description="By metric, this model minus the reference; empty for the reference itself.")
    verdict: Verdict = Field(description=_VERDICT_DESCRIPTION)
    predictions: list[str | None] = Field(description="Predicted label of each pair, in the order of `pairs`.")
    samples: list[dict] | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="An openai: model's per-sample log records (sorted by id), rendered as SLUG/samples-NAME.jsonl; "
                    "absent for other models.")


#: Columns of a scored pair that a report keeps: the ``pair`` columns of the column table.
PAIR_INFO_COLUMNS: tuple[str, ...] = columns("pair")

#: A scored pair: enough to draw the stance network and list errors (no text): the ``pair``
#: columns of :data:`actorstance.columns.COLUMN_TABLE`, then the gold label.
PairInfo = create_model(
    "PairInfo", __base__=_Frozen, __module__=__name__,
    __doc__="A scored pair: enough to draw the stance network and list errors (no text).",
    **{c.name: (PYTHON_TYPES[c.type], ...) for c in COLUMN_TABLE if c.name in PAIR_INFO_COLUMNS},
    gold=(str, ...))


class DatasetBenchmark(_Frozen):
    """Every model on one split of one dataset, scored over the same pairs and resamples."""

    slug: str = Field(description="Folder of this dataset's plots and networks inside the output folder.")
    path: str
    config: str
    split: str
    version: str | None
    n: int = Field(ge=1)
    n_documents: int = Field(ge=1)
    labels: list[str]
    best: str = Field(description="Highest f1_pn of all models, transductive ones included (ties: macro_f1, "
                                  "accuracy, then name); its predictions are drawn as the stance network.")
    reference: Reference = Field(description="The model the others are compared with: the best row-level one.")
    models: list[ModelEntry] = Field(description="Sorted by rank (best first).")
    pairs: list[PairInfo]

    def model(self, name: str) -> ModelEntry:
        """The entry of the model called ``name``."""
        return next(m for m in self.models if m.name == name)

    @property
    def best_model(self) -> ModelEntry:
        return self.model(self.best)

    @property
    def reference_model(self) -> ModelEntry:
        return self.model(self.reference.name)


class ExtractionEntry(_Frozen):
    """One extraction model of a benchmark: its result and how it compares with the best."""

    name: str
    source: Literal["baseline", "model", "predictions"]
    result: ExtractionResult = Field(description="Exactly what `actorstance evaluate --task extraction --output` writes.")
    comparisons: dict[str, Comparison] = Field(description="By metric, this model minus the reference (paired "
                                                           "bootstrap over documents); empty for the reference.")
    verdict: Verdict = Field(description=_VERDICT_DESCRIPTION)


class NotRun(_Frozen):
    """A registered baseline that could not be run honestly on this split, and why."""

    name: str
    reason: str


class ExtractionBenchmark(_Frozen):
    """Every extraction model on one documents split in one setting, over the same documents and resamples."""

    path: str
    split: str
    setting: Literal["raw", "oracle-actors"]
    version: str | None
    n_documents: int = Field(ge=1)
    gold_triplets: int = Field(ge=0)
    best: str | None = Field(description="Highest f1_pn (ties: triplet_f1, pair_f1, then name); null when no model ran.")
    reference: Reference | None = Field(description="The model the others are compared with (the best); null when "
                                                    "no model ran.")
    models: list[ExtractionEntry] = Field(description="Sorted by rank (best first).")
    not_run: list[NotRun]


class BenchmarkSettings(_Frozen):
    n_resamples: int = Field(ge=0)
    seed: int
    confidence: float
    ranking_metric: Literal["f1_pn"] = "f1_pn"
    task: Literal["pairs", "extraction"] = Field(
        default="pairs", description="pairs: the pair task (plus an extraction section); extraction: extraction only.")


class BenchmarkResult(_Frozen):
    """What ``actorstance benchmark`` writes as ``results.json``."""

    schema_version: Literal[BENCHMARK_SCHEMA_VERSION] = BENCHMARK_SCHEMA_VERSION
    created: str = Field(description="UTC time of the run, ISO 8601; SOURCE_DATE_EPOCH fixes it.")
    settings: BenchmarkSettings
    datasets: list[DatasetBenchmark]
    extraction: list[ExtractionBenchmark] = Field(
        default_factory=list, description="The extraction task on each dataset's documents split, by setting.")
    rendered_with: dict[str, str] = Field(description="Versions of matplotlib and networkx (plots, network files).")

    def to_json(self) -> str:
        from actorstance.jsonl import dumps_pretty

        return dumps_pretty(self.model_dump(mode="json"))

    def write(self, path: str | Path) -> None:
        from actorstance.atomic import write_bytes_atomic

        write_bytes_atomic(path, self.to_json().encode("utf-8"))

    @classmethod
    def read(cls, path: str | Path) -> "BenchmarkResult":
        """Read a ``results.json`` written by :meth:`write` (or by hand, for tests and re-rendering)."""
        from pydantic import ValidationError

        fix = "pass the results.json written by `actorstance benchmark`"
        data = read_json(path, what="benchmark result", fix=fix)
        found = data.get("schema_version") if isinstance(data, dict) else None
        if isinstance(found, str) and found.split(".")[0] != BENCHMARK_SCHEMA_VERSION.split(".")[0]:
            raise ActorstanceError(f"{path}: a benchmark result of schema version {found}; this actorstance reads "
                             f"{BENCHMARK_SCHEMA_VERSION} (since 2.0 models are compared with a row-level reference and "
                             "get a signed verdict instead of tied_with_best). Fix: rerun `actorstance benchmark` to "
                             "write it again")
        try:
            return cls.model_validate(data, strict=False)
        except ValidationError as err:
            raise InputError(validation_problems(str(path), err, fix=fix)[:MAX_PROBLEMS]) from None
