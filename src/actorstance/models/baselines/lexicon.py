"""The ``lexicon`` baseline: stance cue words placed between a pair's mentions; no training.

A cue (``praised``, ``condemned``, ``met`` ... from ``resources/stance-lexicon-v1.json``) links a
source to a target when, inside one sentence of the pair's context,

1. ``source … cue … target`` — a source mention before the cue, a target mention after it; or
2. ``target … cue by source`` — the passive: a target mention before the cue, ``by`` within the
   two tokens after it, and a source mention after ``by``.

Rule 1 beats rule 2; within a rule the cue nearest the target mention after it (then nearest the
source mention, then the earliest) wins. A negator (``not``, ``n't``, ``never``, ``refused to`` …)
ending at most ``negation_window`` tokens before the cue, with no punctuation or mention between,
flips ``positive``↔``negative``; a negated ``neutral`` cue (``did not meet``) is no cue. Cues whose
label is not in ``classes_`` are skipped. Without a cue the model predicts ``default_label_``.
See docs/baselines.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from actorstance.errors import LexiconError, ModelError, ModelSpecError, Problem
from actorstance.inputs import parse_json
from actorstance.labels import NONE_LABEL
from actorstance.models.features import Token, check_rows, role_spans, tokenize
from actorstance.package_data import read_resource_text

#: The lexicon shipped with the package (in ``actorstance/resources/``).
LEXICON_RESOURCE = "stance-lexicon-v1.json"
CUE_POLARITIES = ("positive", "negative", "neutral")
_FLIP = {"positive": "negative", "negative": "positive"}
_COLUMNS = ("context", "source", "target", "source_spans", "target_spans")


@dataclass(frozen=True)
class Lexicon:
    """A parsed lexicon: token sequences of every surface form → ``(polarity, lemma)``."""

    version: str
    cues: dict[tuple[str, ...], tuple[str, str]]
    negators: frozenset[tuple[str, ...]]

    @property
    def longest(self) -> int:
        return max((len(form) for form in self.cues), default=1)


@dataclass(frozen=True)
class CueMatch:
    """Why the lexicon labelled a pair: the cue, where it is (context offsets), the rule used."""

    cue: str
    lemma: str
    start: int
    end: int
    polarity: str
    negated: bool
    label: str
    rule: str

    def to_dict(self) -> dict:
        return asdict(self)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and check a lexicon file (``None``: the packaged ``stance-lexicon-v1.json``).

    Every problem is reported at once as a :class:`~actorstance.errors.LexiconError`.
    """
    where, text = read_resource_text(path, LEXICON_RESOURCE, what="lexicon JSON file")
    data = parse_json(text.encode("utf-8"), where, error=LexiconError)  # limits, duplicate keys, NaN
    return _parse(data, where)


def _parse(data, where: str) -> Lexicon:
    problems: list[Problem] = []
    fix_cues = f"give 'cues' as an object with keys among {', '.join(CUE_POLARITIES)}, each mapping a lemma to a list of forms"
    if not isinstance(data, dict):
        raise LexiconError([Problem(where, "", f"expected a JSON object, got {type(data).__name__}",
                                    "see the packaged stance-lexicon-v1.json for the layout")])
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        problems.append(Problem(where, "version", f"expected a non-empty string, got {version!r}",
                                'add a version such as "1.0.0"'))
    cues: dict[tuple[str, ...], tuple[str, str]] = {}
    raw_cues = data.get("cues")
    if not isinstance(raw_cues, dict) or not raw_cues:
        problems.append(Problem(where, "cues", f"expected a non-empty object, got {type(raw_cues).__name__}", fix_cues))
        raw_cues = {}
    for polarity in sorted(raw_cues):
        lemmas = raw_cues[polarity]
        if polarity not in CUE_POLARITIES:
            problems.append(Problem(where, f"cues.{polarity}", "unknown polarity", fix_cues))
            continue
        if not isinstance(lemmas, dict):
            problems.append(Problem(where, f"cues.{polarity}", f"expected an object, got {type(lemmas).__name__}", fix_cues))
            continue
        for lemma in sorted(lemmas):
            forms = lemmas[lemma]
            if not isinstance(forms, list) or not forms:
                problems.append(Problem(where, f"cues.{polarity}.{lemma}", "expected a non-empty list of forms", fix_cues))
                continue
            for i, form in enumerate(forms):
                key = _phrase(form)
                path = f"cues.{polarity}.{lemma}[{i}]"
                if key is None:
                    problems.append(Problem(where, path, f"expected a non-empty string, got {form!r}",
                                            "write the form as a word or phrase"))
                elif key in cues and cues[key][0] != polarity:
                    problems.append(Problem(where, path, f"form {form!r} is also a {cues[key][0]} cue",
                                            "keep each form under one polarity"))
                else:
                    cues[key] = (polarity, lemma)
    negators = data.get("negators", [])
    keys = [_phrase(n) for n in negators] if isinstance(negators, list) else [None]
    for i, key in enumerate(keys):
        if key is None:
            problems.append(Problem(where, f"negators[{i}]" if isinstance(negators, list) else "negators",
                                    "expected a list of non-empty strings", 'write e.g. ["not", "refused to"]'))
    if problems:
        raise LexiconError(problems)
    return Lexicon(version=version, cues=cues, negators=frozenset(keys))


def _phrase(form) -> tuple[str, ...] | None:
    if not isinstance(form, str):
        return None
    key = tuple(t.norm for t in tokenize(form))
    return key or None


def find_cue(row, lexicon: Lexicon, *, labels, negation_window: int = 3) -> CueMatch | None:
    """The cue that links the row's source to its target (see the module docstring), or ``None``."""
    tokens = tokenize(row["context"])
    roles = _token_roles(tokens, role_spans(row, mask_names=True))
    best = None
    for i, j, polarity, lemma in _cue_occurrences(tokens, roles, lexicon):
        negated = _negated(tokens, roles, i, lexicon, negation_window)
        label = _FLIP.get(polarity) if negated else polarity
        if label is None or label not in labels:
            continue
        placed = _placement(tokens, roles, i, j)
        if placed is None:
            continue
        key, rule = placed
        if best is None or (key, i) < best[0]:
            cue = row["context"][tokens[i].start:tokens[j - 1].end]
            best = ((key, i), CueMatch(cue, lemma, tokens[i].start, tokens[j - 1].end, polarity, negated, label, rule))
    return best[1] if best else None


def _token_roles(tokens: list[Token], spans) -> list[str | None]:
    roles: list[str | None] = []
    for t in tokens:
        role = next((r for s, e, r in spans if t.start < e and t.end > s), None)
        roles.append(role)
    return roles


def _cue_occurrences(tokens, roles, lexicon: Lexicon):
    """``(first, stop, polarity, lemma)`` of every cue outside mentions, longest match first."""
    i, n = 0, len(tokens)
    while i < n:
        for length in range(min(lexicon.longest, n - i), 0, -1):
            span = range(i, i + length)
            key = tuple(tokens[k].norm for k in span)
            if key in lexicon.cues and all(roles[k] is None for k in span) \
                    and len({tokens[k].sentence for k in span}) == 1:
                polarity, lemma = lexicon.cues[key]
                yield i, i + length, polarity, lemma
                i += length
                break
        else:
            i += 1


def _negated(tokens, roles, i: int, lexicon: Lexicon, window: int) -> bool:
    """Whether a negator ends within ``window`` tokens before token ``i`` (same clause, no mention between)."""
    sentence = tokens[i].sentence
    for end in range(i - 1, max(-1, i - 1 - window), -1):
        t = tokens[end]
        if t.sentence != sentence or roles[end] is not None or not t.norm[0].isalnum():
            return False
        for negator in lexicon.negators:
            first = end - len(negator) + 1
            if first >= 0 and tuple(tokens[k].norm for k in range(first, end + 1)) == negator:
                return True
    return False


def _placement(tokens, roles, i: int, j: int):
    """``(sort key, rule)`` when the cue at tokens ``i:j`` sits between the pair's mentions."""
    sentence = tokens[i].sentence
    same = [k for k, t in enumerate(tokens) if t.sentence == sentence]
    before = [k for k in same if k < i]
    after = [k for k in same if k >= j]
    sources_before = [k for k in before if roles[k] == "source"]
    targets_after = [k for k in after if roles[k] == "target"]
    if sources_before and targets_after:
        return (0, targets_after[0] - j, i - sources_before[-1]), "source-cue-target"
    by = next((k for k in after[:2] if tokens[k].norm == "by"), None)
    targets_before = [k for k in before if roles[k] == "target"]
    sources_after_by = [k for k in after if by is not None and k > by and roles[k] == "source"]
    if targets_before and sources_after_by:
        return (1, sources_after_by[0] - j, i - targets_before[-1]), "target-cue-by-source"
    return None


class LexiconBaseline(ClassifierMixin, BaseEstimator):
    """Rule-based stance from cue words between the pair's mentions; learns nothing.

    Parameters
    ----------
    lexicon : path or None
        A lexicon JSON file; ``None`` uses the packaged ``stance-lexicon-v1.json``.
    negation_window : int
        How many tokens before a cue a negator may end and still negate it.
    default_label : str or None
        Prediction when no cue links the pair. ``None``: ``"none"`` if it is a class, else
        ``"neutral"`` if it is a class, else abstain (predict ``None``). Never a frequency.
    labels : list of str or None
        The label set. ``None``: the distinct values of ``y`` given to ``fit`` (only the set is read).

    Fitted attributes: ``classes_``, ``default_label_``, ``lexicon_`` (a :class:`Lexicon`),
    ``lexicon_version_``.

    >>> row = {"context": "Berg praised Holm.", "source": "Berg", "target": "Holm",
    ...        "source_spans": [{"start": 0, "end": 4}], "target_spans": [{"start": 13, "end": 17}]}
    >>> LexiconBaseline(labels=["positive", "negative", "neutral"]).fit([row]).predict([row])
    array(['positive'], dtype=object)
    """

    #: ``fit`` learns nothing from the labels but their set: no training protocol is needed.
    requires_fit = False

    def __init__(self, *, lexicon=None, negation_window: int = 3, default_label: str | None = None, labels=None):
        self.lexicon = lexicon
        self.negation_window = negation_window
        self.default_label = default_label
        self.labels = labels

    def fit(self, X, y=None):
        rows = check_rows(X, _COLUMNS, who="lexicon")
        if isinstance(self.negation_window, bool) or not isinstance(self.negation_window, (int, np.integer)) \
                or self.negation_window < 0:
            raise ModelSpecError(f"The 'negation_window' parameter of lexicon must be an int >= 0. "
                                 f"Got {self.negation_window!r} instead.")
        classes = self._label_set(rows, y)
        if self.default_label is not None and self.default_label not in classes:
            raise ModelSpecError(f"The 'default_label' parameter of lexicon must be one of the labels "
                                 f"{', '.join(sorted(classes))}. Got {self.default_label!r} instead.")
        self.lexicon_ = load_lexicon(self.lexicon)
        self.lexicon_version_ = self.lexicon_.version
        self.classes_ = np.array(sorted(classes), dtype=object)
        self.default_label_ = self.default_label if self.default_label is not None else next(
            (label for label in (NONE_LABEL, "neutral") if label in classes), None)
        return self

    def _label_set(self, rows, y) -> set[str]:
        if y is not None and len(y) != len(rows):
            raise ModelError(f"lexicon: fit got {len(rows)} rows but {len(y)} labels. Fix: pass one label per row")
        if self.labels is not None:
            labels = list(self.labels)
            if not labels or not all(isinstance(label, str) and label for label in labels):
                raise ModelSpecError(f"The 'labels' parameter of lexicon must be a non-empty list of label "
                                     f"strings. Got {self.labels!r} instead.")
            unknown = sorted(set(() if y is None else y) - set(labels))
            if unknown:
                raise ModelError(f"lexicon: y has label(s) {', '.join(map(repr, unknown))} outside labels="
                                 f"{labels}. Fix: add them to 'labels' or leave 'labels' unset")
            return set(labels)
        if y is None or len(y) == 0:
            raise ModelError("lexicon: fit needs the label set, got no labels. "
                             "Fix: pass y, or set the 'labels' parameter (e.g. labels=['positive', 'negative', 'neutral'])")
        return {str(label) for label in y}

    def predict(self, X) -> np.ndarray:
        """One label per row (``None`` where there is no cue and no default label)."""
        check_is_fitted(self)
        labels = [m.label if m else self.default_label_ for m in self._matches(X)]
        return np.array(labels, dtype=object)

    def explain(self, X) -> list[dict | None]:
        """The :class:`CueMatch` behind each prediction as a dict (``None``: no cue, default label)."""
        check_is_fitted(self)
        return [m.to_dict() if m else None for m in self._matches(X)]

    def _matches(self, X) -> list[CueMatch | None]:
        rows = check_rows(X, _COLUMNS, who="lexicon")
        labels = set(self.classes_)
        return [find_cue(row, self.lexicon_, labels=labels, negation_window=int(self.negation_window)) for row in rows]


def lexicon(*, random_state=None, **params) -> LexiconBaseline:
    """Factory of the registry: a :class:`LexiconBaseline` (deterministic: ``random_state`` is unused)."""
    return LexiconBaseline().set_params(**params)
