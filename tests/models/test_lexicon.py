from __future__ import annotations

import json
import re

import pytest

from actorstance.annotations import load_annotations
from actorstance.columns import MODEL_INPUT_COLUMNS
from actorstance.convert import stance_pairs
from actorstance.errors import LexiconError, ModelError, ModelSpecError
from actorstance.labels import ALL_LABELS, STANCE_LABELS
from actorstance.models.baselines.lexicon import LexiconBaseline, load_lexicon
from tests.conftest import json_error

from .conftest import TINY


def predict(row, labels=ALL_LABELS, **params):
    return LexiconBaseline(labels=list(labels), **params).fit([row]).predict([row])[0]


def explain(row, labels=ALL_LABELS, **params):
    return LexiconBaseline(labels=list(labels), **params).fit([row]).explain([row])[0]


@pytest.mark.parametrize("marked, label", [
    ("<s>Anna Berg</s> praised <t>Lars Holm</t> for his leadership.", "positive"),
    ("<s>Berg</s> sharply criticized <t>Holm</t>.", "negative"),
    ("<s>Berg</s> met <t>Holm</t> in Minsk.", "neutral"),
    ("<s>Berg</s> sided with <t>Holm</t>.", "positive"),
    ("<s>Berg</s> lashed out at <t>Holm</t>.", "negative"),
    ("<t>Holm</t> was praised by <s>Berg</s>.", "positive"),
    ("<s>Berg</s>’s condemnation of <t>Holm</t> surprised nobody.", "negative"),
])
def test_cue_between_source_and_target_gives_its_polarity(make_pair, marked, label):
    assert predict(make_pair(marked)) == label


def test_the_match_is_explained(make_pair):
    row = make_pair("<s>Anna Berg</s> praised <t>Lars Holm</t>.")
    assert explain(row) == {"cue": "praised", "lemma": "praise", "start": 10, "end": 17, "polarity": "positive",
                            "negated": False, "label": "positive", "rule": "source-cue-target"}
    passive = explain(make_pair("<t>Holm</t> was praised by <s>Berg</s>."))
    assert passive["rule"] == "target-cue-by-source"


@pytest.mark.parametrize("marked, label", [
    ("<s>Berg</s> did not praise <t>Holm</t>.", "negative"),
    ("<s>Berg</s> didn't praise <t>Holm</t>.", "negative"),
    ("<s>Berg</s> never once criticised <t>Holm</t>.", "positive"),
    ("<s>Berg</s> refused to condemn <t>Holm</t>.", "positive"),
    ("<s>Berg</s> refused to meet <t>Holm</t>.", "none"),  # a negated neutral cue is no cue
    ("<s>Berg</s> did not, as expected, praise <t>Holm</t>.", "positive"),  # punctuation stops negation
    ("<s>Berg</s> did not want to publicly praise <t>Holm</t>.", "positive"),  # beyond the window
])
def test_negation_before_the_cue(make_pair, marked, label):
    assert predict(make_pair(marked)) == label


def test_negation_window_is_a_parameter(make_pair):
    row = make_pair("<s>Berg</s> did not want to publicly praise <t>Holm</t>.")
    assert predict(row, negation_window=5) == "negative"
    assert explain(row, negation_window=5)["negated"] is True


@pytest.mark.parametrize("marked", [
    "<t>Holm</t> praised <s>Berg</s>.",  # the other direction
    "<s>Berg</s> spoke on Monday. She praised <t>Holm</t>.",  # no source mention in the cue's sentence
    "<s>Berg</s> and <t>the Support Party</t> attended.",  # a cue inside a mention is no cue
    "<s>Berg</s> travelled to meet voters. <t>Holm</t> stayed home.",
])
def test_no_linking_cue_gives_the_default(make_pair, marked):
    assert predict(make_pair(marked)) == "none"


def test_the_cue_nearest_the_target_wins(make_pair):
    row = make_pair("<s>Holm</s>, who criticised the bank, praised <t>Berg</t>.")
    assert explain(row)["cue"] == "praised"


@pytest.mark.parametrize("labels, default", [
    (ALL_LABELS, "none"), (STANCE_LABELS, "neutral"), (("positive", "negative"), None),
])
def test_default_label_follows_the_label_set(make_pair, labels, default):
    model = LexiconBaseline(labels=list(labels)).fit([])
    assert model.default_label_ == default
    assert list(model.predict([make_pair("<s>Berg</s> and <t>Holm</t> arrived.")])) == [default]


def test_cues_whose_label_is_not_a_class_are_skipped(make_pair):
    row = make_pair("<s>Berg</s> praised and then met <t>Holm</t>.")
    assert predict(row) == "neutral"
    assert predict(row, labels=("positive", "negative")) == "positive"


def test_classes_come_from_y_or_labels(make_pair):
    row = make_pair("<s>Berg</s> met <t>Holm</t>.")
    model = LexiconBaseline().fit([row, row], ["positive", "negative"])
    assert list(model.classes_) == ["negative", "positive"]
    assert model.default_label_ is None
    assert list(LexiconBaseline(default_label="negative").fit([row, row], ["positive", "negative"]).predict([row])) \
        == ["negative"]


def test_bad_parameters_and_missing_labels_are_clear_errors(make_pair):
    row = make_pair("<s>Berg</s> met <t>Holm</t>.")
    with pytest.raises(ModelSpecError) as err:
        LexiconBaseline(default_label="maybe", labels=["positive", "negative"]).fit([row])
    assert str(err.value) == ("The 'default_label' parameter of lexicon must be one of the labels negative, "
                              "positive. Got 'maybe' instead.")
    with pytest.raises(ModelSpecError, match="The 'negation_window' parameter of lexicon must be an int >= 0"):
        LexiconBaseline(negation_window=-1, labels=["none"]).fit([row])
    with pytest.raises(ModelError, match="lexicon: fit needs the label set, got no labels"):
        LexiconBaseline().fit([row])
    with pytest.raises(ModelError, match=r"lexicon: y has label\(s\) 'none' outside labels="):
        LexiconBaseline(labels=["positive"]).fit([row], ["none"])


def test_packaged_lexicon_is_versioned_and_covers_the_named_cues():
    lexicon = load_lexicon()
    assert lexicon.version == "1.0.0"
    for word, polarity in [("praised", "positive"), ("thank", "positive"), ("grateful", "positive"),
                           ("ally", "positive"), ("welcomed", "positive"), ("accuses", "negative"),
                           ("criticise", "negative"), ("criticize", "negative"), ("condemned", "negative"),
                           ("revolt", "negative"), ("mutiny", "negative"), ("called", "neutral"),
                           ("negotiating", "neutral"), ("mediation", "neutral")]:
        assert lexicon.cues[(word,)][0] == polarity, word
    assert ("refused", "to") in lexicon.negators and ("n't",) in lexicon.negators


def test_a_custom_lexicon_file_is_used(tmp_path, make_pair):
    path = tmp_path / "lex.json"
    path.write_text(json.dumps({"version": "test-1", "cues": {"positive": {"hug": ["hugged"]}}}), encoding="utf-8")
    model = LexiconBaseline(lexicon=str(path), labels=list(ALL_LABELS)).fit([])
    assert model.lexicon_version_ == "test-1"
    assert list(model.predict([make_pair("<s>Berg</s> hugged <t>Holm</t>."),
                               make_pair("<s>Berg</s> praised <t>Holm</t>.")])) == ["positive", "none"]


def test_a_malformed_lexicon_lists_every_problem(tmp_path):
    path = tmp_path / "lex.json"
    path.write_text(json.dumps({"cues": {"positive": {"hug": ["hugged", 3]}, "angry": {"x": ["x"]},
                                         "negative": {"hit": ["hugged"]}}}), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert str(err.value).splitlines() == [
        "4 problems in the stance lexicon:",
        f"  {path}: version: expected a non-empty string, got None. Fix: add a version such as \"1.0.0\".",
        f"  {path}: cues.angry: unknown polarity. Fix: give 'cues' as an object with keys among positive, "
        "negative, neutral, each mapping a lemma to a list of forms.",
        f"  {path}: cues.positive.hug[0]: form 'hugged' is also a negative cue. Fix: keep each form under one polarity.",
        f"  {path}: cues.positive.hug[1]: expected a non-empty string, got 3. Fix: write the form as a word or phrase.",
    ]
    path.write_text("{", encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"lex.json:1: invalid JSON: {json_error('{')}")):
        load_lexicon(path)


def test_lexicon_labels_every_pair_of_the_tiny_fixture_right():
    pairs = [p.to_record() for p in stance_pairs(load_annotations([TINY]))]
    rows = [{k: p[k] for k in MODEL_INPUT_COLUMNS} for p in pairs]
    model = LexiconBaseline(labels=list(STANCE_LABELS)).fit(rows)
    assert list(model.predict(rows)) == [p["label"] for p in pairs]
