"""The ``cue-stack`` baseline: polarity cues around the pair, then agreement within a document.

Two linear stages, CPU-only, with no resource but two word lists shipped in ``actorstance/resources``.

1. **Row model** — a logistic regression over one row's context:

   * ``word``/``char`` — word 1–2-gram and ``char_wb`` 2–5-gram TF-IDF of the context with the
     mentions replaced by ``[SRC]``/``[TGT]`` (as ``tfidf-lr``);
   * ``regions`` — the words between the closest source/target mentions, the five before and after
     them and a few on either side of each mention, each tagged with its region;
   * ``cues`` — counts of polarity words (``cue-stack-polarity.tsv`` plus the single-word positive and
     negative cues of ``stance-lexicon-v1.json``), flipped after a negator, by region (between,
     before or after the pair, no pair) and near each mention, scaled;
   * ``sequence`` — the context reduced to ``SRC``/``TGT``, ``POS``/``NEG`` for cue words and a few
     function words, as 1–3-grams: "SRC NEG TGT" or "TGT was NEG by SRC" whatever the words.

2. **Consistency** — the same pair's stance rarely changes within an article (in SEESAW, 94% of
   the rows of a (document, source, target) agree), so a second logistic regression combines a
   row's class scores with the mean scores of the other rows of the same pair that are predicted
   together: ``"document"`` (same ``doc_id``), ``"batch"`` (also the same source and target ids
   in other documents of the batch) or ``"none"`` (the row model alone). It is trained on
   out-of-fold scores of the training rows (``GroupKFold`` by ``doc_id``). Only model inputs are
   read — never a label of an evaluated row — but with ``"document"``/``"batch"`` a row's
   prediction depends on which other rows are predicted with it.
"""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.utils.validation import check_is_fitted

from actorstance.errors import LexiconError, ModelError, ModelSpecError, Problem
from actorstance.models.baselines.lexicon import load_lexicon
from actorstance.models.baselines.tfidf import WORD_TOKEN_PATTERN, FallbackLogisticRegression, SingleClassWarning
from actorstance.models.features import check_rows, marked_context, role_spans, tokenize
from actorstance.models.resources import read_resource_text

#: The polarity word list shipped with the package (in ``actorstance/resources/``).
POLARITY_RESOURCE = "cue-stack-polarity.tsv"
CONSISTENCY = ("none", "document", "batch")
POLARITIES = {"positive": 1, "negative": -1}
#: A cue within this many units (words or whole mentions) after a negator is flipped.
NEGATION_WINDOW = 3
NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "cannot", "hardly", "barely",
                      "nobody", "nothing", "none"})
#: Words kept in the ``sequence`` view besides SRC/TGT/POS/NEG (punctuation becomes ``P``).
FUNCTION_WORDS = frozenset({
    "by", "of", "to", "for", "against", "with", "on", "in", "said", "says", "say", "told", "called", "that", "and",
    "but", "not", "n't", "never", "no", "was", "were", "is", "be", "been", "has", "have", "had", "would", "will",
    "could", "should", "his", "her", "their", "he", "she", "they", "it", "who", "which", "the", "a", "an", "as",
    "from", "after", "over", "about"})
_PUNCTUATION_KEPT = frozenset({",", ".", '"', "“", "”", ":"})
_COLUMNS = ("doc_id", "source_id", "target_id", "context", "source", "target", "source_spans", "target_spans")
_MARK = {"source": "[src]", "target": "[tgt]"}


def inflections(lemma: str) -> set[str]:
    """The lemma and its regular -s, -ed and -ing forms (both spellings after a consonant-vowel-consonant end).

    >>> sorted(inflections("slam"))
    ['slam', 'slamed', 'slaming', 'slammed', 'slamming', 'slams']
    """
    forms = {lemma}
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        forms.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", lemma):
        forms |= {lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def load_polarity_lexicon(path: str | Path | None = None, *, stance_cues: bool = True) -> dict[str, int]:
    """Lower-cased word form → +1 (positive) or -1 (negative), from a ``lemma/polarity/inflect`` TSV.

    ``None`` reads the packaged ``cue-stack-polarity.tsv``; ``stance_cues`` adds the single-word
    positive and negative cues of the packaged ``stance-lexicon-v1.json`` (the TSV wins a clash).
    Every problem is reported at once as a :class:`~actorstance.errors.LexiconError`.
    """
    where, text = read_resource_text(path, POLARITY_RESOURCE, what="polarity TSV file")
    words: dict[str, int] = {}
    problems: list[Problem] = []
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].split("\t") != ["lemma", "polarity", "inflect"]:
        raise LexiconError([Problem(where, "", "the first line that is not a comment must be the header "
                                    "'lemma<TAB>polarity<TAB>inflect'", "add that header line")])
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != 3 or not re.fullmatch(r"[a-z][a-z']*", cells[0]) or cells[1] not in POLARITIES \
                or cells[2] not in ("yes", "no"):
            problems.append(Problem(f"{where}:{n}", "", f"expected a lower-case word, positive|negative and "
                                    f"yes|no separated by tabs, got {line!r}", "fix the line"))
            continue
        for form in inflections(cells[0]) if cells[2] == "yes" else {cells[0]}:
            words.setdefault(form, POLARITIES[cells[1]])
    if problems:
        raise LexiconError(problems)
    if stance_cues:
        for form, (polarity, _) in sorted(load_lexicon().cues.items()):
            if len(form) == 1 and polarity in POLARITIES:
                words.setdefault(form[0], POLARITIES[polarity])
    return words


def _units(row) -> list[tuple[str, str | None]]:
    """The context as ``(norm, role)`` units: a word or punctuation (role None), or one whole mention."""
    spans = role_spans(row)
    units: list[tuple[str, str | None]] = []
    for token in tokenize(row["context"]):
        role = next((r for s, e, r in spans if token.start < e and token.end > s), None)
        if role is None:
            units.append((token.norm, None))
        elif not units or units[-1] != (_MARK[role], role):
            units.append((_MARK[role], role))
    return units


def pair_view(row, polarity: dict[str, int]) -> dict:
    """The four views of a row that the row model reads: ``marked``, ``regions``, ``cues``, ``sequence``."""
    spans = role_spans(row, mask_names=True)  # the mentions and verbatim repeats of the names
    row = {**row, **{f"{role}_spans": [{"start": s, "end": e} for s, e, r in spans if r == role]
                     for role in ("source", "target")}}
    units = _units(row)
    src = [i for i, (_, role) in enumerate(units) if role == "source"]
    tgt = [i for i, (_, role) in enumerate(units) if role == "target"]
    pair = None
    if src and tgt:
        a, b = min(((s, t) for s in src for t in tgt), key=lambda p: (abs(p[0] - p[1]), p[0]))
        pair = (a, b)
    cues, sequence = _cues_and_sequence(units, polarity, src, tgt, pair and (min(pair), max(pair)))
    return {"marked": marked_context(row, mask_names=False), "regions": " ".join(_regions(units, src, tgt, pair)),
            "cues": cues, "sequence": " ".join(sequence)}


def _regions(units, src: list[int], tgt: list[int], pair: tuple[int, int] | None) -> list[str]:
    def words(lo: int, hi: int) -> list[str]:
        return [units[k][0] for k in range(max(lo, 0), min(hi, len(units)))]

    if pair:
        lo, hi = min(pair), max(pair)
        out = ["order=" + ("st" if pair[0] < pair[1] else "ts")]
        out += ["between=" + w for w in words(lo + 1, hi)]
        out += ["left=" + w for w in words(lo - 5, lo)] + ["right=" + w for w in words(hi + 1, hi + 6)]
    else:
        out = ["missing=" + ("" if src else "s") + ("" if tgt else "t")]
    for name, idx, before, after in (("src", src, 3, 4), ("tgt", tgt, 4, 3)):
        if idx:
            out += [f"{name}_before=" + w for w in words(idx[0] - before, idx[0])]
            out += [f"{name}_after=" + w for w in words(idx[0] + 1, idx[0] + 1 + after)]
    return out


def _cues_and_sequence(units, polarity: dict[str, int], src: list[int], tgt: list[int],
                       span: tuple[int, int] | None) -> tuple[dict[str, float], list[str]]:
    cues: dict[str, float] = defaultdict(float, {"cues": 0.0})  # never empty, nor is any view's vocabulary
    sequence = ["<s>"]
    for i, (norm, role) in enumerate(units):
        value = polarity.get(norm) if role is None else None
        if role is not None:
            sequence.append("SRC" if role == "source" else "TGT")
        elif value is not None:
            sequence.append("POS" if value > 0 else "NEG")
        elif norm in FUNCTION_WORDS or norm in _PUNCTUATION_KEPT:
            sequence.append(norm if norm[0].isalnum() else "P")
        if value is None:
            continue
        if any(units[k][0] in NEGATORS for k in range(max(0, i - NEGATION_WINDOW), i)):
            value = -value
        sign = "pos" if value > 0 else "neg"
        region = "nopair" if span is None else "between" if span[0] < i < span[1] else \
            "before" if i < span[0] else "after"
        for key in ("cues", sign, f"{sign}_{region}"):
            cues[key] += 1
        for key in ("value", f"value_{region}"):
            cues[key] += value
        for name, idx in (("src", src), ("tgt", tgt)):
            if idx and min(abs(i - k) for k in idx) <= 3:
                cues[f"value_near_{name}"] += value
    return dict(cues), sequence


class PairViews(TransformerMixin, BaseEstimator):
    """Transformer: pair rows → :func:`pair_view` dicts; ``fit`` loads the polarity lexicon.

    ``lexicon``: a polarity TSV path, or None for the packaged one.
    """

    def __init__(self, *, lexicon=None):
        self.lexicon = lexicon

    def fit(self, X, y=None):
        self.polarity_ = load_polarity_lexicon(self.lexicon)
        return self

    def transform(self, X) -> list[dict]:
        check_is_fitted(self)
        return [pair_view(row, self.polarity_) for row in X]


def _field(views, *, name: str):
    return [view[name] for view in views]


def row_pipeline(*, C: float = 0.5, cue_weight: float = 0.3, sequence_weight: float = 1.0, lexicon=None,
                 random_state=0) -> Pipeline:
    """The unfitted row model: ``views`` → ``features`` (word, char, regions, cues, sequence) → ``clf``."""
    def branch(name, *steps):
        return name, make_pipeline(FunctionTransformer(_field, kw_args={"name": name}), *steps)

    return Pipeline([
        ("views", PairViews(lexicon=lexicon)),
        ("features", FeatureUnion([
            ("word", make_pipeline(FunctionTransformer(_field, kw_args={"name": "marked"}), TfidfVectorizer(
                ngram_range=(1, 2), token_pattern=WORD_TOKEN_PATTERN, sublinear_tf=True))),
            ("char", make_pipeline(FunctionTransformer(_field, kw_args={"name": "marked"}), TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))),
            branch("regions", TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True)),
            branch("cues", DictVectorizer(), StandardScaler(with_mean=False)),
            branch("sequence", TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 3),
                                               sublinear_tf=True)),
        ], transformer_weights={"cues": cue_weight, "sequence": sequence_weight})),
        ("clf", FallbackLogisticRegression(C=C, max_iter=5000, random_state=random_state)),
    ])


def consistency_features(rows, scores: np.ndarray, mode: str) -> np.ndarray:
    """Each row's scores, then per peer group the peers' mean scores, ``log1p(count)`` and their product.

    Peers of a row: ``"document"`` — the other rows with its (doc_id, source_id, target_id);
    ``"batch"`` — those, then (as a second group) rows with its (source_id, target_id) in other documents.
    """
    keys = [lambda r: (r["doc_id"], r["source_id"], r["target_id"])]
    if mode == "batch":
        keys.append(lambda r: (r["source_id"], r["target_id"]))
    columns = [scores]
    for level, key in enumerate(keys):
        groups = defaultdict(list)
        for i, row in enumerate(rows):
            groups[key(row)].append(i)
        mean, count = np.zeros_like(scores), np.zeros((len(rows), 1))
        for i, row in enumerate(rows):
            peers = [j for j in groups[key(row)] if j != i and (level == 0 or rows[j]["doc_id"] != row["doc_id"])]
            if peers:
                mean[i], count[i] = scores[peers].mean(axis=0), np.log1p(len(peers))
        columns += [mean, count, mean * count]
    return np.hstack(columns)


class CueStack(ClassifierMixin, BaseEstimator):
    """The ``cue-stack`` baseline (see the module docstring).

    Parameters
    ----------
    C : float
        Inverse regularisation of the row model's logistic regression.
    cue_weight, sequence_weight : float
        Weights of the ``cues`` and ``sequence`` feature blocks (the TF-IDF blocks weigh 1).
    consistency : {"none", "document", "batch"}
        Which other rows of the same pair a prediction may combine with (see the module docstring).
    n_splits : int
        Folds (grouped by document) of the out-of-fold scores that train the consistency stage.
    lexicon : path or None
        A polarity TSV (``lemma``, ``polarity``, ``inflect``); ``None``: the packaged one.
    random_state : int
        Seed of the logistic regressions.

    Fitted attributes: ``classes_``, ``row_model_`` (a Pipeline), ``stacker_`` (a LogisticRegression,
    or None with ``consistency="none"``, a single class or a single training document).
    """

    def __init__(self, *, C: float = 0.5, cue_weight: float = 0.3, sequence_weight: float = 1.0,
                 consistency: str = "document", n_splits: int = 5, lexicon=None, random_state=0):
        self.C = C
        self.cue_weight = cue_weight
        self.sequence_weight = sequence_weight
        self.consistency = consistency
        self.n_splits = n_splits
        self.lexicon = lexicon
        self.random_state = random_state

    def fit(self, X, y):
        rows = _rows(X)
        self._check_params()
        if y is None or len(y) != len(rows) or not rows:
            raise ModelError(f"cue-stack: fit needs one label per row, got {len(rows)} rows and "
                             f"{'no' if y is None else len(y)} labels. "
                             "Fix: pass a non-empty training set with its labels")
        labels = np.asarray([str(label) for label in y], dtype=object)
        self.classes_ = np.array(sorted(set(labels)), dtype=object)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SingleClassWarning)
            self.row_model_ = self._row_model().fit(rows, labels)
        self.stacker_ = None
        if len(self.classes_) == 1:
            warnings.warn(f"cue-stack was trained on a single class ({self.classes_[0]!r}); it predicts that class "
                          "for every pair", SingleClassWarning, stacklevel=2)
            return self
        documents = sorted({row["doc_id"] for row in rows})
        if self.consistency != "none" and len(documents) >= 2:
            scores = np.zeros((len(rows), len(self.classes_)))
            folds = GroupKFold(n_splits=min(self.n_splits, len(documents)))
            for train, test in folds.split(rows, labels, [row["doc_id"] for row in rows]):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", SingleClassWarning)
                    model = self._row_model().fit([rows[i] for i in train], labels[train])
                scores[test] = self._scores(model, [rows[i] for i in test])
            features = consistency_features(rows, scores, self.consistency)
            stacker = LogisticRegression(C=0.1, max_iter=5000, random_state=self.random_state)
            self.stacker_ = stacker.fit(features, labels)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities per row, in ``classes_`` order."""
        check_is_fitted(self)
        rows = _rows(X)
        if len(self.classes_) == 1:
            return np.ones((len(rows), 1))
        scores = self._scores(self.row_model_, rows)
        if self.stacker_ is None:
            return np.exp(scores)
        return self.stacker_.predict_proba(consistency_features(rows, scores, self.consistency))

    def predict(self, X) -> np.ndarray:
        """One label per row (an object array of label strings)."""
        proba = self.predict_proba(X)
        return np.asarray(self.classes_[np.argmax(proba, axis=1)], dtype=object)

    def _row_model(self) -> Pipeline:
        return row_pipeline(C=self.C, cue_weight=self.cue_weight, sequence_weight=self.sequence_weight,
                            lexicon=self.lexicon, random_state=self.random_state)

    def _scores(self, model, rows) -> np.ndarray:
        """Log-probabilities over ``classes_`` (a class the model never saw gets log(1e-6))."""
        proba = np.full((len(rows), len(self.classes_)), 1e-6)
        known = list(model.named_steps["clf"].classes_)
        p = model.predict_proba(rows)
        for j, label in enumerate(self.classes_):
            if label in known:
                proba[:, j] = np.clip(p[:, known.index(label)], 1e-6, None)
        return np.log(proba)

    def _check_params(self) -> None:
        if self.consistency not in CONSISTENCY:
            raise ModelSpecError(f"The 'consistency' parameter of cue-stack must be one of {', '.join(CONSISTENCY)}. "
                                 f"Got {self.consistency!r} instead.")
        for name in ("C", "cue_weight", "sequence_weight"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 \
                    or (name == "C" and not value > 0):
                bound = "> 0" if name == "C" else ">= 0"
                raise ModelSpecError(f"The '{name}' parameter of cue-stack must be a number {bound}. "
                                     f"Got {value!r} instead.")
        if isinstance(self.n_splits, bool) or not isinstance(self.n_splits, (int, np.integer)) or self.n_splits < 2:
            raise ModelSpecError(f"The 'n_splits' parameter of cue-stack must be an int >= 2. "
                                 f"Got {self.n_splits!r} instead.")


def _rows(X) -> list:
    return check_rows(X, _COLUMNS, who="cue-stack")


def cue_stack(*, random_state=0, **params) -> CueStack:
    """Factory of the registry: a :class:`CueStack`; ``params`` are its constructor's parameters.

    >>> cue_stack(consistency="none").get_params()["consistency"]
    'none'
    """
    return CueStack(random_state=random_state).set_params(**params)


