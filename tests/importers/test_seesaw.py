"""SEESAW → canonical annotations, on the invented checkout tests/fixtures/seesaw_mini."""

import json
from pathlib import Path

import pytest

from actorstance.annotations import load_annotations
from actorstance.convert import pair_id, stance_pairs
from actorstance.corpus import read_corpus
from actorstance.importers import IMPORTERS, import_seesaw
from actorstance.importers.seesaw import SEESAW_CORPUS, assemble_text, last_name, majority_type, slug, word_matches
from actorstance.importers.seesaw_format import SeesawEntity
from actorstance.schema import GUIDELINE_VERSION
from tests.importers.conftest import SEESAW_MINI


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("import") / "seesaw"
    return out, import_seesaw(SEESAW_MINI, out)


def annotation(out: Path, doc_id: str) -> dict:
    return json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))


def test_registry_maps_format_to_importer():
    assert IMPORTERS["seesaw"] is import_seesaw


def test_report_accounts_for_every_triplet(imported):
    _, report = imported
    assert (report.documents, report.records, report.stances, report.actors, report.mentions) == (4, 17, 12, 17, 22)
    assert report.skipped == {"merged_duplicate": 2, "outvoted_conflict": 1, "tied_conflict": 2}
    assert report.accounted
    assert report.mapped == {"entity_type_tie": 1, "placeholder_actors": 2, "subject_none_to_placeholder": 1,
                             "subject_not_in_the_list_to_placeholder": 1}
    assert report.split_documents == {"train": 2, "test": 1, "validation": 1}
    assert report.split_stances == {"train": 10, "test": 2, "validation": 0}
    assert report.coverage == {"source_listed": 10, "source_mentioned_in_sentence": 10, "target_listed": 12,
                               "target_mentioned_in_sentence": 9, "both_listed": 10, "both_mentioned_in_sentence": 9}


def test_output_layout_validates_and_converts(imported):
    out, _ = imported
    assert sorted(p.name for p in out.iterdir()) == [
        ".actorstance-output", "TRIPLET_900_DOCUMENT_0.json", "TRIPLET_900_DOCUMENT_1.json", "TRIPLET_901_DOCUMENT_0.json",
        "TRIPLET_902_DOCUMENT_0.json", "corpus.json", "splits.json", "texts"]
    assert read_corpus(out) == SEESAW_CORPUS  # what the card of a build from this folder says about SEESAW
    assert json.loads((out / "splits.json").read_text(encoding="utf-8")) == {
        "TRIPLET_900_DOCUMENT_0": "train", "TRIPLET_900_DOCUMENT_1": "train",
        "TRIPLET_901_DOCUMENT_0": "test", "TRIPLET_902_DOCUMENT_0": "validation"}
    docs = load_annotations([out])
    pairs = stance_pairs(docs)
    assert len(pairs) == 12
    # the scope is part of what the pair id hashes, so the same pair in two sentences stays two pairs
    berg_bill = sorted((p for p in pairs if (p.doc_id, p.source_id, p.target_id) == (
        "TRIPLET_900_DOCUMENT_0", "anna_berg", "harbor_bill")), key=lambda p: p.context_start)
    assert [p.scope for p in berg_bill] == ["0-114", "118-162"]
    assert [p.id for p in berg_bill] == [pair_id("TRIPLET_900_DOCUMENT_0", "anna_berg", "harbor_bill", scope)
                                         for scope in [(0, 114), (118, 162)]]
    first = berg_bill[0]
    assert first.context.startswith("Prime Minister Anna Berg criticised")
    assert (first.source_spans, first.target_spans) == (((15, 24),), ((40, 51),))


def test_text_is_the_sentences_joined_by_blank_lines(imported):
    out, _ = imported
    ann = annotation(out, "TRIPLET_900_DOCUMENT_0")
    text = (out / ann["text"]["path"]).read_text(encoding="utf-8")
    assert ann["text"]["path"] == "texts/TRIPLET_900_DOCUMENT_0.txt"
    assert text.startswith("Prime Minister Anna Berg criticised the Harbor Bill on Monday, saying the Farmers League "
                           "had written it in secret.\n\n\n\nBerg said the bill would hurt fishing towns.\n\n  "
                           "Opposition leader")
    assert text.endswith("both declined to comment.\n")
    scopes = {s["id"]: s["scope"] for s in ann["stances"]}
    # leading whitespace of a sentence stays in the text but not in its scope
    assert scopes["s3.0"] == {"start": 166, "end": 263, "text": "Opposition leader Lars Holm defended the Harbor "
                              "Bill and thanked the Farmers League for its work."}
    assert scopes["s4.0"]["text"] == "Critics said the plan was rushed.\n\nThe Daily Courier called it reckless."
    for stance in ann["stances"]:
        assert stance["evidence"] == [stance["scope"]]
        assert text[stance["scope"]["start"]:stance["scope"]["end"]] == stance["scope"]["text"]


def test_actors_types_slugs_and_placeholders(imported):
    out, _ = imported
    actors = [(a["id"], a["name"], a["type"]) for a in annotation(out, "TRIPLET_900_DOCUMENT_0")["actors"]]
    assert actors == [
        ("anna_berg", "Anna Berg", "person"),  # People, People, Organization: majority
        ("lars_holm", "Lars Holm", "person"),
        ("harbor_bill", "Harbor Bill", "other"),  # Topic, Event: both other
        ("farmers_league", "Farmers League", "organisation"),  # Organization vs GPE: tie, broken by order
        ("erik_holm", "Erik Holm", "person"),
        ("nordland", "Nordland", "government"),
        ("nordland_2", "NORDLAND", "organisation"),  # same slug as Nordland
        ("seesaw:none", "None", "other"),
        ("seesaw:not_in_list", "Not in the list", "other"),
    ]
    assert annotation(out, "TRIPLET_900_DOCUMENT_1")["actors"][0]["id"] == "zoe_lind"
    # placeholders only where a triplet uses them
    assert [a["id"] for a in annotation(out, "TRIPLET_901_DOCUMENT_0")["actors"]] == [
        "tomas_vik", "green_bloc", "ferry_line"]


def test_one_stance_per_sentence_pair_with_conflicts_resolved(imported):
    out, _ = imported
    stances = {s["id"]: s for s in annotation(out, "TRIPLET_900_DOCUMENT_0")["stances"]}
    assert [(i, s["source"], s["target"], s["label"], s["annotators"]) for i, s in stances.items()] == [
        ("s0.0", "anna_berg", "harbor_bill", "negative", ["seesaw-A", "seesaw-C"]),
        ("s0.1", "anna_berg", "farmers_league", "negative", ["seesaw-B"]),
        ("s2.0", "anna_berg", "harbor_bill", "negative", ["seesaw-A"]),
        ("s3.0", "lars_holm", "harbor_bill", "positive", ["seesaw-A"]),
        ("s3.1", "lars_holm", "farmers_league", "positive", ["seesaw-A", "seesaw-B"]),
        ("s4.0", "seesaw:none", "harbor_bill", "negative", ["seesaw-A"]),
        ("s4.1", "seesaw:not_in_list", "harbor_bill", "negative", ["seesaw-B"]),
    ]  # sentence 5: Holm→Berg NEG (A) vs POS (B) is a tie: skipped and counted
    assert stances["s0.0"]["note"] == "merged from SEESAW triplets 0.0, 0.2 (same label)"
    assert all(s["explicit"] is True for s in stances.values())
    [lind] = [s for s in annotation(out, "TRIPLET_900_DOCUMENT_1")["stances"] if s["id"] == "s0.0"]
    assert (lind["label"], lind["annotators"]) == ("positive", ["seesaw-A", "seesaw-C"])
    assert lind["note"] == ("merged from SEESAW triplets 0.0, 0.1, 0.2 (annotators negative: B; positive: A, C; "
                            "majority label kept)")


def test_mentions_by_exact_name_and_unambiguous_last_name(imported):
    out, _ = imported
    ann = annotation(out, "TRIPLET_900_DOCUMENT_0")
    mentions = [(m["actor"], m["text"], m["start"]) for m in ann["mentions"]]
    assert mentions == [
        ("anna_berg", "Anna Berg", 15), ("harbor_bill", "Harbor Bill", 40), ("farmers_league", "Farmers League", 74),
        ("anna_berg", "Berg", 118), ("lars_holm", "Lars Holm", 184), ("harbor_bill", "Harbor Bill", 207),
        ("farmers_league", "Farmers League", 235),
        ("anna_berg", "Berg", 352),  # "Holm" alone is not a mention: Lars and Erik Holm share it
        ("erik_holm", "Erik Holm", 384), ("nordland_2", "NORDLAND", 430), ("nordland", "Nordland", 468),
    ]
    assert [m["id"] for m in ann["mentions"]] == [f"m{i}" for i in range(1, 12)]
    stances = {s["id"]: s["mentions"] for s in ann["stances"]}
    assert stances == {"s0.0": ["m1", "m2"], "s0.1": ["m1", "m3"], "s2.0": ["m4"], "s3.0": ["m5", "m6"],
                       "s3.1": ["m5", "m7"], "s4.0": [], "s4.1": []}


def test_provenance_annotators_and_metadata(imported):
    out, _ = imported
    ann = annotation(out, "TRIPLET_900_DOCUMENT_0")
    assert [(a["id"], a["kind"]) for a in ann["annotators"]] == [
        ("seesaw-import", "import"), ("seesaw-A", "human"), ("seesaw-B", "human"), ("seesaw-C", "human")]
    assert "Appendix A" in ann["annotators"][1]["note"]
    assert (ann["guideline_version"], ann["language"], ann["schema_version"]) == (GUIDELINE_VERSION, "en", "1.0")
    assert ann["source"] == {"outlet": "Invented Gazette", "url": "https://example.org/gazette/harbor"}
    assert ann["metadata"] == {
        "allsides_bias_label": "1", "article_index": "0", "corpus": "SEESAW", "corpus_license": "CC BY-NC-SA 4.0",
        "corpus_split": "train", "explicit": "not annotated by SEESAW; every imported stance has explicit=true",
        "story_id": "900", "story_time": "2030-05-06", "story_title": "The Harbor Bill fight",
        "story_topic": "fisheries", "story_url": "https://example.org/story/harbor-bill",
        "title": "Berg slams harbor bill as secret deal"}
    empty = annotation(out, "TRIPLET_902_DOCUMENT_0")
    assert ([a["id"] for a in empty["annotators"]], empty["actors"], empty["stances"]) == (["seesaw-import"], [], [])


def test_output_is_byte_identical_across_runs_and_replaces_an_earlier_import(tmp_path, imported):
    first, _ = imported
    second = tmp_path / "again"
    import_seesaw(SEESAW_MINI / "SEESAW", second)
    (second / "stale.json").unlink(missing_ok=True)
    import_seesaw(SEESAW_MINI / "SEESAW", second)  # over an earlier import: replaced whole  # the SEESAW/ folder itself is accepted too
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_assemble_text_offsets():
    assert assemble_text(("A b.", "", " C.")) == ("A b.\n\n\n\n C.\n", [(0, 4), None, (9, 11)])
    assert assemble_text(()) == ("\n", [])


def test_slug_last_name_and_word_matches():
    assert [slug(n) for n in ("Zoë Lind", "U.S. Senate", "Trump’s wall", "!!!")] == [
        "zoe_lind", "u_s_senate", "trumps_wall", "entity"]
    assert len(slug("x" * 100)) == 60
    assert [last_name(n) for n in ("Anna Berg", "Martin Luther King Jr.", "Madonna", "Anna van")] == [
        "Berg", "King", None, None]
    assert word_matches("Berg, Bergman and Berg. _Berg", "Berg") == [(0, 4), (18, 22)]
    assert word_matches("Ms. Berg-Holm", "Berg") == [(4, 8)]


def test_majority_type_breaks_ties_by_documented_order():
    assert majority_type(SeesawEntity("x", ("other", "person", "other"), ("A", "B", "C"))) == ("other", False)
    assert majority_type(SeesawEntity("x", ("government", "organisation"), ("A", "B"))) == ("organisation", True)
    assert majority_type(SeesawEntity("x", ("other", "person"), ("A", "B"))) == ("person", True)


def test_each_annotator_keeps_their_own_version_with_shared_actor_ids(tmp_path):
    from actorstance.annotations import load_annotations
    from actorstance.importers import import_seesaw_annotators
    from tests.importers.conftest import SEESAW_MINI

    report = import_seesaw_annotators(SEESAW_MINI, tmp_path / "out")
    assert report.annotator_documents == {"seesaw-A": 2, "seesaw-B": 2, "seesaw-C": 2, "seesaw-D": 1}
    docs = {folder.name: {d.doc_id: d for d in load_annotations([folder])}
            for folder in sorted((tmp_path / "out").iterdir()) if folder.is_dir()}
    a, b = docs["seesaw-A"]["TRIPLET_900_DOCUMENT_0"], docs["seesaw-B"]["TRIPLET_900_DOCUMENT_0"]
    assert [x.id for x in a.annotation.annotators] == ["seesaw-import", "seesaw-A"]
    assert {(s.source, s.target, s.label) for s in b.annotation.stances} == {
        ("anna_berg", "farmers_league", "negative"), ("lars_holm", "farmers_league", "positive"),
        ("seesaw:not_in_list", "harbor_bill", "negative"), ("lars_holm", "anna_berg", "positive")}
    # A said Lars Holm -> Anna Berg negative where B said positive: both versions keep their own label
    assert [s.label for s in a.annotation.stances if (s.source, s.target) == ("lars_holm", "anna_berg")] == ["negative"]
    shared = {m.id for m in a.annotation.actors} & {m.id for m in b.annotation.actors}
    assert {"anna_berg", "lars_holm", "harbor_bill", "farmers_league"} <= shared
    assert a.annotation.mentions == b.annotation.mentions
    assert "TRIPLET_902_DOCUMENT_0" not in {d for v in docs.values() for d in v}  # nobody annotated it
