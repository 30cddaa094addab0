"""The fact-derived statements of the card, on hand-made facts (the built cards are in test_card.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from actorstance.dataset.datasheet import (annotator_limitation, annotators_per_document, labellers, media_bias_use,
                                           outlets_statement, plural, source_limitation)
from actorstance.dataset.facts import AnnotatorFacts, DatasetFacts, DocumentFacts

IMPORT = AnnotatorFacts("x-import", "import", None, None)
ANN_A, ANN_B = AnnotatorFacts("a", "human", None, None), AnnotatorFacts("b", "human", None, None)
LLM = AnnotatorFacts("llm", "model", None, None)


def _doc(doc_id: str, outlet: str | None, *annotators: AnnotatorFacts) -> DocumentFacts:
    return DocumentFacts(doc_id=doc_id, split="test", language="en", outlet=outlet, url=None, published=None,
                         author=None, text_sha256="0" * 64, characters=1, actors=0, mentions=0, stances=0,
                         guideline_version="1.0.0", annotators=annotators, actor_types=(), metadata=())


@pytest.mark.parametrize(("n", "text"), [(0, "0 documents"), (1, "1 document"), (2, "2 documents")])
def test_plural(n, text):
    assert plural(n, "document") == text


def test_an_importer_is_not_a_labeller():
    assert labellers((IMPORT, ANN_A, LLM)) == [ANN_A, LLM]


def test_one_outlet_is_a_single_source_several_are_counted():
    one = (_doc("d1", "Gazette", ANN_A),)
    assert source_limitation(one) == ("- **Single source**: 1 article from Gazette; one outlet's style, "
                                      "topics and framing.\n")
    docs = (_doc("d1", "Post"), _doc("d2", "Gazette"), _doc("d3", "Gazette"), _doc("d4", None))
    assert source_limitation(docs) == (
        "- **Sources**: 4 articles, 3 from 2 outlets, the most frequent (Gazette) with 2 and 1 whose outlet is not "
        "recorded; styles, topics and framings beyond them are not represented.\n")
    assert outlets_statement(docs) == "Outlets: Gazette, Post; not recorded for 1 article."
    assert source_limitation(docs[1:3]) == ("- **Single source**: 2 articles from Gazette; one outlet's style, "
                                            "topics and framing.\n")


def test_unknown_outlets_are_not_one_outlet_nor_several():
    """Two articles of unknown origin may come from one outlet or two: the card claims neither."""
    unknown = (_doc("d1", None), _doc("d2", None))
    assert source_limitation(unknown) == (
        "- **Sources**: 2 articles whose outlets are not recorded, so how many outlets, styles, topics and "
        "framings they cover is unknown.\n")
    assert outlets_statement(unknown) == "Outlets: not recorded for any of the 2 articles."
    assert source_limitation(unknown[:1]) == ("- **Single source**: 1 article whose outlet is not recorded; one "
                                              "outlet's style, topics and framing.\n")
    assert outlets_statement(unknown[:1]) == "Outlet: not recorded."
    assert source_limitation((_doc("d1", "Post"), _doc("d2", None))) == (
        "- **Sources**: 2 articles, 1 from Post and 1 whose outlet is not recorded; styles, topics and framings "
        "beyond them are not represented.\n")
    facts = DatasetFacts(corpus=None, configs=(), documents=unknown)
    assert media_bias_use(facts) == ("- Measuring media bias or public opinion: nothing makes these 2 articles a "
                                     "representative sample of the news.\n")
    assert "single source" in media_bias_use(replace(facts, documents=unknown[:1]))


def test_annotators_single_per_document_or_several():
    single = (_doc("d1", None, IMPORT, ANN_A), _doc("d2", None, IMPORT, ANN_A))
    assert annotators_per_document(single).startswith("Every document was annotated by a single annotator;")
    assert annotator_limitation((IMPORT, ANN_A), single) == ("- **Single annotator**: 1 annotator, no adjudication "
                                                            "or agreement study.\n")
    each = (_doc("d1", None, ANN_A), _doc("d2", None, ANN_B))
    assert annotators_per_document(each).startswith("Every document was annotated by one of the annotators listed;")
    assert annotator_limitation((ANN_A, ANN_B), each) == ("- **Annotators**: 2 annotators, one per document, no "
                                                         "adjudication or agreement study.\n")
    several = (_doc("d1", None, IMPORT, ANN_A, ANN_B), _doc("d2", None, IMPORT, ANN_A), _doc("d3", None, IMPORT),
               _doc("d4", None, IMPORT, ANN_B, LLM))
    assert annotators_per_document(several) == ("2 of 4 documents list more than one annotator; this card records "
                                                "no inter-annotator agreement figure.")
    assert annotator_limitation((IMPORT, ANN_A, ANN_B, LLM), several) == (
        "- **Annotators**: 3 annotators (2 human, 1 model); of 4 documents, 2 have more than one, 1 has one and 1 "
        "has none; this card records no agreement study. Labels were produced by a model (an LLM following the "
        "codebook) and no human review is recorded: treat them as a silver standard.\n")
    assert "1 has none" not in annotator_limitation((ANN_A, ANN_B), (*several[:2], replace(several[2], annotators=(
        ANN_A,))))
