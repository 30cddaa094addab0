import json
import re
from dataclasses import fields

import pytest

from actorstance.annotations import load_annotations
from actorstance.convert import (
    StancePair, candidate_pairs, convert_files, document_configs, document_pairs, document_records, iter_stance_pairs,
    pair_id, stance_pairs,
)
from actorstance.dataset.probes import id_shape
from actorstance.errors import PairIdError
from actorstance.jsonl import dumps
from tests.conftest import TINY


def tiny_pairs(**kw):
    return {p.id: p for p in stance_pairs(load_annotations([TINY]), **kw)}


def test_annotated_pairs_carry_label_direction_and_evidence():
    pairs = tiny_pairs()
    p = pairs[pair_id("tiny_a", "berg", "holm")]
    assert (p.source, p.source_type, p.target, p.target_type) == ("Anna Berg", "person", "Lars Holm", "person")
    assert (p.label, p.explicit, p.stance_id) == ("positive", True, "s1")
    assert p.evidence == ("praised President Lars Holm for his “steady leadership”",)
    assert pairs[pair_id("tiny_a", "holm", "berg")].label == "positive"  # the reverse direction is its own pair
    assert len(pairs) == 6 and all(p.label != "none" for p in pairs.values())


def test_context_is_the_paragraph_of_the_closest_mentions_with_relative_spans():
    p = tiny_pairs()[pair_id("tiny_a", "green_bloc", "berg")]
    assert p.context.startswith("The opposition Green Bloc condemned Berg’s budget.")
    assert [p.context[s:e] for s, e in p.source_spans] == ["The opposition Green Bloc", "the bloc"]
    assert [p.context[s:e] for s, e in p.target_spans] == ["Berg"]
    doc = load_annotations([TINY])[0]
    assert doc.text[p.context_start:p.context_start + len(p.context)] == p.context


def test_context_rule_ignores_the_label():
    pairs = tiny_pairs(candidates=True)
    # same actors, either direction, annotated or not: the context depends on mentions only
    berg_bloc, bloc_berg = pairs[pair_id("tiny_a", "berg", "green_bloc")], pairs[pair_id("tiny_a", "green_bloc", "berg")]
    assert berg_bloc.context == bloc_berg.context
    assert pairs[pair_id("tiny_a", "berg", "green_bloc")].label == "none"


def test_candidates_cover_co_occurring_unannotated_ordered_pairs():
    docs = load_annotations([TINY])
    assert ("lind", "holm") in candidate_pairs(docs[0])
    assert ("northern_front", "holm") not in candidate_pairs(docs[1])  # never in a common paragraph
    assert ("holm", "saleh") in candidate_pairs(docs[1])
    pairs = tiny_pairs(candidates=True)
    none = {i for i, p in pairs.items() if p.label == "none"}
    lind_holm = pair_id("tiny_a", "lind", "holm")
    assert lind_holm in none and pair_id("tiny_a", "holm", "lind") not in none  # annotated: neutral
    assert pairs[lind_holm].explicit is None and pairs[lind_holm].evidence == ()
    assert len(pairs) == 24


def test_pair_ids_are_opaque_of_one_shape_and_tell_pairs_apart():
    ids = [pair_id("d", "a", "b"), pair_id("d", "b", "a"), pair_id("d", "a", "b", (10, 42)),
           pair_id("d", "a", "b", (10, 43)), pair_id("d", "a:b", "c"), pair_id("d", "a", "b:c")]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"d/[0-9]{16}", i) for i in ids)
    assert pair_id("other", "a", "b") == "other/" + pair_id("d", "a", "b").split("/")[1]  # DOC/ is a plain prefix


def test_ids_are_stable_and_output_is_byte_identical():
    first = "\n".join(dumps(p.to_record()) for p in stance_pairs(load_annotations([TINY]), candidates=True))
    second = "\n".join(dumps(p.to_record()) for p in stance_pairs(load_annotations([TINY]), candidates=True))
    assert first == second
    ids = [p.id for p in stance_pairs(load_annotations([TINY]), candidates=True)]
    assert ids == sorted(ids)


def test_scoped_stance_uses_its_scope_as_context(edit_annotation, tiny_copy):
    def change(d):
        d["stances"][0]["scope"] = {"start": 20, "end": 111, "text": "Prime Minister Anna Berg praised President "
                                    "Lars Holm for his “steady leadership” on Monday."}

    edit_annotation(change)
    p = {p.id: p for p in stance_pairs(load_annotations([tiny_copy]))}[pair_id("tiny_a", "berg", "holm", (20, 111))]
    assert p.context.endswith("on Monday.") and p.context_start == 20 and p.scope == "20-111"
    assert [p.context[s:e] for s, e in p.target_spans] == ["President Lars Holm", "his"]


def test_scoped_candidates_have_the_form_of_annotated_rows(edit_annotation, tiny_copy):
    """In a scoped document every co-mentioned pair gets a row in every unit: same id shape, the
    unit as context, whatever the label (issue 12: `none` rows used to differ in both)."""
    def change(d):
        for stance in d["stances"]:
            stance["scope"] = {"start": 20, "end": 111, "text": "Prime Minister Anna Berg praised President "
                               "Lars Holm for his “steady leadership” on Monday."}
        d["stances"] = d["stances"][:1]

    edit_annotation(change)
    [doc] = [d for d in load_annotations([tiny_copy]) if d.doc_id == "tiny_a"]
    pairs, candidates = document_configs(doc)
    assert [p.id for p in pairs] == [pair_id("tiny_a", "berg", "holm", (20, 111))]
    assert {id_shape(p.id) for p in candidates} == {"a_a/9"}
    assert {(p.context_start, p.context, p.scope) for p in candidates} == {(pairs[0].context_start, pairs[0].context,
                                                                            "20-111")}
    assert sorted((p.source_id, p.target_id) for p in candidates) == candidate_pairs(doc)
    assert {p.label for p in candidates if p.stance_id is None} == {"none"} and pairs[0] in candidates


def test_record_has_every_dataset_column_in_order():
    from actorstance.columns import COLUMNS

    record = next(iter(tiny_pairs().values())).to_record()
    assert tuple(record) == COLUMNS
    assert record["source_spans"][0].keys() == {"start", "end"}


def test_context_spans_all_paragraphs_that_mention_both_actors():
    p = tiny_pairs()[pair_id("tiny_a", "holm", "berg")]
    assert p.context.startswith("Prime Minister Anna Berg") and p.context.endswith("Eva Lind.")


def test_context_falls_back_to_the_closest_mentions_when_no_paragraph_has_both(tiny_copy):
    import json

    path = tiny_copy / "doc_b.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    evidence = {"start": 118, "end": 141, "text": "did not comment on Pres"}  # offsets checked by the loader
    data["stances"].append({"id": "s3", "source": "northern_front", "target": "holm", "label": "neutral",
                            "explicit": False, "evidence": [evidence]})
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    p = {p.id: p for p in stance_pairs(load_annotations([tiny_copy]))}[pair_id("tiny_b", "northern_front", "holm")]
    assert p.context.startswith("General Omar Saleh accused") and p.context.endswith("in the capital.")
    assert [p.context[s:e] for s, e in p.target_spans] == ["President Lars Holm"]
    assert [p.context[s:e] for s, e in p.source_spans] == ["the Northern Front", "The Front"]


def test_convert_files_streams_the_same_rows_as_stance_pairs(tiny_copy, tmp_path):
    # doc ids where one is a prefix of the other: one-document-at-a-time order must still be id order
    for file, doc_id in {"doc_a.json": "tiny", "doc_b.json": "tiny-b"}.items():
        data = json.loads((tiny_copy / file).read_text(encoding="utf-8"))
        data["doc_id"] = doc_id
        (tiny_copy / file).write_text(json.dumps(data), encoding="utf-8")
    summary = convert_files([tiny_copy], tmp_path / "pairs.jsonl", candidates=True)
    expected = [dumps(p.to_record()) for p in stance_pairs(load_annotations([tiny_copy]), candidates=True)]
    assert (tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines() == expected
    assert (summary.pairs, summary.documents) == (len(expected), 2)
    assert summary.none_pairs == sum('"label":"none"' in line for line in expected)
    ids = [json.loads(line)["id"] for line in expected]
    assert ids == sorted(ids) and ids[0].startswith("tiny-b/")


def test_iter_stance_pairs_refuses_documents_out_of_order():
    docs = load_annotations([TINY])
    with pytest.raises(ValueError, match="documents out of order: 'tiny_a' after 'tiny_b'"):
        list(iter_stance_pairs(reversed(docs)))
    assert [p.id for p in iter_stance_pairs(docs, candidates=True)] == [p.id for p in stance_pairs(docs, candidates=True)]


def test_to_record_is_the_json_form_of_every_field():
    pair = next(iter(tiny_pairs().values()))
    record = pair.to_record()
    assert list(record) == [f.name for f in fields(StancePair)]
    assert record["source_spans"] == [{"start": s, "end": e} for s, e in pair.source_spans]
    assert isinstance(record["evidence"], list) and isinstance(record["annotators"], list)


def _scope_first_stance(d):
    d["stances"][0]["scope"] = {"start": 20, "end": 111, "text": "Prime Minister Anna Berg praised President "
                                "Lars Holm for his “steady leadership” on Monday."}


def test_a_corpus_of_scoped_and_unscoped_documents_has_one_id_shape(edit_annotation, tiny_copy):
    """tiny_a scoped, tiny_b not: every row of both configs has the id shape of the other one's rows."""
    edit_annotation(_scope_first_stance)
    docs = load_annotations([tiny_copy])
    rows = [p for doc in docs for config in document_configs(doc) for p in config]
    assert {p.scope is None for p in rows} == {True, False} and {p.label for p in rows} >= {"none", "positive"}
    assert {id_shape(p.id) for p in rows} == {"a_a/9"}
    assert {len(p.id) for p in rows} == {len("tiny_a/") + 16}
    assert all(p.id == pair_id(p.doc_id, p.source_id, p.target_id,
                               tuple(map(int, p.scope.split("-"))) if p.scope else None) for p in rows)


def test_ids_stay_when_another_stance_is_added(edit_annotation, tiny_copy):
    """A predictions file keyed by ids keeps matching when a document gains a stance, also one in an
    earlier sentence (the id hashes the scope's offsets, not the unit's rank)."""
    def rows():
        return {p.id: (p.source_id, p.target_id, p.scope, p.label)
                for p in stance_pairs(load_annotations([tiny_copy]), candidates=True)}

    sentence_1 = {"start": 20, "end": 111, "text": "Prime Minister Anna Berg praised President Lars Holm for his "
                                                   "“steady leadership” on Monday."}
    sentence_2 = {"start": 112, "end": 129, "text": "Holm thanked her."}
    first = {}

    def keep_the_second_sentence(d):
        first.update(d["stances"].pop(0))
        d["stances"][0]["scope"] = sentence_2

    edit_annotation(keep_the_second_sentence)
    before = rows()
    edit_annotation(lambda d: d["stances"].insert(0, {**first, "scope": sentence_1}))
    after = rows()
    assert before.items() <= after.items() and len(after) > len(before)


def test_two_pairs_with_one_id_are_an_error_not_an_overwrite(monkeypatch):
    import actorstance.convert as convert

    monkeypatch.setattr(convert, "pair_id", lambda doc_id, source, target, scope=None: f"{doc_id}/0000000000000000")
    with pytest.raises(PairIdError) as err:
        stance_pairs(load_annotations([TINY]))
    assert str(err.value) == (
        "document 'tiny_a': pairs berg → holm and holm → berg have the same id 'tiny_a/0000000000000000' (a collision "
        "of the pair-id hash). Fix: rename one of these actors' ids in the annotation file; the id hashes the actor ids.")


@pytest.mark.parametrize("candidates", [False, True])
def test_document_records_are_the_records_of_document_pairs(candidates):
    for doc in load_annotations([TINY]):
        records = document_records(doc, candidates=candidates)
        assert records == [p.to_record() for p in document_pairs(doc, candidates=candidates)]
        assert [list(r) for r in records] == [[f.name for f in fields(StancePair)]] * len(records)


def test_convert_files_reads_a_corpus_in_file_name_order_once(tiny_copy, tmp_path, monkeypatch):
    import actorstance.annotations as annotations

    expected = [dumps(p.to_record()) for p in stance_pairs(load_annotations([tiny_copy]), candidates=True)]
    reads = []
    load = annotations.load_annotation
    monkeypatch.setattr(annotations, "load_annotation", lambda path: reads.append(path.name) or load(path))
    monkeypatch.setattr(annotations, "_peek", lambda file: pytest.fail("no doc_id peek when the names give the order"))
    summary = convert_files([tiny_copy], tmp_path / "pairs.jsonl", candidates=True)
    assert (tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines() == expected
    assert sorted(reads) == ["doc_a.json", "doc_b.json"] and summary.documents == 2


def test_convert_files_starts_again_in_doc_id_order_when_the_names_mislead(tiny_copy, tmp_path):
    for file, doc_id in {"doc_a.json": "zz", "doc_b.json": "aa"}.items():  # file-name order is not doc_id order
        data = json.loads((tiny_copy / file).read_text(encoding="utf-8"))
        data["doc_id"] = doc_id
        (tiny_copy / file).write_text(json.dumps(data), encoding="utf-8")
    summary = convert_files([tiny_copy], tmp_path / "pairs.jsonl")
    ids = [json.loads(line)["id"] for line in (tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids) and ids[0].startswith("aa/") and ids[-1].startswith("zz/")
    assert (summary.documents, summary.pairs) == (2, len(ids))


def test_document_configs_rows_are_the_stance_pairs_their_fields_make():
    for doc in load_annotations([TINY]):
        for rows in document_configs(doc):
            for pair in rows:
                assert pair == StancePair(**{f.name: getattr(pair, f.name) for f in fields(StancePair)})
                assert list(vars(pair)) == [f.name for f in fields(StancePair)]
                with pytest.raises(AttributeError):
                    pair.label = "none"  # still frozen
