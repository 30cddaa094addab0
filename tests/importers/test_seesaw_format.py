"""Reading SEESAW's format: every malformed record is an error naming its file and JSON path."""

import json
from pathlib import Path

import pytest

from actorstance.errors import ImportFormatError
from actorstance.importers import import_seesaw
from actorstance.importers.seesaw_format import checkout_root, json_path, read_seesaw
from tests.conftest import json_error
from tests.importers.conftest import SEESAW_MINI

#: Not JSON: the third line is no property name.
BROKEN_JSON = '{\n "title": "x",\n oops\n}'
RESTORE = "Fix: restore the file from the SEESAW release."


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportFormatError) as info:
        read_seesaw(path)
    return [str(p) for p in info.value.problems]


def test_reads_the_invented_checkout_sorted_by_doc_id():
    articles = read_seesaw(SEESAW_MINI)
    assert [a.doc_id for a in articles] == ["TRIPLET_900_DOCUMENT_0", "TRIPLET_900_DOCUMENT_1",
                                            "TRIPLET_901_DOCUMENT_0", "TRIPLET_902_DOCUMENT_0"]
    first = articles[0]
    assert (first.story, first.index, first.split, len(first.sentences)) == ("900", 0, "train", 7)
    assert first.entities[0].types == ("person", "person", "organisation")
    # triplets come sorted by (sentence, id) although the file lists sentence "3" first
    assert [(t.sentence, t.id) for t in first.triplets][:4] == [(0, 0), (0, 1), (0, 2), (2, 0)]
    assert first.triplets[0].label == "negative"
    assert first.article_meta == {"source": "Invented Gazette", "url": "https://example.org/gazette/harbor",
                                  "bias_label": "1"}


def test_json_path_quotes_keys_that_are_not_identifiers():
    assert json_path(("sentence-level stances", "3", 0, "sentiment")) == '["sentence-level stances"]["3"][0].sentiment'
    assert json_path(("text", 1, "id")) == "text[1].id"


def test_not_a_checkout(tmp_path):
    with pytest.raises(ImportFormatError) as info:
        checkout_root(tmp_path)
    assert str(info.value) == (
        f"1 problem in the imported corpus:\n  {tmp_path}: not a SEESAW checkout: found no annotations/, articles/ "
        "and meta/ folders in it or in its SEESAW/ folder. Fix: pass the folder that holds SEESAW/, or SEESAW/ itself.")


def test_bad_triplets_are_all_reported_with_json_paths(edit_seesaw, seesaw_copy):
    def change(d):
        stances = d["sentence-level stances"]
        stances["3"][0]["sentiment"] = "NEU"
        stances["0"][1]["subject"] = "Anna Berk"
        stances["1"] = []  # a blank sentence
        stances["2"].append({"id": 0, "subject": "Anna Berg", "sentiment": "POS", "object": "Nordland",
                             "annotators": []})
        stances["5"].append(["x"])
        stances["5"].append({"id": "7", "subject": "Anna Berg", "sentiment": "POS", "object": "Nordland",
                             "annotators": ["A"]})

    path = edit_seesaw("annotations/TRIPLET_900_DOCUMENT_0.json", change)
    sl = '["sentence-level stances"]'
    names = "'Anna Berg', 'Erik Holm', 'Farmers League', 'Harbor Bill', 'Lars Holm', 'NORDLAND', 'Nordland', " \
            "'None', 'Not in the list'"
    assert problems(seesaw_copy) == [
        f'{path}: {sl}["3"][0].sentiment: expected "POS" or "NEG", got "NEU". Fix: use POS or NEG.',
        f"{path}: {sl}[\"0\"][1].subject: subject 'Anna Berk' is not in the article's entity lists. "
        f"Fix: use one of: {names}.",
        f'{path}: {sl}["2"][1].annotators: expected a non-empty list of annotators, got []. {RESTORE}',
        f'{path}: {sl}["2"][1].id: triplet id 0 is used twice in sentence 2. '
        "Fix: give every triplet of a sentence its own id.",
        f'{path}: {sl}["5"][2]: expected a triplet object, got ["x"]. {RESTORE}',
        f'{path}: {sl}["5"][3].id: expected an integer, got "7". {RESTORE}',
        f"{path}: {sl}[\"1\"]: no sentence '1' in the article (7 sentences numbered from 0; blank ones cannot hold "
        "a stance). Fix: use the index of a non-blank sentence of the article.",
    ]


def test_bad_entity_records(edit_seesaw, seesaw_copy):
    def change(d):
        entities = d["entity lists"]
        entities[2][1][1] = "Topics"
        entities[4][3] = ["B", "C"]
        entities.append(["Nordland", ["GPE"], ["Salient"], ["B"]])
        entities.append("Nordland")
        entities.append(["None", ["People"], ["Salient"], ["B"]])

    path = edit_seesaw("annotations/TRIPLET_900_DOCUMENT_0.json", change)
    assert problems(seesaw_copy) == [
        f'{path}: ["entity lists"][2][1][1]: unknown entity type \'Topics\'. '
        "Fix: use one of: People, Organization, GPE, Topic, Event, Religion, Others.",
        f'{path}: ["entity lists"][4]: 1 entity type(s) for 2 annotator(s). '
        "Fix: give one type per annotator, in the annotators' order.",
        f'{path}: ["entity lists"][7][0]: entity \'Nordland\' is listed twice (also ["entity lists"][5]). '
        "Fix: merge the two entries.",
        f'{path}: ["entity lists"][8]: expected [name, [types], [Main/Salient], [annotators]], got "Nordland". '
        f"{RESTORE}",
        f'{path}: ["entity lists"][9][0]: entity named \'None\', which SEESAW triplets use for \'no listed entity\'. '
        "Fix: rename the entity.",
    ]


def test_bad_files_articles_and_meta(edit_seesaw, seesaw_copy):
    root = seesaw_copy / "SEESAW"
    article = edit_seesaw("articles/TRIPLET_900_DOCUMENT_1.json", lambda d: d["text"][1].update(id=7))
    edit_seesaw("meta/TRIPLET_901.json", lambda d: d.update(Split="dev"))
    edit_seesaw("meta/TRIPLET_900.json", lambda d: d.pop("Meta info for article 1"))
    (root / "annotations" / "TRIPLET_902_DOCUMENT_0.json").write_text(BROKEN_JSON, encoding="utf-8")
    (root / "articles" / "TRIPLET_901_DOCUMENT_0.json").write_text("\n", encoding="utf-8")
    (root / "articles" / "TRIPLET_903_DOCUMENT_0.json").write_text("{}", encoding="utf-8")
    (root / "meta" / "notes.json").write_text("{}", encoding="utf-8")
    assert problems(seesaw_copy) == [
        f"{root / 'meta' / 'notes.json'}: unexpected file name (expected names like TRIPLET_000.json). "
        "Fix: rename or remove the file.",
        f"{root / 'articles' / 'TRIPLET_903_DOCUMENT_0.json'}: no annotations "
        f"{root / 'annotations' / 'TRIPLET_903_DOCUMENT_0.json'} for this article. "
        "Fix: restore the annotation file, or remove the article file.",
        f"{article}: text[1].id: expected sentence id 1 (its position), got 7. "
        "Fix: number sentences 0, 1, 2, ... in order.",
        f'{root / "meta" / "TRIPLET_900.json"}: ["Meta info for article 1"]: required field is missing. {RESTORE}',
        f"{root / 'articles' / 'TRIPLET_901_DOCUMENT_0.json'}: is empty. {RESTORE}",
        f"{root / 'meta' / 'TRIPLET_901.json'}: Split: unknown split 'dev'. Fix: use one of: train, valid, test.",
        f"{root / 'annotations' / 'TRIPLET_902_DOCUMENT_0.json'}:3: invalid JSON: "
        f"{json_error(BROKEN_JSON)}. "
        "Fix: fix the JSON syntax, or restore the file from the SEESAW release.",
    ]


def test_missing_story_metadata_and_missing_article(seesaw_copy):
    root = seesaw_copy / "SEESAW"
    (root / "meta" / "TRIPLET_901.json").unlink()
    (root / "articles" / "TRIPLET_902_DOCUMENT_0.json").unlink()
    assert problems(seesaw_copy) == [
        f"{root / 'annotations' / 'TRIPLET_902_DOCUMENT_0.json'}: no article "
        f"{root / 'articles' / 'TRIPLET_902_DOCUMENT_0.json'} for these annotations. "
        "Fix: restore the article file, or remove the annotation file.",
        f"{root / 'annotations' / 'TRIPLET_901_DOCUMENT_0.json'}: no story metadata "
        f"{root / 'meta' / 'TRIPLET_901.json'}. {RESTORE}",
    ]


def test_a_malformed_corpus_writes_nothing(edit_seesaw, seesaw_copy, tmp_path):
    edit_seesaw("meta/TRIPLET_901.json", lambda d: d.update(Split="dev"))
    out = tmp_path / "out"
    with pytest.raises(ImportFormatError):
        import_seesaw(seesaw_copy, out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["seesaw_mini"]  # no temporary folder left behind


def test_a_self_stance_is_skipped_and_counted(edit_seesaw, seesaw_copy, tmp_path):
    edit_seesaw("annotations/TRIPLET_901_DOCUMENT_0.json",
                lambda d: d["sentence-level stances"]["1"][0].update(object="Green Bloc"))
    report = import_seesaw(seesaw_copy, tmp_path / "out")
    assert report.skipped["self_stance"] == 1 and report.accounted
    data = json.loads((tmp_path / "out" / "TRIPLET_901_DOCUMENT_0.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["stances"]] == ["s0.0"]
