"""The codebook linter: each rule on a document that breaks it, exact messages, and the codebook's ids."""

from __future__ import annotations

import json
import re

import pytest

from actorstance.errors import AnnotationError
from actorstance.lint import RULES, lint_paths
from tests.conftest import REPO, TINY

CODEBOOK = REPO / "docs" / "annotation-guidelines.md"
TINY_TEXT = (TINY / "doc_a.txt").read_text(encoding="utf-8")


def rules_of(folder, name="doc_a.json") -> list[str]:
    return [f.rule for f in lint_paths([folder]).findings if f.where.endswith(name)]


def test_the_tiny_fixture_breaks_some_rules_and_is_told_how_to_fix_them():
    result = lint_paths([TINY])
    a = str(TINY / "doc_a.json")
    assert [str(f) for f in result.findings if f.where == a and f.rule in ("A1", "N1", "F2")] == [
        f"{a}: actors[3]: error A1: actor 'courier' is in no stance. Fix: remove the actor and its mentions, or "
        "annotate the stance the article gives it.",
        f"{a}: actors[3].name: error N1: canonical name 'The Daily Courier' starts with an article. Fix: name the "
        "actor 'Daily Courier'; an article that belongs to the name goes into an alias.",
        f"{a}: doc_id: warning F2: doc id 'tiny_a' is not the text file's name 'doc_a'. Fix: name the text file "
        "<doc_id>.txt (before annotating) or use its name as the doc id.",
    ]
    assert (len(result.errors), result.documents) == (2, 2)
    assert str(next(f for f in result.findings if f.rule == "E2")) == (
        f"{a}: stances[0].mentions: warning E2: stance 's1' does not list mention 'm2' ('President Lars Holm'), "
        "which lies inside its evidence. Fix: add 'm2' to its mentions.")


def test_the_seed_has_no_errors_and_only_place_names_to_look_at():
    result = lint_paths([REPO / "data" / "annotations"])
    seed = [f for f in result.findings if f.where.endswith("000_90ff7f66b757b298.json")]
    assert [f.rule for f in seed] == ["M6"] * 5  # "The mutiny in Russia", "marching towards Moscow"... (M7)
    assert "'Moscow' at [1545, 1551) (paragraph 4) names actor 'russia'" in str(seed[3])


def _edit(tiny_copy, change) -> None:
    path = tiny_copy / "doc_a.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _mention(data, mid):
    return next(m for m in data["mentions"] if m["id"] == mid)


def _span(start, end):
    return {"start": start, "end": end, "text": TINY_TEXT[start:end]}


def _set_m4(data):
    start = TINY_TEXT.index("that")
    data["mentions"].append({"id": "m12", "actor": "holm", **_span(start, start + 4)})


def _alias_holm(data):
    next(a for a in data["actors"] if a["id"] == "holm")["aliases"] = ["Holm"]
    data["mentions"] = [m for m in data["mentions"] if m["id"] != "m9"]


@pytest.mark.parametrize(("rule", "change"), [
    ("A2", lambda d: d.update(mentions=[m for m in d["mentions"] if m["id"] != "m11"])),
    ("A3", lambda d: d["actors"][3].update(type="other")),
    ("N2", lambda d: d["actors"][0].update(aliases=["her"])),
    ("M1", lambda d: _mention(d, "m7").update(_span(167, 173))),
    ("M4", _set_m4),
    ("M6", _alias_holm),
    ("M8", lambda d: _mention(d, "m4").update(_span(111, 116))),
    ("C1", lambda d: d["stances"][0].update(evidence=[_span(0, 19)])),
    ("C2", lambda d: d["stances"][0].update(evidence=[_span(0, 19)])),
    ("E1", lambda d: d["stances"][0].update(mentions=["m7"])),
    ("E3", lambda d: d["stances"][0].update(explicit=False)),
])
def test_each_rule_is_found(tiny_copy, rule, change):
    before = rules_of(tiny_copy)
    assert rule not in before
    _edit(tiny_copy, change)
    assert rule in rules_of(tiny_copy)


def test_a_document_without_a_split_and_a_note_that_explains_evidence(tiny_copy):
    (tiny_copy / "splits.json").write_text('{"tiny_b": "test"}', encoding="utf-8")
    [f1] = [f for f in lint_paths([tiny_copy]).findings if f.rule == "F1"]
    assert str(f1) == (f"{tiny_copy / 'doc_a.json'}: doc_id: error F1: document 'tiny_a' has no split (its folder "
                       "splits.json does not list it). Fix: run `actorstance split --seed N` or add it to splits.json.")
    _edit(tiny_copy, lambda d: d["stances"][0].update(evidence=[_span(0, 19)], note="the dateline paragraph"))
    assert "C2" not in rules_of(tiny_copy) and "C1" in rules_of(tiny_copy)


def test_invalid_files_are_reported_as_validate_reports_them(tiny_copy):
    _edit(tiny_copy, lambda d: d["stances"][0].update(label="favourable"))
    with pytest.raises(AnnotationError, match="unknown label 'favourable'"):
        lint_paths([tiny_copy])


def test_every_rule_id_is_in_the_codebooks_checks_table_and_back():
    text = CODEBOOK.read_text(encoding="utf-8")
    table = text.split("### Checks", 1)[1].split("\n#", 1)[0]
    ids = re.findall(r"^\| `([A-Z]\d+)` \|", table, re.MULTILINE)
    assert ids == list(RULES), "the codebook's Checks table and actorstance.lint.RULES differ"
    for rule in RULES.values():
        assert re.search(rf"\*\*{rule.id}\b", text), f"rule {rule.id} is not stated in the codebook"
        assert re.search(rf"^#+ {re.escape(rule.section)}$", text, re.MULTILINE), rule.section
