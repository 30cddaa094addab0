"""The import report: every record accounted for, rendered in a few lines."""

from actorstance.importers.report import ImportReport


def report(**kw) -> ImportReport:
    base = dict(format="seesaw", source="in", output="out", documents=2, actors=5, mentions=7, records=10,
                stances=7, skipped={"tied_conflict": 2, "merged_duplicate": 1}, mapped={"placeholder_actors": 1},
                coverage={"source_listed": 6}, split_documents={"train": 1, "test": 1},
                split_stances={"train": 4, "test": 3})
    return ImportReport(**{**base, **kw})


def test_accounted_only_when_records_equal_stances_plus_skipped():
    assert report().accounted
    assert not report(stances=6).accounted
    assert report().to_dict()["accounted"] is True


def test_render():
    assert report().render().splitlines() == [
        "imported 2 seesaw documents from in into out",
        "  records: 10 read, 7 kept as stances; not kept by rule: merged_duplicate 1, tied_conflict 2",
        "  actors: 5; mentions: 7",
        "  splits: train 1 document (4 stances), test 1 document (3 stances)",
        "  mapped by rule: placeholder_actors 1",
        "  coverage: source_listed 6",
    ]
    empty = ImportReport(format="seesaw", source="in", output="out").render().splitlines()
    assert empty[1:] == ["  records: 0 read, 0 kept as stances; not kept by rule: none", "  actors: 0; mentions: 0",
                         "  splits: none", "  mapped by rule: none", "  coverage: none"]
