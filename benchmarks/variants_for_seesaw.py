"""Model variants the SEESAW benchmark runs besides the registered baselines (``--model variants_for_seesaw:NAME``
with ``PYTHONPATH=benchmarks``; see run_seesaw_benchmark.py).

The registered ``lexicon`` answers ``neutral`` when no cue links a pair (in the ``pairs`` config);
SEESAW has no neutral pair, so that default is wrong on every pair without a cue and the score
measures the default, not the cues. This variant answers ``negative`` instead: the majority label
of SEESAW's *train* split (3,817 of 6,263 pairs), fixed before looking at the test split, so it
shows what the cues add on top of the majority answer. It is not tuned on anything else.
"""

from __future__ import annotations


def lexicon_no_cue_negative():
    """The registered lexicon with ``default_label="negative"``."""
    from actorstance.models.registry import make_baseline

    return make_baseline("lexicon", default_label="negative")


def cue_stack_wide():
    """The row-level cue-stack with the wider row model it had before issue 12: word and region 1-2-grams,
    char_wb 2-5-grams, every term kept (min_df=1). Shows what the faster defaults cost."""
    from actorstance.models.registry import make_baseline

    return make_baseline("cue-stack", word_ngrams=(1, 2), char_ngrams=(2, 5), region_ngrams=(1, 2), min_df=1)
