"""What an extraction model is, and ``--model SPEC`` for the extraction task.

An extraction model is a scikit-learn style estimator over **documents**:

``fit(X, y)``
    ``X`` is a list of document dicts holding what the setting allows (``raw``: ``doc_id``,
    ``text``; ``oracle-actors``: also ``actors``, ``aliases``, ``mentions``), ``y`` one list per
    document of gold ``{"source", "target", "label"}`` dicts (actor ids in ``oracle-actors``,
    canonical names in ``raw``). Returns ``self``. A model with ``requires_fit = False`` is
    handed the evaluated documents with ``y=None``: it never sees gold triplets.
``predict(X)``
    One list of ``{"source", "target", "label"}`` dicts per document, in document order.
``settings`` (optional)
    The settings the model works in, e.g. ``("oracle-actors",)``; default: both.

Specs resolve as for the pair task: ``baseline:NAME`` names an extraction baseline of
:data:`actorstance.extraction.registry.EXTRACTORS`, ``openai:MODEL[,KEY=VALUE...]`` the LLM
extractor (``raw``), ``package.module:attr`` an importable class, factory or instance.
"""

from __future__ import annotations

from typing import Any, Mapping

from actorstance.errors import ModelSpecError
from actorstance.extraction.split import SETTINGS

BASELINE_PREFIX = "baseline:"


def model_settings(model: Any) -> tuple[str, ...]:
    """The settings ``model`` declares it works in (both when it declares none)."""
    return tuple(getattr(model, "settings", SETTINGS))


def resolve_extractor(spec: str, *, setting: str, random_state: int | None = None,
                      llm_defaults: Mapping[str, Any] | None = None) -> Any:
    """The extraction model named by ``spec``, checked to work in ``setting``; raises :class:`ModelSpecError`.

    ``openai:MODEL[,KEY=VALUE...]`` is the LLM extractor (:mod:`actorstance.extraction.llm`);
    ``llm_defaults`` are its settings below the spec's (``--no-cache``, ``--llm-cache``).
    """
    from actorstance.models.llm.config import OPENAI_PREFIX
    from actorstance.models.protocol import check_model
    from actorstance.models.spec import import_object

    if spec.startswith(OPENAI_PREFIX):
        from actorstance.extraction.llm import openai_extractor

        model = openai_extractor(spec, seed=0 if random_state is None else random_state, llm_defaults=llm_defaults)
    elif spec.startswith(BASELINE_PREFIX):
        from actorstance.extraction.registry import make_extractor

        model = make_extractor(spec[len(BASELINE_PREFIX):], spec=spec, random_state=random_state)
    else:
        model = import_object(spec)
    try:
        check_model(model, spec=spec)
    except Exception as err:  # ModelError: the spec names something that is not a model
        raise ModelSpecError(str(err)) from None
    settings = model_settings(model)
    if setting not in settings:
        raise ModelSpecError(f"--model {spec}: works in the {' and '.join(settings)} setting"
                             f"{'s' if len(settings) > 1 else ''} only, not {setting}. "
                             f"Fix: pass --setting {settings[0]}")
    return model
