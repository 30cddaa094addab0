from __future__ import annotations

import pytest

from actorstance.errors import ModelError, ModelSpecError
from actorstance.models.features import MarkedContext, check_rows, marked_context, role_spans, tokenize


def test_tokenize_splits_negative_contractions_and_keeps_offsets():
    text = "Holm didn’t call Berg’s office."
    tokens = tokenize(text)
    assert [t.norm for t in tokens] == ["holm", "did", "n't", "call", "berg's", "office", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)


@pytest.mark.parametrize("text, sentences", [
    ("Berg spoke. Holm left.", [0, 0, 0, 1, 1, 1]),
    ("Mr. Holm left. Berg", [0, 0, 0, 0, 0, 1]),
    ("The U.S. envoy left", [0, 0, 0, 0, 0, 0, 0]),
    ("Berg spoke\n\nHolm left", [0, 0, 1, 1]),
    ("Berg spoke? Holm left!", [0, 0, 0, 1, 1, 1]),
])
def test_tokenize_numbers_sentences(text, sentences):
    assert [t.sentence for t in tokenize(text)] == sentences


def test_marked_context_replaces_mentions_with_markers(make_pair):
    row = make_pair("<s>Prime Minister Anna Berg</s> praised <t>Holm</t> and <t>his</t> team.")
    assert marked_context(row) == "[SRC] praised [TGT] and [TGT] team."


def test_marked_context_masks_unannotated_repeats_of_the_names(make_pair):
    row = make_pair("<s>She</s> praised <t>him</t>. Anna Berg likes Lars Holm, said Anna Bergman.")
    assert marked_context(row) == "[SRC] praised [TGT] . [SRC] likes [TGT] , said Anna Bergman."
    assert marked_context(row, mask_names=False) == "[SRC] praised [TGT] . Anna Berg likes Lars Holm, said Anna Bergman."


def test_overlapping_spans_keep_the_first_and_longest(make_pair):
    row = make_pair("<s>Berg</s> met Holm.")
    row["target_spans"] = [{"start": 0, "end": 2}, {"start": 9, "end": 13}]
    row["source_spans"].append({"start": 0, "end": 8})
    assert role_spans(row) == [(0, 8, "source"), (9, 13, "target")]


def test_between_scope_keeps_the_closest_mentions(make_pair):
    row = make_pair("<s>Berg</s> spoke at length on Monday. Later <t>Holm</t> was thanked by <s>her</s> again.")
    assert marked_context(row, scope="between") == "[TGT] was thanked by [SRC]"
    assert marked_context(make_pair("<s>Berg</s> spoke."), scope="between") == "[SRC] spoke."


def test_marked_context_transformer_maps_rows_to_strings(make_pair):
    rows = [make_pair("<s>Berg</s> met <t>Holm</t>.")]
    assert MarkedContext().fit_transform(rows) == ["[SRC] met [TGT] ."]
    with pytest.raises(ModelSpecError, match="The 'scope' parameter of MarkedContext must be one of "
                                             "context, between. Got 'all' instead."):
        MarkedContext(scope="all").fit(rows)


def test_check_rows_names_the_row_and_the_missing_columns(make_pair):
    row = make_pair("<s>Berg</s> met <t>Holm</t>.")
    del row["context"]
    with pytest.raises(ModelError) as err:
        check_rows([make_pair("x"), row], ("context", "source_spans"), who="lexicon")
    assert str(err.value) == ("lexicon: row 1 (id 'd/berg->holm') lacks column(s) context. Fix: pass rows with "
                              "the columns of actorstance.dataset.features.MODEL_INPUT_COLUMNS")
    with pytest.raises(ModelError, match="lexicon: row 0 is a str, expected a dict of pair columns"):
        check_rows(["text"], ("context",), who="lexicon")
    with pytest.raises(ModelError, match="lexicon: X must be a list of pair rows"):
        check_rows(3, ("context",), who="lexicon")


def test_names_of_actors_without_mentions_are_not_masked(make_pair):
    row = make_pair("None of them praised <t>Holm</t>.", source="None")
    assert marked_context(row) == "None of them praised [TGT] ."
