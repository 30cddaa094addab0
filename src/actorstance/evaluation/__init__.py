"""Evaluation: predictions files, strict checks, ``evaluate() -> EvaluationResult``, text rendering.

Import the public names from here; the submodules may move.
"""

from __future__ import annotations

from actorstance.evaluation.evaluate import ModelPredictions, evaluate, predict
from actorstance.evaluation.loading import (
    SplitData, TrainingData, dataset_info, default_training_data, load_split_data, load_training_data, require_pairs)
from actorstance.evaluation.predictions import Predictions, read_predictions, write_predictions
from actorstance.evaluation.render import render_table
from actorstance.evaluation.results import RESULTS_SCHEMA_VERSION, EvaluationResult
from actorstance.evaluation.scorer import CONFIDENCE, build_result, score

__all__ = [
    "CONFIDENCE", "EvaluationResult", "ModelPredictions", "Predictions", "RESULTS_SCHEMA_VERSION", "SplitData",
    "TrainingData", "build_result", "dataset_info", "default_training_data", "evaluate", "load_split_data",
    "load_training_data", "predict", "read_predictions", "render_table", "require_pairs", "score", "write_predictions",
]
