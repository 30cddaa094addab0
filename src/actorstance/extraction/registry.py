"""The extraction baselines by name: ``--task extraction --model baseline:NAME``.

Each entry is a factory taking keyword arguments (``random_state`` and the model's own
parameters) and returning an unfitted extraction model (:mod:`actorstance.extraction.protocol`).

>>> sorted(EXTRACTORS)
['candidates-classifier', 'cooccurrence', 'name-cooccurrence']
"""

from __future__ import annotations

from typing import Any, Callable

from actorstance.errors import ModelSpecError


def cooccurrence(**params) -> Any:
    """Every co-mentioned ordered pair of gold actors, with the training majority label (oracle-actors)."""
    from actorstance.extraction.baselines.cooccurrence import cooccurrence as make

    return make(**params)


def candidates_classifier(**params) -> Any:
    """Co-mentioned pairs labelled by a pair baseline (tfidf-lr), `none` by a threshold tuned on training data (oracle-actors)."""
    from actorstance.extraction.baselines.candidates_classifier import candidates_classifier as make

    return make(**params)


def name_cooccurrence(**params) -> Any:
    """Capitalised names sharing a paragraph, every ordered pair with the training majority label (raw)."""
    from actorstance.extraction.baselines.name_cooccurrence import name_cooccurrence as make

    return make(**params)


#: baseline name → factory of an unfitted extraction model.
EXTRACTORS: dict[str, Callable[..., Any]] = {
    "cooccurrence": cooccurrence,
    "candidates-classifier": candidates_classifier,
    "name-cooccurrence": name_cooccurrence,
}


#: Baselines ``benchmark`` does not run unless named with ``--model`` (they need a server).
NOT_RUN_BY_DEFAULT: frozenset[str] = frozenset()


def runs_by_default(name: str) -> bool:
    """Whether ``benchmark`` runs the baseline ``name`` without being asked."""
    return name not in NOT_RUN_BY_DEFAULT


def make_extractor(name: str, *, spec: str, random_state: int | None = None) -> Any:
    """An unfitted extraction baseline by name; raises :class:`ModelSpecError` for an unknown one."""
    if name not in EXTRACTORS:
        raise ModelSpecError(f"--model {spec}: unknown extraction baseline {name!r}. "
                             f"Fix: use one of: {', '.join(sorted(EXTRACTORS))} (as baseline:NAME)")
    return EXTRACTORS[name](**({} if random_state is None else {"random_state": random_state}))


def extractor_summaries() -> dict[str, str]:
    """One line per extraction baseline (its factory's docstring)."""
    return {name: (factory.__doc__ or "").strip().splitlines()[0] for name, factory in EXTRACTORS.items()}
