"""The public API: what ``actorstance`` re-exports, documented in numpydoc with runnable examples.

The examples themselves run under ``pytest --doctest-modules`` (pyproject.toml); these tests make
sure they exist, and that importing the package stays cheap.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys

import pytest

import actorstance

NAMES = [name for name in actorstance.__all__ if name != "__version__"]
DATA = {"BASELINES"}  # values, not callables: documented where they are defined


def test_every_export_resolves_to_its_defining_module():
    for name in NAMES:
        value = getattr(actorstance, name)
        if name not in DATA:
            assert value.__module__ == actorstance._EXPORTS[name], name
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        actorstance.nope  # noqa: B018
    assert set(NAMES) <= set(dir(actorstance))


@pytest.mark.parametrize("name", sorted(set(NAMES) - DATA))
def test_numpydoc_sections_and_an_example(name):
    value = getattr(actorstance, name)
    doc = inspect.getdoc(value) or ""
    sections = {line.strip() for line, rule in zip(doc.splitlines(), doc.splitlines()[1:]) if set(rule.strip()) == {"-"}}
    required = {"Example"} | ({"Parameters", "Returns"} if inspect.isfunction(value) or name == "StanceModel" else set())
    assert required <= sections, f"{name}: missing {sorted(required - sections)}"
    assert doctest.DocTestParser().get_examples(doc), f"{name}: the Example has no >>> lines"


@pytest.mark.parametrize("module", [
    "actorstance.models.features", "actorstance.models.registry", "actorstance.cli.params",
    "actorstance.models.baselines.lexicon", "actorstance.models.baselines.tfidf", "actorstance.models.checks",
    "actorstance.models.baselines.dummy", "actorstance.models.baselines.cue_stack.resources",
    "actorstance.models.baselines.cue_stack.features", "actorstance.models.baselines.cue_stack.estimator",
])
def test_modules_with_worked_examples_keep_them(module):
    """These modules' docstrings carry examples (run by --doctest-modules, not here)."""
    tests = doctest.DocTestFinder().find(importlib.import_module(module))
    assert sum(len(t.examples) for t in tests) > 0


def test_importing_the_package_imports_no_heavy_library():
    code = ("import sys, actorstance; actorstance.__version__; "
            "print(sorted(m for m in ('datasets', 'sklearn', 'numpy', 'pyarrow', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
