"""Baseline models, one module per family; :mod:`actorstance.models.registry` names them.

Every baseline follows the scikit-learn estimator contract (keyword-only ``__init__`` that only
stores parameters, validation in ``fit``, learned attributes ending in ``_``), takes pair rows
(dicts of :data:`~actorstance.dataset.features.MODEL_INPUT_COLUMNS`) and predicts label strings.
"""
