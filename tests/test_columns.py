"""Every view of a pair row is derived from the one column table."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from actorstance.columns import (
    ANALYSIS_COLUMNS, COLUMN_DESCRIPTIONS, COLUMN_TABLE, COLUMNS, LABEL_COLUMN, MODEL_INPUT_COLUMNS, PYTHON_TYPES,
    columns)
from actorstance.convert import StancePair
from actorstance.labels import CONFIG_LABELS
from actorstance.reports.results import PairInfo


def test_names_are_unique_and_every_type_is_known():
    assert len(set(COLUMNS)) == len(COLUMNS)
    assert {c.type for c in COLUMN_TABLE} <= set(PYTHON_TYPES) == set(typing.get_args(
        typing.get_type_hints(type(COLUMN_TABLE[0]))["type"]))
    assert all(c.description.endswith(".") for c in COLUMN_TABLE)


def test_stance_pair_has_a_field_per_column_with_its_type():
    fields = dataclasses.fields(StancePair)
    assert [f.name for f in fields] == list(COLUMNS)
    assert [f.type for f in fields] == [PYTHON_TYPES[c.type] for c in COLUMN_TABLE]
    assert StancePair.__dataclass_params__.frozen


def test_report_pairs_keep_the_pair_columns_and_no_text():
    assert list(PairInfo.model_fields) == [*columns("pair"), "gold"]
    assert not set(PairInfo.model_fields) & set(columns("context", "analysis"))


def test_roles_partition_the_columns():
    assert MODEL_INPUT_COLUMNS == columns("pair", "context")
    assert (*MODEL_INPUT_COLUMNS, LABEL_COLUMN, *ANALYSIS_COLUMNS) == COLUMNS
    assert list(COLUMN_DESCRIPTIONS) == list(COLUMNS)


@pytest.mark.parametrize("config", CONFIG_LABELS)
def test_features_follow_the_column_types(config):
    from datasets import ClassLabel, List, Value

    from actorstance.dataset.features import features_for

    features = features_for(config)
    for column in COLUMN_TABLE:
        feature = features[column.name]
        if column.type == "label":
            assert isinstance(feature, ClassLabel)
        elif column.type in ("strings", "spans"):
            assert isinstance(feature, List)
        else:
            assert isinstance(feature, Value) and feature.dtype == {"int32": "int32", "optional bool": "bool"}.get(
                column.type, "string")
