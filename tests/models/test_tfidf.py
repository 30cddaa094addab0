from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV

from actorstance.errors import SingleClassWarning
from actorstance.models.baselines.tfidf import tfidf_lr

from .conftest import NAMES, TEMPLATES, corpus, pair


def test_it_is_a_pipeline_with_named_steps():
    model = tfidf_lr(random_state=3)
    assert [name for name, _ in model.steps] == ["context", "features", "clf"]
    params = model.get_params()
    assert params["clf__class_weight"] == "balanced" and params["clf__random_state"] == 3
    assert params["features__word__ngram_range"] == (1, 2)
    assert params["features__char__analyzer"] == "char_wb" and params["features__char__ngram_range"] == (2, 5)


def test_it_never_sees_actor_names():
    rows, y = corpus()
    model = tfidf_lr().fit(rows, y)
    vocabulary = model.named_steps["features"].transformer_list[0][1].vocabulary_
    assert not {"berg", "holm", "lind", "saleh", "anna", "lars"} & set(vocabulary)
    assert {"[src]", "[tgt]", "[src] praised"} <= set(vocabulary)
    strangers = [("Bartholomew Quince", "q"), ("Li", "li")]
    renamed = []
    for k, (template, _) in enumerate(TEMPLATES):
        (a, a_id), (b, b_id) = strangers if k % 2 else strangers[::-1]
        renamed.append(pair(template.format(a=a, b=b), source=a, target=b, source_id=a_id, target_id=b_id))
    original = [pair(t.format(a=NAMES[0][0], b=NAMES[1][0])) for t, _ in TEMPLATES]
    assert list(model.predict(renamed)) == list(model.predict(original))
    np.testing.assert_allclose(model.predict_proba(renamed), model.predict_proba(original))


def test_it_learns_the_wording_of_stance():
    rows, y = corpus(4)
    model = tfidf_lr().fit(rows, y)
    unseen = [pair("<s>Ada</s> praised <t>Bo</t> for the reform.", source="Ada", target="Bo"),
              pair("<s>Ada</s> condemned <t>Bo</t> for the attack.", source="Ada", target="Bo")]
    assert list(model.predict(unseen)) == ["positive", "negative"]
    assert model.predict(unseen).dtype == object


def test_a_single_class_training_set_predicts_that_class_and_says_so():
    rows, _ = corpus(1)
    with pytest.warns(SingleClassWarning, match=r"tfidf-lr was trained on a single class \('neutral'\)"):
        model = tfidf_lr().fit(rows, ["neutral"] * len(rows))
    assert model.named_steps["clf"].single_class_ is True
    assert list(model.predict(rows[:2])) == ["neutral", "neutral"]
    assert model.predict_proba(rows[:2]).tolist() == [[1.0], [1.0]]


def test_fits_are_deterministic_given_random_state():
    rows, y = corpus(3)
    first = tfidf_lr(random_state=7, clf__solver="saga", clf__max_iter=200)
    second = tfidf_lr(random_state=7, clf__solver="saga", clf__max_iter=200)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # saga may not converge in 200 iterations; determinism is the point
        p1, p2 = first.fit(rows, y).predict_proba(rows), second.fit(rows, y).predict_proba(rows)
    np.testing.assert_array_equal(p1, p2)


def test_a_small_grid_search_tunes_it():
    rows, y = corpus(4)
    search = GridSearchCV(tfidf_lr(), {"clf__C": [0.1, 10.0], "context__scope": ["context", "between"]},
                          cv=2, scoring="f1_macro", error_score="raise")
    search.fit(rows, y)
    assert set(search.best_params_) == {"clf__C", "context__scope"}
    assert len(search.cv_results_["mean_test_score"]) == 4
    assert list(search.predict(rows[:1])) == [y[0]]
