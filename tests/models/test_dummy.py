from __future__ import annotations

from actorstance.models.baselines.dummy import majority, stratified

X = [{"context": str(i)} for i in range(60)]
Y = ["negative"] * 30 + ["positive"] * 20 + ["neutral"] * 10


def test_majority_predicts_the_most_frequent_label_as_strings():
    predicted = majority().fit(X, Y).predict(X[:3])
    assert predicted.dtype == object and list(predicted) == ["negative"] * 3
    assert majority().fit(X, Y).predict_proba(X[:1]).round(3).tolist() == [[0.5, 0.167, 0.333]]


def test_stratified_is_seeded():
    first = stratified(random_state=1).fit(X, Y)
    assert list(first.predict(X)) == list(first.predict(X)) == list(stratified(random_state=1).fit(X, Y).predict(X))
    assert list(first.predict(X)) != list(stratified(random_state=2).fit(X, Y).predict(X))
    assert set(first.predict(X)) == set(Y)
