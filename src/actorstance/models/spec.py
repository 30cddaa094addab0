"""``--model SPEC`` → a model object that follows :mod:`actorstance.models.protocol`.

Three forms:

``baseline:NAME``
    A baseline of :data:`actorstance.models.registry.BASELINES` (``baseline:majority``...).
``openai:MODEL[,KEY=VALUE...]``
    An LLM behind an OpenAI-compatible server (:mod:`actorstance.models.llm`, docs/llm.md).
``package.module:attr``
    An importable object: a class or a factory (called with no arguments) or a ready instance.
    ``attr`` may be dotted (``module:Holder.factory``). The module must be importable: install
    its package, or run with ``PYTHONPATH=.`` for a module in the current folder.

>>> resolve_model("baseline:majority")  # doctest: +SKIP
MajorityBaseline()
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Mapping

from actorstance.errors import ModelError, ModelSpecError
from actorstance.models.protocol import check_model

BASELINE_PREFIX = "baseline:"
OPENAI_PREFIX = "openai:"
_SPEC_FORM = "baseline:NAME, openai:MODEL or package.module:attr"
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def resolve_model(spec: str, *, random_state: int | None = None, llm_defaults: Mapping[str, Any] | None = None) -> Any:
    """The model named by ``spec``; raises :class:`ModelSpecError` with the fix when it cannot.

    ``random_state`` is passed to a baseline's factory and is the default ``seed`` of an
    ``openai:`` model; an imported model keeps its own seeding. ``llm_defaults`` are settings of
    ``openai:`` models that the spec may override (the CLI's ``--no-cache``, ``--llm-cache``).
    """
    if spec.startswith(BASELINE_PREFIX):
        model = _baseline(spec, spec[len(BASELINE_PREFIX):], random_state)
    elif spec.startswith(OPENAI_PREFIX):
        from actorstance.models.llm.config import LLMConfig
        from actorstance.models.llm.model import OpenAIStanceModel

        config = LLMConfig.from_spec(spec, seed=0 if random_state is None else random_state, defaults=llm_defaults)
        model = OpenAIStanceModel(config)
    else:
        model = _imported(spec)
    try:
        check_model(model, spec=spec)
    except ModelError as err:  # the spec names something that is not a model
        raise ModelSpecError(str(err)) from None
    return model


def baseline_names() -> list[str]:
    """Names accepted after ``baseline:``, sorted."""
    from actorstance.models.registry import BASELINES

    return sorted(BASELINES)


def _baseline(spec: str, name: str, random_state: int | None) -> Any:
    names = baseline_names()
    if name not in names:
        raise ModelSpecError(f"--model {spec}: unknown baseline {name!r}. "
                             f"Fix: use one of: {', '.join(names)} (as baseline:NAME)")
    from actorstance.models.registry import BASELINES

    return _call(spec, BASELINES[name], **({} if random_state is None else {"random_state": random_state}))


def import_object(spec: str) -> Any:
    """The object a ``package.module:attr`` spec names: a ready instance, or what its class or
    factory returns when called without arguments (any task's models resolve through this)."""
    return _imported(spec)


def _imported(spec: str) -> Any:
    module_name, sep, attr = spec.partition(":")
    if not sep or not _MODULE.match(module_name) or not attr or not all(
            part.isidentifier() for part in attr.split(".")):
        raise ModelSpecError(f"--model {spec}: not a model spec. Fix: write {_SPEC_FORM}, "
                             "e.g. baseline:majority or mypackage.models:MyModel")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name and (module_name == err.name or module_name.startswith(err.name + ".")):
            raise ModelSpecError(
                f"--model {spec}: cannot import module {module_name!r} (no module named {err.name!r}). "
                "Fix: install the package that provides it, or run from its folder with PYTHONPATH=.") from None
        raise ModelSpecError(f"--model {spec}: importing {module_name!r} failed: {err}. "
                             "Fix: install what the module needs") from None
    except Exception as err:  # the user's module raised while importing: report it, no traceback
        raise ModelSpecError(f"--model {spec}: importing {module_name!r} failed: {type(err).__name__}: {err}. "
                             "Fix: make the module importable (python -c 'import "
                             f"{module_name}')") from None
    target: Any = module
    for i, part in enumerate(attr.split(".")):
        if not hasattr(target, part):
            owner = ".".join([module_name, *attr.split(".")[:i]])
            raise ModelSpecError(f"--model {spec}: {owner} has no attribute {part!r}. "
                                 f"Fix: name a class, factory or instance defined in {module_name}")
        target = getattr(target, part)
    if isinstance(target, type) or not (hasattr(target, "fit") and hasattr(target, "predict")):
        if not callable(target):
            return target  # check_model explains what is missing
        return _call(spec, target)
    return target


def _call(spec: str, factory: Any, **kwargs: Any) -> Any:
    try:
        return factory(**kwargs)
    except Exception as err:
        name = getattr(factory, "__qualname__", repr(factory))
        args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        raise ModelSpecError(f"--model {spec}: calling {name}({args}) failed: {type(err).__name__}: {err}. "
                             "Fix: the class or factory must work without arguments; wrap it in a factory "
                             "that passes them") from None
