"""The typed evaluation result: computed once by :func:`~actorstance.evaluation.evaluate`,
then written as JSON, rendered as a table, or read back by reports — never recomputed.

``docs/results.schema.json`` is generated from :class:`EvaluationResult` (command in
:data:`REGENERATE`); a test fails when the two drift. JSON output has sorted keys, so two runs
with the same inputs and seed are byte-identical except ``created``; set ``SOURCE_DATE_EPOCH``
(seconds since 1970, UTC) to fix that too (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import math
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from actorstance.errors import ActorstanceError, OutputError, InputError
from actorstance.inputs import read_json
from actorstance.json_schema import published_json_schema, render_published_schema
from actorstance.models.training import TrainingProtocol
from actorstance.problems import MAX_PROBLEMS, validation_problems

#: Version of the result format, MAJOR.MINOR: the minor part goes up when an optional field is added
#: (files of an older minor version stay readable), the major part when a field changes meaning or
#: goes away. 1.1 added the optional ``inference`` (an ``openai:`` model's run), ``model.transductive``,
#: ``model.module_sha256``, ``model.params`` and ``versions["actorstance-source-sha256"]``.
RESULTS_SCHEMA_VERSION = "1.1"
#: The versions :meth:`ResultFile.read` accepts: this one and the older minor versions of its major.
READABLE_RESULTS_VERSIONS = ("1.0", "1.1")

#: How to regenerate ``docs/results.schema.json``.
REGENERATE = ("python -c 'from actorstance.evaluation.results import render_json_schema as r; "
              "print(r(), end=\"\")' > docs/results.schema.json")

Ratio = float | None


class _Frozen(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class MetricValue(_Frozen):
    """A metric's point estimate and its bootstrap percentile interval (``null`` where undefined)."""

    value: Ratio = Field(description="Point estimate on all pairs; null when undefined (no label to average).")
    ci_low: Ratio = Field(description="Lower end of the percentile interval; null without resamples.")
    ci_high: Ratio = Field(description="Upper end of the percentile interval; null without resamples.")
    labels: list[str] | None = Field(
        description="Labels averaged (those of the metric's label set that occur in the gold labels or "
                    "the predictions); null for accuracy.")
    undefined_resamples: int = Field(ge=0, description="Resamples on which the metric was undefined; left out of the interval.")


class ClassRow(_Frozen):
    """Scores of one label; a ratio is null when undefined (e.g. precision of a label never predicted)."""

    label: str
    precision: Ratio
    recall: Ratio
    f1: Ratio
    support: int = Field(ge=0, description="Gold pairs with this label.")
    predicted: int = Field(ge=0, description="Pairs predicted as this label.")


class Confusion(_Frozen):
    """Counts: ``matrix[i][j]`` pairs of gold ``labels[i]`` predicted ``labels[j]``; ``abstained[i]``
    pairs of gold ``labels[i]`` the model abstained on."""

    labels: list[str]
    matrix: list[list[int]]
    abstained: list[int]


class DatasetInfo(_Frozen):
    """Which data was scored: the folder as given, config, split, and the fingerprint of its files."""

    path: str
    config: str
    split: str
    version: str | None = Field(description="Dataset version from the folder's MANIFEST.json; null without one.")
    sha256: str = Field(description="One sha256 over the sorted 'sha256  path' lines of all files (MANIFEST.json's).")
    files: dict[str, str] = Field(description="sha256 of every file of the dataset folder, by relative POSIX path.")


class ModelInfo(_Frozen):
    """What produced the predictions: a predictions file (path + sha256) or a ``--model`` spec."""

    kind: Literal["predictions", "model"]
    spec: str | None = Field(description="The --model spec (kind 'model').")
    predictions_path: str | None = Field(description="The predictions file as given (kind 'predictions').")
    predictions_sha256: str | None = Field(description="sha256 of the predictions file's bytes.")
    transductive: Literal["document"] | None = Field(
        default=None, description="null: each prediction depends on its row alone (row-level); 'document': the "
                                  "model pools the rows of a document predicted together (its `transductive` "
                                  "attribute), so its scores are not per-row figures.")
    module_sha256: str | None = Field(
        default=None, description="sha256 of the file of the module defining the model's class, for a model from "
                                  "outside actorstance (whose own code is fingerprinted in `versions`).")
    params: dict[str, str] | None = Field(
        default=None, description="The model's get_params(deep=False), each value as its Python repr; null without "
                                  "get_params().")


class BootstrapInfo(_Frozen):
    """How the intervals were made: seeded percentile bootstrap over documents (or pairs)."""

    method: Literal["percentile"] = "percentile"
    n_resamples: int = Field(ge=0, description="0 means no intervals were computed.")
    seed: int
    confidence: float
    unit: Literal["documents", "pairs"] = Field(
        description="What was resampled: documents (all their pairs together), or pairs when the split has one document.")
    n_units: int = Field(ge=1)


class InferenceInfo(_Frozen):
    """How an ``openai:`` model answered: server, prompts, settings, outcomes and accounting.

    The accounting (``requests``, ``cache_hits``, ``retries``, ``wall_seconds``) describes this
    run and differs between a first run and a cached rerun; everything else is reproducible.
    """

    provider: Literal["openai-compatible"]
    model: str = Field(description="The model name sent to the server.")
    base_url_host: str = Field(description="host[:port] of the server's base URL (never a key).")
    server_models: list[str] = Field(description="Model ids the server reported in its responses.")
    system_fingerprints: list[str] = Field(description="system_fingerprint values the server reported (often none).")
    template: str = Field(description="Prompt template name.")
    template_version: str
    template_sha256: str = Field(description="sha256 of the template file.")
    prompt_set_sha256: list[str] = Field(
        description="sha256 of each distinct set of rendered prompts (one per fit: k-shot examples differ per fold).")
    k_shot: int = Field(ge=0)
    seed: int = Field(description="Picks the k-shot examples; sent to the server.")
    temperature: float
    max_tokens: int = Field(ge=1)
    response_format: Literal["json_schema", "json_object", "none"] = Field(
        description="How answers were constrained: OpenAI json_schema, json_object with a schema, or strict parsing only.")
    concurrency: int = Field(ge=1)
    requests: int = Field(ge=0, description="Completions fetched from the server in this run.")
    cache_hits: int = Field(ge=0, description="Answers taken from the response cache in this run.")
    retries: int = Field(ge=0, description="HTTP attempts beyond the first (429, 5xx, timeouts).")
    prompt_tokens: int = Field(ge=0, description="Prompt tokens of every answer used, cached or not (server-reported).")
    completion_tokens: int = Field(ge=0)
    wall_seconds: float = Field(ge=0, description="Time spent answering, this run.")
    price_per_1k_prompt: float | None
    price_per_1k_completion: float | None
    cost: float | None = Field(description="Token totals at the given prices (an uncached run's cost); null without prices.")
    valid: int = Field(ge=0, description="Answers that gave a label.")
    invalid: dict[str, int] = Field(
        description="Unusable answers by reason (empty, refused, truncated, not-json, ...); each is an abstention.")


class ResultFile(_Frozen):
    """A result written as JSON (``--output``), printed (``--json``) and read back by reports."""

    #: what the file is, and the command that writes it, for error messages
    describes: ClassVar[str] = "evaluation result"
    written_by: ClassVar[str] = "actorstance evaluate --output"

    def to_json(self) -> str:
        """Indented JSON with sorted keys (what ``--output`` writes and ``--json`` prints)."""
        from actorstance.jsonl import dumps_pretty

        return dumps_pretty(self.model_dump(mode="json"))

    def write(self, path: str | Path) -> None:
        """Write :meth:`to_json` to ``path`` atomically."""
        from actorstance.atomic import write_bytes_atomic

        try:
            write_bytes_atomic(path, self.to_json().encode("utf-8"))
        except OSError as err:
            raise OutputError(f"{path}: cannot write the result ({err.strerror or err}). "
                              "Fix: pass an --output path in a folder you can write to") from None

    @classmethod
    def read(cls, path: str | Path):
        """Read a result file written by :meth:`write` (for reports)."""
        from pydantic import ValidationError

        fix = f"pass a file written by `{cls.written_by}`"
        data = read_json(path, what=cls.describes, fix=fix)
        try:
            return cls.model_validate(data, strict=False)
        except ValidationError as err:
            raise InputError(validation_problems(str(path), err, fix=fix)[:MAX_PROBLEMS]) from None


class EvaluationResult(ResultFile):
    """One evaluation: what was scored, by what, and every metric with its interval.

    Made by :func:`~actorstance.evaluation.evaluate`; written by :meth:`write` (what
    ``--output`` writes), read back by :meth:`read`.

    Example
    -------
    >>> from actorstance import evaluate
    >>> result = evaluate("data/dataset", model="baseline:majority", bootstrap=0)
    >>> again = EvaluationResult.model_validate_json(result.to_json())
    >>> again == result, again.metrics["f1_pn"].ci_low is None
    (True, True)
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, json_schema_extra={
        "description": "One evaluation: what was scored, by what, and every metric with its interval."})

    schema_version: Literal[READABLE_RESULTS_VERSIONS] = Field(
        default=RESULTS_SCHEMA_VERSION, description=f"Written as {RESULTS_SCHEMA_VERSION}; 1.0 (without inference, "
                                                    "transductive, module_sha256, params) is still read.")
    created: str = Field(description="UTC time of the evaluation, ISO 8601; SOURCE_DATE_EPOCH fixes it.")
    dataset: DatasetInfo
    model: ModelInfo
    training: TrainingProtocol | None = Field(description="Present when a --model was run.")
    inference: InferenceInfo | None = Field(
        default=None, exclude_if=lambda value: value is None,
        description="Present when the --model was an openai: model (absent otherwise).")
    n: int = Field(ge=1, description="Pairs scored: every pair of the split, abstentions included.")
    abstentions: int = Field(ge=0, description="Pairs with a null prediction; each counts as wrong.")
    labels: list[str] = Field(description="The config's labels, in ClassLabel order.")
    metrics: dict[str, MetricValue]
    per_class: list[ClassRow]
    confusion: Confusion
    bootstrap: BootstrapInfo
    versions: dict[str, str] = Field(description="Versions of actorstance, datasets, scikit-learn, numpy, python, and "
                                                 "`actorstance-source-sha256`: one sha256 over every file of the "
                                                 "installed actorstance package.")



def ratio(value: float) -> float | None:
    """``nan`` (undefined) → ``None``, so that JSON never holds NaN."""
    return None if value is None or math.isnan(value) else float(value)


def created_timestamp() -> str:
    """Now in UTC (``2024-05-01T12:00:00Z``), or ``SOURCE_DATE_EPOCH`` when that is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ActorstanceError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since 1970. "
                                   "Fix: set it to an integer such as 1700000000, or unset it") from None
    else:
        moment = datetime.now(timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def package_versions() -> dict[str, str]:
    """Versions of the packages whose arithmetic or data loading shaped the result, and the fingerprint
    of the whole installed actorstance source (:func:`actorstance.provenance.source_fingerprint`)."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from actorstance import __version__

    from actorstance.provenance import source_fingerprint

    versions = {"actorstance": __version__, "actorstance-source-sha256": source_fingerprint(),
                "python": platform.python_version()}
    for name in ("datasets", "scikit-learn", "numpy"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover - all are dependencies
            versions[name] = "not installed"
    return versions


def results_json_schema() -> dict:
    """The JSON Schema of a result file, as published in ``docs/results.schema.json``."""
    return published_json_schema(EvaluationResult,
                                 f"actorstance evaluation result, schema version {RESULTS_SCHEMA_VERSION}")


def render_json_schema() -> str:
    return render_published_schema(results_json_schema())
