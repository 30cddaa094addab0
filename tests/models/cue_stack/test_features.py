from __future__ import annotations

from actorstance.models.baselines.cue_stack.features import PairViews, pair_view, units
from actorstance.models.baselines.cue_stack.resources import load_polarity_lexicon
from actorstance.models.features import role_spans, tokenize

from ..conftest import corpus, pair


def test_pair_view_masks_mentions_flips_negated_cues_and_abstracts_the_wording():
    words = load_polarity_lexicon()
    view = pair_view(pair("<s>Anna Berg</s> did not praise <t>Lars Holm</t>."), words)
    assert view["marked"] == "[SRC] did not praise [TGT] ."
    assert view["sequence"] == "<s> SRC not POS TGT P"
    assert view["cues"]["neg_between"] == 1 and view["cues"]["value"] == -1 and "pos" not in view["cues"]
    assert view["regions"].split()[:4] == ["order=st", "between=did", "between=not", "between=praise"]
    passive = pair_view(pair("<t>Lars Holm</t> was slammed by <s>Anna Berg</s>."), words)
    assert passive["sequence"] == "<s> TGT was NEG by SRC P"
    assert passive["regions"].startswith("order=ts between=was between=slammed between=by")
    alone = pair_view(pair("Critics praised <t>Lars Holm</t>."), words)
    assert alone["regions"].startswith("missing=s") and alone["cues"]["pos_nopair"] == 1


def test_units_match_a_token_by_token_scan_of_every_span():
    rows, _ = corpus(2)
    rows.append(pair("<s>Anna Berg</s>'s aide met <t>Lars</t> <t>Holm</t>, and Anna Berg left."))
    for row in rows:
        spans = role_spans(row, mask_names=True)
        naive = []
        for token in tokenize(row["context"]):
            role = next((r for s, e, r in spans if token.start < e and token.end > s), None)
            unit = (token.norm, None) if role is None else ({"source": "[src]", "target": "[tgt]"}[role], role)
            if role is None or not naive or naive[-1] != unit:
                naive.append(unit)
        assert units(row["context"], spans) == naive


def test_views_are_computed_per_row():
    rows, _ = corpus(2)
    views = PairViews().fit(rows)
    assert views.transform(rows[3:5]) == views.transform(rows)[3:5]
