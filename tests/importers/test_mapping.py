"""The label/annotator/layer mapping of tool imports: packaged default, merged user file, clear errors."""

from __future__ import annotations

import json

import pytest

from actorstance.errors import ImportFormatError
from actorstance.importers.mapping import SpanRole, read_mapping
from actorstance.labels import ACTOR_TYPES
from actorstance.schema import GUIDELINE_VERSION
from tests.conftest import pydantic_error


def test_default_maps_every_native_actor_type_and_stance_label_to_itself():
    mapping = read_mapping(None)
    assert all(mapping.span_role(t) == t for t in ACTOR_TYPES if t != "other")
    assert [mapping.relation_roles(x) for x in ("positive", "NEGATIVE", " neutral ")] == [("positive",), ("negative",),
                                                                                        ("neutral",)]
    assert mapping.span_role("Politician") is None
    assert mapping.guideline_version == GUIDELINE_VERSION


def test_a_user_file_is_merged_over_the_default_entry_by_entry(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"span_labels": {"Politician": "person", "PER": "ignore"},
                                "inception": {"span_layer": "webanno.custom.Pol"}}), encoding="utf-8")
    mapping = read_mapping(path)
    assert (mapping.span_role("politician"), mapping.span_role("per"), mapping.span_role("org")) == (
        "person", "ignore", "organisation")
    assert (mapping.inception.span_layer, mapping.inception.relation_layer) == ("webanno.custom.Pol",
                                                                                "webanno.custom.Stance")


@pytest.mark.parametrize("content, expected", [
    ('{"span_labels": {"Party": "party"}}',
     f"span_labels.Party: {pydantic_error(SpanRole, 'party')}, got \"party\". Fix: correct the mapping file (its keys are documented in "
     "docs/annotation-tools.md)."),
    ('{"relation_labels": {"attacks": "negative+hostile"}}',
     "relation_labels.attacks: 'hostile' is not a relation role; use one of positive, negative, neutral, implied, "
     "same_actor, candidate, ignore, or several joined by '+'. Fix: correct the mapping file (its keys are documented in "
     "docs/annotation-tools.md)."),
    ('{"labels": {}}', "labels: unknown key (the keys are span_labels, relation_labels, annotators, language, "
                       "guideline_version, label_studio, inception). Fix: correct the mapping file (its keys are "
                       "documented in docs/annotation-tools.md)."),
])
def test_a_bad_mapping_file_names_the_key(tmp_path, content, expected):
    path = tmp_path / "m.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        read_mapping(path)
    assert [str(p) for p in err.value.problems] == [f"{path}: {expected}"]
