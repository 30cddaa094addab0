"""The real SEESAW corpus, when a copy sits at ../shared/seesaw (never committed; skipped elsewhere)."""

import json

import pytest

from actorstance.annotations import load_annotations
from actorstance.importers import import_seesaw
from tests.conftest import SHARED

SEESAW = SHARED / "seesaw"

pytestmark = [
    pytest.mark.skipif(not (SEESAW / "SEESAW" / "annotations").is_dir(), reason=f"no SEESAW checkout at {SEESAW}"),
    pytest.mark.slow,  # about 5 s: imports and validates the whole corpus
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("seesaw") / "out"
    return out, import_seesaw(SEESAW, out)


def test_every_triplet_is_accounted_for(imported):
    _, report = imported
    assert (report.documents, report.records) == (609, 10619)  # the figures SEESAW publishes
    assert report.skipped == {"outvoted_conflict": 1, "tied_conflict": 2}
    assert report.stances == 10616 and report.accounted
    assert report.mapped["subject_none_to_placeholder"] == 968
    assert report.mapped["subject_not_in_the_list_to_placeholder"] + \
        report.mapped["object_not_in_the_list_to_placeholder"] == 1892
    assert report.split_documents == {"train": 381, "validation": 105, "test": 123}
    assert report.split_stances == {"train": 6263, "validation": 2433, "test": 1920}


def test_test_split_matches_the_published_majority_baseline(imported):
    out, _ = imported
    splits = json.loads((out / "splits.json").read_text(encoding="utf-8"))
    labels = [s.label for doc in load_annotations([out]) if splits[doc.doc_id] == "test"
              for s in doc.annotation.stances]  # load_annotations also validates every file
    assert len(labels) == 1920
    assert round(100 * labels.count("negative") / len(labels), 1) == 62.8  # majority-class micro-F1 in the papers


def test_each_annotators_version_is_kept_for_agreement(tmp_path):
    from actorstance.importers import import_seesaw_annotators

    report = import_seesaw_annotators(SEESAW, tmp_path / "out")
    assert report.annotator_documents == {"seesaw-A": 239, "seesaw-B": 189, "seesaw-C": 165, "seesaw-D": 108,
                                          "seesaw-E": 36, "seesaw-F": 6}
    versions: dict[str, int] = {}
    for folder in sorted((tmp_path / "out").iterdir()):
        if folder.is_dir():
            for doc in load_annotations([folder]):
                versions[doc.doc_id] = versions.get(doc.doc_id, 0) + 1
    # the 62 multiply-annotated documents of SEESAW (3 of its 609 articles have no annotation at all)
    assert (len(versions), sum(n > 1 for n in versions.values())) == (606, 62)
