"""LLMs as stance models: ``--model openai:MODEL`` against any OpenAI-compatible server.

Modules, one job each: :mod:`~.config` (settings from the spec, a TOML file, the environment),
:mod:`~.prompts` (versioned templates, rendered from model-input columns), :mod:`~.client`
(HTTP, retries, errors), :mod:`~.cache` (SQLite responses), :mod:`~.parsing` (strict answers,
invalid reasons), :mod:`~.chat` (the reusable cached, retried, constrained call and its
accounting), :mod:`~.model` (the estimator), :mod:`~.samples` (the per-sample log). Nothing here
is imported by ``actorstance --help``; ``httpx`` is imported when a client is made.

See docs/llm.md.
"""

from __future__ import annotations

from actorstance.models.llm.chat import Accounting, ChatJob, ChatOutcome, ChatRunner
from actorstance.models.llm.config import OPENAI_PREFIX, LLMConfig
from actorstance.models.llm.model import OpenAIStanceModel
from actorstance.models.llm.parsing import INVALID_REASONS, InvalidAnswer, label_schema

__all__ = ["Accounting", "ChatJob", "ChatOutcome", "ChatRunner", "INVALID_REASONS", "InvalidAnswer", "LLMConfig",
           "OPENAI_PREFIX", "OpenAIStanceModel", "label_schema"]
