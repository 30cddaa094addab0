"""What the ``cue-stack`` row model reads of one pair row: four views, then one sparse matrix.

Each view depends on the row alone (never on other rows of a batch):

* ``marked`` — the context with the mentions (and verbatim repeats of the names) replaced by
  ``[SRC]``/``[TGT]``, for word n-gram (and optionally ``char_wb`` n-gram) TF-IDF;
* ``regions`` — the words between the closest source/target mentions, the five before and after
  them and a few on either side of each mention, each tagged with its region;
* ``cues`` — counts of polarity words, flipped after a negator, by region (between, before or after
  the pair, no pair) and near each mention;
* ``sequence`` — the context reduced to ``SRC``/``TGT``, ``POS``/``NEG`` for cue words and a few
  function words: "SRC NEG TGT" or "TGT was NEG by SRC" whatever the words.

>>> view = pair_view({"context": "Berg did not praise Holm.", "source": "Berg", "target": "Holm",
...                   "source_spans": [(0, 4)], "target_spans": [(20, 24)]}, {"praise": 1})
>>> view["sequence"], view["cues"]["neg_between"]
('<s> SRC not POS TGT P', 1.0)
"""

from __future__ import annotations

from collections import defaultdict

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.utils.validation import check_is_fitted

from actorstance.models.baselines.cue_stack.resources import load_polarity_lexicon
from actorstance.models.baselines.tfidf import WORD_TOKEN_PATTERN
from actorstance.models.features import marked_context, role_spans, tokenize

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
_MARK = {"source": "[src]", "target": "[tgt]"}


def units(context: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The context as ``(norm, role)`` units: a word or punctuation (role None), or one whole mention.

    ``spans`` are non-overlapping ``(start, end, role)`` sorted by start (as :func:`role_spans`
    returns them), so one sweep over tokens and spans together finds each token's mention.

    >>> units("Berg met Holm.", [(0, 4, "source"), (9, 13, "target")])
    [('[src]', 'source'), ('met', None), ('[tgt]', 'target'), ('.', None)]
    """
    out: list[tuple[str, str | None]] = []
    k = 0
    for token in tokenize(context):
        while k < len(spans) and spans[k][1] <= token.start:
            k += 1
        if k < len(spans) and spans[k][0] < token.end:
            unit = (_MARK[spans[k][2]], spans[k][2])
            if not out or out[-1] != unit:
                out.append(unit)
        else:
            out.append((token.norm, None))
    return out


def pair_view(row, polarity: dict[str, int]) -> dict:
    """The four views of a row that the row model reads: ``marked``, ``regions``, ``cues``, ``sequence``."""
    spans = role_spans(row, mask_names=True)  # the mentions and verbatim repeats of the names
    masked = {**row, **{f"{role}_spans": [(s, e) for s, e, r in spans if r == role] for role in ("source", "target")}}
    seq = units(row["context"], spans)
    src = [i for i, (_, role) in enumerate(seq) if role == "source"]
    tgt = [i for i, (_, role) in enumerate(seq) if role == "target"]
    pair = None
    if src and tgt:
        pair = min(((s, t) for s in src for t in tgt), key=lambda p: (abs(p[0] - p[1]), p[0]))
    cues, sequence = _cues_and_sequence(seq, polarity, src, tgt, pair and (min(pair), max(pair)))
    return {"marked": marked_context(masked, mask_names=False), "regions": " ".join(_regions(seq, src, tgt, pair)),
            "cues": cues, "sequence": " ".join(sequence)}


def _regions(seq, src: list[int], tgt: list[int], pair: tuple[int, int] | None) -> list[str]:
    def words(lo: int, hi: int) -> list[str]:
        return [seq[k][0] for k in range(max(lo, 0), min(hi, len(seq)))]

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


def _cues_and_sequence(seq, polarity: dict[str, int], src: list[int], tgt: list[int],
                       span: tuple[int, int] | None) -> tuple[dict[str, float], list[str]]:
    cues: dict[str, float] = defaultdict(float, {"cues": 0.0})  # never empty, nor is any view's vocabulary
    sequence = ["<s>"]
    for i, (norm, role) in enumerate(seq):
        value = polarity.get(norm) if role is None else None
        if role is not None:
            sequence.append("SRC" if role == "source" else "TGT")
        elif value is not None:
            sequence.append("POS" if value > 0 else "NEG")
        elif norm in FUNCTION_WORDS or norm in _PUNCTUATION_KEPT:
            sequence.append(norm if norm[0].isalnum() else "P")
        if value is None:
            continue
        if any(seq[k][0] in NEGATORS for k in range(max(0, i - NEGATION_WINDOW), i)):
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


def view_features(*, word_ngrams: tuple[int, int] = (1, 1), char_ngrams: tuple[int, int] | None = None,
                  region_ngrams: tuple[int, int] = (1, 1), min_df: int = 1, cue_weight: float = 0.3,
                  sequence_weight: float = 1.0) -> FeatureUnion:
    """The unfitted view → sparse matrix step: word, (char), regions, cues and sequence blocks.

    ``char_ngrams=None`` leaves out the ``char_wb`` block of ``marked``; ``min_df`` drops terms of
    the TF-IDF blocks seen in fewer training rows.
    """
    def branch(name, field, *steps):
        return name, make_pipeline(FunctionTransformer(_field, kw_args={"name": field}), *steps)

    blocks = [branch("word", "marked", TfidfVectorizer(ngram_range=tuple(word_ngrams), token_pattern=WORD_TOKEN_PATTERN,
                                                       sublinear_tf=True, min_df=min_df))]
    if char_ngrams is not None:
        blocks.append(branch("char", "marked", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams),
                                                               sublinear_tf=True, min_df=min_df)))
    blocks += [
        branch("regions", "regions", TfidfVectorizer(token_pattern=r"\S+", ngram_range=tuple(region_ngrams),
                                                     sublinear_tf=True, min_df=min_df)),
        branch("cues", "cues", DictVectorizer(), StandardScaler(with_mean=False)),
        branch("sequence", "sequence", TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 3),
                                                       sublinear_tf=True, min_df=min_df)),
    ]
    return FeatureUnion(blocks, transformer_weights={"cues": cue_weight, "sequence": sequence_weight})
