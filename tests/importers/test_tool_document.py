"""The rules every annotation-tool import shares: spans → mentions and evidence, actors, stances."""

from __future__ import annotations

import pytest

from actorstance.importers.mapping import read_mapping
from actorstance.importers.report import ImportReport
from actorstance.importers.tool_document import ToolDocument, ToolRelation, ToolSpan, to_annotation

TEXT = "Anna Berg praised Lars Holm. He thanked her.\n\nThe Green Bloc attacked Berg.\n"
MAPPING = read_mapping(None)


def at(surface: str, nth: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(nth):
        i = TEXT.index(surface, i + 1)
    return i, i + len(surface)


def span(sid: str, label: str, surface: str, nth: int = 1, *, actor: str | None = None) -> ToolSpan:
    return ToolSpan(id=sid, label=label, fragments=(at(surface, nth),), text=surface, actor=actor)


BASE = [span("a", "person", "Anna Berg"), span("b", "PER", "Lars Holm"), span("he", "person", "He", actor="Lars Holm"),
        span("her", "person", "her", actor="Anna Berg"), span("ev", "evidence", "Anna Berg praised Lars Holm")]


def run(spans, relations):
    doc = ToolDocument(where="x.json: task 1", doc_id="doc", text=TEXT, annotator="alice", tool="test",
                       spans=list(spans), relations=list(relations))
    report, problems = ImportReport(format="test", source="x", output="y"), []
    imported = to_annotation(doc, MAPPING, report, problems)
    return imported, report, [str(p) for p in problems]


def test_mentions_actors_and_one_stance_with_its_evidence_region():
    imported, report, problems = run(BASE, [ToolRelation("r1", ("Positive",), "a", "b")])
    assert problems == []
    ann = imported.annotation
    assert [(a.id, a.name, a.type) for a in ann.actors] == [("anna_berg", "Anna Berg", "person"),
                                                            ("lars_holm", "Lars Holm", "person")]
    assert [(m.id, m.actor, m.text) for m in ann.mentions] == [
        ("m1", "anna_berg", "Anna Berg"), ("m2", "lars_holm", "Lars Holm"), ("m3", "lars_holm", "He"),
        ("m4", "anna_berg", "her")]
    (stance,) = ann.stances
    assert (stance.source, stance.target, stance.label, stance.explicit) == ("anna_berg", "lars_holm", "positive", True)
    assert [(e.start, e.end, e.text) for e in stance.evidence] == [(0, 27, "Anna Berg praised Lars Holm")]
    assert stance.mentions == ["m1", "m2"]
    assert (report.records, report.stances, report.accounted) == (1, 1, True)
    assert [a.id for a in ann.annotators] == ["alice"]


def test_relations_of_one_pair_merge_and_implied_needs_every_relation_implied():
    rels = [ToolRelation("r1", ("positive", "implied"), "a", "b"), ToolRelation("r2", ("positive",), "her", "he")]
    imported, report, problems = run(BASE, rels)
    assert problems == []
    (stance,) = imported.annotation.stances
    assert stance.explicit is True
    assert report.skipped == {"merged_same_pair": 1} and report.accounted
    assert report.mapped == {"evidence_from_mention_pair": 1}
    assert [e.text for e in stance.evidence] == ["Anna Berg praised Lars Holm", "He thanked her"]


def test_same_actor_relation_joins_an_untyped_pronoun_and_the_name_comes_from_the_first_mention():
    spans = [span("a", "person", "Anna Berg"), span("b", "person", "Lars Holm"), span("he", "person", "He")]
    imported, _, problems = run(spans, [ToolRelation("c", ("same-actor",), "he", "b")])
    assert problems == []
    assert {m.text: m.actor for m in imported.annotation.mentions} == {"Anna Berg": "anna_berg",
                                                                      "Lars Holm": "lars_holm", "He": "lars_holm"}


def test_untyped_mentions_with_different_text_are_different_actors():
    spans = [span("a", "person", "Anna Berg"), span("a2", "person", "Berg", 2)]
    imported, _, problems = run(spans, [])
    assert problems == []
    assert [a.name for a in imported.annotation.actors] == ["Anna Berg", "Berg"]


def test_ignored_labels_are_counted_not_imported():
    mapping_spans = [*BASE, ToolSpan("x", "Place", (at("Green"),), "Green")]
    doc = ToolDocument(where="w", doc_id="doc", text=TEXT, annotator="alice", tool="t", spans=mapping_spans)
    mapping = MAPPING.model_copy(update={"span_labels": {**MAPPING.span_labels, "place": "ignore"}})
    report, problems = ImportReport(format="t", source="s", output="o"), []
    imported = to_annotation(doc, mapping, report, problems)
    assert problems == [] and len(imported.annotation.mentions) == 4
    assert report.ignored == {"span label Place": 1}


def test_selected_whitespace_is_trimmed_and_counted():
    start, end = at("Lars Holm")
    spans = [span("a", "person", "Anna Berg"), ToolSpan("b", "person", ((start - 1, end),), " Lars Holm")]
    imported, report, problems = run(spans, [])
    assert problems == [] and report.mapped == {"whitespace_trimmed": 1}
    assert [(m.start, m.end, m.text) for m in imported.annotation.mentions][1] == (start, end, "Lars Holm")


@pytest.mark.parametrize("spans, relations, expected", [
    ([ToolSpan("a", "politician", (at("Anna Berg"),), "Anna Berg")], [],
     "x.json: task 1: span 'a': unknown span label 'politician'. Fix: relabel the span or map the label in a "
     "--mapping file (span_labels; known: armed group, armed_group, collective, evidence, government, gpe, media, "
     "org, organisation, organization, per, person, state)."),
    ([ToolSpan("a", "person", ((0, 9),), "Anna Borg")], [],
     "x.json: task 1: span 'a': the span's text 'Anna Borg' is not the document's text at its offsets, which is "
     "'Anna Berg'. Fix: annotate the document's own text (the export holds another version of it) or correct the "
     "offsets."),
    ([ToolSpan("a", "person", ((70, 90),), None)], [],
     "x.json: task 1: span 'a': offsets [70, 90) are not a stretch of the 76-character text. Fix: re-export the "
     "document from the tool, or fix start < end within the text (code points, end exclusive)."),
    ([span("a", "person", "Anna Berg"), span("b", "person", "Berg")], [],
     "x.json: task 1: span 'b': mention 'Berg' [5, 9) overlaps mention 'Anna Berg' [0, 9) (span 'a'). Fix: mentions "
     "never overlap (codebook M5): keep the outermost and delete the other."),
    (BASE, [ToolRelation("r1", ("likes",), "a", "b")],
     "x.json: task 1: relation 'r1': unknown relation label 'likes'. Fix: relabel the relation or map the label in a "
     "--mapping file (relation_labels; known: candidate, equiv, implied, negative, negative_implied, neutral, "
     "neutral_implied, positive, positive_implied, same-actor, same_actor)."),
    (BASE, [ToolRelation("r1", ("positive", "negative"), "a", "b")],
     "x.json: task 1: relation 'r1': a stance relation needs exactly one of positive, negative, neutral; it has labels "
     "['positive', 'negative']. Fix: label the relation with one stance label (and 'implied' when the stance is "
     "implied), or delete it."),
    (BASE, [ToolRelation("r1", (), "a", "b")],
     "x.json: task 1: relation 'r1': a stance relation needs exactly one of positive, negative, neutral; it has no "
     "label. Fix: label the relation with one stance label (and 'implied' when the stance is implied), or delete it."),
    (BASE, [ToolRelation("r1", ("positive",), "a", "ev")],
     "x.json: task 1: relation 'r1': its target 'ev' is an evidence region or an ignored span, not a mention. Fix: "
     "draw the relation between two actor mentions."),
    (BASE, [ToolRelation("r1", ("positive",), "a", "her")],
     "x.json: task 1: relation 'r1': relation from 'anna_berg' to itself. Fix: a stance is between two different "
     "actors: redraw or delete the relation."),
    (BASE, [ToolRelation("r1", ("positive",), "a", "b"), ToolRelation("r2", ("negative",), "a", "he")],
     "x.json: task 1: relations 'r1' positive; 'r2' negative: pair anna_berg→lars_holm has more than one label. Fix: "
     "one label per directed pair (codebook 'One label per pair'): keep the dominant stance's relations and delete "
     "the others."),
    ([*BASE, span("g", "organisation", "Green Bloc")], [ToolRelation("r1", ("negative",), "g", "her")],
     "x.json: task 1: relation 'r1': no evidence region holds its mentions, and they lie in different paragraphs. "
     "Fix: draw an evidence region over the words that carry the stance (codebook 'Evidence')."),
    ([span("a", "person", "Anna Berg", actor="Anna Berg"), span("b", "person", "Lars Holm"),
      span("he", "person", "He", actor="Lars Holm")], [ToolRelation("c", ("same-actor",), "a", "he")],
     "x.json: task 1: spans 'a', 'b', 'he': mentions joined into one actor name different actors ('Anna Berg', "
     "'Lars Holm'). Fix: type one actor name on all of them, or remove the same-actor relation that joins them."),
    ([span("a", "person", "Anna Berg"), span("a2", "organisation", "Berg", 2, actor="Anna Berg")], [],
     "x.json: task 1: spans 'a', 'a2': mentions of one actor have different types (organisation, person). Fix: give "
     "every mention of an actor the same label."),
])
def test_every_problem_names_the_item_and_the_fix(spans, relations, expected):
    imported, _, problems = run(spans, relations)
    assert imported is None
    assert problems == [expected]


def test_tool_ids_that_are_not_identifiers_and_a_cited_discontinuous_mention():
    start, end = at("Lars Holm")
    spans = [span("-x_1", "person", "Anna Berg"),  # Label Studio region ids may start with '-' or '_'
             ToolSpan("T2", "person", ((start, start + 4), (start + 5, end)), "Lars Holm"),  # brat: "Lars" + "Holm"
             span("ev", "evidence", "Anna Berg praised Lars Holm")]
    imported, report, problems = run(spans, [ToolRelation("R1", ("positive",), "-x_1", "T2")])
    assert problems == [] and report.mapped["discontinuous_mention_split"] == 1
    ann = imported.annotation
    assert [(m.id, m.text) for m in ann.mentions] == [("m1", "Anna Berg"), ("m2", "Lars"), ("m3", "Holm")]
    assert ann.stances[0].mentions == ["m1", "m2", "m3"]
