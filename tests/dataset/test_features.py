from __future__ import annotations

import pytest

from actorstance.columns import ANALYSIS_COLUMNS, COLUMN_DESCRIPTIONS, COLUMNS, LABEL_COLUMN, MODEL_INPUT_COLUMNS
from actorstance.dataset.features import features_for
from actorstance.labels import CONFIG_LABELS


def test_every_column_has_a_description_and_one_role():
    assert list(COLUMN_DESCRIPTIONS) == list(COLUMNS)
    assert len(set(MODEL_INPUT_COLUMNS) | {LABEL_COLUMN} | set(ANALYSIS_COLUMNS)) == len(COLUMNS)


@pytest.mark.parametrize("config", CONFIG_LABELS)
def test_features_follow_the_column_layout(config):
    features = features_for(config)
    assert list(features) == list(COLUMNS)
    assert features["label"].names == list(CONFIG_LABELS[config])
