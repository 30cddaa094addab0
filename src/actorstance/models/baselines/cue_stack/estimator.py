"""The ``cue-stack`` estimators: a row-level logistic regression over the pair views, and its
document-transductive variant that lets the rows of a pair in one document agree.

* :class:`CueStack` (``baseline:cue-stack``) — one logistic regression over
  :func:`~actorstance.models.baselines.cue_stack.features.view_features`. A row's prediction
  depends on that row alone, like every row-level baseline.
* :class:`DocumentConsistentCueStack` (``baseline:cue-stack-document``, ``transductive =
  "document"``) — the same pair's stance rarely changes within an article (in SEESAW, 94% of the
  rows of a (document, source, target) agree), so a second logistic regression combines a row's
  class scores with the mean scores of the other rows of its (document, source, target) that are
  predicted in the same call. It is trained on out-of-fold scores of the training rows
  (``GroupKFold`` by ``doc_id``). It reads model inputs only, never a label of an evaluated row,
  but its answer for a row depends on the other rows of its *document*: results and reports mark
  it as transductive, and it gives the same answers whenever every document is predicted whole.
"""

from __future__ import annotations

import warnings
from collections import defaultdict

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from actorstance.errors import ModelError, ModelSpecError
from actorstance.models.baselines.cue_stack.features import PairViews, view_features
from actorstance.models.baselines.tfidf import FallbackLogisticRegression, SingleClassWarning
from actorstance.models.features import check_rows

_COLUMNS = ("doc_id", "source_id", "target_id", "context", "source", "target", "source_spans", "target_spans")


#: ``min_df`` applies from this many training rows per unit of ``min_df`` (smaller sets keep every term).
MIN_DF_ROWS = 50


def row_pipeline(*, C: float = 0.5, lexicon=None, random_state=0, **features) -> Pipeline:
    """The unfitted row model: ``views`` → ``features`` (word, char, regions, cues, sequence) → ``clf``.

    ``features`` are :func:`~actorstance.models.baselines.cue_stack.features.view_features`' parameters.
    """
    return Pipeline([("views", PairViews(lexicon=lexicon)), *_view_model(C, random_state, features).steps])


def _view_model(C, random_state, features: dict) -> Pipeline:
    return Pipeline([("features", view_features(**features)),
                     ("clf", FallbackLogisticRegression(C=C, max_iter=5000, random_state=random_state))])


def consistency_features(rows, scores: np.ndarray) -> np.ndarray:
    """Each row's scores, then the mean scores of its peers, ``log1p(number of peers)`` and their product.

    Peers of a row: the other rows of ``rows`` with its (doc_id, source_id, target_id), so only
    rows of the same document. The mean is taken over sorted values: the same peers in any order
    give bit-identical features.
    """
    groups = defaultdict(list)
    for i, row in enumerate(rows):
        groups[(row["doc_id"], row["source_id"], row["target_id"])].append(i)
    mean, count = np.zeros_like(scores), np.zeros((len(rows), 1))
    for i, row in enumerate(rows):
        peers = [j for j in groups[(row["doc_id"], row["source_id"], row["target_id"])] if j != i]
        if peers:
            mean[i], count[i] = np.sort(scores[peers], axis=0).mean(axis=0), np.log1p(len(peers))
    return np.hstack([scores, mean, count, mean * count])


class CueStack(ClassifierMixin, BaseEstimator):
    """The row-level ``cue-stack`` baseline (see the module docstring).

    Parameters
    ----------
    C : float
        Inverse regularisation of the logistic regression.
    cue_weight, sequence_weight : float
        Weights of the ``cues`` and ``sequence`` feature blocks (the TF-IDF blocks weigh 1).
    word_ngrams, region_ngrams : (int, int)
        n-gram ranges of the ``word`` (marked context) and ``regions`` blocks.
    char_ngrams : (int, int) or None
        ``char_wb`` n-gram range of the marked context; None (default) leaves that block out.
    min_df : int
        Terms seen in fewer training rows are dropped from the TF-IDF blocks (only from
        ``MIN_DF_ROWS * min_df`` training rows on; a smaller training set keeps every term).
    lexicon : path or None
        A polarity TSV (``lemma``, ``polarity``, ``inflect``); ``None``: the packaged one.
    random_state : int
        Seed of the logistic regression.

    Fitted attributes: ``classes_``, ``row_model_`` (a Pipeline from pair rows).
    """

    _name = "cue-stack"

    def __init__(self, *, C: float = 0.5, cue_weight: float = 0.3, sequence_weight: float = 1.0,
                 word_ngrams=(1, 1), char_ngrams=None, region_ngrams=(1, 1), min_df: int = 2, lexicon=None,
                 random_state=0):
        self.C = C
        self.cue_weight = cue_weight
        self.sequence_weight = sequence_weight
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.region_ngrams = region_ngrams
        self.min_df = min_df
        self.lexicon = lexicon
        self.random_state = random_state

    def fit(self, X, y):
        rows, labels = self._training_data(X, y)
        views = PairViews(lexicon=self.lexicon).fit(rows)
        self._fit_on_views(rows, views, views.transform(rows), labels)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities per row, in ``classes_`` order."""
        check_is_fitted(self)
        rows = check_rows(X, _COLUMNS, who=self._name)
        if len(self.classes_) == 1:
            return np.ones((len(rows), 1))
        return self._proba(rows)

    def _proba(self, rows) -> np.ndarray:
        return np.exp(self._scores(self.row_model_, rows))

    def predict(self, X) -> np.ndarray:
        """One label per row (an object array of label strings)."""
        proba = self.predict_proba(X)
        return np.asarray(self.classes_[np.argmax(proba, axis=1)], dtype=object)

    def _training_data(self, X, y) -> tuple[list, np.ndarray]:
        rows = check_rows(X, _COLUMNS, who=self._name)
        self._check_params()
        if y is None or len(y) != len(rows) or not rows:
            raise ModelError(f"{self._name}: fit needs one label per row, got {len(rows)} rows and "
                             f"{'no' if y is None else len(y)} labels. "
                             "Fix: pass a non-empty training set with its labels")
        labels = np.asarray([str(label) for label in y], dtype=object)
        self.classes_ = np.array(sorted(set(labels)), dtype=object)
        return rows, labels

    def _fit_on_views(self, rows, views: PairViews, matrix: list[dict], labels: np.ndarray) -> None:
        """Fit the row model on precomputed views (each row's views are computed once per fit)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SingleClassWarning)
            model = self._view_model(len(matrix)).fit(matrix, labels)
        self.row_model_ = Pipeline([("views", views), *model.steps])
        if len(self.classes_) == 1:
            warnings.warn(f"{self._name} was trained on a single class ({self.classes_[0]!r}); it predicts that "
                          "class for every pair", SingleClassWarning, stacklevel=3)

    def _view_model(self, n_rows: int) -> Pipeline:
        return _view_model(self.C, self.random_state, {
            "word_ngrams": self.word_ngrams, "char_ngrams": self.char_ngrams, "region_ngrams": self.region_ngrams,
            "min_df": self.min_df if n_rows >= MIN_DF_ROWS * self.min_df else 1,
            "cue_weight": self.cue_weight, "sequence_weight": self.sequence_weight})

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
        for name in ("C", "cue_weight", "sequence_weight"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 \
                    or (name == "C" and not value > 0):
                bound = "> 0" if name == "C" else ">= 0"
                raise ModelSpecError(f"The '{name}' parameter of {self._name} must be a number {bound}. "
                                     f"Got {value!r} instead.")
        for name in ("word_ngrams", "char_ngrams", "region_ngrams"):
            value = getattr(self, name)
            if value is None and name == "char_ngrams":
                continue
            if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(
                    isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in value)
                    and 1 <= value[0] <= value[1]):
                allowed = "a pair (low, high) of ints with 1 <= low <= high" + (" or None" if name == "char_ngrams" else "")
                raise ModelSpecError(f"The '{name}' parameter of {self._name} must be {allowed}. "
                                     f"Got {value!r} instead.")
        if isinstance(self.min_df, bool) or not isinstance(self.min_df, (int, np.integer)) or self.min_df < 1:
            raise ModelSpecError(f"The 'min_df' parameter of {self._name} must be an int >= 1. "
                                 f"Got {self.min_df!r} instead.")


class DocumentConsistentCueStack(CueStack):
    """``cue-stack`` plus agreement of a pair's rows within a document (see the module docstring).

    Parameters: those of :class:`CueStack`, and ``n_splits`` (int): folds, grouped by document, of
    the out-of-fold scores that train the consistency stage.

    Fitted attributes: ``classes_``, ``row_model_``, ``stacker_`` (a LogisticRegression, or None
    with a single class or a single training document).
    """

    _name = "cue-stack-document"
    #: Predictions pool the rows of one document predicted together (never across documents).
    transductive = "document"

    def __init__(self, *, C: float = 0.5, cue_weight: float = 0.3, sequence_weight: float = 1.0,
                 word_ngrams=(1, 1), char_ngrams=None, region_ngrams=(1, 1), min_df: int = 2, n_splits: int = 5,
                 lexicon=None, random_state=0):
        super().__init__(C=C, cue_weight=cue_weight, sequence_weight=sequence_weight, word_ngrams=word_ngrams,
                         char_ngrams=char_ngrams, region_ngrams=region_ngrams, min_df=min_df, lexicon=lexicon,
                         random_state=random_state)
        self.n_splits = n_splits

    def fit(self, X, y):
        rows, labels = self._training_data(X, y)
        views = PairViews(lexicon=self.lexicon).fit(rows)
        matrix = views.transform(rows)
        self._fit_on_views(rows, views, matrix, labels)
        self.stacker_ = None
        documents = [row["doc_id"] for row in rows]
        if len(self.classes_) == 1 or len(set(documents)) < 2:
            return self
        scores = np.zeros((len(rows), len(self.classes_)))
        for train, test in GroupKFold(n_splits=min(self.n_splits, len(set(documents)))).split(rows, labels, documents):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SingleClassWarning)
                model = self._view_model(len(train)).fit([matrix[i] for i in train], labels[train])
            scores[test] = self._scores(model, [matrix[i] for i in test])
        stacker = LogisticRegression(C=0.1, max_iter=5000, random_state=self.random_state)
        self.stacker_ = stacker.fit(consistency_features(rows, scores), labels)
        return self

    def _proba(self, rows) -> np.ndarray:
        scores = self._scores(self.row_model_, rows)
        if self.stacker_ is None:
            return np.exp(scores)
        return self.stacker_.predict_proba(consistency_features(rows, scores))

    def _check_params(self) -> None:
        super()._check_params()
        if isinstance(self.n_splits, bool) or not isinstance(self.n_splits, (int, np.integer)) or self.n_splits < 2:
            raise ModelSpecError(f"The 'n_splits' parameter of {self._name} must be an int >= 2. "
                                 f"Got {self.n_splits!r} instead.")


def cue_stack(*, random_state=0, **params) -> CueStack:
    """Factory of the registry: a row-level :class:`CueStack`; ``params`` are its constructor's parameters.

    >>> cue_stack(C=2.0).get_params()["C"]
    2.0
    """
    return CueStack(random_state=random_state).set_params(**params)


def cue_stack_document(*, random_state=0, **params) -> DocumentConsistentCueStack:
    """Factory of the registry: a :class:`DocumentConsistentCueStack` (transductive within a document).

    >>> cue_stack_document().transductive
    'document'
    """
    return DocumentConsistentCueStack(random_state=random_state).set_params(**params)
