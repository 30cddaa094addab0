from __future__ import annotations

import doctest
import warnings

import numpy as np
import pytest
from sklearn.base import clone

from actorstance.errors import LexiconError, ModelError, ModelSpecError
from actorstance.models.baselines import cue_stack as module
from actorstance.models.baselines.cue_stack import (
    CueStack, consistency_features, cue_stack, inflections, load_polarity_lexicon, pair_view,
)
from actorstance.models.baselines.tfidf import SingleClassWarning

from .conftest import corpus, pair

CLEAR = {"positive": "<s>{a}</s> praised <t>{b}</t> for the reform.",
         "negative": "<s>{a}</s> condemned <t>{b}</t> for the attack."}
VAGUE = "<s>{a}</s> spoke about <t>{b}</t> on {day}."


def agreeing_corpus(n_docs: int):
    """Each document: one pair, one clear sentence and two vague ones, all with the pair's label."""
    rows, y = [], []
    for d in range(n_docs):
        label = ("positive", "negative")[d % 2]
        a, b = f"Actor{d}", f"Other{d}"
        texts = [CLEAR[label], VAGUE.replace("{day}", "Monday"), VAGUE.replace("{day}", "Friday")]
        for k, text in enumerate(texts):
            rows.append(pair(text.format(a=a, b=b), id=f"d{d}#{k}", doc_id=f"d{d}", source=a, target=b,
                             source_id=a.lower(), target_id=b.lower()))
            y.append(label)
    return rows, y


def test_the_packaged_lexicon_has_inflected_forms_and_the_stance_cues():
    words = load_polarity_lexicon()
    assert (words["praised"], words["condemned"], words["slammed"], words["criticizing"]) == (1, -1, -1, -1)
    assert "met" not in words and "care" not in words  # neutral cues and domain words are left out
    own = load_polarity_lexicon(stance_cues=False)
    assert "invasion" not in own and words["invasion"] == -1  # a negative cue of stance-lexicon-v1.json
    assert "alliance" not in own and words["alliance"] == 1


def test_inflections():
    assert inflections("deny") == {"deny", "denies", "denied", "denying"}
    assert inflections("praise") == {"praise", "praises", "praised", "praising"}
    assert inflections("attack") == {"attack", "attacks", "attacked", "attacking"}


def test_a_bad_lexicon_file_lists_every_problem(tmp_path):
    path = tmp_path / "lex.tsv"
    path.write_text("# comment\nlemma\tpolarity\tinflect\nlaud\tpositive\tyes\nBlame\tnegative\tyes\nfoe\tbad\tno\n")
    with pytest.raises(LexiconError) as err:
        load_polarity_lexicon(path)
    assert str(err.value) == (
        f"2 problems in the stance lexicon:\n"
        f"  {path}:4: expected a lower-case word, positive|negative and yes|no separated by tabs, got "
        f"'Blame\\tnegative\\tyes'. Fix: fix the line.\n"
        f"  {path}:5: expected a lower-case word, positive|negative and yes|no separated by tabs, got "
        f"'foe\\tbad\\tno'. Fix: fix the line.")
    path.write_text("laud\tpositive\tyes\n")
    with pytest.raises(LexiconError, match="must be the header 'lemma<TAB>polarity<TAB>inflect'"):
        load_polarity_lexicon(path)
    path.write_text("lemma\tpolarity\tinflect\nlaud\tpositive\tno\n")
    assert load_polarity_lexicon(path, stance_cues=False) == {"laud": 1}


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


def test_consistency_features_average_the_other_rows_of_the_pair():
    rows = [{"doc_id": d, "source_id": s, "target_id": "t"} for d, s in (("a", "x"), ("a", "x"), ("a", "y"), ("b", "x"))]
    scores = np.array([[1.0], [3.0], [5.0], [7.0]])
    document = consistency_features(rows, scores, "document")
    np.testing.assert_allclose(document[:, 1], [3.0, 1.0, 0.0, 0.0])  # peers' mean score
    np.testing.assert_allclose(document[:, 2], np.log1p([1, 1, 0, 0]))  # log1p(number of peers)
    batch = consistency_features(rows, scores, "batch")
    assert batch.shape == (4, 7)
    np.testing.assert_allclose(batch[:, 4], [7.0, 7.0, 0.0, 2.0])  # same pair in other documents


def test_document_consistency_lets_clear_rows_decide_vague_ones():
    rows, y = agreeing_corpus(12)
    test, y_test = agreeing_corpus(14)
    test, y_test = test[36:], y_test[36:]  # documents 12 (positive) and 13 (negative), unseen actors
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        consistent = cue_stack(random_state=0).fit(rows, y)
        alone = cue_stack(random_state=0, consistency="none").fit(rows, y)
    assert list(consistent.predict(test)) == y_test
    vague = alone.predict([test[1], test[4]])
    assert vague[0] == vague[1]  # the row model cannot tell the vague sentences apart
    # without consistency a row's prediction does not depend on the batch; with it, it does
    assert list(alone.predict(test[1:2])) == [alone.predict(test)[1]]
    assert consistent.predict(test[1:2])[0] == alone.predict(test[1:2])[0]


def test_predictions_follow_the_rows_not_their_order():
    rows, y = corpus(6)
    test, _ = corpus(2)
    model = cue_stack(consistency="batch").fit(rows, y)
    order = np.random.default_rng(0).permutation(len(test))
    np.testing.assert_allclose(model.predict_proba([test[i] for i in order]), model.predict_proba(test)[order])
    assert model.predict_proba(test).shape == (len(test), 4)
    np.testing.assert_allclose(model.predict_proba(test).sum(axis=1), 1.0)


def test_a_single_class_or_a_single_document_still_fits():
    rows, _ = corpus(1)
    with pytest.warns(SingleClassWarning, match=r"cue-stack was trained on a single class \('neutral'\)"):
        model = cue_stack().fit(rows, ["neutral"] * len(rows))
    assert list(model.predict(rows[:2])) == ["neutral", "neutral"]
    rows, y = corpus(1)
    model = cue_stack().fit(rows, y)
    assert model.stacker_ is None and set(model.predict(rows)) <= set(y)


@pytest.mark.parametrize(("params", "message"), [
    ({"consistency": "story"}, "The 'consistency' parameter of cue-stack must be one of none, document, batch. "
                               "Got 'story' instead."),
    ({"C": 0}, "The 'C' parameter of cue-stack must be a number > 0. Got 0 instead."),
    ({"cue_weight": -1}, "The 'cue_weight' parameter of cue-stack must be a number >= 0. Got -1 instead."),
    ({"n_splits": 1}, "The 'n_splits' parameter of cue-stack must be an int >= 2. Got 1 instead."),
])
def test_bad_parameters_are_named_at_fit(params, message):
    rows, y = corpus(2)
    model = CueStack(**params)
    with pytest.raises(ModelSpecError) as err:
        model.fit(rows, y)
    assert str(err.value) == message


def test_bad_rows_and_labels_are_model_errors():
    rows, y = corpus(2)
    with pytest.raises(ModelError, match=r"cue-stack: fit needs one label per row, got 18 rows and 3 labels"):
        CueStack().fit(rows, y[:3])
    with pytest.raises(ModelError, match=r"cue-stack: row 0 \(id 'x'\) lacks column\(s\) doc_id"):
        CueStack().fit([{"id": "x", "context": "?"}], ["positive"])


def test_clone_keeps_parameters_and_fits_are_deterministic():
    rows, y = corpus(4)
    test, _ = corpus(2)
    model = cue_stack(random_state=3, C=2.0, consistency="batch")
    assert clone(model).get_params() == model.get_params()
    np.testing.assert_array_equal(clone(model).fit(rows, y).predict_proba(test), model.fit(rows, y).predict_proba(test))


def test_docstring_examples():
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
