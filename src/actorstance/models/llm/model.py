"""``--model openai:MODEL``: a stance model that asks an OpenAI-compatible server, pair by pair.

It follows the model protocol (:mod:`actorstance.models.protocol`) like any baseline, so the
training protocol (:mod:`actorstance.models.training`) decides what it may learn from:

* ``k_shot=0`` — it needs no training (``requires_fit`` is false): protocol ``none``;
* ``k_shot=K`` — ``fit(X, y)`` keeps ``K`` labelled examples drawn from the training rows the
  protocol hands it (the train split, ``--train`` data, or the other folds of a
  cross-validation), never from the rows it then predicts. They are drawn by ``seed``: each
  label's rows are shuffled, then taken label by label in turn, so the examples cover the labels.

An answer that is not exactly ``{"label": LABEL}`` with a label of the config is *invalid*:
predicted as ``None`` (an abstention), counted by reason in the result, and kept in the
per-sample log. Clones made by the protocol share one session (client, cache, accounting,
log), so :meth:`OpenAIStanceModel.inference_report` sums every fold.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections import defaultdict
from typing import Any, Sequence

from actorstance.errors import ModelError
from actorstance.jsonl import dumps
from actorstance.models.llm.config import LLMConfig


class _Session:
    """What the clones of one model share: the runner, the template and the records of every predict."""

    def __init__(self, config: LLMConfig):
        from actorstance.models.llm.chat import ChatRunner
        from actorstance.models.llm.prompts import load_template

        self.runner = ChatRunner(config)
        self.template = load_template(config.template or ("k-shot" if config.k_shot else "zero-shot"))
        self.prompt_sets: set[str] = set()
        self.samples: list[dict[str, Any]] = []
        self.lock = threading.Lock()


class OpenAIStanceModel:
    """A scikit-learn style estimator over pair rows, answered by a chat-completions server.

    ``config`` is an :class:`~actorstance.models.llm.config.LLMConfig`; ``labels`` the config's
    label set (the training protocol passes it).
    """

    def __init__(self, config: LLMConfig, *, labels: Sequence[str] | None = None, _session: _Session | None = None):
        self.config = config
        self.labels = labels
        self._session = _session if _session is not None else _Session(config)

    # scikit-learn estimator contract ------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"config": self.config, "labels": self.labels}

    def set_params(self, **params: Any) -> "OpenAIStanceModel":
        for key, value in params.items():
            if key not in ("config", "labels"):
                raise ValueError(f"Invalid parameter {key!r} for OpenAIStanceModel. Valid: config, labels")
            setattr(self, key, value)
        return self

    def __sklearn_clone__(self) -> "OpenAIStanceModel":
        return OpenAIStanceModel(self.config, labels=self.labels, _session=self._session)

    def __repr__(self) -> str:
        return f"OpenAIStanceModel(model={self.config.model!r}, k_shot={self.config.k_shot})"

    @property
    def requires_fit(self) -> bool:
        """Only a k-shot model reads training data (its examples)."""
        return self.config.k_shot > 0

    def fit(self, X, y=None) -> "OpenAIStanceModel":
        """Record the label set; with ``k_shot > 0`` draw the examples from ``X, y``."""
        labels = self._label_set(y)
        self.classes_ = list(labels)
        self.examples_: list[tuple[dict, str]] = []
        k = self.config.k_shot
        if k:
            rows = list(X)
            if y is None or len(y) != len(rows):
                raise ModelError(f"openai:{self.config.model}: k_shot={k} needs labelled training rows. "
                                 "Fix: evaluate a split with training data (a train split, --train, or labels "
                                 "for cross-validation), or use k_shot=0")
            self.examples_ = pick_examples(rows, [str(label) for label in y], k=k, seed=self.config.seed,
                                           labels=labels)
        return self

    def predict(self, X) -> list[str | None]:
        from actorstance.models.llm.chat import ChatJob
        from actorstance.models.llm.parsing import label_parser, label_schema

        if not hasattr(self, "classes_"):
            raise ModelError(f"openai:{self.config.model}: predict() before fit(). Fix: call fit(X, y) first")
        session = self._session
        rows = list(X)
        jobs = [ChatJob(str(row.get("id", i)), session.template.messages(row, labels=self.classes_,
                                                                         examples=self.examples_))
                for i, row in enumerate(rows)]
        outcomes = session.runner.run(jobs, schema=label_schema(self.classes_), parse=label_parser(self.classes_),
                                      schema_name="stance", desc=f"openai:{self.config.model}")
        prompt_set = hashlib.sha256(dumps(sorted(job.prompt_sha256 for job in jobs)).encode("utf-8")).hexdigest()
        with session.lock:
            session.prompt_sets.add(prompt_set)
            session.samples.extend(outcome.log_record(label=outcome.value) for outcome in outcomes)
        return [outcome.value for outcome in outcomes]

    def inference_report(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """``(inference info for the result, per-sample log records sorted by id)``; closes the session."""
        session, config = self._session, self.config
        runner = session.runner
        info = inference_info(config, runner, template=session.template, prompt_sets=session.prompt_sets)
        runner.close()
        return info, sorted(session.samples, key=lambda record: record["id"])

    def _label_set(self, y) -> list[str]:
        if self.labels is not None:
            return [str(label) for label in self.labels]
        if y is None:
            raise ModelError(f"openai:{self.config.model}: fit() got neither labels= nor y, so the label set is "
                             "unknown. Fix: pass labels=[...] (the config's labels) or y")
        return sorted({str(label) for label in y})


def inference_info(config: LLMConfig, runner, *, template, prompt_sets) -> dict[str, Any]:
    """The result's ``inference`` block of a run: settings, template (``name``, ``version``,
    ``sha256``), outcomes and the runner's accounting. Shared by every task's ``openai:`` model."""
    acc = runner.accounting
    invalid = {reason: n for reason, n in sorted(acc.outcomes.items()) if reason != "valid"}
    return {
        "provider": "openai-compatible", "model": config.model, "base_url_host": config.host,
        "server_models": sorted(acc.server_models), "system_fingerprints": sorted(acc.system_fingerprints),
        "template": template.name, "template_version": template.version,
        "template_sha256": template.sha256, "prompt_set_sha256": sorted(prompt_sets),
        "k_shot": config.k_shot, "seed": config.seed, "temperature": config.temperature,
        "max_tokens": config.max_tokens, "response_format": runner.response_format or "none",
        "concurrency": config.concurrency, "requests": acc.requests, "cache_hits": acc.cache_hits,
        "retries": acc.retries, "prompt_tokens": acc.prompt_tokens, "completion_tokens": acc.completion_tokens,
        "wall_seconds": round(acc.wall_seconds, 3), "price_per_1k_prompt": config.price_per_1k_prompt,
        "price_per_1k_completion": config.price_per_1k_completion, "cost": acc.cost(config),
        "valid": acc.outcomes.get("valid", 0), "invalid": invalid,
    }


def pick_examples(rows: Sequence[dict], y: Sequence[str], *, k: int, seed: int,
                  labels: Sequence[str]) -> list[tuple[dict, str]]:
    """``k`` ``(row, label)`` examples: each label's rows shuffled by ``seed``, then taken in turn.

    >>> rows = [{"id": str(i)} for i in range(6)]
    >>> [label for _, label in pick_examples(rows, list("ppnnnu"), k=4, seed=0, labels="pnu")]
    ['p', 'n', 'u', 'p']
    """
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(y):
        by_label[label].append(i)
    queues = []
    for label in [*labels, *sorted(set(y) - set(labels))]:
        indices = sorted(by_label.get(label, []), key=lambda i: str(rows[i].get("id", i)))
        rng.shuffle(indices)
        if indices:
            queues.append(indices)
    picked: list[int] = []
    while len(picked) < k and any(queues):
        for queue in queues:
            if queue and len(picked) < k:
                picked.append(queue.pop(0))
    return [(rows[i], y[i]) for i in picked]
