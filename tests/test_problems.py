"""Capped problem lists and the one pydantic ValidationError → Problem adapter."""

from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from actorstance.errors import AnnotationError, Problem
from actorstance.problems import ProblemList, json_path, validation_problems
from tests.conftest import pydantic_error


def test_problem_list_keeps_the_first_n_and_counts_the_rest():
    problems = ProblemList(limit=3)
    for i in range(1000):
        problems.add(Problem("f", "", f"problem {i}", "fix"))
    problems.add(Problem("f", "", "problem 0", "fix"))  # a duplicate is not counted twice
    assert [p.message for p in problems.kept] == ["problem 0", "problem 1", "problem 2"]
    assert problems.omitted == 997 and len(problems) == 1000
    with pytest.raises(AnnotationError) as info:
        problems.raise_if_any(AnnotationError)
    text = str(info.value)
    assert text.startswith("1000 problems in annotations (the first 3 shown):")
    assert text.endswith("... and 997 more problems; fix these first, then run again to see the rest")


class _Item(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    id: str
    label: Literal["positive", "negative"]


class _Doc(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    items: list[_Item]


def test_paths_do_not_shift_after_an_invalid_item():
    data = {"items": [{"id": "a", "label": "positive"}, {"id": 5, "label": "positive"},
                      {"id": "c", "label": "pos"}, {"id": "d", "label": "negative", "x": 1}]}
    with pytest.raises(ValidationError) as info:
        _Doc.model_validate(data)
    problems = validation_problems("d.json", info.value, fix="see the schema")
    assert [(p.path, p.message) for p in problems] == [
        ("items[1].id", f"{pydantic_error(str, 5)}, got 5"),
        ("items[2].label", f"{pydantic_error(Literal['positive', 'negative'], 'pos')}, got \"pos\""),
        ("items[3].x", "unknown field"),
    ]


def test_json_path_quotes_keys_that_are_not_identifiers():
    assert json_path(("a", 0, "b c", "d")) == 'a[0]["b c"].d'


def test_a_users_capitalised_key_is_kept_in_the_path():
    from pydantic import BaseModel, ConfigDict

    class Doc(BaseModel):
        model_config = ConfigDict(strict=True)
        metadata: dict[str, str]

    with pytest.raises(ValidationError) as info:
        Doc.model_validate({"metadata": {"Author": 5, "Span": 3}})
    assert [p.path for p in validation_problems("d.json", info.value, fix="f")] == ["metadata.Author", "metadata.Span"]
