"""Agreement figures on cases computed by hand."""

from __future__ import annotations

import pytest

from actorstance.agreement import measure_agreement
from actorstance.errors import AgreementError

# Two annotators, two documents. Pairs: A marks 3 + 2, B marks 3 + 3, both mark 2 + 2.
#   pair F1 = 2 * 4 / (5 + 6) = 8/11
# Labels on the 4 shared pairs: A pos pos neg neg, B pos neg neg neg → observed 3/4;
#   kappa: p_o = .75, p_e = .5 * .25 + .5 * .75 = .5 → (.75 - .5) / (1 - .5) = 0.5
TWO = {
    "alice": {"d1": [("ann", "bob", "positive"), ("bob", "ann", "positive"), ("cy", "dee", "negative")],
              "d2": [("ann", "cy", "negative"), ("cy", "ann", "negative", False)]},
    "bob": {"d1": [("ann", "bob", "positive"), ("bob", "ann", "negative"), ("dee", "cy", "negative")],
            "d2": [("ann", "cy", "negative"), ("cy", "ann", "negative"), ("eve", "ann", "neutral")]},
}


def test_two_annotators_pair_f1_kappa_and_explicit(folders):
    a, b = folders(**TWO)
    s = measure_agreement([a, b]).summary
    assert (s.documents, s.unshared) == (2, ())
    assert (s.pairs.both, s.pairs.marked, s.pairs.f1) == (4, 11, round(8 / 11, 6))
    assert (s.labels.items, s.labels.comparisons, s.labels.agreeing) == (4, 4, 3)
    assert (s.labels.observed, s.labels.coefficient, s.labels.value) == (0.75, "cohen_kappa", 0.5)
    # explicit: T/T, T/T, T/T, F/T → observed 3/4; kappa: p_e = (3/4)(1) + (1/4)(0) = .75 → 0
    assert (s.explicit.observed, s.explicit.value) == (0.75, 0.0)
    [pair] = s.annotator_pairs
    assert (pair.documents, pair.pairs_a, pair.pairs_b, pair.both) == (2, 5, 6, 4)
    d1, d2 = s.per_document
    assert (d1.doc_id, d1.pairs, d1.shared, d1.pair_f1, d1.label_observed) == ("d1", (3, 3), 2, round(4 / 6, 6), 0.5)
    assert (d2.pairs, d2.shared, d2.pair_f1, d2.label_observed, d2.explicit_observed) == ((2, 3), 2, 0.8, 1.0, 0.5)


def test_the_kappa_agrees_with_scikit_learn_and_the_disagreements_are_listed(folders):
    from sklearn.metrics import cohen_kappa_score

    a, b = folders(**TWO)
    result = measure_agreement([a, b])
    assert result.summary.labels.value == pytest.approx(cohen_kappa_score(["p", "p", "n", "n"], ["p", "n", "n", "n"]))
    kinds = [(d.doc_id, d.source, d.target, d.kind) for d in result.disagreements]
    assert kinds == [("d1", "bob", "ann", "label"), ("d1", "cy", "dee", "pair"), ("d1", "dee", "cy", "pair"),
                     ("d2", "cy", "ann", "explicit"), ("d2", "eve", "ann", "pair")]
    missing = result.disagreements[1].annotations
    assert missing[str(b)] is None and missing[str(a)].label == "negative"


def test_three_annotators_use_krippendorffs_alpha_with_missing_values(folders):
    # one document; item 1 (ann→bob): pos pos pos; item 2 (bob→ann): pos neg neg; item 3 (cy→dee) only eve
    # alpha (nominal), hand computed from the coincidence matrix: o_pp = 3 + 0, o_pn = o_np = 1, o_nn = 1,
    #   n_p = 4, n_n = 2, n = 6 → alpha = 1 - (n - 1) * (o_pn + o_np) / (2 n_p n_n) = 1 - 5 * 2 / 16 = 0.375
    # observed: item 1 3/3 comparisons agree, item 2 1/3 → 4/6
    # pair F1 pooled over the 3 annotator pairs: both = 2 + 2 + 2, marked = (2+2) + (2+3) + (2+3) = 14
    x, y, z = folders(xavi={"d": [("ann", "bob", "positive"), ("bob", "ann", "positive")]},
                      yann={"d": [("ann", "bob", "positive"), ("bob", "ann", "negative")]},
                      zoe={"d": [("ann", "bob", "positive"), ("bob", "ann", "negative"), ("cy", "dee", "positive")]})
    s = measure_agreement([x, y, z]).summary
    assert (s.labels.coefficient, s.labels.value, s.labels.observed) == ("krippendorff_alpha", 0.375, round(4 / 6, 6))
    assert (s.pairs.both, s.pairs.marked, s.pairs.f1) == (6, 14, round(12 / 14, 6))
    assert [(p.a[-4:], p.b[-4:], p.f1) for p in s.annotator_pairs] == [
        ("xavi", "yann", 1.0), ("xavi", "/zoe", 0.8), ("yann", "/zoe", 0.8)]


def test_documents_in_one_folder_are_listed_not_compared(folders):
    a, b = folders(alice={"d1": [("ann", "bob", "positive")], "only_a": [("ann", "bob", "positive")]},
                   bob={"d1": [("ann", "bob", "positive")]})
    s = measure_agreement([a, b]).summary
    assert (s.documents, s.unshared, s.pairs.f1) == (1, ("only_a",), 1.0)
    assert (s.labels.observed, s.labels.value) == (1.0, None)  # one label only: kappa is undefined, not 1


def test_folders_that_cannot_be_compared_are_refused(folders, tmp_path):
    a, b = folders(alice={"d1": [("ann", "bob", "positive")]}, bob={"d2": [("ann", "bob", "positive")]})
    with pytest.raises(AgreementError, match="no document is in two of the folders"):
        measure_agreement([a, b])
    with pytest.raises(AgreementError, match="is the same folder as"):
        measure_agreement([a, a])
    (tmp_path / "empty").mkdir()
    with pytest.raises(AgreementError, match="holds no annotation files"):
        measure_agreement([a, tmp_path / "empty"])
