"""The facts a dataset card and croissant.json are rendered from, gathered once by the build.

Both renderers read a :class:`DatasetFacts`, never the documents, so they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from actorstance.agreement.results import AgreementSummary
from actorstance.annotations import AnnotatedDocument
from actorstance.convert import StancePair
from actorstance.corpus import CorpusInfo
from actorstance.labels import ACTOR_TYPES


@dataclass(frozen=True)
class SplitFacts:
    name: str
    files: tuple[str, ...]          # relative paths of the parquet files
    num_examples: int
    num_bytes: int                  # Arrow (in-memory) size, what `dataset_info.splits` records
    label_counts: tuple[tuple[str, int], ...]   # in ClassLabel order, zeros included
    documents: tuple[str, ...]
    source_types: tuple[tuple[str, int], ...]
    target_types: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ConfigFacts:
    name: str
    label_names: tuple[str, ...]
    splits: tuple[SplitFacts, ...]

    @property
    def num_examples(self) -> int:
        return sum(s.num_examples for s in self.splits)


@dataclass(frozen=True)
class AnnotatorFacts:
    id: str
    kind: str
    name: str | None
    note: str | None


@dataclass(frozen=True)
class DocumentFacts:
    doc_id: str
    split: str
    language: str
    outlet: str | None
    url: str | None
    published: str | None
    author: str | None
    text_sha256: str
    characters: int
    actors: int
    mentions: int
    stances: int
    guideline_version: str
    annotators: tuple[AnnotatorFacts, ...]
    actor_types: tuple[tuple[str, int], ...]
    metadata: tuple[tuple[str, str], ...]   # free-form provenance from the annotation file, sorted


@dataclass(frozen=True)
class DatasetFacts:
    corpus: CorpusInfo              # name, version, licence, citation (corpus.json or the defaults)
    configs: tuple[ConfigFacts, ...]
    documents: tuple[DocumentFacts, ...]
    agreement: AgreementSummary | None = None   # the annotations folder's agreement.json, when it has one

    @property
    def version(self) -> str:
        return self.corpus.version

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({d.language for d in self.documents}))

    @property
    def guideline_versions(self) -> tuple[str, ...]:
        return tuple(sorted({d.guideline_version for d in self.documents}))

    @property
    def annotators(self) -> tuple[AnnotatorFacts, ...]:
        return tuple(sorted({a for d in self.documents for a in d.annotators}, key=lambda a: a.id))

    @property
    def actor_types(self) -> tuple[tuple[str, int], ...]:
        total: Counter = Counter()
        for d in self.documents:
            total.update(dict(d.actor_types))
        return tuple((t, total[t]) for t in ACTOR_TYPES if total[t])

    def config(self, name: str) -> ConfigFacts:
        return next(c for c in self.configs if c.name == name)


_LABEL, _SOURCE_TYPE, _TARGET_TYPE = attrgetter("label"), attrgetter("source_type"), attrgetter("target_type")


class SplitTally:
    """The counts of a :class:`SplitFacts`, gathered a document at a time as a streaming build writes."""

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        self.num_examples = 0
        self._labels: Counter = Counter()
        self._sources: Counter = Counter()
        self._targets: Counter = Counter()

    def add(self, pairs: list[StancePair]) -> None:
        self.num_examples += len(pairs)
        self._labels.update(map(_LABEL, pairs))
        self._sources.update(map(_SOURCE_TYPE, pairs))
        self._targets.update(map(_TARGET_TYPE, pairs))

    def facts(self, name: str, files: tuple[str, ...], num_bytes: int, documents: tuple[str, ...]) -> SplitFacts:
        return SplitFacts(
            name=name, files=files, num_examples=self.num_examples, num_bytes=num_bytes,
            label_counts=tuple((label, self._labels[label]) for label in self.labels), documents=documents,
            source_types=tuple((t, self._sources[t]) for t in ACTOR_TYPES if self._sources[t]),
            target_types=tuple((t, self._targets[t]) for t in ACTOR_TYPES if self._targets[t]),
        )


class DocumentsTally(SplitTally):
    """The counts of a split of the ``documents`` config: one example per document; label and
    actor-type counts are over the gold triplets."""

    def add(self, rows: list[dict]) -> None:
        self.num_examples += len(rows)
        for row in rows:
            types = {a["id"]: a["type"] for a in row["actors"]}
            for s in row["stances"]:
                self._labels[s["label"]] += 1
                self._sources[types[s["source_id"]]] += 1
                self._targets[types[s["target_id"]]] += 1


def document_facts(doc: AnnotatedDocument, split: str) -> DocumentFacts:
    ann = doc.annotation
    source = ann.source
    types = Counter(a.type for a in ann.actors)
    return DocumentFacts(
        doc_id=ann.doc_id, split=split, language=ann.language,
        outlet=source.outlet if source else None, url=source.url if source else None,
        published=source.published if source else None, author=source.author if source else None,
        text_sha256=doc.text_sha256, characters=len(doc.text),
        actors=len(ann.actors), mentions=len(ann.mentions), stances=len(ann.stances),
        guideline_version=ann.guideline_version,
        annotators=tuple(AnnotatorFacts(a.id, a.kind, a.name, a.note) for a in ann.annotators),
        actor_types=tuple((t, types[t]) for t in ACTOR_TYPES if types[t]),
        metadata=tuple(sorted(ann.metadata.items())),
    )

