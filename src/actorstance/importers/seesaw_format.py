"""Reading SEESAW's own format (Zhang, Beauchamp & Wang, EMNLP 2022; CC BY-NC-SA 4.0), strictly.

Why one module of ~350 lines: it is one format's strict reader (spaCy's one-module-per-format
converters); its record types and the checks that build them belong together.

A SEESAW checkout (the folder holding ``SEESAW/``, or ``SEESAW/`` itself) has three folders::

    annotations/TRIPLET_000_DOCUMENT_0.json
      {"title": "...", "entity lists": [["Anna Berg", ["People", "People"], ["Main", "Main"], ["A", "B"]], ...],
       "sentence-level stances": {"3": [{"id": 0, "subject": "Anna Berg", "sentiment": "NEG",
                                         "object": "Harbor Bill", "annotators": ["A"]}], ...}, ...}
    articles/TRIPLET_000_DOCUMENT_0.json   {"title": "...", "text": [{"id": 0, "text": "First sentence."}, ...]}
    meta/TRIPLET_000.json                  {"Split": "train", "Meta info for article 0": {"source": "...",
                                            "url": "...", "bias_label": 4}, ...}

:func:`read_seesaw` checks every record and reports every malformed one (file and JSON path) in
one :class:`~actorstance.errors.ImportFormatError`. Mapping to the canonical model is
:mod:`actorstance.importers.seesaw`. Fields SEESAW has for other tasks (entity rank, entity
sentiments and ideologies, article ideology) are not read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actorstance.errors import ImportFormatError, Problem
from actorstance.inputs import read_json
from actorstance.problems import json_path

#: SEESAW entity types → actor types (codebook: ``other`` is for non-actor targets of imported corpora).
ENTITY_TYPES: dict[str, str] = {
    "People": "person", "Organization": "organisation", "GPE": "government",
    "Topic": "other", "Event": "other", "Religion": "other", "Others": "other",
}
#: SEESAW sentiments → stance labels.
SENTIMENTS: dict[str, str] = {"POS": "positive", "NEG": "negative"}
#: SEESAW story splits → dataset splits.
SPLITS: dict[str, str] = {"train": "train", "valid": "validation", "test": "test"}
#: Subject/object literals that name no listed entity (see docs/importing-seesaw.md, "Placeholder actors").
NO_ENTITY = "None"
NOT_IN_LIST = "Not in the list"
PLACEHOLDER_NAMES = (NO_ENTITY, NOT_IN_LIST)

_DOCUMENT_FILE = re.compile(r"^TRIPLET_([0-9]+)_DOCUMENT_([0-9]+)\.json$")
_META_FILE = re.compile(r"^TRIPLET_([0-9]+)\.json$")
#: a sentence index as SEESAW writes it: ASCII digits, no sign, no leading zero, no thousands of digits
_SENTENCE_KEY = re.compile(r"0|[1-9][0-9]{0,8}")
_ANNOTATOR = re.compile(r"^[A-Za-z0-9]+$")
_RESTORE = "restore the file from the SEESAW release"


@dataclass(frozen=True)
class SeesawEntity:
    name: str
    types: tuple[str, ...]  # actor types, one per annotator
    annotators: tuple[str, ...]


@dataclass(frozen=True)
class SeesawTriplet:
    sentence: int
    id: int
    subject: str
    label: str  # a stance label
    object: str
    annotators: tuple[str, ...]


@dataclass(frozen=True)
class SeesawArticle:
    """One SEESAW article with its annotations and metadata, checked but not yet mapped."""

    doc_id: str
    story: str
    index: int
    title: str
    sentences: tuple[str, ...]
    entities: tuple[SeesawEntity, ...]
    triplets: tuple[SeesawTriplet, ...]
    split: str  # SEESAW's own value (train/valid/test)
    story_meta: dict[str, str]
    article_meta: dict[str, str]


def checkout_root(path: str | Path) -> Path:
    """The folder holding ``annotations/``, ``articles/`` and ``meta/``: ``path`` or ``path/SEESAW``."""
    path = Path(path)
    for root in (path, path / "SEESAW"):
        if all((root / sub).is_dir() for sub in ("annotations", "articles", "meta")):
            return root
    raise ImportFormatError([Problem(str(path), "", "not a SEESAW checkout: found no annotations/, articles/ and "
                                     "meta/ folders in it or in its SEESAW/ folder",
                                     "pass the folder that holds SEESAW/, or SEESAW/ itself")])


def read_seesaw(path: str | Path) -> list[SeesawArticle]:
    """Read and check every article of a checkout, sorted by doc id; raise one error listing all problems."""
    root = checkout_root(path)
    problems: list[Problem] = []
    annotations = _json_files(root / "annotations", _DOCUMENT_FILE, problems)
    articles = _json_files(root / "articles", _DOCUMENT_FILE, problems)
    metas = _json_files(root / "meta", _META_FILE, problems)
    for name in sorted(annotations.keys() - articles.keys()):
        problems.append(Problem(str(annotations[name]), "", f"no article {root / 'articles' / name} for these "
                                "annotations", "restore the article file, or remove the annotation file"))
    for name in sorted(articles.keys() - annotations.keys()):
        problems.append(Problem(str(articles[name]), "", f"no annotations {root / 'annotations' / name} for this "
                                "article", "restore the annotation file, or remove the article file"))
    meta_cache: dict[str, Any] = {}
    out = []
    for name in sorted(annotations.keys() & articles.keys()):
        story, index = _DOCUMENT_FILE.match(name).groups()
        meta_name = f"TRIPLET_{story}.json"
        if meta_name not in metas:
            problems.append(Problem(str(annotations[name]), "", f"no story metadata {root / 'meta' / meta_name}",
                                    _RESTORE))
            continue
        if meta_name not in meta_cache:
            meta_cache[meta_name] = _load_json(metas[meta_name], problems)
        article = _read_article(name, story, int(index), annotations[name], articles[name], metas[meta_name],
                                meta_cache[meta_name], problems)
        if article is not None:
            out.append(article)
    if problems:
        raise ImportFormatError(list(dict.fromkeys(problems)))  # a story's meta problem is found once per article
    return out


def _json_files(folder: Path, pattern: re.Pattern, problems: list[Problem]) -> dict[str, Path]:
    files = {}
    for file in sorted(folder.glob("*.json")):
        if pattern.match(file.name):
            files[file.name] = file
        else:
            example = "TRIPLET_000.json" if pattern is _META_FILE else "TRIPLET_000_DOCUMENT_0.json"
            problems.append(Problem(str(file), "", f"unexpected file name (expected names like {example})",
                                    "rename or remove the file"))
    return files


def _load_json(file: Path, problems: list[Problem]) -> Any:
    """Parsed JSON object of ``file``, or ``None`` (problem recorded): every check of
    :mod:`actorstance.inputs` (file system, size, nesting, encoding, duplicate keys)."""
    try:
        value = read_json(file, what="SEESAW file", fix=_RESTORE, error=ImportFormatError)
    except ImportFormatError as err:
        problems.extend(Problem(p.where, p.path, p.message, p.fix if p.fix != "fix the JSON syntax"
                                else "fix the JSON syntax, or " + _RESTORE) for p in err.problems)
        return None
    if not isinstance(value, dict):
        problems.append(Problem(str(file), "", f"expected a JSON object, got {_kind(value)}", _RESTORE))
        return None
    return value


def _kind(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class _Checker:
    """Records a problem when a value is not what SEESAW's format promises."""

    def __init__(self, file: Path, problems: list[Problem]):
        self.where, self.problems = str(file), problems

    def fail(self, path: tuple, message: str, fix: str = _RESTORE) -> None:
        self.problems.append(Problem(self.where, json_path(path), message, fix))

    def field(self, obj: dict, key: str, kind: type | tuple, path: tuple = ()) -> Any:
        if key not in obj:
            self.fail((*path, key), "required field is missing")
            return None
        value = obj[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.fail((*path, key), f"expected {_TYPE_NAMES.get(name, name)}, got {_kind(value)}")
            return None
        return value

    def strings(self, value: Any, path: tuple, what: str, *, allowed=None, pattern=None) -> tuple[str, ...] | None:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.fail(path, f"expected a non-empty list of {what}, got {_kind(value)}")
            return None
        for i, v in enumerate(value):
            if allowed is not None and v not in allowed:
                self.fail((*path, i), f"unknown {what[:-1]} {v!r}", f"use one of: {', '.join(allowed)}")
                return None
            if pattern is not None and not pattern.match(v):
                self.fail((*path, i), f"{what[:-1]} {v!r} is not a letter/digit code", _RESTORE)
                return None
        return tuple(value)


_TYPE_NAMES = {"str": "a string", "int": "an integer", "list": "a list", "dict": "an object"}


def _read_article(name: str, story: str, index: int, ann_file: Path, art_file: Path, meta_file: Path,
                  meta: dict | None, problems: list[Problem]) -> SeesawArticle | None:
    n_before = len(problems)
    ann, art = _load_json(ann_file, problems), _load_json(art_file, problems)
    sentences = title = None
    if art is not None:
        title = _Checker(art_file, problems).field(art, "title", str)
        sentences = _read_sentences(art, _Checker(art_file, problems))
    entities = triplets = None
    if ann is not None:
        check = _Checker(ann_file, problems)
        entities = _read_entities(ann, check)
        # triplets are checked even when entities or sentences are not, so that one run shows everything
        triplets = _read_triplets(ann, sentences, _declared_names(ann), check)
    split, story_meta, article_meta = _read_meta(meta, index, _Checker(meta_file, problems)) if meta else (None,) * 3
    if len(problems) > n_before or None in (title, sentences, entities, triplets, split):
        return None
    return SeesawArticle(doc_id=name.removesuffix(".json"), story=story, index=index, title=title,
                         sentences=sentences, entities=entities, triplets=triplets, split=split,
                         story_meta=story_meta, article_meta=article_meta)


def _read_sentences(art: dict, check: _Checker) -> tuple[str, ...] | None:
    items = check.field(art, "text", list)
    if items is None:
        return None
    sentences = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            check.fail(("text", i), f"expected an object {{\"id\", \"text\"}}, got {_kind(item)}")
            return None
        sid, text = check.field(item, "id", int, ("text", i)), check.field(item, "text", str, ("text", i))
        if sid is None or text is None:
            return None
        if sid != i:
            check.fail(("text", i, "id"), f"expected sentence id {i} (its position), got {sid}",
                       "number sentences 0, 1, 2, ... in order")
            return None
        sentences.append(text)
    return tuple(sentences)


def _read_entities(ann: dict, check: _Checker) -> tuple[SeesawEntity, ...] | None:
    records = check.field(ann, "entity lists", list)
    if records is None:
        return None
    entities, seen, ok = [], {}, True
    for i, rec in enumerate(records):
        path = ("entity lists", i)
        if not (isinstance(rec, list) and len(rec) == 4 and isinstance(rec[0], str) and rec[0].strip()):
            check.fail(path, f"expected [name, [types], [Main/Salient], [annotators]], got {_kind(rec)}")
            ok = False
            continue
        name = rec[0]
        types = check.strings(rec[1], (*path, 1), "entity types", allowed=tuple(ENTITY_TYPES))
        annotators = check.strings(rec[3], (*path, 3), "annotators", pattern=_ANNOTATOR)
        if name in PLACEHOLDER_NAMES:
            check.fail((*path, 0), f"entity named {name!r}, which SEESAW triplets use for 'no listed entity'",
                       "rename the entity")
            ok = False
        elif name in seen:
            check.fail((*path, 0), f"entity {name!r} is listed twice (also [\"entity lists\"][{seen[name]}])",
                       "merge the two entries")
            ok = False
        if types is None or annotators is None:
            ok = False
        elif len(types) != len(annotators):
            check.fail(path, f"{len(types)} entity type(s) for {len(annotators)} annotator(s)",
                       "give one type per annotator, in the annotators' order")
            ok = False
        else:
            entities.append(SeesawEntity(name, tuple(ENTITY_TYPES[t] for t in types), annotators))
        seen.setdefault(name, i)
    return tuple(entities) if ok else None


def _declared_names(ann: dict) -> set[str]:
    records = ann.get("entity lists")
    if not isinstance(records, list):
        return set()
    return {r[0] for r in records if isinstance(r, list) and r and isinstance(r[0], str)}


def _read_triplets(ann: dict, sentences: tuple[str, ...] | None, names: set[str],
                   check: _Checker) -> tuple[SeesawTriplet, ...] | None:
    by_sentence = check.field(ann, "sentence-level stances", dict)
    if by_sentence is None:
        return None
    triplets, ok = [], True
    known = sorted(names) + list(PLACEHOLDER_NAMES)
    for key, records in by_sentence.items():
        path = ("sentence-level stances", key)
        if not _SENTENCE_KEY.fullmatch(key) or sentences is not None and not (
                int(key) < len(sentences) and sentences[int(key)].strip()):
            count = f"{len(sentences)} sentences" if sentences is not None else "sentences"
            shown = key if len(key) <= 40 else key[:37] + "..."
            check.fail(path, f"no sentence {shown!r} in the article ({count} numbered from 0; blank ones cannot hold "
                       "a stance)", "use the index of a non-blank sentence of the article")
            ok = False
            continue
        if not isinstance(records, list):
            check.fail(path, f"expected a list of triplets, got {_kind(records)}")
            ok = False
            continue
        ids: set[int] = set()
        for j, rec in enumerate(records):
            if not isinstance(rec, dict):
                check.fail((*path, j), f"expected a triplet object, got {_kind(rec)}")
                ok = False
                continue
            tid = check.field(rec, "id", int, (*path, j))
            subject, obj = check.field(rec, "subject", str, (*path, j)), check.field(rec, "object", str, (*path, j))
            sentiment = check.field(rec, "sentiment", str, (*path, j))
            annotators = check.strings(rec.get("annotators"), (*path, j, "annotators"), "annotators",
                                       pattern=_ANNOTATOR)
            if sentiment is not None and sentiment not in SENTIMENTS:
                check.fail((*path, j, "sentiment"), f"expected \"POS\" or \"NEG\", got {_kind(sentiment)}",
                           "use POS or NEG")
                sentiment = None
            for role, value in (("subject", subject), ("object", obj)):
                if value is not None and value not in names and value not in PLACEHOLDER_NAMES:
                    check.fail((*path, j, role), f"{role} {value!r} is not in the article's entity lists",
                               f"use one of: {', '.join(map(repr, known))}")
                    ok = False
            if tid is not None and tid in ids:
                check.fail((*path, j, "id"), f"triplet id {tid} is used twice in sentence {key}",
                           "give every triplet of a sentence its own id")
                ok = False
            ids.add(tid)
            if None in (tid, subject, obj, sentiment, annotators):
                ok = False
                continue
            triplets.append(SeesawTriplet(int(key), tid, subject, SENTIMENTS[sentiment], obj, annotators))
    triplets.sort(key=lambda t: (t.sentence, t.id))
    return tuple(triplets) if ok else None


def _read_meta(meta: dict, index: int, check: _Checker) -> tuple[str | None, dict, dict]:
    split = check.field(meta, "Split", str)
    if split is not None and split not in SPLITS:
        check.fail(("Split",), f"unknown split {split!r}", f"use one of: {', '.join(SPLITS)}")
        split = None
    story_meta = {key: str(meta[key]) for key in ("story_url", "story_title", "story_time", "story_topic")
                  if isinstance(meta.get(key), (str, int))}
    key = f"Meta info for article {index}"
    info = check.field(meta, key, dict)
    article_meta: dict[str, str] = {}
    if info is not None:
        for field in ("source", "url"):
            value = check.field(info, field, str, (key,))
            if value is not None:
                article_meta[field] = value
        if "bias_label" in info:
            bias = check.field(info, "bias_label", int, (key,))
            if bias is not None:
                article_meta["bias_label"] = str(bias)
    return split, story_meta, article_meta
