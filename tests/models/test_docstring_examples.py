"""The examples in the models modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", [
    "actorstance.models.features", "actorstance.models.registry", "actorstance.cli.params",
    "actorstance.models.baselines.lexicon", "actorstance.models.baselines.tfidf", "actorstance.models.checks",
    "actorstance.models.baselines.dummy",
])
def test_docstring_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
