"""The pair configs' features without ``datasets``: each form equals ``datasets``' own rendering."""

from __future__ import annotations

import pytest

from actorstance.dataset.card_reader import card_features_yaml, read_card_metadata
from actorstance.dataset.features import features_for
from actorstance.dataset.layout import PAIR_CONFIGS
from actorstance.dataset.pair_schema import arrow_schema, card_form, label_names_if_ours, parquet_form
from actorstance.labels import CONFIG_LABELS


@pytest.mark.parametrize("config", PAIR_CONFIGS)
def test_every_form_is_what_datasets_makes_of_the_features(config):
    features, names = features_for(config), CONFIG_LABELS[config]
    assert card_form(names) == features._to_yaml_list()
    assert parquet_form(names) == features.to_dict()
    assert arrow_schema().equals(features.arrow_schema, check_metadata=False)


@pytest.mark.parametrize("config", PAIR_CONFIGS)
def test_a_built_card_lists_exactly_these_features(tiny_dataset, config):
    listed = card_features_yaml(tiny_dataset, config, read_card_metadata(tiny_dataset))
    assert listed == card_form(CONFIG_LABELS[config])
    assert label_names_if_ours(listed) == list(CONFIG_LABELS[config])


def _edited(change):
    features = card_form(["positive", "negative", "neutral"])
    change(features)
    return features


@pytest.mark.parametrize("change", [
    lambda f: f.pop(),  # a column less
    lambda f: f.append({"name": "extra", "dtype": "string"}),
    lambda f: f[0].update(dtype="int64"),
    lambda f: f.reverse(),  # another column order
    lambda f: next(c for c in f if c["name"] == "label")["dtype"]["class_label"]["names"].pop("1"),  # a gap
    lambda f: next(c for c in f if c["name"] == "label")["dtype"]["class_label"]["names"].update({"2": "positive"}),
    lambda f: next(c for c in f if c["name"] == "label")["dtype"]["class_label"]["names"].update({"2": 7}),
    lambda f: next(c for c in f if c["name"] == "label").update(dtype="int64"),
    lambda f: f.clear(),
], ids=["missing-column", "extra-column", "other-type", "other-order", "label-gap", "duplicate-label",
        "label-not-a-string", "label-not-a-class-label", "empty"])
def test_anything_else_is_not_ours_and_left_to_datasets(change):
    assert label_names_if_ours(_edited(change)) is None


@pytest.mark.parametrize("value", [None, "features", 3, {"name": "label"}, [None], [["label"]]])
def test_malformed_feature_lists_are_not_ours(value):
    assert label_names_if_ours(value) is None
