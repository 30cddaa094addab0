"""``--task extraction --model openai:MODEL``: an LLM reads each whole article and lists its triplets (``raw``).

It goes through the LLM adapter's one reusable call (:class:`actorstance.models.llm.ChatRunner`:
cached, retried, schema-constrained), one prompt per document, rendered from the packaged
template ``extraction/prompts/extraction.toml`` (versioned; recorded in the result). It needs
no training (protocol ``none``) and sees only ``doc_id`` and ``text``.

An answer must be exactly ``{"stances": [{"source", "target", "label"}, ...]}`` with string names
and stance labels; anything else is *invalid* (counted by reason, kept in the per-sample log) and
the document gets no triplets — never a guess. From a valid answer, a stance whose source and
target are the same name after normalisation is dropped and repeated triplets are kept once
(both counted in the log): a predictions file may not contain them, and the model's answer is
scored as such a file.

>>> extraction_schema(["positive", "negative"])["properties"]["stances"]["items"]["required"]
['source', 'target', 'label']
"""

from __future__ import annotations

import hashlib
import string
import threading
import tomllib
from importlib import resources
from typing import Any, Mapping, Sequence

from actorstance.errors import ModelError
from actorstance.extraction.alignment import normalise_name
from actorstance.labels import STANCE_LABELS

TEMPLATE = "extraction.toml"
#: Default answer length: a whole article's stances need more than a pair's one label.
DEFAULT_MAX_TOKENS = 2048


def extraction_schema(labels: Sequence[str]) -> dict[str, Any]:
    """JSON Schema of an answer: ``{"stances": [{"source", "target", "label"}]}`` and nothing else."""
    stance = {"type": "object", "properties": {"source": {"type": "string"}, "target": {"type": "string"},
                                                 "label": {"type": "string", "enum": list(labels)}},
              "required": ["source", "target", "label"], "additionalProperties": False}
    return {"type": "object", "properties": {"stances": {"type": "array", "items": stance}},
            "required": ["stances"], "additionalProperties": False}


def parse_stances(decoded: Any) -> list[dict[str, str]]:
    """A ``parse`` for the adapter: the stances of a decoded answer, or :class:`InvalidAnswer`."""
    from actorstance.models.llm.parsing import InvalidAnswer

    if not isinstance(decoded, dict) or set(decoded) != {"stances"} or not isinstance(decoded["stances"], list):
        raise InvalidAnswer("wrong-shape", 'expected {"stances": [...]} and nothing else')
    out = []
    for i, item in enumerate(decoded["stances"]):
        if not isinstance(item, dict) or set(item) != {"source", "target", "label"} or not all(
                isinstance(item[k], str) and item[k].strip() for k in ("source", "target")):
            raise InvalidAnswer("wrong-shape", f"stances[{i}] is not {{\"source\", \"target\", \"label\"}} with names")
        if item["label"] not in STANCE_LABELS:
            raise InvalidAnswer("unknown-label", f"stances[{i}]: {item['label']!r} is not one of "
                                                 f"{', '.join(STANCE_LABELS)}")
        out.append({"source": item["source"], "target": item["target"], "label": item["label"]})
    return out


def clean_stances(stances: Sequence[Mapping[str, str]]) -> tuple[list[dict[str, str]], int, int]:
    """``(kept, self pairs dropped, repeats dropped)``: what the harness accepts of a valid answer."""
    kept, seen, selves, repeats = [], set(), 0, 0
    for s in stances:
        key = (normalise_name(s["source"]), normalise_name(s["target"]), s["label"])
        if key[0] == key[1]:
            selves += 1
        elif key in seen:
            repeats += 1
        else:
            seen.add(key)
            kept.append(dict(s))
    return kept, selves, repeats


class ExtractionTemplate:
    """The packaged extraction prompt: ``system`` and ``user`` texts with ``$text``, ``$labels``, ``$label_definitions``."""

    def __init__(self):
        raw = resources.files("actorstance.extraction").joinpath("prompts", TEMPLATE).read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
        self.name, self.version, self.sha256 = data["name"], data["version"], hashlib.sha256(raw).hexdigest()
        self.system, self.user = string.Template(data["system"]), string.Template(data["user"])
        self.definitions = dict(data["labels"])

    def messages(self, document: Mapping[str, Any]) -> list[dict[str, str]]:
        shared = {"labels": ", ".join(STANCE_LABELS),
                  "label_definitions": "\n".join(f"- {label}: {self.definitions[label]}" for label in STANCE_LABELS)}
        return [{"role": "system", "content": self.system.substitute(shared)},
                {"role": "user", "content": self.user.substitute(text=document["text"])}]


class _Session:
    def __init__(self, config):
        from actorstance.models.llm.chat import ChatRunner

        self.runner = ChatRunner(config)
        self.template = ExtractionTemplate()
        self.prompt_sets: set[str] = set()
        self.samples: list[dict[str, Any]] = []
        self.lock = threading.Lock()


class OpenAIExtractor:
    """An extraction model (:mod:`actorstance.extraction.protocol`) answered by a chat-completions server."""

    settings = ("raw",)
    requires_fit = False

    def __init__(self, config, *, _session: _Session | None = None):
        self.config = config
        self._session = _session if _session is not None else _Session(config)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"config": self.config}

    def set_params(self, **params: Any) -> "OpenAIExtractor":
        for key, value in params.items():
            if key != "config":
                raise ValueError(f"Invalid parameter {key!r} for OpenAIExtractor. Valid: config")
            self.config = value
        return self

    def __sklearn_clone__(self) -> "OpenAIExtractor":
        return OpenAIExtractor(self.config, _session=self._session)

    def __repr__(self) -> str:
        return f"OpenAIExtractor(model={self.config.model!r})"

    def fit(self, X, y=None) -> "OpenAIExtractor":
        if self.config.k_shot:
            raise ModelError(f"openai:{self.config.model}: the extraction prompt is zero-shot; k_shot="
                             f"{self.config.k_shot} is not supported. Fix: drop k_shot from the spec")
        self.fitted_ = True
        return self

    def predict(self, X) -> list[list[dict[str, str]]]:
        from actorstance.jsonl import dumps
        from actorstance.models.llm.chat import ChatJob

        session = self._session
        docs = list(X)
        jobs = [ChatJob(doc["doc_id"], session.template.messages(doc)) for doc in docs]
        outcomes = session.runner.run(jobs, schema=extraction_schema(STANCE_LABELS), parse=parse_stances,
                                      schema_name="stances", desc=f"openai:{self.config.model}")
        out = []
        records = []
        for outcome in outcomes:
            kept, selves, repeats = clean_stances(outcome.value or [])
            out.append(kept)
            records.append(outcome.log_record(stances=kept if outcome.invalid is None else None,
                                              dropped_self_pairs=selves, dropped_repeats=repeats))
        prompt_set = hashlib.sha256(dumps(sorted(job.prompt_sha256 for job in jobs)).encode("utf-8")).hexdigest()
        with session.lock:
            session.prompt_sets.add(prompt_set)
            session.samples.extend(records)
        return out

    def inference_report(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """``(inference info for the result, per-sample log records sorted by document)``; closes the session."""
        from actorstance.models.llm.model import inference_info

        session = self._session
        info = inference_info(self.config, session.runner, template=session.template,
                              prompt_sets=session.prompt_sets)
        session.runner.close()
        return info, sorted(session.samples, key=lambda record: record["id"])


def openai_extractor(spec: str, *, seed: int, llm_defaults: Mapping[str, Any] | None = None) -> OpenAIExtractor:
    """The extractor of an ``openai:MODEL[,KEY=VALUE...]`` spec; ``max_tokens`` defaults to
    :data:`DEFAULT_MAX_TOKENS` (a spec's own ``max_tokens=`` wins)."""
    from actorstance.models.llm.config import LLMConfig

    defaults = {"max_tokens": DEFAULT_MAX_TOKENS, **(llm_defaults or {})}
    return OpenAIExtractor(LLMConfig.from_spec(spec, seed=seed, defaults=defaults))
